import MLData
import MLNumerics

/// The first-order sums of a chunk: `Σw`, the count of rows with `w > 0`, and the weighted
/// column sums of `[X y]` — the feature sums `Xᵀw` (or `Xᵀ1`) in one `dgemv`.
struct ChunkSums {
    var weightSum = 0.0
    var positiveRows = 0
    /// `p + 1` sums: features, then the label.
    var sums: [Double]

    /// The sums over the chunk's rows `rows` (all of them by default).
    init(_ chunk: DataChunk, rows: Range<Int>? = nil) {
        let rows = rows ?? 0..<chunk.rowCount
        let n = rows.count, p = chunk.featureCount, first = rows.lowerBound
        sums = Array(repeating: 0, count: p + 1)
        guard n > 0 else { return }
        let weights = chunk.weights.isEmpty ? [Double](repeating: 1, count: n) : Array(chunk.weights[rows])
        var labelSum = 0.0
        weights.withUnsafeBufferPointer { w in
            chunk.labels.withUnsafeBufferPointer { y in
                for i in 0..<n where w[i] > 0 {
                    weightSum += w[i]
                    positiveRows += 1
                    labelSum += w[i] * y[first + i]
                }
            }
            chunk.features.withUnsafeBufferPointer { x in
                sums.withUnsafeMutableBufferPointer { s in
                    guard let x = x.baseAddress, let w = w.baseAddress, let s = s.baseAddress else { return }
                    BLAS.multiply(x + first * p, rows: n, columns: p, leadingDimension: p, transposed: true,
                                  vector: w, into: s)
                }
            }
        }
        sums[p] = labelSum
    }

    var mean: [Double] { weightSum > 0 ? sums.map { $0 / weightSum } : sums }
}
