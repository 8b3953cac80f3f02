import MLData
import MLEngine
import MLNumerics

/// Linear least squares with optional elastic-net regularization, with Spark MLlib's
/// parameter names and defaults.
///
/// With weights `wᵢ` (1 when the data have none) and `W = Σwᵢ`, the fit minimizes
///
///     (1/2W)·Σ wᵢ (yᵢ − xᵢᵀβ − β₀)² + λ·(α·‖Dβ‖₁ + (1−α)/2·‖Dβ‖²)
///
/// with `λ = regParam`, `α = elasticNetParam`, and `D = diag(σⱼ)` when ``standardization``
/// is on (`σⱼ` the weighted population standard deviation of feature `j`, centred even
/// without an intercept), `D = I` when off. The intercept `β₀` is never penalized, and
/// coefficients are always returned on the original scale of the features. With
/// standardization off this is scikit-learn's `ElasticNet(alpha: λ, l1_ratio: α)`. Spark
/// MLlib and glmnet divide their L2 term by the label's standard deviation; mlfit does not.
///
/// A feature that is constant on the rows of positive weight gets coefficient 0 when an
/// intercept is fitted (it is indistinguishable from the intercept), as in Spark.
///
/// ```swift
/// let data = try CSVSource(path: "train.csv", options: CSVOptions(label: "y"))
/// let model = try LinearRegression(regParam: 0.1).fit(data)
/// print(model.coefficients, model.intercept)
/// ```
public struct LinearRegression: Sendable, Hashable, Codable {
    /// How the fitted system is solved.
    public enum Solver: String, Sendable, Hashable, Codable, CaseIterable {
        /// QR statistics from a file; the Gram matrix in memory, with a QR pass when it cannot
        /// give every digit; the Gram matrix and coordinate descent with an L1 term; `l-bfgs`
        /// above ``LinearRegression/maxFeatures`` features. Exact on ill-conditioned data.
        case auto
        /// Cholesky on the centred Gram matrix (one `dsyrk` per block), the cheapest pass.
        /// Its error grows as κ(X)²: coefficients are refined when the scaled condition
        /// number exceeds 300, but standard errors keep about `−log₁₀(κ²ε)` digits.
        case normal
        /// Tree-reduced QR factors of the centred, weighted blocks (one `dgelqf` per block),
        /// with error ∝ κ(X), refined when the scaled condition number exceeds 300.
        case qr
        /// Coordinate descent on the Gram matrix from QR-based statistics, for any penalty.
        case cd = "cd"
        /// L-BFGS (OWL-QN with an L1 term) with one pass over the data per evaluation; what
        /// `auto` uses above ``LinearRegression/maxFeatures`` features.
        case lbfgs = "l-bfgs"
    }

    /// `λ ≥ 0`, the regularization strength.
    public var regParam: Double
    /// `α ∈ [0, 1]`: 0 is ridge (L2), 1 is lasso (L1).
    public var elasticNetParam: Double
    /// Whether to fit an unpenalized intercept `β₀`.
    public var fitIntercept: Bool
    /// Whether the penalty applies to coefficients of features scaled to unit variance.
    public var standardization: Bool
    public var solver: Solver
    /// Iteration limit of the iterative solvers that pass over the data (Spark's default).
    /// Coordinate descent on the moment matrices is not bound by it: its sweeps cost `p²`
    /// and no data pass, so it always runs to round-off.
    public var maxIter: Int
    /// Convergence tolerance of the iterative solvers that pass over the data (Spark's default).
    public var tol: Double

    public init(
        regParam: Double = 0, elasticNetParam: Double = 0, fitIntercept: Bool = true,
        standardization: Bool = true, solver: Solver = .auto, maxIter: Int = 100,
        tol: Double = 1e-6
    ) {
        self.regParam = regParam
        self.elasticNetParam = elasticNetParam
        self.fitIntercept = fitIntercept
        self.standardization = standardization
        self.solver = solver
        self.maxIter = maxIter
        self.tol = tol
    }

    /// Largest feature count handled through the `p × p` moment matrices (as Spark's
    /// normal-equation limit).
    public static let maxFeatures = 4096

