import MLData
import MLEngine

/// A classification tree (CART) grown level by level on binned features, with Spark MLlib's
/// parameter names, defaults and splitting rule.
///
/// Continuous features are cut at candidate thresholds, the midpoints between consecutive
/// distinct values of a deterministic sample of `max(maxBins², 10,000)` rows (every midpoint
/// when a feature has at most `maxBins` distinct values: then the tree is the exact CART
/// tree). Categorical features (``ColumnKind/categorical(levels:)``) split into two
/// sets of categories. Each level is one pass over the binned rows building, per open node,
/// feature and bin, the class weights and row counts; the best split of each node is the one
/// with the largest information gain (see ``TreeImpurity``). A node splits only when that gain
/// is > 0 and ≥ ``minInfoGain`` and both children have at least ``minInstancesPerNode`` rows
/// and ``minWeightFractionPerNode`` of the total weight. Gains within a relative 1e-12 of each
/// other are ties, won by the lower feature index, then the lower threshold.
///
/// The label's classes are its levels (text or numbers, see ``CategoricalLevels``); a
/// numeric label (a LIBSVM file) has its distinct values as classes.
///
/// ```swift
/// let data = try Dataset(features: x, labels: ["no", "yes", "yes", "no"])
/// let model = try DecisionTreeClassifier(maxDepth: 3).fit(data)
/// let p = try model.predictProbabilities(x)
/// ```
public struct DecisionTreeClassifier: Sendable, Hashable, Codable {
    /// The impurity measures of a classification tree.
    public enum Impurity: String, Sendable, Hashable, Codable, CaseIterable {
        case gini, entropy

        var measure: TreeImpurity { self == .gini ? .gini : .entropy }
    }

    /// The deepest level, `0...30`: depth 0 is a single leaf.
    public var maxDepth: Int
    /// The most bins per feature, `2...65,536`, and at least every categorical feature's arity.
    public var maxBins: Int
    /// The fewest rows (of positive weight) each child of a split must have, ≥ 1.
    public var minInstancesPerNode: Int
    /// The least fraction of the total weight each child of a split must have, in `[0, 0.5)`.
    public var minWeightFractionPerNode: Double
    /// The least information gain of a split, ≥ 0.
    public var minInfoGain: Double
    public var impurity: Impurity
    /// The memory for the histograms of one pass, in MiB: the open nodes of a level are
    /// processed in groups whose histograms fit in it (Spark's `maxMemoryInMB`).
    public var maxMemoryInMB: Int
    /// The seed of the sample of rows the split candidates come from.
    public var seed: Int

    public init(
        maxDepth: Int = 5, maxBins: Int = 32, minInstancesPerNode: Int = 1, minWeightFractionPerNode: Double = 0,
        minInfoGain: Double = 0, impurity: Impurity = .gini, maxMemoryInMB: Int = 256, seed: Int = 0
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

    /// The most classes a classification tree takes (Spark's `maxNumClasses`): more usually
    /// means a continuous label read as classes.
    public static let maxClasses = 100

    var growth: TreeGrowthParameters {
        TreeGrowthParameters(
            maxDepth: maxDepth, maxBins: maxBins, minInstancesPerNode: minInstancesPerNode,
            minWeightFractionPerNode: minWeightFractionPerNode, minInfoGain: minInfoGain,
            maxMemoryInMB: maxMemoryInMB, impurity: impurity.measure, seed: seed)
    }

    /// Checks every hyperparameter against its allowed range.
    public func validate() throws(HyperparameterError) {
        try growth.validate(estimator: "DecisionTreeClassifier")
    }

    /// Fits on a source: the rows are loaded into memory, binned, and the tree grown with one
    /// pass per level (or per group of nodes).
    public func fit(
        _ source: some ChunkSource, options: ExecutionOptions = ExecutionOptions()
    ) throws -> DecisionTreeClassificationModel {
        try fitWithReport(source, options: options).model
    }

    /// ``fit(_:options:)`` that also returns what reading took and the passes in memory.
    ///
    /// - Throws: ``HyperparameterError``; ``ModelError/missingLabel``; ``DecisionTreeError``
    ///   for one class, more than ``maxClasses`` classes, or a categorical feature with more
    ///   categories than `maxBins`; ``ModelError/noData``; the data's errors.
    public func fitWithReport(
        _ source: some ChunkSource, options: ExecutionOptions = ExecutionOptions()
    ) throws -> FitResult<DecisionTreeClassificationModel> {
        try validate()
        guard let labelName = source.schema.labelName else { throw ModelError.missingLabel }
        let clock = ContinuousClock()
        let start = clock.now
        // The rows in memory are dropped once binned: only the bins stay for the level passes.
        var (growth, read) = try { () throws -> (TreeGrowth, PassReport) in
            var (data, read) = try source.load(options: options)
            var labelPass: PassReport?
            if data.schema.classes == nil {
                let (coded, pass) = try data.withNumericLabelAsClasses(options: options)
                data = coded
                labelPass = pass
            }
            let classes = data.schema.classes ?? []
            guard classes.count >= 2 else {
                throw DecisionTreeError.oneClass(label: labelName, value: classes.first ?? "")
            }
            guard classes.count <= Self.maxClasses else {
                throw DecisionTreeError.tooManyClasses(label: labelName, count: classes.count, limit: Self.maxClasses)
            }
            var growth = try TreeGrowth(data: data, parameters: self.growth, classCount: classes.count, options: options)
            if let labelPass { growth.recordPass(labelPass) }
            return (growth, read)
        }()
        let tree = try growth.grow()
        let model = try DecisionTreeClassificationModel(
            schema: growth.schema, hyperparameters: self, tree: tree, summary: growth.summary(of: tree))
        let seconds = (clock.now - start).seconds
        return FitResult(
            model: model,
            report: FitReport(
                read: read, inMemory: growth.inMemory,
                solveSeconds: max(0, seconds - read.seconds - growth.inMemory.seconds)))
    }
}

extension DecisionTreeClassifier: Estimator {
    public typealias Model = DecisionTreeClassificationModel
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
