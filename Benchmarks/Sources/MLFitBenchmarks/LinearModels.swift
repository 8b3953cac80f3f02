import ArgumentParser
import Foundation
import MLFit

/// The linear-regression variants every comparison runs, with the same objective on every side:
/// (1/2n)‖y − Xβ − β₀‖² + λα‖β‖₁ + λ(1−α)/2‖β‖² (mlfit with `--no-standardization`).
enum LinearVariant: String, CaseIterable, Sendable {
    case ols
    case ridge
    case lasso
    case elasticNet = "elastic-net"

    var title: String {
        switch self {
        case .ols: "OLS"
        case .ridge: "ridge"
        case .lasso: "lasso"
        case .elasticNet: "elastic net"
        }
    }

    /// (λ, α) of this variant for the suite's λ and elastic-net α.
    func penalty(regParam: Double, elasticNetParam: Double) -> (lambda: Double, alpha: Double) {
        switch self {
        case .ols: (0, 0)
        case .ridge: (regParam, 0)
        case .lasso: (regParam, 1)
        case .elasticNet: (regParam, elasticNetParam)
        }
    }

    /// The hyperparameters written out in the report.
    func settings(_ s: FitSettings) -> String {
        let (l, a) = penalty(regParam: s.regParam, elasticNetParam: s.elasticNetParam)
        switch self {
        case .ols: return "λ = 0"
        case .ridge: return "λ = \(l), α = 0"
        case .lasso, .elasticNet: return "λ = \(l), α = \(a), tol = \(s.tol), max-iter = \(s.maxIter)"
        }
    }

    func estimator(_ s: FitSettings) -> LinearRegression {
        let (l, a) = penalty(regParam: s.regParam, elasticNetParam: s.elasticNetParam)
        return LinearRegression(
            regParam: l, elasticNetParam: a, standardization: false, maxIter: s.maxIter, tol: s.tol)
    }

    /// `mlfit train linear-regression` arguments after the executable.
    func trainArguments(_ s: FitSettings, file: String, label: String, model: String, threads: Int) -> [String] {
        let (l, a) = penalty(regParam: s.regParam, elasticNetParam: s.elasticNetParam)
        return [
            "train", "linear-regression", "--data", file, "--label", label, "--model", model,
            "--reg-param", "\(l)", "--elastic-net-param", "\(a)", "--no-standardization",
            "--tol", "\(s.tol)", "--max-iter", "\(s.maxIter)", "--threads", "\(threads)", "--quiet",
        ]
    }

    /// Arguments of the peer scripts and of `fit-in-memory` after the file.
    func peerArguments(_ s: FitSettings, label: String, threads: Int) -> [String] {
        [
            "--label", label, "--model", rawValue, "--reg-param", "\(s.regParam)",
            "--elastic-net-param", "\(s.elasticNetParam)", "--tol", "\(s.tol)",
            "--max-iter", "\(s.maxIter)", "--threads", "\(threads)",
        ]
    }
}

/// The hyperparameters shared by mlfit and every peer in one run.
struct FitSettings: Sendable {
    var regParam = 0.01
    var elasticNetParam = 0.5
    var tol = 1e-6
    var maxIter = 100
}

/// The linear-regression case's command-line options (`compare`, `scaling`, `all`).
struct LinearRegressionOptions: ParsableArguments {
    @Option(help: "Models to compare, comma-separated: ols, ridge, lasso, elastic-net.")
    var models = LinearVariant.allCases.map(\.rawValue).joined(separator: ",")
    @Option(help: "λ of the regularized fits.")
    var regParam = 0.01
    @Option(help: "α of the elastic-net fit.")
    var elasticNetParam = 0.5
    @Option(help: "Tolerance of the iterative fits (mlfit, scikit-learn, Spark).")
    var tol = 1e-6
    @Option(help: "Iteration limit of the iterative fits.")
    var maxIter = 100

    func validate() throws { _ = try variants() }

    func variants() throws -> [LinearVariant] {
        try models.split(separator: ",").map { name in
            guard let v = LinearVariant(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--models takes ols, ridge, lasso, elastic-net; got '\(name)'")
            }
            return v
        }
    }

    var settings: FitSettings {
        FitSettings(regParam: regParam, elasticNetParam: elasticNetParam, tol: tol, maxIter: maxIter)
    }
}
