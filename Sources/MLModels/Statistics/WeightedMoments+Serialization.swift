import MLEngine

extension WeightedMoments {
    /// The count of numbers ``serialized()`` writes for `p` features: `3 + (p + 1) + 2p`.
    static func serializedCount(featureCount p: Int) -> Int { 3 + (p + 1) + 2 * p }

    /// `[rowCount, positiveWeightRowCount, W, mean (p + 1), minimum (p), maximum (p)]`;
    /// counts are exact as doubles up to 2⁵³ rows.
    func serialized() -> [Double] {
        [Double(rowCount), Double(positiveWeightRowCount), weightSum] + mean + minimum + maximum
    }

    /// Rebuilds moments from ``serialized()``'s numbers at `values[offset...]`, checking what
    /// any rows satisfy: whole, non-negative counts with `positiveWeightRowCount ≤ rowCount`,
    /// and a finite weight sum ≥ 0 that is positive exactly when some row has positive weight.
    /// The caller has checked the length.
    init(serialized values: ArraySlice<Double>, featureCount p: Int, check: SerializedStatisticsValidator) throws {
        let start = values.startIndex
        let rowCount = try check.count(values[start], "the row count")
        let positiveRows = try check.count(values[start + 1], "the count of rows with positive weight")
        let weightSum = try check.nonNegative(values[start + 2], "the weight sum")
        guard positiveRows <= rowCount else {
            throw check.invalid("\(positiveRows) rows with positive weight among \(rowCount) rows")
        }
        guard (weightSum > 0) == (positiveRows > 0) else {
            throw check.invalid("\(positiveRows) rows with positive weight but a weight sum of \(weightSum)")
        }
        self.init(featureCount: p)
        self.rowCount = rowCount
        positiveWeightRowCount = positiveRows
        self.weightSum = weightSum
        var offset = start + 3
        func take(_ count: Int) -> [Double] {
            defer { offset += count }
            return Array(values[offset..<(offset + count)])
        }
        mean = take(p + 1)
        minimum = take(p)
        maximum = take(p)
    }
}
