import MLData
import MLNumerics

extension LeastSquaresStatistics {
    /// The statistics of one chunk: one pass for the weighted means and feature ranges, one
    /// to build the centred, weighted block `Zc` (row i is `√wᵢ·(zᵢ − μ)`), then one LAPACK
    /// call (`dgelqf`, triangular form) or one BLAS call (`dsyrk`, Gram form) on the block.
    ///
    /// Centring each chunk at its own mean before forming second moments avoids the
    /// cancellation of raw sums `Σwx² − W·x̄²`; the chunks' moments then merge by Chan's formula.
    public init(chunk: DataChunk, form: Form) throws {
        let p = chunk.featureCount, q = p + 1, n = chunk.rowCount
        self.init(zeroFor: Shape(featureCount: p, form: form))
        guard n > 0 else { return }
        guard chunk.labels.count == n else { throw ModelError.missingLabel }

        moments = WeightedMoments(chunk: chunk)
        let positive = moments.positiveWeightRowCount
        guard moments.weightSum > 0 else { return }
        let mean = moments.mean

        // Pass 2: the centred, weighted block, rows of weight 0 left out.
        var block = [Double](repeating: 0, count: positive * q)
        chunk.features.withUnsafeBufferPointer { x in
            var k = 0
            for i in 0..<n {
                let w = chunk.weight(i)
                guard w > 0 else { continue }
                let s = w.squareRoot()
                let row = i * p, out = k * q
                for j in 0..<p { block[out + j] = s * (x[row + j] - mean[j]) }
                block[out + p] = s * (chunk.labels[i] - mean[p])
                k += 1
            }
        }

        // One factorization or rank-k update for the whole block.
        var second = Matrix(rows: q, columns: q)
        switch form {
        case .gram:
            block.withUnsafeBufferPointer { z in
                second.withUnsafeMutableBufferPointer { c in
                    guard let z = z.baseAddress, let c = c.baseAddress else { return }
                    BLAS.gramUpdate(z, rows: positive, columns: q, leadingDimension: q,
                                    into: c, leadingDimensionC: q, alpha: 1, beta: 0)
                }
            }
        case .triangular:
            let workCount = LAPACK.triangularFactorWorkspace(rows: positive, columns: q)
            var tau = [Double](repeating: 0, count: q)
            var work = [Double](repeating: 0, count: workCount)
            try block.withUnsafeMutableBufferPointer { (z) throws(LinearAlgebraError) in
                try tau.withUnsafeMutableBufferPointer { (t) throws(LinearAlgebraError) in
                    try work.withUnsafeMutableBufferPointer { (w) throws(LinearAlgebraError) in
                        guard let z = z.baseAddress, let t = t.baseAddress, let w = w.baseAddress
                        else { return }
                        try LAPACK.triangularFactor(
                            ofRows: z, rows: positive, columns: q, tau: t, work: w,
                            workCount: workCount)
                    }
                }
            }
            for i in 0..<min(positive, q) {
                for j in i..<q { second[i, j] = block[i * q + j] }
            }
        }
        secondMoments = second
    }
}
