import Foundation
import MLData
import Testing

@testable import MLModels

/// The envelope's schema: feature kinds with their levels and the label's classes, written
/// only when present and checked on load.
@Suite struct ModelFileSchemaTests {
    struct Empty: Codable, Hashable {}
    typealias File = ModelFile<Empty, Empty, Empty>

    static let schema = Schema(
        featureNames: ["age", "color", "size"], labelName: "kind", weightName: "w",
        featureKinds: [.numeric, .categorical(levels: ["red", "blue, dark", "green"]), .categorical(levels: ["S", "M"])],
        labelKind: .categorical(levels: ["cat", "dog"]))

    static func file(_ schema: Schema) -> File {
        File(algorithm: "test", schema: schema, hyperparameters: Empty(), model: Empty(), summary: Empty())
    }

    static func decode(_ data: Data) throws -> File {
        try ModelFiles.decode(File.self, from: data, path: "m.json", algorithm: "test")
    }

    @Test func kindsAndClassesRoundTrip() throws {
        let data = try ModelFiles.encode(Self.file(Self.schema))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["categoricalFeatures"] as? [String: [String]] == ["color": ["red", "blue, dark", "green"], "size": ["S", "M"]])
        #expect(object["classes"] as? [String] == ["cat", "dog"])
        let back = try Self.decode(data).schema(path: "m.json")
        #expect(back == Self.schema)
    }

    @Test func numericSchemasWriteNoKindsAndAbsentMeansNumeric() throws {
        let numeric = Schema(featureNames: ["a", "b"], labelName: "y")
        let data = try ModelFiles.encode(Self.file(numeric))
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("categoricalFeatures") && !text.contains("classes"))
        let back = try Self.decode(data).schema(path: "m.json")
        #expect(back.featureKinds == [.numeric, .numeric])
        #expect(back.labelKind == .numeric && back.classes == nil)
    }

    @Test(arguments: [
        (#""categoricalFeatures": {"nope": ["x"]}"#, "categoricalFeatures names 'nope', which is not a feature"),
        (#""categoricalFeatures": {"b": []}"#, "categoricalFeatures.b lists no levels"),
        (#""categoricalFeatures": {"b": ["x", "x"]}"#, "categoricalFeatures.b repeats a level"),
        (#""classes": []"#, "classes lists no levels"),
        (#""classes": ["p", "q", "p"]"#, "classes repeats a level"),
        (#""categoricalFeatures": {"b": "x"}"#, "wrong type at categoricalFeatures.b"),
    ])
    func badSchemasAreCorrupt(fragment: String, reason: String) throws {
        let text = #"{"format": "mlfit-model", "formatVersion": 1, "algorithm": "test", "mlfitVersion": "0.1.0", "features": ["a", "b"], "hyperparameters": {}, "model": {}, "summary": {}, "#
            + fragment + "}"
        #expect(throws: ModelFileError.corrupt(path: "m.json", reason: reason)) { try Self.decode(Data(text.utf8)) }
    }

    @Test func repeatedFeatureNamesAreCorrupt() throws {
        let data = try ModelFiles.encode(Self.file(Schema(featureNames: ["a", "a"])))
        #expect(throws: ModelFileError.corrupt(path: "m.json", reason: "features repeats a name")) { try Self.decode(data) }
    }

    @Test func formatVersionZeroIsCorrupt() throws {
        let text = #"{"format": "mlfit-model", "formatVersion": 0, "algorithm": "test"}"#
        #expect(throws: ModelFileError.corrupt(path: "m.json", reason: "formatVersion 0 is not a version (versions start at 1)")) {
            try Self.decode(Data(text.utf8))
        }
    }

    @Test func aLinearRegressionFileWithCategoricalFeaturesIsCorrupt() throws {
        var object = try #require(
            try JSONSerialization.jsonObject(with: PersistenceTests.model().encoded()) as? [String: Any])
        object["categoricalFeatures"] = ["a": ["x", "y"]]
        let data = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: ModelFileError.corrupt(
            path: "m.json", reason: "linear regression has numeric features; categoricalFeatures names 'a'")
        ) { try LinearRegressionModel.decode(data, path: "m.json") }
    }
}
