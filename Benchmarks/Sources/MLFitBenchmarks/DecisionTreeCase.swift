import ArgumentParser
import Foundation
import MLFit

/// One classification tree on the binary task against scikit-learn's exact tree, one round of
/// XGBoost `hist` and of LightGBM, and Spark MLlib (peers/tree_sklearn.py with `--library`,
/// peers/tree_spark.py), at the same depth, bins and thread count.
///
/// The boosters grow a Newton step of the log loss, not a Gini tree, so the case compares
/// accuracy on the training data (and the tree's size), never splits. The targets are the
/// issue's: mlfit's fit from memory, sample and binning included, at most half XGBoost's
/// training, and `mlfit train` at most half of `python3` running pandas and XGBoost (DMatrix
/// included); the peak RSS of `mlfit train` is reported beside the data's size.
struct DecisionTreeCase: BenchmarkCase {
    static let name = CaseName.decisionTree
    var settings: TreeSettings

    var title: String { "Decision tree, binary" }
    var task: GeneratorTask { .binaryClassification }
    var pythonLibraries: [PythonLibrary] { [.xgboost, .lightgbm] }
    private var groupTitle: String { "classification tree" }
    private static let script = "tree_sklearn.py"

    func groups(_ s: CaseSetup) -> [ContenderGroup] {
        let common = settings.peerArguments(label: s.label, threads: s.threads)
        // scikit-learn-intelex does not accelerate DecisionTreeClassifier: no sklearnex run.
        let contenders = [
            s.cli(settings.trainArguments(file: s.file, label: s.label, model: s.modelPath, threads: s.threads)),
            s.library(Self.self, common),
        ] + s.peers(sklearn: Self.script, spark: nil, intelex: false, common + ["--library", "scikit-learn"])
            + s.peer(.xgboost, script: Self.script, common + ["--library", "xgboost"])
            + s.peer(.lightgbm, script: Self.script, common + ["--library", "lightgbm"])
            + s.peers(sklearn: nil, spark: "tree_spark.py", common)
        return [ContenderGroup(title: groupTitle, settings: "depth \(settings.maxDepth), \(settings.maxBins) bins",
                               contenders: contenders)]
    }

    func outcome(ofModelFile path: String) throws -> FitOutcome {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            json["algorithm"] as? String == DecisionTreeClassificationModel.algorithmName,
            let summary = json["summary"] as? [String: Any],
            let leaves = summary["leafCount"] as? Int, let depth = summary["depth"] as? Int
        else { throw BenchmarkError("\(path) is not a decision-tree-classifier model file") }
        let rows = summary["rowCount"] as? Int
        // Rows and features are not columns: the peak-RSS target sizes the data with them.
        var outcome = FitOutcome(
            metrics: ["accuracy": .nan, "leaves": Double(leaves), "depth": Double(depth),
                      "rows": rows.map(Double.init) ?? .nan,
                      "features": (summary["binCounts"] as? [Int]).map { Double($0.count) } ?? .nan],
            rows: rows)
        if let passes = summary["levelPasses"] as? Int { outcome.detail = "\(passes) level passes" }
        return outcome
    }

    /// The model file's tree size, plus the accuracy from `mlfit evaluate --json` on the same file.
    func outcome(ofModelFile path: String, setup s: CaseSetup) throws -> FitOutcome {
        var outcome = try outcome(ofModelFile: path)
        outcome.metrics["accuracy"] = try s.evaluatedAccuracy(model: path)
        return outcome
    }

    var quality: QualityMetrics {
        QualityMetrics(
            columns: [
                .init(title: "training accuracy", key: "accuracy") { String(format: "%.5f", $0) },
                .init(title: "leaves", key: "leaves") { $0.isFinite ? String(Int($0)) : "" },
                .init(title: "depth", key: "depth") { $0.isFinite ? String(Int($0)) : "" },
            ],
            compared: ("accuracy", "accuracy − mlfit's (relative)"))
    }

    var tableNotes: [String] {
        ["`mlfit CLI` is `mlfit train decision-tree-classifier` (reads the CSV, samples split candidates, bins, grows; "
            + "its accuracy from `mlfit evaluate --json` afterwards, not timed); `mlfit library` is this suite's "
            + "`fit-in-memory` child (`CSVSource.load` with the label categorical, then `DecisionTreeClassifier.fit`: "
            + "its `fit s` includes the candidate sample and the binning). Accuracy is on the training data (the "
            + "runner has no held-out file), class 1 when its probability is above 0.5.",
         "`XGBoost`: `xgboost.train` with `tree_method=hist`, one round; its `fit s` is the training alone (its quantile "
            + "sketch and binning included), the `DMatrix` construction is in its notes and in its whole process. "
            + "`LightGBM`: `lightgbm.train`, one round; its `fit s` includes `Dataset.construct()` (its binning), shown "
            + "apart in its notes. Both grow a Newton step of the log loss, not a Gini tree: compare accuracy, not splits.",
         "scikit-learn's `DecisionTreeClassifier` is the exact tree (every midpoint a candidate) and runs on one thread "
            + "whatever the thread count; scikit-learn-intelex does not accelerate it, so it has no sklearnex row."]
    }

    var targets: [TargetRow] {
        [.speedRatio("tree: fit from memory (sample and binning included) ≤ 0.5 × XGBoost's training (hist, one tree)",
                     group: groupTitle, peer: PythonLibrary.xgboost.name, whole: false, atMost: 0.5),
         .speedRatio("tree: `mlfit train` whole process ≤ 0.5 × pandas + XGBoost (DMatrix included)",
                     group: groupTitle, peer: PythonLibrary.xgboost.name, whole: true, atMost: 0.5),
         Self.accuracyNearExact(group: groupTitle),
         Self.peakRSS(group: groupTitle)]
    }

