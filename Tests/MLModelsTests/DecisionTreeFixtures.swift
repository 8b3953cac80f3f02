import Foundation
import MLData
import MLEngine
import MLNumerics

@testable import MLModels

/// Generated data for the decision-tree tests, and helpers that compare trees.
enum DecisionTreeFixtures {
    static let colours = ["blue", "green", "orange", "red", "violet", "yellow"]

    /// `n` rows: four continuous features on different scales, a categorical `colour` of six
    /// levels, a 3-class text label that depends on all of them (with noise), weights that are
    /// multiples of 1/4 (so weight sums are exact in any order), and a regression label
    /// around 10⁶ (so the variance sums need their shift).
    struct Rows {
        var x: [[Double]]
        var colour: [String]
        var classes: [String]
        var values: [Double]
        var weights: [Double]
    }

    static func rows(_ n: Int = 3000, seed: UInt64 = 5) -> Rows {
        var random = SeededRandom(seed: seed)
        var rows = Rows(x: [], colour: [], classes: [], values: [], weights: [])
        for _ in 0..<n {
            let x = [random.uniform() * 10, (random.uniform() - 0.5) * 1e-3, random.uniform() * 1e4, random.uniform()]
            let c = Int(random.uniform() * Double(colours.count))
            let effect = [0.0, 1.5, -1.0, 0.5, 2.0, -0.5][c]
            let score = x[0] / 3 - x[1] * 1000 + effect + (x[2] > 6000 ? 1 : 0) + random.uniform()
            rows.x.append(x)
            rows.colour.append(colours[c])
            rows.classes.append(score < 1.5 ? "low" : score < 3 ? "mid" : "high")
            rows.values.append(1e6 + 10 * x[0] + 5 * effect + (x[3] > 0.3 ? 7 : 0) + 2 * random.uniform())
            rows.weights.append(Double(1 + Int(random.uniform() * 8)) / 4)
        }
        return rows
    }

    static func columns(_ rows: Rows, categorical: Bool) -> [FeatureColumn] {
        var columns = (0..<4).map { j in FeatureColumn.numeric("x\(j + 1)", rows.x.map { $0[j] }) }
        if categorical { columns.append(.categorical("colour", rows.colour)) }
        return columns
    }

    static func classification(_ n: Int = 3000, categorical: Bool = true, weighted: Bool = true) throws -> Dataset {
        let r = rows(n)
        return try Dataset(
            columns: columns(r, categorical: categorical), labels: r.classes, weights: weighted ? r.weights : nil,
            labelName: "class", rowsPerChunk: 500)
    }

    static func regression(_ n: Int = 3000, categorical: Bool = true, weighted: Bool = true) throws -> Dataset {
        let r = rows(n)
        return try Dataset(
            columns: columns(r, categorical: categorical), labels: r.values, weights: weighted ? r.weights : nil,
            labelName: "y", rowsPerChunk: 500)
    }

    /// The rows as CSV text (header `x1,x2,x3,x4,colour,class,y,w`).
    static func csv(_ n: Int = 3000) -> String {
        let r = rows(n)
        var text = "x1,x2,x3,x4,colour,class,y,w\n"
        for i in 0..<n {
            text += r.x[i].map { "\($0)" }.joined(separator: ",")
            text += ",\(r.colour[i]),\(r.classes[i]),\(r.values[i]),\(r.weights[i])\n"
        }
        return text
    }

    /// A tree grown directly, with blocks of at least `blockRows` rows.
    static func grow(
        _ data: Dataset, _ parameters: TreeGrowthParameters, classCount: Int, threads: Int = 2, blockRows: Int = 1
    ) throws -> DecisionTree {
        var growth = try TreeGrowth(
            data: data, parameters: parameters, classCount: classCount, options: ExecutionOptions(threads: threads),
            blockRows: blockRows)
        return try growth.grow()
    }

    static func parameters(
        _ impurity: TreeImpurity, maxDepth: Int = 6, maxBins: Int = 32, minInstancesPerNode: Int = 1
    ) -> TreeGrowthParameters {
        TreeGrowthParameters(
            maxDepth: maxDepth, maxBins: maxBins, minInstancesPerNode: minInstancesPerNode, minWeightFractionPerNode: 0,
            minInfoGain: 0, maxMemoryInMB: 256, impurity: impurity, seed: 0)
    }

    /// The shape of a tree: per node, its split's feature, threshold, left categories and
    /// children (statistics left out).
    static func structure(_ tree: DecisionTree) -> [String] {
        tree.nodes.map { node in
            guard let s = node.split else { return "leaf" }
            return "\(s.feature) \(s.threshold.map { "\($0)" } ?? "-") \(s.leftCategories ?? []) \(s.left) \(s.right)"
        }
    }

    /// The largest difference between two trees' node predictions and weights, relative to
    /// the larger value.
    static func largestDifference(_ a: DecisionTree, _ b: DecisionTree) -> Double {
        zip(a.nodes, b.nodes).map { x, y in
            max(abs(x.prediction - y.prediction) / max(1, abs(x.prediction)), abs(x.weight - y.weight) / max(1, x.weight))
        }.max() ?? 0
    }
}
