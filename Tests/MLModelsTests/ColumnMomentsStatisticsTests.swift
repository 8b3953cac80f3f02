import MLData
import MLEngine
import MLNumerics
import Testing

@testable import MLModels

/// The column moments a logistic fit starts from, against the two-pass definition summed row
/// by row: over several cache windows, with rows of weight 0 inside and across the groups of
/// four rows the kernel takes together.
@Suite struct ColumnMomentsStatisticsTests {
    @Test(arguments: [false, true])
    func matchRowByRowDefinition(weighted: Bool) throws {
        let p = 300, n = 2 * ChunkPlan.cacheWindowRows(columns: p) + 37
        var random = SeededRandom(seed: 21)
        var x = Matrix(rows: n, columns: p)
        for i in 0..<n {
            for j in 0..<p { x[i, j] = 1000 + Double(j) + 3 * (random.uniform() - 0.5) }
        }
        let labels = (0..<n).map { _ in random.uniform() }
        // Zero weights on rows 0, 5, 6 (inside a group of four), 13 and every 17th row; the
        // values of those rows are the extremes, which the ranges must not see.
        var weights: [Double] = []
        if weighted {
            weights = (0..<n).map { i in [0, 5, 6, 13].contains(i) || i % 17 == 0 ? 0 : 0.5 + random.uniform() }
            for i in 0..<n where weights[i] == 0 {
                for j in 0..<p { x[i, j] = i % 2 == 0 ? -1e6 : 1e6 }
            }
        }
        let statistics = try ColumnMomentsStatistics(chunk: DataChunk(features: x, labels: labels, weights: weights))
        func w(_ i: Int) -> Double { weights.isEmpty ? 1 : weights[i] }
        let weightSum = (0..<n).reduce(0.0) { $0 + w($1) }
        #expect(abs(statistics.moments.weightSum - weightSum) <= 1e-12 * weightSum)
        #expect(statistics.moments.rowCount == n)
        #expect(statistics.moments.positiveWeightRowCount == (0..<n).filter { w($0) > 0 }.count)
        for j in 0...p {
            func value(_ i: Int) -> Double { j < p ? x[i, j] : labels[i] }
            let mean = (0..<n).reduce(0.0) { $0 + w($1) * value($1) } / weightSum
            let second = (0..<n).reduce(0.0) { $0 + w($1) * (value($1) - mean) * (value($1) - mean) }
            #expect(abs(statistics.moments.mean[j] - mean) <= 1e-13 * abs(mean), "mean \(j)")
            #expect(abs(statistics.secondMoments[j] - second) <= 1e-10 * second, "second moment \(j)")
            guard j < p else { continue }
            let kept = (0..<n).filter { w($0) > 0 }.map(value)
            #expect(statistics.moments.minimum[j] == kept.min(), "minimum \(j)")
            #expect(statistics.moments.maximum[j] == kept.max(), "maximum \(j)")
        }
    }
}
