import Foundation
import Synchronization
import Testing

/// A model file is user input: cut short, edited by hand, written by a later mlfit. Each
/// mutation of a real model file is run through `info`, `predict` and `evaluate`; every run
/// must exit 0 or 1, with exactly one line on stderr for 1, and never die by a signal (before
/// the checks on load, `info` on a file with shortened standard errors died of an illegal
/// instruction while `predict` succeeded).
@Suite struct ModelFileMutationTests {
    /// A mutated file and whether every command must refuse it.
    struct Mutation {
        var name: String
        var data: Data
        var mustFail: Bool
    }

    /// y ≈ 1 + 2a − b + c/2 with noise: an unregularized fit, so the file has standard errors,
    /// t and p values and an F test.
    static let csv = """
        a,b,c,y
        1,0,3,2.6
        2,1,1,4.4
        3,0,4,9.1
        4,1,1,8.6
        5,3,2,9.2
        6,2,5,14.1
        7,1,0,14.2
        8,4,2,14.1
        9,0,1,19.4
        10,2,3,21.3
        11,5,2,18.9
        12,1,4,26.2

        """

    static func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func data(_ object: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    /// `object` with the value at `path` replaced by `change(old)`; `nil` removes the key.
    static func setting(_ object: [String: Any], _ path: [String], _ change: (Any?) -> Any?) -> [String: Any] {
        var copy = object
        guard let key = path.first else { return copy }
        if path.count == 1 {
            copy[key] = change(copy[key])
        } else {
            copy[key] = setting(copy[key] as? [String: Any] ?? [:], Array(path.dropFirst()), change)
        }
        return copy
    }

    /// What one algorithm's model file is mutated in: the arrays with one entry per feature,
    /// numbers, counts, and mutations only its files have.
    struct Algorithm: Sendable, CustomStringConvertible {
        var name: String
        var csv: String
        var trainArguments: [String]
        var perFeature: [[String]]
        var numbers: [[String]]
        var counts: [[String]]
        var description: String { name }
    }

    static let linear = Algorithm(
        name: "linear-regression", csv: csv, trainArguments: ["--label", "y"],
        perFeature: [["model", "coefficients"], ["summary", "coefficientStandardErrors"],
                     ["summary", "tValues"], ["summary", "pValues"], ["features"]],
        numbers: [["hyperparameters", "regParam"], ["hyperparameters", "maxIter"],
                  ["hyperparameters", "tol"], ["model", "intercept"], ["summary", "rowCount"],
                  ["summary", "degreesOfFreedom"], ["summary", "weightSum"], ["summary", "rSquared"],
                  ["summary", "fStatistic"]],
        counts: [["summary", "rowCount"], ["summary", "positiveWeightRowCount"],
                 ["summary", "degreesOfFreedom"], ["summary", "refinementPasses"],
                 ["summary", "iterations"], ["hyperparameters", "maxIter"]])

    /// Three classes with text labels, so the file has classes and a multinomial matrix.
    static let logistic = Algorithm(
        name: "logistic-regression",
        csv: csv.replacingOccurrences(of: ",y\n", with: ",y,kind\n")
            .split(separator: "\n").enumerated().map { i, line in
                i == 0 ? String(line) : line + "," + ["red", "green", "blue"][i % 3]
            }.joined(separator: "\n") + "\n",
        trainArguments: ["--label", "kind", "--features", "a,b,c", "--reg-param", "0.1"],
        perFeature: [["features"]],
        numbers: [["hyperparameters", "regParam"], ["hyperparameters", "threshold"],
                  ["hyperparameters", "maxIter"], ["hyperparameters", "tol"], ["summary", "rowCount"],
                  ["summary", "weightSum"], ["summary", "objective"], ["summary", "logLoss"],
                  ["summary", "gradientNorm"], ["summary", "iterations"]],
        counts: [["summary", "rowCount"], ["summary", "iterations"], ["hyperparameters", "maxIter"]])

    /// The csv with a categorical feature `shade` and a 3-class label `kind`.
    static let treeCSV = csv.replacingOccurrences(of: ",y\n", with: ",y,shade,kind\n")
        .split(separator: "\n").enumerated().map { i, line in
            i == 0 ? String(line) : line + "," + ["dark", "light", "mid", "light"][i % 4] + "," + ["red", "green", "blue"][i % 3]
        }.joined(separator: "\n") + "\n"

    static let treeNumbers = [["hyperparameters", "maxDepth"], ["hyperparameters", "maxBins"],
                              ["hyperparameters", "minInfoGain"], ["hyperparameters", "minWeightFractionPerNode"],
                              ["hyperparameters", "seed"], ["summary", "rowCount"], ["summary", "weightSum"],
                              ["summary", "depth"], ["summary", "nodeCount"]]
    static let treeCounts = [["summary", "rowCount"], ["summary", "sampledRows"], ["summary", "levelPasses"],
                             ["summary", "depth"], ["hyperparameters", "maxBins"], ["hyperparameters", "maxDepth"]]
    static let treePerFeature = [["features"], ["summary", "binCounts"], ["summary", "featureImportances"]]

    static let classificationTree = Algorithm(
        name: "decision-tree-classifier", csv: treeCSV,
        trainArguments: ["--label", "kind", "--features", "a,b,shade", "--categorical-features", "shade",
                         "--max-depth", "3", "--max-bins", "4"],
        perFeature: treePerFeature, numbers: treeNumbers, counts: treeCounts)

    static let regressionTree = Algorithm(
        name: "decision-tree-regressor", csv: treeCSV,
        trainArguments: ["--label", "y", "--features", "a,b,c,shade", "--categorical-features", "shade", "--max-depth", "3"],
        perFeature: treePerFeature, numbers: treeNumbers, counts: treeCounts)

    /// Mutations of the nodes of a tree file.
    static func treeMutations(of base: [String: Any], _ add: (String, [String], Bool, (Any?) -> Any?) throws -> Void) throws {
        func nodes(_ change: @escaping (inout [[String: Any]]) -> Void) -> (Any?) -> Any? {
            { old in
                guard var list = old as? [[String: Any]] else { return old }
                change(&list)
                return list
            }
        }
        func split(_ key: String, _ value: Any?) -> (inout [[String: Any]]) -> Void {
            { list in
                guard var split = list[0]["split"] as? [String: Any] else { return }
                split[key] = value
                list[0]["split"] = split
            }
        }
        let path = ["model", "nodes"]
        try add("nodes empty", path, true) { _ in [Any]() }
        try add("nodes holds a string", path, true) { _ in ["x"] }
        try add("last node dropped", path, true, nodes { $0.removeLast() })
        try add("a node repeated", path, true, nodes { $0.append($0[$0.count - 1]) })
        try add("root's split removed", path, true, nodes { $0[0]["split"] = nil })
        try add("a child pointing at its parent", path, true, nodes(split("left", 0)))
        try add("a child beyond the nodes", path, true, nodes(split("right", 1000)))
        try add("both children the same", path, true, nodes { list in
            guard let right = (list[0]["split"] as? [String: Any])?["right"] else { return }
            split("left", right)(&list)
        })
        try add("a feature index beyond the features", path, true, nodes(split("feature", 99)))
        try add("a negative feature index", path, true, nodes(split("feature", -1)))
        try add("a negative gain", path, true, nodes(split("gain", -1)))
        try add("a threshold as a string", path, true, nodes(split("threshold", "2.5")))
        try add("threshold and leftCategories removed", path, true, nodes { list in
            split("threshold", nil)(&list)
            split("leftCategories", nil)(&list)
        })
        try add("leftCategories and a threshold", path, true, nodes { list in
            split("threshold", 1.5)(&list)
            split("leftCategories", [0])(&list)
        })
        try add("a negative count", path, true, nodes { $0[1]["count"] = -3 })
        try add("a negative weight", path, true, nodes { $0[1]["weight"] = -1 })
        try add("a prediction as a string", path, true, nodes { $0[0]["prediction"] = "blue" })
        try add("a prediction of 1e308", path, false, nodes { $0[0]["prediction"] = 1e308 })
        if base["classes"] != nil {
            try add("classWeights shortened", path, true, nodes { $0[0]["classWeights"] = [1.0] })
            try add("classWeights removed", path, true, nodes { $0[0]["classWeights"] = nil })
            try add("a prediction that is no class", path, true, nodes { $0[0]["prediction"] = 7 })
            try add("classes removed", ["classes"], true) { _ in nil }
            try add("labels shortened", ["model", "labels"], true) { ($0 as? [Any]).map { Array($0.dropLast()) } }
        } else {
            try add("classWeights on a regression node", path, true, nodes { $0[0]["classWeights"] = [1.0, 2.0] })
            try add("classes", ["classes"], true) { _ in ["p", "q"] }
        }
        // A categorical split's categories out of range or unsorted.
        let categorical = (base["model"] as? [String: Any])?["nodes"].flatMap { $0 as? [[String: Any]] }?
            .firstIndex { ($0["split"] as? [String: Any])?["leftCategories"] != nil }
        if let index = categorical {
            try add("leftCategories out of range", path, true, nodes { list in
                guard var s = list[index]["split"] as? [String: Any] else { return }
                s["leftCategories"] = [0, 9]
                list[index]["split"] = s
            })
            try add("leftCategories unsorted", path, true, nodes { list in
                guard var s = list[index]["split"] as? [String: Any] else { return }
                s["leftCategories"] = [1, 0]
                list[index]["split"] = s
            })
        }
        try add("maxDepth 31", ["hyperparameters", "maxDepth"], true) { _ in 31 }
        try add("impurity unknown", ["hyperparameters", "impurity"], true) { _ in "chaos" }
        try add("summary.depth wrong", ["summary", "depth"], true) { _ in 17 }
        try add("summary.weightSum 0", ["summary", "weightSum"], true) { _ in 0 }
    }

    /// Three clusters of the same rows: centers per cluster, sizes in the summary.
    static let kmeans = Algorithm(
        name: "kmeans", csv: csv, trainArguments: ["--features", "a,b,c", "--k", "3"],
        perFeature: [["features"]],
        numbers: [["hyperparameters", "k"], ["hyperparameters", "maxIter"], ["hyperparameters", "tol"],
                  ["hyperparameters", "initSteps"], ["hyperparameters", "seed"], ["summary", "rowCount"],
                  ["summary", "weightSum"], ["summary", "trainingCost"], ["summary", "iterations"]],
        counts: [["summary", "rowCount"], ["summary", "iterations"], ["hyperparameters", "maxIter"],
                 ["hyperparameters", "k"]])

    static func mutations(of good: Data, _ algorithm: Algorithm) throws -> [Mutation] {
        let base = try object(good)
        var list: [Mutation] = []
        func add(_ name: String, _ path: [String], mustFail: Bool, _ change: (Any?) -> Any?) throws {
            list.append(Mutation(name: name, data: try data(setting(base, path, change)), mustFail: mustFail))
        }

        for offset in [0, 1, good.count / 4, good.count / 2, 3 * good.count / 4, good.count - 1] {
            list.append(Mutation(name: "truncated at \(offset)", data: good.prefix(offset), mustFail: true))
        }

        // Per-feature arrays shortened and lengthened; the feature list itself too.
        for path in algorithm.perFeature {
            let name = path.joined(separator: ".")
            try add("\(name) shortened", path, mustFail: true) { ($0 as? [Any]).map { Array($0.dropLast()) } }
            try add("\(name) lengthened", path, mustFail: true) { old in
                (old as? [Any]).map { $0 + [path == ["features"] ? "extra" as Any : 1.5 as Any] }
            }
        }
        if !algorithm.name.hasPrefix("decision-tree"), algorithm.name != "kmeans" {
            try add("summary.constantFeatures names no feature", ["summary", "constantFeatures"], mustFail: true) { _ in ["nope"] }
        }
        try add("features repeated", ["features"], mustFail: true) { _ in ["a", "a", "c"] }

        for path in [["formatVersion"]] + algorithm.numbers {
            let name = path.joined(separator: ".")
            try add("\(name) as a string", path, mustFail: true) { old in old.map { "\($0)" } }
            try add("\(name) = 1e308", path, mustFail: false) { _ in 1e308 }
        }
        for path in algorithm.counts {
            try add("\(path.joined(separator: ".")) negative", path, mustFail: true) { _ in -1 }
        }

        // Every key removed, at every level.
        for key in base.keys.sorted() {
            try add("\(key) removed", [key], mustFail: false) { _ in nil }
            try add("\(key) of the wrong type", [key], mustFail: false) { old in old is [Any] ? ["x": 1] : [1, 2] }
        }
        for section in ["hyperparameters", "model", "summary"] {
            for key in (base[section] as? [String: Any] ?? [:]).keys.sorted() {
                try add("\(section).\(key) removed", [section, key], mustFail: false) { _ in nil }
            }
        }

        try add("unknown algorithm", ["algorithm"], mustFail: true) { _ in "no-such-algorithm" }
        try add("newer formatVersion", ["formatVersion"], mustFail: true) { _ in 2 }
        try add("formatVersion 0", ["formatVersion"], mustFail: true) { _ in 0 }
        try add("another format", ["format"], mustFail: true) { _ in "other" }
        try add("categorical feature", ["categoricalFeatures"], mustFail: true) { _ in ["a": ["x", "y"]] }
        try add("levels of no feature", ["categoricalFeatures"], mustFail: true) { _ in ["zz": ["x"]] }
        try add("no levels", ["categoricalFeatures"], mustFail: true) { _ in ["a": [String]()] }
        try add("an unknown key", ["comment"], mustFail: false) { _ in "added by a later version" }
        if algorithm.name.hasPrefix("decision-tree") {
            try treeMutations(of: base) { name, path, mustFail, change in try add(name, path, mustFail: mustFail, change) }
            return list
        }
        if algorithm.name == "linear-regression" {
            try add("classes", ["classes"], mustFail: true) { _ in ["p", "q"] }
            return list
        }
        if algorithm.name == "kmeans" {
            try add("classes", ["classes"], mustFail: true) { _ in ["p", "q"] }
            try add("model.clusterCenters shortened", ["model", "clusterCenters"], mustFail: true) { ($0 as? [Any]).map { Array($0.dropLast()) } }
            try add("model.clusterCenters lengthened", ["model", "clusterCenters"], mustFail: true) { ($0 as? [Any]).map { $0 + [$0[0]] } }
            try add("model.clusterCenters empty", ["model", "clusterCenters"], mustFail: true) { _ in [Any]() }
            try add("model.clusterCenters holds a string", ["model", "clusterCenters"], mustFail: true) { _ in ["x"] }
            try add("a center shortened", ["model", "clusterCenters"], mustFail: true) { old in
                (old as? [[Any]]).map { rows in [Array(rows[0].dropLast())] + rows.dropFirst() }
            }
            try add("a center lengthened", ["model", "clusterCenters"], mustFail: true) { old in
                (old as? [[Any]]).map { rows in rows.map { $0 + [0.5] } }
            }
            try add("centers of 1e308", ["model", "clusterCenters"], mustFail: false) { old in
                (old as? [[Any]]).map { rows in rows.map { $0.map { _ in 1e308 as Any } } }
            }
            try add("model.distanceMeasure unknown", ["model", "distanceMeasure"], mustFail: true) { _ in "manhattan" }
            try add("model.distanceMeasure differs", ["model", "distanceMeasure"], mustFail: true) { _ in "cosine" }
            try add("cosine with centers off the sphere", ["hyperparameters", "distanceMeasure"], mustFail: true) { _ in "cosine" }
            try add("k differs from the centers", ["hyperparameters", "k"], mustFail: true) { _ in 2 }
            try add("k = 0", ["hyperparameters", "k"], mustFail: true) { _ in 0 }
            try add("initMode unknown", ["hyperparameters", "initMode"], mustFail: true) { _ in "k-medoids" }
            try add("summary.clusterSizes shortened", ["summary", "clusterSizes"], mustFail: true) { ($0 as? [Any]).map { Array($0.dropLast()) } }
            try add("summary.clusterWeights negative", ["summary", "clusterWeights"], mustFail: true) { ($0 as? [Any]).map { $0.map { _ in -1 } } }
            try add("summary.trainingCost negative", ["summary", "trainingCost"], mustFail: true) { _ in -1 }
            try add("summary.weightSum 0", ["summary", "weightSum"], mustFail: true) { _ in 0 }
            return list
        }
        // Logistic regression: the classes, the matrix and the intercepts against each other.
        try add("classes removed", ["classes"], mustFail: true) { _ in nil }
        try add("one class", ["classes"], mustFail: true) { _ in ["blue"] }
        try add("classes repeated", ["classes"], mustFail: true) { _ in ["blue", "blue", "red"] }
        try add("classes other than labels", ["classes"], mustFail: true) { _ in ["blue", "green", "pink"] }
        try add("labels shortened", ["model", "labels"], mustFail: true) { ($0 as? [Any]).map { Array($0.dropLast()) } }
        for key in ["coefficientMatrix", "interceptVector"] {
            try add("model.\(key) shortened", ["model", key], mustFail: true) { ($0 as? [Any]).map { Array($0.dropLast()) } }
            try add("model.\(key) lengthened", ["model", key], mustFail: true) { ($0 as? [Any]).map { $0 + [$0[0]] } }
            try add("model.\(key) empty", ["model", key], mustFail: true) { _ in [Any]() }
            try add("model.\(key) holds a string", ["model", key], mustFail: true) { _ in ["x"] }
        }
        try add("a coefficient row shortened", ["model", "coefficientMatrix"], mustFail: true) { old in
            (old as? [[Any]]).map { rows in [Array(rows[0].dropLast())] + rows.dropFirst() }
        }
        try add("a coefficient row lengthened", ["model", "coefficientMatrix"], mustFail: true) { old in
            (old as? [[Any]]).map { rows in rows.map { $0 + [0.5] } }
        }
        try add("a coefficient of 1e308", ["model", "coefficientMatrix"], mustFail: false) { old in
            (old as? [[Any]]).map { rows in rows.map { $0.map { _ in 1e308 as Any } } }
        }
        try add("summary.objectiveHistory empty", ["summary", "objectiveHistory"], mustFail: true) { _ in [Any]() }
        try add("summary.solver unknown", ["summary", "solver"], mustFail: true) { _ in "magic" }
        try add("summary.weightSum 0", ["summary", "weightSum"], mustFail: true) { _ in 0 }
        try add("family unknown", ["hyperparameters", "family"], mustFail: true) { _ in "poisson" }
        try add("threshold 2", ["hyperparameters", "threshold"], mustFail: true) { _ in 2 }
        return list
    }

    @Test(arguments: [linear, logistic, classificationTree, regressionTree, kmeans])
    func mutatedModelFilesNeverCrash(_ algorithm: Algorithm) throws {
        let dir = try CLI.temporaryDirectory()
        let data = try CLI.write(algorithm.csv, named: "d.csv", in: dir)
        let model = dir.appendingPathComponent("m.json").path
        let train = try CLI.run(["train", algorithm.name, "--data", data, "--model", model, "--quiet"] + algorithm.trainArguments)
        try #require(train.status == 0, "\(train.stderr)")
        let good = try Data(contentsOf: URL(fileURLWithPath: model))
        if algorithm.name == "linear-regression" {
            #expect(try Self.object(good)["summary"].flatMap { ($0 as? [String: Any])?["coefficientStandardErrors"] } != nil)
        }

        let mutations = try Self.mutations(of: good, algorithm)
        #expect(mutations.count > 60)
        let paths = try mutations.enumerated().map { i, mutation in
            let url = dir.appendingPathComponent("mutation-\(i).json")
            try mutation.data.write(to: url)
            return url.path
        }
        let commands: [(String, [String])] = [
            ("info", []), ("predict", ["--data", data]), ("evaluate", ["--data", data]),
        ]
        // Two runs at a time: the runs are independent processes, and this halves the wait.
        let results = Mutex([Int: CLIResult]())
        let runs = mutations.count * commands.count
        let failures = Mutex([String]())
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            let (command, extra) = commands[run % commands.count]
            do {
                let result = try CLI.run([command, "--model", paths[run / commands.count]] + extra)
                results.withLock { $0[run] = result }
            } catch {
                failures.withLock { $0.append("\(command): \(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        let all = results.withLock { $0 }
        for run in 0..<runs {
            let mutation = mutations[run / commands.count]
            let command = commands[run % commands.count].0
            let what = "\(command) on a model file with \(mutation.name)"
            let result = try #require(all[run], "\(what) did not run")
            #expect(!result.signaled, "\(what) died of signal \(result.status)")
            #expect(result.status == 0 || result.status == 1, "\(what) exited \(result.status): \(result.stderr)")
            if mutation.mustFail { #expect(result.status == 1, "\(what) exited \(result.status)") }
            if result.status == 1 {
                let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
                #expect(lines.count == 2 && lines[1].isEmpty, "\(what) printed \(lines.count - 1) lines: \(result.stderr)")
                #expect(result.stderr.hasPrefix("mlfit: error: "), "\(what): \(result.stderr)")
            }
        }
    }

    /// The crash of the issue: `info` on a file whose standard errors are shorter than its
    /// features now names the array and the lengths.
    @Test func shortenedStandardErrorsAreNamed() throws {
        let dir = try CLI.temporaryDirectory()
        let data = try CLI.write(Self.csv, named: "d.csv", in: dir)
        let model = dir.appendingPathComponent("m.json").path
        try #require(try CLI.run(["train", "linear-regression", "--data", data, "--label", "y", "--model", model, "--quiet"]).status == 0)
        let good = try Data(contentsOf: URL(fileURLWithPath: model))
        let bad = Self.setting(try Self.object(good), ["summary", "coefficientStandardErrors"]) { _ in [0.1, 0.2] }
        let path = try CLI.write(String(decoding: try Self.data(bad), as: UTF8.self), named: "bad.json", in: dir)
        for command in [["info"], ["predict", "--data", data], ["evaluate", "--data", data]] {
            let result = try CLI.run([command[0], "--model", path] + command.dropFirst())
            #expect(result.status == 1, "\(command[0]): \(result.stderr)")
            #expect(result.stderr == "mlfit: error: \(path) is not a valid model file: "
                + "summary.coefficientStandardErrors has 2 entries for 3 features\n")
        }
    }
}
