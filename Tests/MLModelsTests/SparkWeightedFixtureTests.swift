import MLData
import MLEngine
import MLNumerics
import Testing

@testable import MLModels

/// Spark MLlib's WeightedLeastSquaresSuite fixture, whose expected values Spark computed with
/// R (`lm` with weights, and glmnet); quoted from ../shared/REFERENCES.md.
@Suite struct SparkWeightedFixtureTests {
    static func data() throws -> Dataset {
        try Dataset(
            features: Matrix([[0, 5], [1, 7], [2, 11], [3, 13]]), labels: [17, 19, 23, 29],
            weights: [1, 2, 3, 4], featureNames: ["x1", "x2"], rowsPerChunk: 2)
    }

    @Test(arguments: LinearRegression.Solver.exact)
    func weightedLeastSquaresWithIntercept(solver: LinearRegression.Solver) throws {
        let model = try LinearRegression(solver: solver).fit(Self.data())
        // R: lm(b ~ A, weights = w) → (18.08, 6.08, -0.60)
        #expect(abs(model.intercept - 18.08) < 1e-10)
        #expect(abs(model.coefficients[0] - 6.08) < 1e-10)
        #expect(abs(model.coefficients[1] - -0.60) < 1e-10)
        // Weighted residual sum of squares 7.68 (R).
        #expect(abs(model.summary.residualSumOfSquares - 7.68) < 1e-9)
        if solver != .cd {
            let se = try #require(model.summary.coefficientStandardErrors)
            let t = try #require(model.summary.tValues)
            let p = try #require(model.summary.pValues)
            // R summary.lm: standard errors 5.556, 1.960, intercept 9.608 (3 decimals).
            #expect(abs(se[0] - 5.556) < 5e-4)
            #expect(abs(se[1] - 1.960) < 5e-4)
            #expect(abs((model.summary.interceptStandardError ?? 0) - 9.608) < 5e-4)
            // t values 1.094, -0.306, 1.882; p values 0.471, 0.811, 0.311.
            #expect(abs(t[0] - 1.094) < 5e-4)
            #expect(abs(t[1] - -0.306) < 5e-4)
            #expect(abs((model.summary.interceptTValue ?? 0) - 1.882) < 5e-4)
            #expect(abs(p[0] - 0.471) < 5e-4)
            #expect(abs(p[1] - 0.811) < 5e-4)
            #expect(abs((model.summary.interceptPValue ?? 0) - 0.311) < 5e-4)
        }
    }

    @Test(arguments: LinearRegression.Solver.exact)
    func weightedLeastSquaresWithoutIntercept(solver: LinearRegression.Solver) throws {
        let model = try LinearRegression(fitIntercept: false, solver: solver).fit(Self.data())
        // R: lm(b ~ A - 1, weights = w) → (-3.727121, 3.009983)
        #expect(model.intercept == 0)
        #expect(abs(model.coefficients[0] - -3.727121) < 1e-6)
        #expect(abs(model.coefficients[1] - 3.009983) < 1e-6)
    }
}

extension LinearRegression.Solver {
    /// The solvers that finish on the moments, exact up to round-off.
    static let exact: [LinearRegression.Solver] = [.auto, .normal, .qr, .cd]
}
