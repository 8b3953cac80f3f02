import Foundation
import Synchronization
import Testing

@testable import MLEngine

/// A "statistic" that records the shape of the merge tree, to see which merges happen.
/// Its merge is neither commutative nor associative, so any change of order shows.
struct MergeTrace: PartialStatistics, Equatable {
    typealias Shape = Int
    var text: String
    init(zeroFor shape: Int) { text = "" }
    init(_ index: Int) { text = "\(index)" }
    mutating func merge(_ other: MergeTrace) {
        if text.isEmpty { text = other.text } else if !other.text.isEmpty { text = "(\(text) \(other.text))" }
    }
}

struct Boom: Error, Equatable { let index: Int }

@Suite struct TreeReducerTests {
    @Test(arguments: [
        (1, "0"), (2, "(0 1)"), (3, "((0 1) 2)"), (5, "(((0 1) (2 3)) 4)"),
        (8, "(((0 1) (2 3)) ((4 5) (6 7)))"), (7, "((((0 1) (2 3)) (4 5)) 6)"),
    ])
    func treeShapeDependsOnlyOnChunkCount(count: Int, expected: String) throws {
        // The order of arrival must not matter: forward, backward and shuffled.
        var orders = [Array(0..<count), Array((0..<count).reversed())]
        var generator = SeededRandom(seed: 42)
        orders.append(Array(0..<count).shuffled(using: &generator))
        for order in orders {
            let reducer = TreeReducer<MergeTrace>(shape: 0)
            for i in order { try reducer.add(MergeTrace(i), index: i) }
            // Complete subtrees (for 7 chunks: of 4, 2 and 1) are folded left to right.
            #expect(try reducer.result().text == expected)
        }
    }

    @Test(arguments: [1, 2, 3, 8])
    func parallelPassIsIdenticalOnAnyThreadCount(threads: Int) throws {
        let chunks = Array(0..<37)
        let result = try ParallelPass.run(
            over: chunks, options: ExecutionOptions(threads: threads), shape: 0
        ) { chunk, index in
            #expect(chunk == index)
            return MergeTrace(chunk)
        }
        let serial = try ParallelPass.run(over: chunks, options: ExecutionOptions(threads: 1), shape: 0) {
            chunk, _ in MergeTrace(chunk)
        }
        #expect(result == serial)
    }

    @Test(arguments: [1, 2, 8])
    func lowestFailingChunkIsReported(threads: Int) {
        let chunks = Array(0..<50)
        do {
            _ = try ParallelPass.run(over: chunks, options: ExecutionOptions(threads: threads), shape: 0) {
                (chunk: Int, _: Int) throws -> MergeTrace in
                if chunk == 17 || chunk == 30 { throw Boom(index: chunk) }
                return MergeTrace(chunk)
            }
            Issue.record("expected a failure")
        } catch let failure as ChunkFailure {
            #expect(failure.chunkIndex == 17)
            #expect(failure.underlying as? Boom == Boom(index: 17))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func chunkPlans() {
        #expect(ChunkPlan(rowCount: 10, rowsPerChunk: 4).ranges == [0..<4, 4..<8, 8..<10])
        #expect(ChunkPlan.ranges(rowCount: 10, chunkCount: 3) == [0..<4, 4..<7, 7..<10])
        #expect(ChunkPlan.ranges(rowCount: 2, chunkCount: 5) == [0..<1, 1..<2])
        #expect(ChunkPlan(rowCount: 0, rowsPerChunk: 4).ranges.isEmpty)
    }
}

@Suite struct SeededRandomTests {
    /// The first outputs of SplitMix64 seeded with 0, from Vigna's reference C code
    /// (prng.di.unimi.it/splitmix64.c).
    @Test func matchesTheReferenceImplementation() {
        var generator = SeededRandom(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func keyedStreamsDependOnlyOnTheirKey() {
        var a = SeededRandom(seed: 7, purpose: 1, step: 2, index: 1000)
        var b = SeededRandom(seed: 7, purpose: 1, step: 2, index: 1000)
        var c = SeededRandom(seed: 7, purpose: 1, step: 2, index: 1001)
        let first = a.next()
        #expect(first == b.next())
        #expect(first != c.next())
        let u = a.uniform()
        #expect(u >= 0 && u < 1)
    }
}
