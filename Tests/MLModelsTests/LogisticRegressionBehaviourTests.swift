import Foundation
import MLData
import MLEngine
import MLNumerics
import Testing

@testable import MLModels

/// Edge behaviour of logistic regression through the Swift API, with hand-made data.
@Suite struct LogisticRegressionBehaviourTests {
    /// One feature, labels overlapping around x = 3.5.
    static func overlapping(labels: [String] = ["no", "no", "yes", "no", "yes", "yes"]) throws -> Dataset {
        try Dataset(features: Matrix([[1], [2], [3], [4], [5], [6]]), labels: labels)
    }

    @Test func predictionsUseTheTrainingSpellingAndProbabilitiesSumToOne() throws {
        let data = try LogisticRegressionDeterminismTests.data()
        let model = try LogisticRegression(regParam: 0.01).fit(data)
        #expect(model.classes == ["setosa", "versicolor", "virginica"])
        let x = data.chunks[0].features
        let p = try model.predictProbabilities(x)
        #expect(p.columns == 3)
        for i in 0..<p.rows {
            #expect(abs(p[i, 0] + p[i, 1] + p[i, 2] - 1) <= 1e-14)
        }
        let predicted = try model.predict(x)
        let codes = model.predictCodes(probabilities: p)
        #expect(predicted == codes.map { model.classes[$0] })
        // The prediction is the most probable class.
        for i in 0..<p.rows { #expect(p[i, codes[i]] == (0..<3).map { p[i, $0] }.max()) }
    }

    @Test func binomialThresholdAppliesToTheSecondClass() throws {
        let data = try Self.overlapping()
        var estimator = LogisticRegression()
        let x = data.chunks[0].features
        let p = try estimator.fit(data).predictProbabilities(x)
        for threshold in [0.0, 0.3, 0.5, 0.9, 1.0] {
            estimator.threshold = threshold
            let labels = try estimator.fit(data).predict(x)
            #expect(labels == (0..<p.rows).map { p[$0, 1] > threshold ? "yes" : "no" })
        }
    }

    /// Without a penalty the multinomial coefficients are centred across classes, and the
    /// intercepts always are.
    @Test(arguments: [0.0, 0.05])
    func multinomialParametersAreCentred(regParam: Double) throws {
        let model = try LogisticRegression(regParam: regParam).fit(LogisticRegressionDeterminismTests.data())
        let b = model.interceptVector
        #expect(abs(b.reduce(0, +)) <= 1e-12 * (b.map(abs).max() ?? 1))
        for j in 0..<model.coefficientMatrix.columns {
            let column = (0..<3).map { model.coefficientMatrix[$0, j] }
            #expect(abs(column.reduce(0, +)) <= 1e-10 * (column.map(abs).max() ?? 1), "feature \(j)")
        }
    }

    @Test func oneClassIsAnErrorNamingIt() throws {
        let data = try Self.overlapping(labels: Array(repeating: "only", count: 6))
        #expect(throws: LogisticRegressionError.oneClass(label: "label", value: "only")) {
            try LogisticRegression().fit(data)
        }
    }

