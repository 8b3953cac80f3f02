import Foundation
import MLData
import MLEngine
import MLNumerics
import Testing

@testable import MLModels

/// Hand-made cases for edge behaviour: collinearity, constant features, bad hyperparameters,
/// and a naive row-by-row least-squares solve as an independent check.
@Suite struct LinearRegressionBehaviourTests {
    @Test func exactLineIsRecovered() throws {
        // y = 1 + 2a − 3b exactly: every solver must find it.
        let x = try Matrix([[0, 1], [1, 0], [2, 2], [3, 5], [4, -1], [5, 3]])
        let y = (0..<6).map { 1 + 2 * x[$0, 0] - 3 * x[$0, 1] }
        let data = try Dataset(features: x, labels: y, featureNames: ["a", "b"])
        for solver in LinearRegression.Solver.exact {
            let model = try LinearRegression(solver: solver).fit(data)
            #expect(abs(model.intercept - 1) < 1e-12)
            #expect(abs(model.coefficients[0] - 2) < 1e-12)
            #expect(abs(model.coefficients[1] + 3) < 1e-12)
            // The Gram form computes RSS as g_yy − 2βᵀg + βᵀGβ, which cancels to ~1e-14 here.
            #expect(model.summary.residualSumOfSquares < (solver == .normal ? 1e-10 : 1e-20))
        }
    }

    @Test(arguments: [LinearRegression.Solver.auto, .normal])
    func collinearFeaturesAreNamed(solver: LinearRegression.Solver) throws {
        // c = a + 2b exactly.
        let x = try Matrix([[1, 0, 1], [0, 1, 2], [2, 1, 4], [3, 3, 9], [1, 5, 11], [4, 0, 4]])
        let data = try Dataset(features: x, labels: [1, 2, 3, 4, 5, 7], featureNames: ["a", "b", "c"])
        #expect(throws: ModelError.collinear(feature: "c", combination: ["a", "b"])) {
            try LinearRegression(solver: solver).fit(data)
        }
        // Ridge has a unique answer all the same.
        let ridge = try LinearRegression(regParam: 0.1, solver: solver).fit(data)
        #expect(ridge.coefficients.allSatisfy { $0.isFinite })
    }

    @Test func constantFeatureGetsZeroWithIntercept() throws {
        let x = try Matrix([[1, 7], [2, 7], [3, 7], [4, 7], [5, 7]])
        let data = try Dataset(features: x, labels: [3, 5, 7, 9, 11], featureNames: ["t", "k"])
        let model = try LinearRegression().fit(data)
        #expect(model.coefficients[1] == 0)
        #expect(abs(model.coefficients[0] - 2) < 1e-12)
        #expect(abs(model.intercept - 1) < 1e-12)
        #expect(model.summary.constantFeatures == ["k"])
        // Without an intercept a constant column is an ordinary feature: y = 2t + k/7.
        let noIntercept = try LinearRegression(fitIntercept: false).fit(data)
        #expect(abs(noIntercept.coefficients[0] - 2) < 1e-12)
        #expect(abs(noIntercept.coefficients[1] - 1.0 / 7) < 1e-12)
    }

    @Test(arguments: [
        (LinearRegression(regParam: -1), "The 'regParam' hyperparameter of LinearRegression must be ≥ 0. Got -1."),
        (LinearRegression(elasticNetParam: 1.5), "The 'elasticNetParam' hyperparameter of LinearRegression must be in [0, 1]. Got 1.5."),
        (LinearRegression(maxIter: 0), "The 'maxIter' hyperparameter of LinearRegression must be ≥ 1. Got 0."),
        (LinearRegression(tol: 0), "The 'tol' hyperparameter of LinearRegression must be > 0. Got 0."),
        (LinearRegression(regParam: .nan), "The 'regParam' hyperparameter of LinearRegression must be ≥ 0. Got nan."),
    ])
    func badHyperparametersAreRejected(estimator: LinearRegression, message: String) throws {
        let data = try Dataset(features: Matrix([[1], [2], [3]]), labels: [1, 2, 4])
        do {
            _ = try estimator.fit(data)
            Issue.record("expected an error")
        } catch let error as HyperparameterError {
            #expect(error.description == message)
        }
    }

    @Test func noDataAndNoLabelAreErrors() throws {
        let zeroWeights = try Dataset(features: Matrix([[1], [2]]), labels: [1, 2], weights: [0, 0])
        #expect(throws: ModelError.noData) { try LinearRegression().fit(zeroWeights) }
        let unlabelled = try Dataset(features: Matrix([[1], [2]]))
        #expect(throws: ModelError.missingLabel) { try LinearRegression().fit(unlabelled) }
    }

    /// An independent solve: the normal equations of the weighted design [1 X], built row by
    /// row, solved by Gaussian elimination with partial pivoting — no code shared with mlfit.
    @Test func agreesWithNaiveNormalEquations() throws {
        let data = try LinearRegressionDeterminismTests.data()
        let all = data.concatenated()
        let p = all.featureCount, m = p + 1
        var a = Array(repeating: Array(repeating: 0.0, count: m + 1), count: m)
        for i in 0..<all.rowCount {
            let row = [1.0] + all.features.row(i)
            for r in 0..<m {
                for c in 0..<m { a[r][c] += all.weights[i] * row[r] * row[c] }
                a[r][m] += all.weights[i] * row[r] * all.labels[i]
            }
        }
        for col in 0..<m {
            let pivot = (col..<m).max { abs(a[$0][col]) < abs(a[$1][col]) } ?? col
            a.swapAt(col, pivot)
            for r in (col + 1)..<m {
                let f = a[r][col] / a[col][col]
                for c in col...m { a[r][c] -= f * a[col][c] }
            }
        }
        var beta = Array(repeating: 0.0, count: m)
        for r in stride(from: m - 1, through: 0, by: -1) {
            beta[r] = (a[r][m] - ((r + 1)..<m).reduce(0.0) { $0 + a[r][$1] * beta[$1] }) / a[r][r]
        }
        let model = try LinearRegression().fit(data)
        #expect(abs(model.intercept - beta[0]) < 1e-9)
        for j in 0..<p { #expect(abs(model.coefficients[j] - beta[j + 1]) < 1e-9) }
    }
}

