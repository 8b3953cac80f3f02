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

    /// Two passes over the chunk: means, then centred squares and ranges.
    public init(chunk: DataChunk) throws {
        guard chunk.labels.count == chunk.rowCount else { throw ModelError.missingLabel }
        let p = chunk.featureCount
        var moments = WeightedMoments(sumsOf: chunk)
        var secondMoments = [Double](repeating: 0, count: p + 1)
        let mean = moments.mean
        let n = chunk.rowCount, weights = chunk.weights
        var low = moments.minimum, high = moments.maximum
        // Accumulated through raw buffers (no per-element bounds or uniqueness checks), so
        // the inner loop over the row vectorizes; the ranges in the same loop, so the rows are
        // read twice in all (sums, then this), not three times.
        chunk.features.withUnsafeBufferPointer { x in
            mean.withUnsafeBufferPointer { m in
                secondMoments.withUnsafeMutableBufferPointer { s in
                    low.withUnsafeMutableBufferPointer { low in
                        high.withUnsafeMutableBufferPointer { high in
                            for i in 0..<n {
                                let w = weights.isEmpty ? 1 : weights[i]
                                guard w > 0 else { continue }
                                let row = i * p
                                for j in 0..<p {
                                    let v = x[row + j]
                                    let d = v - m[j]
                                    s[j] += w * d * d
                                    low[j] = Swift.min(low[j], v)
                                    high[j] = Swift.max(high[j], v)
                                }
                            }
                        }
                    }
                }
            }
        }
        moments.minimum = low
        moments.maximum = high
        self.moments = moments
        for i in 0..<n {
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
