import Foundation
import MLData
import MLEngine
import MLNumerics
import Testing

@testable import MLModels

/// Agreement with independent implementations: scikit-learn (ElasticNet, Ridge), statsmodels
/// (OLS/WLS inference) and scikit-learn's metrics, from Tests/References/
/// linear_regression_references.py (values in Reference/LinearRegressionReferences.swift), and
/// R glmnet's values for Spark's weighted fixture (../shared/REFERENCES.md) after the λ conversion.
@Suite struct ReferenceImplementationTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The data of a reference case, weighted by the script's rule when asked.
    static func data(_ name: String, weighted: Bool, rowsPerChunk: Int = 100) throws -> Dataset {
        if name == "SparkWLSFixture" {
            return try Dataset(
                features: Matrix(SparkWLSFixture.features), labels: SparkWLSFixture.labels,
                weights: weighted ? SparkWLSFixture.weights : nil, featureNames: ["x1", "x2"])
        }
        let path = root.appendingPathComponent(name).path
        let source = try CSVSource(path: path, options: CSVOptions(label: DiabetesWeights.label))
        let all = try source.load(options: ExecutionOptions(threads: 1)).data.concatenated()
        // w_i = 1 + (i mod 3), i the 0-based row index (DiabetesWeights.rule).
        let weights = weighted ? (0..<all.rowCount).map { 1 + Double($0 % 3) } : nil
        return try Dataset(
            features: all.features, labels: all.labels, weights: weights,
            featureNames: source.schema.featureNames, rowsPerChunk: rowsPerChunk)
    }

    static func relativeDifference(_ a: [Double], _ b: [Double]) -> Double {
        let scale = b.map(abs).max() ?? 1
        return (zip(a, b).map { abs($0 - $1) }.max() ?? 0) / max(scale, .leastNormalMagnitude)
    }

    @Test(arguments: SklearnReference.cases + SklearnReference.glmnetEquivalentCases)
    func coefficientsMatchScikitLearn(reference: SklearnReference.Case) throws {
        let data = try Self.data(reference.data, weighted: reference.weighted)
        let model = try LinearRegression(
            regParam: reference.regParam, elasticNetParam: reference.elasticNetParam,
            fitIntercept: reference.fitIntercept, standardization: reference.standardization
        ).fit(data)
        let tolerance = max(1e-9, 10 * reference.verifiedRelativeAccuracy)
        let difference = Self.relativeDifference(model.coefficients, reference.coefficients)
        #expect(difference <= tolerance, "\(reference.name): ‖Δβ‖∞/‖β‖∞ = \(difference)")
        #expect(abs(model.intercept - reference.intercept) <= tolerance * max(1, abs(reference.intercept)),
                "\(reference.name): intercept \(model.intercept) vs \(reference.intercept)")
        // Exact zeros of the lasso are zeros here too.
        for j in reference.coefficients.indices where reference.coefficients[j] == 0 {
            #expect(model.coefficients[j] == 0, "\(reference.name): β[\(j)] should be 0")
        }
    }

    /// glmnet's own printed digits (REFERENCES.md), good to about 1e-6.
    @Test func glmnetPrintedValues() throws {
        let expected: [(String, [Double], Double)] = [
            ("sparkWLS_glmnet_ridge_noint_nostd_w", [-3.307532, 2.924206], 0),
            ("sparkWLS_glmnet_ridge_int_nostd_w", [3.2714044, 0.3770744], 13.5356178),
            ("sparkWLS_glmnet_enet_int_nostd_w", [3.2811513, 0.3725517], 13.5631592),
        ]
        for (name, coefficients, intercept) in expected {
            let reference = try #require(SklearnReference.glmnetEquivalentCases.first { $0.name == name })
            let model = try LinearRegression(
                regParam: reference.regParam, elasticNetParam: reference.elasticNetParam,
                fitIntercept: reference.fitIntercept, standardization: reference.standardization
            ).fit(Self.data("SparkWLSFixture", weighted: true))
            for j in 0..<2 { #expect(abs(model.coefficients[j] - coefficients[j]) < 2e-5, "\(name)") }
            #expect(abs(model.intercept - intercept) < 2e-5, "\(name)")
        }
    }

    @Test(arguments: StatsmodelsReference.fits, [LinearRegression.Solver.auto, .normal])
    func inferenceMatchesStatsmodels(reference: StatsmodelsReference.Fit, solver: LinearRegression.Solver) throws {
        let data = try Self.data(reference.data, weighted: reference.weighted)
        let model = try LinearRegression(fitIntercept: reference.fitIntercept, solver: solver).fit(data)
        let s = model.summary
        /// Relative to `scale` (default: the value itself), so that a coefficient that is 0
        /// in exact arithmetic (7e-15 in statsmodels) is compared on the scale of its vector.
        func close(_ a: Double?, _ b: Double?, _ what: String, _ tolerance: Double = 1e-9, scale: Double? = nil) {
            guard let a, let b else {
                #expect(a == nil && b == nil, "\(reference.name) \(what): \(String(describing: a)) vs \(String(describing: b))")
                return
            }
            #expect(abs(a - b) <= tolerance * max(scale ?? abs(b), 1e-300), "\(reference.name) \(what): \(a) vs \(b)")
        }
        let betaScale = reference.coefficients.map(abs).max() ?? 1
        let tScale = reference.tValues.map(abs).max() ?? 1
        for j in reference.coefficients.indices {
            close(model.coefficients[j], reference.coefficients[j], "β[\(j)]", scale: betaScale)
            close(s.coefficientStandardErrors?[j], reference.standardErrors[j], "se[\(j)]")
            close(s.tValues?[j], reference.tValues[j], "t[\(j)]", scale: tScale)
            close(s.pValues?[j], reference.pValues[j], "p[\(j)]", 1e-8)
        }
        close(reference.fitIntercept ? model.intercept : nil, reference.intercept, "β₀")
        close(s.interceptStandardError, reference.interceptStandardError, "se[β₀]")
        close(s.interceptTValue, reference.interceptTValue, "t[β₀]")
        close(s.interceptPValue, reference.interceptPValue, "p[β₀]", 1e-8)
        close(s.rSquared, reference.rSquared, "R²")
        close(s.adjustedRSquared, reference.adjustedRSquared, "adjusted R²")
        close(s.residualStandardError, reference.residualStandardDeviation, "residual SD")
        close(s.fStatistic, reference.fStatistic, "F")
        close(s.fPValue, reference.fPValue, "p(F)", 1e-7)
        close(s.residualSumOfSquares, reference.residualSumOfSquares, "RSS")
        close(s.rootMeanSquaredError, reference.rmse, "RMSE")
        #expect(Double(s.degreesOfFreedom) == reference.degreesOfFreedomResidual)
    }

    @Test(arguments: SklearnMetricsReference.diabetesOLS)
    func evaluationMetricsMatchScikitLearn(reference: SklearnMetricsReference.Metrics) throws {
        let fitData = try Self.data(DiabetesWeights.file, weighted: reference.fitWeighted)
        let model = try LinearRegression().fit(fitData)
        let evalData = try Self.data(DiabetesWeights.file, weighted: reference.metricsWeighted, rowsPerChunk: 37)
        let (statistics, _) = try evalData.pass(options: ExecutionOptions(threads: 2), shape: 0) { chunk in
            RegressionMetricsStatistics(labels: chunk.labels, predictions: try model.predict(chunk), weights: chunk.weights)
        }
        let m = statistics.metrics
        for (value, expected, what) in [
            (m.meanSquaredError, reference.mse, "mse"), (m.rootMeanSquaredError, reference.rmse, "rmse"),
            (m.meanAbsoluteError, reference.mae, "mae"), (m.r2, reference.r2, "r2"),
            (m.explainedVariance, reference.explainedVariance, "explained variance"),
        ] {
            #expect(abs(value - expected) <= 1e-10 * abs(expected), "\(reference.name) \(what): \(value) vs \(expected)")
        }
    }
}

extension SklearnReference.Case: CustomTestStringConvertible {
    var testDescription: String { name }
}

extension StatsmodelsReference.Fit: CustomTestStringConvertible {
    var testDescription: String { name }
}

extension SklearnMetricsReference.Metrics: CustomTestStringConvertible {
    var testDescription: String { name }
}
