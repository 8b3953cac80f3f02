import Foundation
import MLData

/// The `model` section of a decision-tree model file: the nodes in the order they were
/// grown (the root first); each split names its children by their index in `nodes`.
public struct DecisionTreeParameters: Codable, Sendable, Hashable {
    /// The classes in code order (classifier only; the envelope's `classes`, repeated as
    /// Spark's `labels`).
    public var labels: [String]?
    public var nodes: [DecisionTreeNode]
}

extension DecisionTreeClassificationModel {
    /// The `algorithm` value of classification-tree model files, also the `train` subcommand.
    public static let algorithmName = "decision-tree-classifier"

    typealias File = ModelFile<DecisionTreeClassifier, DecisionTreeParameters, DecisionTreeSummary>

    /// The model as a model-file JSON document.
    public func encoded() throws -> Data {
        try ModelFiles.encode(
            File(
                algorithm: Self.algorithmName, schema: schema, hyperparameters: hyperparameters,
                model: DecisionTreeParameters(labels: classes, nodes: tree.nodes), summary: summary))
    }

    /// Reads a model written by ``TrainedModel/save(to:)``.
    public static func load(from path: String) throws -> DecisionTreeClassificationModel {
        try decode(AtomicFile.read(path), path: path)
    }

    /// Reads a model from a model-file JSON document; `path` is used in error messages.
    /// Every value is checked: two or more classes, `labels` equal to `classes`, the nodes
    /// (``DecisionTree``'s checks), the hyperparameters and the summary.
    public static func decode(_ data: Data, path: String) throws -> DecisionTreeClassificationModel {
        let file = try ModelFiles.decode(File.self, from: data, path: path, algorithm: algorithmName)
        let check = ModelFileChecker(path: path)
        let schema = try file.schema(path: path)
        guard let classes = schema.classes else { throw ModelFileError.corrupt(path: path, reason: "missing classes") }
        try check.require(classes.count >= 2, "classes lists \(classes.count) class; a classification tree needs two or more")
        try check.require(file.model.labels == classes, "model.labels differs from classes")
        try check.hyperparameters { () throws(HyperparameterError) in try file.hyperparameters.validate() }
        let tree = try DecisionTreeFile.tree(file.model.nodes, schema: schema, classCount: classes.count, check)
        try file.summary.check(featureCount: schema.featureCount, tree: tree, check)
        return try DecisionTreeClassificationModel(
            schema: schema, hyperparameters: file.hyperparameters, tree: tree, summary: file.summary)
    }
}

extension DecisionTreeRegressionModel {
    /// The `algorithm` value of regression-tree model files, also the `train` subcommand.
    public static let algorithmName = "decision-tree-regressor"

    typealias File = ModelFile<DecisionTreeRegressor, DecisionTreeParameters, DecisionTreeSummary>

    /// The model as a model-file JSON document.
    public func encoded() throws -> Data {
        try ModelFiles.encode(
            File(
                algorithm: Self.algorithmName, schema: schema, hyperparameters: hyperparameters,
                model: DecisionTreeParameters(labels: nil, nodes: tree.nodes), summary: summary))
    }

    /// Reads a model written by ``TrainedModel/save(to:)``.
    public static func load(from path: String) throws -> DecisionTreeRegressionModel {
        try decode(AtomicFile.read(path), path: path)
    }

    /// Reads a model from a model-file JSON document; `path` is used in error messages.
    /// Every value is checked: no classes, the nodes (``DecisionTree``'s checks, without class
    /// weights), the hyperparameters and the summary.
    public static func decode(_ data: Data, path: String) throws -> DecisionTreeRegressionModel {
        let file = try ModelFiles.decode(File.self, from: data, path: path, algorithm: algorithmName)
        let check = ModelFileChecker(path: path)
        let schema = try file.schema(path: path)
        try check.require(schema.classes == nil && file.model.labels == nil, "a regression tree has no classes")
        try check.hyperparameters { () throws(HyperparameterError) in try file.hyperparameters.validate() }
        let tree = try DecisionTreeFile.tree(file.model.nodes, schema: schema, classCount: 0, check)
        try file.summary.check(featureCount: schema.featureCount, tree: tree, check)
        return try DecisionTreeRegressionModel(
            schema: schema, hyperparameters: file.hyperparameters, tree: tree, summary: file.summary)
    }
}

/// What reading either kind of tree file shares.
enum DecisionTreeFile {
    static func tree(
        _ nodes: [DecisionTreeNode], schema: Schema, classCount: Int, _ check: ModelFileChecker
    ) throws(ModelFileError) -> DecisionTree {
        let arities = schema.featureKinds.map { $0.levels?.count }
        try DecisionTree.check(nodes, arities: arities, classCount: classCount, check)
        if classCount == 0 {
            try check.require(nodes.allSatisfy { $0.classWeights == nil }, "a regression tree's nodes have no classWeights")
        }
        return DecisionTree(nodes: nodes, arities: arities)
    }
}
