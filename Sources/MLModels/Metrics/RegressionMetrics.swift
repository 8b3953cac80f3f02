import MLEngine

/// Evaluation metrics of regression predictions, with optional weights, as scikit-learn's
/// `mean_squared_error`, `mean_absolute_error`, `r2_score` and `explained_variance_score`
/// (and Spark's `RegressionEvaluator`) define them.
public struct RegressionMetrics: Sendable, Hashable, Codable {
    public var rows: Int
    public var weightSum: Double
    public var meanSquaredError: Double
    public var rootMeanSquaredError: Double
    public var meanAbsoluteError: Double
    /// `1 − Σw(y − ŷ)² / Σw(y − ȳ)²`.
    public var r2: Double
    /// `1 − Var_w(y − ŷ) / Var_w(y)`.
    public var explainedVariance: Double
}

/// The mergeable sums behind ``RegressionMetrics``: weighted means and centred second moments
/// of the label and of the residual (merged by Chan's formula, so no cancellation), and the
/// weighted sum of absolute residuals.
public struct RegressionMetricsStatistics: SerializablePartialStatistics, Hashable {
    public typealias Shape = Int

    public var rows = 0
    public var weightSum = 0.0
    public var labelMean = 0.0
    public var labelMoment = 0.0
    public var residualMean = 0.0
    public var residualMoment = 0.0
    public var absoluteResidualSum = 0.0

    public init(zeroFor shape: Int = 0) {}

    /// The statistics of labels `y`, predictions `ŷ` and weights `w` (empty: all 1).
    public init(labels: [Double], predictions: [Double], weights: [Double]) {
        for i in labels.indices {
            let w = weights.isEmpty ? 1 : weights[i]
            rows += 1
            guard w > 0 else { continue }
            let r = labels[i] - predictions[i]
            weightSum += w
            // West's weighted update of mean and centred moment.
            let dy = labels[i] - labelMean
            labelMean += dy * w / weightSum
            labelMoment += w * dy * (labels[i] - labelMean)
            let dr = r - residualMean
            residualMean += dr * w / weightSum
            residualMoment += w * dr * (r - residualMean)
            absoluteResidualSum += w * abs(r)
        }
    }

    public mutating func merge(_ other: RegressionMetricsStatistics) {
        rows += other.rows
        let wa = weightSum, wb = other.weightSum, w = wa + wb
        guard wb > 0 else { return }
        guard wa > 0 else {
            let keptRows = rows
            self = other
            rows = keptRows
            return
        }
        let dy = other.labelMean - labelMean, dr = other.residualMean - residualMean
        labelMoment += other.labelMoment + dy * dy * wa * wb / w
        residualMoment += other.residualMoment + dr * dr * wa * wb / w
        labelMean += dy * wb / w
        residualMean += dr * wb / w
        absoluteResidualSum += other.absoluteResidualSum
        weightSum = w
    }

    public var metrics: RegressionMetrics {
        let w = weightSum
        let mse = (residualMoment + w * residualMean * residualMean) / w
        return RegressionMetrics(
            rows: rows, weightSum: w, meanSquaredError: mse, rootMeanSquaredError: mse.squareRoot(),
            meanAbsoluteError: absoluteResidualSum / w, r2: 1 - mse * w / labelMoment,
            explainedVariance: 1 - residualMoment / labelMoment)
    }
}

extension RegressionMetricsStatistics {
    /// `[rows, W, ȳ, Σw(y − ȳ)², r̄, Σw(r − r̄)², Σw|r|]`.
    public func serialized() -> [Double] {
        [Double(rows), weightSum, labelMean, labelMoment, residualMean, residualMoment, absoluteResidualSum]
    }

    public init(serialized values: [Double], shape: Int) throws {
        guard values.count == 7 else {
            throw SerializedStatisticsError(type: "RegressionMetricsStatistics", expected: 7, found: values.count)
        }
        let check = SerializedStatisticsValidator(type: "RegressionMetricsStatistics")
        rows = try check.count(values[0], "the row count")
        weightSum = try check.nonNegative(values[1], "the weight sum")
        labelMean = values[2]
        labelMoment = values[3]
        residualMean = values[4]
        residualMoment = values[5]
        absoluteResidualSum = values[6]
    }
}
