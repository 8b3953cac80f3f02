import MLData
import MLEngine
import MLNumerics

/// The second pass of a clustering's evaluation: `Σwᵢsᵢ` and `Σwᵢ` over the rows, with the
/// silhouette `sᵢ` computed in linear time from the per-cluster sums of the first pass, as
/// Spark's `ClusteringEvaluator` does (squared euclidean, or cosine).
///
/// The mean dissimilarity of row `x` to cluster `B` is, with the sums about `c_B`,
///
///     D(x, B) = ‖x − c_B‖² + Ψ_B/W_B − 2(x − c_B)·Y_B/W_B      (squared euclidean)
///     D(x, B) = 1 − x̂·Y_B/W_B                                  (cosine)
///
/// For a row of weight `w` in cluster `A`: `a = D(x, A)·W_A/(W_A − w)` (its own weight left
/// out), `b = min_{B ≠ A, W_B > 0} D(x, B)`, and `s = 1 − a/b` when `a < b`, `b/a − 1` when
/// `a > b`, 0 when equal or when the row is alone in `A` (Spark's rules).
public struct SilhouetteStatistics: SummablePartialStatistics {
    public typealias Shape = Int

    public internal(set) var weightedSum: Double = 0
    public internal(set) var weightSum: Double = 0

    public init(zeroFor shape: Int = 0) {}

    init(rows x: Matrix, clusters: [Int], weights w: [Double], centers: Matrix, clusterSums: ClusteringMetricsStatistics) {
        let k = clusterSums.shape.k, p = clusterSums.shape.featureCount
        let cosine = clusterSums.shape.cosine
        let W = clusterSums.weights
        var distances = [Double](repeating: 0, count: k)
        for i in 0..<x.rows {
            let wi = w.isEmpty ? 1 : w[i]
            guard wi > 0 else { continue }
            let a = clusters[i]
            for b in 0..<k where W[b] > 0 {
                var dot = 0.0, squared = 0.0
                for t in 0..<p {
                    let v = cosine ? x[i, t] : x[i, t] - centers[b, t]
                    dot += v * clusterSums.sums[b * p + t]
                    squared += v * v
                }
                distances[b] = cosine
                    ? 1 - dot / W[b]
                    : squared + clusterSums.squaredNormSums[b] / W[b] - 2 * dot / W[b]
            }
            var s = 0.0
            if W[a] > wi {
                let own = distances[a] * W[a] / (W[a] - wi)
                var neighbour = Double.infinity
                for b in 0..<k where b != a && W[b] > 0 { neighbour = min(neighbour, distances[b]) }
                if own < neighbour {
                    s = 1 - own / neighbour
                } else if own > neighbour {
                    s = neighbour / own - 1
                }
            }
            weightedSum += wi * s
            weightSum += wi
        }
    }

    public mutating func merge(_ other: SilhouetteStatistics) {
        weightedSum += other.weightedSum
        weightSum += other.weightSum
    }

    public var silhouette: Double { weightedSum / weightSum }

    public func serialized() -> [Double] { [weightedSum, weightSum] }

    public init(serialized values: [Double], shape: Int) throws {
        guard values.count == 2 else {
            throw SerializedStatisticsError(type: "SilhouetteStatistics", expected: 2, found: values.count)
        }
        let check = SerializedStatisticsValidator(type: "SilhouetteStatistics")
        guard values[0].isFinite else { throw check.invalid("the silhouette sum is \(values[0])") }
        weightedSum = values[0]
        weightSum = try check.nonNegative(values[1], "weight sum")
    }
}
