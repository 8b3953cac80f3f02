import Foundation
import Testing

/// The train report: a streamed exact fit as before; an iterative fit shows its read (rows,
/// bytes, MB/s) apart from its passes in memory, iterations and time per pass.
@Suite struct CLITrainReportTests {
    static func trainDiabetes(_ extra: [String]) throws -> (result: CLIResult, report: [String: Any]) {
        let dir = try CLI.temporaryDirectory()
        let reportPath = dir.appendingPathComponent("report.json").path
        let result = try CLI.run([
            "train", "linear-regression", "--data", "Datasets/diabetes.csv", "--label", "target",
            "--model", dir.appendingPathComponent("m.json").path, "--report-json", reportPath, "--threads", "2",
        ] + extra)
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: reportPath)))
        let report = try #require((document as? [String: Any])?["report"] as? [String: Any])
        return (result, report)
    }

    static var diabetesBytes: Int {
        let text = (try? String(contentsOfFile: CLI.root.appendingPathComponent("Datasets/diabetes.csv").path, encoding: .utf8)) ?? ""
        return text.utf8.count - (text.split(separator: "\n").first.map { $0.utf8.count + 1 } ?? 0)
    }

    @Test func iterativeFitReportsTheReadAndThePassesInMemory() throws {
        let (result, report) = try Self.trainDiabetes(["--solver", "l-bfgs"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(result.stderr)")
        #expect(lines.first?.hasPrefix("Read 442 rows (25.6 kB) in ") == true, "\(result.stderr)")
        #expect(lines.first?.contains(" MB/s, ") == true)
        #expect(!result.stderr.contains("(0 bytes)"))
        let memory = try #require(report["inMemoryPasses"] as? Int)
        let iterations = try #require(report["iterations"] as? Int)
        #expect(iterations >= 1 && memory >= iterations + 2)
        #expect(lines.last?.hasPrefix("\(memory) passes over the data in memory, \(iterations) iterations, ") == true,
                "\(result.stderr)")
        #expect(lines.last?.contains(" s per pass; solved in ") == true, "\(result.stderr)")
        #expect(report["passes"] as? Int == memory + 1)
        #expect(report["bytes"] as? Int == Self.diabetesBytes)
        #expect(report["rows"] as? Int == 442)
    }

    @Test func exactFitReportIsUnchanged() throws {
        let (result, report) = try Self.trainDiabetes([])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(result.stderr)")
        #expect(lines.first?.hasPrefix("Read 442 rows (25.6 kB) in ") == true)
        #expect(lines.first?.hasSuffix(" s computing statistics)") == true, "\(result.stderr)")
        #expect(lines.last?.hasPrefix("Solved in ") == true, "\(result.stderr)")
        #expect(report["passes"] as? Int == 1)
        #expect(report["inMemoryPasses"] as? Int == 0)
        #expect(report["iterations"] == nil)
        #expect(report["bytes"] as? Int == Self.diabetesBytes)
    }

    @Test func evaluatePrintsTheRegressionMetricsByName() throws {
        let dir = try CLI.temporaryDirectory()
        let model = dir.appendingPathComponent("m.json").path
        _ = try CLI.run(["train", "linear-regression", "--data", "Datasets/diabetes.csv", "--label", "target",
                         "--model", model, "--quiet"])
        let evaluate = try CLI.run(["evaluate", "--model", model, "--data", "Datasets/diabetes.csv"])
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        let names = evaluate.stdout.split(separator: "\n").map { $0.prefix(20).trimmingCharacters(in: .whitespaces) }
        #expect(names == ["rmse", "mse", "mae", "r2", "explained variance"])
        let json = try CLI.run(["evaluate", "--model", model, "--data", "Datasets/diabetes.csv", "--json"])
        let metrics = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(Set(metrics.keys) == ["rmse", "mse", "mae", "r2", "explainedVariance", "rows", "weightSum"])
    }
}
