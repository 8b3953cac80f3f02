import Foundation
import MLData
import MLEngine
import MLNumerics
import Testing

@testable import MLModels

/// The block kernels of k-means beside naive row-by-row implementations, and the statistics'
/// byte forms.
@Suite struct KMeansKernelTests {
    static func find(_ x: Matrix, _ centers: Matrix) -> [Nearest] { findCountingBlocks(x, centers).nearest }

    /// The nearest centers, and how many blocks were decided in single and in double precision.
    static func findCountingBlocks(_ x: Matrix, _ centers: Matrix) -> (nearest: [Nearest], single: Int, double: Int) {
        let p = x.columns
        let norms = (0..<x.rows).map { i in (0..<p).reduce(0.0) { $0 + x[i, $1] * x[i, $1] } }
        var result: [Nearest] = []
        var scratch = NearestCenters.Scratch()
        x.withUnsafeBufferPointer { b in
            norms.withUnsafeBufferPointer { nb in
                guard let base = b.baseAddress, let normBase = nb.baseAddress else { return }
                NearestCenters.find(base, rows: x.rows, norms: normBase, centers: CenterSet(centers), scratch: &scratch) {
                    _, nearest in result.append(nearest)
                }
            }
        }
        return (result, scratch.singleBlocks, scratch.doubleBlocks)
    }

    /// Every row's nearest center and exact distance as the naive scan gives them.
    static func expectNaive(_ found: [Nearest], _ x: Matrix, _ centers: Matrix, _ label: String) {
        for i in 0..<x.rows {
            let naive = NearestCenters.naive(x.row(i), centers: centers)
            #expect(found[i].index == naive.index, "\(label), row \(i)")
            #expect(found[i].squaredDistance.bitPattern == naive.squaredDistance.bitPattern, "\(label), row \(i)")
        }
    }

    /// The single-precision screening and its ways back to double precision, each against
    /// the naive scan: well-separated rows are decided in single; rows whose two nearest
    /// centers differ by 10⁻⁸ of their squared norms (far below single's error bound, far above
    /// double's) are decided by exact distances inside a screened block when they are few,
    /// and make the block go to double when they are many; coordinates of 10²⁰ (squared norms
    /// beyond single's range) and of 10⁻²⁵ (products below `Float`'s normal range) never
    /// decide in single.
    @Test func singlePrecisionScreeningFallsBackToDoubleWhenInDoubt() throws {
        let p = 6, k = 9
        var centers = Self.random(k, p, scale: 20, offset: 0, seed: 11)
        for t in 0..<p { centers[1, t] = centers[0, t] + 1 }
        // Rows on the bisector of centers 0 and 1 (`c₁ − c₀ = (1, …, 1)`, so `u` with zero sum
        // keeps them there), moved off it by ±10⁻⁷ of `c₁ − c₀`.
        var random = SeededRandom(seed: 12)
        func closeCall() -> [Double] {
            let shift = (random.uniform() < 0.5 ? -1e-7 : 1e-7)
            let u = (0..<p).map { _ in random.uniform() - 0.5 }
            let mean = u.reduce(0, +) / Double(p)
            return (0..<p).map { t in 0.5 * (centers[0, t] + centers[1, t]) + (u[t] - mean) + shift }
        }
        let separated = Self.random(512, p, scale: 20, offset: 0, seed: 13)
        var few = separated, many = separated
        func setRow(_ m: inout Matrix, _ i: Int, _ row: [Double]) { for t in 0..<p { m[i, t] = row[t] } }
        for i in stride(from: 0, to: 512, by: 32) { setRow(&few, i, closeCall()) }
        for i in stride(from: 0, to: 512, by: 4) { setRow(&many, i, closeCall()) }
        var huge = separated, tiny = separated, hugeCenters = centers, tinyCenters = centers
        for i in 0..<512 {
            for t in 0..<p {
                huge[i, t] *= 1e20
                tiny[i, t] *= 1e-25
            }
        }
        for j in 0..<k {
            for t in 0..<p {
                hugeCenters[j, t] *= 1e20
                tinyCenters[j, t] *= 1e-25
            }
        }
        let cases: [(String, Matrix, Matrix, single: Int, double: Int)] = [
            ("separated", separated, centers, 2, 0), ("a few close calls", few, centers, 2, 0),
            ("many close calls", many, centers, 0, 2), ("huge", huge, hugeCenters, 0, 2),
            ("tiny", tiny, tinyCenters, 0, 2),
        ]
        for (label, x, c, single, double) in cases {
            let found = Self.findCountingBlocks(x, c)
            #expect(found.single == single && found.double == double, "\(label): \(found.single) single, \(found.double) double")
            Self.expectNaive(found.nearest, x, c, label)
        }
        let closeRows = stride(from: 0, to: 512, by: 32).map { NearestCenters.naive(few.row($0), centers: centers).index }
        #expect(Set(closeRows) == [0, 1], "the close calls fall on both sides")
    }

