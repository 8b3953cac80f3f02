import MLData
import MLNumerics

/// A fitted classification tree.
///
/// Each row goes from the root to a leaf (``DecisionTree``); the leaf's class weights,
/// normalized, are the row's class probabilities, and its class of largest weight (the first
/// of equals) is the prediction.
public struct DecisionTreeClassificationModel: Sendable, Hashable {
    /// The features (categorical ones with their levels), the label with its classes in code
    /// order, and the weight column.
    public let schema: Schema
    public let hyperparameters: DecisionTreeClassifier
    public let tree: DecisionTree
    public let summary: DecisionTreeSummary

    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when the schema has
    ///   fewer than two classes.
    public init(
        schema: Schema, hyperparameters: DecisionTreeClassifier, tree: DecisionTree, summary: DecisionTreeSummary
    ) throws {
        guard let classes = schema.classes, classes.count >= 2 else {
            throw LinearAlgebraError.dimensionMismatch("a classification tree needs a schema with two or more classes")
        }
        self.schema = schema
        self.hyperparameters = hyperparameters
        self.tree = tree
        self.summary = summary
    }

    /// The classes in code order, as the data spelled them.
    public var classes: [String] { schema.classes ?? [] }
    public var featureNames: [String] { schema.featureNames }
    /// Edges on the longest root-to-leaf path.
    public var depth: Int { tree.depth }
    public var nodeCount: Int { tree.nodeCount }

    /// Spark's importances: per feature, `Σ gain × node weight` over the splits on it,
    /// normalized to sum 1 (all 0 for a single leaf).
    public var featureImportances: [Double] { tree.featureImportances(featureCount: schema.featureCount) }

    private func checkWidth(_ features: Matrix) throws {
        guard features.columns == schema.featureCount else {
            throw LinearAlgebraError.dimensionMismatch(
                "the model has \(schema.featureCount) features; the data have \(features.columns)")
        }
    }

    /// The probability of every class for each row: `n × K`, row-major, each row the class
    /// weights of its leaf divided by their sum.
    public func predictProbabilities(_ features: Matrix) throws -> Matrix {
        try checkWidth(features)
        let k = classes.count
        var p = Matrix(rows: features.rows, columns: k)
        for (i, leaf) in tree.leaves(features).enumerated() {
            let weights = tree.nodes[leaf].classWeights ?? []
            let total = weights.reduce(0, +)
            for c in 0..<min(k, weights.count) { p[i, c] = total > 0 ? weights[c] / total : 1 / Double(k) }
        }
        return p
    }

    /// The predicted class code of each row: its leaf's prediction.
    public func predictCodes(_ features: Matrix) throws -> [Int] {
        try checkWidth(features)
        return tree.leaves(features).map { Int(tree.nodes[$0].prediction) }
    }

    /// The predicted class of each row, spelled as in the training data.
    public func predict(_ features: Matrix) throws -> [String] {
        try predictCodes(features).map { classes[$0] }
    }
}
