/// The training summary of a linear regression, as R's `summary.lm` and Spark's
/// `LinearRegressionTrainingSummary` report it. All of it comes from the merged statistics,
/// without a second pass over the data.
///
/// Weights are precision weights: sums are weighted, and degrees of freedom count the rows of
/// positive weight. Without an intercept, R² is uncentred (`1 − RSS/Σwy²`), as in R.
/// Standard errors, t- and p-values are those of the unregularized fit and are absent when
/// `regParam > 0`.
public struct LinearRegressionSummary: Sendable, Hashable, Codable {
    public var rowCount: Int
    public var positiveWeightRowCount: Int
    public var weightSum: Double
    /// Residual degrees of freedom: rows of positive weight minus fitted parameters.
    public var degreesOfFreedom: Int
    /// `Σw(y − ŷ)²`.
    public var residualSumOfSquares: Double
    /// `RSS / W`.
    public var meanSquaredError: Double
    public var rootMeanSquaredError: Double
    /// `√(RSS / degreesOfFreedom)` (R's residual standard error).
    public var residualStandardError: Double
    public var rSquared: Double
    /// `1 − (1 − R²)·(n − i)/(n − k)` with `i = 1` when an intercept is fitted.
    public var adjustedRSquared: Double
    /// scikit-learn's explained variance score, `1 − Var_w(y − ŷ)/Var_w(y)`.
    public var explainedVariance: Double
    /// The overall F test of the fitted coefficients against none (unregularized fits).
    public var fStatistic: Double?
    public var fPValue: Double?
    /// Per feature, in the model's feature order (NaN for features left out).
    public var coefficientStandardErrors: [Double]?
    public var tValues: [Double]?
    public var pValues: [Double]?
    public var interceptStandardError: Double?
    public var interceptTValue: Double?
    public var interceptPValue: Double?
    /// Features that were constant and got coefficient 0.
    public var constantFeatures: [String]
    /// The solve used: "qr", "normal" (Cholesky), or "cd" (coordinate descent).
    public var solver: String
    /// Coordinate-descent sweeps or L-BFGS iterations, when they ran.
    public var iterations: Int?
    /// Passes of iterative refinement with double-double residuals, run when the problem is
    /// ill-conditioned (scaled condition number above 300).
    public var refinementPasses: Int
    public var converged: Bool
    /// The value of the minimized objective at the solution.
    public var objective: Double
}

extension LinearRegressionSummary {
    /// The statistics every solver reports, from the residual sum of squares `rss`, the
    /// label's centred moment `Σw(y − ȳ)²`, the number of fitted parameters (intercept
    /// included) and the weighted mean residual (0 with an intercept). R² is centred with an
    /// intercept and uncentred without, as R's `summary.lm`.
    init(
        moments: WeightedMoments, residualSumOfSquares rss: Double, labelCentredMoment: Double,
        fittedParameters: Int, fitIntercept: Bool, meanResidual: Double, constantFeatures: [String],
        solver: String, iterations: Int?, refinementPasses: Int, converged: Bool, objective: Double
    ) {
        let w = moments.weightSum, n = moments.positiveWeightRowCount
        let labelMean = moments.mean[moments.featureCount]
        let total = fitIntercept ? labelCentredMoment : labelCentredMoment + w * labelMean * labelMean
        let dof = n - fittedParameters
        let rSquared = 1 - rss / total
        self.init(
            rowCount: moments.rowCount, positiveWeightRowCount: n, weightSum: w,
            degreesOfFreedom: dof, residualSumOfSquares: rss, meanSquaredError: rss / w,
            rootMeanSquaredError: (rss / w).squareRoot(),
            residualStandardError: dof > 0 ? (rss / Double(dof)).squareRoot() : .nan,
            rSquared: rSquared,
            adjustedRSquared: dof > 0
                ? 1 - (1 - rSquared) * Double(n - (fitIntercept ? 1 : 0)) / Double(dof) : .nan,
            explainedVariance: 1 - (rss / w - meanResidual * meanResidual) / (labelCentredMoment / w),
            constantFeatures: constantFeatures, solver: solver, iterations: iterations,
            refinementPasses: refinementPasses, converged: converged, objective: objective)
    }
}
