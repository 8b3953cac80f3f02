import MLEngine
import MLNumerics

/// The last step of k-means||: weighted k-means++ on the candidates, then Lloyd iterations
/// on them, all in memory (Spark's `LocalKMeans`, with its limit of 30 iterations).
///
/// The draws come from one sequential stream keyed by the seed, so the result depends only
/// on the seed and the candidates with their weights.
enum LocalKMeans {
    static let maxIterations = 30

    /// `k` centers from `m > k` distinct weighted candidates (rows of `candidates`).
    static func reduce(candidates: Matrix, weights: [Double], k: Int, seed: Int, normalize: Bool) -> Matrix {
        let m = candidates.rows, p = candidates.columns
        var random = SeededRandom(
            seed: UInt64(bitPattern: Int64(seed)), purpose: KMeansDraw.localPlusPlus.rawValue, index: 0)
        func distance(_ i: Int, _ center: [Double]) -> Double {
            var s = 0.0
            for t in 0..<p {
                let d = candidates[i, t] - center[t]
                s += d * d
            }
            return s
        }
        func pick(_ mass: [Double]) -> Int? {
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
        var chosen = [pick(weights) ?? 0]
        var centers = [candidates.row(chosen[0])]
        var cost = (0..<m).map { distance($0, centers[0]) }
        while centers.count < k {
            let mass = (0..<m).map { weights[$0] * cost[$0] }
            // Distinct candidates with positive weight leave mass until k are chosen; a
            // candidate of weight 0 is taken in order only if they do not.
            let next = pick(mass) ?? (0..<m).first { !chosen.contains($0) } ?? 0
            chosen.append(next)
            let center = candidates.row(next)
            centers.append(center)
            for i in 0..<m { cost[i] = min(cost[i], distance(i, center)) }
        }
        var assignment = [Int](repeating: -1, count: m)
        for _ in 0..<maxIterations {
            var changed = false
            for i in 0..<m {
                var best = 0, bestD = Double.infinity
                for (j, center) in centers.enumerated() {
                    let d = distance(i, center)
                    if d < bestD {
                        bestD = d
                        best = j
                    }
                }
                if assignment[i] != best {
                    assignment[i] = best
                    changed = true
                }
            }
            guard changed else { break }
            var sums = [[Double]](repeating: [Double](repeating: 0, count: p), count: k)
            var mass = [Double](repeating: 0, count: k)
            for i in 0..<m where weights[i] > 0 {
                let j = assignment[i]
                mass[j] += weights[i]
                for t in 0..<p { sums[j][t] += weights[i] * candidates[i, t] }
            }
            for j in 0..<k where mass[j] > 0 {
                var center = sums[j].map { $0 / mass[j] }
                if normalize {
                    let norm = center.reduce(0) { $0 + $1 * $1 }.squareRoot()
                    guard norm > 0 else { continue }
                    center = center.map { $0 / norm }
                }
                centers[j] = center
            }
        }
        return (try? Matrix(centers)) ?? Matrix(rows: 0, columns: p)
    }
}
