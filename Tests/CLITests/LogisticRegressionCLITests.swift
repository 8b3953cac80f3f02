import Foundation
import Testing

/// `mlfit train logistic-regression` through the built binary: text labels in and out,
/// probabilities, evaluation, info, and every bad input as one line with its exit status.
@Suite struct LogisticRegressionCLITests {
    /// Two overlapping classes with text labels, a weight column.
    static let csv = """
        a,b,w,animal
        1.0,0.5,1,cat
        2.0,1.5,2,cat
        3.0,0.1,1,dog
        4.0,2.2,1,cat
        5.0,0.7,3,dog
        6.0,1.9,1,dog
        7.0,0.3,1,cat
        8.0,2.5,2,dog
        9.0,1.1,1,dog
        2.5,2.0,1,cat

        """

    static func train(_ csv: String, label: String = "animal", _ extra: [String] = []) throws -> (CLIResult, URL) {
        let dir = try CLI.temporaryDirectory()
        let data = try CLI.write(csv, named: "d.csv", in: dir)
        let result = try CLI.run([
            "train", "logistic-regression", "--data", data, "--label", label,
            "--model", dir.appendingPathComponent("m.json").path, "--quiet",
        ] + extra)
        return (result, dir)
    }

    @Test func textLabelsComeBackInTheirSpellingWithProbabilities() throws {
        let (train, dir) = try Self.train(Self.csv, ["--weight-col", "w", "--reg-param", "0.01"])
        try #require(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.contains("Logistic regression (binomial) of 'animal'"))
        #expect(train.stdout.contains("(coefficients of 'dog' against 'cat')"))
        let model = dir.appendingPathComponent("m.json").path
        let data = dir.appendingPathComponent("d.csv").path
        let predict = try CLI.run(["predict", "--model", model, "--data", data, "--probabilities"])
        try #require(predict.status == 0, "\(predict.stderr)")
        let lines = predict.stdout.split(separator: "\n")
        #expect(lines.first == "prediction,probability_cat,probability_dog")
        #expect(lines.count == 11)
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",")
            #expect(fields[0] == "cat" || fields[0] == "dog")
            let (pc, pd) = (Double(fields[1]) ?? .nan, Double(fields[2]) ?? .nan)
            #expect(abs(pc + pd - 1) <= 1e-12)
            #expect((pd > 0.5) == (fields[0] == "dog"))
        }
        let plain = try CLI.run(["predict", "--model", model, "--data", data])
        #expect(plain.stdout.split(separator: "\n").first == "prediction")

        let file = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: model))) as? [String: Any])
        let parameters = try #require(file["model"] as? [String: Any])
        #expect(parameters["labels"] as? [String] == ["cat", "dog"])
        #expect((parameters["coefficientMatrix"] as? [[Double]])?.map(\.count) == [2])
        #expect((parameters["interceptVector"] as? [Double])?.count == 1)
        #expect(file["classes"] as? [String] == ["cat", "dog"])

        let evaluate = try CLI.run(["evaluate", "--model", model, "--data", data, "--weight-col", "w", "--json"])
        try #require(evaluate.status == 0, "\(evaluate.stderr)")
        let metrics = try #require(try JSONSerialization.jsonObject(with: Data(evaluate.stdout.utf8)) as? [String: Any])
        #expect(metrics["accuracy"] is Double)
        #expect(metrics["areaUnderROC"] is Double)
        #expect(metrics["labels"] as? [String] == ["cat", "dog"])

        let info = try CLI.run(["info", "--model", model])
        #expect(info.status == 0)
        #expect(info.stdout.contains("Classes of 'animal': cat, dog"))
        #expect(info.stdout.contains("Objective history: "))
        #expect(info.stdout.contains("converged (gradient)"))
    }

    /// A higher threshold on P(second class) predicts the second class less often.
    @Test func thresholdMovesTheBinaryDecision() throws {
        var counts: [Int] = []
        for threshold in ["0.2", "0.8"] {
            let (train, dir) = try Self.train(Self.csv, ["--threshold", threshold])
            try #require(train.status == 0, "\(train.stderr)")
            let predict = try CLI.run([
                "predict", "--model", dir.appendingPathComponent("m.json").path,
                "--data", dir.appendingPathComponent("d.csv").path,
            ])
            counts.append(predict.stdout.split(separator: "\n").filter { $0 == "dog" }.count)
        }
        #expect(counts[0] > counts[1], "\(counts)")
    }

    @Test func irisIsMultinomialWithNumericLabels() throws {
        let dir = try CLI.temporaryDirectory()
        let model = dir.appendingPathComponent("iris.json").path
        let train = try CLI.run([
            "train", "logistic-regression", "--data", "Datasets/iris.csv", "--label", "species",
            "--model", model, "--reg-param", "0.01", "--quiet",
        ])
        try #require(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.contains("Logistic regression (multinomial) of 'species'"))
        let predict = try CLI.run(["predict", "--model", model, "--data", "Datasets/iris.csv", "--probabilities"])
        let lines = predict.stdout.split(separator: "\n")
        #expect(lines.first == "prediction,probability_0,probability_1,probability_2")
        let known = lines.dropFirst().allSatisfy { ["0", "1", "2"].contains($0.split(separator: ",")[0]) }
        #expect(known)
        let evaluate = try CLI.run(["evaluate", "--model", model, "--data", "Datasets/iris.csv"])
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        #expect(evaluate.stdout.contains("accuracy"))
    }

    @Test(arguments: [
        (["--reg-param", "-1"], "The 'regParam' hyperparameter of LogisticRegression must be ≥ 0. Got -1."),
        (["--elastic-net-param", "1.5"], "The 'elasticNetParam' hyperparameter of LogisticRegression must be in [0, 1]. Got 1.5."),
        (["--elastic-net-param", "-0.1"], "The 'elasticNetParam' hyperparameter of LogisticRegression must be in [0, 1]. Got -0.1."),
        (["--threshold", "1.5"], "The 'threshold' hyperparameter of LogisticRegression must be in [0, 1]. Got 1.5."),
        (["--threshold", "-1"], "The 'threshold' hyperparameter of LogisticRegression must be in [0, 1]. Got -1."),
        (["--max-iter", "0"], "The 'maxIter' hyperparameter of LogisticRegression must be ≥ 1. Got 0."),
        (["--tol", "0"], "The 'tol' hyperparameter of LogisticRegression must be > 0. Got 0."),
    ])
    func badHyperparametersAreUsageErrors(arguments: [String], message: String) throws {
        let (result, _) = try Self.train(Self.csv, arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("Error: \(message)\n"), "\(result.stderr)")
    }

    @Test(arguments: [
        ("a,y\n1,yes\n2,yes\n", [String](),
         "mlfit: error: the label 'y' has one class only ('yes'); logistic regression needs at least two\n"),
        ("a,y\n1,a\n2,b\n3,c\n", ["--family", "binomial"],
         "mlfit: error: the binomial family needs two classes; the label has 3: use family multinomial or auto\n"),
    ])
    func badDataIsOneLine(csv: String, extra: [String], message: String) throws {
        let (result, _) = try Self.train(csv, label: "y", extra)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr == message)
    }

    @Test func nonFiniteFeatureNamesItsPlace() throws {
        let (result, _) = try Self.train("a,y\n1,yes\n2,no\ninf,yes\n", label: "y")
        #expect(result.status == 1)
        #expect(result.stderr.contains("d.csv:4:1"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }

    /// Evaluate on a label the model never saw: one line naming it.
    @Test func unseenLabelAtEvaluate() throws {
        let (train, dir) = try Self.train(Self.csv)
        try #require(train.status == 0, "\(train.stderr)")
        let other = try CLI.write("a,b,w,animal\n1,2,1,cat\n2,3,1,emu\n", named: "e.csv", in: dir)
        let result = try CLI.run(["evaluate", "--model", dir.appendingPathComponent("m.json").path, "--data", other])
        #expect(result.status == 1)
        #expect(result.stderr.contains("emu"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }

    /// Perfectly separated classes without a penalty: the fit ends with finite coefficients
    /// and says why.
    @Test func separableDataTerminates() throws {
        let (result, dir) = try Self.train("a,y\n1,no\n2,no\n3,no\n4,yes\n5,yes\n6,yes\n", label: "y")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Warning: the classes are linearly separable"), "\(result.stdout)")
        let file = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: dir.appendingPathComponent("m.json"))) as? [String: Any])
        let summary = try #require(file["summary"] as? [String: Any])
        #expect(summary["separable"] as? Bool == true)
        let rows = try #require((file["model"] as? [String: Any])?["coefficientMatrix"] as? [[Double]])
        let finite = rows.flatMap { $0 }.allSatisfy { $0.isFinite }
        #expect(finite)
    }
}
