import Foundation
import MLData
import MLNumerics
import Testing

@testable import MLModels

@Suite struct PersistenceTests {
    static func model() throws -> LinearRegressionModel {
        let x = try Matrix([[1, 0.1], [2, 0.7], [3, 0.2], [4, 0.9], [5, 0.33]])
        let data = try Dataset(features: x, labels: [1.1, 2.9, 3.05, 5.2, 4.7], featureNames: ["a", "b (cm)"])
        return try LinearRegression(regParam: 0.01).fit(data)
    }

    static func temporaryPath(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mlfit-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    @Test func saveThenLoadIsBitIdentical() throws {
        let model = try Self.model()
        let path = Self.temporaryPath("m.json")
        try model.save(to: path)
        let loaded = try LinearRegressionModel.load(from: path)
        #expect(loaded.coefficients.map(\.bitPattern) == model.coefficients.map(\.bitPattern))
        #expect(loaded.intercept.bitPattern == model.intercept.bitPattern)
        #expect(loaded.featureNames == ["a", "b (cm)"])
        #expect(loaded.hyperparameters == model.hyperparameters)
        #expect(loaded.summary.rSquared.bitPattern == model.summary.rSquared.bitPattern)
        // Regularized: no standard errors, written as absent and read back as absent.
        #expect(loaded.summary.coefficientStandardErrors == nil)
        // No temporary file is left beside the model.
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["m.json"])
    }

    @Test func nonFiniteNumbersAreWrittenAsNull() throws {
        // 2 rows, 2 parameters: no residual degrees of freedom, so the standard errors are NaN.
        let data = try Dataset(features: Matrix([[1], [2]]), labels: [1, 3])
        let model = try LinearRegression().fit(data)
        #expect(model.summary.residualStandardError.isNaN)
        let text = String(decoding: try model.encoded(), as: UTF8.self)
        #expect(text.contains("\"residualStandardError\" : null"))
        let back = try LinearRegressionModel.decode(try model.encoded(), path: "m.json")
        #expect(back.summary.residualStandardError.isNaN)
    }

    @Test func envelopeIsDocumentedShape() throws {
        let data = try Self.model().encoded()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["format"] as? String == "mlfit-model")
        #expect(object["formatVersion"] as? Int == 1)
        #expect(object["algorithm"] as? String == "linear-regression")
        #expect(object["features"] as? [String] == ["a", "b (cm)"])
        let model = try #require(object["model"] as? [String: Any])
        #expect((model["coefficients"] as? [Double])?.count == 2)
    }

    @Test func unknownKeysAreIgnored() throws {
        var object = try #require(
            try JSONSerialization.jsonObject(with: Self.model().encoded()) as? [String: Any])
        object["comment"] = "added by a later version"
        let data = try JSONSerialization.data(withJSONObject: object)
        #expect(try LinearRegressionModel.decode(data, path: "m.json").featureNames.count == 2)
    }

    @Test func badFilesGetClearErrors() throws {
        let good = try Self.model().encoded()
        let text = String(decoding: good, as: UTF8.self)
        let newer = Data(text.replacingOccurrences(of: "\"formatVersion\" : 1", with: "\"formatVersion\" : 2").utf8)
        #expect(throws: ModelFileError.newerFormat(path: "m.json", found: 2, supported: 1)) {
            try LinearRegressionModel.decode(newer, path: "m.json")
        }
        #expect(throws: ModelFileError.notAModelFile(path: "m.json")) {
            try LinearRegressionModel.decode(Data("{\"hello\": 1}".utf8), path: "m.json")
        }
        #expect(throws: ModelFileError.corrupt(path: "m.json", reason: "the JSON is malformed or truncated")) {
            try LinearRegressionModel.decode(good.prefix(good.count / 2), path: "m.json")
        }
        let other = Data(text.replacingOccurrences(of: "\"linear-regression\"", with: "\"k-means\"").utf8)
        #expect(throws: ModelFileError.wrongAlgorithm(path: "m.json", found: "k-means", expected: "linear-regression")) {
            try LinearRegressionModel.decode(other, path: "m.json")
        }
        #expect(throws: FileError.self) { try LinearRegressionModel.load(from: "/nonexistent/m.json") }
    }

    /// Read failures carry the system's reason, not a guess at one.
    @Test func readFailuresSayWhatHappened() throws {
        let missing = Self.temporaryPath("none.json")
        #expect(throws: FileError(path: missing, action: "read", reason: String(cString: strerror(ENOENT)))) {
            try AtomicFile.read(missing)
        }
        #expect(String(cString: strerror(ENOENT)) == "No such file or directory")  // glibc's text
        let directory = URL(fileURLWithPath: missing).deletingLastPathComponent().path
        #expect(throws: FileError(path: directory, action: "read", reason: String(cString: strerror(EISDIR)))) {
            try AtomicFile.read(directory)
        }
        do {
            _ = try LinearRegressionModel.load(from: directory)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "cannot read \(directory): Is a directory")
        }
        // More than one read() buffer comes back whole.
        let big = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let path = Self.temporaryPath("big.bin")
        try AtomicFile.write(big, to: path)
        #expect(try AtomicFile.read(path) == big)
    }

    /// As root every file is readable, so the test needs another user.
    @Test(.enabled(if: getuid() != 0, "root reads any file"))
    func unreadableFileSaysPermissionDenied() throws {
        let path = Self.temporaryPath("secret.json")
        try AtomicFile.write(Data("{}".utf8), to: path)
        #expect(chmod(path, 0) == 0)
        #expect(throws: FileError(path: path, action: "read", reason: String(cString: strerror(EACCES)))) {
            try AtomicFile.read(path)
        }
    }

    @Test func unwritablePathFailsAndLeavesNothing() throws {
        #expect(throws: FileError.self) { try Self.model().save(to: "/nonexistent-dir/m.json") }
    }
}
