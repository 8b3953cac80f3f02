import MLEngine
import MLNumerics

extension LeastSquaresStatistics {
    /// Layout: `[rowCount, positiveWeightRowCount, W, mean (q), minimum (p), maximum (p),
    /// secondMoments (q², row-major)]`. Counts are exact as doubles up to 2⁵³ rows.
    public func serialized() -> [Double] {
        var out = moments.serialized()
        out += secondMoments.elements
        return out
    }

    /// Rebuilds statistics from ``serialized()``'s output, checking what any rows would
    /// satisfy: whole, non-negative counts with `positiveWeightRowCount ≤ rowCount`, a finite
    /// weight sum ≥ 0 that is positive exactly when some row has positive weight, and (in
    /// triangular form) zeros below the diagonal of `R`. Means, ranges and moments are taken
    /// as they are: data too large for double precision make them infinite or NaN, and the
    /// finalize step reports that naming the column.
    ///
    /// - Throws: ``SerializedStatisticsError`` for a wrong length,
    ///   ``InvalidSerializedStatisticsError`` for numbers no rows could produce.
    public init(serialized values: [Double], shape: Shape) throws {
        let check = SerializedStatisticsValidator(type: "LeastSquaresStatistics")
        let p = shape.featureCount
        // The shape may come from a file too: a negative feature count must not reach an
        // array allocation, nor a huge one overflow the length (no array holds 2⁶² numbers).
        guard p >= 0 else { throw check.invalid("the shape has \(p) features") }
        let q = p < 1 << 31 ? p + 1 : 0
        let expected = q > 0 ? 3 + q + 2 * p + q * q : Int.max
        guard values.count == expected else {
            throw SerializedStatisticsError(
                type: "LeastSquaresStatistics", expected: expected, found: values.count)
        }
        self.init(zeroFor: shape)
        moments = try WeightedMoments(serialized: values[...], featureCount: p, check: check)
        let offset = WeightedMoments.serializedCount(featureCount: p)
        secondMoments = try Matrix(rows: q, columns: q, elements: Array(values[offset..<(offset + q * q)]))
        // Solves read R's full square (re-factoring the kept columns), so a nonzero below the
        // diagonal would silently change the answer; the Gram form reads its upper triangle only.
        if shape.form == .triangular {
            for i in 1..<q {
                for j in 0..<i where secondMoments[i, j] != 0 {
                    throw check.invalid("R has \(secondMoments[i, j]) below the diagonal at (\(i), \(j))")
                }
            }
        }
    }
}
