import Foundation
import MLData

/// The versioned JSON envelope of every mlfit model file (see docs/model-format.md):
///
///     {"format": "mlfit-model", "formatVersion": 1, "algorithm": "linear-regression",
///      "features": [...], "label": "...", "weightCol": null,
///      "categoricalFeatures": {"color": ["blue", "red"]}, "classes": ["no", "yes"],
///      "hyperparameters": {...}, "model": {...}, "summary": {...}}
///
/// `categoricalFeatures` and `classes` are written only when there are any: a file without
/// them (every file mlfit 0.1.0 wrote) has numeric features and a numeric label.
/// Unknown keys are ignored, so later versions may add fields; a file whose `formatVersion`
/// is newer than this build understands is refused with a clear error.
public struct ModelFile<Hyperparameters: Codable, Parameters: Codable, Summary: Codable>: Codable {
    public static var formatName: String { "mlfit-model" }
    public static var currentFormatVersion: Int { 1 }

    public var format: String
    public var formatVersion: Int
    public var algorithm: String
    public var mlfitVersion: String
    public var features: [String]
    public var label: String?
    public var weightCol: String?
    /// The levels of each categorical feature, by feature name; features not named are numeric.
    public var categoricalFeatures: [String: [String]]?
    /// The label's classes in code order, for a classifier; `nil` for a numeric label.
    public var classes: [String]?
    public var hyperparameters: Hyperparameters
    public var model: Parameters
    public var summary: Summary

    public init(
        algorithm: String, features: [String], label: String?, weightCol: String?,
        hyperparameters: Hyperparameters, model: Parameters, summary: Summary
    ) {
        format = Self.formatName
        formatVersion = Self.currentFormatVersion
        self.algorithm = algorithm
        mlfitVersion = MLFitVersion.current
        self.features = features
        self.label = label
        self.weightCol = weightCol
        self.hyperparameters = hyperparameters
        self.model = model
        self.summary = summary
    }

    /// An envelope for a model trained on `schema`: its features, their kinds, the label with
    /// its classes, and the weight column.
    public init(
        algorithm: String, schema: Schema, hyperparameters: Hyperparameters, model: Parameters,
        summary: Summary
    ) {
        self.init(
            algorithm: algorithm, features: schema.featureNames, label: schema.labelName,
            weightCol: schema.weightName, hyperparameters: hyperparameters, model: model, summary: summary)
        let categorical = schema.categoricalFeatures
        categoricalFeatures = categorical.isEmpty
            ? nil : Dictionary(categorical.map { ($0.name, $0.levels) }, uniquingKeysWith: { first, _ in first })
        classes = schema.classes
    }
}

/// The version of this build of mlfit.
public enum MLFitVersion {
    public static let current = "0.1.0"
}

/// Why a model file could not be loaded.
public enum ModelFileError: Error, Hashable, Sendable, CustomStringConvertible {
    case notAModelFile(path: String)
    case newerFormat(path: String, found: Int, supported: Int)
    case wrongAlgorithm(path: String, found: String, expected: String)
    case corrupt(path: String, reason: String)

    public var description: String {
        switch self {
        case let .notAModelFile(path):
            return "\(path) is not an mlfit model file (no \"format\": \"mlfit-model\")"
        case let .newerFormat(path, found, supported):
            return "\(path) has model format version \(found); this mlfit reads versions up to "
                + "\(supported): upgrade mlfit"
        case let .wrongAlgorithm(path, found, expected):
            return "\(path) holds a \(found) model, not a \(expected) model"
        case let .corrupt(path, reason):
            return "\(path) is not a valid model file: \(reason)"
        }
    }
}

/// Reading and writing model envelopes.
public enum ModelFiles {
    /// The fields every model file has, read before the algorithm-specific body.
    public struct Header: Codable, Sendable {
        public var format: String?
        public var formatVersion: Int?
        public var algorithm: String?
    }

    /// Reads the header of the model file at `path`, checking format and version.
    public static func header(of data: Data, path: String) throws -> Header {
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: data)
        } catch {
            throw ModelFileError.corrupt(path: path, reason: describe(error, in: data))
        }
        guard header.format == ModelFile<Int, Int, Int>.formatName, let version = header.formatVersion
        else { throw ModelFileError.notAModelFile(path: path) }
        guard version >= 1 else {
            throw ModelFileError.corrupt(path: path, reason: "formatVersion \(version) is not a version (versions start at 1)")
        }
        let supported = ModelFile<Int, Int, Int>.currentFormatVersion
        guard version <= supported else {
            throw ModelFileError.newerFormat(path: path, found: version, supported: supported)
        }
        return header
    }

    /// Decodes a whole envelope after checking its header and algorithm, and checks the
    /// envelope's own fields (see ``ModelFile/schema(path:)``); the algorithm checks its
    /// hyperparameters, model and summary.
    public static func decode<H: Codable, P: Codable, S: Codable>(
        _ type: ModelFile<H, P, S>.Type, from data: Data, path: String, algorithm: String
    ) throws -> ModelFile<H, P, S> {
        let header = try header(of: data, path: path)
        guard header.algorithm == algorithm else {
            throw ModelFileError.wrongAlgorithm(
                path: path, found: header.algorithm ?? "unknown", expected: algorithm)
        }
        let file: ModelFile<H, P, S>
        do {
            file = try JSONDecoder().decode(type, from: data)
        } catch {
            throw ModelFileError.corrupt(path: path, reason: describe(error, in: data))
        }
        _ = try file.schema(path: path)
        return file
    }

    /// Encodes an envelope as pretty-printed JSON with sorted keys.
    public static func encode<H: Codable, P: Codable, S: Codable>(_ file: ModelFile<H, P, S>) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(file)
    }

    /// One line saying what is wrong with a JSON document.
    static func describe(_ error: any Error, in data: Data) -> String {
        func place(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "the top level" : path.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            guard path.isEmpty else { return "bad value at \(path)" }
            // Foundation's decoder calls a number that does not fit its field (1e308 or 1.5
            // for an integer) "not valid JSON", without saying where: tell the two apart.
            return (try? JSONSerialization.jsonObject(with: data)) != nil
                ? "a number is out of range, or not a whole number where a count belongs"
                : "the JSON is malformed or truncated"
        case DecodingError.keyNotFound(let key, let context):
            let path = (context.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: ".")
            return "missing \(path)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at \(place(context.codingPath))"
        default:
            return "the JSON is malformed or truncated"
        }
    }
}

extension KeyedEncodingContainer {
    /// Encodes a number, or `null` when it is not finite (JSON has no NaN or infinity);
    /// `nil` leaves the key out.
    mutating func encodeNumber(_ value: Double?, forKey key: Key) throws {
        guard let value else { return }
        if value.isFinite { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    mutating func encodeNumbers(_ values: [Double]?, forKey key: Key) throws {
        guard let values else { return }
        try encode(values.map { $0.isFinite ? $0 : nil }, forKey: key)
    }
}

extension KeyedDecodingContainer {
    /// A number written by ``KeyedEncodingContainer/encodeNumber(_:forKey:)``: `null` reads as NaN.
    func decodeNumber(forKey key: Key) throws -> Double {
        try decodeIfPresent(Double.self, forKey: key) ?? .nan
    }

    /// An optional number: absent reads as `nil`, `null` as NaN.
    func decodeOptionalNumber(forKey key: Key) throws -> Double? {
        guard contains(key) else { return nil }
        return try decodeNumber(forKey: key)
    }

    func decodeNumbers(forKey key: Key) throws -> [Double]? {
        try decodeIfPresent([Double?].self, forKey: key)?.map { $0 ?? .nan }
    }
}
