import MLData
import MLEngine

/// A classification tree as `mlfit predict`, `evaluate` and `info` see it: the predicted
/// class under `prediction`, optionally `probability_<class>` per class, and the
/// classification metrics.
extension DecisionTreeClassificationModel: TrainedModel {
    public static var task: ModelTask { .classification }

    /// `prediction`, then with ``PredictionOptions/probabilities`` one `probability_<class>`
    /// per class in class order.
    public func predictionColumnNames(options: PredictionOptions) -> [String] {
        ["prediction"] + (options.probabilities ? classes.map { "probability_\($0)" } : [])
    }

    public func predictionColumns(for chunk: DataChunk, options: PredictionOptions) throws -> [PredictionColumn] {
        let codes = try predictCodes(chunk.features)
        var columns = [PredictionColumn(name: "prediction", values: .labels(codes.map { classes[$0] }))]
        if options.probabilities {
            let probabilities = try predictProbabilities(chunk.features)
            for (c, name) in classes.enumerated() {
                columns.append(
                    PredictionColumn(
                        name: "probability_\(name)", values: .numbers((0..<probabilities.rows).map { probabilities[$0, c] })))
            }
        }
        return columns
    }

    public var evaluationShape: ClassificationShape { ClassificationShape(classes: classes) }

    public func evaluationStatistics(of chunk: DataChunk) throws -> ClassificationMetricsStatistics {
        let probabilities = try predictProbabilities(chunk.features)
        return try ClassificationMetricsStatistics(
            shape: evaluationShape, trueClasses: chunk.labels, predicted: try predictCodes(chunk.features),
            probabilities: probabilities.elements, weights: chunk.weights)
    }

    /// The hyperparameters with Spark's names.
    public var hyperparameterDescription: String {
        let h = hyperparameters
        return "impurity \(h.impurity.rawValue), maxDepth \(h.maxDepth), maxBins \(h.maxBins), "
            + "minInstancesPerNode \(h.minInstancesPerNode), minWeightFractionPerNode \(h.minWeightFractionPerNode), "
            + "minInfoGain \(h.minInfoGain), maxMemoryInMB \(h.maxMemoryInMB), seed \(h.seed)"
    }
}
