import MLData
import MLEngine

/// A regression tree (CART) grown level by level on binned features, with Spark MLlib's
/// parameter names, defaults and splitting rule: the growth of ``DecisionTreeClassifier``
/// with the variance impurity, each leaf predicting the weighted mean label of its rows.
///
/// Per open node, feature and bin a pass gathers the row count, `W = Σw`, `S = Σw(y − m)` and
/// `Q = Σw(y − m)²`, shifted by the node's mean `m` as its parent's pass measured it (the
/// root's from the weighted mean of the sampling pass): see ``TreeImpurity/variance``.
///
/// ```swift
/// let data = try Dataset(features: x, labels: y)
/// let model = try DecisionTreeRegressor(maxDepth: 4).fit(data)
/// let predictions = try model.predict(x)
/// ```
public struct DecisionTreeRegressor: Sendable, Hashable, Codable {
    /// The impurity measure of a regression tree.
    public enum Impurity: String, Sendable, Hashable, Codable, CaseIterable {
        case variance
    }

    /// The deepest level, `0...30`: depth 0 is a single leaf.
    public var maxDepth: Int
    /// The most bins per feature, `2...65,536`, and at least every categorical feature's arity.
    public var maxBins: Int
    /// The fewest rows (of positive weight) each child of a split must have, ≥ 1.
    public var minInstancesPerNode: Int
    /// The least fraction of the total weight each child of a split must have, in `[0, 0.5)`.
    public var minWeightFractionPerNode: Double
    /// The least information gain (variance reduction) of a split, ≥ 0.
    public var minInfoGain: Double
    public var impurity: Impurity
    /// The memory for the histograms of one pass, in MiB (Spark's `maxMemoryInMB`).
    public var maxMemoryInMB: Int
    /// The seed of the sample of rows the split candidates come from.
    public var seed: Int

    public init(
        maxDepth: Int = 5, maxBins: Int = 32, minInstancesPerNode: Int = 1, minWeightFractionPerNode: Double = 0,
        minInfoGain: Double = 0, impurity: Impurity = .variance, maxMemoryInMB: Int = 256, seed: Int = 0
    ) {
        self.maxDepth = maxDepth
        self.maxBins = maxBins
        self.minInstancesPerNode = minInstancesPerNode
        self.minWeightFractionPerNode = minWeightFractionPerNode
        self.minInfoGain = minInfoGain
        self.impurity = impurity
        self.maxMemoryInMB = maxMemoryInMB
        self.seed = seed
    }

    var growth: TreeGrowthParameters {
        TreeGrowthParameters(
            maxDepth: maxDepth, maxBins: maxBins, minInstancesPerNode: minInstancesPerNode,
            minWeightFractionPerNode: minWeightFractionPerNode, minInfoGain: minInfoGain,
            maxMemoryInMB: maxMemoryInMB, impurity: .variance, seed: seed)
    }

    /// Checks every hyperparameter against its allowed range.
    public func validate() throws(HyperparameterError) {
        try growth.validate(estimator: "DecisionTreeRegressor")
    }

    /// Fits on a source: the rows are loaded into memory, binned, and the tree grown with one
    /// pass per level (or per group of nodes).
    public func fit(
        _ source: some ChunkSource, options: ExecutionOptions = ExecutionOptions()
    ) throws -> DecisionTreeRegressionModel {
        try fitWithReport(source, options: options).model
    }

    /// ``fit(_:options:)`` that also returns what reading took and the passes in memory.
    ///
    /// - Throws: ``HyperparameterError``; ``ModelError/missingLabel``; ``DecisionTreeError``
    ///   for a categorical feature with more categories than `maxBins`; ``ModelError/noData``;
    ///   the data's errors.
    public func fitWithReport(
        _ source: some ChunkSource, options: ExecutionOptions = ExecutionOptions()
    ) throws -> FitResult<DecisionTreeRegressionModel> {
        try validate()
        guard source.schema.labelName != nil else { throw ModelError.missingLabel }
        let clock = ContinuousClock()
        let start = clock.now
        // The rows in memory are dropped once binned: only the bins stay for the level passes.
        var (growth, read) = try { () throws -> (TreeGrowth, PassReport) in
            let (data, read) = try source.load(options: options)
            return (try TreeGrowth(data: data, parameters: self.growth, classCount: 0, options: options), read)
        }()
        let tree = try growth.grow()
        let model = try DecisionTreeRegressionModel(
            schema: growth.schema, hyperparameters: self, tree: tree, summary: growth.summary(of: tree))
        let seconds = (clock.now - start).seconds
        return FitResult(
            model: model,
            report: FitReport(
                read: read, inMemory: growth.inMemory,
                solveSeconds: max(0, seconds - read.seconds - growth.inMemory.seconds)))
    }
}

extension DecisionTreeRegressor: Estimator {
    public typealias Model = DecisionTreeRegressionModel
}
