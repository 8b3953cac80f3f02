import Foundation
import MLEngine
import MLNumerics

/// The last step of k-means||: the weighted candidates reduced to `k` centers in memory by
/// greedy weighted k-means++ and Lloyd iterations (at most 30, Spark's `LocalKMeans` limit),
/// restarted a few times (``restarts(candidates:k:)``), keeping the centers of lowest
/// weighted cost.
///
/// Spark runs plain k-means++ once here. Its result depends on one unlucky draw as much as
/// on the candidates: two candidates of the same dense cluster taken as centers leave a
/// cluster of the data without one, which Lloyd iterations rarely repair. Both remedies are
/// cheap because the candidates are few (about `2k` per round): greedy k-means++
/// (scikit-learn's `n_local_trials = 2 + ⌊ln k⌋` draws per step, keeping the one that lowers
/// the weighted potential most) makes such draws unlikely, and the restarts, judged by the
/// weighted cost on the candidates (which stand for the data's rows), keep the best of
/// several.
///
/// Restart `r` draws from its own stream keyed by `(seed, purpose, r)`, so the result
/// depends only on the seed and the candidates with their weights.
enum LocalKMeans {
    static let maxIterations = 30
    /// Independent reductions: 5 while `m·k ≤ 10⁷` (k up to about 1500 with ℓ = 2k and two
    /// rounds), one beyond, where a reduction costs as much as Lloyd passes over many rows;
    /// the one of lowest weighted cost is kept (the earliest on a tie).
    static func restarts(candidates m: Int, k: Int) -> Int {
        m * k <= 10_000_000 ? 5 : 1
    }

    /// Draws per greedy k-means++ step (scikit-learn's `n_local_trials`).
    static func trials(k: Int) -> Int { 2 + Int(log(Double(max(1, k)))) }

    /// `k` centers from `m > k` distinct weighted candidates (rows of `candidates`).
    static func reduce(candidates: Matrix, weights: [Double], k: Int, seed: Int, normalize: Bool) -> Matrix {
        let points = CenterSet(candidates)
        var best: (cost: Double, centers: Matrix)?
        for restart in 0..<restarts(candidates: candidates.rows, k: k) {
            var random = SeededRandom(
                seed: UInt64(bitPattern: Int64(seed)), purpose: KMeansDraw.localPlusPlus.rawValue,
                index: UInt64(restart))
            let seeded = plusPlus(points, weights: weights, k: k, random: &random)
            let result = lloyd(points, weights: weights, from: seeded, normalize: normalize)
            if best.map({ result.cost < $0.cost }) ?? true { best = result }
        }
        return best?.centers ?? Matrix(rows: 0, columns: candidates.columns)
    }

    /// Greedy weighted k-means++: a first candidate drawn with probability `∝ w`, then per
    /// step ``trials(k:)`` candidates drawn with probability `∝ w·d²`, the one giving the
    /// lowest `Σ w·min(d², d²_new)` taken (the earliest drawn on a tie).
    static func plusPlus(_ points: CenterSet, weights: [Double], k: Int, random: inout SeededRandom) -> Matrix {
        let m = points.count, p = points.featureCount
        let trials = trials(k: k)
        var chosen: [Int] = []
        var nearest = [Double](repeating: .infinity, count: m)
        points.centers.withUnsafeBufferPointer { buffer in
            guard let x = buffer.baseAddress else { return }
            func distances(to j: Int) -> [Double] {
                (0..<m).map { CenterSet.exactSquaredDistance(x + $0 * p, x + j * p, p) }
            }
            func take(_ j: Int, _ d: [Double]) {
                chosen.append(j)
                for i in 0..<m { nearest[i] = min(nearest[i], d[i]) }
            }
            let first = pick(weights, random: &random) ?? 0
            take(first, distances(to: first))
            while chosen.count < k {
                let mass = (0..<m).map { weights[$0] * nearest[$0] }
                var draws: [Int] = []
                for _ in 0..<trials {
                    if let j = pick(mass, random: &random) { draws.append(j) }
                }
                // Distinct candidates with positive weight leave mass until k are chosen; a
                // candidate of weight 0 is taken in order only if they do not.
                guard !draws.isEmpty else {
                    let next = (0..<m).first { !chosen.contains($0) } ?? 0
                    take(next, distances(to: next))
                    continue
                }
                var best = (index: draws[0], potential: Double.infinity, distances: [Double]())
                for j in draws {
                    let d = distances(to: j)
                    var potential = 0.0
                    for i in 0..<m { potential += weights[i] * min(nearest[i], d[i]) }
                    if potential < best.potential { best = (j, potential, d) }
                }
                take(best.index, best.distances)
            }
        }
        return KMeansFit.matrix(chosen.map { points.centers.row($0) }, columns: p)
    }

    /// One index drawn with probability `∝ mass[i]`; `nil` when there is no mass.
    static func pick(_ mass: [Double], random: inout SeededRandom) -> Int? {
        let total = mass.reduce(0, +)
        guard total > 0 else { return nil }
        let target = random.uniform() * total
        var cumulative = 0.0
        for (i, v) in mass.enumerated() {
            cumulative += v
            if target < cumulative, v > 0 { return i }
        }
        return mass.lastIndex { $0 > 0 }
    }

    /// Weighted Lloyd iterations on the candidates from `start` until no assignment changes
    /// or ``maxIterations`` updates; the final centers and their weighted cost
    /// `Σ wᵢ·‖xᵢ − c_{a(i)}‖²`. An empty cluster keeps its center.
    static func lloyd(
        _ points: CenterSet, weights: [Double], from start: Matrix, normalize: Bool
    ) -> (cost: Double, centers: Matrix) {
        let m = points.count, p = points.featureCount, k = start.rows
        var centers = start
        var assignment = [Int](repeating: -1, count: m)
        var cost = Double.infinity
        var scratch = NearestCenters.Scratch()
        for iteration in 0...maxIterations {
            var changed = false
            cost = 0
            points.centers.withUnsafeBufferPointer { x in
                points.squaredNorms.withUnsafeBufferPointer { norms in
                    guard let base = x.baseAddress, let normBase = norms.baseAddress else { return }
                    NearestCenters.find(base, rows: m, norms: normBase, centers: CenterSet(centers), scratch: &scratch) {
                        i, nearest in
                        cost += weights[i] * nearest.squaredDistance
                        if assignment[i] != nearest.index {
                            assignment[i] = nearest.index
                            changed = true
                        }
                    }
                }
            }
            guard changed, iteration < maxIterations else { break }
            var sums = [Double](repeating: 0, count: k * p)
            var mass = [Double](repeating: 0, count: k)
            for i in 0..<m where weights[i] > 0 {
                let j = assignment[i]
                mass[j] += weights[i]
                for t in 0..<p { sums[j * p + t] += weights[i] * points.centers[i, t] }
            }
            for j in 0..<k where mass[j] > 0 {
                var mean = (0..<p).map { sums[j * p + $0] / mass[j] }
                if normalize {
                    let norm = mean.reduce(0) { $0 + $1 * $1 }.squareRoot()
                    guard norm > 0 else { continue }
                    mean = mean.map { $0 / norm }
                }
                for t in 0..<p { centers[j, t] = mean[t] }
            }
        }
        return (cost, centers)
    }
}
