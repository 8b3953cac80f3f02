import MLData
import MLEngine

/// Rows, their weight `W = Σwᵢ` and weighted feature sums `Σwᵢxᵢ`: the mean k-means centres
/// its copy of the data by. Plain sums, merged by addition (the mean is only a shift, so
/// round-off in it changes nothing but the last bits).
public struct FeatureSums: SummablePartialStatistics {
    public typealias Shape = Int

    public internal(set) var rows: Int = 0
    public internal(set) var positiveRows: Int = 0
    public internal(set) var weightSum: Double = 0
    public internal(set) var sums: [Double]

    public init(zeroFor p: Int) {
        sums = Array(repeating: 0, count: max(0, p))
    }

    init(chunk: DataChunk) {
        let p = chunk.featureCount
        self.init(zeroFor: p)
        rows = chunk.rowCount
        chunk.features.withUnsafeBufferPointer { x in
            for i in 0..<chunk.rowCount {
                let w = chunk.weight(i)
                guard w > 0 else { continue }
                positiveRows += 1
                weightSum += w
                for t in 0..<p { sums[t] += w * x[i * p + t] }
            }
        }
    }

    public mutating func merge(_ other: FeatureSums) {
        rows += other.rows
        positiveRows += other.positiveRows
        weightSum += other.weightSum
        for t in sums.indices { sums[t] += other.sums[t] }
    }

    /// `Σwᵢxᵢ / W` (zeros without weight).
    var mean: [Double] { sums.map { weightSum > 0 ? $0 / weightSum : 0 } }

    public func serialized() -> [Double] { [Double(rows), Double(positiveRows), weightSum] + sums }

    public init(serialized values: [Double], shape p: Int) throws {
        guard values.count == p + 3 else {
            throw SerializedStatisticsError(type: "FeatureSums", expected: p + 3, found: values.count)
        }
        let check = SerializedStatisticsValidator(type: "FeatureSums")
        rows = try check.count(values[0], "rows")
        positiveRows = try check.count(values[1], "positive rows")
        weightSum = try check.nonNegative(values[2], "weight sum")
        sums = Array(values[3...])
    }
}