extension LinearRegressionBehaviourTests {
    /// `auto` gathers the Gram matrix in memory, where a second pass is cheap, and QR factors
    /// from a file, or in memory when the Gram matrix cannot give every digit — with the
    /// same answer either way.
    @Test func autoChoosesMomentsByTheCostOfAPass() throws {
        let all = try LinearRegressionDeterminismTests.data().concatenated()
        let names = (1...all.featureCount).map { "x\($0)" }
        let inMemory = try Dataset(features: all.features, labels: all.labels, featureNames: names)
        let gramModel = try LinearRegression().fit(inMemory)
        #expect(gramModel.summary.solver == .normal)

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mlfit-auto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("d.csv").path
        var text = (names + ["y"]).joined(separator: ",") + "\n"
        for i in 0..<all.rowCount {
            text += (all.features.row(i) + [all.labels[i]]).map { "\($0)" }.joined(separator: ",") + "\n"
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let qrModel = try LinearRegression().fit(CSVSource(path: path, options: CSVOptions(label: "y")))
        #expect(qrModel.summary.solver == .qr)
        let scale = qrModel.coefficients.map(abs).max() ?? 1
        for j in 0..<all.featureCount {
            #expect(abs(gramModel.coefficients[j] - qrModel.coefficients[j]) <= 1e-12 * scale)
            let se = try #require(qrModel.summary.coefficientStandardErrors?[j])
            #expect(abs((gramModel.summary.coefficientStandardErrors?[j] ?? 0) - se) <= 1e-10 * se)
        }

        // An exact fit (R² = 1) leaves nothing for the Gram matrix's residual sum of squares:
        // QR statistics are gathered even in memory.
        let x = try Matrix([[0, 1], [1, 0], [2, 2], [3, 5], [4, -1], [5, 3]])
        let exact = try Dataset(features: x, labels: (0..<6).map { 1 + 2 * x[$0, 0] - 3 * x[$0, 1] })
        #expect(try LinearRegression().fit(exact).summary.solver == .qr)
    }
}
