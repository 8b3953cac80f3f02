import Foundation
import MLData
import MLNumerics
import Testing

@testable import MLModels

/// Every value linear regression reads from a model file is checked on load, with one line
/// naming the key (the CLI's mutation test runs the same files through the commands).
@Suite struct ModelFileValidationTests {
    /// An unregularized fit, so the summary has standard errors, t and p values.
    static func file() throws -> [String: Any] {
        let data = try Dataset(
            features: Matrix([[1, 0.1], [2, 0.7], [3, 0.2], [4, 0.9], [5, 0.33], [6, 0.5]]),
            labels: [1.1, 2.9, 3.05, 5.2, 4.7, 6.4], featureNames: ["a", "b"])
        let model = try LinearRegression().fit(data)
        return try #require(try JSONSerialization.jsonObject(with: model.encoded()) as? [String: Any])
    }

    /// A JSON value to put in a file (`Any` is not `Sendable`, so test arguments use this).
    enum Value: Sendable {
        case number(Double), integer(Int), text(String), numbers([Double]), texts([String]), null

        var json: Any {
            switch self {
            case .number(let x): return x
            case .integer(let n): return n
            case .text(let t): return t
            case .numbers(let xs): return xs
            case .texts(let ts): return ts
            case .null: return NSNull()
            }
        }
    }

    static func decoding(_ section: String, _ key: String, _ value: Value) throws -> LinearRegressionModel {
        var object = try file()
        var inner = object[section] as? [String: Any] ?? [:]
        inner[key] = value.json
        object[section] = inner
        return try LinearRegressionModel.decode(try JSONSerialization.data(withJSONObject: object), path: "m.json")
    }

    static let badValues: [(section: String, key: String, value: Value, reason: String)] = [
        ("model", "coefficients", .numbers([1]), "model.coefficients has 1 entries for 2 features"),
        ("summary", "coefficientStandardErrors", .numbers([1, 2, 3]), "summary.coefficientStandardErrors has 3 entries for 2 features"),
        ("summary", "tValues", .numbers([1]), "summary.tValues has 1 entries for 2 features"),
        ("summary", "pValues", .numbers([]), "summary.pValues has 0 entries for 2 features"),
        ("summary", "rowCount", .integer(-1), "summary.rowCount is -1; it must be in 0...9223372036854775807"),
        ("summary", "positiveWeightRowCount", .integer(7), "summary.positiveWeightRowCount is 7; it must be in 0...6"),
        ("summary", "degreesOfFreedom", .integer(2), "summary.degreesOfFreedom is 2; it must be in 3...6"),
        ("summary", "iterations", .integer(-3), "summary.iterations is -3; it must be in 0...9223372036854775807"),
        ("summary", "weightSum", .number(-1), "summary.weightSum is not a finite non-negative number"),
        ("summary", "constantFeatures", .texts(["z"]), "summary.constantFeatures names 'z', which is not a feature"),
        ("model", "intercept", .null, "wrong type at model.intercept"),
        ("summary", "rowCount", .number(2.5), "a number is out of range, or not a whole number where a count belongs"),
        ("hyperparameters", "regParam", .number(-2), "hyperparameters: The 'regParam' hyperparameter of LinearRegression must be ≥ 0. Got -2."),
        ("hyperparameters", "maxIter", .number(1e308), "a number is out of range, or not a whole number where a count belongs"),
        ("summary", "rowCount", .text("12"), "wrong type at summary.rowCount"),
    ]

    @Test(arguments: badValues)
    func badValuesAreNamed(section: String, key: String, value: Value, reason: String) throws {
        #expect(throws: ModelFileError.corrupt(path: "m.json", reason: reason)) {
            try Self.decoding(section, key, value)
        }
    }

    @Test func theUnchangedFileLoads() throws {
        let object = try Self.file()
        let model = try LinearRegressionModel.decode(try JSONSerialization.data(withJSONObject: object), path: "m.json")
        #expect(model.summary.coefficientStandardErrors?.count == 2)
        #expect(model.summary.degreesOfFreedom == 3)
    }
}
