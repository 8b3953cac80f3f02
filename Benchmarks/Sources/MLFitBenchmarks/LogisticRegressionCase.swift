import ArgumentParser
import Foundation
import MLFit

/// Logistic regression, binomial (two classes) or multinomial (softmax over `K` classes),
/// against scikit-learn (lbfgs and newton-cholesky), scikit-learn-intelex and Spark MLlib
/// (peers/logistic_sklearn.py, peers/logistic_spark.py), all minimizing
/// (1/n)·Σ logloss + λ/2·‖B‖² without standardization, intercepts not penalized.
///
/// Four registered cases share this type: `logistic-regression` on the binary task and
/// `logistic-regression-multiclass` on the 5-class one (200k rows where the suite's default
/// is 500k), and the same two `-correlated` on correlated features of unequal scales. All run
/// the same library fit in `fit-in-memory`, under ``name``.
struct LogisticRegressionCase: BenchmarkCase {
    static let name = CaseName.logisticRegression
    var classes: Int
    var settings: LogisticSettings
    /// The task on correlated features of unequal scales (``ClassificationData``).
    var correlated = false

    var title: String {
        (classes == 2 ? "Logistic regression, binary" : "Logistic regression, \(classes) classes")
            + (correlated ? ", correlated features on unequal scales" : "")
    }
    var task: GeneratorTask {
        switch (classes == 2, correlated) {
        case (true, false): .binaryClassification
        case (false, false): .multiclassClassification
        case (true, true): .binaryClassificationCorrelated
        case (false, true): .multiclassClassificationCorrelated
        }
    }
    private var groupTitle: String {
        (classes == 2 ? "binomial" : "multinomial, \(classes) classes") + (correlated ? ", correlated" : "")
    }

    /// The 5-class set has 2/5 of the suite's rows (200,000 of 500,000).
    func dataShape(_ base: DataShape) -> DataShape {
        guard classes > 2 else { return base }
        var shape = base
        shape.rows = max(1, base.rows * 2 / 5)
        return shape
    }

    func groups(_ s: CaseSetup) -> [ContenderGroup] {
        let common = settings.peerArguments(label: s.label, threads: s.threads)
        let script = "logistic_sklearn.py"
        func named(_ list: [Contender], _ from: String, _ to: String) -> [Contender] {
            list.filter { $0.name == from }.map { c in
                var c = c
                c.name = to
                return c
            }
        }
        let lbfgs = named(s.peers(sklearn: script, spark: nil, common + ["--solver", "lbfgs"]),
                          "scikit-learn", "scikit-learn lbfgs")
        let cholesky = named(s.peers(sklearn: script, spark: nil, common + ["--solver", "newton-cholesky"]),
                             "scikit-learn", "scikit-learn newton-cholesky")
        let intelex = named(s.peers(sklearn: script, spark: nil, common + ["--solver", settings.intelexSolver]),
                            "sklearnex", "sklearnex")
        let contenders = [
            s.cli(settings.trainArguments(file: s.file, label: s.label, model: s.modelPath, threads: s.threads)),
            s.library(Self.self, common),
        ] + lbfgs + cholesky + intelex + s.peers(sklearn: nil, spark: "logistic_spark.py", common)
        return [ContenderGroup(title: groupTitle, settings: "λ = \(settings.regParam), tol = \(settings.tol)",
                               contenders: contenders)]
    }

    func outcome(ofModelFile path: String) throws -> FitOutcome {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let model = json["model"] as? [String: Any],
            let rows = model["coefficientMatrix"] as? [[Double]],
            let intercepts = model["interceptVector"] as? [Double],
            let summary = json["summary"] as? [String: Any]
        else { throw BenchmarkError("\(path) is not a logistic-regression model file") }
        var outcome = FitOutcome(
            metrics: ["objective": summary["objective"] as? Double ?? .nan,
                      "log_loss": summary["logLoss"] as? Double ?? .nan, "accuracy": .nan],
            parameters: rows.flatMap { $0 } + intercepts, rows: summary["rowCount"] as? Int)
        outcome.detail = Self.detail(solver: summary["solver"] as? String, iterations: summary["iterations"] as? Int,
                                     converged: summary["converged"] as? Bool, stop: summary["stopReason"] as? String)
        return outcome
    }

