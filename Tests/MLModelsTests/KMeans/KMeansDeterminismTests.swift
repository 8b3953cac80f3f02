import Foundation
import MLData
import MLEngine
import MLNumerics
import Testing

@testable import MLModels

/// The same model for any thread count (bit for bit), any chunking (the same assignments,
/// centers to round-off) and any number of ranks; pruned passes give plain Lloyd's
/// assignments every iteration.
@Suite struct KMeansDeterminismTests {
    struct Configuration: Sendable, CustomStringConvertible {
        var estimator: KMeans
        var description: String {
            "\(estimator.initMode.rawValue), \(estimator.distanceMeasure.rawValue), pruning \(estimator.pruning.rawValue)"
        }
    }

    static let configurations: [Configuration] = [
        Configuration(estimator: KMeans(k: 6, seed: 3)),
        // k-means|| with more candidates per center to reduce (greedy steps of 4 draws).
        Configuration(estimator: KMeans(k: 12, initSteps: 3, seed: 8)),
        Configuration(estimator: KMeans(k: 6, initMode: .kMeansPlusPlus, maxIter: 30, tol: 0, seed: 4)),
        Configuration(estimator: KMeans(k: 6, initMode: .random, seed: 5, pruning: .none)),
        Configuration(estimator: KMeans(k: 5, tol: 0, distanceMeasure: .cosine, seed: 6, pruning: .hamerly)),
    ]

    static func data() throws -> Dataset {
        try KMeansFixtures.blobs(n: 1500, p: 4, groups: 6, rowsPerChunk: 97)
    }

    static func bits(_ model: KMeansModel) -> [UInt64] {
        model.clusterCenters.elements.map(\.bitPattern)
    }

    @Test(arguments: configurations)
    func bitIdenticalOnAnyThreadCount(_ c: Configuration) throws {
        for data in [try Self.data(), try KMeansFixtures.grid()] {
            let one = try c.estimator.fit(data, options: ExecutionOptions(threads: 1))
            for threads in [2, 8] {
                let many = try c.estimator.fit(data, options: ExecutionOptions(threads: threads))
                #expect(Self.bits(many) == Self.bits(one), "\(threads) threads")
                #expect(many.summary == one.summary)
            }
        }
    }

    @Test(arguments: configurations)
    func sameModelForAnyChunkCount(_ c: Configuration) throws {
        for data in [try Self.data(), try KMeansFixtures.grid()] {
            let reference = try c.estimator.fit(data.rechunked(into: 1))
            let rows = data.concatenated().features
            let assignments = try reference.predict(rows)
            for chunks in [3, 5, 8] {
                let model = try c.estimator.fit(data.rechunked(into: chunks))
                let difference = KMeansFixtures.difference(model.clusterCenters, reference.clusterCenters)
                #expect(difference <= 1e-10, "\(chunks) chunks: centers differ by \(difference)")
                #expect(model.summary.clusterSizes == reference.summary.clusterSizes, "\(chunks) chunks")
                #expect(model.summary.iterations == reference.summary.iterations)
                #expect(try model.predict(rows) == assignments)
                #expect(abs(model.summary.trainingCost - reference.summary.trainingCost) <= 1e-10 * reference.summary.trainingCost)
            }
        }
    }

    /// Ranks as threads, each reading its share of one CSV file, against one process.
    @Test(arguments: [1, 2, 3, 4])
    func ranksGiveTheSingleProcessModel(ranks: Int) throws {
        let files = try TemporaryCSV(KMeansFixtures.blobs(n: 900, p: 3, groups: 4), weighted: true)
        for estimator in [KMeans(k: 4, seed: 9), KMeans(k: 4, initMode: .kMeansPlusPlus, seed: 2, pruning: .none)] {
            let options = CSVOptions(weight: "w", bytesPerBlock: 2048)
            let single = try estimator.fit(CSVSource(path: files.path, options: options), options: ExecutionOptions(threads: 2))
            let perRank = try InProcessRanks(size: ranks).run { communicator in
                try estimator.fit(
                    CSVSource(path: files.path, options: options),
                    options: ExecutionOptions(threads: 1, communicator: communicator))
            }
            for model in perRank {
                #expect(Self.bits(model) == Self.bits(perRank[0]), "ranks disagree")
                let difference = KMeansFixtures.difference(model.clusterCenters, single.clusterCenters)
                #expect(difference <= 1e-10, "\(ranks) ranks: \(difference)")
                #expect(model.summary.clusterSizes == single.summary.clusterSizes)
                #expect(model.summary.rowCount == 900)
            }
        }
    }

