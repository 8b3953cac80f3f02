import Foundation
import MLData
import MLEngine
import MLNumerics

/// The purposes of k-means's random streams: every draw is keyed by
/// `(seed, purpose, round, global row)`.
enum KMeansDraw: UInt64 {
    case firstCenter = 1
    case parallelRound = 2
    case plusPlusStep = 3
    case randomCenters = 4
    case localPlusPlus = 5
}

extension KMeansFit {
    /// A uniform number in `[0, 1)` for `row` in `round` of a draw.
    @inline(__always)
    static func uniform(seed: Int, _ purpose: KMeansDraw, round: Int, row: Int) -> Double {
        var random = SeededRandom(
            seed: UInt64(bitPattern: Int64(seed)), purpose: purpose.rawValue, step: UInt64(round),
            index: UInt64(row))
        return random.uniform()
    }

    /// A standard exponential variate `−log(1 − u)` for the race keys.
    @inline(__always)
    static func exponential(seed: Int, _ purpose: KMeansDraw, round: Int, row: Int) -> Double {
        -log1p(-uniform(seed: seed, purpose, round: round, row: row))
    }

    /// One row drawn with probability `∝ w` (capacity 1), or `capacity` rows without
    /// replacement: the smallest race keys `E/w`.
    mutating func drawByWeight(_ purpose: KMeansDraw, capacity: Int) throws -> SampledRows {
        let seed = estimator.seed, p = featureCount
        let (sample, report) = try data.pass(
            options: options, shape: SampledRows.Shape(capacity: capacity, featureCount: p)
        ) { chunk, context in
            var sample = SampledRows(zeroFor: SampledRows.Shape(capacity: capacity, featureCount: p))
            let first = context.firstRow ?? 0
            chunk.features.withUnsafeBufferPointer { x in
                guard let base = x.baseAddress else { return }
                for i in 0..<chunk.rowCount {
                    let w = chunk.weight(i)
                    guard w > 0 else { continue }
                    let key = Self.exponential(seed: seed, purpose, round: 0, row: first + i) / w
                    if key < sample.cutoff || sample.count < capacity {
                        sample.offer(key: key, row: first + i, point: base + i * p)
                    }
                }
            }
            return sample
        }
        inMemory.add(report)
        return sample
    }

    /// How the rows of a cost pass are keyed.
    enum CostKey {
        /// k-means||: `t = u/(ℓ·w·d²)`; a row is drawn when `t < 1/φ`.
        case threshold(oversampling: Double)
        /// k-means++: the race key `E/(w·d²)`.
        case race
    }

    /// One pass of k-means|| or k-means++: each row's squared distance to its nearest center
    /// is lowered by the centers added since the last pass (one GEMM against them), the cost
    /// `φ = Σwᵢdᵢ²` summed, and rows keyed for the draw; the `capacity` smallest keys kept.
    mutating func costPass(
        adding newCenters: Matrix, purpose: KMeansDraw, round: Int, key: CostKey, capacity: Int
    ) throws -> SampledRows {
        let seed = estimator.seed, p = featureCount
        let set = CenterSet(newCenters)
        let shape = SampledRows.Shape(capacity: capacity, featureCount: p)
        let (sample, report) = try data.pass(options: options, shape: shape, states: &states) {
            chunk, context, state in
            var sample = SampledRows(zeroFor: shape)
            let n = chunk.rowCount
            let first = context.firstRow ?? 0
            if state.cost.count != n { state.cost = [Double](repeating: .infinity, count: n) }
            var scratch = NearestCenters.Scratch()
            chunk.features.withUnsafeBufferPointer { x in
                guard let base = x.baseAddress else { return }
                state.norms.withUnsafeBufferPointer { norms in
                    guard let normBase = norms.baseAddress else { return }
                    NearestCenters.find(base, rows: n, norms: normBase, centers: set, scratch: &scratch) { i, nearest in
                        if nearest.squaredDistance < state.cost[i] { state.cost[i] = nearest.squaredDistance }
                    }
                }
                for i in 0..<n {
                    let w = chunk.weight(i)
                    let v = w * state.cost[i]
                    guard w > 0, v > 0 else { continue }
                    sample.total += v
                    let draw: Double
                    switch key {
                    case .threshold(let oversampling):
                        draw = Self.uniform(seed: seed, purpose, round: round, row: first + i) / (oversampling * v)
                    case .race:
                        draw = Self.exponential(seed: seed, purpose, round: round, row: first + i) / v
                    }
                    if draw < sample.cutoff { sample.offer(key: draw, row: first + i, point: base + i * p) }
                }
            }
            return sample
        }
        inMemory.add(report)
        return sample
    }

    /// The rows whose k-means|| key is below `threshold`, from the costs already held: the
    /// rare second pass of a round that drew more rows than its first pass kept.
    mutating func rowsBelow(
        _ threshold: Double, purpose: KMeansDraw, round: Int, oversampling: Double
    ) throws -> SampledRows {
        let seed = estimator.seed, p = featureCount
        let shape = SampledRows.Shape(capacity: Int.max, featureCount: p)
        let (sample, report) = try data.pass(options: options, shape: shape, states: &states) {
            chunk, context, state in
            var sample = SampledRows(zeroFor: shape)
            let first = context.firstRow ?? 0
            chunk.features.withUnsafeBufferPointer { x in
                guard let base = x.baseAddress else { return }
                for i in 0..<chunk.rowCount where i < state.cost.count {
                    let v = chunk.weight(i) * state.cost[i]
                    guard v > 0 else { continue }
                    let draw = Self.uniform(seed: seed, purpose, round: round, row: first + i) / (oversampling * v)
                    if draw < threshold { sample.offer(key: draw, row: first + i, point: base + i * p) }
                }
            }
            return sample
        }
        inMemory.add(report)
        return sample
    }

