import Foundation
import MLFit
import Testing

/// The examples of the DocC article `Sources/MLFit/MLFit.docc/PartialMergeFinalize.md`, run
/// as written (with data of their own), through the umbrella module alone.
@Suite struct DocumentationExampleTests {
    // y = 1 + 2a − b exactly.
    let x = try! Matrix([[0, 1], [1, 0], [2, 2], [3, 1], [4, 5], [5, 0]])
    let y: [Double] = [0, 3, 3, 6, 4, 11]

    @Test func shardsShippedAsArraysAndMergedInTheFixedTree() throws {
        let estimator = LinearRegression()
        let schema = Schema(featureNames: ["a", "b"], labelName: "y")
        let shape = LeastSquaresStatistics.Shape(featureCount: 2, form: estimator.statisticsForm)

        let shard = try Dataset(features: x, labels: y, featureNames: schema.featureNames)
            .rechunked(into: 3)
        let messages = try shard.chunks.map { try estimator.partialStatistics(of: $0).serialized() }

        let reducer = TreeReducer<LeastSquaresStatistics>(shape: shape)
        for (index, message) in messages.enumerated() {
            try reducer.add(LeastSquaresStatistics(serialized: message, shape: shape), index: index)
        }
        let model = try estimator.finalize(reducer.result(), schema: schema)

        #expect(abs(model.coefficients[0] - 2) < 1e-12)
        #expect(abs(model.coefficients[1] + 1) < 1e-12)
        #expect(abs(model.intercept - 1) < 1e-12)
    }

    @Test func statisticsOfYourOwnRunOnTheEngine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mlfit-docc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("train.csv").path
        try Data("a,b,y\n0,1,0\n1,0,3\n2,2,3\n3,1,6\n4,5,4\n5,0,11\n".utf8).write(to: URL(fileURLWithPath: path))

        let source = try CSVSource(path: path, options: CSVOptions(label: "y"))
        let (total, _) = try source.pass(options: ExecutionOptions(), shape: 0) { LabelMean(chunk: $0) }
        let mean = total.sums[1] / total.sums[0]
        #expect(mean == 27.0 / 6)

        let copy = try LabelMean(serialized: total.serialized(), shape: 0)
        #expect(copy.sums == total.sums)
        #expect(throws: SerializedStatisticsError.self) { try LabelMean(serialized: [1], shape: 0) }
    }
}

/// The article's own statistics type, as written there.
struct LabelMean: SummablePartialStatistics {
    var sums = [0.0, 0.0]                      // Σw, Σw·y

    init(zeroFor shape: Int) {}
    init(chunk: DataChunk) {
        for i in 0..<chunk.rowCount {
            sums[0] += chunk.weight(i)
            sums[1] += chunk.weight(i) * chunk.labels[i]
        }
    }
    mutating func merge(_ other: LabelMean) {
        sums[0] += other.sums[0]
        sums[1] += other.sums[1]
    }
    func serialized() -> [Double] { sums }
    init(serialized: [Double], shape: Int) throws {
        guard serialized.count == 2 else {
            throw SerializedStatisticsError(type: "LabelMean", expected: 2, found: serialized.count)
        }
        sums = serialized
    }
}
