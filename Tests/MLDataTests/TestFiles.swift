import Foundation
import MLData
import MLEngine

/// Small input files written to a fresh temporary directory for each test.
struct TestFiles {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("mldata-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }
}

/// Row count and sums of a chunk's labels, weights and features, for checking passes.
struct SumStatistics: PartialStatistics, Equatable {
    var rows = 0
    var labelSum = 0.0
    var weightSum = 0.0
    var featureSums: [Double]

    init(zeroFor shape: Int) { featureSums = Array(repeating: 0, count: shape) }

    init(_ chunk: DataChunk) {
        self.init(zeroFor: chunk.featureCount)
        rows = chunk.rowCount
        labelSum = chunk.labels.reduce(0, +)
        weightSum = chunk.weights.reduce(0, +)
        for i in 0..<chunk.rowCount {
            for j in 0..<chunk.featureCount { featureSums[j] += chunk.features[i, j] }
        }
    }

    mutating func merge(_ other: SumStatistics) {
        rows += other.rows
        labelSum += other.labelSum
        weightSum += other.weightSum
        for j in featureSums.indices { featureSums[j] += other.featureSums[j] }
    }
}

extension DataChunk {
    /// The rows as arrays, for comparisons.
    var rowArrays: [[Double]] { (0..<rowCount).map { features.row($0) } }
}

extension Dataset {
    var allRows: [[Double]] { chunks.flatMap(\.rowArrays) }
    var allLabels: [Double] { chunks.flatMap(\.labels) }
    var allWeights: [Double] { chunks.flatMap(\.weights) }
}
