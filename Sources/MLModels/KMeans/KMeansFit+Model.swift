import MLData
import MLNumerics

extension KMeansFit {
    /// The model from the Lloyd result: centers back in the data's coordinates, the summary
    /// from the final assignment pass.
    func model(from result: LloydResult, initialization: String) throws -> KMeansModel {
        var centers = result.centers
        for j in 0..<centers.rows {
            for t in 0..<centers.columns { centers[j, t] += shift[t] }
        }
        let summary = KMeansSummary(
            rowCount: rowCount, weightSum: weightSum, clusterSizes: result.final.counts,
            clusterWeights: result.final.weights, trainingCost: result.final.cost, iterations: result.iterations,
            converged: result.converged, initialization: initialization, seed: estimator.seed,
            costHistory: result.costHistory, distanceFractions: result.distanceFractions)
        var schema = data.schema
        schema.labelName = nil
        return try KMeansModel(schema: schema, hyperparameters: estimator, clusterCenters: centers, summary: summary)
    }
}
