import MLNumerics

/// A chunk's per-cluster totals for its current assignment, kept across Lloyd passes so that
/// a lazy pass reads only the rows its bounds cannot keep and updates the totals for the rows
/// that change cluster.
///
/// Besides the counts, weights `Wⱼ` and sums `Sⱼ` of ``ClusterSums`` it keeps
/// `Qⱼ = Σ_{aᵢ=j} wᵢ‖xᵢ‖²` and the number of rows of positive weight per cluster. The cost of
/// the assignment to centers `cⱼ` then follows without reading a row:
///
///     Σᵢ wᵢ‖xᵢ − c_{aᵢ}‖² = Σⱼ (Qⱼ − 2cⱼ·Sⱼ + Wⱼ‖cⱼ‖²),
///
/// which cancels where the rows lie far from their centers' scale: a lazy pass's cost is
/// accurate to about `ε·Σⱼ(Qⱼ + Wⱼ‖cⱼ‖²)` (the rows are centred first, which keeps that
/// small), while the final pass of a fit takes the cost from exact differences.
///
/// Sums updated by differences drift by a few roundings per change: centers after lazy
/// passes agree with those of full passes to round-off, not to the bit.
struct ClusterTotals: Sendable {
    private(set) var sums: ClusterSums
    private(set) var squaredNorms: [Double]
    private(set) var positiveRows: [Int]

    /// The totals of a pass that read every row (`sums` without its farthest rows).
    init(sums: ClusterSums, squaredNorms: [Double], positiveRows: [Int]) {
        self.sums = sums
        self.squaredNorms = squaredNorms
        self.positiveRows = positiveRows
    }

    /// Row `x` (squared norm `squaredNorm`, weight `w`) leaves cluster `from` for `to`.
    @inline(__always)
    mutating func move(_ x: UnsafePointer<Double>, squaredNorm: Double, weight w: Double, from: Int, to: Int) {
        sums.move(x, weight: w, from: from, to: to)
        guard w > 0 else { return }
        squaredNorms[from] -= w * squaredNorm
        squaredNorms[to] += w * squaredNorm
        positiveRows[from] -= 1
        positiveRows[to] += 1
    }

    /// The chunk's statistics for a lazy pass with `centers`: the totals, a cluster without
    /// rows of positive weight exactly empty (differences leave round-off behind), and the
    /// cost from the moments, each cluster's term at least 0.
    func statistics(centers: CenterSet, costFactor: Double, distanceRows: Int) -> ClusterSums {
        var result = sums
        let p = sums.shape.featureCount
        var cost = 0.0
        for j in 0..<sums.shape.k {
            guard positiveRows[j] > 0 else {
                result.weights[j] = 0
                for t in 0..<p { result.sums[j * p + t] = 0 }
                continue
            }
            var dot = 0.0
            for t in 0..<p { dot += centers.centers[j, t] * sums.sums[j * p + t] }
            cost += max(0, squaredNorms[j] - 2 * dot + sums.weights[j] * centers.squaredNorms[j])
        }
        result.cost = costFactor * cost
        result.distanceRows = distanceRows
        return result
    }
}
