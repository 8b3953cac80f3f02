import Foundation

/// A model read from a file whose algorithm is known only from the file itself.
public enum SavedModel: Sendable {
    case linearRegression(LinearRegressionModel)

    /// Reads the model file at `path`, dispatching on its `algorithm`.
    public static func load(from path: String) throws -> SavedModel {
        let data = try AtomicFile.read(path)
        let header = try ModelFiles.header(of: data, path: path)
        switch header.algorithm {
        case LinearRegressionModel.algorithmName:
            return .linearRegression(try LinearRegressionModel.decode(data, path: path))
        default:
            throw ModelFileError.corrupt(
                path: path, reason: "unknown algorithm '\(header.algorithm ?? "none")'")
        }
    }

    public var featureNames: [String] {
        switch self {
        case .linearRegression(let model): return model.featureNames
        }
    }

    public var labelName: String? {
        switch self {
        case .linearRegression(let model): return model.labelName
        }
    }
}
