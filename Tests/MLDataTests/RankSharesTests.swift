import Foundation
import MLEngine
import MLNumerics
import Testing

@testable import MLData

/// Ranks simulated as threads (`InProcessRanks`): each reads its share of a CSV file, and the
/// passes, loads and errors come out as in one process.
@Suite struct RankSharesTests {
    /// Rows `i = 0 ..< n` of `x,y` with x = i and y = 2i + 1, with a blank line and CRLF
    /// endings here and there so that byte ranges cut at odd places.
    static func file(rows n: Int, in files: TestFiles, name: String = "data.csv") throws -> String {
        var text = "x,y\n"
        for i in 0..<n {
            text += "\(i),\(2 * i + 1)" + (i % 7 == 3 ? "\r\n" : "\n")
            if i % 11 == 5 { text += "\n" }
        }
        return try files.write(name, text)
    }

    static func options(_ communicator: any Communicator) -> ExecutionOptions {
        ExecutionOptions(threads: 2, communicator: communicator)
    }

    @Test(arguments: [1, 2, 3, 4, 7])
    func everyRowIsReadByExactlyOneRank(ranks: Int) throws {
        let files = try TestFiles()
        let path = try Self.file(rows: 100, in: files)
        let totals = try InProcessRanks(size: ranks).run { communicator in
            let source = try CSVSource(path: path, options: CSVOptions(label: "y", bytesPerBlock: 64))
            let (sums, report) = try source.pass(options: Self.options(communicator), shape: 1) { chunk in
                RowSums(chunk)
            }
            return [sums.rows, sums.xSum, sums.xSquares, Double(report.rows), Double(report.ranks)]
        }
        // Σi = 4950 and Σi² = 328350 over i < 100: each row once.
        for total in totals { #expect(total == [100, 4950, 328_350, 100, Double(ranks)]) }
    }

    @Test(arguments: [2, 3, 4])
    func aBadRowFailsEveryRankAtItsGlobalLine(ranks: Int) throws {
        let files = try TestFiles()
        var text = "x,y\n"
        for i in 0..<60 { text += i == 52 ? "52,oops\n" : "\(i),\(i)\n" }
        let path = try files.write("bad.csv", text)
        let outcomes = try InProcessRanks(size: ranks).run { communicator in
            do {
                let source = try CSVSource(path: path, options: CSVOptions(label: "y", bytesPerBlock: 32))
                _ = try source.pass(options: Self.options(communicator), shape: 1) { RowSums($0) }
                return "no error"
            } catch let error as DataError {
                return error.problem
            }
        }
        // The header is line 1, so row 52 is line 54; column 2 is 'y'.
        for outcome in outcomes { #expect(outcome.hasPrefix("\(path):54:2:"), "\(outcome)") }
    }

    @Test func moreRanksThanRowsIsNormal() throws {
        let files = try TestFiles()
        let path = try files.write("two.csv", "x,y\n1,3\n2,5\n")
        let totals = try InProcessRanks(size: 5).run { communicator in
            let source = try CSVSource(path: path, options: CSVOptions(label: "y"))
            let (sums, _) = try source.pass(options: Self.options(communicator), shape: 1) { RowSums($0) }
            let (data, _) = try source.load(options: Self.options(communicator))
            return [sums.rows, sums.xSum, Double(data.rowCount)]
        }
        #expect(totals.map { $0[0] } == Array(repeating: 2, count: 5))
        #expect(totals.map { $0[1] } == Array(repeating: 3, count: 5))
        #expect(totals.map { $0[2] }.reduce(0, +) == 2)
    }

    @Test(arguments: [1, 2, 3])
    func loadGivesGlobalFirstRowsAndLevelsMergedAcrossRanks(ranks: Int) throws {
        let files = try TestFiles()
        // Labels met first on later rows: 'b' in the first half, 'a' and 'c' later.
        var text = "x,class\n"
        for i in 0..<40 { text += "\(i),\(i < 20 ? "b" : i % 2 == 0 ? "c" : "a")\n" }
        let path = try files.write("labels.csv", text)
        let shares = try InProcessRanks(size: ranks).run { communicator in
            let source = try CSVSource(
                path: path, options: CSVOptions(label: "class", categorical: ["class"], bytesPerBlock: 40))
            let (data, _) = try source.load(options: Self.options(communicator))
            return Share(
                classes: data.schema.classes ?? [], firstRows: data.firstRows,
                x: data.chunks.flatMap { $0.features.elements }, labels: data.chunks.flatMap(\.labels))
        }
        for share in shares { #expect(share.classes == ["a", "b", "c"]) }
        // Concatenated in rank order, the shares are the file's rows with the global codes.
        let x = shares.flatMap(\.x), labels = shares.flatMap(\.labels)
        #expect(x == (0..<40).map(Double.init))
        #expect(labels == (0..<40).map { i in i < 20 ? 1.0 : i % 2 == 0 ? 2.0 : 0.0 })
        // Each chunk's first row counts the rows of the ranks before it.
        var row = 0
        for share in shares {
            #expect(share.firstRows.first.map { $0 == row } ?? true)
            row += share.x.count
        }
    }

    @Test(arguments: [1, 2, 3, 4])
    func severalFilesAreSharedByRank(ranks: Int) throws {
        let files = try TestFiles()
        let paths = try (0..<3).map { k in
            try files.write("part\(k).csv", "x,y\n" + (0..<10).map { "\(10 * k + $0),0\n" }.joined())
        }
        let totals = try InProcessRanks(size: ranks).run { communicator in
            let source = try CSVSource(paths: paths, options: CSVOptions(label: "y"))
            let (sums, _) = try source.pass(options: Self.options(communicator), shape: 1) { RowSums($0) }
            return [sums.rows, sums.xSum]
        }
        for total in totals { #expect(total == [30, 435]) }
    }

    @Test func filesWithAnotherHeaderAreRefused() throws {
        let files = try TestFiles()
        let a = try files.write("a.csv", "x,y\n1,2\n")
        let b = try files.write("b.csv", "x,z\n1,2\n")
        #expect(throws: DataError.headerMismatch(file: b, expected: ["x", "y"], found: ["x", "z"], reference: a)) {
            try CSVSource(paths: [a, b], options: CSVOptions(label: "y"))
        }
    }

    @Test func anErrorBeforeThePassIsTheLowestFailingRanksOnEveryRank() throws {
        let files = try TestFiles()
        let good = try files.write("good.csv", "x,y\n1,2\n")
        let outcomes = try InProcessRanks(size: 3).run { communicator in
            do {
                // Rank 1 alone names a missing file (as with per-node files).
                let path = communicator.rank == 1 ? good + ".missing" : good
                _ = try Self.options(communicator).collectively { try CSVSource(path: path) }
                return "opened"
            } catch {
                return "\(error)"
            }
        }
        #expect(outcomes.allSatisfy { $0.hasPrefix(good + ".missing: cannot open the file") }, "\(outcomes)")
    }

    @Test(arguments: [1, 2, 3])
    func aLIBSVMFilesFeatureCountIsTheLargestIndexOverTheRanks(ranks: Int) throws {
        let files = try TestFiles()
        // Only the last line, in the last rank's share, has feature 9.
        let lines = (0..<30).map { i in "\(i % 2) 1:\(i) 3:1" } + ["1 2:1 9:4.5"]
        let path = try files.write("data.libsvm", lines.joined(separator: "\n") + "\n")
        let results = try InProcessRanks(size: ranks).run { communicator in
            let options = Self.options(communicator)
            let source = try LIBSVMSource(path: path, execution: options)
            let (data, _) = try source.load(options: options)
            return [source.schema.featureCount, data.rowCount]
        }
        for result in results { #expect(result[0] == 9) }
        #expect(results.map { $0[1] }.reduce(0, +) == 31)
    }

    @Test func aDatasetBuiltOnEachRankNumbersItsRowsAfterTheRanksBefore() throws {
        let firstRows = try InProcessRanks(size: 3).run { communicator in
            // Rank r holds r + 2 rows.
            let rows = communicator.rank + 2
            let data = try Dataset(features: Matrix(rows: rows, columns: 1), labels: Array(repeating: 0, count: rows))
            return data.asRankShare(options: Self.options(communicator)).firstRows
        }
        #expect(firstRows == [[0], [2], [5]])
    }

    struct Share: Sendable {
        var classes: [String]
        var firstRows: [Int]
        var x: [Double]
        var labels: [Double]
    }

    /// Rows, Σx and Σx² of the first feature: sums, so they cross ranks in their flat form.
    struct RowSums: SummablePartialStatistics {
        var rows = 0.0, xSum = 0.0, xSquares = 0.0
        init(zeroFor shape: Int) {}
        init(_ chunk: DataChunk) {
            rows = Double(chunk.rowCount)
            for i in 0..<chunk.rowCount {
                xSum += chunk.features[i, 0]
                xSquares += chunk.features[i, 0] * chunk.features[i, 0]
            }
        }
        mutating func merge(_ other: RowSums) {
            rows += other.rows
            xSum += other.xSum
            xSquares += other.xSquares
        }
        func serialized() -> [Double] { [rows, xSum, xSquares] }
        init(serialized values: [Double], shape: Int) throws {
            guard values.count == 3 else {
                throw SerializedStatisticsError(type: "RowSums", expected: 3, found: values.count)
            }
            (rows, xSum, xSquares) = (values[0], values[1], values[2])
        }
    }
}
