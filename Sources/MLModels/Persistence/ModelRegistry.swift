import Foundation

/// The algorithms this build of mlfit reads, keyed by the model file's `algorithm`.
///
/// `mlfit predict`, `evaluate` and `info` load models through the registry and use them as
/// `any TrainedModel`, so they never name an algorithm: adding one is one line here.
public enum ModelRegistry {
    /// The built-in model types, one line per algorithm.
    public static let modelTypes: [any TrainedModel.Type] = [
        LinearRegressionModel.self,
        LogisticRegressionModel.self,
        DecisionTreeClassificationModel.self,
        DecisionTreeRegressionModel.self,
        KMeansModel.self,
    ]

    /// The model type whose ``TrainedModel/algorithmName`` is `algorithm`.
    public static func modelType(for algorithm: String) -> (any TrainedModel.Type)? {
        modelTypes.first { $0.algorithmName == algorithm }
    }

    public static var algorithmNames: [String] { modelTypes.map { $0.algorithmName } }

    /// Reads a model-file JSON document of any registered algorithm; `path` is used in
    /// messages.
    public static func decode(_ data: Data, path: String) throws -> any TrainedModel {
        let header = try ModelFiles.header(of: data, path: path)
        guard let algorithm = header.algorithm else {
            throw ModelFileError.corrupt(path: path, reason: "missing algorithm")
        }
        guard let type = modelType(for: algorithm) else {
            throw ModelFileError.corrupt(
                path: path,
                reason: "unknown algorithm '\(algorithm)' (this mlfit reads "
                    + algorithmNames.joined(separator: ", ") + ")")
        }
        return try type.decode(data, path: path)
    }

    /// Reads the model file at `path`, whatever its algorithm.
    public static func load(from path: String) throws -> any TrainedModel {
        try decode(AtomicFile.read(path), path: path)
    }
}
