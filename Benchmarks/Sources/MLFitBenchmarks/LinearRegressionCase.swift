import ArgumentParser
import Foundation
import MLFit

/// OLS, ridge, lasso and elastic net against scikit-learn, scikit-learn-intelex and Spark
/// MLlib (peers/linear_sklearn.py, peers/linear_spark.py), all minimizing
/// (1/2n)‖y − Xβ − β₀‖² + λα‖β‖₁ + λ(1−α)/2‖β‖² without standardization.
struct LinearRegressionCase: BenchmarkCase {
    static let name = CaseName.linearRegression
    var settings: FitSettings
    var variants: [LinearVariant]

    var title: String { "Linear regression" }
    var task: GeneratorTask { .regression }

    func groups(_ s: CaseSetup) -> [ContenderGroup] {
        variants.map { v in
            let peerArgs = v.peerArguments(settings, label: s.label, threads: s.threads)
            var list = [
                s.cli(v.trainArguments(settings, file: s.file, label: s.label, model: s.modelPath, threads: s.threads)),
                s.library(Self.self, peerArgs),
            ]
            if v == .ols || v == .ridge {
                // The same method as scikit-learn's Ridge and oneDAL (Gram matrix + Cholesky),
                // next to mlfit's default QR statistics, which cost more and keep more digits.
                list.append(s.library(Self.self, name: "mlfit library, solver normal", peerArgs + ["--solver", "normal"]))
            }
            list += s.peers(sklearn: "linear_sklearn.py", spark: "linear_spark.py", peerArgs)
            return ContenderGroup(title: v.title, settings: v.settings(settings), contenders: list)
        }
    }

    func outcome(ofModelFile path: String) throws -> FitOutcome {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let model = json["model"] as? [String: Any],
            let coefficients = model["coefficients"] as? [Double],
            let intercept = model["intercept"] as? Double
        else { throw BenchmarkError("\(path) is not a linear-regression model file") }
        let summary = json["summary"] as? [String: Any]
        return FitOutcome(
            metrics: ["rmse": summary?["rootMeanSquaredError"] as? Double ?? .nan,
                      "objective": summary?["objective"] as? Double ?? .nan],
            parameters: coefficients + [intercept], rows: summary?["rowCount"] as? Int)
    }

    var quality: QualityMetrics {
        QualityMetrics(
            columns: [
                .init(title: "training RMSE", key: "rmse") { String(format: "%.9f", $0) },
                .init(title: "objective", key: "objective") { String(format: "%.9f", $0) },
            ],
            compared: ("objective", "objective − mlfit's (relative)"))
    }

    var agreement: Agreement? {
        Agreement(
            columnTitle: "max relative difference of β, β₀",
            note: "Relative to the mlfit CLI's model; lasso and elastic-net peers stop at their own tolerance.",
            parameters: { json in
                guard let coefficients = json["coefficients"] as? [Double], let intercept = json["intercept"] as? Double
                else { return nil }
                return coefficients + [intercept]
            })
    }

    var tableNotes: [String] {
        ["`mlfit CLI` is `mlfit train linear-regression`; `mlfit library` is this suite's `fit-in-memory` child "
            + "(`CSVSource.load` then `LinearRegression.fit`). Quality (RMSE, objective) is on the training data, "
            + "objective = MSE/2 + λα‖β‖₁ + λ(1−α)/2‖β‖², computed by each program from its own fit."]
    }

    var memoryCheck: MemoryCheck? {
        let settings = settings
        return MemoryCheck(
            title: "Peak memory of `mlfit train linear-regression` (ridge) by file size",
            note: "Target: under 150 MB at p = 50, whatever the file size.",
            trainArguments: { file, model, s in
                LinearVariant.ridge.trainArguments(settings, file: file, label: s.label, model: model, threads: s.threads)
            })
    }

    var targets: [TargetRow] {
        [.peakRSS("`mlfit train` peak RSS < 150 MB at p = 50, independent of rows", below: 150e6),
         .speedRatio("whole process ≤ 0.5 × pandas + sklearnex Ridge", group: LinearVariant.ridge.title,
                     peer: "sklearnex", whole: true, atMost: 0.5)]
    }

    var settingsDescription: String {
        "objective (1/2n)‖y − Xβ − β₀‖² + λα‖β‖₁ + λ(1−α)/2‖β‖² without standardization; λ = \(settings.regParam), "
            + "elastic-net α = \(settings.elasticNetParam), tol = \(settings.tol), max-iter = \(settings.maxIter)"
    }

    var fairnessNotes: [String] {
        ["""
         - Same objective: scikit-learn `LinearRegression` (OLS), `Ridge(alpha = λ·n)` (its loss
           is not divided by 2n), `Lasso(alpha = λ)`, `ElasticNet(alpha = λ, l1_ratio = α)`; Spark
           `regParam = λα + λ(1−α)σ_y`, `elasticNetParam = λα / regParam`, `standardization = false`
           (Spark divides its L2 term by the label's σ_y; REFERENCES.md). Same tol and max-iter
           where the peer iterates (scikit-learn's tol is on the duality gap, Spark's on the loss;
           mlfit's coordinate descent on the Gram matrix runs to round-off), so compare the
           objective column: speed is never bought with a worse model.
         """,
         """
         - oneDAL: scikit-learn-intelex hands `LinearRegression` and `Ridge` (only with
           `solver="auto"`, as used here) to oneDAL; its `Lasso`/`ElasticNet` fall back to
           scikit-learn here — the `notes` column says `oneDAL` only where sklearnex's own log
           reported an accelerated fit.
         """]
    }

    /// The `fit-in-memory` arguments of the library contenders (the peers' arguments, plus
    /// `--solver`).
    struct LibraryArguments: ParsableArguments {
        @Option var model: LinearVariant = .ridge
        @Option var regParam = 0.01
        @Option var elasticNetParam = 0.5
        @Option var tol = 1e-6
        @Option var maxIter = 100
        @Option var solver: LinearRegression.Solver = .auto
    }

    static func libraryFit(arguments: [String], label: String) throws -> LibraryFit {
        let a = try LibraryArguments.parse(arguments)
        var csv = CSVOptions()
        csv.label = label
        let settings = FitSettings(regParam: a.regParam, elasticNetParam: a.elasticNetParam, tol: a.tol, maxIter: a.maxIter)
        var estimator = a.model.estimator(settings)
        estimator.solver = a.solver
        return LibraryFit(csv: csv) { data, options in
            let fitted = try estimator.fit(data, options: options)
            let summary = fitted.summary
            return [
                "estimator": "LinearRegression", "solver": summary.solver.rawValue,
                "features": fitted.coefficients.count, "iterations": summary.iterations ?? 0,
                "rmse": summary.rootMeanSquaredError, "objective": summary.objective,
                "intercept": fitted.intercept, "coefficients": fitted.coefficients,
            ]
        }
    }
}

extension LinearVariant: ExpressibleByArgument {}
extension LinearRegression.Solver: @retroactive ExpressibleByArgument {}
