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
        left.sums.withUnsafeBufferPointer { l in
            right.sums.withUnsafeBufferPointer { r in
                guard let l = l.baseAddress, let r = r.baseAddress else { return nil }
                return gain(parentImpurity: parentImpurity, left: l, right: r)
            }
        }
    }

    /// ``gain(parentImpurity:left:right:)`` on the `s` numbers of each side in place.
    @inline(__always)
    func gain(parentImpurity: Double, left l: UnsafePointer<Double>, right r: UnsafePointer<Double>) -> Double? {
        let k = classCount
        var wl = 0.0, wr = 0.0
        if k > 0 {
            for c in 0..<k {
                wl += l[c]
                wr += r[c]
            }
        } else {
            wl = l[1]
            wr = r[1]
        }
        let countIndex = k > 0 ? k : 0
        guard l[countIndex] >= minInstancesPerNode, r[countIndex] >= minInstancesPerNode,
            wl > 0, wr > 0, wl >= minWeight, wr >= minWeight
        else { return nil }
        let w = wl + wr
        if k == 0 {
            let difference = l[2] / wl - r[2] / wr
            return wl / w * (wr / w) * difference * difference
        }
        return parentImpurity - wl / w * TreeImpurity.classImpurity(impurity, l, count: k, total: wl)
            - wr / w * TreeImpurity.classImpurity(impurity, r, count: k, total: wr)
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
            let found: Candidate?
            switch bins {
            case .continuous(let thresholds):
                found = bestThreshold(
                    h, start: start, thresholds: thresholds, feature: j, parentImpurity: parentImpurity, node: node)
            case .categorical:
                let perBin = (0..<bins.binCount).map { b -> NodeStatistics in
                    var statistics = NodeStatistics.zero(classCount: classCount, shift: node.shift)
                    statistics.add(h, at: start + b * s)
                    return statistics
                }
                found = bestCategories(perBin, feature: j, parentImpurity: parentImpurity, node: node)
            }
            if let found, Self.isBetter(found.gain, than: best?.gain) { best = found }
        }
        guard let best, best.gain > 0, best.gain >= minInfoGain else { return nil }
        return best
    }

    /// The best threshold of a continuous feature whose `thresholds.count + 1` bins start at
    /// `start` in `h`: left is bins `0...t` for threshold `t`. Prefix sums (the left child)
    /// and suffix sums (the right child) in two scratch arrays, no allocation per candidate.
    func bestThreshold(
        _ h: UnsafeBufferPointer<Double>, start: Int, thresholds: [Double], feature: Int, parentImpurity: Double,
        node: NodeStatistics
    ) -> Candidate? {
        let count = thresholds.count + 1
        guard count > 1 else { return nil }
        let s = statsPerBin
        let countIndex = classCount > 0 ? classCount : 0
        // suffix[b·s ..< (b+1)·s]: the sums of bins b..<count; prefix likewise of bins 0...b.
        var suffix = [Double](repeating: 0, count: (count + 1) * s)
        var prefix = [Double](repeating: 0, count: count * s)
        var best: (split: Int, gain: Double)?
        suffix.withUnsafeMutableBufferPointer { after in
            prefix.withUnsafeMutableBufferPointer { before in
                for b in stride(from: count - 1, through: 0, by: -1) {
                    for i in 0..<s { after[b * s + i] = after[(b + 1) * s + i] + h[start + b * s + i] }
                }
                for b in 0..<count {
                    for i in 0..<s { before[b * s + i] = (b > 0 ? before[(b - 1) * s + i] : 0) + h[start + b * s + i] }
                }
                guard let left = UnsafePointer(before.baseAddress), let right = UnsafePointer(after.baseAddress) else { return }
                for split in 0..<(count - 1) {
                    // An empty bin leaves the children as they were: the same candidate, already seen.
                    guard h[start + split * s + countIndex] > 0 else { continue }
                    guard let gain = gain(parentImpurity: parentImpurity, left: left + split * s, right: right + (split + 1) * s)
                    else { continue }
                    if Self.isBetter(gain, than: best?.gain) { best = (split, gain) }
                }
            }
        }
        guard let best else { return nil }
        let left = NodeStatistics(
            classCount: classCount, sums: Array(prefix[(best.split * s)..<((best.split + 1) * s)]), shift: node.shift)
        let right = NodeStatistics(
            classCount: classCount, sums: Array(suffix[((best.split + 1) * s)..<((best.split + 2) * s)]), shift: node.shift)
        return Candidate(
            feature: feature, goesLeft: (0..<count).map { $0 <= best.split }, threshold: thresholds[best.split],
            gain: best.gain, left: left, right: right)
    }
}
