import Foundation
import MLEngine
import Synchronization
import Testing

@testable import MLData

/// Categorical CSV columns: the same levels and codes on any chunking and thread count, in a
/// load and in a streaming pass.
@Suite struct CSVCategoricalTests {
    struct Fixture {
        var text: String
        var header: String
        var x: [Double] = []
        var colors: [String] = []
        var sizes: [String] = []
        var species: [String] = []
    }

    static let species = ["virginica", "setosa", "versicolor", "B", "a"]
    static let colors = ["red", "green", "blue", "Red"]
    static let sizes = ["2", "10", "1", "2.00", "3", "1e0"]

    /// Rows whose categorical values are written in varied ways: quoted, padded with blanks,
    /// CRLF line ends, blank lines; one color is first met in the last rows, and the size
    /// `1` is first written `1.0`.
    static func fixture(rows: Int) -> Fixture {
        let header = "\u{FEFF}x,color,size,species\r\n"
        var f = Fixture(text: header, header: header)
        var generator = SplitMix(seed: 5)
        for i in 0..<rows {
            let x = Double(i) / 4
            let color = i >= rows - 3 ? "zeta" : colors[Int(generator.next() % 4)]
            let size = i == 0 ? "1.0" : sizes[Int(generator.next() % 6)]
            let kind = species[Int(generator.next() % 5)]
            f.x.append(x)
            f.colors.append(color)
            f.sizes.append(size)
            f.species.append(kind)
            let writtenColor = i % 5 == 0 ? "\"\(color)\"" : i % 5 == 1 ? "  \(color) " : color
            let writtenKind = i % 4 == 0 ? " \"\(kind)\" " : kind
            f.text += "\(x),\(writtenColor),\(size),\(writtenKind)" + (i % 3 == 0 ? "\r\n" : "\n")
            if i % 40 == 0 { f.text += "\n" }
        }
        return f
    }

    static func options(bytesPerBlock: Int = CSVOptions.defaultBytesPerBlock) -> CSVOptions {
        CSVOptions(label: "species", categorical: ["species", "color", "size"], bytesPerBlock: bytesPerBlock)
    }

    @Test(arguments: [1, 3, 5, 8], [1, 2, 8])
    func sameLevelsAndCodesOnAnyChunkingAndThreadCount(blocks: Int, threads: Int) throws {
        let files = try TestFiles()
        let f = Self.fixture(rows: 300)
        let path = try files.write("c.csv", f.text)
        let dataBytes = f.text.utf8.count - f.header.utf8.count
        let source = try CSVSource(path: path, options: Self.options(bytesPerBlock: dataBytes / blocks + 1))
        let data = try source.load(options: ExecutionOptions(threads: threads)).data
        #expect(data.chunks.count >= blocks && data.chunks.count <= blocks + 1)

        // Byte order for text ('B' < 'R' < 'a'), numeric order for sizes, `1.0` as written first.
        let species = ["B", "a", "setosa", "versicolor", "virginica"]
        let colors = ["Red", "blue", "green", "red", "zeta"]
        // Each numeric level spelled as first written in row order (row 0 writes `1.0`).
        let sizes = [1.0, 2, 3, 10].map { (value: Double) -> String in f.sizes.first { Double($0) == value } ?? "?" }
        #expect(sizes[0] == "1.0")
        #expect(data.schema.classes == species)
        #expect(data.schema.featureKinds == [.numeric, .categorical(levels: colors), .categorical(levels: sizes)])
        // The codes of a naive row-by-row reading of the values the fixture wrote.
        let sizeCodes = f.sizes.map { value in sizes.firstIndex { Double($0) == Double(value) } ?? -1 }
        #expect(data.allLabels == f.species.map { Double(species.firstIndex(of: $0) ?? -1) })
        #expect(data.allRows.map { $0[0] } == f.x)
        #expect(data.allRows.map { $0[1] } == f.colors.map { Double(colors.firstIndex(of: $0) ?? -1) })
        #expect(data.allRows.map { $0[2] } == sizeCodes.map(Double.init))
        #expect(try source.resolvedSchema(options: ExecutionOptions()) == data.schema)
    }

    /// Rows in pass order, to compare a streaming pass with a load.
    struct CollectedRows: PartialStatistics {
        var rows: [[Double]] = []
        var labels: [Double] = []
        init(zeroFor shape: Int) {}
        init(_ chunk: DataChunk) {
            rows = chunk.rowArrays
            labels = chunk.labels
        }
        mutating func merge(_ other: CollectedRows) {
            rows += other.rows
            labels += other.labels
        }
    }

