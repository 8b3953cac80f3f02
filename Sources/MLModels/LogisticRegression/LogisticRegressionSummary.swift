/// The training summary of a logistic regression: what the solver did and where it stopped.
///
/// All of it comes from the passes of the fit (the last one at the solution), without a
/// pass of its own.
public struct LogisticRegressionSummary: Sendable, Hashable, Codable {
    /// Rows read, including rows of weight 0.
    public var rowCount: Int
    /// `W = Σw`.
    public var weightSum: Double
    /// The weighted mean log loss on the training rows at the solution, `(1/W)·Σwℓ`.
    public var logLoss: Double
    /// The minimized objective `F` at the solution.
    public var objective: Double
    /// `F` at the start (all parameters 0) and after each iteration.
    public var objectiveHistory: [Double]
    public var solver: Method
    /// Newton steps or L-BFGS iterations.
    public var iterations: Int
    /// Whether the stopping rule was met (see ``LogisticRegression/tol``).
    public var converged: Bool
    public var stopReason: StopReason
    /// The stopping rule's measure at the solution: the largest entry of the minimum-norm
    /// subgradient with respect to the standardized coefficients and the intercepts.
    public var gradientNorm: Double
    /// Without a penalty, whether the fitted model classifies every row of positive weight
    /// correctly with a margin: the classes are then linearly separable, the likelihood has
    /// no maximum, and the coefficients are where the stopping rule held, not an optimum.
    public var separable: Bool
    /// Features that were constant (with an intercept) or zero and got coefficient 0.
    public var constantFeatures: [String]

    public init(
        rowCount: Int, weightSum: Double, logLoss: Double, objective: Double, objectiveHistory: [Double],
        solver: Method, iterations: Int, converged: Bool, stopReason: StopReason, gradientNorm: Double,
        separable: Bool, constantFeatures: [String]
    ) {
        self.rowCount = rowCount
        self.weightSum = weightSum
        self.logLoss = logLoss
        self.objective = objective
        self.objectiveHistory = objectiveHistory
        self.solver = solver
        self.iterations = iterations
        self.converged = converged
        self.stopReason = stopReason
        self.gradientNorm = gradientNorm
        self.separable = separable
        self.constantFeatures = constantFeatures
    }
}

extension LogisticRegressionSummary {
    /// The solver that produced the parameters. Its raw values are what model files hold.
    public enum Method: String, Sendable, Hashable, Codable, CaseIterable {
        case newton
        /// Newton with coordinate descent on the local quadratic, for an L1 term.
        case proximalNewton = "proximal-newton"
        case lbfgs = "l-bfgs"
        /// L-BFGS for an L1 term.
        case owlqn = "owl-qn"

        public var displayName: String {
            switch self {
            case .newton: return "Newton"
            case .proximalNewton: return "proximal Newton"
            case .lbfgs: return "L-BFGS"
            case .owlqn: return "OWL-QN"
            }
        }
    }

    /// Why the solver stopped.
    public enum StopReason: String, Sendable, Hashable, Codable, CaseIterable {
        /// The optimality measure fell to `tol` (converged).
        case gradient
        /// The Newton step cannot change any parameter at working precision (converged).
        case roundOff = "round-off"
        /// `maxIter` iterations (not converged).
        case maxIterations = "max-iterations"
        /// No step along the search direction lowered the objective (not converged).
        case lineSearchFailed = "line-search-failed"
        /// L-BFGS made no relative progress above 1e-15 (not converged).
        case stalled

        public var isConvergence: Bool { self == .gradient || self == .roundOff }
    }
}
