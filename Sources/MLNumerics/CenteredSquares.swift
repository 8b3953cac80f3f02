import CVectorMath

/// The second pass of a row block's column moments: with the weighted column means `x̄`
/// known from the first, each column's centred sum of squares `Σwᵢ(xᵢⱼ − x̄ⱼ)²` and its range.
///
/// Four columns at a time with AVX2 where the processor has it, one at a time elsewhere;
/// each column is summed row after row either way, with the same roundings, so the results
/// do not depend on the processor. Centring on the mean of the block before squaring keeps
/// the sums free of the cancellation of `Σwx² − W·x̄²`.
public enum CenteredSquares {
    /// For each column `j < columns` of the row-major block `x` (`rows` rows, `stride`
    /// doubles apart), over the rows with `wᵢ > 0` (`weights` nil: every row, weight 1):
    /// `squares[j] += Σ(wᵢ·dᵢⱼ)·dᵢⱼ` with `dᵢⱼ = xᵢⱼ − mean[j]`, and `minimum[j]`,
    /// `maximum[j]` widened to the column's values. The values must not be NaN.
    public static func accumulate(
        _ x: UnsafePointer<Double>, rows: Int, columns: Int, stride: Int, weights: UnsafePointer<Double>?,
        mean: UnsafePointer<Double>, squares: UnsafeMutablePointer<Double>,
        minimum: UnsafeMutablePointer<Double>, maximum: UnsafeMutablePointer<Double>
    ) {
        mlfit_centered_squares(x, rows, columns, stride, weights, mean, squares, minimum, maximum)
    }
}