    @Test(arguments: [1, 2, 8])
    func streamingPassGivesTheCodesOfALoad(threads: Int) throws {
        let files = try TestFiles()
        let path = try files.write("c.csv", Self.fixture(rows: 300).text)
        let execution = ExecutionOptions(threads: threads)
        let fresh = try CSVSource(path: path, options: Self.options(bytesPerBlock: 200))
        // Before any read the levels are unknown.
        #expect(fresh.schema.classes == [])
        #expect(fresh.schema.featureKinds[1] == .categorical(levels: []))
        let (streamed, report) = try fresh.pass(options: execution, shape: 0, compute: CollectedRows.init)
        // The levels were found by a first pass over the file.
        #expect(report.passes == 2)
        #expect(report.rows == 300)

        let loaded = try CSVSource(path: path, options: Self.options(bytesPerBlock: 4 << 20))
            .load(options: execution).data
        #expect(streamed.rows == loaded.allRows)
        #expect(streamed.labels == loaded.allLabels)
        #expect(try fresh.resolvedSchema(options: execution) == loaded.schema)
        // Levels once known are kept: the next pass reads the file once.
        #expect(try fresh.pass(options: execution, shape: 0, compute: CollectedRows.init).1.passes == 1)

        var inOrder: [Double] = []
        _ = try fresh.forEachChunkInOrder(options: execution, transform: { $0.labels }, consume: { inOrder += $0 })
        #expect(inOrder == loaded.allLabels)
    }

