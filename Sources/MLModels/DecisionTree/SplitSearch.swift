/// Finds the best split of an open node from its merged histograms.
///
/// Every candidate — a threshold of a continuous feature, a set of categories of a
/// categorical one (see `SplitSearch+Categorical.swift`) — divides the node's rows into a
/// left and a right child. A candidate is valid when both children have at least
/// `minInstancesPerNode` rows and `minWeightFractionPerNode·W_total` weight, and positive
/// weight. Its gain is the ``TreeImpurity`` information gain. The best valid candidate wins;
/// gains within a relative ``tieTolerance`` of the best so far are ties, kept by the earlier
/// candidate: features in index order, thresholds in increasing order. The node splits when
/// the best gain is > 0 and ≥ `minInfoGain` (Spark's rule).
///
/// Sums over bins are formed from both ends (prefix sums for the left child, suffix sums
/// for the right), never as the node's total minus the other side.
struct SplitSearch: Sendable {
    let layout: BinLayout
    /// `K`, or 0 for a regression tree.
    let classCount: Int
    let impurity: TreeImpurity
    let minInstancesPerNode: Double
    /// `minWeightFractionPerNode · W_total`.
    let minWeight: Double
    let minInfoGain: Double
    let maxBins: Int

    /// Relative difference of gains below which they are ties.
    static let tieTolerance = 1e-12

    /// The numbers per bin.
    var statsPerBin: Int { classCount > 0 ? classCount + 1 : 4 }

    /// One candidate and the statistics of its children.
    struct Candidate: Sendable {
        var feature: Int
        /// Per bin of the feature, whether its rows go left.
        var goesLeft: [Bool]
        /// The threshold (continuous features): left is `x ≤ threshold`.
        var threshold: Double?
        var gain: Double
        var left: NodeStatistics
        var right: NodeStatistics
    }

    /// The information gain of splitting `parent` into `left` and `right`, or `nil` when the
    /// split breaks a minimum.
    func gain(parentImpurity: Double, left: NodeStatistics, right: NodeStatistics) -> Double? {
        let wl = left.weight, wr = right.weight
        guard left.count >= minInstancesPerNode, right.count >= minInstancesPerNode,
            wl > 0, wr > 0, wl >= minWeight, wr >= minWeight
        else { return nil }
        let w = wl + wr
        if classCount == 0 {
            let difference = left.sums[2] / wl - right.sums[2] / wr
            return wl / w * (wr / w) * difference * difference
        }
        return parentImpurity - wl / w * left.impurity(impurity) - wr / w * right.impurity(impurity)
    }

    /// Whether `gain` beats `best` by more than the tie tolerance.
    static func isBetter(_ gain: Double, than best: Double?) -> Bool {
        guard let best else { return true }
        return gain > best + tieTolerance * abs(best)
    }

    /// The best split of a node whose histograms start at `offset` in `histogram`, or `nil`
    /// when no valid candidate gains > 0 and ≥ `minInfoGain`.
    func best(histogram h: UnsafeBufferPointer<Double>, offset: Int, node: NodeStatistics) -> Candidate? {
        let parentImpurity = node.impurity(impurity)
        var best: Candidate?
        let s = statsPerBin
        for (j, bins) in layout.features.enumerated() {
            let start = offset + (1 + layout.offsets[j]) * s
            let perBin = (0..<bins.binCount).map { b -> NodeStatistics in
                var statistics = NodeStatistics.zero(classCount: classCount, shift: node.shift)
                statistics.add(h, at: start + b * s)
                return statistics
            }
            let found: Candidate?
            switch bins {
            case .continuous(let thresholds):
                found = bestThreshold(perBin, thresholds: thresholds, feature: j, parentImpurity: parentImpurity, node: node)
            case .categorical:
                found = bestCategories(perBin, feature: j, parentImpurity: parentImpurity, node: node)
            }
            if let found, Self.isBetter(found.gain, than: best?.gain) { best = found }
        }
        guard let best, best.gain > 0, best.gain >= minInfoGain else { return nil }
        return best
    }

    /// The best threshold of a continuous feature: left is bins `0...s`.
    func bestThreshold(
        _ perBin: [NodeStatistics], thresholds: [Double], feature: Int, parentImpurity: Double, node: NodeStatistics
    ) -> Candidate? {
        let count = perBin.count
        guard count > 1 else { return nil }
        var suffix = [NodeStatistics](repeating: .zero(classCount: classCount, shift: node.shift), count: count + 1)
        for b in stride(from: count - 1, through: 0, by: -1) {
            suffix[b] = suffix[b + 1]
            suffix[b].add(perBin[b])
        }
        var left = NodeStatistics.zero(classCount: classCount, shift: node.shift)
        var best: (split: Int, gain: Double, left: NodeStatistics)?
        for split in 0..<(count - 1) {
            left.add(perBin[split])
            // An empty bin leaves the children as they were: the same candidate, already seen.
            guard perBin[split].count > 0 else { continue }
            guard let gain = gain(parentImpurity: parentImpurity, left: left, right: suffix[split + 1]) else { continue }
            if Self.isBetter(gain, than: best?.gain) { best = (split, gain, left) }
        }
        guard let best else { return nil }
        return Candidate(
            feature: feature, goesLeft: (0..<count).map { $0 <= best.split }, threshold: thresholds[best.split],
            gain: best.gain, left: best.left, right: suffix[best.split + 1])
    }
}
