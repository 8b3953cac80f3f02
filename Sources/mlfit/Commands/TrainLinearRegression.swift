import ArgumentParser
import MLFit

/// `mlfit train linear-regression`: the shared option groups and its hyperparameters; the
/// validation and the pipeline are ``TrainCommand``'s.
struct TrainLinearRegression: TrainCommand {
    static let configuration = CommandConfiguration(
        commandName: LinearRegressionModel.algorithmName,
        abstract: "Fit a linear regression (least squares, ridge, lasso or elastic net).",
        discussion: """
            Minimizes (1/2W)·Σ wᵢ(yᵢ − xᵢᵀβ − β₀)² + λ·(α‖Dβ‖₁ + (1−α)/2‖Dβ‖²) with
            λ = --reg-param, α = --elastic-net-param, D = the features' standard deviations
            (identity with --no-standardization). See docs/cli.md.

            Examples:
              mlfit train linear-regression --data Datasets/diabetes.csv --label target --model diabetes.json
              mlfit train linear-regression --data train.csv --label y --model m.json \\
                  --reg-param 0.1 --elastic-net-param 0.5 --features a,b,c --weight-col w
            """)

    @OptionGroup(title: "Input") var input: DataOptions
    @OptionGroup(title: "Columns") var columns: ColumnOptions
    @OptionGroup(title: "Hyperparameters") var hyperparameters: LinearRegressionOptions
    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup(title: "Run") var runOptions: RunOptions

    var estimator: LinearRegression { hyperparameters.estimator }
}

/// The hyperparameters of linear regression, with Spark's names and defaults.
struct LinearRegressionOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Regularization strength λ ≥ 0.")
    var regParam: Double = 0

    @Option(parsing: .unconditional, help: "Elastic-net mixing α in [0, 1]: 0 is ridge, 1 is lasso.")
    var elasticNetParam: Double = 0

    @Flag(inversion: .prefixedNo, help: "Fit an intercept.")
    var fitIntercept = true

    @Flag(inversion: .prefixedNo, help: "Penalize the coefficients of standardized features.")
    var standardization = true

    @Option(help: "auto (QR statistics; the Gram matrix and coordinate descent with an L1 term; l-bfgs above 4096 features), normal (Cholesky on the Gram matrix), qr, cd, l-bfgs.")
    var solver: LinearRegression.Solver = .auto

    @Option(parsing: .unconditional, help: "Iteration limit of iterative data-pass solvers.")
    var maxIter: Int = 100

    @Option(parsing: .unconditional, help: "Convergence tolerance of iterative data-pass solvers.")
    var tol: Double = 1e-6

    var estimator: LinearRegression {
        LinearRegression(
            regParam: regParam, elasticNetParam: elasticNetParam, fitIntercept: fitIntercept,
            standardization: standardization, solver: solver, maxIter: maxIter, tol: tol)
    }
}

extension LinearRegression.Solver: ExpressibleByArgument {}
