import Foundation

extension DecisionTreeClassificationModel: CustomStringConvertible {
    /// A header line (depth, nodes, classes, features, rows), the rules as Spark's
    /// `toDebugString` prints them with feature, category and class names, and the feature
    /// importances.
    public var description: String {
        let label = schema.labelName ?? "label"
        var lines = [
            "Decision tree classifier of '\(label)': depth \(depth), \(nodeCount) nodes, \(classes.count) classes, "
                + "\(featureNames.count) features, \(summary.rowCount) rows (impurity \(hyperparameters.impurity.rawValue))"
        ]
        let classes = self.classes
        lines += tree.rules(schema: schema) { code in
            Int(exactly: code).flatMap { classes.indices.contains($0) ? classes[$0] : nil } ?? "\(code)"
        }
        lines.append("Feature importances:")
        lines += DecisionTree.importanceLines(names: featureNames, importances: featureImportances)
        return lines.joined(separator: "\n")
    }
}

extension DecisionTreeRegressionModel: CustomStringConvertible {
    /// A header line (depth, nodes, features, rows), the rules as Spark's `toDebugString`
    /// prints them with feature and category names, and the feature importances.
    public var description: String {
        let label = schema.labelName ?? "label"
        var lines = [
            "Decision tree regressor of '\(label)': depth \(depth), \(nodeCount) nodes, "
                + "\(featureNames.count) features, \(summary.rowCount) rows (impurity variance)"
        ]
        lines += tree.rules(schema: schema) { "\($0)" }
        lines.append("Feature importances:")
        lines += DecisionTree.importanceLines(names: featureNames, importances: featureImportances)
        return lines.joined(separator: "\n")
    }
}
