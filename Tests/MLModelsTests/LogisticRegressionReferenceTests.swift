import Foundation
import MLData
import MLEngine
import MLNumerics
import Testing

@testable import MLModels

/// Coefficients and intercepts against scikit-learn (Tests/References/
/// logistic_regression_references.py; values in Reference/LogisticRegressionReferences.swift):
/// newton-cholesky at tol 1e-12 for L2, saga at tol 1e-14 polished on its support for L1 and
/// elastic net, each verified by its KKT residual (logistic_regression_references.txt).
@Suite struct LogisticRegressionReferenceTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The case's data: its CSV with the label read as classes, weighted as the case says.
    static func data(_ c: LogisticReference.Case) throws -> Dataset {
        let options = CSVOptions(
            label: c.label, weight: c.weightColumn, features: c.features, categorical: [c.label])
        let source = try CSVSource(path: root.appendingPathComponent(c.file).path, options: options)
        let (data, _) = try source.load(options: ExecutionOptions())
        guard c.weighted, c.weightColumn == nil else { return data }
        // w_i = 1 + (i mod 3), i the 0-based row index.
        let chunks = zip(data.chunks, data.firstRows).map { chunk, first in
            DataChunk(
                features: chunk.features, labels: chunk.labels,
                weights: (0..<chunk.rowCount).map { Double(1 + (first + $0) % 3) })
        }
        var schema = data.schema
        schema.weightName = "w"
        return try Dataset(schema: schema, chunks: chunks)
    }

    static func estimator(_ c: LogisticReference.Case) -> LogisticRegression {
        LogisticRegression(
            regParam: c.regParam, elasticNetParam: c.elasticNetParam, fitIntercept: c.fitIntercept,
            standardization: c.standardization, tol: 1e-12,
            family: LogisticRegression.Family(rawValue: c.family) ?? .auto)
    }

    /// ‖Δ‖∞/‖·‖∞ over the coefficients and intercepts.
    static func relativeDifference(_ model: LogisticRegressionModel, _ c: LogisticReference.Case) -> Double {
        let fitted = model.coefficientMatrix.elements + model.interceptVector
        let expected = c.coefficients.flatMap { $0 } + c.intercepts
        guard fitted.count == expected.count else { return .infinity }
        let scale = expected.map(abs).max() ?? 1
        return zip(fitted, expected).map { abs($0 - $1) }.max().map { $0 / scale } ?? 0
    }

    @Test(arguments: LogisticReference.cases)
    func agreesWithScikitLearn(_ c: LogisticReference.Case) throws {
        let data = try Self.data(c)
        #expect(data.schema.classes == c.classes)
        let model = try Self.estimator(c).fit(data)
        let difference = Self.relativeDifference(model, c)
        #expect(difference <= 1e-6, "\(c.name): ‖Δβ‖∞/‖β‖∞ = \(difference)")
        #expect(abs(model.summary.objective - c.objective) <= 1e-12 * c.objective, "\(c.name)")
        #expect(model.summary.converged, "\(c.name): \(model.summary.stopReason)")
    }

    /// Newton with its Hessian summed over every second row only (what a fit does on many
    /// rows, forced here on small data, where the sample is poor), for up to 50 steps before
    /// the fit falls back to every row: the gradient is always exact, so the optimum is the
    /// same one, reached by more steps.
    @Test(arguments: LogisticReference.cases)
    func sampledHessianReachesTheSameOptimum(_ c: LogisticReference.Case) throws {
        let data = try Self.data(c)
        var fit = try LogisticFit(estimator: Self.estimator(c), data: data, options: ExecutionOptions())
        try #require(fit.shape.hessian)
        fit.hessianStride = 2
        fit.sampledHessianSteps = 50
        let model = try fit.model(from: try fit.solve())
        let difference = Self.relativeDifference(model, c)
        #expect(difference <= 1e-6, "\(c.name): ‖Δβ‖∞/‖β‖∞ = \(difference)")
        #expect(abs(model.summary.objective - c.objective) <= 1e-12 * c.objective, "\(c.name)")
        #expect(model.summary.iterations > 5, "\(c.name): the sample was used")
        #expect(model.summary.converged, "\(c.name): \(model.summary.stopReason)")
    }
}
