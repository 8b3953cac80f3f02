import MLEngine

/// The weight of the rows nearest to each of `m` candidate centers, `Σ_{i: a(i) = j} wᵢ`:
/// how k-means|| weights its candidates before reducing them to `k`. Plain sums, merged by
/// addition.
public struct CandidateWeights: SummablePartialStatistics {
    public typealias Shape = Int

    public internal(set) var weights: [Double]

    public init(zeroFor shape: Int) {
        weights = Array(repeating: 0, count: max(0, shape))
    }

    public mutating func merge(_ other: CandidateWeights) {
        for j in weights.indices { weights[j] += other.weights[j] }
    }

    public func serialized() -> [Double] { weights }

    public init(serialized values: [Double], shape: Int) throws {
        guard values.count == shape else {
            throw SerializedStatisticsError(type: "CandidateWeights", expected: shape, found: values.count)
        }
        let check = SerializedStatisticsValidator(type: "CandidateWeights")
        weights = try values.enumerated().map { try check.nonNegative($1, "weight \($0)") }
    }
}