    /// k-means|| (Bahmani, Moseley, Vattani, Kumar and Vassilvitskii, 2012), as Spark runs it:
    /// a first center drawn with probability `∝ w` (Spark draws it uniformly); then
    /// ``KMeans/initSteps`` rounds, each one pass that lowers every row's `d²` with the
    /// previous round's centers and draws each row with probability `min(1, ℓ·w·d²/φ)`,
    /// `ℓ = 2k`; the distinct candidates weighted by the rows nearest to them (one pass) and
    /// reduced to `k` by greedy weighted k-means++ and up to 30 Lloyd iterations on the
    /// candidates, restarted (``LocalKMeans``). Fewer than `k` distinct candidates are completed by k-means++ passes
    /// over the data (Spark returns fewer centers).
    mutating func kMeansParallel() throws -> Matrix {
        let p = featureCount
        let first = try drawByWeight(.firstCenter, capacity: 1)
        guard first.count == 1 else { throw ModelError.noData }
        var candidates: [[Double]] = [first.point(0)]
        var newCenters = Self.matrix(candidates, columns: p)
        let oversampling = 2.0 * Double(k)
        // About ℓ rows are drawn per round; the pass keeps many more, and a rare round that
        // draws more takes a second pass.
        let capacity = 4 * Int(oversampling) + 64
        for round in 1...estimator.initSteps {
            var drawn = try costPass(
                adding: newCenters, purpose: .parallelRound, round: round,
                key: .threshold(oversampling: oversampling), capacity: capacity)
            guard drawn.total > 0 else { break }
            let threshold = 1 / drawn.total
            if drawn.count == capacity, let last = drawn.keys.last, last < threshold {
                drawn = try rowsBelow(threshold, purpose: .parallelRound, round: round, oversampling: oversampling)
            }
            let chosen = (0..<drawn.count).filter { drawn.keys[$0] < threshold }.map { drawn.point($0) }
            candidates += chosen
            newCenters = Self.matrix(chosen, columns: p)
        }
        let distinct = Self.distinct(candidates)
        if distinct.count == k { return Self.matrix(distinct, columns: p) }
        if distinct.count < k {
            return try completeByPlusPlus(Self.matrix(distinct, columns: p), lastAdded: newCenters)
        }
        let matrix = Self.matrix(distinct, columns: p)
        let set = CenterSet(matrix)
        let (weights, report) = try data.pass(options: options, shape: distinct.count, states: &states) {
            chunk, _, state in
            var weights = CandidateWeights(zeroFor: distinct.count)
            var scratch = NearestCenters.Scratch()
            chunk.features.withUnsafeBufferPointer { x in
                state.norms.withUnsafeBufferPointer { norms in
                    guard let base = x.baseAddress, let normBase = norms.baseAddress else { return }
                    NearestCenters.find(base, rows: chunk.rowCount, norms: normBase, centers: set, scratch: &scratch) {
                        i, nearest in weights.weights[nearest.index] += chunk.weight(i)
                    }
                }
            }
            return weights
        }
        inMemory.add(report)
        return LocalKMeans.reduce(
            candidates: matrix, weights: weights.weights, k: k, seed: estimator.seed, normalize: isCosine)
    }

    /// k-means++ (Arthur and Vassilvitskii, 2007): a first center drawn with probability
    /// `∝ w`, then one pass per further center, drawing a row with probability `∝ w·d²`.
    mutating func kMeansPlusPlus() throws -> Matrix {
        let first = try drawByWeight(.firstCenter, capacity: 1)
        guard first.count == 1 else { throw ModelError.noData }
        let centers = Self.matrix([first.point(0)], columns: featureCount)
        return try completeByPlusPlus(centers, lastAdded: centers)
    }

    /// `k` distinct rows drawn with probability `∝ w` without replacement (Spark draws them
    /// uniformly); repeated values are completed by k-means++ passes.
    mutating func randomCenters() throws -> Matrix {
        let drawn = try drawByWeight(.randomCenters, capacity: k)
        let distinct = Self.distinct((0..<drawn.count).map { drawn.point($0) })
        if distinct.count == k { return Self.matrix(distinct, columns: featureCount) }
        let centers = Self.matrix(distinct, columns: featureCount)
        return try completeByPlusPlus(centers, lastAdded: centers)
    }

    /// Adds centers by k-means++ passes until there are `k`. The rows' costs already account
    /// for every center but `lastAdded`.
    ///
    /// - Throws: ``KMeansError/tooFewDistinctPoints(k:found:)`` when every row of positive
    ///   weight lies on a center before `k` are found.
    mutating func completeByPlusPlus(_ start: Matrix, lastAdded: Matrix) throws -> Matrix {
        var rows = (0..<start.rows).map { start.row($0) }
        var added = lastAdded
        while rows.count < k {
            let drawn = try costPass(adding: added, purpose: .plusPlusStep, round: rows.count, key: .race, capacity: 1)
            guard drawn.count == 1 else { throw KMeansError.tooFewDistinctPoints(k: k, found: rows.count) }
            let point = drawn.point(0)
            rows.append(point)
            added = Self.matrix([point], columns: featureCount)
        }
        return Self.matrix(rows, columns: featureCount)
    }

    /// The rows with distinct values, in their first order.
    static func distinct(_ rows: [[Double]]) -> [[Double]] {
        var seen = Set<[UInt64]>()
        return rows.filter { seen.insert($0.map { ($0 == 0 ? 0 : $0).bitPattern }).inserted }
    }
}
