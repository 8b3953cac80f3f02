import ArgumentParser
import Foundation
import MLFit

struct TrainLinearRegression: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "linear-regression",
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

    @OptionGroup var input: DataOptions

    @Option(help: "The label column (CSV; a LIBSVM file's label is its first field).")
    var label: String?

    @Option(help: "Where to write the model (JSON, written atomically).")
    var model: String

    @Option(help: "Feature columns, comma-separated (default: every other column).")
    var features: String?

    @Option(help: "A column of non-negative row weights.")
    var weightCol: String?

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

    @Option(help: "Also write the training report and summary as JSON to this file.")
    var reportJson: String?

    @OptionGroup var runOptions: RunOptions

    var estimator: LinearRegression {
        LinearRegression(
            regParam: regParam, elasticNetParam: elasticNetParam, fitIntercept: fitIntercept,
            standardization: standardization, solver: solver, maxIter: maxIter, tol: tol)
    }

    var featureList: [String]? {
        features.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
    }

    func validate() throws {
        do {
            try estimator.validate()
        } catch {
            throw ValidationError(error.description)
        }
        if label == nil, input.resolvedFormat == .csv {
            throw ValidationError("Missing expected argument '--label <label>': CSV input needs a label column")
        }
        if let list = featureList, list.isEmpty || list.contains("") {
            throw ValidationError("--features must name columns separated by commas; got '\(features ?? "")'")
        }
    }

    func run() throws {
        try CommandFailure.report {
            let source = try input.open(
                label: label, weight: weightCol, features: featureList, execution: runOptions.execution)
            let fit = try ConsoleProgress.whileRunning("fitting", enabled: !runOptions.quiet, reading: source) {
                try estimator.fitWithReport(source, options: runOptions.execution)
            }
            try fit.model.save(to: model)
            print(fit.model)
            let report = TrainReport(
                pass: fit.pass, finalizeSeconds: fit.finalizeSeconds, threads: runOptions.execution.threads,
                modelPath: model)
            if !runOptions.quiet { printError(report.text) }
            if let reportJson {
                try AtomicFile.write(try report.json(summary: fit.model.summary), to: reportJson)
            }
        }
    }
}

extension LinearRegression.Solver: ExpressibleByArgument {}