    /// The mlfit rows' accuracy within one point (0.01) of scikit-learn's exact tree.
    static func accuracyNearExact(group: String) -> TargetRow {
        TargetRow(target: "tree: training accuracy within one point of scikit-learn's exact tree at the same depth") { r in
            let rows = r.outcomes.filter { $0.group == group }
            guard let exact = rows.first(where: { $0.program == "scikit-learn" })?.metrics["accuracy"], exact.isFinite
            else { return ("scikit-learn not run", nil) }
            let gaps = rows.filter { $0.kind != .peer }.map { ($0.program, ($0.metrics["accuracy"] ?? .nan) - exact) }
            guard !gaps.isEmpty else { return ("no mlfit result", nil) }
            let text = gaps.map { "\($0.0) \(String(format: "%+.4f", $0.1))" }.joined(separator: ", ")
            return ("\(text) (scikit-learn \(String(format: "%.4f", exact)))", gaps.allSatisfy { abs($0.1) <= 0.01 })
        }
    }

    /// `mlfit train`'s peak RSS beside the data as doubles and every peer's (reported, not judged).
    static func peakRSS(group: String) -> TargetRow {
        TargetRow(target: "tree: peak RSS of `mlfit train` reported (the doubles freed once binned)") { r in
            let rows = r.outcomes.filter { $0.group == group && $0.kind != .mlfitLibrary }
            guard let cli = rows.first(where: { $0.kind == .mlfitCLI }), cli.peakRSS > 0 else { return ("not run", nil) }
            let n = cli.metrics["rows"] ?? .nan, p = cli.metrics["features"] ?? .nan
            let data = n.isFinite && p.isFinite ? " (the features as doubles: \(mib(Int(n * p) * 8)) MiB)" : ""
            let peers = rows.filter { $0.kind == .peer }.map { "\($0.program) \(mib($0.peakRSS)) MiB" }
            return ("\(mib(cli.peakRSS)) MiB\(data)" + (peers.isEmpty ? "" : "; peers: " + peers.joined(separator: ", ")), nil)
        }
    }

    var settingsDescription: String {
        "one classification tree, depth \(settings.maxDepth); mlfit Gini, \(settings.maxBins) bins (candidates from a "
            + "row sample, seed \(settings.seed)), no minimum gain, children ≥ 1 row; scikit-learn the exact Gini tree; "
            + "XGBoost `hist` one round (`max_bin = \(settings.maxBins)`, `learning_rate = 1`, `reg_lambda = 0`, "
            + "`min_child_weight = 0`); LightGBM one round (`num_leaves = \(settings.lightGBMLeaves)`, "
            + "`max_bin = \(settings.maxBins)`, `min_data_in_leaf = 1`, `lambda_l2 = 0`); Spark `maxBins = "
            + "\(settings.maxBins)`, gini"
    }

    var fairnessNotes: [String] {
        ["""
         - Decision tree: every program grows one tree of depth at most \(settings.maxDepth) on the same
           file with the same threads (scikit-learn's tree is single-threaded by design). mlfit,
           XGBoost, LightGBM and Spark bin each feature into at most \(settings.maxBins) bins from their own
           samples or sketches; scikit-learn tries every threshold. XGBoost and LightGBM fit a
           Newton step of the log loss (second-order gain), not Gini, so the table compares
           training accuracy and tree size, never splits. Fit times count what turns arrays in
           memory into a model: mlfit's sample and binning, XGBoost's sketch and binning inside
           `train` (its `DMatrix` copy apart, in the notes), LightGBM's `Dataset` binning.
         """]
    }

    /// The `fit-in-memory` arguments of the library contender (the peers' arguments).
    struct LibraryArguments: ParsableArguments {
        @Option var maxDepth = 10
        @Option var maxBins = 32
        @Option var seed = 0
    }

    static func libraryFit(arguments: [String], label: String) throws -> LibraryFit {
        let a = try LibraryArguments.parse(arguments)
        var csv = CSVOptions()
        csv.label = label
        csv.categorical = [label]  // classes, as `mlfit train decision-tree-classifier` reads them
        let estimator = DecisionTreeClassifier(maxDepth: a.maxDepth, maxBins: a.maxBins, seed: a.seed)
        return LibraryFit(csv: csv) { data, options in
            // The fit alone is timed here (`fit_seconds` overrides the child's own timing), so
            // that the accuracy pass below is not counted.
            let start = now()
            let model = try estimator.fit(data, options: options)
            let seconds = now() - start
            return [
                "estimator": "DecisionTreeClassifier", "fit_seconds": seconds,
                "accuracy": try accuracy(model, on: data), "leaves": Double(model.summary.leafCount),
                "depth": Double(model.depth), "note": "\(model.summary.levelPasses) level passes",
            ]
        }
    }

    /// The share of rows whose predicted class code is the label's.
    static func accuracy(_ model: DecisionTreeClassificationModel, on data: Dataset) throws -> Double {
        var right = 0, total = 0
        for chunk in data.chunks where chunk.rowCount > 0 {
            for (i, code) in try model.predictCodes(chunk.features).enumerated() where Double(code) == chunk.labels[i] {
                right += 1
            }
            total += chunk.rowCount
        }
        return total > 0 ? Double(right) / Double(total) : .nan
    }
}
