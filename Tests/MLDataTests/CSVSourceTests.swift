import Foundation
import MLEngine
import Testing

@testable import MLData

/// Reading well-formed CSV files.
@Suite struct CSVSourceTests {
    @Test func headerNamesBOMQuotesCRLFAndBlankLines() throws {
        let files = try TestFiles()
        let text = "\u{FEFF}sepal length (cm),\"petal, width\", y \r\n"
            + "5.1,\"0.2\",0\r\n"
            + "\r\n"
            + "4.9 , 0.3,1\r\n"
            + "\"6\",  \"1e-1\" ,2\r\n"
            + "\n\n  \n"
        let path = try files.write("iris.csv", text)
        let source = try CSVSource(path: path, options: CSVOptions(label: "y"))
        #expect(source.columnNames == ["sepal length (cm)", "petal, width", "y"])
        #expect(source.schema == Schema(featureNames: ["sepal length (cm)", "petal, width"], labelName: "y"))
        let data = try source.load(options: ExecutionOptions(threads: 2)).data
        #expect(data.allRows == [[5.1, 0.2], [4.9, 0.3], [6, 0.1]])
        #expect(data.allLabels == [0, 1, 2])
        #expect(data.allWeights.isEmpty)
    }

    @Test func lastLineWithoutNewlineAndTabDelimiter() throws {
        let files = try TestFiles()
        let path = try files.write("t.tsv", "a\tb\n1\t2\n3\t4")
        let source = try CSVSource(path: path, options: CSVOptions(delimiter: UInt8(ascii: "\t")))
        #expect(try source.load(options: ExecutionOptions(threads: 1)).data.allRows == [[1, 2], [3, 4]])
    }

    @Test func featureSelectionOrderLabelAndWeight() throws {
        let files = try TestFiles()
        let path = try files.write("d.csv", "id,a,w,b,y,note\nx1,1,0.5,2,10,hello\nx2,3,2,4,20,\"not, a number\"\n")
        let options = CSVOptions(label: "y", weight: "w", features: ["b", "a"])
        let source = try CSVSource(path: path, options: options)
        #expect(source.schema == Schema(featureNames: ["b", "a"], labelName: "y", weightName: "w"))
        let data = try source.load(options: ExecutionOptions(threads: 1)).data
        // The columns `id` and `note` are text but unused, so never parsed.
        #expect(data.allRows == [[2, 1], [4, 3]])
        #expect(data.allLabels == [10, 20])
        #expect(data.allWeights == [0.5, 2])
    }

    @Test func defaultFeaturesAreAllOtherColumnsInFileOrder() throws {
        let files = try TestFiles()
        let path = try files.write("d.csv", "c,y,a,w,b\n1,2,3,4,5\n")
        let source = try CSVSource(path: path, options: CSVOptions(label: "y", weight: "w"))
        #expect(source.schema.featureNames == ["c", "a", "b"])
        #expect(try source.load(options: ExecutionOptions()).data.allRows == [[1, 3, 5]])
        let noLabel = try CSVSource(path: path, options: CSVOptions())
        #expect(noLabel.schema == Schema(featureNames: ["c", "y", "a", "w", "b"]))
    }

    /// A file with varied line lengths, as many tiny blocks and as one block.
    static func generatedCSV(rows: Int) -> (text: String, features: [[Double]], labels: [Double]) {
        var text = "x 1,x(2),\"x3\",label\n"
        var features: [[Double]] = []
        var labels: [Double] = []
        var generator = SeededRandom(seed: 7)
        for i in 0..<rows {
            let row = (0..<3).map { j in Double(Int(generator.next() % 2_000_001)) / 1000 - 1000 + Double(j) }
            features.append(row)
            labels.append(Double(i))
            text += row.map { "\($0)" }.joined(separator: i % 3 == 0 ? ", " : ",") + ",\(i)"
            text += i % 7 == 0 ? "\r\n" : "\n"
            if i % 50 == 0 { text += "\n" }
        }
        return (text, features, labels)
    }

