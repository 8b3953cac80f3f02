import Foundation
import MLData
import MLEngine
import MLNumerics
import Testing

@testable import MLModels

/// What a fit reports: a streamed exact fit reads the file once; an iterative fit reports its
/// read apart from its passes in memory and counts its iterations.
@Suite struct FitReportTests {
    static func csv() throws -> (path: String, bytes: Int) {
        var text = "a,b,y\n"
        for i in 0..<200 {
            let a = Double(i % 17), b = Double((i * 7) % 11)
            text += "\(a),\(b),\(1 + 2 * a - b + Double(i % 3) * 0.1)\n"
        }
        let path = PersistenceTests.temporaryPath("d.csv")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return (path, text.utf8.count - "a,b,y\n".utf8.count)
    }

    @Test func exactFitReadsTheFileOnce() throws {
        let (path, _) = try Self.csv()
        let source = try CSVSource(path: path, options: CSVOptions(label: "y"))
        let fit = try LinearRegression().fitWithReport(source, options: ExecutionOptions(threads: 2))
        #expect(fit.report.read.passes == 1)
        #expect(fit.report.passes == 1)
        #expect(fit.report.read.rows == 200)
        #expect(fit.report.inMemory == nil && fit.report.iterations == nil)
        #expect(fit.report.secondsPerInMemoryPass == nil)
        #expect(fit.model.coefficients == (try LinearRegression().fit(source)).coefficients)
    }

    @Test func iterativeFitReportsItsReadApartFromItsPassesInMemory() throws {
        let (path, bytes) = try Self.csv()
        let source = try CSVSource(path: path, options: CSVOptions(label: "y"))
        let fit = try LinearRegression(solver: .lbfgs).fitWithReport(source, options: ExecutionOptions(threads: 2))
        let read = fit.report.read
        #expect(read.rows == 200)
        #expect(read.bytes == bytes)
        #expect(read.passes == 1)
        let inMemory = try #require(fit.report.inMemory)
        #expect(inMemory.bytes == 0)
        // One pass of column moments, one per evaluation, one at the solution.
        let iterations = try #require(fit.report.iterations)
        #expect(iterations == fit.model.summary.iterations)
        #expect(inMemory.passes >= iterations + 2)
        #expect(fit.report.passes == inMemory.passes + 1)
    }

    /// Logistic regression and k-means fit inside one block that keeps OpenBLAS single-threaded;
    /// the report must still count the passes made there (it once kept a copy of the fit taken
    /// before its iterations: 1 pass for 3 iterations).
    @Test func logisticRegressionAndKMeansCountTheirPassesInMemory() throws {
        let iris = KMeansFixtures.irisPath
        let labelled = try CSVSource(
            path: iris, options: CSVOptions(label: "species", features: KMeansFixtures.irisFeatures, categorical: ["species"]))
        let logistic = try LogisticRegression(regParam: 0.01).fitWithReport(labelled, options: ExecutionOptions(threads: 2))
        let logisticIterations = try #require(logistic.report.iterations)
        // The start pass, then at least one trial point per iteration.
        #expect(logisticIterations >= 3)
        #expect(try #require(logistic.report.inMemory).passes >= logisticIterations + 1)
        let points = try CSVSource(path: iris, options: CSVOptions(features: KMeansFixtures.irisFeatures))
        let kmeans = try KMeans(k: 3, seed: 1).fitWithReport(points, options: ExecutionOptions(threads: 2))
        let kmeansIterations = try #require(kmeans.report.iterations)
        // Initialization, one pass per iteration and the final assignment pass.
        #expect(kmeansIterations >= 2)
        #expect(try #require(kmeans.report.inMemory).passes >= kmeansIterations + 2)
    }

    @Test func categoricalFeaturesAreRefusedByName() throws {
        let schema = Schema(
            featureNames: ["size", "color"], labelName: "y",
            featureKinds: [.numeric, .categorical(levels: ["red", "blue"])])
        let data = try Dataset(
            schema: schema,
            chunks: [DataChunk(features: try Matrix([[1, 0], [2, 1], [3, 0]]), labels: [1, 2, 3])])
        let message = "linear regression needs numeric features; 'color' is categorical: one-hot encode it"
        #expect(throws: ModelError.categoricalFeature(feature: "color", algorithm: "linear regression")) {
            try LinearRegression().fit(data)
        }
        #expect(ModelError.categoricalFeature(feature: "color", algorithm: "linear regression").description == message)
        let statistics = try LinearRegression().partialStatistics(of: data.chunks[0])
        #expect(throws: ModelError.categoricalFeature(feature: "color", algorithm: "linear regression")) {
            try LinearRegression().finalize(statistics, schema: schema)
        }
    }
}
