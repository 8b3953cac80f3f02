import CBLAS

/// The BLAS routines mlfit uses, on row-major storage.
///
/// Pointer-level entry points exist for the hot per-block kernels so that callers can reuse
/// buffers; each is one BLAS call. Sizes are `Int` here and narrowed to BLAS's 32-bit
/// integers in one place.
public enum BLAS {
    /// The upper triangle of `C ← α·AᵀA + β·C` for a row-major `n × q` block `A` (`dsyrk`).
    ///
    /// Cost: `n·q·(q+1)` flops.
    public static func gramUpdate(
        _ a: UnsafePointer<Double>, rows n: Int, columns q: Int, leadingDimension lda: Int,
        into c: UnsafeMutablePointer<Double>, leadingDimensionC ldc: Int,
        alpha: Double = 1, beta: Double = 1
    ) {
        guard n > 0, q > 0 else { return }
        cblas_dsyrk(
            CblasRowMajor, CblasUpper, CblasTrans, blasInt(q), blasInt(n),
            alpha, a, blasInt(lda), beta, c, blasInt(ldc))
    }

    /// ``gramUpdate(_:rows:columns:leadingDimension:into:leadingDimensionC:alpha:beta:)`` in
    /// single precision (`ssyrk`), for approximations whose error dwarfs its rounding.
    public static func gramUpdate(
        _ a: UnsafePointer<Float>, rows n: Int, columns q: Int, leadingDimension lda: Int,
        into c: UnsafeMutablePointer<Float>, leadingDimensionC ldc: Int,
        alpha: Float = 1, beta: Float = 1
    ) {
        guard n > 0, q > 0 else { return }
        cblas_ssyrk(
            CblasRowMajor, CblasUpper, CblasTrans, blasInt(q), blasInt(n),
            alpha, a, blasInt(lda), beta, c, blasInt(ldc))
    }

