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

    /// `n × p` uniform features and a noisy label; rows at `zeroWeightRows` get weight 0.
    static func wide(rows n: Int, features p: Int, zeroWeightRows: Int = 0) throws -> Dataset {
        var generator = SeededRandom(seed: 11)
        var x = Matrix(rows: n, columns: p)
        var y = [Double](repeating: 0, count: n)
        for i in 0..<n {
            for j in 0..<p { x[i, j] = generator.uniform() }
            y[i] = x[i, 0] - 2 * x[i, 1] + generator.uniform()
        }
        let weights = (0..<n).map { $0 < zeroWeightRows ? 0.0 : 1.0 }
        return try Dataset(
            features: x, labels: y, weights: weights, featureNames: (0..<p).map { "x\($0)" })
    }

    /// Fewer rows than unknowns is reported as such, not as a collinear feature.
    @Test(arguments: [LinearRegression.Solver.auto, .normal, .qr, .cd])
    func fewerRowsThanCoefficients(solver: LinearRegression.Solver) throws {
        // 60 rows, 10 of weight 0: 50 observations for 301 coefficients.
        let data = try Self.wide(rows: 60, features: 300, zeroWeightRows: 10)
        do {
            _ = try LinearRegression(solver: solver).fit(data)
            Issue.record("expected an error")
        } catch let error as ModelError {
            #expect(error == .underdetermined(rows: 50, features: 300, intercept: true))
            #expect(error.description
                == "50 rows with positive weight cannot determine 301 coefficients (300 features and "
                + "the intercept); add regularization (regParam > 0) or use fewer features")
        }
        #expect(throws: ModelError.underdetermined(rows: 50, features: 300, intercept: false)) {
            try LinearRegression(fitIntercept: false, solver: solver).fit(data)
        }
        // Regularized, the problem has one answer. (Not run for `cd`: going to 1e-15 on
        // this nearly singular ridge takes it minutes of sweeps in a debug build.)
        guard solver != .cd else { return }
        let ridge = try LinearRegression(regParam: 0.1, solver: solver).fit(data)
        #expect(ridge.coefficients.count == 300)
        #expect(ridge.coefficients.allSatisfy(\.isFinite) && ridge.intercept.isFinite)
        #expect(ridge.summary.rSquared > 0 && ridge.summary.rSquared <= 1)
    }

    /// As many rows as coefficients is an exact fit, not an error (as NIST NoInt2: 3 rows).
    @Test(arguments: [LinearRegression.Solver.auto, .normal, .qr, .cd])
    func exactlyDeterminedStillFits(solver: LinearRegression.Solver) throws {
        let x = try Matrix([[1, 0], [0, 1], [2, 3]])
        let data = try Dataset(features: x, labels: [3, -1, -1], featureNames: ["a", "b"])
        let model = try LinearRegression(solver: solver).fit(data)
        // y = 1 + 2a − 2b through all three rows.
        #expect(abs(model.intercept - 1) < 1e-9)
        #expect(abs(model.coefficients[0] - 2) < 1e-9)
        #expect(abs(model.coefficients[1] + 2) < 1e-9)
        #expect(model.summary.degreesOfFreedom == 0)
        #expect(throws: ModelError.underdetermined(rows: 2, features: 2, intercept: true)) {
            try LinearRegression(solver: solver).fit(Dataset(features: Matrix([[1, 0], [0, 1]]), labels: [3, -1]))
        }
    }
}
