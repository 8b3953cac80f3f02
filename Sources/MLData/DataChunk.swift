import MLNumerics

/// A block of rows in binary form: what every per-chunk kernel consumes.
public struct DataChunk: Sendable {
    /// `rowCount × featureCount`, row-major, in the order of ``Schema/featureNames``.
    public var features: Matrix
    /// One label per row, or empty when the source has no label column.
    public var labels: [Double]
    /// One weight per row (≥ 0), or empty when rows are unweighted (every weight 1).
    public var weights: [Double]

    public init(features: Matrix, labels: [Double] = [], weights: [Double] = []) {
        self.features = features
        self.labels = labels
        self.weights = weights
    }

    public var rowCount: Int { features.rows }
    public var featureCount: Int { features.columns }
    public var hasLabels: Bool { !labels.isEmpty || rowCount == 0 }
    public var isWeighted: Bool { !weights.isEmpty }

    /// The weight of row `i` (1 when unweighted).
    @inlinable
    public func weight(_ i: Int) -> Double { weights.isEmpty ? 1 : weights[i] }
}
