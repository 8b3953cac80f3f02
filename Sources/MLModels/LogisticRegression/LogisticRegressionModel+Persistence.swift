import Foundation
import MLNumerics

extension LogisticRegressionModel {
    /// The `algorithm` value of logistic-regression model files.
    public static let algorithmName = "logistic-regression"

    /// The learned parameters, the `model` section of the file.
    public struct Parameters: Codable, Sendable, Hashable {
        /// The classes in code order (the envelope's `classes`, repeated as Spark's `labels`).
        public var labels: [String]
        /// One row for the binomial family (the second class), one per class for the
        /// multinomial; each in the order of the file's `features`.
        public var coefficientMatrix: [[Double]]
        public var interceptVector: [Double]
    }

    typealias File = ModelFile<LogisticRegression, Parameters, LogisticRegressionSummary>

    /// The model as a model-file JSON document.
    public func encoded() throws -> Data {
        let rows = (0..<coefficientMatrix.rows).map { coefficientMatrix.row($0) }
        return try ModelFiles.encode(
            File(
                algorithm: Self.algorithmName, schema: schema, hyperparameters: hyperparameters,
                model: Parameters(labels: classes, coefficientMatrix: rows, interceptVector: interceptVector),
                summary: summary))
    }

    /// Reads a model written by ``TrainedModel/save(to:)``.
    public static func load(from path: String) throws -> LogisticRegressionModel {
        try decode(AtomicFile.read(path), path: path)
    }

    /// Reads a model from a model-file JSON document; `path` is used in error messages.
    ///
    /// Every value the model uses is checked: at least two classes, `labels` equal to the
    /// envelope's `classes`, one coefficient row (two classes) or one per class, each with
    /// one finite coefficient per feature, one finite intercept per row, valid
    /// hyperparameters, numeric features, and the summary's counts and numbers.
    public static func decode(_ data: Data, path: String) throws -> LogisticRegressionModel {
        let file = try ModelFiles.decode(File.self, from: data, path: path, algorithm: algorithmName)
        let check = ModelFileChecker(path: path)
        let schema = try file.schema(path: path)
        if let feature = schema.categoricalFeatures.first {
            throw ModelFileError.corrupt(
                path: path, reason: "logistic regression has numeric features; categoricalFeatures names '\(feature.name)'")
        }
        guard let classes = schema.classes else {
            throw ModelFileError.corrupt(path: path, reason: "missing classes")
        }
        try check.require(classes.count >= 2, "classes lists \(classes.count) class; logistic regression needs two or more")
        try check.require(file.model.labels == classes, "model.labels differs from classes")
        let rows = file.model.coefficientMatrix
        let k = classes.count
        try check.require(
            rows.count == k || (k == 2 && rows.count == 1),
            "model.coefficientMatrix has \(rows.count) rows for \(k) classes")
        for (r, row) in rows.enumerated() {
            try check.perFeature(row, "model.coefficientMatrix[\(r)]", featureCount: file.features.count)
            try check.finite(row, "model.coefficientMatrix[\(r)]")
        }
        try check.require(
            file.model.interceptVector.count == rows.count,
            "model.interceptVector has \(file.model.interceptVector.count) entries for \(rows.count) coefficient rows")
        try check.finite(file.model.interceptVector, "model.interceptVector")
        try check.hyperparameters { () throws(HyperparameterError) in try file.hyperparameters.validate() }
        try file.summary.check(features: file.features, check)
        let matrix = try Matrix(rows: rows.count, columns: file.features.count, elements: rows.flatMap { $0 })
        return try LogisticRegressionModel(
            schema: schema, hyperparameters: file.hyperparameters, coefficientMatrix: matrix,
            interceptVector: file.model.interceptVector, summary: file.summary)
    }
}
