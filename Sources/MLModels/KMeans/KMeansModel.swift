import MLData
import MLEngine
import MLNumerics

/// A fitted k-means model: `k` cluster centers and the measure distances are taken in.
///
/// A row belongs to its nearest center (the lowest index among equally near ones); for the
/// cosine measure, nearest by `1 − cos(x, c)`, the centers being unit vectors.
public struct KMeansModel: Sendable, Hashable {
    /// The features (in the order of the centers' columns) and the weight column.
    public let schema: Schema
    public let hyperparameters: KMeans
    /// `k × p`, one center per row.
    public let clusterCenters: Matrix
    public let summary: KMeansSummary

    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when the centers do not fit the features.
    public init(schema: Schema, hyperparameters: KMeans, clusterCenters: Matrix, summary: KMeansSummary) throws {
        guard clusterCenters.columns == schema.featureCount, clusterCenters.rows >= 1 else {
            throw LinearAlgebraError.dimensionMismatch(
                "\(clusterCenters.rows) × \(clusterCenters.columns) centers for \(schema.featureCount) features")
        }
        self.schema = schema
        var hyperparameters = hyperparameters
        hyperparameters.initialCenters = nil
        self.hyperparameters = hyperparameters
        self.clusterCenters = clusterCenters
        self.summary = summary
    }

    public var k: Int { clusterCenters.rows }
    public var featureNames: [String] { schema.featureNames }
    public var distanceMeasure: KMeans.DistanceMeasure { hyperparameters.distanceMeasure }

    /// The nearest center of every row, and its distance in the model's measure: euclidean
    /// `‖x − c‖`, or `1 − cos(x, c)`.
    ///
    /// Distances come from one GEMM per block with exact distances for close calls (see
    /// `NearestCenters`). For cosine, rows are normalized first.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` for another number of features;
    ///   ``KMeansError/zeroVectorToPredict`` for a zero row with the cosine measure.
    public func predictWithDistances(_ features: Matrix) throws -> (clusters: [Int], distances: [Double]) {
        let p = clusterCenters.columns, n = features.rows
        guard features.columns == p else {
            throw LinearAlgebraError.dimensionMismatch("the model has \(p) features; the data have \(features.columns)")
        }
        var x = features
        if distanceMeasure == .cosine {
            for i in 0..<n {
                guard KMeansFit.normalize(row: i, of: &x) else { throw KMeansError.zeroVectorToPredict }
            }
        }
        let norms = CenterSet.squaredNorms(of: x)
        var clusters = [Int](repeating: 0, count: n)
        var distances = [Double](repeating: 0, count: n)
        var scratch = NearestCenters.Scratch()
        let centers = CenterSet(clusterCenters)
        let cosine = distanceMeasure == .cosine
        x.withUnsafeBufferPointer { b in
            norms.withUnsafeBufferPointer { nb in
                guard let base = b.baseAddress, let normBase = nb.baseAddress else { return }
                NearestCenters.find(base, rows: n, norms: normBase, centers: centers, scratch: &scratch) { i, nearest in
                    clusters[i] = nearest.index
                    distances[i] = cosine ? 0.5 * nearest.squaredDistance : nearest.squaredDistance.squareRoot()
                }
            }
        }
        return (clusters, distances)
    }

    /// The cluster of every row, from 0.
    public func predict(_ features: Matrix) throws -> [Int] {
        try predictWithDistances(features).clusters
    }

    /// `Σwᵢ·d(xᵢ, c_{a(i)})` on a source, with `d` the squared euclidean or the cosine distance
    /// (Spark's `computeCost`).
    public func computeCost(_ source: some ChunkSource, options: ExecutionOptions = ExecutionOptions()) throws -> Double {
        try evaluate(source, options: options).cost
    }
}
