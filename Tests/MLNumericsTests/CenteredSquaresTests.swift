import MLNumerics
import Testing

/// ``CenteredSquares`` against its definition, one value at a time in row order: the same
/// bits whatever the column count (the AVX2 code's blocks of sixteen and four columns and its
/// masked tail), the row stride, and the weights (none, zero, negative).
@Suite struct CenteredSquaresTests {
    /// Row `i`, column `j` of a block whose columns differ in scale and sign.
    static func value(_ i: Int, _ j: Int) -> Double {
        let u = Double((i * 7_919 + j * 104_729) % 1_000) / 1_000
        return (u - 0.3) * Double(j % 5 + 1) * (j % 2 == 0 ? 1 : -1e3) + Double(j)
    }

    /// Row `i`'s weight: 0 or negative for some rows.
    static func weight(_ i: Int) -> Double {
        if i % 6 == 0 { return 0 }
        if i % 11 == 0 { return -1 }
        return 0.5 + Double(i % 3)
    }

    /// The sums, minima and maxima straight from the definition.
    static func naive(
        _ x: [Double], rows: Int, columns: Int, stride: Int, weights: [Double]?, mean: [Double],
        start: (squares: [Double], minimum: [Double], maximum: [Double])
    ) -> (squares: [Double], minimum: [Double], maximum: [Double]) {
        var (squares, minimum, maximum) = start
        for i in 0..<rows {
            let w = weights?[i] ?? 1
            guard w > 0 else { continue }
            for j in 0..<columns {
                let v = x[i * stride + j], d = v - mean[j]
                squares[j] += (w * d) * d
                minimum[j] = v < minimum[j] ? v : minimum[j]
                maximum[j] = v > maximum[j] ? v : maximum[j]
            }
        }
        return (squares, minimum, maximum)
    }

    @Test(arguments: [1, 3, 4, 5, 15, 16, 17, 21, 50])
    func matchesTheDefinitionBitForBit(columns: Int) {
        let rows = 37
        for (stride, weighted) in [(columns, false), (columns + 3, true)] {
            let x = (0..<(rows * stride)).map { Self.value($0 / stride, $0 % stride) }
            // Some rows without weight (zero or negative), which neither sum nor range may see.
            let weights: [Double]? = weighted ? (0..<rows).map(Self.weight) : nil
            let mean = (0..<columns).map { Double($0) + 0.25 }
            // Running sums and ranges from an earlier block, which the call continues.
            let start = (
                squares: (0..<columns).map { Double($0) * 3 },
                minimum: (0..<columns).map { _ in Double.infinity },
                maximum: (0..<columns).map { j in j == 0 ? 1e6 : -Double.infinity })
            var (squares, minimum, maximum) = start
            x.withUnsafeBufferPointer { px in
                mean.withUnsafeBufferPointer { pm in
                    guard let px = px.baseAddress, let pm = pm.baseAddress else { return }
                    if let weights {
                        weights.withUnsafeBufferPointer { pw in
                            CenteredSquares.accumulate(
                                px, rows: rows, columns: columns, stride: stride, weights: pw.baseAddress, mean: pm,
                                squares: &squares, minimum: &minimum, maximum: &maximum)
                        }
                    } else {
                        CenteredSquares.accumulate(
                            px, rows: rows, columns: columns, stride: stride, weights: nil, mean: pm,
                            squares: &squares, minimum: &minimum, maximum: &maximum)
                    }
                }
            }
            let expected = Self.naive(
                x, rows: rows, columns: columns, stride: stride, weights: weights, mean: mean, start: start)
            #expect(squares == expected.squares, "stride \(stride)")
            #expect(minimum == expected.minimum, "stride \(stride)")
            #expect(maximum == expected.maximum, "stride \(stride)")
            // The sums did move: a kernel that skipped rows or columns would not pass the above
            // by accident, but one that did nothing would if the start were the answer.
            #expect(squares != start.squares && maximum[0] == 1e6)
        }
    }
}
