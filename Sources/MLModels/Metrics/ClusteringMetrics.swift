import Foundation

/// The evaluation metrics of a clustering: the cost, the clusters' sizes, the silhouette as
/// Spark's `ClusteringEvaluator` defines it, and with labels the adjusted Rand index.
///
/// `mlfit evaluate --json` names them `cost`, `clusterSizes`, `clusterWeights`,
/// `silhouette` and `adjustedRandIndex` (with `rows` and `weightSum`); non-finite numbers
/// and metrics that do not apply are `null`.
public struct ClusteringMetrics: Sendable, Hashable {
    public var rows: Int
    public var weightSum: Double
    /// `Σwᵢ·d(xᵢ, c_{a(i)})`, squared euclidean or cosine distance.
    public var cost: Double
    /// Rows per cluster.
    public var clusterSizes: [Int]
    public var clusterWeights: [Double]
    /// The weighted mean silhouette (`nil` with fewer than two non-empty clusters).
    public var silhouette: Double?
    /// scikit-learn's `adjusted_rand_score` against the label, when one was read.
    public var adjustedRandIndex: Double?
}

extension ClusteringMetrics: EvaluationMetrics, Encodable {
    public var textLines: [String] {
        var lines: [(String, String)] = [("cost", cost.description)]
        lines.append(("silhouette", silhouette.map(\.description) ?? "NA (fewer than two clusters with rows)"))
        if let adjustedRandIndex { lines.append(("adjusted Rand index", adjustedRandIndex.description)) }
        lines.append(("cluster sizes", clusterSizes.map(String.init).joined(separator: ", ")))
        if clusterWeights.map({ $0 }) != clusterSizes.map(Double.init) {
            lines.append(("cluster weights", clusterWeights.map(\.description).joined(separator: ", ")))
        }
        return lines.map { $0.padding(toLength: 20, withPad: " ", startingAt: 0) + $1 }
    }

    enum CodingKeys: String, CodingKey {
        case rows, weightSum, cost, clusterSizes, clusterWeights, silhouette, adjustedRandIndex
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rows, forKey: .rows)
        try container.encodeNumber(weightSum, forKey: .weightSum)
        try container.encodeNumber(cost, forKey: .cost)
        try container.encode(clusterSizes, forKey: .clusterSizes)
        try container.encodeNumbers(clusterWeights, forKey: .clusterWeights)
        if let silhouette { try container.encodeNumber(silhouette, forKey: .silhouette) } else { try container.encodeNil(forKey: .silhouette) }
        if let adjustedRandIndex { try container.encodeNumber(adjustedRandIndex, forKey: .adjustedRandIndex) }
    }
}
