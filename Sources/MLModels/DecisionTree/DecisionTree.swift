import MLNumerics

/// A fitted binary tree: its nodes in the order they were grown (breadth first, the root
/// first, each split's left child before its right), and the routing of rows to leaves.
public struct DecisionTree: Sendable, Hashable {
    public let nodes: [DecisionTreeNode]
    /// Per node, per category of a categorical split's feature, whether it goes left.
    private let categoryMasks: [[Bool]?]

    /// - Parameters:
    ///   - nodes: checked by the caller (``check(featureCount:arities:classCount:)``).
    ///   - arities: per feature, its number of categories, `nil` for a continuous feature.
    init(nodes: [DecisionTreeNode], arities: [Int?]) {
        self.nodes = nodes
        categoryMasks = nodes.map { node in
            guard let split = node.split, let left = split.leftCategories,
                split.feature < arities.count, let arity = arities[split.feature]
            else { return nil }
            var mask = [Bool](repeating: false, count: arity)
            for c in left where c >= 0 && c < arity { mask[c] = true }
            return mask
        }
    }

    public var nodeCount: Int { nodes.count }

    /// The number of edges on the longest path from the root to a leaf (0 for a single leaf).
    public var depth: Int {
        var depths = [Int](repeating: 0, count: nodes.count)
        var deepest = 0
        for (i, node) in nodes.enumerated() {
            deepest = max(deepest, depths[i])
            if let split = node.split {
                depths[split.left] = depths[i] + 1
                depths[split.right] = depths[i] + 1
            }
        }
        return deepest
    }

    /// The index of the leaf a row ends in. `value(j)` is the row's feature `j`.
    ///
    /// A categorical value that is not a code of the feature's levels goes to the child of
    /// larger training weight (left on a tie).
    @inline(__always)
    func leaf(_ value: (Int) -> Double) -> Int {
        var index = 0
        while let split = nodes[index].split {
            let x = value(split.feature)
            let goesLeft: Bool
            if let mask = categoryMasks[index] {
                if let code = Int(exactly: x), code >= 0, code < mask.count {
                    goesLeft = mask[code]
                } else {
                    goesLeft = nodes[split.left].weight >= nodes[split.right].weight
                }
            } else {
                goesLeft = x <= (split.threshold ?? 0)
            }
            index = goesLeft ? split.left : split.right
        }
        return index
    }

    /// The leaf of every row of `features`.
    func leaves(_ features: Matrix) -> [Int] {
        let p = features.columns
        return features.withUnsafeBufferPointer { x in
            (0..<features.rows).map { i in leaf { x[i * p + $0] } }
        }
    }

    /// Spark's feature importances: per feature, the sum over the nodes that split on it of
    /// `gain × weight`, normalized to sum 1 (all 0 for a single leaf).
    func featureImportances(featureCount: Int) -> [Double] {
        var importances = [Double](repeating: 0, count: featureCount)
        for node in nodes {
            guard let split = node.split, split.feature < featureCount else { continue }
            importances[split.feature] += split.gain * node.weight
        }
        let total = importances.reduce(0, +)
        guard total > 0 else { return importances }
        return importances.map { $0 / total }
    }
}