    /// Hamerly's bounds against plain Lloyd from the same centers every iteration: the same
    /// assignment for every row, the sums and the cost to round-off (lazy passes update the
    /// sums by differences and take the cost from moments), and rows actually skipped.
    /// Plain Lloyd computes every distance; the cost is a sum of exact squared differences.
    @Test(arguments: [false, true])
    func prunedPassesGivePlainAssignmentsEveryIteration(cosine: Bool) throws {
        for data in [try KMeansFixtures.blobs(n: 2000, p: 5, groups: 8, rowsPerChunk: 211), try KMeansFixtures.grid()] {
            let measure: KMeans.DistanceMeasure = cosine ? .cosine : .euclidean
            var plain = try KMeansFit(
                estimator: KMeans(k: 8, distanceMeasure: measure, pruning: .none), data: data, options: ExecutionOptions(threads: 2))
            var pruned = try KMeansFit(
                estimator: KMeans(k: 8, distanceMeasure: measure, pruning: .hamerly), data: data, options: ExecutionOptions(threads: 2))
            var centers = try plain.kMeansPlusPlus()
            var previous: Matrix?
            var skipped = 0
            for iteration in 0..<15 {
                let a = try plain.lloydPass(centers, previous: nil)
                let b = try pruned.lloydPass(centers, previous: previous)
                #expect(plain.states.map(\.assignment) == pruned.states.map(\.assignment), "iteration \(iteration)")
                #expect(a.counts == b.counts, "iteration \(iteration)")
                let scale = a.sums.map(abs).max() ?? 1
                let sumsDifference = zip(a.sums, b.sums).map { abs($0 - $1) }.max() ?? 0
                #expect(sumsDifference <= 1e-12 * scale, "iteration \(iteration): \(sumsDifference)")
                #expect(abs(a.cost - b.cost) <= 1e-10 * a.cost, "iteration \(iteration): \(a.cost) vs \(b.cost)")
                skipped += a.distanceRows - b.distanceRows
                previous = centers
                centers = plain.updatedCenters(a, from: centers)
            }
            #expect(skipped > 0, "the bounds never skipped a row")
        }
    }

    /// Chunks of several windows (p = 130: 256-row windows, chunks of 900 rows): pruned and
    /// plain fits give the same clusters and centers to round-off, and so does one chunk.
    @Test func windowsOfAChunkDoNotChangeTheModel() throws {
        let data = try KMeansFixtures.blobs(n: 2000, p: 130, groups: 7, rowsPerChunk: 900)
        #expect(LloydPass.windowRows(featureCount: 130) < 900)
        let plain = try KMeans(k: 7, maxIter: 12, tol: 0, seed: 2, pruning: .none).fit(data)
        let pruned = try KMeans(k: 7, maxIter: 12, tol: 0, seed: 2, pruning: .hamerly).fit(data)
        #expect(KMeansFixtures.difference(pruned.clusterCenters, plain.clusterCenters) <= 1e-10)
        #expect(pruned.summary.clusterSizes == plain.summary.clusterSizes)
        #expect(abs(pruned.summary.trainingCost - plain.summary.trainingCost) <= 1e-12 * plain.summary.trainingCost)
        #expect(pruned.summary.distanceFractions.dropFirst().contains { $0 < 1 }, "\(pruned.summary.distanceFractions)")
        let whole = try KMeans(k: 7, maxIter: 12, tol: 0, seed: 2, pruning: .hamerly).fit(data.rechunked(into: 1))
        #expect(KMeansFixtures.difference(whole.clusterCenters, plain.clusterCenters) <= 1e-10)
        #expect(whole.summary.clusterSizes == plain.summary.clusterSizes)
    }

    /// Whole fits with and without pruning: the same clusters, centers and cost to round-off.
    @Test func pruningDoesNotChangeTheModel() throws {
        let data = try KMeansFixtures.blobs(n: 3000, p: 6, groups: 10, rowsPerChunk: 500)
        let plain = try KMeans(k: 10, maxIter: 40, tol: 0, pruning: .none).fit(data)
        for pruning in [KMeans.Pruning.hamerly, .auto] {
            let model = try KMeans(k: 10, maxIter: 40, tol: 0, pruning: pruning).fit(data)
            #expect(KMeansFixtures.difference(model.clusterCenters, plain.clusterCenters) <= 1e-10)
            #expect(model.summary.clusterSizes == plain.summary.clusterSizes)
            #expect(abs(model.summary.trainingCost - plain.summary.trainingCost) <= 1e-12 * plain.summary.trainingCost)
            #expect(model.summary.distanceFractions.dropFirst().contains { $0 < 0.5 }, "\(model.summary.distanceFractions)")
        }
        #expect(plain.summary.distanceFractions.allSatisfy { $0 == 1 })
    }
}

/// A data set written as a CSV file (features x1…, and `w = 1 + i mod 3` when weighted).
struct TemporaryCSV {
    let path: String

    init(_ data: Dataset, weighted: Bool = false) throws {
        let all = data.concatenated().features
        var text = (0..<all.columns).map { "x\($0 + 1)" }.joined(separator: ",") + (weighted ? ",w" : "") + "\n"
        for i in 0..<all.rows {
            text += all.row(i).map(\.description).joined(separator: ",")
            if weighted { text += ",\(1 + i % 3)" }
            text += "\n"
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kmeans-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        path = url.path
    }
}