    /// The model file's result, plus the accuracy from `mlfit evaluate --json` on the same file.
    func outcome(ofModelFile path: String, setup s: CaseSetup) throws -> FitOutcome {
        var outcome = try outcome(ofModelFile: path)
        outcome.metrics["accuracy"] = try s.evaluatedAccuracy(model: path)
        return outcome
    }

    static func detail(solver: String?, iterations: Int?, converged: Bool?, stop: String?) -> String {
        var parts: [String] = []
        if let solver { parts.append("solver \(solver)") }
        if let iterations { parts.append("\(iterations) iterations") }
        if converged == false { parts.append("**not converged** (\(stop ?? "?"))") }
        return parts.joined(separator: ", ")
    }

    var quality: QualityMetrics {
        QualityMetrics(
            columns: [
                .init(title: "objective", key: "objective") { String(format: "%.12f", $0) },
                .init(title: "log loss", key: "log_loss") { String(format: "%.9f", $0) },
                .init(title: "accuracy", key: "accuracy") { String(format: "%.5f", $0) },
            ],
            compared: ("objective", "objective − mlfit's (relative)"))
    }

    var agreement: Agreement? {
        Agreement(
            columnTitle: "‖Δθ‖∞ / ‖θ‖∞ (coefficients and intercepts)",
            note: "θ = every coefficient row, then the intercepts, relative to the mlfit CLI's model; multinomial intercepts "
                + "centred to sum to 0 by every program (it changes no probability). The peers stop at their own tolerance.",
            parameters: { json in
                guard let coefficients = json["coefficients"] as? [Double], let intercepts = json["intercepts"] as? [Double]
                else { return nil }
                return coefficients + intercepts
            },
            difference: { a, b in
                guard a.count == b.count else { return .infinity }
                let scale = b.map(abs).max() ?? 0
                return zip(a, b).map { abs($0 - $1) }.max().map { $0 / max(scale, 1e-300) } ?? 0
            })
    }

    var tableNotes: [String] {
        ["`mlfit CLI` is `mlfit train logistic-regression` (the label read as classes), its accuracy from "
            + "`mlfit evaluate --json` afterwards (not timed); `mlfit library` is this suite's `fit-in-memory` child "
            + "(`CSVSource.load` with the label categorical, then `LogisticRegression.fit`). Quality is on the training "
            + "data: objective = mean log loss + λ/2‖B‖², computed from each program's parameters — by mlfit in its last "
            + "pass, by each peer script with the same formula (softplus / log-sum-exp in float64); accuracy with class 1 "
            + "when its score is positive (binomial), else the most probable class.",
         "`sklearnex` runs `LogisticRegression(solver=\(settings.intelexSolver))` patched by scikit-learn-intelex; "
            + "`oneDAL` in its notes means sklearnex's own log reported an accelerated fit."]
    }

    var targets: [TargetRow] {
        var rows = [TargetRow.sameOptimum(
            "\(groupTitle): same optimum — mlfit's objective ≤ 1e-8 (relative) above the best peer's",
            group: groupTitle, key: "objective", within: 1e-8)]
        rows.append(.speedRatio("\(groupTitle): fit from memory ≥ 10× faster than scikit-learn lbfgs",
                                group: groupTitle, peer: "scikit-learn lbfgs", whole: false, atMost: 0.1))
        if classes == 2 {
            rows.append(TargetRow.onOneDAL(.speedRatio("\(groupTitle): fit from memory ≤ 0.5 × oneDAL's (sklearnex)",
                                                  group: groupTitle, peer: "sklearnex", whole: false, atMost: 0.5),
                                      group: groupTitle))
            rows.append(TargetRow.onOneDAL(.speedRatio("\(groupTitle): `mlfit train` whole process ≤ 0.5 × pandas + oneDAL",
                                                  group: groupTitle, peer: "sklearnex", whole: true, atMost: 0.5),
                                      group: groupTitle))
        }
        return rows
    }