    static func random(_ rows: Int, _ columns: Int, scale: Double, offset: Double, seed: UInt64) -> Matrix {
        var random = SeededRandom(seed: seed)
        var m = Matrix(rows: rows, columns: columns)
        for i in 0..<rows {
            for j in 0..<columns { m[i, j] = offset + scale * (random.uniform() - 0.5) }
        }
        return m
    }

    /// GEMM distances with exact close calls against exact distances to every center.
    @Test(arguments: [(0.0, 3), (1e4, 3), (0.0, 40), (1e6, 17), (1e8, 5)])
    func nearestCenterMatchesNaive(offset: Double, p: Int) throws {
        let x = Self.random(700, p, scale: 10, offset: offset, seed: 1)
        let centers = Self.random(23, p, scale: 10, offset: offset, seed: 2)
        let found = Self.find(x, centers)
        for i in 0..<x.rows {
            let naive = NearestCenters.naive(x.row(i), centers: centers)
            #expect(found[i].index == naive.index, "row \(i)")
            #expect(found[i].squaredDistance.bitPattern == naive.squaredDistance.bitPattern, "row \(i)")
            var second = Double.infinity
            for j in 0..<centers.rows where j != naive.index {
                second = min(second, NearestCenters.naive(x.row(i), centers: try Matrix([centers.row(j)])).squaredDistance)
            }
            #expect(found[i].secondLowerBound <= second, "row \(i): the lower bound exceeds the second distance")
        }
    }

    /// Repeated centers, in the same lane of the four-lane scan (2 and 6, 8 and 12) and in
    /// different lanes (3 and 5, 1 and 10): every row goes to the lower index of its pair, and
    /// the second center's bound is at most the (equal) distance to the repeat.
    @Test(arguments: [0.0, 1e6])
    func repeatedCentersGoToTheLowerIndex(offset: Double) throws {
        let x = Self.random(500, 7, scale: 10, offset: offset, seed: 5)
        var centers = Self.random(14, 7, scale: 10, offset: offset, seed: 6)
        for (copy, original) in [(6, 2), (12, 8), (5, 3), (10, 1)] {
            for t in 0..<7 { centers[copy, t] = centers[original, t] }
        }
        let found = Self.find(x, centers)
        for i in 0..<x.rows {
            let naive = NearestCenters.naive(x.row(i), centers: centers)
            #expect(found[i].index == naive.index, "row \(i)")
            #expect(![6, 12, 5, 10].contains(found[i].index), "row \(i)")
            #expect(found[i].squaredDistance.bitPattern == naive.squaredDistance.bitPattern, "row \(i)")
            if [2, 8, 3, 1].contains(naive.index) {
                #expect(found[i].secondLowerBound <= naive.squaredDistance, "row \(i)")
            }
        }
    }

    /// Rows exactly equidistant from two centers `m ± v`, `v = (1, 1, 1)`, at `m + u` with
    /// `u ⟂ v` (dyadic values, so every difference is exact), far from the origin where the
    /// GEMM's products round: always the lower index, as exact distances decide, at every
    /// offset in a GEMM block.
    @Test func exactTiesGoToTheLowerIndexAtAnyOffset() throws {
        let m = [1e8, -2e8, 5e7]
        let centers = try Matrix([[m[0] + 50, m[1] + 50, m[2] + 50], [m[0] + 1, m[1] + 1, m[2] + 1], [m[0] - 1, m[1] - 1, m[2] - 1]])
        var random = SeededRandom(seed: 3)
        for padding in 0..<6 {
            var rows: [[Double]] = (0..<padding).map { _ in [m[0] + 40, m[1] + 45, m[2] + 52] }
            for _ in 0..<300 {
                let r = Double(Int(random.next() % 64)) / 64 - 0.5, s = Double(Int(random.next() % 64)) / 64 - 0.5
                rows.append([m[0] + r, m[1] + s, m[2] - r - s])
            }
            let found = Self.find(try Matrix(rows), centers)
            for r in padding..<rows.count {
                #expect(found[r].index == 1, "padding \(padding), row \(r)")
            }
        }
    }

