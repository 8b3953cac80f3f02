extension LinearRegressionSummary {
    /// Checks a summary read from a model file against the model's `featureCount` features:
    /// every per-feature array has one entry per feature, counts are non-negative and
    /// consistent, constant features are among `features`, and statistics lie in their
    /// ranges (NaN, written as `null`, stands for "not available" and is accepted).
    /// Returns a one-line reason naming the offending key, or `nil` when the summary is valid.
    func problem(features: [String]) -> String? {
        let p = features.count
        if rowCount < 0 { return "summary.rowCount is negative (\(rowCount))" }
        if positiveWeightRowCount < 0 || positiveWeightRowCount > rowCount {
            return "summary.positiveWeightRowCount \(positiveWeightRowCount) is not in 0...\(rowCount) (summary.rowCount)"
        }
        // Residual degrees of freedom are rows of positive weight minus fitted parameters
        // (at most p + 1); negative only for regularized fits with more features than rows.
        let n = positiveWeightRowCount
        if degreesOfFreedom > n || degreesOfFreedom < n - (p + 1) {
            return "summary.degreesOfFreedom \(degreesOfFreedom) is not in \(n - (p + 1))...\(n)"
        }
        if let iterations, iterations < 0 { return "summary.iterations is negative (\(iterations))" }
        if refinementPasses < 0 { return "summary.refinementPasses is negative (\(refinementPasses))" }
        let arrays: [(String, [Double]?)] = [
            ("coefficientStandardErrors", coefficientStandardErrors), ("tValues", tValues), ("pValues", pValues),
        ]
        for (key, values) in arrays {
            if let values, values.count != p {
                return "summary.\(key) has \(values.count) entries for \(p) features"
            }
        }
        let known = Set(features)
        if constantFeatures.count > p || Set(constantFeatures).count != constantFeatures.count {
            return "summary.constantFeatures has repeated or too many names"
        }
        if let unknown = constantFeatures.first(where: { !known.contains($0) }) {
            return "summary.constantFeatures names '\(unknown)', which is not a feature"
        }
        let nonNegative: [(String, Double?)] = [
            ("weightSum", weightSum), ("residualSumOfSquares", residualSumOfSquares),
            ("meanSquaredError", meanSquaredError), ("rootMeanSquaredError", rootMeanSquaredError),
            ("residualStandardError", residualStandardError), ("fStatistic", fStatistic),
            ("interceptStandardError", interceptStandardError),
        ] + (coefficientStandardErrors ?? []).map { ("coefficientStandardErrors", $0) }
        for (key, value) in nonNegative {
            if let value, value < 0 || value.isInfinite { return "summary.\(key) is not a non-negative finite number" }
        }
        let probabilities: [(String, Double?)] = [("fPValue", fPValue), ("interceptPValue", interceptPValue)]
            + (pValues ?? []).map { ("pValues", $0) }
        for (key, value) in probabilities {
            if let value, !value.isNaN, !(0...1).contains(value) { return "summary.\(key) is not in [0, 1]" }
        }
        let anyFinite: [(String, Double?)] = [
            ("rSquared", rSquared), ("adjustedRSquared", adjustedRSquared),
            ("explainedVariance", explainedVariance), ("interceptTValue", interceptTValue), ("objective", objective),
        ] + (tValues ?? []).map { ("tValues", $0) }
        for (key, value) in anyFinite {
            if let value, value.isInfinite { return "summary.\(key) is infinite" }
        }
        return nil
    }
}
