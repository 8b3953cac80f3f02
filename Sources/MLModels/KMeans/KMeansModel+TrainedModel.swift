import MLData
import MLEngine
import MLNumerics

/// k-means as `mlfit predict`, `evaluate` and `info` see it: the cluster under `prediction`
/// (an integer from 0), with ``PredictionOptions/distances`` the distance to it under
/// `distance`; evaluated by cost, sizes, silhouette and, with a label, the adjusted Rand index.
extension KMeansModel: TrainedModel {
    public static var task: ModelTask { .clustering }

    public func predictionColumnNames(options: PredictionOptions) -> [String] {
        ["prediction"] + (options.distances ? ["distance"] : [])
    }

    public func predictionColumns(for chunk: DataChunk, options: PredictionOptions) throws -> [PredictionColumn] {
        let (clusters, distances) = try predictWithDistances(chunk.features)
        var columns = [PredictionColumn(name: "prediction", values: .integers(clusters))]
        if options.distances { columns.append(PredictionColumn(name: "distance", values: .numbers(distances))) }
        return columns
    }

    public var evaluationShape: ClusteringMetricsStatistics.Shape {
        ClusteringMetricsStatistics.Shape(k: k, featureCount: clusterCenters.columns, cosine: distanceMeasure == .cosine)
    }

    /// The rows as the metrics read them (normalized for cosine) and their clusters.
    private func prepared(_ chunk: DataChunk) throws -> (Matrix, [Int]) {
        let clusters = try predict(chunk.features)
        var x = chunk.features
        if distanceMeasure == .cosine {
            for i in 0..<x.rows where !KMeansFit.normalize(row: i, of: &x) { throw KMeansError.zeroVectorToPredict }
        }
        return (x, clusters)
    }

    public func evaluationStatistics(of chunk: DataChunk) throws -> ClusteringMetricsStatistics {
        let (x, clusters) = try prepared(chunk)
        return try ClusteringMetricsStatistics(
            shape: evaluationShape, rows: x, clusters: clusters, centers: clusterCenters, weights: chunk.weights,
            labels: chunk.labels)
    }

    /// Two passes: the per-cluster sums (with the cost, sizes and contingency table), then
    /// the silhouette of every row from them.
    public func evaluate<Source: ChunkSource>(
        _ source: Source, options: ExecutionOptions = ExecutionOptions()
    ) throws -> ClusteringMetrics {
        let shape = evaluationShape
        let (sums, _) = try source.pass(options: options, shape: shape) { chunk in
            try evaluationStatistics(of: chunk)
        }
        guard sums.weights.filter({ $0 > 0 }).count >= 2 else { return sums.metrics(silhouette: nil) }
        let (silhouette, _) = try source.pass(options: options, shape: 0) { chunk in
            let (x, clusters) = try prepared(chunk)
            return SilhouetteStatistics(
                rows: x, clusters: clusters, weights: chunk.weights, centers: clusterCenters, clusterSums: sums)
        }
        return sums.metrics(silhouette: silhouette.silhouette)
    }

    /// The hyperparameters with Spark's names.
    public var hyperparameterDescription: String {
        let h = hyperparameters
        return "k \(h.k), initMode \(h.initMode.rawValue), initSteps \(h.initSteps), maxIter \(h.maxIter), "
            + "tol \(h.tol), distanceMeasure \(h.distanceMeasure.rawValue), seed \(h.seed), pruning \(h.pruning.rawValue)"
    }
}
