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
        var generator = SeededGenerator(seed: 42)
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

/// SplitMix64, for reproducible shuffles in tests.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
