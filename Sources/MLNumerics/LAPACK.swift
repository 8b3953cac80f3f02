import CLAPACKE

/// The LAPACK routines mlfit uses. Each wrapper makes one LAPACK call and turns its `info`
/// into a thrown ``LinearAlgebraError`` through one internal function,
/// `check(_:routine:positive:)`.
///
/// Small square matrices are passed row-major (LAPACKE transposes them, which costs nothing
/// at that size); the tall per-block factorization works on the row-major block in place.
public enum LAPACK {
    private static let rowMajor = Int32(LAPACK_ROW_MAJOR)
    private static let columnMajor = Int32(LAPACK_COL_MAJOR)
    private static let upper = Int8(UInt8(ascii: "U"))
    private static let lower = Int8(UInt8(ascii: "L"))
    private static let noTranspose = Int8(UInt8(ascii: "N"))
    private static let transpose = Int8(UInt8(ascii: "T"))
    private static let nonUnit = Int8(UInt8(ascii: "N"))
    private static let oneNorm = Int8(UInt8(ascii: "1"))

    // MARK: QR of a tall block

    /// Workspace length (in doubles) that ``triangularFactor(ofRows:rows:columns:tau:work:workCount:)``
    /// needs for an `n × q` block.
    public static func triangularFactorWorkspace(rows n: Int, columns q: Int) -> Int {
        guard n > 0, q > 0 else { return 1 }
        var query = 0.0
        var dummy = 0.0
        var tau = 0.0
        _ = LAPACKE_dgelqf_work(
            columnMajor, blasInt(q), blasInt(n), &dummy, blasInt(q), &tau, &query, -1)
        return max(1, Int(query))
    }

    /// Overwrites the row-major `n × q` block `a` so that its first `min(n, q)` rows hold, in
    /// their upper triangle, the factor `R` of `A = Q·R` (so `AᵀA = RᵀR`).
    ///
    /// A row-major `n × q` block is the column-major `q × n` matrix `Aᵀ`; its LQ factorization
    /// `Aᵀ = L·Q` (`dgelqf`) gives `R = Lᵀ` with no transposing copy. The elements below the
    /// diagonal are left holding Householder vectors. Cost: `2·n·q² − 2q³/3` flops.
    public static func triangularFactor(
        ofRows a: UnsafeMutablePointer<Double>, rows n: Int, columns q: Int,
        tau: UnsafeMutablePointer<Double>, work: UnsafeMutablePointer<Double>, workCount: Int
    ) throws(LinearAlgebraError) {
        guard n > 0, q > 0 else { return }
        let info = LAPACKE_dgelqf_work(
            columnMajor, blasInt(q), blasInt(n), a, blasInt(q), tau, work, blasInt(workCount))
        try check(info, routine: "dgelqf")
    }

    /// The upper-triangular `q × q` factor `R` of a row-major matrix with `q` columns
    /// (`AᵀA = RᵀR`); rows beyond `min(n, q)` of the result are zero.
    public static func triangularFactor(of matrix: Matrix) throws(LinearAlgebraError) -> Matrix {
        var a = matrix
        let n = a.rows, q = a.columns
        let workCount = triangularFactorWorkspace(rows: n, columns: q)
        var tau = [Double](repeating: 0, count: max(1, min(n, q)))
        var work = [Double](repeating: 0, count: workCount)
        try a.withUnsafeMutableBufferPointer { (pa) throws(LinearAlgebraError) in
            guard let base = pa.baseAddress else { return }
            try tau.withUnsafeMutableBufferPointer { (pt) throws(LinearAlgebraError) in
                try work.withUnsafeMutableBufferPointer { (pw) throws(LinearAlgebraError) in
                    try triangularFactor(
                        ofRows: base, rows: n, columns: q, tau: pt.baseAddress!,
                        work: pw.baseAddress!, workCount: workCount)
                }
            }
        }
        var r = Matrix(rows: q, columns: q)
        for i in 0..<min(n, q) {
            for j in i..<q { r[i, j] = a[i, j] }
        }
        return r
    }

    // MARK: Cholesky

    /// Overwrites the upper triangle of the row-major, symmetric positive definite `n × n`
    /// matrix `a` with its Cholesky factor `U` (`A = UᵀU`, `dpotrf`). The strict lower
    /// triangle is neither read nor written.
    ///
    /// - Throws: ``LinearAlgebraError/notPositiveDefinite(order:)``, and
    ///   ``LinearAlgebraError/illegalArgument(routine:position:)`` when `a` holds a NaN
    ///   (LAPACKE checks its input for NaN).
    public static func choleskyFactor(
        upper a: UnsafeMutablePointer<Double>, order n: Int, leadingDimension lda: Int
    ) throws(LinearAlgebraError) {
        guard n > 0 else { return }
        let info = LAPACKE_dpotrf(rowMajor, upper, blasInt(n), a, blasInt(lda))
        try check(info, routine: "dpotrf", positive: { .notPositiveDefinite(order: $0) })
    }

