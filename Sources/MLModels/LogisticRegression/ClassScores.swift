import MLNumerics

/// The scores `zᵢ = Bxᵢ + b` of a block of rows under one parameter vector, held class by
/// class (`scores[c·n + i]` for class `c`, row `i`): what the multinomial loss kernel and the
/// opening line search's sample both compute.
///
/// One `dgemm` as `(Bᵀ)ᵀ·Xᵀ` on the coefficients transposed (`p × m`): for this shape
/// OpenBLAS's SkylakeX/Cooperlake kernels stream the rows through their small-matrix code,
/// where `B·Xᵀ` or `X·Bᵀ` packed them first (half of a multinomial pass's time on
/// 200,000 × 50, 5 classes); with the Haswell and Zen kernels it is also the fastest of the
/// layouts.
struct ClassScores {
    /// `B` transposed, `p × m`.
    let coefficients: [Double]
    /// `b`, zeros without an intercept.
    let intercepts: [Double]
    let featureCount: Int

    /// The coefficients and intercepts of `parameters`, laid out as ``LogisticLossStatistics`` describes.
    init(_ parameters: [Double], shape: LogisticLossStatistics.Shape) {
        let p = shape.featureCount, m = shape.rows, q = shape.width
        var coefficients = [Double](repeating: 0, count: p * m)
        for r in 0..<m {
            for j in 0..<p { coefficients[j * m + r] = parameters[r * q + j] }
        }
        self.coefficients = coefficients
        intercepts = (0..<m).map { r in shape.fitIntercept ? parameters[r * q + p] : 0 }
        featureCount = p
    }

    /// The scores of the `n` rows at `rows` (`p` doubles each; nil for `p = 0`) into `scores`
    /// (`m·n` values, class-major).
    func score(_ rows: UnsafePointer<Double>?, count n: Int, into scores: UnsafeMutablePointer<Double>) {
        let p = featureCount, m = intercepts.count
        if p > 0, n > 0, let rows {
            BLAS.multiply(
                coefficients, transposeA: true, rows, transposeB: true, m: m, n: n, k: p, lda: m, ldb: p,
                into: scores, ldc: n, beta: 0)
        } else {
            scores.update(repeating: 0, count: m * n)
        }
        for r in 0..<m where intercepts[r] != 0 {
            let row = scores + r * n, b = intercepts[r]
            for i in 0..<n { row[i] += b }
        }
    }
}
