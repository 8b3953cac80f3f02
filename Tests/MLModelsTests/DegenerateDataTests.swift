import MLData
import MLEngine
import MLNumerics
import Testing

@testable import MLModels

/// Data that no solve can use as they are — moments beyond double precision — each reported
/// as what it is, before a rank test could misname it.
@Suite struct DegenerateDataTests {
    static let allSolvers: [LinearRegression.Solver] = [.auto, .normal, .qr, .cd, .lbfgs]

    /// `1e308, −1e308, 1e308, …`: mean and range are finite, `Σ(x − x̄)²` is not.
    static func hugeColumn(in column: Int, ofLabel: Bool = false) throws -> Dataset {
        let huge = [1e308, -1e308, 1e308, -1e308, 1e308, 2]
        var x = Matrix(rows: huge.count, columns: 2)
        var y = [Double]()
        for i in huge.indices {
            x[i, 0] = Double(i)
            x[i, 1] = Double(i * i % 5)
            y.append(1 + 2 * Double(i))
        }
        if ofLabel {
            y = huge
        } else {
            for i in huge.indices { x[i, column] = huge[i] }
        }
        return try Dataset(features: x, labels: y, featureNames: ["t", "a"], labelName: "y")
    }

    @Test(arguments: allSolvers)
    func overflowingFeatureIsNamed(solver: LinearRegression.Solver) throws {
        let data = try Self.hugeColumn(in: 1)
        do {
            _ = try LinearRegression(solver: solver).fit(data)
            Issue.record("expected an error")
        } catch let error as ModelError {
            #expect(error == .valuesTooLarge(column: "a"))
            #expect(error.description
                == "'a' has values too large to square in double precision; rescale the column")
        }
        // The same through the public finalize step.
        var statistics = LeastSquaresStatistics(zeroFor: .init(featureCount: 2, form: .triangular))
        for chunk in data.chunks { try statistics.merge(LinearRegression().partialStatistics(of: chunk)) }
        #expect(throws: ModelError.valuesTooLarge(column: "a")) {
            try LinearRegression().finalize(statistics, schema: data.schema)
        }
    }

    @Test(arguments: allSolvers)
    func overflowingLabelIsNamed(solver: LinearRegression.Solver) throws {
        #expect(throws: ModelError.valuesTooLarge(column: "y")) {
            try LinearRegression(solver: solver).fit(Self.hugeColumn(in: 0, ofLabel: true))
        }
    }

    /// Without an intercept the solve needs `Σw·x²`, which overflows for a column of 1e200s
    /// whose centred moment is 0; with an intercept that column is merely constant.
    @Test(arguments: [LinearRegression.Solver.auto, .normal, .qr])
    func overflowingRawMomentWithoutIntercept(solver: LinearRegression.Solver) throws {
        let x = try Matrix([[1, 1e200], [2, 1e200], [3, 1e200], [5, 1e200]])
        let data = try Dataset(features: x, labels: [1, 2, 4, 3], featureNames: ["t", "k"])
        #expect(throws: ModelError.valuesTooLarge(column: "k")) {
            try LinearRegression(fitIntercept: false, solver: solver).fit(data)
        }
        let model = try LinearRegression(solver: solver).fit(data)
        #expect(model.summary.constantFeatures == ["k"])
        #expect(model.intercept.isFinite)
    }
}
