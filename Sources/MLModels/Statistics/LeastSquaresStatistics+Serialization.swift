import MLEngine
import MLNumerics

extension LeastSquaresStatistics {
    /// Layout: `[rowCount, positiveWeightRowCount, W, mean (q), minimum (p), maximum (p),
    /// secondMoments (q², row-major)]`. Counts are exact as doubles up to 2⁵³ rows.
    public func serialized() -> [Double] {
        var out: [Double] = [
            Double(moments.rowCount), Double(moments.positiveWeightRowCount), moments.weightSum,
        ]
        out += moments.mean
        out += moments.minimum
        out += moments.maximum
        out += secondMoments.elements
        return out
    }

    public init(serialized values: [Double], shape: Shape) throws {
        let p = shape.featureCount, q = p + 1
        let expected = 3 + q + 2 * p + q * q
        guard values.count == expected else {
            throw SerializedStatisticsError(
                type: "LeastSquaresStatistics", expected: expected, found: values.count)
        }
        self.init(zeroFor: shape)
        moments.rowCount = Int(values[0])
        moments.positiveWeightRowCount = Int(values[1])
        moments.weightSum = values[2]
        var offset = 3
        func take(_ count: Int) -> [Double] {
            defer { offset += count }
            return Array(values[offset..<(offset + count)])
        }
        moments.mean = take(q)
        moments.minimum = take(p)
        moments.maximum = take(p)
        secondMoments = try Matrix(rows: q, columns: q, elements: take(q * q))
    }
}
