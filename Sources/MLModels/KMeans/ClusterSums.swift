import MLData
import MLEngine

/// The size of k-means statistics: `k` clusters of `p` features.
public struct KMeansShape: Sendable, Hashable, Codable {
    public var k: Int
    public var featureCount: Int

    public init(k: Int, featureCount: Int) {
        self.k = k
        self.featureCount = featureCount
    }
}

/// What one Lloyd pass gathers per chunk: for every cluster the number of rows assigned, their
/// weight `Wⱼ = Σwᵢ` and weighted sum `Sⱼ = Σwᵢxᵢ`; the cost `Σwᵢ‖xᵢ − c_{aᵢ}‖²` from exact
/// differences; and the `k` rows farthest from their centers, which re-seed empty clusters.
///
/// Merging adds the sums and keeps the `k` farthest of both lists (ties to the lower global
/// row), so it is associative and the farthest rows do not depend on chunking. The flat form
/// has a length fixed by the shape, so the statistics cross MPI ranks as they are.
public struct ClusterSums: SerializablePartialStatistics {
    public typealias Shape = KMeansShape

    public let shape: KMeansShape
    public internal(set) var counts: [Int]
    public internal(set) var weights: [Double]
    /// `k × p`, row-major.
    public internal(set) var sums: [Double]
    public internal(set) var cost: Double
    /// Rows whose distances to every center were computed (the others were proven to stay
    /// by bounds; see ``KMeans/Pruning``).
    public internal(set) var distanceRows: Int
    /// Rows of positive weight farthest from their centers, farthest first.
    public internal(set) var farthest: FarthestRows

    public init(zeroFor shape: KMeansShape) {
        self.shape = shape
        counts = Array(repeating: 0, count: shape.k)
        weights = Array(repeating: 0, count: shape.k)
        sums = Array(repeating: 0, count: shape.k * shape.featureCount)
        cost = 0
        distanceRows = 0
        farthest = FarthestRows(capacity: shape.k, featureCount: shape.featureCount)
    }

    /// Adds row `x` (a pointer to its `p` values) of weight `w`, global index `row`, assigned
    /// to `cluster` at squared distance `squaredDistance`; `costFactor` scales its cost (½ for
    /// the cosine measure, whose cost is `1 − cos = ½‖x̂ − ĉ‖²`).
    @inline(__always)
    mutating func add(
        _ x: UnsafePointer<Double>, weight w: Double, row: Int, cluster: Int, squaredDistance: Double, costFactor: Double
    ) {
        if accumulate(x, weight: w, cluster: cluster, squaredDistance: squaredDistance, costFactor: costFactor) {
            farthest.offer(distance: squaredDistance, row: row, point: x)
        }
    }

    /// ``add(_:weight:row:cluster:squaredDistance:costFactor:)`` without the farthest rows;
    /// whether the row has positive weight (only those can be farthest rows).
    @inline(__always)
    mutating func accumulate(
        _ x: UnsafePointer<Double>, weight w: Double, cluster: Int, squaredDistance: Double, costFactor: Double
    ) -> Bool {
        let p = shape.featureCount
        counts[cluster] += 1
        guard w > 0 else { return false }
        weights[cluster] += w
        sums.withUnsafeMutableBufferPointer { buffer in
            guard let s = buffer.baseAddress.map({ $0 + cluster * p }) else { return }
            // Two lanes at a time: the compiler does not vectorize the loop itself (the
            // pointers may overlap), and each element gets the same `s + w·x` either way.
            let weight = SIMD2<Double>(repeating: w)
            var t = 0
            while t + 2 <= p {
                let sum = UnsafeRawPointer(s + t).loadUnaligned(as: SIMD2<Double>.self)
                let value = UnsafeRawPointer(x + t).loadUnaligned(as: SIMD2<Double>.self)
                UnsafeMutableRawPointer(s + t).storeBytes(of: sum + weight * value, as: SIMD2<Double>.self)
                t += 2
            }
            if t < p { s[t] += w * x[t] }
        }
        cost += costFactor * w * squaredDistance
        return true
    }

    /// Moves row `x` of weight `w` from cluster `from` to cluster `to`: the change a lazy
    /// Lloyd pass makes for a row that changed cluster.
    @inline(__always)
    mutating func move(_ x: UnsafePointer<Double>, weight w: Double, from: Int, to: Int) {
        let p = shape.featureCount
        counts[from] -= 1
        counts[to] += 1
        guard w > 0 else { return }
        weights[from] -= w
        weights[to] += w
        sums.withUnsafeMutableBufferPointer { buffer in
            guard let s = buffer.baseAddress else { return }
            let old = s + from * p, new = s + to * p
            for t in 0..<p {
                old[t] -= w * x[t]
                new[t] += w * x[t]
            }
        }
    }

    public mutating func merge(_ other: ClusterSums) throws {
        for j in counts.indices {
            counts[j] += other.counts[j]
            weights[j] += other.weights[j]
        }
        for t in sums.indices { sums[t] += other.sums[t] }
        cost += other.cost
        distanceRows += other.distanceRows
        farthest.merge(other.farthest)
    }

    /// Counts, weights, sums, the cost, the distance rows, then the farthest rows (see ``FarthestRows``).
    public func serialized() -> [Double] {
        counts.map(Double.init) + weights + sums + [cost, Double(distanceRows)] + farthest.serialized()
    }

    public init(serialized values: [Double], shape: KMeansShape) throws {
        let check = SerializedStatisticsValidator(type: "ClusterSums")
        guard shape.k >= 1, shape.featureCount >= 0, shape.k < 1 << 24, shape.featureCount < 1 << 24 else {
            throw check.invalid("the shape has \(shape.k) clusters of \(shape.featureCount) features")
        }
        let k = shape.k, p = shape.featureCount
        let head = 2 * k + k * p + 2
        let expected = head + FarthestRows.serializedCount(capacity: k, featureCount: p)
        guard values.count == expected else {
            throw SerializedStatisticsError(type: "ClusterSums", expected: expected, found: values.count)
        }
        self.shape = shape
        counts = try (0..<k).map { try check.count(values[$0], "count \($0)") }
        weights = try (0..<k).map { try check.nonNegative(values[k + $0], "weight \($0)") }
        sums = Array(values[(2 * k)..<(2 * k + k * p)])
        cost = try check.nonNegative(values[head - 2], "cost")
        distanceRows = try check.count(values[head - 1], "distance rows")
        farthest = try FarthestRows(serialized: values[head...], capacity: k, featureCount: p, check: check)
    }
}
