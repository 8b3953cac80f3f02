import MLData
import MLEngine
import MLNumerics
import Testing

@testable import MLModels

/// The same model for any thread count (bit for bit) and any chunking: coefficients within
/// 1e-10 relative for Newton fits, the objective within 1e-10 relative for quasi-Newton fits.
@Suite struct LogisticRegressionDeterminismTests {
    /// 2,000 weighted rows, 5 features, 3 overlapping classes with text labels.
    static func data(classes: Int = 3) throws -> Dataset {
        var random = SeededRandom(seed: 11)
        let n = 2000, p = 5
        var x = Matrix(rows: n, columns: p)
        var labels: [String] = [], weights: [Double] = []
        let names = ["setosa", "versicolor", "virginica"]
        for i in 0..<n {
            for j in 0..<p { x[i, j] = (random.uniform() - 0.5) * Double(j + 1) }
            let scores = [0, x[i, 0] - x[i, 1] + 0.3, 0.5 * x[i, 2] - x[i, 3] + x[i, 4]].prefix(classes)
            let noisy = scores.map { $0 + 2 * (random.uniform() - 0.5) }
            let best = noisy.indices.max { noisy[$0] < noisy[$1] } ?? 0
            labels.append(names[best])
            weights.append(0.5 + random.uniform())
        }
        return try Dataset(features: x, labels: labels, weights: weights, rowsPerChunk: 97)
    }

    struct Configuration: Sendable, CustomStringConvertible {
        var estimator: LogisticRegression
        var classes: Int
        var description: String {
            let e = estimator
            return "\(classes) classes, λ \(e.regParam), α \(e.elasticNetParam), \(e.solver.rawValue), "
                + "intercept \(e.fitIntercept), standardization \(e.standardization)"
        }
        var isNewton: Bool { estimator.solver != .lbfgs }
    }

    static let configurations: [Configuration] = [
        Configuration(estimator: LogisticRegression(), classes: 2),
        Configuration(estimator: LogisticRegression(regParam: 0.01), classes: 3),
        Configuration(estimator: LogisticRegression(), classes: 3),
        Configuration(estimator: LogisticRegression(regParam: 0.02, elasticNetParam: 0.6), classes: 3),
        Configuration(
            estimator: LogisticRegression(
                regParam: 0.01, elasticNetParam: 1, fitIntercept: false, standardization: false), classes: 2),
        Configuration(estimator: LogisticRegression(regParam: 0.01, solver: .lbfgs), classes: 3),
        Configuration(estimator: LogisticRegression(regParam: 0.02, elasticNetParam: 0.5, solver: .lbfgs), classes: 2),
    ]

    @Test(arguments: configurations)
    func bitIdenticalOnAnyThreadCount(_ c: Configuration) throws {
        let data = try Self.data(classes: c.classes)
        let one = try c.estimator.fit(data, options: ExecutionOptions(threads: 1))
        #expect(one.summary.converged)
        for threads in [2, 8] {
            let many = try c.estimator.fit(data, options: ExecutionOptions(threads: threads))
            #expect(many.coefficientMatrix.elements.map(\.bitPattern) == one.coefficientMatrix.elements.map(\.bitPattern))
            #expect(many.interceptVector.map(\.bitPattern) == one.interceptVector.map(\.bitPattern))
            #expect(many.summary == one.summary)
        }
    }

    @Test(arguments: configurations)
    func sameModelForAnyChunkCount(_ c: Configuration) throws {
        let data = try Self.data(classes: c.classes)
        var estimator = c.estimator
        estimator.tol = 1e-10
        estimator.maxIter = 500
        let reference = try estimator.fit(data.rechunked(into: 1))
        let parameters = reference.coefficientMatrix.elements + reference.interceptVector
        let scale = parameters.map(abs).max() ?? 1
        for chunks in [3, 5, 8] {
            let model = try estimator.fit(data.rechunked(into: chunks))
            if c.isNewton {
                let difference = zip(model.coefficientMatrix.elements + model.interceptVector, parameters)
                    .map { abs($0 - $1) }.max() ?? 0
                #expect(difference <= 1e-10 * scale, "chunks \(chunks): ‖Δθ‖∞/‖θ‖∞ = \(difference / scale)")
            } else {
                let objective = reference.summary.objective
                #expect(abs(model.summary.objective - objective) <= 1e-10 * objective, "chunks \(chunks)")
            }
        }
    }

    /// L-BFGS / OWL-QN reach the optimum Newton finds.
    @Test(arguments: configurations.filter { !$0.isNewton })
    func quasiNewtonAgreesWithNewton(_ c: Configuration) throws {
        let data = try Self.data(classes: c.classes)
        var quasi = c.estimator
        // L-BFGS stalls at round-off in F (about 1e-16 relative) with a gradient near 1e-9.
        quasi.tol = 1e-7
        quasi.maxIter = 1000
        var newton = c.estimator
        newton.solver = .newton
        newton.tol = 1e-12
        let a = try quasi.fit(data), b = try newton.fit(data)
        #expect(a.summary.converged)
        #expect(a.summary.solver == (c.estimator.elasticNetParam > 0 ? .owlqn : .lbfgs))
        #expect(b.summary.solver == (c.estimator.elasticNetParam > 0 ? .proximalNewton : .newton))
        let parameters = b.coefficientMatrix.elements + b.interceptVector
        let scale = parameters.map(abs).max() ?? 1
        let difference = zip(a.coefficientMatrix.elements + a.interceptVector, parameters).map { abs($0 - $1) }.max() ?? 0
        #expect(difference <= 1e-6 * scale, "‖Δθ‖∞/‖θ‖∞ = \(difference / scale)")
        #expect(b.summary.iterations < a.summary.iterations)
    }
}
