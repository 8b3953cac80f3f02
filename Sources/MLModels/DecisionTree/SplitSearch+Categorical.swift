import Foundation

extension SplitSearch {
    /// The largest arity whose subsets a multiclass tree searches exhaustively: Spark's
    /// `⌊log₂(maxBins/2 + 1)⌋ + 1`, so that the `2^(arity−1) − 1` subsets number at most
    /// about `maxBins/2`.
    static func maxUnorderedArity(maxBins: Int) -> Int {
        Int(log2(Double(maxBins) / 2 + 1).rounded(.down)) + 1
    }

    /// The best set of categories to send left, among the categories present at the node
    /// (positive weight):
    ///
    /// - two classes or a regression: the categories ordered by the proportion of the second
    ///   class or by the mean label (ties by code), and every prefix of that order tried — the
    ///   optimal binary partition for these cases (Breiman et al., 1984, §9.4);
    /// - more classes, arity ≤ ``maxUnorderedArity(maxBins:)``: every subset (the last present
    ///   category always right), Spark's unordered search;
    /// - more classes, higher arity: the categories ordered by their own impurity and every
    ///   prefix tried (Spark's heuristic; not guaranteed optimal).
    ///
    /// Categories without weight at the node, and codes the model never saw, go to the child
    /// with the larger weight (left on a tie); the model files record the left set in full.
    func bestCategories(
        _ perBin: [NodeStatistics], feature: Int, parentImpurity: Double, node: NodeStatistics
    ) -> Candidate? {
        let present = perBin.indices.filter { perBin[$0].weight > 0 }
        guard present.count > 1 else { return nil }
        let exhaustive = classCount > 2 && perBin.count <= Self.maxUnorderedArity(maxBins: maxBins)
        var best: (left: [Int], gain: Double, leftStatistics: NodeStatistics, rightStatistics: NodeStatistics)?
        func consider(_ leftSet: [Int], _ rightSet: [Int]) {
            var left = NodeStatistics.zero(classCount: classCount, shift: node.shift)
            var right = left
            for c in leftSet { left.add(perBin[c]) }
            for c in rightSet { right.add(perBin[c]) }
            guard let gain = gain(parentImpurity: parentImpurity, left: left, right: right) else { return }
            if Self.isBetter(gain, than: best?.gain) { best = (leftSet, gain, left, right) }
        }
        if exhaustive {
            let n = present.count
            for mask in 1..<(1 << (n - 1)) {
                let left = (0..<n).filter { mask & (1 << $0) != 0 }.map { present[$0] }
                let right = (0..<n).filter { mask & (1 << $0) == 0 }.map { present[$0] }
                consider(left, right)
            }
        } else {
            let centroid: (Int) -> Double = { c in
                let statistics = perBin[c]
                if classCount == 0 { return statistics.sums[2] / statistics.sums[1] }
                if classCount == 2 { return statistics.sums[1] / statistics.weight }
                return statistics.impurity(impurity)
            }
            let order = present.sorted { (centroid($0), $0) < (centroid($1), $1) }
            for cut in 1..<order.count {
                consider(Array(order[..<cut]), Array(order[cut...]))
            }
        }
        guard let best else { return nil }
        var goesLeft = [Bool](repeating: false, count: perBin.count)
        for c in best.left { goesLeft[c] = true }
        let absentGoLeft = best.leftStatistics.weight >= best.rightStatistics.weight
        for c in perBin.indices where perBin[c].weight <= 0 { goesLeft[c] = absentGoLeft }
        // The children's statistics include the absent categories' rows of zero weight.
        var left = NodeStatistics.zero(classCount: classCount, shift: node.shift)
        var right = left
        for c in perBin.indices {
            if goesLeft[c] { left.add(perBin[c]) } else { right.add(perBin[c]) }
        }
        return Candidate(feature: feature, goesLeft: goesLeft, threshold: nil, gain: best.gain, left: left, right: right)
    }
}
