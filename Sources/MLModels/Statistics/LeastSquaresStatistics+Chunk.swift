import MLData
import MLNumerics

extension LeastSquaresStatistics {
    /// The statistics of one chunk: weighted sums by one `dgemv`; one fused loop that builds
    /// the centred, weighted block `Zc` (row i is `√wᵢ·(zᵢ − μ)`, rows of weight 0 left out)
    /// and the feature ranges; then a QR factorization of the block (``TallSkinnyQR``,
    /// triangular form) or one `dsyrk` (Gram form).
    ///
    /// Centring each chunk at its own mean before forming second moments avoids the
    /// cancellation of raw sums `Σwx² − W·x̄²`; the chunks' moments then merge by Chan's formula.
    public init(chunk: DataChunk, form: Form) throws {
        let p = chunk.featureCount, q = p + 1, n = chunk.rowCount
        self.init(zeroFor: Shape(featureCount: p, form: form))
        guard n > 0 else { return }
        guard chunk.labels.count == n else { throw ModelError.missingLabel }

        let sums = ChunkSums(chunk)
        moments.rowCount = n
        moments.positiveWeightRowCount = sums.positiveRows
        moments.weightSum = sums.weightSum
        guard sums.weightSum > 0 else { return }
        let mean = sums.mean
        moments.mean = mean
        let rows = sums.positiveRows

        // The block is written in full below, so it needs no zero-filling first.
        var block = [Double](unsafeUninitializedCapacity: rows * q) { storage, initialized in
            Self.centre(chunk, mean: mean, into: storage, minimum: &moments.minimum, maximum: &moments.maximum)
            initialized = rows * q
        }

        var second = Matrix(rows: q, columns: q)
        switch form {
        case .gram:
            block.withUnsafeBufferPointer { z in
                second.withUnsafeMutableBufferPointer { c in
                    guard let z = z.baseAddress, let c = c.baseAddress else { return }
                    BLAS.gramUpdate(z, rows: rows, columns: q, leadingDimension: q,
                                    into: c, leadingDimensionC: q, alpha: 1, beta: 0)
                }
            }
        case .triangular:
            try block.withUnsafeMutableBufferPointer { (z) throws(LinearAlgebraError) in
                try second.withUnsafeMutableBufferPointer { (r) throws(LinearAlgebraError) in
                    guard let z = z.baseAddress, let r = r.baseAddress else { return }
                    try TallSkinnyQR.factor(z, rows: rows, columns: q, into: r)
                }
            }
        }
        secondMoments = second
    }

    /// Writes `√wᵢ·(xᵢ − μ, yᵢ − μ_y)` for each row of positive weight into `z` (row-major,
    /// `p + 1` columns) and widens the feature ranges — one pass, pointer loops that the
    /// compiler can vectorize; the unweighted case skips the square roots.
    private static func centre(
        _ chunk: DataChunk, mean: [Double], into z: UnsafeMutableBufferPointer<Double>,
        minimum: inout [Double], maximum: inout [Double]
    ) {
        let p = chunk.featureCount, q = p + 1, n = chunk.rowCount
        guard let out = z.baseAddress else { return }
        chunk.features.withUnsafeBufferPointer { xs in
            mean.withUnsafeBufferPointer { mu in
                minimum.withUnsafeMutableBufferPointer { low in
                    maximum.withUnsafeMutableBufferPointer { high in
                        chunk.labels.withUnsafeBufferPointer { y in
                            guard let x = xs.baseAddress, let mu = mu.baseAddress,
                                let low = low.baseAddress, let high = high.baseAddress,
                                let y = y.baseAddress
                            else { return }
                            var k = 0
                            for i in 0..<n {
                                let w = chunk.weights.isEmpty ? 1 : chunk.weights[i]
                                guard w > 0 else { continue }
                                let s = w == 1 ? 1 : w.squareRoot()
                                let row = x + i * p, target = out + k * q
                                for j in 0..<p {
                                    let v = row[j]
                                    target[j] = s * (v - mu[j])
                                    low[j] = Swift.min(low[j], v)
                                    high[j] = Swift.max(high[j], v)
                                }
                                target[p] = s * (y[i] - mu[p])
                                k += 1
                            }
                        }
                    }
                }
            }
        }
    }
}
