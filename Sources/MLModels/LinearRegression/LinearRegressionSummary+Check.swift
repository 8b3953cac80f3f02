extension LinearRegressionSummary {
    /// Checks a summary read from a model file against its features: per-feature arrays of
    /// the right length, counts that a fit can produce, constant features that are features.
    /// Statistics that are legitimately not finite (R² of a constant label, a standard error
    /// without degrees of freedom) may be NaN.
    func check(features: [String], _ check: ModelFileChecker) throws(ModelFileError) {
        let p = features.count
        try check.perFeature(coefficientStandardErrors, "summary.coefficientStandardErrors", featureCount: p)
        try check.perFeature(tValues, "summary.tValues", featureCount: p)
        try check.perFeature(pValues, "summary.pValues", featureCount: p)
        try check.count(rowCount, "summary.rowCount")
        try check.count(positiveWeightRowCount, "summary.positiveWeightRowCount", in: 0...rowCount)
        // Degrees of freedom are the rows of positive weight less the fitted parameters
        // (at most one per feature and the intercept); a regularized fit may have fewer rows.
        let n = positiveWeightRowCount
        try check.count(degreesOfFreedom, "summary.degreesOfFreedom", in: (n - p - 1)...n)
        try check.require(weightSum.isFinite && weightSum >= 0, "summary.weightSum is not a finite non-negative number")
        try check.count(iterations, "summary.iterations")
        try check.count(refinementPasses, "summary.refinementPasses")
        try check.require(constantFeatures.count <= p, "summary.constantFeatures lists more names than there are features")
        try check.featureSubset(constantFeatures, "summary.constantFeatures", of: features)
    }
}
