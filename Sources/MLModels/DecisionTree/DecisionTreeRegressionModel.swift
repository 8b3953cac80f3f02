import MLData
import MLNumerics

/// A fitted regression tree: each row goes from the root to a leaf (``DecisionTree``) and is
/// predicted the weighted mean label of the leaf's training rows.
public struct DecisionTreeRegressionModel: Sendable, Hashable {
    /// The features (categorical ones with their levels), the label and the weight column.
    public let schema: Schema
    public let hyperparameters: DecisionTreeRegressor
    public let tree: DecisionTree
    public let summary: DecisionTreeSummary

    public init(
        schema: Schema, hyperparameters: DecisionTreeRegressor, tree: DecisionTree, summary: DecisionTreeSummary
    ) throws {
        self.schema = schema
        self.hyperparameters = hyperparameters
        self.tree = tree
        self.summary = summary
    }

    public var featureNames: [String] { schema.featureNames }
    /// Edges on the longest root-to-leaf path.
    public var depth: Int { tree.depth }
    public var nodeCount: Int { tree.nodeCount }

    /// Spark's importances: per feature, `Σ gain × node weight` over the splits on it,
    /// normalized to sum 1 (all 0 for a single leaf).
    public var featureImportances: [Double] { tree.featureImportances(featureCount: schema.featureCount) }

    /// The prediction for each row of `features`.
    public func predict(_ features: Matrix) throws -> [Double] {
        guard features.columns == schema.featureCount else {
            throw LinearAlgebraError.dimensionMismatch(
                "the model has \(schema.featureCount) features; the data have \(features.columns)")
        }
        return tree.leaves(features).map { tree.nodes[$0].prediction }
    }
}
