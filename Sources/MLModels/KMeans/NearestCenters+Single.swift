import MLNumerics

extension NearestCenters {
    /// Decides one block of at most ``blockRows`` rows from a single-precision expansion:
    /// the rows rounded to `Float`, one `sgemm` against ``CenterSet/singleCenters``, the scan
    /// on four `Float` lanes, and exact double-precision distances for the rows in doubt.
    ///
    /// Returns false, having called nothing, when the rows or centers are outside the range
    /// of ``CenterSet/fitsSingle(squaredNorm:)`` or more than one row in ``doubtfulShare`` is
    /// in doubt; the caller then computes the block in double precision.
    static func screenInSingle(
        _ x: UnsafePointer<Double>, rows m: Int, norms: UnsafePointer<Double>, centers: CenterSet,
        scratch: inout Scratch, _ body: (Int, Nearest) -> Void
    ) -> Bool {
        let k = centers.count, p = centers.featureCount
        guard centers.screensInSingle, let error = ExpansionError.single(featureCount: p) else { return false }
        for r in 0..<m where !CenterSet.fitsSingle(squaredNorm: norms[r]) { return false }
        if scratch.singleRows.count < m * p { scratch.singleRows = [Float](repeating: 0, count: blockRows * p) }
        if scratch.singleProducts.count < m * k { scratch.singleProducts = [Float](repeating: 0, count: blockRows * k) }
        if scratch.screened.count < m { scratch.screened = [Merged](repeating: Merged(), count: blockRows) }
        return centers.singleCenters.withUnsafeBufferPointer { cBuffer in
            centers.singleSquaredNorms.withUnsafeBufferPointer { cnBuffer in
                scratch.singleRows.withUnsafeMutableBufferPointer { xBuffer in
                    scratch.singleProducts.withUnsafeMutableBufferPointer { gBuffer in
                        guard let c = cBuffer.baseAddress, let cn = cnBuffer.baseAddress, let xs = xBuffer.baseAddress,
                            let g = gBuffer.baseAddress
                        else { return false }
                        for t in 0..<(m * p) { xs[t] = Float(x[t]) }
                        for r in 0..<m { (g + r * k).update(from: cn, count: k) }
                        BLAS.multiply(
                            xs, transposeA: false, c, transposeB: true, m: m, n: k, k: p, lda: p, ldb: p,
                            into: g, ldc: k, alpha: -2, beta: 1)
                        var doubtful = 0
                        for r in 0..<m {
                            let merged = Scan<Float>.nearest(squaredNorm: Float(norms[r]), products: g + r * k, k: k)
                            scratch.screened[r] = merged
                            let (reach, otherLow) = bounds(merged, squaredNorm: norms[r], centers: centers, error: error)
                            if !(otherLow > reach) { doubtful += 1 }
                        }
                        guard doubtful * doubtfulShare <= m else { return false }
                        for r in 0..<m {
                            let xn = norms[r], row = g + r * k
                            body(r, decide(scratch.screened[r], row: x + r * p, squaredNorm: xn, centers: centers, error: error) {
                                // The scan's own float sum, so that a center's bound matches its screening.
                                Double(Float(xn) + row[$0])
                            })
                        }
                        return true
                    }
                }
            }
        }
    }
}
