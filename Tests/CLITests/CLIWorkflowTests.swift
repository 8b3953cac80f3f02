import Foundation
import Testing

/// The tool as a user runs it: train → predict → evaluate → info on the bundled data.
@Suite struct CLIWorkflowTests {
    @Test func versionAndHelp() throws {
        let version = try CLI.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
        for command in [[], ["train"], ["train", "linear-regression"], ["predict"], ["evaluate"], ["info"]] {
            let help = try CLI.run(command + ["--help"])
            #expect(help.status == 0, "\(command)")
            #expect(help.stdout.contains("Example"), "\(command) --help has no example")
        }
        let trainHelp = try CLI.run(["train", "linear-regression", "--help"])
        for option in ["--data", "--label", "--model", "--features", "--weight-col", "--reg-param",
                       "--elastic-net-param", "--no-fit-intercept", "--no-standardization", "--solver",
                       "--max-iter", "--tol", "--handle-invalid", "--threads", "--quiet", "--report-json"] {
            #expect(trainHelp.stdout.contains(option), "train help lacks \(option)")
        }
    }

    @Test func trainPredictEvaluateInfoOnDiabetes() throws {
        let dir = try CLI.temporaryDirectory()
        let model = dir.appendingPathComponent("diabetes.json").path
        let report = dir.appendingPathComponent("report.json").path
        let train = try CLI.run([
            "train", "linear-regression", "--data", "Datasets/diabetes.csv", "--label", "target",
            "--model", model, "--report-json", report, "--threads", "2",
        ])
        #expect(train.status == 0, "\(train.stderr)")
        // statsmodels OLS on the same file: R² = 0.5177484222203499 (Tests/References).
        #expect(train.stdout.contains("R² 0.517748"))
        #expect(train.stdout.contains("(intercept)"))
        #expect(train.stdout.contains("bmi"))
        #expect(train.stderr.contains("Read 442 rows"))
        let reportJSON = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report)))
        #expect(((reportJSON as? [String: Any])?["report"] as? [String: Any])?["rows"] as? Int == 442)

        let predictions = dir.appendingPathComponent("p.csv").path
        let predict = try CLI.run(["predict", "--model", model, "--data", "Datasets/diabetes.csv", "--output", predictions])
        #expect(predict.status == 0, "\(predict.stderr)")
        let lines = try String(contentsOfFile: predictions, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 443)
        #expect(lines.first == "prediction")
        #expect(lines.dropFirst().allSatisfy { Double($0) != nil })

        // To standard output by default, the same numbers.
        let toStdout = try CLI.run(["predict", "--model", model, "--data", "Datasets/diabetes.csv"])
        #expect(toStdout.stdout.split(separator: "\n") == lines)

        let evaluate = try CLI.run(["evaluate", "--model", model, "--data", "Datasets/diabetes.csv", "--json"])
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        let metrics = try #require(
            try JSONSerialization.jsonObject(with: Data(evaluate.stdout.utf8)) as? [String: Double])
        // scikit-learn r2_score of the OLS fit on its training data equals statsmodels' R².
        #expect(abs((metrics["r2"] ?? 0) - 0.5177484222203499) < 1e-9)
        #expect(metrics["mae"] != nil && metrics["rmse"] != nil && metrics["explainedVariance"] != nil)

        let info = try CLI.run(["info", "--model", model])
        #expect(info.status == 0)
        #expect(info.stdout.contains("regParam 0.0"))
        #expect(info.stdout.contains("bmi"))
    }

    @Test func predictMatchesFeaturesByNameAndIgnoresOtherColumns() throws {
        let dir = try CLI.temporaryDirectory()
        let train = try CLI.write("a,b,y\n1,0,3\n2,1,4\n3,0,7\n4,1,8\n5,3,8\n", named: "train.csv", in: dir)
        let model = dir.appendingPathComponent("m.json").path
        #expect(try CLI.run(["train", "linear-regression", "--data", train, "--label", "y", "--model", model, "--quiet"]).status == 0)
        // Columns reordered, an extra column, no label.
        let test = try CLI.write("extra,b,a\nx,0,1\ny,1,2\n", named: "test.csv", in: dir)
        let byName = try CLI.run(["predict", "--model", model, "--data", test])
        let inOrder = try CLI.run(["predict", "--model", model, "--data",
                                   try CLI.write("a,b\n1,0\n2,1\n", named: "ordered.csv", in: dir)])
        #expect(byName.status == 0, "\(byName.stderr)")
        #expect(byName.stdout == inOrder.stdout)
        #expect(byName.stdout.split(separator: "\n").count == 3)
    }

    @Test func libsvmTrainAndPredict() throws {
        let dir = try CLI.temporaryDirectory()
        // y = 0.5 + x1 + 2·x3 exactly; x2 absent everywhere but one row (sparse).
        let data = try CLI.write(
            "1.5 1:1\n# a comment\n4.5 1:2 3:1\n6.5 1:4 2:7 3:1\n3.5 1:3\n9.5 1:1 3:4\n8.5 1:6 3:1\n",
            named: "d.libsvm", in: dir)
        let model = dir.appendingPathComponent("m.json").path
        let train = try CLI.run(["train", "linear-regression", "--data", data, "--model", model, "--quiet"])
        #expect(train.status == 0, "\(train.stderr)")
        let info = try CLI.run(["info", "--model", model])
        #expect(info.stdout.contains("'label' on 3 features"), "\(info.stdout)")
        let predict = try CLI.run(["predict", "--model", model, "--data", data])
        let values = predict.stdout.split(separator: "\n").dropFirst().compactMap { Double($0) }
        #expect(values.count == 6)
        for (value, expected) in zip(values, [1.5, 4.5, 6.5, 3.5, 9.5, 8.5]) { #expect(abs(value - expected) < 1e-9) }
    }

    @Test func csvNeedsALabel() throws {
        let result = try CLI.run(["train", "linear-regression", "--data", "Datasets/diabetes.csv", "--model", "/tmp/never.json"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--label"))
    }
}
