import Foundation
import Testing

/// A classifier trained on a LIBSVM file (numeric labels such as -1 and 1) is evaluated on
/// LIBSVM data: the labels are read against the model's classes.
@Suite struct LIBSVMClassifierTests {
    /// Separable enough for a ridge-penalized fit to classify every training row: label 1
    /// when feature 1 is positive.
    static let lines = (0..<40).map { i -> String in
        let x = Double(i - 20) + 0.5
        return "\(x > 0 ? "1" : "-1") 1:\(x) 2:\(Double(i % 3))"
    }

    @Test func evaluateReadsLabelsAsTheModelsClasses() throws {
        let dir = try CLI.temporaryDirectory()
        let data = try CLI.write(Self.lines.joined(separator: "\n") + "\n", named: "train.libsvm", in: dir)
        let model = dir.appendingPathComponent("m.json").path
        let train = try CLI.run([
            "train", "logistic-regression", "--data", data, "--model", model, "--reg-param", "0.01", "--quiet",
        ])
        #expect(train.status == 0, "\(train.stderr)")
        let evaluate = try CLI.run(["evaluate", "--model", model, "--data", data, "--json"])
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        let metrics = try JSONSerialization.jsonObject(with: Data(evaluate.stdout.utf8)) as? [String: Any]
        #expect(metrics?["labels"] as? [String] == ["-1", "1"])
        #expect(metrics?["accuracy"] as? Double == 1)

        // A label the model never saw, on line 2.
        let other = try CLI.write(Self.lines[0] + "\n3 1:1 2:0\n", named: "other.libsvm", in: dir)
        let unseen = try CLI.run(["evaluate", "--model", model, "--data", other])
        #expect(unseen.status == 1)
        #expect(unseen.stderr.contains("other.libsvm:2:1:"), "\(unseen.stderr)")
        #expect(unseen.stderr.contains("found \"3\""))
    }
}
