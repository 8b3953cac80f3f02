import MLEngine
import MLNumerics
import Testing

@testable import MLData

/// What a pass over data in memory tells each chunk: its index, its global first row, and
/// its own state across passes.
@Suite struct ChunkContextTests {
    /// 23 rows whose only feature is the row's own index.
    static func indexedRows() throws -> Dataset {
        let n = 23
        return try Dataset(features: Matrix(rows: n, columns: 1, elements: (0..<n).map(Double.init)))
    }

    /// The global rows a pass saw, as (global row from the context, the row's value).
    struct SeenRows: PartialStatistics {
        var rows: [[Double]] = []
        init(zeroFor shape: Int) {}
        init(_ chunk: DataChunk, _ context: ChunkContext) throws {
            struct NoFirstRow: Error {}
            guard let first = context.firstRow else { throw NoFirstRow() }
            rows = (0..<chunk.rowCount).map { [Double(first + $0), chunk.features[$0, 0]] }
        }
        mutating func merge(_ other: SeenRows) { rows += other.rows }
    }

    @Test(arguments: [1, 3, 5, 8], [1, 2, 8])
    func globalFirstRowsDoNotDependOnChunking(chunks: Int, threads: Int) throws {
        let data = try Self.indexedRows().rechunked(into: chunks)
        #expect(data.chunks.count == chunks)
        let (seen, _) = try data.pass(options: ExecutionOptions(threads: threads), shape: 0) { chunk, context in
            try SeenRows(chunk, context)
        }
        // Every row is seen once, in order, at the global index that holds its value.
        #expect(seen.rows == (0..<23).map { [Double($0), Double($0)] })
    }

    @Test func chunkIndicesAreTheChunksPositions() throws {
        let data = try Self.indexedRows().rechunked(into: 5)
        struct Indices: PartialStatistics {
            var values: [Int] = []
            init(zeroFor shape: Int) {}
            init(_ index: Int) { values = [index] }
            mutating func merge(_ other: Indices) { values += other.values }
        }
        let (indices, _) = try data.pass(options: ExecutionOptions(threads: 2), shape: 0) { _, context in
            Indices(context.index)
        }
        #expect(indices.values == [0, 1, 2, 3, 4])
        #expect(data.firstRows == [0, 5, 10, 15, 19])
    }

    /// Each row's state counts the passes that visited it; the statistic sums the counts.
    @Test(arguments: [1, 3, 8], [1, 2, 8])
    func perChunkStateLivesAcrossPasses(chunks: Int, threads: Int) throws {
        let data = try Self.indexedRows().rechunked(into: chunks)
        var visits = data.chunkStates { chunk, _ in [Int](repeating: 0, count: chunk.rowCount) }
        struct Total: PartialStatistics {
            var value = 0
            init(zeroFor shape: Int) {}
            init(_ value: Int) { self.value = value }
            mutating func merge(_ other: Total) { value += other.value }
        }
        var totals: [Int] = []
        for _ in 0..<3 {
            let (total, _) = try data.pass(options: ExecutionOptions(threads: threads), shape: 0, states: &visits) {
                chunk, _, counts in
                for i in counts.indices { counts[i] += 1 }
                return Total(counts.reduce(0, +))
            }
            totals.append(total.value)
        }
        #expect(totals == [23, 46, 69])
        #expect(visits.map(\.count) == data.chunks.map(\.rowCount))
        #expect(visits.allSatisfy { $0.allSatisfy { $0 == 3 } })
    }

    @Test func stateKeptWhenComputeThrowsAndCountChecked() throws {
        let data = try Self.indexedRows().rechunked(into: 3)
        struct Failure: Error {}
        var states = [10, 20, 30]
        #expect(throws: ChunkFailure.self) {
            _ = try data.pass(options: ExecutionOptions(threads: 2), shape: 0, states: &states) {
                (_, context, state: inout Int) throws -> SeenRows in
                state += 1
                if context.index == 1 { throw Failure() }
                return SeenRows(zeroFor: 0)
            }
        }
        // Chunk 1's change survives its failure; chunk 2 may not have been handed out.
        #expect(states.count == 3 && states[0] == 11 && states[1] == 21 && [30, 31].contains(states[2]))
        var tooFew = [0, 0]
        #expect(throws: ChunkStateCountError(chunks: 3, states: 2)) {
            _ = try data.pass(options: ExecutionOptions(), shape: 0, states: &tooFew) { _, _, _ in
                SeenRows(zeroFor: 0)
            }
        }
    }

    @Test func streamingPassesGiveIndexButNoFirstRow() throws {
        let files = try TestFiles()
        let path = try files.write("a.csv", "a\n1\n2\n3\n")
        let source = try CSVSource(path: path, options: CSVOptions(bytesPerBlock: 2))
        struct FirstRows: PartialStatistics {
            var values: [Int?] = []
            init(zeroFor shape: Int) {}
            init(_ value: Int?) { values = [value] }
            mutating func merge(_ other: FirstRows) { values += other.values }
        }
        let (seen, _) = try source.pass(options: ExecutionOptions(threads: 2), shape: 0) { _, context in
            FirstRows(context.firstRow)
        }
        #expect(seen.values == [nil, nil, nil])
        let (loaded, report) = try source.load(options: ExecutionOptions(threads: 2))
        #expect(loaded.firstRows == [0, 1, 2])
        #expect(report.rows == 3 && report.bytes == 6 && report.passes == 1)
    }
}
