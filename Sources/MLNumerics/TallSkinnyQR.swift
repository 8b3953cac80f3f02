/// The R factor of a tall, narrow block of rows, by CholeskyQR2 with a Householder fallback.
///
/// CholeskyQR2 (Fukaya, Nakatsukasa, Yanagisawa, Yamamoto, 2014) runs on level-3 BLAS:
/// `R₁ = chol(AᵀA)`, `Q₁ = A·R₁⁻¹`, `R₂ = chol(Q₁ᵀQ₁)`, `R = R₂·R₁` — about `3nq²` flops at
/// `dsyrk`/`dtrsm` speed, against `2nq²` flops of the panel-bound Householder `dgelqf`, which
/// runs at a third of that speed on narrow blocks. The second step repairs the first's loss
/// of orthogonality, so `R` is as accurate as Householder's when `κ(A) ≲ 10⁷`
/// (`κ(A)²·ε < 1`). Beyond that, or when a Cholesky factorization breaks down, the block is
/// factored by Householder reflections (``LAPACK/triangularFactor(ofRows:rows:columns:tau:work:workCount:)``).
public enum TallSkinnyQR {
    /// Above this estimated condition number of `R₁`, CholeskyQR2 is not trusted.
    static let conditionLimit = 1e7

    /// Overwrites the row-major `n × q` block `a` and writes the upper-triangular `q × q`
    /// factor `R` (with `AᵀA = RᵀR`) into `r`, row-major; entries below the diagonal are 0.
    public static func factor(
        _ a: UnsafeMutablePointer<Double>, rows n: Int, columns q: Int,
        into r: UnsafeMutablePointer<Double>
    ) throws(LinearAlgebraError) {
        r.initialize(repeating: 0, count: q * q)
        guard n > 0, q > 0 else { return }
        if n >= 2 * q, let first = choleskyOfGram(a, rows: n, columns: q) {
            // Q₁ = A·R₁⁻¹ in place (dtrsm from the right).
            first.withUnsafeBufferPointer { r1 in
                guard let r1 = r1.baseAddress else { return }
                BLAS.solveUpperTriangularFromRight(
                    r1, order: q, leadingDimension: q, into: a, rows: n, leadingDimensionB: q)
            }
            let second: [Double]
            if let repaired = choleskyOfGram(a, rows: n, columns: q) {
                second = repaired
            } else {
                second = try householder(a, rows: n, columns: q)
            }
            // R = R₂·R₁: copy R₁ into r, then r ← R₂·r (dtrmm from the left).
            first.withUnsafeBufferPointer { r1 in
                second.withUnsafeBufferPointer { r2 in
                    guard let r1 = r1.baseAddress, let r2 = r2.baseAddress else { return }
                    r.update(from: r1, count: q * q)
                    BLAS.multiplyByUpperTriangular(
                        r2, order: q, leadingDimension: q, into: r, columns: q, leadingDimensionB: q)
                }
            }
            return
        }
        let factor = try householder(a, rows: n, columns: q)
        factor.withUnsafeBufferPointer { f in
            guard let f = f.baseAddress else { return }
            r.update(from: f, count: q * q)
        }
    }

    /// `chol(AᵀA)` (upper, row-major), or `nil` when it breaks down or is too ill-conditioned
    /// to repair in one more step.
    private static func choleskyOfGram(
        _ a: UnsafeMutablePointer<Double>, rows n: Int, columns q: Int
    ) -> [Double]? {
        var g = [Double](repeating: 0, count: q * q)
        // Any failure means "use Householder": not positive definite (rank deficiency), and
        // also LAPACKE's rejection of a NaN in the Gram matrix (moments that overflowed),
        // which Householder factors without trapping and finalize then reports by column.
        let rcond = g.withUnsafeMutableBufferPointer { g -> Double? in
            guard let g = g.baseAddress else { return nil }
            BLAS.gramUpdate(a, rows: n, columns: q, leadingDimension: q, into: g,
                            leadingDimensionC: q, alpha: 1, beta: 0)
            do {
                try LAPACK.choleskyFactor(upper: g, order: q, leadingDimension: q)
                return try LAPACK.upperTriangularReciprocalCondition(g, order: q, leadingDimension: q)
            } catch {
                return nil
            }
        }
        guard let rcond, rcond * conditionLimit > 1 else { return nil }
        for i in 0..<q { for j in 0..<i { g[i * q + j] = 0 } }
        return g
    }

    /// Householder QR of the block; returns `R` as a dense `q × q` row-major array.
    private static func householder(
        _ a: UnsafeMutablePointer<Double>, rows n: Int, columns q: Int
    ) throws(LinearAlgebraError) -> [Double] {
        let workCount = LAPACK.triangularFactorWorkspace(rows: n, columns: q)
        var tau = [Double](repeating: 0, count: q)
        var work = [Double](repeating: 0, count: workCount)
        try tau.withUnsafeMutableBufferPointer { (t) throws(LinearAlgebraError) in
            try work.withUnsafeMutableBufferPointer { (w) throws(LinearAlgebraError) in
                guard let t = t.baseAddress, let w = w.baseAddress else { return }
                try LAPACK.triangularFactor(ofRows: a, rows: n, columns: q, tau: t, work: w, workCount: workCount)
            }
        }
        var r = [Double](repeating: 0, count: q * q)
        for i in 0..<min(n, q) { for j in i..<q { r[i * q + j] = a[i * q + j] } }
        return r
    }
}
