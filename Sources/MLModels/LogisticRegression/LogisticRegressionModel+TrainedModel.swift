import MLData
import MLEngine

/// Logistic regression as `mlfit predict`, `evaluate` and `info` see it: the predicted class
/// under `prediction`, optionally `probability_<class>` per class, and the classification
/// metrics.
extension LogisticRegressionModel: TrainedModel {
    public static var task: ModelTask { .classification }

    /// `prediction`, then with ``PredictionOptions/probabilities`` one `probability_<class>`
    /// per class in class order.
    public func predictionColumnNames(options: PredictionOptions) -> [String] {
        ["prediction"] + (options.probabilities ? classes.map { "probability_\($0)" } : [])
    }

    public func predictionColumns(for chunk: DataChunk, options: PredictionOptions) throws -> [PredictionColumn] {
        let probabilities = try predictProbabilities(chunk.features)
        let codes = predictCodes(probabilities: probabilities)
        var columns = [PredictionColumn(name: "prediction", values: .labels(codes.map { classes[$0] }))]
        if options.probabilities {
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
            shape: evaluationShape, trueClasses: chunk.labels, predicted: predictCodes(probabilities: probabilities),
            probabilities: probabilities.elements, weights: chunk.weights)
    }

    /// The hyperparameters with Spark's names.
    public var hyperparameterDescription: String {
        let h = hyperparameters
        return "family \(h.family.rawValue) (\(isMultinomial ? "multinomial" : "binomial")), regParam \(h.regParam), "
            + "elasticNetParam \(h.elasticNetParam), fitIntercept \(h.fitIntercept), "
            + "standardization \(h.standardization), threshold \(h.threshold), solver \(h.solver.rawValue), "
            + "maxIter \(h.maxIter), tol \(h.tol)"
    }
}

extension LogisticRegression: Estimator {
    public typealias Model = LogisticRegressionModel

    public func fitWithReport(
        _ source: some ChunkSource, options: ExecutionOptions = ExecutionOptions()
    ) throws -> FitResult<LogisticRegressionModel> {
        let (model, report) = try fitAndReport(source, options: options)
        return FitResult(model: model, report: report)
    }
}
