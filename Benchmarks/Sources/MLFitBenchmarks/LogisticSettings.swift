import ArgumentParser

/// The hyperparameters of the logistic-regression cases, the same for mlfit and every peer:
/// an L2 penalty λ on the raw coefficients (`--no-standardization`, scikit-learn's
/// `C = 1/(λ·n)`, Spark's `regParam = λ`), the tolerance and the iteration limit.
struct LogisticSettings: Sendable {
    var regParam = 0.01
    var tol = 1e-6
    /// High enough that no program stops on it: each stops on its own tolerance, so that the
    /// objective column compares optima, not iteration limits.
    var maxIter = 1000
    /// The scikit-learn-intelex run's solver: `lbfgs` or `newton-cg`, which oneDAL runs.
    var intelexSolver = "lbfgs"

    /// `mlfit train logistic-regression` arguments after the executable.
    func trainArguments(file: String, label: String, model: String, threads: Int) -> [String] {
        ["train", "logistic-regression", "--data", file, "--label", label, "--model", model,
         "--reg-param", "\(regParam)", "--no-standardization", "--tol", "\(tol)", "--max-iter", "\(maxIter)",
         "--threads", "\(threads)", "--quiet"]
    }

    /// Arguments of the peer scripts and of `fit-in-memory` after the file.
    func peerArguments(label: String, threads: Int) -> [String] {
        ["--label", label, "--reg-param", "\(regParam)", "--tol", "\(tol)", "--max-iter", "\(maxIter)",
         "--threads", "\(threads)"]
    }
}

/// The logistic-regression cases' command-line options (`compare`, `all`). Prefixed, since
/// the linear-regression case owns `--reg-param`, `--tol` and `--max-iter`.
struct LogisticRegressionOptions: ParsableArguments {
    @Option(help: "λ of the logistic fits (L2 on the raw coefficients; scikit-learn C = 1/(λ·n)).")
    var logisticRegParam = 0.01
    @Option(help: "Tolerance of the logistic fits (mlfit, scikit-learn: largest gradient entry; Spark: loss change).")
    var logisticTol = 1e-6
    @Option(help: "Iteration limit of the logistic fits (high, so that each program stops on its tolerance).")
    var logisticMaxIter = 1000
    @Option(help: "Solver of the scikit-learn-intelex run: lbfgs or newton-cg (the two oneDAL runs).")
    var intelexSolver = "lbfgs"

    func validate() throws {
        guard logisticRegParam > 0 else { throw ValidationError("--logistic-reg-param must be > 0 (scikit-learn's C = 1/(λ·n))") }
        guard logisticTol > 0, logisticMaxIter >= 1 else {
            throw ValidationError("--logistic-tol must be > 0 and --logistic-max-iter ≥ 1")
        }
        guard ["lbfgs", "newton-cg"].contains(intelexSolver) else {
            throw ValidationError("--intelex-solver takes lbfgs or newton-cg; got '\(intelexSolver)'")
        }
    }

    var settings: LogisticSettings {
        LogisticSettings(
            regParam: logisticRegParam, tol: logisticTol, maxIter: logisticMaxIter, intelexSolver: intelexSolver)
    }
}
