/// The statistics of the rows of one node (or one side of a candidate split): the `s`
/// numbers of a histogram bin (see ``NodeHistogramStatistics``), and for a regression tree
/// the shift they were gathered with.
struct NodeStatistics: Sendable, Hashable {
    /// `K` for a classification tree, 0 for a regression tree.
    let classCount: Int
    var sums: [Double]
    /// The `m` of `S = Σw(y − m)` and `Q = Σw(y − m)²` (regression).
    let shift: Double

    init(classCount: Int, sums: [Double], shift: Double = 0) {
        self.classCount = classCount
        self.sums = sums
        self.shift = shift
    }

    static func zero(classCount: Int, shift: Double = 0) -> NodeStatistics {
        NodeStatistics(classCount: classCount, sums: [Double](repeating: 0, count: classCount > 0 ? classCount + 1 : 4), shift: shift)
    }

    /// Rows of positive weight.
    var count: Double { classCount > 0 ? sums[classCount] : sums[0] }

    /// `W = Σw`.
    var weight: Double {
        guard classCount > 0 else { return sums[1] }
        var total = 0.0
        for k in 0..<classCount { total += sums[k] }
        return total
    }

    /// The weight of each class (classification).
    var classWeights: [Double] { Array(sums.prefix(classCount)) }

    /// The weighted mean label `m + S/W` (regression).
    var mean: Double { sums[1] > 0 ? shift + sums[2] / sums[1] : shift }

    func impurity(_ kind: TreeImpurity) -> Double {
        if classCount > 0 {
            let total = weight
            return sums.withUnsafeBufferPointer { b in
                guard let base = b.baseAddress else { return 0 }
                return TreeImpurity.classImpurity(kind, base, count: classCount, total: total)
            }
        }
        return TreeImpurity.variance(weight: sums[1], shiftedSum: sums[2], shiftedSquares: sums[3])
    }

    /// The class of largest weight (the first of equals), or the mean.
    var prediction: Double {
        guard classCount > 0 else { return mean }
        var best = 0
        for k in 1..<classCount where sums[k] > sums[best] { best = k }
        return Double(best)
    }

    mutating func add(_ other: NodeStatistics) {
        for i in sums.indices { sums[i] += other.sums[i] }
    }

    mutating func add(_ buffer: UnsafeBufferPointer<Double>, at offset: Int) {
        for i in sums.indices { sums[i] += buffer[offset + i] }
    }
}
