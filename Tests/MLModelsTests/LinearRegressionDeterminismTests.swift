import MLData
import MLEngine
import MLNumerics
import Testing

@testable import MLModels

/// The same model for any thread count (bit for bit) and any chunking (to round-off).
@Suite struct LinearRegressionDeterminismTests {
    /// 2,000 rows, 6 features from a fixed counter-based sequence; y linear plus noise.
    static func data(rowsPerChunk: Int = 97) throws -> Dataset {
        var generator = SeededRandom(seed: 7)
        let n = 2000, p = 6
        var x = Matrix(rows: n, columns: p)
        var y = [Double](repeating: 0, count: n), w = y
        for i in 0..<n {
            for j in 0..<p { x[i, j] = generator.uniform() * Double(j + 1) }
            y[i] = 3 + x[i, 0] - 2 * x[i, 1] + 0.5 * x[i, 4] + 0.1 * generator.uniform()
            w[i] = 0.5 + generator.uniform()
        }
        return try Dataset(features: x, labels: y, weights: w, rowsPerChunk: rowsPerChunk)
    }

    static let configurations: [LinearRegression] = [
        LinearRegression(),
        LinearRegression(solver: .normal),
        LinearRegression(regParam: 0.1),
        LinearRegression(regParam: 0.05, elasticNetParam: 0.7),
        LinearRegression(regParam: 0.01, elasticNetParam: 1, fitIntercept: false, standardization: false),
    ]

    @Test(arguments: configurations)
    func bitIdenticalOnAnyThreadCount(estimator: LinearRegression) throws {
        let data = try Self.data()
        let one = try estimator.fit(data, options: ExecutionOptions(threads: 1))
        for threads in [2, 8] {
            let many = try estimator.fit(data, options: ExecutionOptions(threads: threads))
            #expect(many.coefficients.map(\.bitPattern) == one.coefficients.map(\.bitPattern))
            #expect(many.intercept.bitPattern == one.intercept.bitPattern)
            #expect(many.summary == one.summary)
        }
    }

    @Test(arguments: configurations)
    func sameModelForAnyChunkCount(estimator: LinearRegression) throws {
        let data = try Self.data()
        let reference = try estimator.fit(data.rechunked(into: 1))
        for chunks in [3, 5, 8] {
            let model = try estimator.fit(data.rechunked(into: chunks))
            let scale = reference.coefficients.map(abs).max() ?? 1
            let difference = zip(model.coefficients, reference.coefficients).map { abs($0 - $1) }.max() ?? 0
            #expect(difference <= 1e-12 * scale, "chunks \(chunks): ‖Δβ‖∞/‖β‖∞ = \(difference / scale)")
            #expect(abs(model.intercept - reference.intercept) <= 1e-12 * max(1, abs(reference.intercept)))
        }
    }
}
