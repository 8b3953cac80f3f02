import Foundation
import MLData
import MLEngine
import MLNumerics
import Testing

@testable import MLModels

/// The first pass of a logistic fit: column moments and the loss at `θ = 0`, merged over
/// chunks, against closed forms summed row by row here — at zero every score is 0, so the
/// binomial loss is `W·log 2`, the gradient `Σw(½ − y)·x̃` and the Hessian `¼·Σw·x̃x̃ᵀ`.
@Suite struct LogisticStartStatisticsTests {
    @Test(arguments: [1, 3, 8])
    func holdsTheMomentsAndTheLossAtZero(chunks: Int) throws {
        let data = try LogisticRegressionDeterminismTests.data(classes: 2).rechunked(into: chunks)
        let p = data.schema.featureCount, q = p + 1
        let shape = LogisticStartStatistics.Shape(
            loss: .init(featureCount: p, rows: 1, fitIntercept: true, hessian: true))
        var merged = LogisticStartStatistics(zeroFor: shape)
        for (chunk, first) in zip(data.chunks, data.firstRows) {
            try merged.merge(
                LogisticStartStatistics(
                    chunk: chunk, shape: shape, classCount: 2, hessianRows: .init(stride: 1, firstRow: first)))
        }

        let all = data.concatenated()
        let n = all.rowCount
        var w = 0.0, sums = [Double](repeating: 0, count: p)
        var low = [Double](repeating: .infinity, count: p), high = [Double](repeating: -.infinity, count: p)
        for i in 0..<n {
            w += all.weight(i)
            for j in 0..<p {
                sums[j] += all.weight(i) * all.features[i, j]
                low[j] = min(low[j], all.features[i, j])
                high[j] = max(high[j], all.features[i, j])
            }
        }
        let mean = sums.map { $0 / w }
        var squares = [Double](repeating: 0, count: p)
        var gradient = [Double](repeating: 0, count: q), hessian = [Double](repeating: 0, count: q * q)
        for i in 0..<n {
            let x = (0..<p).map { all.features[i, $0] } + [1]
            for j in 0..<p { squares[j] += all.weight(i) * (x[j] - mean[j]) * (x[j] - mean[j]) }
            for a in 0..<q {
                gradient[a] += all.weight(i) * (0.5 - all.labels[i]) * x[a]
                for b in a..<q { hessian[a * q + b] += 0.25 * all.weight(i) * x[a] * x[b] }
            }
        }

        let moments = merged.columns.moments
        #expect(moments.rowCount == n)
        #expect(abs(moments.weightSum - w) <= 1e-13 * w)
        #expect(moments.minimum == low)
        #expect(moments.maximum == high)
        for j in 0..<p {
            #expect(abs(moments.mean[j] - mean[j]) <= 1e-13 * max(1, abs(mean[j])), "mean[\(j)]")
            #expect(abs(merged.columns.secondMoments[j] - squares[j]) <= 1e-12 * squares[j], "Σw(x − x̄)²[\(j)]")
        }
        let loss = merged.loss
        #expect(abs(loss.loss - w * log(2)) <= 1e-13 * w)
        let gradientScale = gradient.map(abs).max() ?? 1
        for a in 0..<q {
            #expect(abs(loss.gradient[a] - gradient[a]) <= 1e-12 * gradientScale, "gradient[\(a)]")
        }
        let hessianScale = hessian.map(abs).max() ?? 1
        for a in 0..<q {
            for b in a..<q {
                #expect(abs(loss.hessian[a * q + b] - hessian[a * q + b]) <= 1e-12 * hessianScale, "H[\(a), \(b)]")
            }
        }
    }

    /// Serialized and rebuilt: the same bits; an array one number short is refused.
    @Test func serializationRoundTrip() throws {
        let data = try LogisticRegressionDeterminismTests.data(classes: 3)
        let shape = LogisticStartStatistics.Shape(
            loss: .init(featureCount: data.schema.featureCount, rows: 3, fitIntercept: true, hessian: true))
        let chunk = data.concatenated()
        let statistics = try LogisticStartStatistics(
            chunk: chunk, shape: shape, classCount: 3, hessianRows: .init(stride: 2, firstRow: 0))
        let values = statistics.serialized()
        let rebuilt = try LogisticStartStatistics(serialized: values, shape: shape)
        #expect(rebuilt.serialized().map(\.bitPattern) == values.map(\.bitPattern))
        #expect(throws: (any Error).self) {
            try LogisticStartStatistics(serialized: Array(values.dropLast()), shape: shape)
        }
    }
}
