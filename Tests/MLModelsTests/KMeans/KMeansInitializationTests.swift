import Foundation
import MLEngine
import MLNumerics
import Testing

@testable import MLModels

/// The reduction of k-means||'s weighted candidates to `k` centers (``LocalKMeans``).
@Suite struct KMeansInitializationTests {
    /// scikit-learn's `n_local_trials = 2 + int(np.log(n_clusters))`, by hand.
    @Test func greedyTrialsFollowScikitLearn() {
        #expect(LocalKMeans.trials(k: 1) == 2)
        #expect(LocalKMeans.trials(k: 5) == 3)  // ln 5 = 1.61
        #expect(LocalKMeans.trials(k: 100) == 6)  // ln 100 = 4.61
        #expect(LocalKMeans.trials(k: 1000) == 8)  // ln 1000 = 6.91
    }

    /// Five reductions while candidates × k ≤ 10⁷, one beyond.
    @Test func restartsWhileTheCandidatesAreFew() {
        #expect(LocalKMeans.restarts(candidates: 401, k: 100) == 5)
        #expect(LocalKMeans.restarts(candidates: 10_000, k: 1000) == 5)
        #expect(LocalKMeans.restarts(candidates: 40_001, k: 10_000) == 1)
    }

    /// Five groups of eight candidates, 1000 apart, with uneven weights (one group holds half
    /// the weight, one a hundredth): for every seed each center is the weighted mean of one
    /// group, as the only local optimum with every group covered.
    @Test func everySeparatedGroupGetsItsWeightedMean() throws {
        let groups = 5, perGroup = 8, p = 3
        var rows: [[Double]] = [], weights: [Double] = []
        var means = [[Double]](repeating: [Double](repeating: 0, count: p), count: groups)
        for g in 0..<groups {
            let groupWeight = g == 0 ? 40.0 : g == 1 ? 0.01 : 1
            var total = 0.0
            for i in 0..<perGroup {
                let row = (0..<p).map { t in 1000 * Double(g) * Double(t + 1) + Double((i * (t + 2)) % 7) }
                let w = groupWeight * Double(1 + i % 3)
                rows.append(row)
                weights.append(w)
                total += w
                for t in 0..<p { means[g][t] += w * row[t] }
            }
            means[g] = means[g].map { $0 / total }
        }
        let candidates = try Matrix(rows)
        for seed in 1...20 {
            let centers = LocalKMeans.reduce(candidates: candidates, weights: weights, k: groups, seed: seed, normalize: false)
            let again = LocalKMeans.reduce(candidates: candidates, weights: weights, k: groups, seed: seed, normalize: false)
            #expect(centers.elements.map(\.bitPattern) == again.elements.map(\.bitPattern), "seed \(seed)")
            var covered = Set<Int>()
            for j in 0..<centers.rows {
                let group = (0..<groups).first { g in (0..<p).allSatisfy { abs(centers[j, $0] - means[g][$0]) <= 1e-9 * 5000 } }
                if let group { covered.insert(group) }
            }
            #expect(covered.count == groups, "seed \(seed): \(centers)")
        }
    }

    /// A candidate set of zero weight but for `k` candidates still gives `k` distinct centers.
    @Test func zeroWeightCandidatesCompleteTheCenters() throws {
        let candidates = try Matrix([[0, 0], [1, 0], [2, 0], [3, 0], [4, 0]])
        let centers = LocalKMeans.reduce(candidates: candidates, weights: [1, 0, 0, 0, 0], k: 3, seed: 2, normalize: false)
        #expect(centers.rows == 3)
        #expect(Set((0..<3).map { centers.row($0) }).count == 3)
    }
}
