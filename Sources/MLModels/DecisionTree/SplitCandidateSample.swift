import MLData
import MLEngine

/// The rows split candidates are drawn from, and the totals the growth starts with: one pass
/// over the rows in memory.
///
/// Row `g` (its index in the whole data, ``ChunkContext/firstRow`` + `i`) is in the
/// sample when `u(seed, g) < f`, with `u` a ``SeededRandom`` draw keyed by the row
/// and `f = min(1, sampleSize / rows)`: the same rows however the data are chunked, threaded
/// or spread over ranks (Spark samples the same fraction, by partition). Rows of weight 0 are
/// neither sampled nor counted.
///
/// Merging appends the later chunk's sampled rows, so the merged sample holds the sampled
/// rows in row order; it is variable in length, so it crosses ranks by
/// ``transferBytes()``.
struct SplitCandidateSample: PartialStatistics {
    /// The number of features.
    typealias Shape = Int

    let featureCount: Int
    /// Rows of positive weight.
    private(set) var rows = 0
    /// `Σw`.
    private(set) var weightSum = 0.0
    /// `Σw·y`, for the first shift of a regression tree's sums.
    private(set) var weightedLabelSum = 0.0
    /// The weight of each sampled row.
    private(set) var weights: [Double] = []
    /// The sampled rows' features, row-major.
    private(set) var values: [Double] = []

    init(zeroFor shape: Int) {
        featureCount = shape
    }

    /// The sample of one chunk, its rows numbered from `firstRow`.
    init(chunk: DataChunk, firstRow: Int, fraction: Double, seed: Int) {
        featureCount = chunk.featureCount
        let p = featureCount
        let hasLabels = chunk.labels.count == chunk.rowCount
        chunk.features.withUnsafeBufferPointer { x in
            for i in 0..<chunk.rowCount {
                let w = chunk.weight(i)
                guard w > 0 else { continue }
                rows += 1
                weightSum += w
                if hasLabels { weightedLabelSum += w * chunk.labels[i] }
                if fraction < 1 {
                    var random = SeededRandom(
                        seed: UInt64(bitPattern: Int64(seed)), purpose: Self.purpose, index: UInt64(firstRow + i))
                    guard random.uniform() < fraction else { continue }
                }
                weights.append(w)
                values.append(contentsOf: x[(i * p)..<((i + 1) * p)])
            }
        }
    }

    /// The `purpose` of the sample's ``SeededRandom`` keys.
    static let purpose: UInt64 = 0x7472_6565  // "tree"

    mutating func merge(_ other: SplitCandidateSample) throws {
        rows += other.rows
        weightSum += other.weightSum
        weightedLabelSum += other.weightedLabelSum
        weights.append(contentsOf: other.weights)
        values.append(contentsOf: other.values)
    }

    /// The sampled values of feature `j` with their weights.
    func column(_ j: Int) -> [(value: Double, weight: Double)] {
        weights.indices.map { (values[$0 * featureCount + j], weights[$0]) }
    }

    func transferBytes() -> [UInt8] {
        var writer = ByteWriter(capacity: 8 * (5 + weights.count + values.count))
        writer.write(rows)
        writer.write(weightSum)
        writer.write(weightedLabelSum)
        writer.write(weights)
        writer.write(values)
        return writer.bytes
    }

    /// Rebuilds a sample from ``transferBytes()``, checked like user input.
    init(transferBytes bytes: [UInt8], shape: Int) throws {
        let check = SerializedStatisticsValidator(type: "SplitCandidateSample")
        var reader = ByteReader(bytes)
        featureCount = shape
        rows = try reader.readInt()
        weightSum = try check.nonNegative(reader.readDouble(), "the weight sum")
        weightedLabelSum = try reader.readDouble()
        weights = try reader.readDoubles()
        values = try reader.readDoubles()
        guard rows >= 0, weightedLabelSum.isFinite else { throw check.invalid("a total is negative or not finite") }
        let (expected, overflow) = weights.count.multipliedReportingOverflow(by: shape)
        guard !overflow, values.count == expected, weights.allSatisfy({ $0.isFinite && $0 > 0 }),
            values.allSatisfy(\.isFinite)
        else { throw check.invalid("the sampled rows do not match their weights or are not finite") }
    }
}
