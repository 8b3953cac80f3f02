import MLData

extension TreeGrowth {
    /// A node while the tree grows.
    struct GrowingNode {
        var statistics: NodeStatistics
        var split: SplitSearch.Candidate?
        var children: (left: Int, right: Int)?
    }

    /// An open node of the current level: its index among the growing nodes, the shift of its
    /// regression sums (its mean as its parent's pass measured it), and where its histogram
    /// comes from: its `slot` among the nodes the pass builds from the rows, or its parent's
    /// histogram minus that of its sibling (an open index with a slot).
    struct OpenNode {
        var node: Int
        var shift: Double
        var slot = 0
        var derived: (parent: [Double], sibling: Int)?
    }

    /// Grows the tree level by level and returns it.
    ///
    /// The root is open at level 0. Each open node gets its histograms (its totals replace
    /// the statistics its parent's split gave it) and its best split, if any
    /// (``SplitSearch``). A child is opened at the next level unless that level is
    /// `maxDepth`, it is pure (impurity ≤ machine epsilon, Spark's test), or it has fewer
    /// than `2·minInstancesPerNode` rows (no split of it could be valid).
    ///
    /// Histogram subtraction: when both children of a split are open and every sum is a whole
    /// number (classification without weights: class counts and row counts, exact below 2⁵³
    /// in any order), only the child with fewer rows is built from the rows; the other is its
    /// parent's histogram minus its sibling's, the same numbers exactly, so the tree does not
    /// change. The parents' histograms are kept for the next pass, so this is done when a
    /// level's histograms fit in half of `maxMemoryInMB` (the next level then in one pass).
    mutating func grow() throws -> DecisionTree {
        let k = classCount
        let search = SplitSearch(
            layout: layout, classCount: k, impurity: parameters.impurity,
            minInstancesPerNode: Double(parameters.minInstancesPerNode),
            minWeight: parameters.minWeightFractionPerNode * weightSum, minInfoGain: parameters.minInfoGain,
            maxBins: parameters.maxBins)
        var nodes = [GrowingNode(statistics: .zero(classCount: k, shift: rootShift), split: nil, children: nil)]
        var open = [OpenNode(node: 0, shift: rootShift)]
        var built = 1
        var routes: [NodeRoute?]?
        let shape = NodeHistogramStatistics.Shape(
            nodes: 1, totalBins: layout.totalBins, statsPerBin: search.statsPerBin)
        let stride = shape.nodeStride
        let perGroup = nodesPerGroup(shape: shape)
        let exactSums = k > 0 && !blocks.chunks.contains(where: \.isWeighted)
        var depth = 0
        while !open.isEmpty {
            let subtract = exactSums && 2 * open.count <= perGroup
            var nextOpen: [OpenNode] = []
            var nextRoutes = [NodeRoute?](repeating: nil, count: open.count)
            for start in Swift.stride(from: 0, to: built, by: perGroup) {
                let group = start..<min(built, start + perGroup)
                let histogram = try histograms(
                    group: group, shifts: open.filter { group.contains($0.slot) && $0.derived == nil }.map(\.shift),
                    routes: start == 0 ? routes : nil)
                // Derived nodes come only with a level built in one pass, so they are grown with it.
                let last = group.upperBound == built
                for index in open.indices where open[index].derived == nil ? group.contains(open[index].slot) : last {
                    let offset = (open[index].slot - group.lowerBound) * stride
                    let values = open[index].derived.map { derived in
                        Self.difference(derived.parent, histogram.values, at: (open[derived.sibling].slot - group.lowerBound) * stride)
                    } ?? Array(histogram.values[offset..<(offset + stride)])
                    values.withUnsafeBufferPointer { h in
                        var totals = NodeStatistics.zero(classCount: k, shift: open[index].shift)
                        totals.add(h, at: 0)
                        let id = open[index].node
                        nodes[id].statistics = totals
                        guard depth < parameters.maxDepth, totals.impurity(parameters.impurity) > TreeImpurity.pureThreshold,
                            let split = search.best(histogram: h, offset: 0, node: totals)
                        else { return }
                        var children: [Int32] = []
                        for child in [split.left, split.right] {
                            nodes.append(GrowingNode(statistics: child, split: nil, children: nil))
                            if depth + 1 < parameters.maxDepth,
                                child.impurity(parameters.impurity) > TreeImpurity.pureThreshold,
                                child.count >= 2 * Double(parameters.minInstancesPerNode)
                            {
                                nextOpen.append(OpenNode(node: nodes.count - 1, shift: child.mean))
                                children.append(Int32(nextOpen.count - 1))
                            } else {
                                children.append(-1)
                            }
                        }
                        if subtract, children[0] >= 0, children[1] >= 0 {
                            // The larger child (the right one on a tie) from the smaller.
                            let (small, large) = split.left.count <= split.right.count
                                ? (children[0], children[1]) : (children[1], children[0])
                            nextOpen[Int(large)].derived = (Array(h), Int(small))
                        }
                        nodes[id].split = split
                        nodes[id].children = (nodes.count - 2, nodes.count - 1)
                        nextRoutes[open[index].slot] = NodeRoute(
                            feature: split.feature, goesLeft: split.goesLeft, left: children[0], right: children[1])
                    }
                }
            }
            // Slots: the built nodes first, in order, then the derived ones (whose rows the
            // pass skips but the next level routes); routes name slots, not open indices.
            built = nextOpen.filter { $0.derived == nil }.count
            var nextSlot = 0, nextDerived = built
            for index in nextOpen.indices {
                if nextOpen[index].derived == nil {
                    nextOpen[index].slot = nextSlot
                    nextSlot += 1
                } else {
                    nextOpen[index].slot = nextDerived
                    nextDerived += 1
                }
            }
            let slots = nextOpen.map { Int32($0.slot) }
            routes = nextRoutes.map { route in
                route.map { r in
                    var r = r
                    r.left = r.left >= 0 ? slots[Int(r.left)] : -1
                    r.right = r.right >= 0 ? slots[Int(r.right)] : -1
                    return r
                }
            }
            open = nextOpen
            depth += 1
        }
        return tree(from: nodes)
    }

    /// `parent − sibling`, the sibling's histogram at `offset` in `level`: exact when every
    /// sum is a whole number below 2⁵³.
    private static func difference(_ parent: [Double], _ level: [Double], at offset: Int) -> [Double] {
        var result = parent
        for i in result.indices { result[i] -= level[offset + i] }
        return result
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
