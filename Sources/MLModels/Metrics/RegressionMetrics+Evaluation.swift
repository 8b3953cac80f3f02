import Foundation

extension RegressionMetricsStatistics: EvaluationStatistics {}

/// `mlfit evaluate`'s forms of the regression metrics: lines named as mlfit has always
/// printed them, and JSON keyed by Spark's `RegressionEvaluator` metric names (`rmse`, `mse`,
/// `mae`, `r2`, `explainedVariance`), with the rows and weight sum they cover.
extension RegressionMetrics: EvaluationMetrics {
    public var textLines: [String] {
        [
            ("rmse", rootMeanSquaredError), ("mse", meanSquaredError), ("mae", meanAbsoluteError),
            ("r2", r2), ("explained variance", explainedVariance),
        ].map { name, value in name.padding(toLength: 20, withPad: " ", startingAt: 0) + value.description }
    }

    enum CodingKeys: String, CodingKey {
        case rows, weightSum
        case rootMeanSquaredError = "rmse", meanSquaredError = "mse", meanAbsoluteError = "mae"
        case r2, explainedVariance
    }

    /// Non-finite metrics (no rows, a constant label) are written as `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rows, forKey: .rows)
        try c.encodeNumber(weightSum, forKey: .weightSum)
        try c.encodeNumber(rootMeanSquaredError, forKey: .rootMeanSquaredError)
        try c.encodeNumber(meanSquaredError, forKey: .meanSquaredError)
        try c.encodeNumber(meanAbsoluteError, forKey: .meanAbsoluteError)
        try c.encodeNumber(r2, forKey: .r2)
        try c.encodeNumber(explainedVariance, forKey: .explainedVariance)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rows = try c.decode(Int.self, forKey: .rows)
        weightSum = try c.decodeNumber(forKey: .weightSum)
        rootMeanSquaredError = try c.decodeNumber(forKey: .rootMeanSquaredError)
        meanSquaredError = try c.decodeNumber(forKey: .meanSquaredError)
        meanAbsoluteError = try c.decodeNumber(forKey: .meanAbsoluteError)
        r2 = try c.decodeNumber(forKey: .r2)
        explainedVariance = try c.decodeNumber(forKey: .explainedVariance)
    }
}
