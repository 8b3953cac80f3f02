import MLData
import MLEngine
import MLNumerics

/// Per-column weighted means and centred second moments `Σw(z − z̄)²` of `[X y]`, without
/// the `p × p` cross moments: what an iterative solver needs to scale features, in `O(p)`.
public struct ColumnMomentsStatistics: SerializablePartialStatistics {
    public typealias Shape = Int

    public internal(set) var moments: WeightedMoments
    /// `Σw(zⱼ − z̄ⱼ)²` for the `p` features and the label.
    public internal(set) var secondMoments: [Double]

    public init(zeroFor featureCount: Int) {
        moments = WeightedMoments(featureCount: featureCount)
        secondMoments = Array(repeating: 0, count: featureCount + 1)
    }

    /// Window by window (`ChunkPlan.cacheWindowRows(columns:)`), two passes over each —
    /// means, then centred squares and ranges — merged as chunks are: the second pass reads
    /// the window from cache, so the chunk is read from memory once, not twice.
    public init(chunk: DataChunk) throws {
        guard chunk.labels.count == chunk.rowCount else { throw ModelError.missingLabel }
        let n = chunk.rowCount, window = ChunkPlan.cacheWindowRows(columns: chunk.featureCount)
        self.init(zeroFor: chunk.featureCount)
        var start = 0
        while start < n {
            let rows = start..<min(n, start + window)
            add(Self(chunk, rows: rows))
            start = rows.upperBound
        }
    }

    /// The two passes over the chunk's rows `rows`, for a kernel that goes through a chunk
    /// window by window and gathers the moments of each window while it is in cache.
    init(_ chunk: DataChunk, rows: Range<Int>) {
        let p = chunk.featureCount
        var moments = WeightedMoments(sumsOf: chunk, rows: rows)
        var secondMoments = [Double](repeating: 0, count: p + 1)
        let mean = moments.mean
        let weights = chunk.weights
        var low = moments.minimum, high = moments.maximum
        // The ranges in the same pass, so the rows are read twice in all (sums, then this).
        chunk.features.withUnsafeBufferPointer { x in
            weights.withUnsafeBufferPointer { w in
                guard p > 0, let x = x.baseAddress else { return }
                CenteredSquares.accumulate(
                    x + rows.lowerBound * p, rows: rows.count, columns: p, stride: p,
                    weights: weights.isEmpty ? nil : w.baseAddress.map { $0 + rows.lowerBound }, mean: mean,
                    squares: &secondMoments, minimum: &low, maximum: &high)
            }
        }
        moments.minimum = low
        moments.maximum = high
        self.moments = moments
        for i in rows {
            let w = weights.isEmpty ? 1 : weights[i]
            guard w > 0 else { continue }
            let d = chunk.labels[i] - mean[p]
            secondMoments[p] += w * d * d
        }
        self.secondMoments = secondMoments
    }

    public mutating func merge(_ other: ColumnMomentsStatistics) throws { add(other) }

    /// ``merge(_:)``, which cannot fail.
    mutating func add(_ other: ColumnMomentsStatistics) {
        let selfHadWeight = moments.weightSum > 0
        let (delta, factor) = moments.mergeMeans(other.moments)
        guard other.moments.weightSum > 0 else { return }
        guard selfHadWeight else {
            secondMoments = other.secondMoments
            return
        }
        for j in secondMoments.indices {
            secondMoments[j] += other.secondMoments[j] + factor * delta[j] * delta[j]
        }
    }

    /// The moments (counts, weight sum, means, ranges) followed by the `p + 1` second moments.
    public func serialized() -> [Double] { moments.serialized() + secondMoments }

    public init(serialized values: [Double], shape p: Int) throws {
        let check = SerializedStatisticsValidator(type: "ColumnMomentsStatistics")
        guard p >= 0, p < 1 << 40 else { throw check.invalid("the shape has \(p) features") }
        let expected = WeightedMoments.serializedCount(featureCount: p) + p + 1
        guard values.count == expected else {
            throw SerializedStatisticsError(type: "ColumnMomentsStatistics", expected: expected, found: values.count)
        }
        moments = try WeightedMoments(serialized: values[...], featureCount: p, check: check)
        secondMoments = Array(values[(expected - p - 1)...])
        for (j, value) in secondMoments.enumerated() where !(value >= 0) && !value.isNaN {
            throw check.invalid("second moment \(j) is \(value)")
        }
    }
}