    /// Checks every hyperparameter against its allowed range.
    public func validate() throws(HyperparameterError) {
        let check = HyperparameterChecker(estimator: "LinearRegression")
        try check.atLeast(regParam, 0, "regParam")
        try check.within(elasticNetParam, 0...1, "elasticNetParam")
        try check.atLeast(maxIter, 1, "maxIter")
        try check.positive(tol, "tol")
    }

    /// Whether the fit passes over the data once per iteration (L-BFGS) instead of once.
    public func usesIterativeSolver(featureCount: Int) -> Bool {
        solver == .lbfgs || (solver == .auto && featureCount > Self.maxFeatures)
    }

    /// The form of statistics this configuration gathers.
    public var statisticsForm: LeastSquaresStatistics.Form {
        solver == .normal ? .gram : .triangular
    }

    // MARK: partial → merge → finalize

    /// The statistics of one chunk of rows (the chunk must carry labels).
    public func partialStatistics(of chunk: DataChunk) throws -> LeastSquaresStatistics {
        try LeastSquaresStatistics(chunk: chunk, form: statisticsForm)
    }

    /// Fits on a source: one pass of partial statistics merged by the engine's tree, then
    /// ``finalize(_:schema:)`` — plus passes of iterative refinement on ill-conditioned data,
    /// or, for `l-bfgs` and more than ``maxFeatures`` features, one pass per evaluation.
    public func fit(
        _ source: some ChunkSource, options: ExecutionOptions = ExecutionOptions()
    ) throws -> LinearRegressionModel {
        try fitWithReport(source, options: options).model
    }

    /// ``fit(_:options:)`` that also returns what the passes read, their time, and the time
    /// spent solving.
    ///
    /// - Throws: ``HyperparameterError``; ``ModelError/missingLabel``;
    ///   ``ModelError/categoricalFeature(feature:algorithm:)`` for a categorical feature (the
    ///   fit needs numbers: one-hot encode it); the data's and the solve's errors.
    public func fitWithReport(
        _ source: some ChunkSource, options: ExecutionOptions = ExecutionOptions()
    ) throws -> FitResult<LinearRegressionModel> {
        try validate()
        guard source.schema.labelName != nil else { throw ModelError.missingLabel }
        try source.schema.requireNumericFeatures(algorithm: Self.displayName)
        let p = source.schema.featureCount
        if usesIterativeSolver(featureCount: p) {
            return try fitIteratively(source, options: options)
        }
        guard p <= Self.maxFeatures else {
            throw ModelError.tooManyFeatures(count: p, limit: Self.maxFeatures, solver: solver.rawValue)
        }
        return try fitExactly(source, options: options)
    }

    /// The model from merged statistics: a small solve on the `p × p` moments.
    ///
    /// This is the finalize step of the public partial API. ``fit(_:options:)`` may add
    /// passes of iterative refinement on ill-conditioned data, which need the data again.
    public func finalize(
        _ statistics: LeastSquaresStatistics, schema: Schema
    ) throws -> LinearRegressionModel {
        try validate()
        try schema.requireNumericFeatures(algorithm: Self.displayName)
        guard statistics.moments.weightSum > 0 else { throw ModelError.noData }
        let problem = try LeastSquaresProblem(
            statistics: statistics, configuration: self, featureNames: schema.featureNames,
            labelName: schema.labelName ?? "label")
        return try makeModel(problem, try problem.solve(), residualSumOfSquares: nil, schema: schema)
    }

    func makeModel(
        _ problem: LeastSquaresProblem, _ solution: LeastSquaresSolution,
        residualSumOfSquares: Double?, schema: Schema
    ) throws -> LinearRegressionModel {
        let summary = try problem.summary(of: solution, residualSumOfSquares: residualSumOfSquares)
        return LinearRegressionModel(
            featureNames: schema.featureNames, labelName: schema.labelName ?? "label",
            weightName: schema.weightName, hyperparameters: self,
            coefficients: solution.coefficients, intercept: solution.intercept, summary: summary)
    }

    public typealias Model = LinearRegressionModel

    /// The algorithm as messages name it.
    static let displayName = "linear regression"
}

extension LinearRegression: Estimator {}
