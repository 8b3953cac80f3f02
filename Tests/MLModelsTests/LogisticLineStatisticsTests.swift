import Foundation
import MLData
import MLEngine
import MLNumerics
import Testing

@testable import MLModels

/// The loss along a line `θ + t·d` and its derivatives in `t`, against the row-by-row loss,
/// gradient and Hessian of ``LogisticLossStatisticsTests/naive(_:_:_:classes:)``:
/// `φ = L(θ + t·d)`, `φ' = ∇L·d`, `φ'' = dᵀ∇²L·d`; and the opening step's length against a
/// line whose minimum is known exactly.
@Suite struct LogisticLineStatisticsTests {
    typealias Setup = LogisticLossStatisticsTests.Setup

    /// `φ`, `φ'`, `φ''` at `θ + t·d` over the rows of `chunk` that `rows` selects, row by row.
    static func naive(
        _ chunk: DataChunk, rows: [Int], _ theta: [Double], _ d: [Double], t: Double,
        _ shape: LogisticLossStatistics.Shape, classes k: Int
    ) -> (value: Double, slope: Double, curvature: Double) {
        var x = Matrix(rows: rows.count, columns: chunk.featureCount)
        for (s, i) in rows.enumerated() { for j in 0..<chunk.featureCount { x[s, j] = chunk.features[i, j] } }
        let sampled = DataChunk(
            features: x, labels: rows.map { chunk.labels[$0] },
            weights: chunk.weights.isEmpty ? [] : rows.map { chunk.weights[$0] })
        let point = theta.indices.map { theta[$0] + t * d[$0] }
        let r = LogisticLossStatisticsTests.naive(sampled, point, shape, classes: k)
        var slope = 0.0, curvature = 0.0
        for a in d.indices {
            slope += r.gradient[a] * d[a]
            for b in d.indices { curvature += d[a] * r.hessian[a][b] * d[b] }
        }
        return (r.loss, slope, curvature)
    }

    @Test(arguments: LogisticLossStatisticsTests.setups, [1, 3])
    func lineSumsAreTheLossAndItsDirectionalDerivatives(_ s: Setup, stride: Int) throws {
        let (chunk, theta, shape) = LogisticLossStatisticsTests.chunk(s)
        var random = SeededRandom(seed: 5)
        let d = theta.map { _ in 2 * random.uniform() - 1 }
        let t = 0.7
        let sample = LogisticLossStatistics.HessianRows(stride: stride, firstRow: 4, phase: 1)
        let rows = try LogisticLineStatistics.Rows(
            chunk: chunk, shape: shape, classCount: s.classes, theta: theta, direction: d, sample: sample)
        let line = LogisticLineStatistics(rows: rows, modelRows: shape.rows, step: t)
        // Global rows 4, 5, …: those ≡ 1 (mod stride) are chunk rows 0, 3, 6, … for a stride of 3.
        let selected = stride == 1 ? Array(0..<chunk.rowCount) : Array(Swift.stride(from: 0, to: chunk.rowCount, by: 3))
        let reference = Self.naive(chunk, rows: selected, theta, d, t: t, shape, classes: s.classes)
        let weight = selected.reduce(0.0) { $0 + chunk.weight($1) }
        #expect(abs(line.weightSum - weight) <= 1e-13 * weight)
        #expect(abs(line.value - reference.value) <= 1e-12 * reference.value)
        #expect(abs(line.slope - reference.slope) <= 1e-12 * max(1, abs(reference.slope)))
        #expect(abs(line.curvature - reference.curvature) <= 1e-12 * reference.curvature)
    }

    /// The rows a sample selects, against its definition applied to every global row.
    @Test(arguments: [1, 7, 64], [1, 3])
    func sampleRowsFollowTheirDefinition(run: Int, stride: Int) {
        for (firstRow, n) in [(0, 300), (100, 300), (63, 1), (64, 129), (1000, 0)] {
            for phase in 0..<stride {
                let sample = LogisticLossStatistics.HessianRows(stride: stride, firstRow: firstRow, phase: phase, run: run)
                let expected = (0..<n).filter { ((firstRow + $0) / run) % stride == phase }
                #expect(sample.rows(inChunkOf: n) == expected, "first row \(firstRow), \(n) rows, phase \(phase)")
            }
        }
    }

    /// Along `d = θ̂/1.7` from 0, `F(t·d)` is least at `t = 1.7`: `θ̂` is the optimum, on the
    /// line. (On 2,000 rows the sample is every row, so only the 1% settling rule separates
    /// the result from 1.7.)
    @Test(arguments: [2, 3])
    func openingStepFindsTheMinimumAlongItsLine(classes: Int) throws {
        let data = try LogisticRegressionDeterminismTests.data(classes: classes)
        let estimator = LogisticRegression(regParam: 0.01, standardization: false, tol: 1e-10)
        var fit = try LogisticFit(estimator: estimator, data: data, options: ExecutionOptions())
        #expect(fit.lineSampleStride == 1)
        let optimum = try fit.solve()
        try #require(optimum.stop == .gradient)
        let zero = [Double](repeating: 0, count: optimum.theta.count)
        let t = try fit.openingStepLength(from: zero, along: optimum.theta.map { $0 / 1.7 })
        #expect(abs(t - 1.7) <= 0.02, "t = \(t)")
    }

    /// Serialized and rebuilt (as ranks exchange them): the same numbers; numbers no rows
    /// could give are refused.
    @Test func serializedFormRoundTripsAndIsChecked() throws {
        var line = LogisticLineStatistics(zeroFor: 0)
        line.weightSum = 12.5
        line.value = 7.25
        line.slope = -3.5
        line.curvature = 0.75
        let rebuilt = try LogisticLineStatistics(serialized: line.serialized(), shape: 0)
        #expect(rebuilt.serialized() == [12.5, 7.25, -3.5, 0.75])
        #expect(throws: SerializedStatisticsError.self) { try LogisticLineStatistics(serialized: [1, 2, 3], shape: 0) }
        for bad in [[-1.0, 1, 0, 1], [1, -1, 0, 1], [1, 1, 0, -1], [.nan, 1, 0, 1]] {
            #expect(throws: InvalidSerializedStatisticsError.self, "\(bad)") {
                try LogisticLineStatistics(serialized: bad, shape: 0)
            }
        }
    }
}
