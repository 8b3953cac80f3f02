import Foundation
import Testing

/// `mlfit train decision-tree-classifier` and `decision-tree-regressor` through the built
/// binary: text labels and categories in and out, probabilities, evaluation, info with
/// Spark-style rules, and bad input as one line with its exit status.
@Suite struct DecisionTreeCLITests {
    /// Two classes, a categorical colour that decides most rows, a weight column.
    static let csv = """
        size,colour,w,fruit
        1.0,red,1,cherry
        1.2,red,2,cherry
        0.9,green,1,grape
        1.1,green,1,grape
        5.0,red,3,apple
        6.0,green,1,apple
        5.5,yellow,1,apple
        1.3,yellow,1,cherry
        0.8,green,2,grape
        6.5,red,1,apple

        """

    static func train(
        _ csv: String, algorithm: String = "decision-tree-classifier", label: String = "fruit", _ extra: [String] = []
    ) throws -> (CLIResult, URL) {
        let dir = try CLI.temporaryDirectory()
        let data = try CLI.write(csv, named: "d.csv", in: dir)
        let result = try CLI.run([
            "train", algorithm, "--data", data, "--label", label,
            "--model", dir.appendingPathComponent("m.json").path,
        ] + extra)
        return (result, dir)
    }

    @Test func textLabelsAndCategoriesRoundTrip() throws {
        let (train, dir) = try Self.train(Self.csv, ["--categorical-features", "colour", "--weight-col", "w"])
        try #require(train.status == 0, "\(train.stderr)")
        let expectedRules = """
            Decision tree classifier of 'fruit': depth 2, 5 nodes, 3 classes, 2 features, 10 rows (impurity gini)
              If (size <= 3.15)
               If (colour in {green})
                Predict: grape
               Else (colour not in {green})
                Predict: cherry
              Else (size > 3.15)
               Predict: apple
            """
        #expect(train.stdout.hasPrefix(expectedRules), "\(train.stdout)")
        #expect(train.stdout.contains("Feature importances:"))
        let model = dir.appendingPathComponent("m.json").path
        let data = dir.appendingPathComponent("d.csv").path
        let predict = try CLI.run(["predict", "--model", model, "--data", data, "--probabilities"])
        try #require(predict.status == 0, "\(predict.stderr)")
        let lines = predict.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "prediction,probability_apple,probability_cherry,probability_grape")
        #expect(lines.dropFirst().map { $0.split(separator: ",")[0] } == [
            "cherry", "cherry", "grape", "grape", "apple", "apple", "apple", "cherry", "grape", "apple",
        ])
        #expect(lines[1] == "cherry,0.0,1.0,0.0")

        let evaluate = try CLI.run(["evaluate", "--model", model, "--data", data, "--json"])
        try #require(evaluate.status == 0, "\(evaluate.stderr)")
        let metrics = try #require(try JSONSerialization.jsonObject(with: Data(evaluate.stdout.utf8)) as? [String: Any])
        #expect(metrics["accuracy"] as? Double == 1)
        #expect(metrics["labels"] as? [String] == ["apple", "cherry", "grape"])

        let info = try CLI.run(["info", "--model", model])
        #expect(info.status == 0)
        #expect(info.stdout.contains("Categorical feature 'colour': green, red, yellow"))
        #expect(info.stdout.contains("Hyperparameters: impurity gini, maxDepth 5, maxBins 32"))
        #expect(info.stdout.contains("weightCol w"))
        #expect(info.stdout.contains(expectedRules))
    }

    @Test func regressorOnDiabetes() throws {
        let dir = try CLI.temporaryDirectory()
        let model = dir.appendingPathComponent("tree.json").path
        let train = try CLI.run([
            "train", "decision-tree-regressor", "--data", "Datasets/diabetes.csv", "--label", "target",
            "--model", model, "--max-depth", "2",
        ])
        try #require(train.status == 0, "\(train.stderr)")
        // scikit-learn's DecisionTreeRegressor(max_depth=2) splits on s5 at 4.62005, then bmi.
        #expect(train.stdout.contains("  If (s5 <= 4.62005)\n   If (bmi <= 27.25)"), "\(train.stdout)")
        #expect(train.stderr.contains("; peak resident memory "), "\(train.stderr)")
        // Quiet: no report, and the tree without its rules (as short as other models' output).
        let quiet = try CLI.run([
            "train", "decision-tree-regressor", "--data", "Datasets/diabetes.csv", "--label", "target",
            "--model", model, "--max-depth", "2", "--quiet",
        ])
        try #require(quiet.status == 0, "\(quiet.stderr)")
        #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")
        #expect(quiet.stdout.hasPrefix("Decision tree regressor of 'target': depth 2"), "\(quiet.stdout)")
        #expect(!quiet.stdout.contains("If ("), "\(quiet.stdout)")
        #expect(quiet.stdout.contains("Feature importances:"))
        let predict = try CLI.run(["predict", "--model", model, "--data", "Datasets/diabetes.csv", "--probabilities"])
        #expect(predict.status == 0)
        #expect(predict.stdout.split(separator: "\n").first == "prediction")
        #expect(Set(predict.stdout.split(separator: "\n").dropFirst()).count == 4)
        let evaluate = try CLI.run(["evaluate", "--model", model, "--data", "Datasets/diabetes.csv"])
        #expect(evaluate.status == 0)
        #expect(evaluate.stdout.contains("rmse"))
    }

    @Test(arguments: [
        (["--max-depth", "31"], "The 'maxDepth' hyperparameter of DecisionTreeClassifier must be ≤ 30. Got 31."),
        (["--max-bins", "1"], "The 'maxBins' hyperparameter of DecisionTreeClassifier must be ≥ 2. Got 1."),
        (["--max-bins", "65537"], "The 'maxBins' hyperparameter of DecisionTreeClassifier must be ≤ 65536. Got 65537."),
        (["--min-instances-per-node", "0"],
         "The 'minInstancesPerNode' hyperparameter of DecisionTreeClassifier must be ≥ 1. Got 0."),
        (["--min-weight-fraction-per-node", "0.5"],
         "The 'minWeightFractionPerNode' hyperparameter of DecisionTreeClassifier must be in [0, 0.5). Got 0.5."),
        (["--min-info-gain", "-1"], "The 'minInfoGain' hyperparameter of DecisionTreeClassifier must be ≥ 0. Got -1."),
    ])
    func badHyperparametersAreUsageErrors(arguments: [String], message: String) throws {
        let (result, _) = try Self.train(Self.csv, arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("Error: \(message)\n"), "\(result.stderr)")
    }

    @Test(arguments: [
        ("a,y\n1,yes\n2,yes\n", [String](),
         "mlfit: error: the label 'y' has one class only ('yes'); a classification tree needs at least two\n"),
        ("a,c,y\n1,p,yes\n2,q,no\n3,r,no\n", ["--categorical-features", "c", "--max-bins", "2"],
         "mlfit: error: the categorical feature 'c' has 3 categories, more than maxBins (2): set maxBins to at least 3\n"),
    ])
    func badDataIsOneLine(csv: String, extra: [String], message: String) throws {
        let (result, _) = try Self.train(csv, label: "y", extra)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr == message)
    }

    @Test func continuousLabelForAClassifierNamesTheCount() throws {
        let dir = try CLI.temporaryDirectory()
        let result = try CLI.run([
            "train", "decision-tree-classifier", "--data", "Datasets/diabetes.csv", "--label", "target",
            "--model", dir.appendingPathComponent("m.json").path, "--quiet",
        ])
        #expect(result.status == 1)
        #expect(result.stderr == "mlfit: error: the label 'target' has 214 distinct values; a classification tree "
            + "takes at most 100 classes: if the label is continuous, use decision-tree-regressor\n")
    }

    @Test func unknownCategoricalColumnAndNonFiniteValues() throws {
        let (unknown, _) = try Self.train(Self.csv, ["--categorical-features", "shape"])
        #expect(unknown.status == 1 || unknown.status == 64, "\(unknown.stderr)")
        #expect(unknown.stderr.contains("shape"), "\(unknown.stderr)")
        #expect(unknown.stderr.split(separator: "\n").count == 1, "\(unknown.stderr)")
        let (nonFinite, _) = try Self.train("a,y\n1,yes\n2,no\nnan,yes\n", label: "y")
        #expect(nonFinite.status == 1)
        #expect(nonFinite.stderr.contains("d.csv:4:1"), "\(nonFinite.stderr)")
        #expect(nonFinite.stderr.split(separator: "\n").count == 1, "\(nonFinite.stderr)")
    }
}