    /// Merging in any grouping keeps the same farthest rows; the flat form round-trips.
    @Test func clusterSumsMergeAndSerialize() throws {
        let shape = KMeansShape(k: 3, featureCount: 2)
        var parts: [ClusterSums] = []
        var random = SeededRandom(seed: 4)
        for part in 0..<4 {
            var sums = ClusterSums(zeroFor: shape)
            for i in 0..<10 {
                let x = [random.uniform(), random.uniform()]
                // Distances repeat across parts, so ties are broken by the row.
                x.withUnsafeBufferPointer { b in
                    sums.add(
                        b.baseAddress!, weight: Double(1 + i % 2), row: part * 10 + i, cluster: i % 3,
                        squaredDistance: Double(i % 4), costFactor: 1)
                }
            }
            parts.append(sums)
        }
        var left = parts[0]
        for part in parts.dropFirst() { try left.merge(part) }
        var a = parts[0], b = parts[2]
        try a.merge(parts[1])
        try b.merge(parts[3])
        try a.merge(b)
        #expect(left.farthest == a.farthest)
        #expect(left.farthest.distances == [3, 3, 3])
        #expect(left.farthest.rows == [3, 7, 13])
        #expect(left.counts == [16, 12, 12])
        let back = try ClusterSums(serialized: left.serialized(), shape: shape)
        #expect(back.serialized().map(\.bitPattern) == left.serialized().map(\.bitPattern))
        let bytes = try left.transferBytes()
        #expect(try ClusterSums(transferBytes: bytes, shape: shape).farthest == left.farthest)
        var corrupt = left.serialized()
        corrupt[0] = -1
        #expect(throws: InvalidSerializedStatisticsError.self) { try ClusterSums(serialized: corrupt, shape: shape) }
    }

    @Test func sampledRowsKeepTheSmallestKeysAndTransfer() throws {
        let shape = SampledRows.Shape(capacity: 3, featureCount: 1)
        var a = SampledRows(zeroFor: shape), b = SampledRows(zeroFor: shape)
        for (key, row) in [(0.5, 0), (0.2, 1), (0.9, 2), (0.2, 3)] {
            [Double(row)].withUnsafeBufferPointer { a.offer(key: key, row: row, point: $0.baseAddress!) }
        }
        for (key, row) in [(0.1, 10), (0.2, 0)] {
            [Double(row)].withUnsafeBufferPointer { b.offer(key: key, row: row, point: $0.baseAddress!) }
        }
        a.total = 1
        b.total = 2
        a.merge(b)
        #expect(a.keys == [0.1, 0.2, 0.2])
        #expect(a.rows == [10, 0, 1])
        #expect(a.total == 3)
        let back = try SampledRows(transferBytes: a.transferBytes(), shape: shape)
        #expect(back.rows == a.rows && back.keys == a.keys && back.points == a.points && back.total == 3)
        #expect(throws: (any Error).self) { try SampledRows(transferBytes: Array(a.transferBytes().dropLast(3)), shape: shape) }
    }

    /// A k-means|| round that draws more rows than its pass kept takes them all in a second
    /// pass over the costs already held: the same rows as one pass with room for all.
    @Test func kMeansParallelOverflowPassFindsEveryDrawnRow() throws {
        let data = try KMeansFixtures.blobs(n: 1200, p: 3, groups: 5, rowsPerChunk: 100)
        var fit = try KMeansFit(estimator: KMeans(k: 4, seed: 8), data: data, options: ExecutionOptions(threads: 2))
        let first = try fit.drawByWeight(.firstCenter, capacity: 1)
        let center = try Matrix([first.point(0)])
        let all = try fit.costPass(
            adding: center, purpose: .parallelRound, round: 1, key: .threshold(oversampling: 40), capacity: 1 << 20)
        let threshold = 1 / all.total
        let expected = (0..<all.count).filter { all.keys[$0] < threshold }.map { all.rows[$0] }
        #expect(expected.count > 20)
        let again = try fit.rowsBelow(threshold, purpose: .parallelRound, round: 1, oversampling: 40)
        #expect(again.rows == expected)
        // A capacity of 8 keeps the 8 smallest keys of the same draw.
        var small = try KMeansFit(estimator: KMeans(k: 4, seed: 8), data: data, options: ExecutionOptions(threads: 2))
        _ = try small.drawByWeight(.firstCenter, capacity: 1)
        let kept = try small.costPass(
            adding: center, purpose: .parallelRound, round: 1, key: .threshold(oversampling: 40), capacity: 8)
        #expect(kept.rows == Array(all.rows.prefix(8)))
        #expect(abs(kept.total - all.total) <= 1e-12 * all.total)
    }

