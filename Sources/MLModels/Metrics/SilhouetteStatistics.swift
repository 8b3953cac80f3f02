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

    /// The silhouettes of a chunk's rows (normalized for cosine), `rowsPerBlock` rows per GEMM.
    ///
    /// The products come from one `dgemm` per block against the stacked `[C′; Y]` (`2k × p`),
    /// on rows and centers shifted by the centers' mean `m` (`x′ = x − m`, `c′ = c − m`), so
    /// `‖x − c_B‖² = ‖x′‖² − 2x′·c′_B + ‖c′_B‖²` does not cancel far from the origin and
    /// `(x − c_B)·Y_B = x′·Y_B − c′_B·Y_B`. Cosine needs only `x̂·Y_B`.
    init(rows x: Matrix, clusters: [Int], weights w: [Double], centers: Matrix, clusterSums: ClusteringMetricsStatistics) {
        let k = clusterSums.shape.k, p = clusterSums.shape.featureCount, n = x.rows
        let cosine = clusterSums.shape.cosine
        let W = clusterSums.weights
        guard n > 0, k > 0 else { return }
        var shift = [Double](repeating: 0, count: p)
        if !cosine {
            for j in 0..<k {
                for t in 0..<p { shift[t] += centers[j, t] / Double(k) }
            }
        }
        // The stacked right-hand side: the shifted centers (euclidean only), then the sums.
        let stacked = cosine ? k : 2 * k
        var right = [Double](repeating: 0, count: stacked * p)
        var centerNorms = [Double](repeating: 0, count: k), centerDotSums = [Double](repeating: 0, count: k)
        for j in 0..<k {
            let sumRow = cosine ? j : k + j
            for t in 0..<p {
                let y = clusterSums.sums[j * p + t]
                right[sumRow * p + t] = y
                if !cosine {
                    let c = centers[j, t] - shift[t]
                    right[j * p + t] = c
                    centerNorms[j] += c * c
                    centerDotSums[j] += c * y
                }
            }
        }
        let blockRows = 256
        var block = [Double](repeating: 0, count: min(blockRows, n) * p)
        var products = [Double](repeating: 0, count: min(blockRows, n) * stacked)
        var distances = [Double](repeating: 0, count: k)
        var start = 0
        while start < n {
            let m = min(blockRows, n - start)
            for r in 0..<m {
                for t in 0..<p { block[r * p + t] = x[start + r, t] - shift[t] }
            }
            block.withUnsafeBufferPointer { a in
                right.withUnsafeBufferPointer { b in
                    products.withUnsafeMutableBufferPointer { c in
                        guard let pa = a.baseAddress, let pb = b.baseAddress, let pc = c.baseAddress else { return }
                        BLAS.multiply(
                            pa, transposeA: false, pb, transposeB: true, m: m, n: stacked, k: p, lda: p, ldb: p,
                            into: pc, ldc: stacked)
                    }
                }
            }
            for r in 0..<m {
                let i = start + r
                let wi = w.isEmpty ? 1 : w[i]
                guard wi > 0 else { continue }
                var squaredNorm = 0.0
                if !cosine {
                    for t in 0..<p { squaredNorm += block[r * p + t] * block[r * p + t] }
                }
                for b in 0..<k where W[b] > 0 {
                    if cosine {
                        distances[b] = 1 - products[r * stacked + b] / W[b]
                    } else {
                        let toCenter = max(0, squaredNorm - 2 * products[r * stacked + b] + centerNorms[b])
                        let dot = products[r * stacked + k + b] - centerDotSums[b]
                        distances[b] = toCenter + clusterSums.squaredNormSums[b] / W[b] - 2 * dot / W[b]
                    }
                }
                add(silhouetteOf: clusters[i], weight: wi, distances: distances, clusterWeights: W)
            }
            start += m
        }
    }

    /// Spark's rules for one row of cluster `a` from its mean dissimilarities to the clusters.
    private mutating func add(silhouetteOf a: Int, weight wi: Double, distances: [Double], clusterWeights W: [Double]) {
        var s = 0.0
        if W[a] > wi {
            let own = distances[a] * W[a] / (W[a] - wi)
            var neighbour = Double.infinity
            for b in W.indices where b != a && W[b] > 0 { neighbour = min(neighbour, distances[b]) }
            if own < neighbour {
                s = 1 - own / neighbour
            } else if own > neighbour {
                s = neighbour / own - 1
            }
        }
        weightedSum += wi * s
        weightSum += wi
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
