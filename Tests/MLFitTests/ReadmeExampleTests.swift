import Foundation
import MLFit
import Testing

/// The library example of README.md, run as written (with files of its own), through the
/// umbrella module alone.
@Suite struct ReadmeExampleTests {
    @Test func trainSavePredictLikeTheReadme() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mlfit-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let trainPath = dir.appendingPathComponent("train.csv").path
        let testPath = dir.appendingPathComponent("test.csv").path
        let modelPath = dir.appendingPathComponent("model.json").path
        // y = 1 + 2a − b exactly.
        try Data("a,b,y\n0,1,0\n1,0,3\n2,2,3\n3,1,6\n4,5,4\n5,0,11\n".utf8).write(to: URL(fileURLWithPath: trainPath))
        try Data("b,a\n1,1\n0,10\n".utf8).write(to: URL(fileURLWithPath: testPath))

        let train = try CSVSource(path: trainPath, options: CSVOptions(label: "y"))
        let model = try LinearRegression(regParam: 0.1, elasticNetParam: 0.5).fit(train)
        #expect(model.description.contains("R²"))
        try model.save(to: modelPath)

        let loaded = try LinearRegressionModel.load(from: modelPath)
        let test = try CSVSource(path: testPath, options: CSVOptions(features: loaded.featureNames))
        let (data, _) = try test.load(options: ExecutionOptions())
        let predictions = try data.chunks.flatMap { try loaded.predict($0) }
        #expect(predictions.count == 2)
        // Features matched by name: test.csv has them in the other order.
        let expected = [model.intercept + model.coefficients[0] + model.coefficients[1],
                        model.intercept + 10 * model.coefficients[0]]
        for (value, wanted) in zip(predictions, expected) { #expect(abs(value - wanted) < 1e-12 * abs(wanted)) }

        // Unregularized, the exact line comes back.
        let exact = try LinearRegression().fit(train)
        #expect(abs(exact.coefficients[0] - 2) < 1e-12 && abs(exact.coefficients[1] + 1) < 1e-12)
        #expect(abs(exact.intercept - 1) < 1e-12)
    }

    @Test func partialStatisticsFromShardsLikeTheReadme() throws {
        let x = try Matrix([[0, 1], [1, 0], [2, 2], [3, 1], [4, 5], [5, 0]])
        let y: [Double] = [0, 3, 3, 6, 4, 11]
        let whole = try Dataset(features: x, labels: y, featureNames: ["a", "b"])
        let estimator = LinearRegression()
        // Two "shards", merged after a trip through their serialized form.
        var total = LeastSquaresStatistics(zeroFor: .init(featureCount: 2, form: estimator.statisticsForm))
        for chunk in whole.rechunked(into: 2).chunks {
            let shard = try estimator.partialStatistics(of: chunk)
            try total.merge(LeastSquaresStatistics(serialized: shard.serialized(), shape: shard.shape))
        }
        let model = try estimator.finalize(total, schema: Schema(featureNames: ["a", "b"], labelName: "y"))
        #expect(abs(model.coefficients[0] - 2) < 1e-12)
        #expect(abs(model.coefficients[1] + 1) < 1e-12)
        #expect(abs(model.intercept - 1) < 1e-12)
    }
}
