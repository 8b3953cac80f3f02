import MLData
import MLEngine

/// A model that predicts one number per row and is evaluated with the regression metrics:
/// adopting it supplies the ``TrainedModel`` requirements on prediction and evaluation from
/// ``predict(_:)`` alone (linear regression; a regression tree later).
public protocol RegressionModel: TrainedModel where Evaluation == RegressionMetricsStatistics {
    /// One prediction per row of a chunk whose features are ``TrainedModel/schema``'s.
    func predict(_ chunk: DataChunk) throws -> [Double]
}

extension RegressionModel {
    public static var task: ModelTask { .regression }

    /// One column, `prediction`.
    public func predictionColumnNames(options: PredictionOptions) -> [String] { ["prediction"] }

    public func predictionColumns(for chunk: DataChunk, options: PredictionOptions) throws -> [PredictionColumn] {
        [PredictionColumn(name: "prediction", values: .numbers(try predict(chunk)))]
    }

    public var evaluationShape: Int { 0 }

    public func evaluationStatistics(of chunk: DataChunk) throws -> RegressionMetricsStatistics {
        RegressionMetricsStatistics(labels: chunk.labels, predictions: try predict(chunk), weights: chunk.weights)
    }
}
