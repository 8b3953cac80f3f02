import Foundation
import MLEngine
import Testing

@testable import MLData

/// Every CSV error, at its exact line and column, on 1 and 8 threads with tiny blocks.
@Suite struct CSVErrorTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var text: String
        var label: String? = "y"
        var weight: String? = nil
        /// The expected error, for a file named `f.csv` in the test directory.
        var expected: @Sendable (String) -> DataError
        var description: String { name }
    }

    static let header = "a,b (cm),y\n1,2,3\n4,5,6\n\n"

    static let cases: [Case] = [
        Case(name: "text in a number column", text: header + "7,abc,9\n") { f in
            .invalidNumber(.init(file: f, line: 5, column: 2, columnName: "b (cm)"), found: "abc")
        },
        Case(name: "empty field", text: header + "7,8,9\n1,,2\n") { f in
            .invalidNumber(.init(file: f, line: 6, column: 2, columnName: "b (cm)"), found: "")
        },
        Case(name: "ragged row, too few", text: header + "7,8\n") { f in
            .wrongFieldCount(.init(file: f, line: 5, column: 3, columnName: "y"), expected: 3, found: 2)
        },
        Case(name: "ragged row, too many", text: header + "7,8,9,10\n") { f in
            .wrongFieldCount(.init(file: f, line: 5, column: 4), expected: 3, found: 4)
        },
        Case(name: "NaN label", text: header + "1,2,NaN\n") { f in
            .invalidNumber(.init(file: f, line: 5, column: 3, columnName: "y"), found: "NaN")
        },
        Case(name: "inf feature", text: header + "-inf,2,3\r\n") { f in
            .invalidNumber(.init(file: f, line: 5, column: 1, columnName: "a"), found: "-inf")
        },
        Case(name: "unterminated quote", text: header + "1,\"2,3\n4,5\",6\n") { f in
            .unterminatedQuote(.init(file: f, line: 5, column: 2, columnName: "b (cm)"))
        },
        Case(name: "negative weight", text: header + "1,2,3\n1,-0.5,3\n", weight: "b (cm)") { f in
            .negativeWeight(.init(file: f, line: 6, column: 2, columnName: "b (cm)"), found: "-0.5")
        },
        Case(name: "overflow", text: header + "1,1e400,3\n") { f in
            .invalidNumber(.init(file: f, line: 5, column: 2, columnName: "b (cm)"), found: "1e400")
        },
        Case(name: "long text is cut", text: header + "1,\(String(repeating: "z", count: 100)),3\n") { f in
            .invalidNumber(
                .init(file: f, line: 5, column: 2, columnName: "b (cm)"),
                found: String(repeating: "z", count: 40) + "…")
        },
    ]

    @Test(arguments: cases, [(1, 4 << 20), (1, 7), (8, 7), (8, 32)])
    func errorAtExactLineAndColumn(_ c: Case, run: (threads: Int, bytesPerBlock: Int)) throws {
        let files = try TestFiles()
        // Many good rows before the bad part, so that it falls in a late block.
        let padding = (0..<200).map { "\($0),\($0),\($0)\n" }.joined()
        let bad = Self.insert(padding, into: c.text)
        let path = try files.write("f.csv", bad)
        let options = CSVOptions(label: c.label, weight: c.weight, bytesPerBlock: run.bytesPerBlock)
        let source = try CSVSource(path: path, options: options)
        let expected = c.expected(path).shiftingLines(by: 200)
        #expect(throws: expected) {
            try source.pass(options: ExecutionOptions(threads: run.threads), shape: 2, compute: SumStatistics.init)
        }
        #expect(throws: expected) { try source.load(options: ExecutionOptions(threads: run.threads)).data }
    }

    /// Puts `padding` right after the header line.
    static func insert(_ padding: String, into text: String) -> String {
        guard let newline = text.firstIndex(of: "\n") else { return text }
        return String(text[...newline]) + padding + String(text[text.index(after: newline)...])
    }

    @Test func rowsBeforeTheErrorAreConsumedInOrder() throws {
        let files = try TestFiles()
        let rows = (0..<300).map { "\($0),1,1\n" }.joined()
        let path = try files.write("f.csv", "a,b,y\n" + rows + "1,x,1\n" + rows)
        let source = try CSVSource(path: path, options: CSVOptions(label: "y", bytesPerBlock: 50))
        var seen: [Double] = []
        #expect(throws: DataError.invalidNumber(.init(file: path, line: 302, column: 2, columnName: "b"), found: "x")) {
            try source.forEachChunkInOrder(
                options: ExecutionOptions(threads: 8), transform: { $0.features.elements },
                consume: { seen += $0.enumerated().filter { $0.offset % 2 == 0 }.map(\.element) })
        }
        // The blocks before the bad line's block were consumed, in order; its own were not.
        #expect(seen == (0..<seen.count).map(Double.init))
        #expect(seen.count > 250 && seen.count < 300)
    }

    @Test func emptyFile() throws {
        let files = try TestFiles()
        for text in ["", "\n\n", "\u{FEFF}"] {
            let path = try files.write("e.csv", text)
            #expect(throws: DataError.emptyFile(file: path)) { try CSVSource(path: path) }
        }
    }

    @Test func headerOnly() throws {
        let files = try TestFiles()
        for text in ["a,b\n", "a,b", "a,b\r\n\r\n  \n"] {
            let path = try files.write("h.csv", text)
            #expect(throws: DataError.noDataRows(file: path)) { try CSVSource(path: path) }
        }
    }

    @Test func allRowsSkipped() throws {
        let files = try TestFiles()
        let path = try files.write("s.csv", "a,y\nx,1\n2,\n")
        let source = try CSVSource(path: path, options: CSVOptions(label: "y", handleInvalid: .skip))
        #expect(throws: DataError.noUsableRows(file: path, skipped: 2)) {
            try source.pass(options: ExecutionOptions(threads: 2), shape: 1, compute: SumStatistics.init)
        }
    }

    @Test func missingFile() {
        #expect(throws: DataError.self) { try CSVSource(path: "/nonexistent/dir/x.csv") }
    }

    @Test func unknownAndDuplicateColumns() throws {
        let files = try TestFiles()
        let path = try files.write("u.csv", "a,b,y,b\n1,2,3,4\n")
        #expect(throws: DataError.unknownColumn(file: path, name: "price", role: "label", available: ["a", "b", "y", "b"])) {
            try CSVSource(path: path, options: CSVOptions(label: "price"))
        }
        #expect(throws: DataError.unknownColumn(file: path, name: "z", role: "feature", available: ["a", "b", "y", "b"])) {
            try CSVSource(path: path, options: CSVOptions(label: "y", features: ["a", "z"]))
        }
        #expect(throws: DataError.duplicateColumn(file: path, name: "b")) {
            try CSVSource(path: path, options: CSVOptions(label: "y"))
        }
        #expect(throws: DataError.duplicateColumn(file: path, name: "a")) {
            try CSVSource(path: path, options: CSVOptions(label: "a", features: ["a"]))
        }
        // A duplicated name that is not used does no harm.
        let source = try CSVSource(path: path, options: CSVOptions(label: "y", features: ["a"]))
        #expect(try source.load(options: ExecutionOptions()).data.allRows == [[1]])
    }

    @Test func messagesAreOneLineWithPlaceWhatAndFound() {
        let invalid = DataError.invalidNumber(.init(file: "train.csv", line: 17, column: 3, columnName: "bmi"), found: "abc")
        #expect(invalid.description.hasPrefix("train.csv:17:3: expected a finite number in column 'bmi', found \"abc\""))
        // The library speaks of its own option; the command-line tool words the remedy itself.
        #expect(invalid.description.hasSuffix("; fix the value or use handleInvalid: .skip to drop such rows"))
        #expect(invalid.remedy == .fixOrSkip(what: "the value"))
        #expect(!invalid.description.contains("--"))
        let unknown = DataError.unknownColumn(file: "t.csv", name: "price", role: "label", available: ["a", "b"])
        #expect(unknown.description == "t.csv: no column named 'price' for the label; available columns: 'a', 'b'")
        let ragged = DataError.wrongFieldCount(.init(file: "t.csv", line: 4, column: 3, columnName: "y"), expected: 3, found: 2)
        #expect(ragged.description.hasPrefix("t.csv:4:3: expected 3 fields as in the header, found 2"))
        let all: [DataError] = [
            .cannotOpen(file: "f", reason: "r"), .readFailed(file: "f", reason: "r"), .emptyFile(file: "f"),
            .noDataRows(file: "f"), .noUsableRows(file: "f", skipped: 3), .duplicateColumn(file: "f", name: "n"),
            .unterminatedQuote(.init(file: "f", line: 2, column: 1)),
            .negativeWeight(.init(file: "f", line: 2, column: 1, columnName: "w"), found: "-1"),
            .malformedLine(.init(file: "f", line: 2, column: 5), reason: "expected index:value", found: "3"),
            .tooManyFeatures(file: "f", found: 70_000, limit: 65_536), .shapeMismatch("x"),
            .invalidWeight(row: 1, value: -1), invalid, unknown, ragged,
        ]
        for error in all {
            #expect(!error.description.contains("\n"))
            #expect(!error.description.isEmpty)
        }
    }
}
