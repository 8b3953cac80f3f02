import MLData
import MLEngine
import MLNumerics

/// Logistic regression, binomial or multinomial, with elastic-net regularization, with Spark
/// MLlib's parameter names and defaults.
///
/// With weights `wᵢ` (1 when the data have none), `W = Σwᵢ` and the log loss `ℓ`, the fit
/// minimizes
///
///     F(B, b) = (1/W)·Σ wᵢ·ℓ(yᵢ, B·xᵢ + b) + λ·(α·‖BD‖₁ + (1−α)/2·‖BD‖²)
///
/// with `λ = regParam`, `α = elasticNetParam`, and `D = diag(σⱼ)` when ``standardization`` is
/// on (`σⱼ` the weighted population standard deviation of feature `j`), `D = I` when off. The
/// intercepts `b` are never penalized; coefficients are always on the original scale.
///
/// - Binomial (two classes): one row of coefficients, for the second class:
///   `P(y = second) = σ(βᵀx + β₀)`, `ℓ = log(1 + e^z) − y·z`.
/// - Multinomial: one row per class, softmax over all `K` classes (no reference class),
///   `ℓ = log Σₖ e^{zₖ} − z_y`. The intercepts are centred to sum to 0; without a penalty the
///   coefficients of each feature are centred across classes too (the objective does not
///   change when one vector is added to every class).
///
/// With standardization off this is scikit-learn's objective with `C = 1/(λ·W)` and R
/// glmnet's with `standardize = FALSE`.
///
/// The label's classes are its levels when it is categorical (text labels, the CSV reader's
/// classes); a numeric label (a LIBSVM file, `Dataset(features:labels:)` with numbers) has
/// its distinct values, sorted, as classes, named `0`, `1`, `2.5`, ….
///
/// ```swift
/// let data = try Dataset(features: x, labels: ["no", "yes", "yes", "no"])
/// let model = try LogisticRegression(regParam: 0.01).fit(data)
/// let p = try model.predictProbabilities(x)
/// ```
public struct LogisticRegression: Sendable, Hashable, Codable {
    /// Which likelihood is fitted.
    public enum Family: String, Sendable, Hashable, Codable, CaseIterable {
        /// Binomial for two classes, multinomial for more.
        case auto
        /// One row of coefficients for the second class against the first (two classes).
        case binomial
        /// One row per class, softmax.
        case multinomial
    }

    /// How the objective is minimized.
    public enum Solver: String, Sendable, Hashable, Codable, CaseIterable {
        /// Newton up to ``LogisticRegression/maxNewtonParameters`` parameters, else L-BFGS.
        case auto
        /// Newton (proximal Newton with an L1 term): one pass per trial point gathering the
        /// loss, its gradient and Hessian; backtracking line search on the objective.
        case newton
        /// L-BFGS (OWL-QN with an L1 term) on standardized coordinates, one pass per
        /// evaluation of the loss and gradient.
        case lbfgs = "l-bfgs"
    }

    /// `λ ≥ 0`, the regularization strength.
    public var regParam: Double
    /// `α ∈ [0, 1]`: 0 is ridge (L2), 1 is lasso (L1).
    public var elasticNetParam: Double
    /// Whether to fit unpenalized intercepts.
    public var fitIntercept: Bool
    /// Whether the penalty applies to the coefficients of features scaled to unit variance.
    public var standardization: Bool
    /// In `[0, 1]`: with two classes, predict the second when its probability exceeds it.
    public var threshold: Double
    /// Iteration limit (Newton steps or L-BFGS iterations).
    public var maxIter: Int
    /// Convergence tolerance: the fit stops when the largest entry of the (minimum-norm sub-)
    /// gradient of `F` with respect to the standardized coefficients `σⱼβⱼ` and the
    /// intercepts is at most `tol` (scikit-learn's rule on standardized data).
    public var tol: Double
    public var family: Family
    public var solver: Solver

    public init(
        regParam: Double = 0, elasticNetParam: Double = 0, fitIntercept: Bool = true,
        standardization: Bool = true, threshold: Double = 0.5, maxIter: Int = 100, tol: Double = 1e-6,
        family: Family = .auto, solver: Solver = .auto
    ) {
        self.regParam = regParam
        self.elasticNetParam = elasticNetParam
        self.fitIntercept = fitIntercept
        self.standardization = standardization
        self.threshold = threshold
        self.maxIter = maxIter
        self.tol = tol
        self.family = family
        self.solver = solver
    }

    /// The largest number of parameters (coefficient rows × (features + intercept)) for which
    /// `auto` takes Newton: its Hessian has this many rows.
    public static let maxNewtonParameters = 2048

    /// The largest number of parameters `newton` takes when asked for explicitly: its
    /// Hessian (8,192² doubles, 512 MiB) is held once per worker and pending tree node.
    public static let maxNewtonParametersForced = 8192

    /// Checks every hyperparameter against its allowed range.
    public func validate() throws(HyperparameterError) {
        let check = HyperparameterChecker(estimator: "LogisticRegression")
        try check.atLeast(regParam, 0, "regParam")
        try check.within(elasticNetParam, 0...1, "elasticNetParam")
        try check.within(threshold, 0...1, "threshold")
        try check.atLeast(maxIter, 1, "maxIter")
        try check.positive(tol, "tol")
    }