    @Test func binomialFamilyRefusesThreeClasses() throws {
        let data = try LogisticRegressionDeterminismTests.data()
        #expect(throws: LogisticRegressionError.binomialWithClasses(count: 3)) {
            try LogisticRegression(family: .binomial).fit(data)
        }
    }

    /// A numeric label: its sorted distinct values are the classes, spelled as numbers.
    @Test func numericLabelsBecomeClasses() throws {
        let data = try Dataset(features: Matrix([[1], [2], [3], [4], [5], [6]]), labels: [-1, -1, 2.5, -1, 2.5, 2.5])
        let model = try LogisticRegression().fit(data)
        #expect(model.classes == ["-1", "2.5"])
        let text = try LogisticRegression().fit(Self.overlapping())
        #expect(model.coefficientMatrix == text.coefficientMatrix)
        #expect(model.interceptVector == text.interceptVector)
    }

    @Test func hyperparametersAreValidatedWithOneMessageShape() throws {
        let cases: [(LogisticRegression, String)] = [
            (LogisticRegression(regParam: -1), "The 'regParam' hyperparameter of LogisticRegression must be ≥ 0. Got -1."),
            (LogisticRegression(elasticNetParam: 1.5),
             "The 'elasticNetParam' hyperparameter of LogisticRegression must be in [0, 1]. Got 1.5."),
            (LogisticRegression(threshold: .nan),
             "The 'threshold' hyperparameter of LogisticRegression must be in [0, 1]. Got nan."),
            (LogisticRegression(maxIter: 0), "The 'maxIter' hyperparameter of LogisticRegression must be ≥ 1. Got 0."),
            (LogisticRegression(tol: -1), "The 'tol' hyperparameter of LogisticRegression must be > 0. Got -1."),
        ]
        for (estimator, message) in cases {
            #expect(throws: HyperparameterError.self) { try estimator.validate() }
            do {
                try estimator.validate()
            } catch {
                #expect(error.description == message)
            }
        }
    }

    /// Strictly separated classes without a penalty: Newton stops after finitely many steps
    /// with finite coefficients, and the summary says the classes are separable.
    @Test(arguments: [LogisticRegression.Solver.newton, .lbfgs])
    func separableDataTerminatesWithFiniteCoefficients(solver: LogisticRegression.Solver) throws {
        let data = try Self.overlapping(labels: ["no", "no", "no", "yes", "yes", "yes"])
        let model = try LogisticRegression(maxIter: 1000, solver: solver).fit(data)
        #expect(model.summary.separable)
        let finite = (model.coefficientMatrix.elements + model.interceptVector).allSatisfy { $0.isFinite }
        #expect(finite)
        #expect(model.summary.iterations < 1000)
        #expect(try model.predict(data.chunks[0].features) == ["no", "no", "no", "yes", "yes", "yes"])
        // With a penalty the same data have a unique, unseparated fit.
        let ridge = try LogisticRegression(regParam: 0.1, solver: solver).fit(data)
        #expect(!ridge.summary.separable)
        #expect(ridge.summary.converged)
    }

    /// Newton asked for on a problem whose Hessian would not fit is refused before any pass;
    /// `auto` takes L-BFGS there.
    @Test func newtonRefusesAHugeHessian() throws {
        let p = 2731  // 3 × (2731 + 1) = 8196 parameters
        var x = Matrix(rows: 6, columns: p)
        for i in 0..<6 { x[i, i % p] = 1 }
        let data = try Dataset(features: x, labels: ["a", "b", "c", "a", "b", "c"])
        #expect(throws: ModelError.tooManyFeatures(count: p, limit: 2729, solver: "newton (with 3 classes)")) {
            try LogisticRegression(solver: .newton).fit(data)
        }
        #expect(!LogisticRegression().usesNewton(parameterCount: 3 * (p + 1)))
    }

    @Test func constantFeatureGetsCoefficientZero() throws {
        let x = try Matrix([[1, 7], [2, 7], [3, 7], [4, 7], [5, 7], [6, 7]])
        let data = try Dataset(
            features: x, labels: ["no", "no", "yes", "no", "yes", "yes"], featureNames: ["a", "flat"])
        let model = try LogisticRegression(regParam: 0.01).fit(data)
        #expect(model.coefficientMatrix[0, 1] == 0)
        #expect(model.summary.constantFeatures == ["flat"])
        #expect(model.coefficientMatrix[0, 0] > 0)
    }

    @Test func iterationLimitIsNotConvergence() throws {
        let data = try LogisticRegressionDeterminismTests.data()
        let model = try LogisticRegression(regParam: 0.01, maxIter: 1).fit(data)
        #expect(!model.summary.converged)
        #expect(model.summary.stopReason == .maxIterations)
        #expect(model.summary.iterations == 1)
        #expect(model.summary.objectiveHistory.count == 2)
        #expect(model.description.contains("Warning: Newton stopped after 1 iteration before converging"))
    }

    /// The objective history decreases, and the model's evaluation on its training data
    /// matches its predictions.
    @Test func historyDecreasesAndEvaluationMatchesPredictions() throws {
        let data = try LogisticRegressionDeterminismTests.data(classes: 2)
        let model = try LogisticRegression(regParam: 0.001).fit(data)
        let history = model.summary.objectiveHistory
        #expect(zip(history, history.dropFirst()).allSatisfy { $1 <= $0 })
        let metrics = try model.evaluate(data)
        let all = data.concatenated()
        let predicted = try model.predict(all.features)
        var correct = 0.0
        for i in 0..<all.rowCount where predicted[i] == model.classes[Int(all.labels[i])] { correct += all.weights[i] }
        #expect(abs(metrics.accuracy - correct / all.weights.reduce(0, +)) <= 1e-12)
    }

    /// save → load gives the same model, bit for bit, and the same file.
    @Test(arguments: [
        LogisticRegression(regParam: 0.01),
        LogisticRegression(regParam: 0.02, elasticNetParam: 0.5, fitIntercept: false, threshold: 0.3),
    ])
    func saveLoadIsBitIdentical(_ estimator: LogisticRegression) throws {
        for classes in [2, 3] {
            let model = try estimator.fit(LogisticRegressionDeterminismTests.data(classes: classes))
            let data = try model.encoded()
            let loaded = try LogisticRegressionModel.decode(data, path: "m.json")
            #expect(loaded == model)
            #expect(loaded.coefficientMatrix.elements.map(\.bitPattern) == model.coefficientMatrix.elements.map(\.bitPattern))
            #expect(try loaded.encoded() == data)
            let registered = try ModelRegistry.decode(data, path: "m.json")
            #expect(registered.algorithmName == "logistic-regression")
            // The documented shape (docs/model-format.md).
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let parameters = try #require(object["model"] as? [String: Any])
            #expect(Set(parameters.keys) == ["labels", "coefficientMatrix", "interceptVector"])
            #expect((parameters["coefficientMatrix"] as? [[Double]])?.count == (classes == 2 ? 1 : 3))
            #expect(object["classes"] as? [String] == parameters["labels"] as? [String])
        }
    }
}
