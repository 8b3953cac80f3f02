/// One node of a fitted decision tree, as the model file holds it (see docs/model-format.md):
/// what the node predicts, the statistics of its training rows, and, for an internal node,
/// its split.
public struct DecisionTreeNode: Sendable, Hashable, Codable {
    /// The class code of largest training weight (the first of equals) for a classifier, the
    /// weighted mean label for a regressor.
    public var prediction: Double
    /// The node's impurity (``TreeImpurity``) on its training rows.
    public var impurity: Double
    /// Training rows of positive weight.
    public var count: Int
    /// Their weight `Σw`.
    public var weight: Double
    /// The training weight of each class, in class order (classifier only).
    public var classWeights: [Double]?
    /// `nil` for a leaf.
    public var split: DecisionTreeSplit?

    public init(
        prediction: Double, impurity: Double, count: Int, weight: Double, classWeights: [Double]?,
        split: DecisionTreeSplit?
    ) {
        self.prediction = prediction
        self.impurity = impurity
        self.count = count
        self.weight = weight
        self.classWeights = classWeights
        self.split = split
    }

    public var isLeaf: Bool { split == nil }
}

/// The split of an internal node: a continuous feature's threshold (left: `x ≤ threshold`)
/// or a categorical feature's left categories (left: the code is one of them), the
/// information gain, and the indices of the two children in the tree's node list.
public struct DecisionTreeSplit: Sendable, Hashable, Codable {
    /// The feature's index in the model's features.
    public var feature: Int
    /// Continuous features: rows with `x ≤ threshold` go left (NaN goes right).
    public var threshold: Double?
    /// Categorical features: the codes (indices among the feature's levels) that go left,
    /// increasing. It includes the categories no training row at the node had when the
    /// left child holds at least as much training weight as the right.
    public var leftCategories: [Int]?
    public var gain: Double
    public var left: Int
    public var right: Int

    public init(feature: Int, threshold: Double?, leftCategories: [Int]?, gain: Double, left: Int, right: Int) {
        self.feature = feature
        self.threshold = threshold
        self.leftCategories = leftCategories
        self.gain = gain
        self.left = left
        self.right = right
    }
}
