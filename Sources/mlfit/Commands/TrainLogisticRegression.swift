import ArgumentParser
import MLFit

/// `mlfit train logistic-regression`: the shared option groups and its hyperparameters; the
/// validation and the pipeline are ``TrainCommand``'s.
struct TrainLogisticRegression: TrainCommand {
    static let configuration = CommandConfiguration(
        commandName: LogisticRegressionModel.algorithmName,
        abstract: "Fit a logistic regression (binomial or multinomial; ridge, lasso or elastic net).",
        discussion: """
            Minimizes (1/W)·Σ wᵢ·logloss(yᵢ, Bxᵢ + b) + λ·(α‖BD‖₁ + (1−α)/2‖BD‖²) with
            λ = --reg-param, α = --elastic-net-param, D = the features' standard deviations
            (identity with --no-standardization); intercepts are not penalized. The label is
            read as classes (text or numbers), ordered numerically when all are numbers, else
            by their bytes; predictions come back in the same spelling. See docs/cli.md.

            Examples:
              mlfit train logistic-regression --data Datasets/iris.csv --label species --model iris.json
              mlfit train logistic-regression --data Datasets/breast_cancer.csv --label target \\
                  --model bc.json --reg-param 0.01 --elastic-net-param 0.5 --threshold 0.3
            """)

    @OptionGroup(title: "Input") var input: DataOptions
    @OptionGroup(title: "Columns") var columns: ColumnOptions
    @OptionGroup(title: "Hyperparameters") var hyperparameters: LogisticRegressionOptions
    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup(title: "Run") var runOptions: RunOptions

    var estimator: LogisticRegression { hyperparameters.estimator }
}

/// The hyperparameters of logistic regression, with Spark's names and defaults.
struct LogisticRegressionOptions: ParsableArguments {
    @Option(help: "auto (binomial for two classes, multinomial above), binomial, multinomial.")
    var family: LogisticRegression.Family = .auto

    @Option(parsing: .unconditional, help: "Regularization strength λ ≥ 0.")
    var regParam: Double = 0

    @Option(parsing: .unconditional, help: "Elastic-net mixing α in [0, 1]: 0 is ridge, 1 is lasso.")
    var elasticNetParam: Double = 0

    @Flag(inversion: .prefixedNo, help: "Fit intercepts (never penalized).")
    var fitIntercept = true

    @Flag(inversion: .prefixedNo, help: "Penalize the coefficients of standardized features.")
    var standardization = true

    @Option(parsing: .unconditional, help: "In [0, 1]: with two classes, predict the second when its probability exceeds it.")
    var threshold: Double = 0.5

    @Option(parsing: .unconditional, help: "Iteration limit (Newton steps or L-BFGS iterations), ≥ 1.")
    var maxIter: Int = 100

    @Option(parsing: .unconditional, help: "Stop when the largest gradient entry on standardized features is ≤ tol (> 0).")
    var tol: Double = 1e-6

    @Option(help: "auto (newton up to 2048 parameters, else l-bfgs), newton (proximal Newton with an L1 term), l-bfgs (OWL-QN with an L1 term).")
    var solver: LogisticRegression.Solver = .auto

    var estimator: LogisticRegression {
        LogisticRegression(
            regParam: regParam, elasticNetParam: elasticNetParam, fitIntercept: fitIntercept,
            standardization: standardization, threshold: threshold, maxIter: maxIter, tol: tol,
            family: family, solver: solver)
    }
}

extension LogisticRegression.Family: ExpressibleByArgument {}
extension LogisticRegression.Solver: ExpressibleByArgument {}