    var settingsDescription: String {
        "objective (1/n)·Σ logloss + λ/2‖B‖² without standardization, intercepts not penalized "
            + "(\(classes == 2 ? "binomial" : "softmax over \(classes) classes")); λ = \(settings.regParam), "
            + "tol = \(settings.tol), max-iter = \(settings.maxIter)"
    }

    var fairnessNotes: [String] {
        guard classes == 2, !correlated else { return [] }  // once for every logistic case
        return ["""
         - Logistic regression, same objective: scikit-learn `LogisticRegression(C = 1/(λ·n))`
           with an L2 penalty (`l1_ratio = 0`; its loss is a sum, not a mean), lbfgs and
           newton-cholesky; Spark `regParam = λ`, `elasticNetParam = 0`, `standardization = false`
           (labels 0..K−1, so Spark's `numClasses` = max + 1 is mlfit's class count). The tol
           is everyone's; mlfit and scikit-learn stop on the largest gradient entry, Spark on the
           loss change; the iteration limit is high enough that no program stops on it. So the
           objective column compares optima, and the targets ask for the same one within 1e-8.
         """,
         """
         - oneDAL: scikit-learn-intelex hands `LogisticRegression` with `lbfgs` or `newton-cg` to
           oneDAL (its loss and gradient, driven by scikit-learn's optimizer); `newton-cholesky`
           is scikit-learn's own. The `notes` column says `oneDAL` only where sklearnex's log
           reported an accelerated fit.
         """]
    }

    /// The `fit-in-memory` arguments of the library contender (the peers' arguments).
    struct LibraryArguments: ParsableArguments {
        @Option var regParam = 0.01
        @Option var tol = 1e-6
        @Option var maxIter = 1000
        @Option var solver: LogisticRegression.Solver = .auto
    }

    static func libraryFit(arguments: [String], label: String) throws -> LibraryFit {
        let a = try LibraryArguments.parse(arguments)
        var csv = CSVOptions()
        csv.label = label
        csv.categorical = [label]  // classes, as `mlfit train logistic-regression` reads them
        let estimator = LogisticRegression(
            regParam: a.regParam, standardization: false, maxIter: a.maxIter, tol: a.tol, solver: a.solver)
        return LibraryFit(csv: csv) { data, options in
            // The fit alone is timed here (`fit_seconds` overrides the child's own timing),
            // so that the accuracy pass below is not counted.
            let start = now()
            let model = try estimator.fit(data, options: options)
            let seconds = now() - start
            let s = model.summary
            return [
                "estimator": "LogisticRegression", "fit_seconds": seconds,
                "solver": s.solver.rawValue, "iterations": s.iterations, "converged": s.converged,
                "objective": s.objective, "log_loss": s.logLoss, "accuracy": try accuracy(model, on: data),
                "coefficients": (0..<model.coefficientMatrix.rows).flatMap { model.coefficientMatrix.row($0) },
                "intercepts": model.interceptVector,
            ]
        }
    }

    /// The share of rows whose predicted class code is the label's.
    static func accuracy(_ model: LogisticRegressionModel, on data: Dataset) throws -> Double {
        var right = 0, total = 0
        for chunk in data.chunks where chunk.rowCount > 0 {
            let codes = model.predictCodes(probabilities: try model.predictProbabilities(chunk.features))
            for (i, code) in codes.enumerated() where Double(code) == chunk.labels[i] { right += 1 }
            total += chunk.rowCount
        }
        return total > 0 ? Double(right) / Double(total) : .nan
    }
}

extension LogisticRegression.Solver: @retroactive ExpressibleByArgument {}
