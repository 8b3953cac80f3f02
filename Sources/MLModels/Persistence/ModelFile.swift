import Foundation

/// The versioned JSON envelope of every mlfit model file (see docs/model-format.md):
///
///     {"format": "mlfit-model", "formatVersion": 1, "algorithm": "linear-regression",
///      "features": [...], "label": "...", "weightCol": null,
///      "hyperparameters": {...}, "model": {...}, "summary": {...}}
///
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
            throw ModelFileError.corrupt(path: path, reason: describe(error))
        }
        guard header.format == ModelFile<Int, Int, Int>.formatName, let version = header.formatVersion
        else { throw ModelFileError.notAModelFile(path: path) }
        let supported = ModelFile<Int, Int, Int>.currentFormatVersion
        guard version <= supported else {
            throw ModelFileError.newerFormat(path: path, found: version, supported: supported)
        }
        return header
    }

    /// Decodes a whole envelope after checking its header and algorithm.
    public static func decode<H: Codable, P: Codable, S: Codable>(
        _ type: ModelFile<H, P, S>.Type, from data: Data, path: String, algorithm: String
    ) throws -> ModelFile<H, P, S> {
        let header = try header(of: data, path: path)
        guard header.algorithm == algorithm else {
            throw ModelFileError.wrongAlgorithm(
                path: path, found: header.algorithm ?? "unknown", expected: algorithm)
        }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw ModelFileError.corrupt(path: path, reason: describe(error))
        }
    }

    /// Encodes an envelope as pretty-printed JSON with sorted keys.
    public static func encode<H: Codable, P: Codable, S: Codable>(_ file: ModelFile<H, P, S>) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(file)
    }

    /// One line saying what is wrong with a JSON document.
    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "the JSON is malformed or truncated" : "bad value at \(path)"
        case DecodingError.keyNotFound(let key, let context):
            let path = (context.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: ".")
            return "missing \(path)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
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