    @Test(arguments: [16, 64, 1000, 4 << 20])
    func sameChunksOnEveryThreadCount(bytesPerBlock: Int) throws {
        let files = try TestFiles()
        let (text, features, labels) = Self.generatedCSV(rows: 500)
        let path = try files.write("g.csv", text)
        let options = CSVOptions(label: "label", bytesPerBlock: bytesPerBlock)
        let source = try CSVSource(path: path, options: options)
        let reference = try source.load(options: ExecutionOptions(threads: 1)).data
        #expect(reference.allRows == features)
        #expect(reference.allLabels == labels)
        if bytesPerBlock <= 64 { #expect(reference.chunks.count > 100) }
        for threads in [2, 8] {
            let data = try source.load(options: ExecutionOptions(threads: threads)).data
            #expect(data.chunks.map(\.rowArrays) == reference.chunks.map(\.rowArrays))
            #expect(data.chunks.map(\.labels) == reference.chunks.map(\.labels))
        }
        // A pass merges in a fixed tree: bit-identical sums on any thread count.
        var sums: [SumStatistics] = []
        for threads in [1, 2, 8] {
            let (statistics, report) = try source.pass(
                options: ExecutionOptions(threads: threads), shape: 3, compute: SumStatistics.init)
            #expect(report.rows == 500)
            #expect(report.skippedRows == 0)
            #expect(report.bytes == text.utf8.count - "x 1,x(2),\"x3\",label\n".utf8.count)
            sums.append(statistics)
        }
        #expect(sums[0].rows == 500)
        #expect(sums[0].labelSum == Double(499 * 500 / 2))
        #expect(sums.allSatisfy { $0 == sums[0] })
    }

    @Test func lineLongerThanTheBlockGrowsTheBuffer() throws {
        let files = try TestFiles()
        let names = (1...300).map { "feature number \($0)" }
        let values = (1...300).map { "\(Double($0) / 8)" }
        let text = names.joined(separator: ",") + "\n" + values.joined(separator: ",") + "\n"
            + values.reversed().joined(separator: ",") + "\n"
        let path = try files.write("wide.csv", text)
        let source = try CSVSource(path: path, options: CSVOptions(bytesPerBlock: 8))
        let data = try source.load(options: ExecutionOptions(threads: 2)).data
        let first: [Double] = (1...300).map { Double($0) / 8 }
        let expected: [[Double]] = [first, first.reversed()]
        #expect(data.allRows == expected)
    }

    @Test func forEachChunkInOrderDeliversFileOrder() throws {
        let files = try TestFiles()
        let (text, _, labels) = Self.generatedCSV(rows: 400)
        let path = try files.write("g.csv", text)
        let source = try CSVSource(path: path, options: CSVOptions(label: "label", bytesPerBlock: 40))
        for threads in [1, 2, 8] {
            var seen: [Double] = []
            let report = try source.forEachChunkInOrder(
                options: ExecutionOptions(threads: threads),
                transform: { chunk in
                    // Uneven work so that blocks finish out of order.
                    if Int(chunk.labels[0]) % 3 == 0 { usleep(200) }
                    return chunk.labels
                },
                consume: { seen += $0 })
            #expect(seen == labels)
            #expect(report.rows == 400)
            #expect(report.chunks > 50)
        }
    }

    @Test func forEachChunkInOrderRethrowsConsumeError() throws {
        struct Stop: Error {}
        let files = try TestFiles()
        let (text, _, _) = Self.generatedCSV(rows: 400)
        let path = try files.write("g.csv", text)
        let source = try CSVSource(path: path, options: CSVOptions(label: "label", bytesPerBlock: 40))
        var consumed = 0
        #expect(throws: Stop.self) {
            try source.forEachChunkInOrder(
                options: ExecutionOptions(threads: 4), transform: { $0.rowCount },
                consume: { _ in
                    consumed += 1
                    if consumed == 5 { throw Stop() }
                })
        }
        #expect(consumed == 5)
    }

    @Test func skipModeDropsAndCountsInvalidRows() throws {
        let files = try TestFiles()
        let text = "a,b,w,y\n1,2,1,3\nx,2,1,3\n1,,1,3\n1,2,-1,3\n1,2,1\n1,2,1,3,4\nnan,2,1,3\n1,2,1,inf\n4,5,2,6\n"
        let path = try files.write("s.csv", text)
        for (bytes, threads) in [(4 << 20, 1), (8, 8)] {
            let options = CSVOptions(label: "y", weight: "w", handleInvalid: .skip, bytesPerBlock: bytes)
            let source = try CSVSource(path: path, options: options)
            let (sums, report) = try source.pass(
                options: ExecutionOptions(threads: threads), shape: 2, compute: SumStatistics.init)
            #expect(report.rows == 2)
            #expect(report.skippedRows == 7)
            #expect(sums.featureSums == [5, 7])
            #expect(sums.weightSum == 3)
            let data = try source.load(options: ExecutionOptions(threads: threads)).data
            #expect(data.allRows == [[1, 2], [4, 5]])
        }
    }
}