    /// `y ← A·x + y` for a row-major `m × n` matrix `A` held in `a`, reading the first `n`
    /// entries of `x` (`dgemv`).
    public static func multiplyAdd(_ a: [Double], rows m: Int, columns n: Int, by x: [Double], into y: inout [Double]) {
        precondition(a.count >= m * n && x.count >= n && y.count >= m, "multiplyAdd: arrays too short")
        a.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    guard let pa = pa.baseAddress, let px = px.baseAddress, let py = py.baseAddress else { return }
                    multiply(pa, rows: m, columns: n, leadingDimension: n, vector: px, into: py, beta: 1)
                }
            }
        }
    }

    /// `Aᵀ·v` for a row-major `m × n` matrix `A` held in `a` and `m` entries of `v` (`dgemv`).
    public static func transposedProduct(_ a: [Double], rows m: Int, columns n: Int, with v: [Double]) -> [Double] {
        precondition(a.count >= m * n && v.count >= m, "transposedProduct: arrays too short")
        var y = [Double](repeating: 0, count: n)
        a.withUnsafeBufferPointer { pa in
            v.withUnsafeBufferPointer { pv in
                y.withUnsafeMutableBufferPointer { py in
                    guard let pa = pa.baseAddress, let pv = pv.baseAddress, let py = py.baseAddress else { return }
                    multiply(pa, rows: m, columns: n, leadingDimension: n, transposed: true, vector: pv, into: py)
                }
            }
        }
        return y
    }

    /// `y ← α·A·x + β·y` (or `α·Aᵀ·x + β·y` when `transposed`) for a row-major `m × n`
    /// matrix `A` (`dgemv`).
    public static func multiply(
        _ a: UnsafePointer<Double>, rows m: Int, columns n: Int, leadingDimension lda: Int,
        transposed: Bool = false,
        vector x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>,
        alpha: Double = 1, beta: Double = 0
    ) {
        guard m > 0, n > 0 else { return }
        cblas_dgemv(
            CblasRowMajor, transposed ? CblasTrans : CblasNoTrans, blasInt(m), blasInt(n),
            alpha, a, blasInt(lda), x, 1, beta, y, 1)
    }

    /// `C ← α·op(A)·op(B) + β·C` on row-major matrices (`dgemm`).
    public static func multiply(
        _ a: UnsafePointer<Double>, transposeA: Bool, _ b: UnsafePointer<Double>,
        transposeB: Bool, m: Int, n: Int, k: Int, lda: Int, ldb: Int,
        into c: UnsafeMutablePointer<Double>, ldc: Int, alpha: Double = 1, beta: Double = 0
    ) {
        guard m > 0, n > 0 else { return }
        cblas_dgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans, blasInt(m), blasInt(n), blasInt(k),
            alpha, a, blasInt(lda), b, blasInt(ldb), beta, c, blasInt(ldc))
    }

    /// The same product in single precision (`sgemm`), for screening computations whose
    /// callers bound and repair its rounding.
    public static func multiply(
        _ a: UnsafePointer<Float>, transposeA: Bool, _ b: UnsafePointer<Float>,
        transposeB: Bool, m: Int, n: Int, k: Int, lda: Int, ldb: Int,
        into c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float = 1, beta: Float = 0
    ) {
        guard m > 0, n > 0 else { return }
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans, blasInt(m), blasInt(n), blasInt(k),
            alpha, a, blasInt(lda), b, blasInt(ldb), beta, c, blasInt(ldc))
    }

    /// The `dgemm` product `C ← op(A)·op(B) + β·C` on arrays, writing `C` from `c[offset]` on.
    public static func multiply(
        _ a: [Double], transposeA: Bool, _ b: [Double], transposeB: Bool, m: Int, n: Int, k: Int,
        lda: Int, ldb: Int, into c: inout [Double], offset: Int = 0, ldc: Int, beta: Double = 0
    ) {
        precondition(offset >= 0 && offset <= c.count, "multiply: offset outside C")
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    guard let pa = pa.baseAddress, let pb = pb.baseAddress, let pc = pc.baseAddress else { return }
                    multiply(
                        pa, transposeA: transposeA, pb, transposeB: transposeB, m: m, n: n, k: k, lda: lda,
                        ldb: ldb, into: pc + offset, ldc: ldc, beta: beta)
                }
            }
        }
    }

    /// `B ← B·U⁻¹` for a row-major `n × q` block `B` and upper-triangular `q × q` `U`
    /// (`dtrsm` from the right; the strict lower triangle of `U` is not read).
    ///
    /// Cost: `n·q²` flops.
    public static func solveUpperTriangularFromRight(
        _ u: UnsafePointer<Double>, order q: Int, leadingDimension ldu: Int,
        into b: UnsafeMutablePointer<Double>, rows n: Int, leadingDimensionB ldb: Int
    ) {
        guard n > 0, q > 0 else { return }
        cblas_dtrsm(
            CblasRowMajor, CblasRight, CblasUpper, CblasNoTrans, CblasNonUnit,
            blasInt(n), blasInt(q), 1, u, blasInt(ldu), b, blasInt(ldb))
    }

    /// `B ← U·B` for upper-triangular `q × q` `U` and a row-major `q × m` `B` (`dtrmm` from
    /// the left; the strict lower triangle of `U` is not read).
    ///
    /// Cost: `q²·m` flops.
    public static func multiplyByUpperTriangular(
        _ u: UnsafePointer<Double>, order q: Int, leadingDimension ldu: Int,
        into b: UnsafeMutablePointer<Double>, columns m: Int, leadingDimensionB ldb: Int
    ) {
        guard q > 0, m > 0 else { return }
        cblas_dtrmm(
            CblasRowMajor, CblasLeft, CblasUpper, CblasNoTrans, CblasNonUnit,
            blasInt(q), blasInt(m), 1, u, blasInt(ldu), b, blasInt(ldb))
    }

    /// Matrix product of two matrices.
    public static func product(
        _ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false
    ) throws(LinearAlgebraError) -> Matrix {
        let (m, k) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
        let (kb, n) = transposeB ? (b.columns, b.rows) : (b.rows, b.columns)
        guard k == kb else {
            throw .dimensionMismatch("cannot multiply \(m) × \(k) by \(kb) × \(n)")
        }
        var c = Matrix(rows: m, columns: n)
        if k == 0 || m == 0 || n == 0 { return c }
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    multiply(
                        pa.baseAddress!, transposeA: transposeA, pb.baseAddress!,
                        transposeB: transposeB, m: m, n: n, k: k, lda: a.columns,
                        ldb: b.columns, into: pc.baseAddress!, ldc: n)
                }
            }
        }
        return c
    }
}

/// Narrows a size to BLAS's integer type. Sizes above 2³¹ − 1 never reach BLAS: blocks are
/// bounded by the chunk size and matrices by the feature limit.
@inline(__always)
func blasInt(_ value: Int) -> Int32 {
    Int32(truncatingIfNeeded: value)
}
