import MLData
import MLEngine

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
            try merge(Self(chunk, rows: rows))
            start = rows.upperBound
        }
    }

    /// The two passes over the chunk's rows `rows`.
    private init(_ chunk: DataChunk, rows: Range<Int>) {
        let p = chunk.featureCount
        var moments = WeightedMoments(sumsOf: chunk, rows: rows)
        var secondMoments = [Double](repeating: 0, count: p + 1)
        let mean = moments.mean
        let weights = chunk.weights
        var low = moments.minimum, high = moments.maximum
        // Accumulated through raw buffers (no per-element bounds or uniqueness checks), so
        // the inner loop over the row vectorizes; the ranges in the same loop, so the rows are
        // read twice in all (sums, then this), not three times. Four rows at a time when all
        // four have weight: the accumulators are loaded and stored once per four values,
        // which halved the loop's time (it is bound by those loads and stores, not by memory).
        func weight(_ i: Int) -> Double { weights.isEmpty ? 1 : weights[i] }
        chunk.features.withUnsafeBufferPointer { xBuffer in
            mean.withUnsafeBufferPointer { m in
                secondMoments.withUnsafeMutableBufferPointer { s in
                    low.withUnsafeMutableBufferPointer { low in
                        high.withUnsafeMutableBufferPointer { high in
                            guard let x = xBuffer.baseAddress else { return }
                            var i = rows.lowerBound
                            while i < rows.upperBound {
                                let w0 = weight(i)
                                if i + 4 <= rows.upperBound, w0 > 0, weight(i + 1) > 0, weight(i + 2) > 0,
                                    weight(i + 3) > 0
                                {
                                    let w1 = weight(i + 1), w2 = weight(i + 2), w3 = weight(i + 3)
                                    let r0 = x + i * p, r1 = r0 + p, r2 = r1 + p, r3 = r2 + p
                                    for j in 0..<p {
                                        let v0 = r0[j], v1 = r1[j], v2 = r2[j], v3 = r3[j]
                                        let d0 = v0 - m[j], d1 = v1 - m[j], d2 = v2 - m[j], d3 = v3 - m[j]
                                        s[j] += (w0 * d0 * d0 + w1 * d1 * d1) + (w2 * d2 * d2 + w3 * d3 * d3)
                                        low[j] = Swift.min(low[j], Swift.min(Swift.min(v0, v1), Swift.min(v2, v3)))
                                        high[j] = Swift.max(high[j], Swift.max(Swift.max(v0, v1), Swift.max(v2, v3)))
                                    }
                                    i += 4
                                    continue
                                }
                                if w0 > 0 {
                                    let row = x + i * p
                                    for j in 0..<p {
                                        let v = row[j]
                                        let d = v - m[j]
                                        s[j] += w0 * d * d
                                        low[j] = Swift.min(low[j], v)
                                        high[j] = Swift.max(high[j], v)
                                    }
                                }
                                i += 1
                            }
                        }
                    }
                }
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

    public mutating func merge(_ other: ColumnMomentsStatistics) throws {
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
