import MLNumerics

extension LogisticFit {
    /// The model from a solution: parameters reshaped into the coefficient matrix and the
    /// intercepts; for the multinomial family the flat groups (the intercepts, and every
    /// unpenalized feature) centred across classes, which changes no probability.
    func model(from solution: LogisticSolution) throws -> LogisticRegressionModel {
        var theta = solution.theta
        for group in flatGroups {
            var mean = 0.0
            for i in group { mean += theta[i] }
            mean /= Double(group.count)
            for i in group { theta[i] -= mean }
        }
        let p = shape.featureCount, q = shape.width, m = shape.rows
        var coefficients = Matrix(rows: m, columns: p)
        var intercepts = [Double](repeating: 0, count: m)
        for r in 0..<m {
            for j in 0..<p { coefficients[r, j] = theta[r * q + j] }
            if shape.fitIntercept { intercepts[r] = theta[r * q + p] }
        }
        let statistics = solution.statistics
        let separable = isUnpenalized && statistics.misclassifiedWeight == 0
        let summary = LogisticRegressionSummary(
            rowCount: moments.rowCount, weightSum: weightSum, logLoss: statistics.loss / weightSum,
            objective: solution.objective, objectiveHistory: solution.history, solver: solution.method,
            iterations: solution.iterations, converged: solution.stop.isConvergence, stopReason: solution.stop,
            gradientNorm: solution.optimality, separable: separable,
            constantFeatures: (0..<p).filter { !active[$0] }.map { data.schema.featureNames[$0] })
        return try LogisticRegressionModel(
            schema: data.schema, hyperparameters: estimator, coefficientMatrix: coefficients,
            interceptVector: intercepts, summary: summary)
    }
}