    /// Spark's weighted silhouette written out pairwise, O(n²).
    static func naiveSilhouette(_ x: Matrix, _ clusters: [Int], _ w: [Double], cosine: Bool) -> Double {
        let n = x.rows
        func d(_ i: Int, _ j: Int) -> Double {
            if cosine {
                var dot = 0.0, ni = 0.0, nj = 0.0
                for t in 0..<x.columns {
                    dot += x[i, t] * x[j, t]
                    ni += x[i, t] * x[i, t]
                    nj += x[j, t] * x[j, t]
                }
                return 1 - dot / (ni * nj).squareRoot()
            }
            var s = 0.0
            for t in 0..<x.columns { s += (x[i, t] - x[j, t]) * (x[i, t] - x[j, t]) }
            return s
        }
        let k = (clusters.max() ?? 0) + 1
        var total = 0.0, weight = 0.0
        for i in 0..<n {
            var sums = [Double](repeating: 0, count: k), weights = [Double](repeating: 0, count: k)
            for j in 0..<n where j != i {
                sums[clusters[j]] += w[j] * d(i, j)
                weights[clusters[j]] += w[j]
            }
            let a = clusters[i]
            var s = 0.0
            if weights[a] > 0 {
                let own = sums[a] / weights[a]
                var other = Double.infinity
                for b in 0..<k where b != a && weights[b] > 0 { other = min(other, sums[b] / weights[b]) }
                s = own < other ? 1 - own / other : (own > other ? other / own - 1 : 0)
            }
            total += w[i] * s
            weight += w[i]
        }
        return total / weight
    }

    @Test(arguments: [false, true])
    func silhouetteMatchesPairwiseDefinition(cosine: Bool) throws {
        let data = try KMeansFixtures.blobs(n: 240, p: 3, groups: 4, rowsPerChunk: 50)
        let x = data.concatenated().features
        let weights = (0..<x.rows).map { Double(1 + $0 % 4) / 2 }
        let weighted = try Dataset(features: x, weights: weights, featureNames: ["x1", "x2", "x3"], rowsPerChunk: 50)
        let model = try KMeans(k: 4, distanceMeasure: cosine ? .cosine : .euclidean, seed: 2).fit(weighted)
        let metrics = try model.evaluate(weighted)
        let clusters = try model.predict(x)
        let naive = Self.naiveSilhouette(x, clusters, weights, cosine: cosine)
        #expect(abs((metrics.silhouette ?? .nan) - naive) <= 1e-12, "\(metrics.silhouette ?? .nan) vs \(naive)")
    }

    /// kmeans_references.txt §8: scikit-learn's adjusted_rand_score.
    @Test(arguments: [
        ([0, 0, 1, 1, 2, 2, 2], [1, 1, 0, 0, 0, 2, 2], 0.475),
        ([0, 0, 0, 1, 1, 1], [0, 1, 2, 0, 1, 2], -0.36363636363636365),
        ([5, 5, 7, 7, 9, 9], [0, 0, 1, 1, 2, 2], 1.0),
        ([0, 1, 2, 3], [0, 0, 0, 0], 0.0),
    ])
    func adjustedRandIndex(truth: [Int], predicted: [Int], expected: Double) throws {
        let k = (predicted.max() ?? 0) + 1
        let shape = ClusteringMetricsStatistics.Shape(k: k, featureCount: 1, cosine: false)
        let x = Matrix(rows: truth.count, columns: 1)
        // Two halves merged, so the contingency tables' union is exercised.
        let half = truth.count / 2
        var first = try ClusteringMetricsStatistics(
            shape: shape, rows: Matrix(rows: half, columns: 1), clusters: Array(predicted[..<half]),
            centers: Matrix(rows: k, columns: 1), weights: [], labels: truth[..<half].map(Double.init))
        let second = try ClusteringMetricsStatistics(
            shape: shape, rows: Matrix(rows: truth.count - half, columns: 1), clusters: Array(predicted[half...]),
            centers: Matrix(rows: k, columns: 1), weights: [], labels: truth[half...].map(Double.init))
        try first.merge(ClusteringMetricsStatistics(transferBytes: second.transferBytes(), shape: shape))
        #expect(x.rows == truth.count)
        #expect(abs(first.adjustedRandIndex - expected) <= 1e-15)
    }
}
