import MLData
import MLEngine

/// Rows, their weight `W = Σwᵢ`, weighted feature sums `Σwᵢxᵢ` and squared norms `Σwᵢ‖xᵢ‖²`:
/// the mean k-means centres its copy of the data by, and whether centring is worth a copy.
/// Plain sums, merged by addition (the mean is only a shift, so round-off in it changes
/// nothing but the last bits).
public struct FeatureSums: SummablePartialStatistics {
    public typealias Shape = Int

    public internal(set) var rows: Int = 0
    public internal(set) var positiveRows: Int = 0
    public internal(set) var weightSum: Double = 0
    public internal(set) var sums: [Double]
    public internal(set) var squaredNormSum: Double = 0

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
                var norm = 0.0
                for t in 0..<p {
                    sums[t] += w * x[i * p + t]
                    norm += x[i * p + t] * x[i * p + t]
                }
                squaredNormSum += w * norm
            }
        }
    }

    public mutating func merge(_ other: FeatureSums) {
        rows += other.rows
        positiveRows += other.positiveRows
        weightSum += other.weightSum
        squaredNormSum += other.squaredNormSum
        for t in sums.indices { sums[t] += other.sums[t] }
    }

    /// `Σwᵢxᵢ / W` (zeros without weight).
    var mean: [Double] { sums.map { weightSum > 0 ? $0 / weightSum : 0 } }

    /// Whether `‖mean‖²` exceeds the mean squared distance to the mean, `Σwᵢ‖xᵢ‖²/W − ‖mean‖²`:
    /// only then does centring shrink the rows' norms (and the expansion's error) by more
    /// than half.
    var isFarFromOrigin: Bool {
        guard weightSum > 0 else { return false }
        let meanSquare = mean.reduce(0) { $0 + $1 * $1 }
        return meanSquare > squaredNormSum / weightSum - meanSquare
    }

    public func serialized() -> [Double] { [Double(rows), Double(positiveRows), weightSum, squaredNormSum] + sums }

    public init(serialized values: [Double], shape p: Int) throws {
        guard values.count == p + 4 else {
            throw SerializedStatisticsError(type: "FeatureSums", expected: p + 4, found: values.count)
        }
        let check = SerializedStatisticsValidator(type: "FeatureSums")
        rows = try check.count(values[0], "rows")
        positiveRows = try check.count(values[1], "positive rows")
        weightSum = try check.nonNegative(values[2], "weight sum")
        squaredNormSum = try check.nonNegative(values[3], "squared norm sum")
        sums = Array(values[4...])
    }
}
