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
    /// The solve that produced the coefficients (in a model file, its raw value).
    public var solver: Method
    /// Coordinate-descent sweeps or L-BFGS / OWL-QN iterations, when they ran.
    public var iterations: Int?
    /// Passes of iterative refinement with double-double residuals, run when the problem is
    /// ill-conditioned (scaled condition number above 300).
    public var refinementPasses: Int
    public var converged: Bool
    /// The value of the minimized objective at the solution.
    public var objective: Double
}

extension LinearRegressionSummary {
    /// The solve behind a summary. Its raw values are what model files hold under `solver`.
    public enum Method: String, Sendable, Hashable, Codable, CaseIterable {
        /// Nothing to solve: every feature was constant, only the intercept was fitted.
        case noSolve = "none"
        /// Cholesky on the Gram matrix.
        case normal
        /// Triangular solve on tree-reduced QR factors.
        case qr
        /// Coordinate descent on the moment matrix (any L1 term, or solver `cd`).
        case coordinateDescent = "cd"
        /// L-BFGS with one data pass per evaluation.
        case lbfgs = "l-bfgs"
        /// OWL-QN, L-BFGS for an L1 term.
        case owlqn = "owl-qn"
        /// A model file that did not record its solver.
        case unknown

        /// The name a message uses.
        public var displayName: String {
            switch self {
            case .noSolve: return "no solve"
            case .normal: return "Cholesky"
            case .qr: return "QR"
            case .coordinateDescent: return "coordinate descent"
            case .lbfgs: return "L-BFGS"
            case .owlqn: return "OWL-QN"
            case .unknown: return "the solver"
            }
        }

        /// What ``LinearRegressionSummary/iterations`` counts: a coordinate-descent sweep
        /// updates every coefficient once; a quasi-Newton iteration is one line search.
        /// What one step of the method is called, singular or plural for `count` steps.
        public func iterationUnit(count: Int) -> String {
            let unit = self == .coordinateDescent ? "sweep" : "iteration"
            return count == 1 ? unit : unit + "s"
        }
    }

    /// The statistics every solver reports, from the residual sum of squares `rss`, the
    /// label's centred moment `Σw(y − ȳ)²`, the number of fitted parameters (intercept
    /// included) and the weighted mean residual (0 with an intercept). R² is centred with an
    /// intercept and uncentred without, as R's `summary.lm`.
    init(
        moments: WeightedMoments, residualSumOfSquares rss: Double, labelCentredMoment: Double,
        fittedParameters: Int, fitIntercept: Bool, meanResidual: Double, constantFeatures: [String],
        solver: Method, iterations: Int?, refinementPasses: Int, converged: Bool, objective: Double
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
