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
    ///
    /// Every value the model uses is checked: one coefficient per feature, all finite; valid
    /// hyperparameters; numeric features; and the summary's arrays and counts (see
    /// ``LinearRegressionSummary``'s `check`), so that `info` and `predict` never index past
    /// an array of a hand-edited file.
    public static func decode(_ data: Data, path: String) throws -> LinearRegressionModel {
        let file = try ModelFiles.decode(File.self, from: data, path: path, algorithm: algorithmName)
        let check = ModelFileChecker(path: path)
        let schema = try file.schema(path: path)
        if let feature = schema.categoricalFeatures.first {
            throw ModelFileError.corrupt(
                path: path, reason: "linear regression has numeric features; categoricalFeatures names '\(feature.name)'")
        }
        try check.require(schema.classes == nil, "linear regression has a numeric label; the file lists classes")
        let p = file.features.count
        try check.perFeature(file.model.coefficients, "model.coefficients", featureCount: p)
        try check.finite(file.model.coefficients, "model.coefficients")
        try check.finite(file.model.intercept, "model.intercept")
        try check.hyperparameters { () throws(HyperparameterError) in try file.hyperparameters.validate() }
        try file.summary.check(features: file.features, check)
        return LinearRegressionModel(
            featureNames: file.features, labelName: file.label ?? "label",
            weightName: file.weightCol, hyperparameters: file.hyperparameters,
            coefficients: file.model.coefficients, intercept: file.model.intercept,
            summary: file.summary)
    }
}
