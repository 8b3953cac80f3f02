import Foundation

extension DecisionTreeClassificationModel: CustomStringConvertible {
    /// A header line (depth, nodes, classes, features, rows), the rules as Spark's
    /// `toDebugString` prints them with feature, category and class names, and the feature
    /// importances.
    public var description: String {
        let classes = self.classes
        let rules = tree.rules(schema: schema) { code in
            Int(exactly: code).flatMap { classes.indices.contains($0) ? classes[$0] : nil } ?? "\(code)"
        }
        return DecisionTree.describe(header: header, rules: rules, names: featureNames, importances: featureImportances)
    }

    /// The header line and the feature importances, without the rules.
    public var briefDescription: String {
        DecisionTree.describe(header: header, rules: [], names: featureNames, importances: featureImportances)
    }

    private var header: String {
        "Decision tree classifier of '\(schema.labelName ?? "label")': depth \(depth), \(nodeCount) nodes, "
            + "\(classes.count) classes, \(featureNames.count) features, \(summary.rowCount) rows "
            + "(impurity \(hyperparameters.impurity.rawValue))"
    }
}

extension DecisionTreeRegressionModel: CustomStringConvertible {
    /// A header line (depth, nodes, features, rows), the rules as Spark's `toDebugString`
    /// prints them with feature and category names, and the feature importances.
    public var description: String {
        DecisionTree.describe(
            header: header, rules: tree.rules(schema: schema) { "\($0)" }, names: featureNames,
            importances: featureImportances)
    }

    /// The header line and the feature importances, without the rules.
    public var briefDescription: String {
        DecisionTree.describe(header: header, rules: [], names: featureNames, importances: featureImportances)
    }

    private var header: String {
        "Decision tree regressor of '\(schema.labelName ?? "label")': depth \(depth), \(nodeCount) nodes, "
            + "\(featureNames.count) features, \(summary.rowCount) rows (impurity variance)"
    }
}

extension DecisionTree {
    /// A tree model's description: its header, its rules (none for the brief form) and its
    /// feature importances.
    static func describe(header: String, rules: [String], names: [String], importances: [Double]) -> String {
        ([header] + rules + ["Feature importances:"] + importanceLines(names: names, importances: importances))
            .joined(separator: "\n")
    }
}
