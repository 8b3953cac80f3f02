/// The training summary of a decision tree: what the growth saw and what it grew.
public struct DecisionTreeSummary: Sendable, Hashable, Codable {
    /// Training rows of positive weight.
    public var rowCount: Int
    /// `W = Σw` over them.
    public var weightSum: Double
    /// Rows in the sample the split candidates came from.
    public var sampledRows: Int
    /// Per feature: its bins (candidate thresholds + 1, or its categories).
    public var binCounts: [Int]
    /// Passes that built histograms (one per level, or per group of a level's nodes).
    public var levelPasses: Int
    public var depth: Int
    public var nodeCount: Int
    public var leafCount: Int
    /// Per feature, Spark's importance (see ``DecisionTreeClassificationModel/featureImportances``).
    public var featureImportances: [Double]

    public init(
        rowCount: Int, weightSum: Double, sampledRows: Int, binCounts: [Int], levelPasses: Int, depth: Int,
        nodeCount: Int, leafCount: Int, featureImportances: [Double]
    ) {
        self.rowCount = rowCount
        self.weightSum = weightSum
        self.sampledRows = sampledRows
        self.binCounts = binCounts
        self.levelPasses = levelPasses
        self.depth = depth
        self.nodeCount = nodeCount
        self.leafCount = leafCount
        self.featureImportances = featureImportances
    }

    /// Checks a summary read from a model file against the tree it came with.
    func check(featureCount: Int, tree: DecisionTree, _ check: ModelFileChecker) throws(ModelFileError) {
        try check.count(rowCount, "summary.rowCount")
        try check.count(sampledRows, "summary.sampledRows")
        try check.count(levelPasses, "summary.levelPasses")
        try check.require(weightSum.isFinite && weightSum > 0, "summary.weightSum is not a finite positive number")
        try check.perFeature(binCounts, "summary.binCounts", featureCount: featureCount)
        try check.require(binCounts.allSatisfy { (1...TreeGrowthParameters.maxBinsLimit).contains($0) },
                          "summary.binCounts holds a count outside 1...\(TreeGrowthParameters.maxBinsLimit)")
        try check.perFeature(featureImportances, "summary.featureImportances", featureCount: featureCount)
        try check.finite(featureImportances, "summary.featureImportances")
        try check.require(depth == tree.depth, "summary.depth is \(depth); the tree's depth is \(tree.depth)")
        try check.require(nodeCount == tree.nodeCount, "summary.nodeCount is \(nodeCount); the tree has \(tree.nodeCount) nodes")
        let leaves = tree.nodes.filter(\.isLeaf).count
        try check.require(leafCount == leaves, "summary.leafCount is \(leafCount); the tree has \(leaves) leaves")
    }
}
