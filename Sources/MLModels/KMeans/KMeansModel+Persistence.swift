import Foundation
import MLNumerics

extension KMeansModel {
    /// The `algorithm` value of k-means model files.
    public static let algorithmName = "kmeans"

    /// The learned parameters, the `model` section of the file.
    public struct Parameters: Codable, Sendable, Hashable {
        /// One center per cluster, each in the order of the file's `features`.
        public var clusterCenters: [[Double]]
        /// `euclidean` or `cosine` (repeated from the hyperparameters, as Spark's model has it).
        public var distanceMeasure: KMeans.DistanceMeasure
    }

    typealias File = ModelFile<KMeans, Parameters, KMeansSummary>

    /// The model as a model-file JSON document.
    public func encoded() throws -> Data {
        let rows = (0..<clusterCenters.rows).map { clusterCenters.row($0) }
        return try ModelFiles.encode(
            File(
                algorithm: Self.algorithmName, schema: schema, hyperparameters: hyperparameters,
                model: Parameters(clusterCenters: rows, distanceMeasure: distanceMeasure), summary: summary))
    }

    /// Reads a model written by ``TrainedModel/save(to:)``.
    public static func load(from path: String) throws -> KMeansModel {
        try decode(AtomicFile.read(path), path: path)
    }

    /// Reads a model from a model-file JSON document; `path` is used in error messages.
    ///
    /// Every value the model uses is checked: numeric features, no classes, `k` centers
    /// (the hyperparameters' `k`), each with one finite value per feature, unit length for
    /// cosine, the measure equal to the hyperparameters', valid hyperparameters, and the
    /// summary's counts and numbers.
    public static func decode(_ data: Data, path: String) throws -> KMeansModel {
        let file = try ModelFiles.decode(File.self, from: data, path: path, algorithm: algorithmName)
        let check = ModelFileChecker(path: path)
        let schema = try file.schema(path: path)
        if let feature = schema.categoricalFeatures.first {
            throw ModelFileError.corrupt(path: path, reason: "k-means has numeric features; categoricalFeatures names '\(feature.name)'")
        }
        try check.require(schema.classes == nil, "a k-means model has no classes")
        try check.require(!file.features.isEmpty, "features is empty")
        try check.hyperparameters { () throws(HyperparameterError) in try file.hyperparameters.validate() }
        let rows = file.model.clusterCenters
        let k = file.hyperparameters.k
        try check.require(rows.count == k, "model.clusterCenters has \(rows.count) centers for k = \(k)")
        try check.require(
            file.model.distanceMeasure == file.hyperparameters.distanceMeasure,
            "model.distanceMeasure differs from hyperparameters.distanceMeasure")
        for (j, row) in rows.enumerated() {
            try check.perFeature(row, "model.clusterCenters[\(j)]", featureCount: file.features.count)
            try check.finite(row, "model.clusterCenters[\(j)]")
            if file.model.distanceMeasure == .cosine {
                let norm = row.reduce(0) { $0 + $1 * $1 }.squareRoot()
                try check.require(abs(norm - 1) <= 1e-9, "model.clusterCenters[\(j)] is not a unit vector (cosine)")
            }
        }
        try file.summary.check(k: k, check)
        let matrix = try Matrix(rows: k, columns: file.features.count, elements: rows.flatMap { $0 })
        return try KMeansModel(schema: schema, hyperparameters: file.hyperparameters, clusterCenters: matrix, summary: file.summary)
    }
}