    /// Solves `A·x = b` for the row-major, symmetric positive definite `n × n` matrix `a`
    /// (`dposv`, reading its upper triangle), overwriting `b` with `x` and that triangle with
    /// the Cholesky factor. The row-major upper triangle is the column-major lower one, which
    /// LAPACK reads as it is; LAPACKE's row-major interface would first copy the matrix
    /// transposed (and scan it for NaN) — half of a 255-parameter Newton solve.
    ///
    /// - Throws: ``LinearAlgebraError/notPositiveDefinite(order:)``.
    public static func solvePositiveDefinite(
        _ a: UnsafeMutablePointer<Double>, order n: Int, _ b: UnsafeMutablePointer<Double>
    ) throws(LinearAlgebraError) {
        guard n > 0 else { return }
        let info = LAPACKE_dposv_work(columnMajor, lower, blasInt(n), 1, a, blasInt(n), b, blasInt(n))
        try check(info, routine: "dposv", positive: { .notPositiveDefinite(order: $0) })
    }

    /// The upper Cholesky factor `U` of a symmetric positive definite matrix (`A = UᵀU`),
    /// reading only the upper triangle (`dpotrf`). The strict lower triangle is zeroed.
    ///
    /// - Throws: ``LinearAlgebraError/notPositiveDefinite(order:)``.
    public static func choleskyFactor(_ a: Matrix) throws(LinearAlgebraError) -> Matrix {
        guard a.rows == a.columns else {
            throw .dimensionMismatch("Cholesky needs a square matrix, got \(a.rows) × \(a.columns)")
        }
        var u = a
        let n = a.rows
        guard n > 0 else { return u }
        try u.withUnsafeMutableBufferPointer { (p) throws(LinearAlgebraError) in
            guard let base = p.baseAddress else { return }
            try choleskyFactor(upper: base, order: n, leadingDimension: n)
        }
        for i in 0..<n { for j in 0..<i { u[i, j] = 0 } }
        return u
    }

    // MARK: Triangular systems

    /// Solves `U·x = b` (or `Uᵀ·x = b` when `transposed`) for upper-triangular `U` (`dtrtrs`).
    ///
    /// - Throws: ``LinearAlgebraError/singular(index:)`` for an exact zero on the diagonal.
    public static func solveUpperTriangular(
        _ u: Matrix, _ b: [Double], transposed: Bool = false
    ) throws(LinearAlgebraError) -> [Double] {
        let n = u.rows
        guard u.columns == n, b.count == n else {
            throw .dimensionMismatch("triangular solve of \(u.rows) × \(u.columns) with \(b.count)")
        }
        guard n > 0 else { return [] }
        var x = b
        let info = u.withUnsafeBufferPointer { pu in
            x.withUnsafeMutableBufferPointer { px in
                LAPACKE_dtrtrs(
                    rowMajor, upper, transposed ? transpose : noTranspose, nonUnit,
                    blasInt(n), 1, pu.baseAddress, blasInt(n), px.baseAddress, 1)
            }
        }
        try check(info, routine: "dtrtrs")
        return x
    }

    /// The inverse of an upper-triangular matrix (`dtrtri`).
    public static func invertUpperTriangular(_ u: Matrix) throws(LinearAlgebraError) -> Matrix {
        let n = u.rows
        guard u.columns == n else {
            throw .dimensionMismatch("cannot invert a \(u.rows) × \(u.columns) matrix")
        }
        var inverse = u
        guard n > 0 else { return inverse }
        let info = inverse.withUnsafeMutableBufferPointer { p in
            LAPACKE_dtrtri(rowMajor, upper, nonUnit, blasInt(n), p.baseAddress, blasInt(n))
        }
        try check(info, routine: "dtrtri")
        return inverse
    }

    /// Reciprocal condition number in the 1-norm of the upper triangle of the row-major
    /// `n × n` matrix `u` (`dtrcon`); the strict lower triangle is not read.
    public static func upperTriangularReciprocalCondition(
        _ u: UnsafePointer<Double>, order n: Int, leadingDimension ldu: Int
    ) throws(LinearAlgebraError) -> Double {
        guard n > 0 else { return 1 }
        var rcond = 0.0
        let info = LAPACKE_dtrcon(rowMajor, oneNorm, upper, nonUnit, blasInt(n), u, blasInt(ldu), &rcond)
        try check(info, routine: "dtrcon")
        return rcond
    }

    /// Reciprocal condition number in the 1-norm of an upper-triangular matrix (`dtrcon`).
    public static func upperTriangularReciprocalCondition(
        _ u: Matrix
    ) throws(LinearAlgebraError) -> Double {
        let n = u.rows
        guard n > 0 else { return 1 }
        return try u.withUnsafeBufferPointer { (p) throws(LinearAlgebraError) in
            guard let base = p.baseAddress else { return 1 }
            return try upperTriangularReciprocalCondition(base, order: n, leadingDimension: n)
        }
    }
}
