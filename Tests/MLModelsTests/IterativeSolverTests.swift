import Foundation
import MLData
import MLEngine
import MLNumerics
import Testing

@testable import MLModels

/// L-BFGS / OWL-QN with data passes, against the exact solvers on the same objective.
@Suite struct IterativeSolverTests {
    static let configurations: [LinearRegression] = [
        LinearRegression(),
        LinearRegression(regParam: 0.1),
        LinearRegression(regParam: 0.05, elasticNetParam: 0.7),
        LinearRegression(regParam: 0.02, elasticNetParam: 1, standardization: false),
        LinearRegression(regParam: 0.1, fitIntercept: false),
    ]

    @Test(arguments: configurations)
    func agreesWithExactSolver(exact: LinearRegression) throws {
        let data = try LinearRegressionDeterminismTests.data()
        var iterative = exact
        iterative.solver = .lbfgs
        iterative.maxIter = 500
        iterative.tol = 1e-13
        let reference = try exact.fit(data)
        let model = try iterative.fit(data)
        let scale = reference.coefficients.map(abs).max() ?? 1
        let difference = zip(model.coefficients, reference.coefficients).map { abs($0 - $1) }.max() ?? 0
        #expect(difference <= 1e-6 * scale, "‖Δβ‖∞/‖β‖∞ = \(difference / scale)")
        #expect(abs(model.intercept - reference.intercept) <= 1e-6 * max(1, abs(reference.intercept)))
        // The objective the optimizer reached is not above the exact minimum (beyond round-off).
        #expect(model.summary.objective <= reference.summary.objective * (1 + 1e-9))
        #expect(model.summary.converged)
        // Exact zeros of the lasso are found exactly.
        for j in reference.coefficients.indices where reference.coefficients[j] == 0 {
            #expect(abs(model.coefficients[j]) <= 1e-8 * scale)
        }
    }

    @Test func bitIdenticalOnAnyThreadCount() throws {
        let data = try LinearRegressionDeterminismTests.data()
        let estimator = LinearRegression(regParam: 0.05, elasticNetParam: 0.5, solver: .lbfgs)
        let one = try estimator.fit(data, options: ExecutionOptions(threads: 1))
        let two = try estimator.fit(data, options: ExecutionOptions(threads: 2))
        #expect(one.coefficients.map(\.bitPattern) == two.coefficients.map(\.bitPattern))
    }

    /// L-BFGS alone, on Rosenbrock's function (minimum 0 at (1, 1)).
    @Test func minimizesRosenbrock() throws {
        let result = try LBFGS(maxIterations: 500, tolerance: 1e-15).minimize(from: [-1.2, 1]) { x in
            let a = 1 - x[0], b = x[1] - x[0] * x[0]
            return (a * a + 100 * b * b, [-2 * a - 400 * x[0] * b, 200 * b])
        }
        #expect(abs(result.solution[0] - 1) < 1e-6)
        #expect(abs(result.solution[1] - 1) < 1e-6)
    }

    /// OWL-QN on a separable lasso, whose minimizer is the soft threshold:
    /// min ½(x − 3)² + ½(y + 0.5)² + |x| + |y| → (2, 0).
    @Test func owlqnFindsSoftThreshold() throws {
        let result = try LBFGS(maxIterations: 100, tolerance: 1e-14, l1: [1, 1]).minimize(from: [0, 0]) { x in
            (0.5 * (x[0] - 3) * (x[0] - 3) + 0.5 * (x[1] + 0.5) * (x[1] + 0.5), [x[0] - 3, x[1] + 0.5])
        }
        #expect(abs(result.solution[0] - 2) < 1e-9)
        #expect(result.solution[1] == 0)
    }

    /// The warning for an early stop names the method that stopped and its unit.
    @Test func earlyStopWarningNamesTheMethod() throws {
        let data = try LinearRegressionDeterminismTests.data()
        let lbfgs = try LinearRegression(solver: .lbfgs, maxIter: 1).fit(data)
        #expect(lbfgs.summary.solver == .lbfgs)
        #expect(!lbfgs.summary.converged)
        #expect(lbfgs.description.contains("Warning: L-BFGS stopped after 1 iteration before converging"),
                "\(lbfgs.description)")
        #expect(!lbfgs.description.contains("coordinate descent"))

        let owlqn = try LinearRegression(regParam: 0.01, elasticNetParam: 0.5, solver: .lbfgs, maxIter: 1).fit(data)
        #expect(owlqn.summary.solver == .owlqn)
        #expect(owlqn.description.contains("Warning: OWL-QN stopped after 1 iteration before converging"))

        let converged = try LinearRegression(solver: .lbfgs, maxIter: 500, tol: 1e-12).fit(data)
        #expect(converged.summary.converged)
        #expect(!converged.description.contains("Warning"))
    }

    /// Model files hold these strings under `solver`; changing one would orphan saved models.
    @Test func summaryMethodsKeepTheirFileNames() throws {
        #expect(LinearRegressionSummary.Method.allCases.map(\.rawValue)
                == ["none", "normal", "qr", "cd", "l-bfgs", "owl-qn", "unknown"])
        let model = try LinearRegression(regParam: 0.01, elasticNetParam: 0.5, solver: .lbfgs, maxIter: 1)
            .fit(LinearRegressionDeterminismTests.data())
        let data = try model.encoded()
        // The hyperparameters say "l-bfgs"; only the summary says "owl-qn".
        #expect(String(decoding: data, as: UTF8.self).contains("\"solver\" : \"owl-qn\""))
        #expect(try LinearRegressionModel.decode(data, path: "m.json").summary.solver == .owlqn)
    }
}
