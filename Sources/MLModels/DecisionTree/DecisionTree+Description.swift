import Foundation
import MLData

extension DecisionTree {
    /// The tree as nested rules, as Spark's `toDebugString` prints them, with feature and
    /// category names: two spaces before the root's rules and one more per level,
    ///
    ///       If (petal length (cm) <= 2.45)
    ///        Predict: setosa
    ///       Else (petal length (cm) > 2.45)
    ///        If (colour in {blue, orange})
    ///        …
    ///        Else (colour not in {blue, orange})
    ///        …
    ///
    /// `prediction` names what a leaf predicts (a class, or the mean).
    func rules(schema: Schema, prediction: (Double) -> String) -> [String] {
        var lines: [String] = []
        func name(_ j: Int) -> String { j < schema.featureNames.count ? schema.featureNames[j] : "feature \(j)" }
        func categories(_ split: DecisionTreeSplit) -> String {
            let levels = split.feature < schema.featureKinds.count ? schema.featureKinds[split.feature].levels ?? [] : []
            let names = (split.leftCategories ?? []).map { levels.indices.contains($0) ? levels[$0] : "\($0)" }
            return "{" + names.joined(separator: ", ") + "}"
        }
        func condition(_ split: DecisionTreeSplit, left: Bool) -> String {
            if let threshold = split.threshold {
                return "\(name(split.feature)) \(left ? "<=" : ">") \(threshold)"
            }
            return "\(name(split.feature)) \(left ? "in" : "not in") \(categories(split))"
        }
        // Depth-first, left before right, without recursion (the depth is at most 30, but
        // an explicit stack keeps the order plain).
        var stack: [(node: Int, indent: Int, text: String?)] = [(0, 2, nil)]
        while let (index, indent, text) = stack.popLast() {
            if let text {
                lines.append(text)
                continue
            }
            let pad = String(repeating: " ", count: indent)
            guard let split = nodes[index].split else {
                lines.append(pad + "Predict: " + prediction(nodes[index].prediction))
                continue
            }
            stack.append((split.right, indent + 1, nil))
            stack.append((0, 0, pad + "Else (" + condition(split, left: false) + ")"))
            stack.append((split.left, indent + 1, nil))
            lines.append(pad + "If (" + condition(split, left: true) + ")")
        }
        return lines
    }

    /// The features and their importances, one line each, aligned.
    static func importanceLines(names: [String], importances: [Double]) -> [String] {
        let width = names.map(\.count).max() ?? 0
        return zip(names, importances).map { name, value in
            "  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + String(format: "%.6g", value)
        }
    }
}
