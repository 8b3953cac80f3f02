/// The training summary of a k-means model: the clusters the final assignment pass found,
/// the cost, and how initialization and the Lloyd iterations went.
public struct KMeansSummary: Sendable, Hashable, Codable {
    /// Rows read, including rows of weight 0.
    public var rowCount: Int
    /// `W = Σw`.
    public var weightSum: Double
    /// Rows assigned to each cluster by the final pass.
    public var clusterSizes: [Int]
    /// The weight of the rows of each cluster.
    public var clusterWeights: [Double]
    /// `Σwᵢ·d(xᵢ, c_{a(i)})` after the last update, from a final assignment pass (scikit-learn's
    /// `inertia_`; Spark's `trainingCost` is the cost before its last update).
    public var trainingCost: Double
    /// Lloyd iterations (center updates) run.
    public var iterations: Int
    /// Whether every center moved at most `tol` in the last iteration.
    public var converged: Bool
    /// How the starting centers were chosen: `k-means||`, `k-means++`, `random` or `initial model`.
    public var initialization: String
    public var seed: Int
    /// The cost of each iteration's assignment, before its update; after a lazy pass (see
    /// ``KMeans/Pruning``) taken from per-cluster moments, so accurate to round-off only.
    public var costHistory: [Double]
    /// Per iteration, the fraction of rows whose distances to every center were computed
    /// (below 1 where bounds proved the others' centers).
    public var distanceFractions: [Double]

    public init(
        rowCount: Int, weightSum: Double, clusterSizes: [Int], clusterWeights: [Double], trainingCost: Double,
        iterations: Int, converged: Bool, initialization: String, seed: Int, costHistory: [Double],
        distanceFractions: [Double]
    ) {
        self.rowCount = rowCount
        self.weightSum = weightSum
        self.clusterSizes = clusterSizes
        self.clusterWeights = clusterWeights
        self.trainingCost = trainingCost
        self.iterations = iterations
        self.converged = converged
        self.initialization = initialization
        self.seed = seed
        self.costHistory = costHistory
        self.distanceFractions = distanceFractions
    }
}

extension KMeansSummary {
    /// Checks a summary read from a model file against the model's `k`.
    func check(k: Int, _ check: ModelFileChecker) throws(ModelFileError) {
        try check.count(rowCount, "summary.rowCount")
        try check.count(iterations, "summary.iterations")
        try check.require(weightSum.isFinite && weightSum > 0, "summary.weightSum is not a finite positive number")
        try check.require(clusterSizes.count == k, "summary.clusterSizes has \(clusterSizes.count) entries for \(k) clusters")
        try check.require(clusterWeights.count == k, "summary.clusterWeights has \(clusterWeights.count) entries for \(k) clusters")
        for (j, size) in clusterSizes.enumerated() { try check.count(size, "summary.clusterSizes[\(j)]") }
        try check.finite(clusterWeights, "summary.clusterWeights")
        try check.require(clusterWeights.allSatisfy { $0 >= 0 }, "summary.clusterWeights holds a negative weight")
        try check.finite(trainingCost, "summary.trainingCost")
        try check.require(trainingCost >= 0, "summary.trainingCost is negative")
        try check.finite(costHistory, "summary.costHistory")
        try check.finite(distanceFractions, "summary.distanceFractions")
    }
}
