import MLData

/// Linear regression as `mlfit predict`, `evaluate` and `info` see it: one `prediction`
/// column, the regression metrics, numeric features only.
extension LinearRegressionModel: RegressionModel {
    /// Numeric features (linear regression refuses categorical ones) and a numeric label.
    public var schema: Schema {
        Schema(featureNames: featureNames, labelName: labelName, weightName: weightName)
    }

    /// The hyperparameters with Spark's names, as `mlfit info` has always printed them.
    public var hyperparameterDescription: String {
        let h = hyperparameters
        return "regParam \(h.regParam), elasticNetParam \(h.elasticNetParam), "
            + "fitIntercept \(h.fitIntercept), standardization \(h.standardization), "
            + "solver \(h.solver.rawValue), maxIter \(h.maxIter), tol \(h.tol)"
    }
}
