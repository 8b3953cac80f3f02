import Foundation
import MLData
import MLEngine
import MLNumerics
import Testing

@testable import MLModels

/// The registry reads any registered algorithm's file into `any TrainedModel`, and the
/// protocol's prediction and evaluation give what the concrete model gives, bit for bit.
@Suite struct ModelRegistryTests {
    @Test func algorithmNamesAreDistinctAndFindTheirTypes() {
        let names = ModelRegistry.algorithmNames
        #expect(Set(names).count == names.count)
        #expect(names.contains("linear-regression"))
        #expect(names.contains("logistic-regression"))
        for name in names { #expect(ModelRegistry.modelType(for: name)?.algorithmName == name) }
        #expect(ModelRegistry.modelType(for: "no-such-algorithm") == nil)
    }

    @Test func decodesALinearRegressionFileBitIdentically() throws {
        let model = try PersistenceTests.model()
        let loaded = try ModelRegistry.decode(try model.encoded(), path: "m.json")
        let concrete = try #require(loaded as? LinearRegressionModel)
        #expect(concrete.coefficients.map(\.bitPattern) == model.coefficients.map(\.bitPattern))
        #expect(concrete.intercept.bitPattern == model.intercept.bitPattern)
        #expect(loaded.algorithmName == "linear-regression")
        #expect(loaded.task == .regression)
        #expect(loaded.schema.featureNames == ["a", "b (cm)"])
        #expect(loaded.schema.featureKinds == [.numeric, .numeric])
        #expect(loaded.description == model.description)
        #expect(loaded.hyperparameterDescription.hasPrefix("regParam 0.01, elasticNetParam 0.0, fitIntercept true"))
    }

    @Test func unknownAlgorithmListsTheKnownOnes() throws {
        let text = String(decoding: try PersistenceTests.model().encoded(), as: UTF8.self)
            .replacingOccurrences(of: "\"linear-regression\"", with: "\"k-medoids\"")
        #expect(
            throws: ModelFileError.corrupt(
                path: "m.json",
                reason: "unknown algorithm 'k-medoids' (this mlfit reads linear-regression, logistic-regression, "
                    + "decision-tree-classifier, decision-tree-regressor, kmeans)")
        ) { try ModelRegistry.decode(Data(text.utf8), path: "m.json") }
    }

    @Test func predictionColumnsAreTheModelsPredictions() throws {
        let model = try PersistenceTests.model()
        let trained: any TrainedModel = model
        let chunk = DataChunk(features: try Matrix([[1, 2], [0.5, -3], [7, 0]]))
        let options = PredictionOptions()
        #expect(trained.predictionColumnNames(options: options) == ["prediction"])
        let columns = try trained.predictionColumns(for: chunk, options: options)
        #expect(columns == [PredictionColumn(name: "prediction", values: .numbers(try model.predict(chunk)))])
        // Linear regression has neither probabilities nor distances: the flags change nothing.
        let all = PredictionOptions(probabilities: true, distances: true)
        #expect(try trained.predictionColumns(for: chunk, options: all) == columns)
        #expect(trained.predictionColumnNames(options: all) == ["prediction"])
    }

    @Test(arguments: [1, 3, 8])
    func evaluationThroughTheProtocolIsTheRegressionMetrics(chunks: Int) throws {
        let model = try PersistenceTests.model()
        let x = try Matrix([[1, 0.2], [2, 0.1], [3, 0.9], [4, 0.4], [5, 0.5], [6, 0.0], [7, 0.3], [8, 0.8]])
        let data = try Dataset(features: x, labels: [1, 2.5, 2.9, 4.4, 5.1, 5.8, 7.2, 8.1]).rechunked(into: chunks)
        let trained: any TrainedModel = model
        let metrics = try #require(try trained.evaluate(data, options: ExecutionOptions(threads: 2)) as? RegressionMetrics)
        // Naive row by row, as scikit-learn's mean_squared_error and r2_score define them.
        let all = data.concatenated()
        let predictions = try model.predict(all)
        let n = Double(all.rowCount)
        let mse = zip(all.labels, predictions).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / n
        let mean = all.labels.reduce(0, +) / n
        let total = all.labels.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / n
        #expect(abs(metrics.meanSquaredError - mse) <= 1e-13 * mse)
        #expect(abs(metrics.r2 - (1 - mse / total)) <= 1e-13)
        #expect(metrics.rows == 8)
    }

    @Test func regressionMetricsPrintWithTheirNames() throws {
        let metrics = RegressionMetrics(
            rows: 3, weightSum: 3, meanSquaredError: 4, rootMeanSquaredError: 2, meanAbsoluteError: 1.5,
            r2: 0.25, explainedVariance: .nan)
        #expect(metrics.textLines == [
            "rmse                2.0", "mse                 4.0", "mae                 1.5",
            "r2                  0.25", "explained variance  nan",
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try encoder.encode(metrics), as: UTF8.self)
            == #"{"explainedVariance":null,"mae":1.5,"mse":4,"r2":0.25,"rmse":2,"rows":3,"weightSum":3}"#)
        let back = try JSONDecoder().decode(RegressionMetrics.self, from: try encoder.encode(metrics))
        #expect(back.rootMeanSquaredError == 2 && back.explainedVariance.isNaN)
    }
}
