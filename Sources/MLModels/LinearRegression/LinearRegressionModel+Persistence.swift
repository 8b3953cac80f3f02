import Foundation

extension LinearRegressionModel {
    /// The `algorithm` value of linear-regression model files.
    public static let algorithmName = "linear-regression"

    /// The learned parameters, the `model` section of the file.
    public struct Parameters: Codable, Sendable, Hashable {
        /// In the order of the file's `features`.
        public var coefficients: [Double]
        public var intercept: Double
    }

    typealias File = ModelFile<LinearRegression, Parameters, LinearRegressionSummary>

    /// The model as a model-file JSON document.
    public func encoded() throws -> Data {
        try ModelFiles.encode(
            File(
                algorithm: Self.algorithmName, features: featureNames, label: labelName,
                weightCol: weightName, hyperparameters: hyperparameters,
                model: Parameters(coefficients: coefficients, intercept: intercept),
                summary: summary))
    }

    /// Writes the model atomically to `path`.
    public func save(to path: String) throws {
        try AtomicFile.write(encoded(), to: path)
    }

    /// Reads a model written by ``save(to:)``.
    public static func load(from path: String) throws -> LinearRegressionModel {
        try decode(AtomicFile.read(path), path: path)
    }

    /// Reads a model from a model-file JSON document; `path` is used in error messages.
    public static func decode(_ data: Data, path: String) throws -> LinearRegressionModel {
        let file = try ModelFiles.decode(File.self, from: data, path: path, algorithm: algorithmName)
        guard file.model.coefficients.count == file.features.count else {
            throw ModelFileError.corrupt(
                path: path,
                reason: "model.coefficients has \(file.model.coefficients.count) entries for \(file.features.count) features")
        }
        guard file.model.coefficients.allSatisfy(\.isFinite), file.model.intercept.isFinite else {
            throw ModelFileError.corrupt(path: path, reason: "model.coefficients or model.intercept is not a finite number")
        }
        guard Set(file.features).count == file.features.count else {
            throw ModelFileError.corrupt(path: path, reason: "features has repeated names")
        }
        if let label = file.label, label.contains(where: \.isNewline) {
            throw ModelFileError.corrupt(path: path, reason: "label is not a column name")
        }
        do {
            try file.hyperparameters.validate()
        } catch {
            throw ModelFileError.corrupt(path: path, reason: "hyperparameters: \(error)")
        }
        if let reason = file.summary.problem(features: file.features) {
            throw ModelFileError.corrupt(path: path, reason: reason)
        }
        return LinearRegressionModel(
            featureNames: file.features, labelName: file.label ?? "label",
            weightName: file.weightCol, hyperparameters: file.hyperparameters,
            coefficients: file.model.coefficients, intercept: file.model.intercept,
            summary: file.summary)
    }
}
