extension LogisticRegressionSummary {
    /// Checks a summary read from a model file: counts a fit can produce, finite numbers
    /// where a fit writes finite numbers, constant features that are features.
    func check(features: [String], _ check: ModelFileChecker) throws(ModelFileError) {
        try check.count(rowCount, "summary.rowCount")
        try check.count(iterations, "summary.iterations")
        try check.require(
            weightSum.isFinite && weightSum > 0, "summary.weightSum is not a finite positive number")
        try check.finite(logLoss, "summary.logLoss")
        try check.finite(objective, "summary.objective")
        try check.finite(gradientNorm, "summary.gradientNorm")
        try check.finite(objectiveHistory, "summary.objectiveHistory")
        try check.require(!objectiveHistory.isEmpty, "summary.objectiveHistory is empty")
        try check.require(constantFeatures.count <= features.count, "summary.constantFeatures lists more names than there are features")
        try check.featureSubset(constantFeatures, "summary.constantFeatures", of: features)
    }
}
