import MLData

extension TreeGrowth {
    /// A node while the tree grows.
    struct GrowingNode {
        var statistics: NodeStatistics
        var split: SplitSearch.Candidate?
        var children: (left: Int, right: Int)?
    }

    /// An open node of the current level: its index among the growing nodes and the shift
    /// of its regression sums (its mean as its parent's pass measured it).
    struct OpenNode {
        var node: Int
        var shift: Double
    }

    /// Grows the tree level by level and returns it.
    ///
    /// The root is open at level 0. Each open node gets its histograms (its totals replace
    /// the statistics its parent's split gave it) and its best split, if any
    /// (``SplitSearch``). A child is opened at the next level unless that level is
    /// `maxDepth`, it is pure (impurity ≤ machine epsilon, Spark's test), or it has fewer
    /// than `2·minInstancesPerNode` rows (no split of it could be valid).
    mutating func grow() throws -> DecisionTree {
        let k = classCount
        let search = SplitSearch(
            layout: layout, classCount: k, impurity: parameters.impurity,
            minInstancesPerNode: Double(parameters.minInstancesPerNode),
            minWeight: parameters.minWeightFractionPerNode * weightSum, minInfoGain: parameters.minInfoGain,
            maxBins: parameters.maxBins)
        var nodes = [GrowingNode(statistics: .zero(classCount: k, shift: rootShift), split: nil, children: nil)]
        var open = [OpenNode(node: 0, shift: rootShift)]
        var routes: [NodeRoute?]?
        let shape = NodeHistogramStatistics.Shape(
            nodes: 1, totalBins: layout.totalBins, statsPerBin: search.statsPerBin)
        let perGroup = nodesPerGroup(shape: shape)
        var depth = 0
        while !open.isEmpty {
            var nextOpen: [OpenNode] = []
            var nextRoutes = [NodeRoute?](repeating: nil, count: open.count)
            for start in stride(from: 0, to: open.count, by: perGroup) {
                let group = start..<min(open.count, start + perGroup)
                let histogram = try histograms(
                    group: group, shifts: open[group].map { $0.shift }, routes: start == 0 ? routes : nil)
                let stride = shape.nodeStride
                histogram.values.withUnsafeBufferPointer { h in
                    for index in group {
                        let offset = (index - group.lowerBound) * stride
                        var totals = NodeStatistics.zero(classCount: k, shift: open[index].shift)
                        totals.add(h, at: offset)
                        let id = open[index].node
                        nodes[id].statistics = totals
                        guard depth < parameters.maxDepth, totals.impurity(parameters.impurity) > TreeImpurity.pureThreshold,
                            let split = search.best(histogram: h, offset: offset, node: totals)
                        else { continue }
                        var childRoutes: [Int32] = []
                        for child in [split.left, split.right] {
                            nodes.append(GrowingNode(statistics: child, split: nil, children: nil))
                            if depth + 1 < parameters.maxDepth,
                                child.impurity(parameters.impurity) > TreeImpurity.pureThreshold,
                                child.count >= 2 * Double(parameters.minInstancesPerNode)
                            {
                                nextOpen.append(OpenNode(node: nodes.count - 1, shift: child.mean))
                                childRoutes.append(Int32(nextOpen.count - 1))
                            } else {
                                childRoutes.append(-1)
                            }
                        }
                        nodes[id].split = split
                        nodes[id].children = (nodes.count - 2, nodes.count - 1)
                        nextRoutes[index] = NodeRoute(
                            feature: split.feature, goesLeft: split.goesLeft, left: childRoutes[0], right: childRoutes[1])
                    }
                }
            }
            open = nextOpen
            routes = nextRoutes
            depth += 1
        }
        return tree(from: nodes)
    }

    /// The fitted tree from the grown nodes.
    private func tree(from nodes: [GrowingNode]) -> DecisionTree {
        let impurity = parameters.impurity
        let fitted = nodes.map { node -> DecisionTreeNode in
            let statistics = node.statistics
            var split: DecisionTreeSplit?
            if let candidate = node.split, let children = node.children {
                split = DecisionTreeSplit(
                    feature: candidate.feature, threshold: candidate.threshold,
                    leftCategories: candidate.threshold == nil
                        ? candidate.goesLeft.indices.filter { candidate.goesLeft[$0] } : nil,
                    gain: candidate.gain, left: children.left, right: children.right)
            }
            return DecisionTreeNode(
                prediction: statistics.prediction, impurity: statistics.impurity(impurity),
                count: Int(statistics.count), weight: statistics.weight,
                classWeights: classCount > 0 ? statistics.classWeights : nil, split: split)
        }
        return DecisionTree(nodes: fitted, arities: schema.featureKinds.map { $0.levels?.count })
    }

    /// The training summary of a tree this growth produced.
    func summary(of tree: DecisionTree) -> DecisionTreeSummary {
        DecisionTreeSummary(
            rowCount: rows, weightSum: weightSum, sampledRows: sampledRows,
            binCounts: layout.features.map(\.binCount), levelPasses: levelPasses, depth: tree.depth,
            nodeCount: tree.nodeCount, leafCount: tree.nodes.filter(\.isLeaf).count,
            featureImportances: tree.featureImportances(featureCount: schema.featureCount))
    }
}
