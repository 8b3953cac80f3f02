import Foundation
import MLData
import MLEngine
import Testing

@testable import MLModels

/// The same tree for any thread count (bit for bit), any chunking (the same splits, numbers
/// within round-off) and any number of ranks (the same bits on every rank, the single
/// process's tree).
@Suite struct DecisionTreeDeterminismTests {
    struct Case: Sendable, CustomStringConvertible {
        var impurity: TreeImpurity
        var categorical: Bool
        var weighted: Bool
        var description: String { "\(impurity.rawValue), categorical \(categorical), weighted \(weighted)" }

        func data() throws -> Dataset {
            impurity == .variance
                ? try DecisionTreeFixtures.regression(categorical: categorical, weighted: weighted)
                : try DecisionTreeFixtures.classification(categorical: categorical, weighted: weighted)
        }
        var classCount: Int { impurity == .variance ? 0 : 3 }
    }

    static let cases: [Case] = [
        Case(impurity: .gini, categorical: true, weighted: true),
        Case(impurity: .entropy, categorical: false, weighted: false),
        Case(impurity: .variance, categorical: true, weighted: true),
        Case(impurity: .variance, categorical: false, weighted: false),
    ]

    @Test(arguments: cases)
    func bitIdenticalOnAnyThreadCount(_ c: Case) throws {
        let data = try c.data()
        let parameters = DecisionTreeFixtures.parameters(c.impurity)
        let one = try DecisionTreeFixtures.grow(data, parameters, classCount: c.classCount, threads: 1)
        #expect(one.depth == 6)
        for threads in [2, 8] {
            let many = try DecisionTreeFixtures.grow(data, parameters, classCount: c.classCount, threads: threads)
            #expect(many == one, "\(threads) threads")
        }
    }

    @Test(arguments: cases)
    func sameTreeForAnyChunkCount(_ c: Case) throws {
        let data = try c.data()
        let parameters = DecisionTreeFixtures.parameters(c.impurity)
        let reference = try DecisionTreeFixtures.grow(data.rechunked(into: 1), parameters, classCount: c.classCount)
        #expect(reference.nodeCount > 20)
        for chunks in [3, 5, 8] {
            let tree = try DecisionTreeFixtures.grow(data.rechunked(into: chunks), parameters, classCount: c.classCount)
            #expect(DecisionTreeFixtures.structure(tree) == DecisionTreeFixtures.structure(reference), "\(chunks) chunks")
            #expect(DecisionTreeFixtures.largestDifference(tree, reference) <= 1e-12, "\(chunks) chunks")
            if c.weighted || c.impurity != .variance {
                // Weights are multiples of 1/4 and counts whole: class weights are exact sums.
                #expect(tree.nodes.map(\.weight) == reference.nodes.map(\.weight))
            }
        }
    }

    /// The histograms of each node do not depend on the memory budget: a budget of 1 MiB
    /// forces one pass per group of nodes at the deeper levels, with the same tree.
    @Test func nodeGroupsGiveTheSameTree() throws {
        let data = try DecisionTreeFixtures.classification(categorical: true)
        var parameters = DecisionTreeFixtures.parameters(.gini, maxDepth: 8, maxBins: 4096)
        let whole = try TreeGrowth(data: data, parameters: parameters, classCount: 3, options: ExecutionOptions(threads: 2))
        parameters.maxMemoryInMB = 1
        var grouped = try TreeGrowth(data: data, parameters: parameters, classCount: 3, options: ExecutionOptions(threads: 2))
        let perGroup = grouped.nodesPerGroup(
            shape: NodeHistogramStatistics.Shape(nodes: 1, totalBins: grouped.layout.totalBins, statsPerBin: 4))
        #expect(perGroup < 32)
        var first = whole
        let a = try first.grow()
        let b = try grouped.grow()
        #expect(a == b)
        #expect(grouped.levelPasses > first.levelPasses)
    }

    static let csvPath: String = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mlfit-tree-ranks-\(getpid()).csv")
        try? DecisionTreeFixtures.csv().write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }()

    static func fit(classifier: Bool, communicator: any Communicator) throws -> DecisionTree {
        var options = CSVOptions(
            label: classifier ? "class" : "y", weight: "w", features: ["x1", "x2", "x3", "x4", "colour"],
            categorical: classifier ? ["colour", "class"] : ["colour"])
        options.bytesPerBlock = 8192
        let source = try CSVSource(path: csvPath, options: options)
        let execution = ExecutionOptions(threads: 1, communicator: communicator)
        if classifier {
            return try DecisionTreeClassifier(maxDepth: 5, maxBins: 16, minInstancesPerNode: 3).fit(source, options: execution).tree
        }
        return try DecisionTreeRegressor(maxDepth: 5, maxBins: 16).fit(source, options: execution).tree
    }

    /// Each rank reads its share of the CSV file; every rank ends with the same bits, and the
    /// single process's splits.
    @Test(arguments: [1, 2, 3, 4], [true, false])
    func ranksGiveTheSingleProcessTree(ranks: Int, classifier: Bool) throws {
        let single = try Self.fit(classifier: classifier, communicator: LocalCommunicator.shared)
        let perRank = try InProcessRanks(size: ranks).run { communicator in
            try Self.fit(classifier: classifier, communicator: communicator)
        }
        #expect(single.nodeCount > 15)
        for tree in perRank {
            #expect(tree == perRank[0], "ranks disagree")
            #expect(DecisionTreeFixtures.structure(tree) == DecisionTreeFixtures.structure(single))
            #expect(DecisionTreeFixtures.largestDifference(tree, single) <= 1e-12)
        }
    }
}