    @Test func resolvingFromManyThreadsAtOnceGivesOneSchema() throws {
        let files = try TestFiles()
        let path = try files.write("c.csv", Self.fixture(rows: 200).text)
        let source = try CSVSource(path: path, options: Self.options(bytesPerBlock: 100))
        let schemas = Mutex<[Schema]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            if let schema = try? source.resolvedSchema(options: ExecutionOptions(threads: 2)) {
                schemas.withLock { $0.append(schema) }
            }
        }
        let all = schemas.withLock { $0 }
        #expect(all.count == 4)
        #expect(all.allSatisfy { $0 == all[0] })
        #expect(all[0].classes == ["B", "a", "setosa", "versicolor", "virginica"])
    }

    @Test func quotedValuesAreUnquotedAndUnquotedOnesTrimmed() throws {
        let files = try TestFiles()
        let text = "c,y\n\"a \"\"q\"\" b\",1\n  plain\t,2\n\" spaced \",3\n\"x\" tail,4\n\"a \"\"q\"\" b\",5\n"
        let path = try files.write("q.csv", text)
        let source = try CSVSource(path: path, options: CSVOptions(label: "y", categorical: ["c"]))
        let data = try source.load(options: ExecutionOptions(threads: 1)).data
        // `""` is one quote; blanks inside quotes stay; text after the closing quote makes the
        // whole (trimmed) field the value, as for numbers.
        let levels = [" spaced ", "\"x\" tail", "a \"q\" b", "plain"]
        #expect(data.schema.featureKinds == [.categorical(levels: levels)])
        #expect(data.allRows == [[2], [3], [0], [1], [2]])
    }

    @Test func aValueOnlyInDroppedRowsIsNoLevel() throws {
        let files = try TestFiles()
        // Row 2 is dropped (its x is no number) after its color was read; row 4 has too few
        // fields; `1.0` of the dropped row 3 must not name level 1.
        let text = "color,size,x\nred,2,1\npurple,5,abc\nblue,1.0,zz\ngreen,7\nred,1,2\n"
        let path = try files.write("s.csv", text)
        for bytes in [4 << 20, 8] {
            let options = CSVOptions(categorical: ["color", "size"], handleInvalid: .skip, bytesPerBlock: bytes)
            let source = try CSVSource(path: path, options: options)
            let (data, report) = try source.load(options: ExecutionOptions(threads: 2))
            #expect(report.skippedRows == 3)
            #expect(data.schema.featureKinds == [.categorical(levels: ["red"]), .categorical(levels: ["1", "2"]), .numeric])
            #expect(data.allRows == [[0, 1, 1], [0, 0, 2]])
            let fresh = try CSVSource(path: path, options: options)
            #expect(try fresh.resolvedSchema(options: ExecutionOptions(threads: 2)) == data.schema)
        }
    }

    @Test(arguments: [(1, 4 << 20), (8, 16)])
    func emptyCategoricalFieldIsMissing(threads: Int, bytesPerBlock: Int) throws {
        let files = try TestFiles()
        let rows = (0..<50).map { "\($0),\($0 % 2 == 0 ? "a" : "b")\n" }.joined()
        let path = try files.write("e.csv", "x,y\n" + rows + "1,  \n" + "2,\"\"\n" + rows)
        let options = CSVOptions(label: "y", categorical: ["y"], bytesPerBlock: bytesPerBlock)
        let execution = ExecutionOptions(threads: threads)
        let expected = DataError.emptyCategory(.init(file: path, line: 52, column: 2, columnName: "y"))
        #expect(throws: expected) { try CSVSource(path: path, options: options).load(options: execution) }
        #expect(throws: expected) {
            try CSVSource(path: path, options: options).pass(options: execution, shape: 1, compute: SumStatistics.init)
        }
        #expect(expected.description.contains("the field is empty in categorical column 'y'"))

        var skipping = options
        skipping.handleInvalid = .skip
        let (data, report) = try CSVSource(path: path, options: skipping).load(options: execution)
        #expect(report.skippedRows == 2)
        #expect(data.rowCount == 100)
        #expect(data.schema.classes == ["a", "b"])
    }

    @Test(arguments: [1, 8])
    func valueOutsideFixedLevelsIsAnError(threads: Int) throws {
        let files = try TestFiles()
        let path = try files.write("p.csv", "x,color\n1,red\n2,green\n3,blue\n4,red\n")
        let options = CSVOptions(levels: ["color": ["green", "red"]], bytesPerBlock: 8)
        let source = try CSVSource(path: path, options: options)
        // Fixed levels are known before any read.
        #expect(source.schema.featureKinds == [.numeric, .categorical(levels: ["green", "red"])])
        let expected = DataError.unknownCategory(
            .init(file: path, line: 4, column: 2, columnName: "color"), found: "blue", known: ["green", "red"])
        let execution = ExecutionOptions(threads: threads)
        #expect(throws: expected) { try source.load(options: execution) }
        #expect(throws: expected) {
            try source.forEachChunkInOrder(options: execution, transform: { $0 }, consume: { _ in })
        }
        #expect(expected.description.hasPrefix(
            "\(path):4:2: expected one of the known values of categorical column 'color' ('green', 'red'), found \"blue\""))
        #expect(expected.remedy == .fixOrSkip(what: "the value"))

        let skipping = try CSVSource(path: path, options: CSVOptions(
            levels: ["color": ["green", "red"]], handleInvalid: .skip, bytesPerBlock: 8))
        let (data, report) = try skipping.load(options: execution)
        #expect(report.skippedRows == 1)
        #expect(data.allRows == [[1, 1], [2, 0], [4, 1]])
    }

    @Test func numericFixedLevelsMatchByValue() throws {
        let files = try TestFiles()
        let path = try files.write("n.csv", "x,y\n1,1.0\n2,2\n3,1e0\n4,\"2.00\"\n5,3\n")
        let options = CSVOptions(label: "y", levels: ["y": ["1", "2"]], handleInvalid: .skip)
        let (data, report) = try CSVSource(path: path, options: options).load(options: ExecutionOptions())
        #expect(data.schema.classes == ["1", "2"])
        #expect(data.allLabels == [0, 1, 0, 1])
        #expect(report.skippedRows == 1)
    }

    @Test func manyKnownValuesAreCutAtTwenty() {
        let known = (1...25).map { "v\($0)" }
        let error = DataError.unknownCategory(.init(file: "f.csv", line: 3, column: 1, columnName: "c"), found: "w", known: known)
        #expect(error.description.contains("'v20' and 5 more"))
        #expect(!error.description.contains("'v21'"))
    }

    @Test func columnRoles() throws {
        let files = try TestFiles()
        let path = try files.write("r.csv", "a,w,y,note\n1,2,x,n\n")
        #expect(throws: DataError.categoricalWeight(file: path, name: "w")) {
            try CSVSource(path: path, options: CSVOptions(label: "y", weight: "w", categorical: ["w", "y"]))
        }
        #expect(throws: DataError.unknownColumn(
            file: path, name: "colour", role: "categorical column", available: ["a", "w", "y", "note"])) {
            try CSVSource(path: path, options: CSVOptions(label: "y", categorical: ["colour", "y"]))
        }
        // Levels from a model may name a column the file lacks (a label, when predicting),
        // and a categorical column that is not used is not read.
        let predicting = try CSVSource(path: path, options: CSVOptions(
            features: ["a"], categorical: ["note"], levels: ["label": ["p", "q"]]))
        #expect(predicting.schema == Schema(featureNames: ["a"]))
        #expect(try predicting.load(options: ExecutionOptions()).data.allRows == [[1]])
    }
}
