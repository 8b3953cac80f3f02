/// The hyperparameters a classification and a regression tree share, as the growth reads
/// them, and their checks (one message shape, naming the estimator).
struct TreeGrowthParameters: Sendable, Hashable {
    var maxDepth: Int
    var maxBins: Int
    var minInstancesPerNode: Int
    var minWeightFractionPerNode: Double
    var minInfoGain: Double
    var maxMemoryInMB: Int
    var impurity: TreeImpurity
    var seed: Int

    /// The deepest tree Spark grows (node ids are 32-bit there): 30.
    static let maxDepthLimit = 30
    /// The most bins a feature can have: bin indices are held as `UInt16`.
    static let maxBinsLimit = 65_536

    /// Checks every value against its allowed range, in Spark's terms.
    func validate(estimator: String) throws(HyperparameterError) {
        let check = HyperparameterChecker(estimator: estimator)
        try check.atLeast(maxDepth, 0, "maxDepth")
        try check.atMost(maxDepth, Self.maxDepthLimit, "maxDepth")
        try check.atLeast(maxBins, 2, "maxBins")
        try check.atMost(maxBins, Self.maxBinsLimit, "maxBins")
        try check.atLeast(minInstancesPerNode, 1, "minInstancesPerNode")
        try check.halfOpen(minWeightFractionPerNode, 0, 0.5, "minWeightFractionPerNode")
        try check.atLeast(minInfoGain, 0, "minInfoGain")
        try check.atLeast(maxMemoryInMB, 1, "maxMemoryInMB")
    }

    /// How many rows the split candidates are drawn from: `max(maxBins², 10,000)`, Spark's.
    var sampleSize: Int { max(maxBins * maxBins, 10_000) }
}

extension HyperparameterChecker {
    func atMost(_ value: Int, _ bound: Int, _ name: String) throws(HyperparameterError) {
        guard value <= bound else {
            throw HyperparameterError(estimator: estimator, name: name, requirement: "≤ \(bound)", given: "\(value)")
        }
    }

    /// `value ∈ [lower, upper)`.
    func halfOpen(_ value: Double, _ lower: Double, _ upper: Double, _ name: String) throws(HyperparameterError) {
        guard value.isFinite, value >= lower, value < upper else {
            throw HyperparameterError(
                estimator: estimator, name: name, requirement: "in [\(lower.formatted()), \(upper.formatted()))",
                given: value.formatted())
        }
    }
}

private extension Double {
    func formatted() -> String {
        self == rounded() && abs(self) < 1e15 ? String(Int(self)) : "\(self)"
    }
}