    /// Whether `family` models `classCount` classes with one row per class.
    public func isMultinomial(classCount: Int) -> Bool {
        switch family {
        case .auto: return classCount > 2
        case .binomial: return false
        case .multinomial: return true
        }
    }

    /// The rows Newton's Hessian needs for `parameterCount` parameters in `modelRows` rows of
    /// coefficients (1 binomial, `K` multinomial): with at least twice as many rows, it sums
    /// an evenly spaced sample of about this many (every `s`-th row, `s = ⌊rows / this⌋`),
    /// while the loss and gradient always sum every row.
    ///
    /// A sampled row costs `modelRows²` times a binomial one in the Hessian, so the sample is
    /// `65,536 / modelRows²` rows — a fixed budget of Hessian flops per pass, about a
    /// gradient pass's on 500,000 rows — but never fewer than 32 per parameter, which keeps
    /// the sample's relative error near `√(1/32) ≈ 0.18` or below, so a step still gains
    /// most of a digit. (64 per parameter gained a little more per step, but on 5 classes a
    /// sampled row costs 25 binomial ones: measured on 200,000 × 50, half the sample and one
    /// more, cheaper, step took fewer flops in all.)
    public static func hessianSampleRows(parameterCount: Int, modelRows: Int) -> Int {
        max(65_536 / (modelRows * modelRows), 32 * parameterCount)
    }

    /// `s`, the Hessian sample's stride on `rows` rows (1: every row); see
    /// ``hessianSampleRows(parameterCount:modelRows:)``.
    public static func hessianStride(rows: Int, parameterCount: Int, modelRows: Int) -> Int {
        max(1, rows / hessianSampleRows(parameterCount: parameterCount, modelRows: modelRows))
    }

    /// Whether the fit uses Newton for `parameterCount` parameters.
    public func usesNewton(parameterCount: Int) -> Bool {
        solver == .newton || (solver == .auto && parameterCount <= Self.maxNewtonParameters)
    }

    /// Fits on a source: the data are loaded into memory once, then a pass of column moments
    /// and the loss at zero, and one pass per further Newton trial point (or L-BFGS
    /// evaluation).
    public func fit(
        _ source: some ChunkSource, options: ExecutionOptions = ExecutionOptions()
    ) throws -> LogisticRegressionModel {
        try fitAndReport(source, options: options).model
    }

    /// ``fit(_:options:)`` that also returns what reading took, the passes in memory, the
    /// iterations and the time spent solving.
    ///
    /// - Throws: ``HyperparameterError``; ``ModelError/missingLabel``;
    ///   ``ModelError/categoricalFeature(feature:algorithm:)``;
    ///   ``LogisticRegressionError`` for one class, the binomial family with more than two
    ///   classes, or a numeric label with more than 10,000 values; ``ModelError/noData``; the data's errors.
    func fitAndReport(
        _ source: some ChunkSource, options: ExecutionOptions
    ) throws -> (model: LogisticRegressionModel, report: FitReport) {
        try validate()
        guard let labelName = source.schema.labelName else { throw ModelError.missingLabel }
        try source.schema.requireNumericFeatures(algorithm: Self.displayName)
        let clock = ContinuousClock()
        let start = clock.now
        var (data, read) = try source.load(options: options)
        var labelPass: PassReport?
        if data.schema.classes == nil {
            // A numeric label (LIBSVM): its distinct values, sorted, are the classes.
            let (coded, pass) = try data.withNumericLabelAsClasses(options: options)
            data = coded
            labelPass = pass
        }
        let classes = data.schema.classes ?? []
        guard classes.count >= 2 else {
            throw LogisticRegressionError.oneClass(label: labelName, value: classes.first ?? "")
        }
        if family == .binomial, classes.count > 2 {
            throw LogisticRegressionError.binomialWithClasses(count: classes.count)
        }
        let rows = isMultinomial(classCount: classes.count) ? classes.count : 1
        let width = data.schema.featureCount + (fitIntercept ? 1 : 0)
        if solver == .newton, rows * width > Self.maxNewtonParametersForced {
            throw ModelError.tooManyFeatures(
                count: data.schema.featureCount, limit: Self.maxNewtonParametersForced / rows - (fitIntercept ? 1 : 0),
                solver: "newton (with \(classes.count) classes)")
        }
        // OpenBLAS single-threaded between passes too (see `BLASThreads.singleThreaded`).
        let (fit, solution) = try BLASThreads.singleThreaded {
            var fit = try LogisticFit(estimator: self, data: data, options: options)
            if let labelPass { fit.recordPass(labelPass) }
            let solution = try fit.solve()
            return (fit, solution)
        }
        let model = try fit.model(from: solution)
        let total = clock.now - start
        let totalSeconds = Double(total.components.seconds) + Double(total.components.attoseconds) / 1e18
        let solveSeconds = max(0, totalSeconds - read.seconds - fit.inMemory.seconds)
        return (
            model,
            FitReport(read: read, inMemory: fit.inMemory, iterations: solution.iterations, solveSeconds: solveSeconds))
    }

    /// The algorithm as messages name it.
    static let displayName = "logistic regression"
}
