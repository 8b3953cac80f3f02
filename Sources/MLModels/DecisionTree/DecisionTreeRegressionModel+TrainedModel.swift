import MLData

/// A regression tree as `mlfit predict`, `evaluate` and `info` see it: the leaf mean under
/// `prediction` and the regression metrics (from ``RegressionModel``).
extension DecisionTreeRegressionModel: RegressionModel {
    public func predict(_ chunk: DataChunk) throws -> [Double] {
        try predict(chunk.features)
    }

    /// The hyperparameters with Spark's names.
    public var hyperparameterDescription: String {
        let h = hyperparameters
        return "impurity \(h.impurity.rawValue), maxDepth \(h.maxDepth), maxBins \(h.maxBins), "
            + "minInstancesPerNode \(h.minInstancesPerNode), minWeightFractionPerNode \(h.minWeightFractionPerNode), "
            + "minInfoGain \(h.minInfoGain), maxMemoryInMB \(h.maxMemoryInMB), seed \(h.seed)"
    }
}
