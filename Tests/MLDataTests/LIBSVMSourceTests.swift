import MLEngine
import Testing

@testable import MLData

/// Reading LIBSVM files into dense chunks.
@Suite struct LIBSVMSourceTests {
    static let text = "# a comment\n1 1:0.5 3:2\n\n0 2:-1\r\n  # indented comment\n-1\t1:1e-3\t4:7 \n"

    @Test(arguments: [(1, 4 << 20), (8, 5), (2, 16)])
    func readsDenseRowsWithScannedWidth(threads: Int, bytesPerBlock: Int) throws {
        let files = try TestFiles()
        let path = try files.write("d.libsvm", Self.text)
        let execution = ExecutionOptions(threads: threads)
        let source = try LIBSVMSource(path: path, options: LIBSVMOptions(bytesPerBlock: bytesPerBlock), execution: execution)
        #expect(source.schema == Schema(featureNames: ["1", "2", "3", "4"], labelName: "label"))
        let data = try source.load(options: execution).data
        let expected: [[Double]] = [[0.5, 0, 2, 0], [0, -1, 0, 0], [1e-3, 0, 0, 7]]
        #expect(data.allRows == expected)
        #expect(data.allLabels == [1, 0, -1])
        let (sums, report) = try source.pass(options: execution, shape: 4, compute: SumStatistics.init)
        #expect(report.rows == 3)
        #expect(sums.featureSums == [0.501, -1, 2, 7])
    }

    @Test func givenFeatureCountWidensAndBounds() throws {
        let files = try TestFiles()
        let path = try files.write("d.libsvm", Self.text)
        let wide = try LIBSVMSource(path: path, options: LIBSVMOptions(numFeatures: 6))
        #expect(try wide.load(options: ExecutionOptions()).data.allRows.map(\.count) == [6, 6, 6])
        let narrow = try LIBSVMSource(path: path, options: LIBSVMOptions(numFeatures: 3))
        #expect(throws: DataError.malformedLine(
            .init(file: path, line: 6, column: 11), reason: "expected a feature index ≤ numFeatures (3)", found: "4:7")
        ) { try narrow.load(options: ExecutionOptions(threads: 2)).data }
    }

    struct Case: Sendable, CustomStringConvertible {
        var line: String
        var column: Int
        var reason: String
        var found: String
        var description: String { line }
    }

    @Test(arguments: [
        Case(line: "x 1:2", column: 1, reason: "expected a finite number as the label", found: "x"),
        Case(line: "1 1:2 1:3", column: 7, reason: "expected feature indices in ascending order (after 1)", found: "1:3"),
        Case(line: "1 3:2 2:3", column: 7, reason: "expected feature indices in ascending order (after 3)", found: "2:3"),
        Case(line: "1 0:2", column: 3, reason: "expected a feature index ≥ 1 before ':'", found: "0:2"),
        Case(line: "1 a:2", column: 3, reason: "expected a feature index ≥ 1 before ':'", found: "a:2"),
        Case(line: "1 2", column: 3, reason: "expected index:value", found: "2"),
        Case(line: "1 2:nan", column: 3, reason: "expected a finite number after ':'", found: "2:nan"),
        Case(line: "1 2:", column: 3, reason: "expected a finite number after ':'", found: "2:"),
    ], [(1, 4 << 20), (8, 9)])
    func malformedLineAtExactPlace(_ c: Case, run: (threads: Int, bytesPerBlock: Int)) throws {
        let files = try TestFiles()
        let good = (0..<100).map { "\($0) 1:\($0) 2:1\n" }.joined()
        let path = try files.write("bad.libsvm", good + c.line + "\n" + good)
        let options = LIBSVMOptions(numFeatures: 5, bytesPerBlock: run.bytesPerBlock)
        let source = try LIBSVMSource(path: path, options: options)
        let expected = DataError.malformedLine(
            .init(file: path, line: 101, column: c.column), reason: c.reason, found: c.found)
        #expect(throws: expected) { try source.load(options: ExecutionOptions(threads: run.threads)).data }
        // The scan for the feature count reports the same place.
        #expect(throws: expected) {
            try LIBSVMSource(path: path, options: LIBSVMOptions(bytesPerBlock: run.bytesPerBlock),
                execution: ExecutionOptions(threads: run.threads))
        }
        // Skipping drops just that line.
        let skipping = try LIBSVMSource(path: path, options: LIBSVMOptions(numFeatures: 5, handleInvalid: .skip))
        let (sums, report) = try skipping.pass(options: ExecutionOptions(threads: 2), shape: 5, compute: SumStatistics.init)
        #expect(report.rows == 200)
        #expect(report.skippedRows == 1)
        #expect(sums.featureSums == [9900, 200, 0, 0, 0])
    }

    @Test func tooManyFeaturesAndEmptyFile() throws {
        let files = try TestFiles()
        let wide = try files.write("w.libsvm", "1 1:1 70000:2\n")
        #expect(throws: DataError.tooManyFeatures(file: wide, found: 70000, limit: 65_536)) {
            try LIBSVMSource(path: wide)
        }
        #expect(throws: DataError.tooManyFeatures(file: wide, found: 100_000, limit: 65_536)) {
            try LIBSVMSource(path: wide, options: LIBSVMOptions(numFeatures: 100_000))
        }
        let empty = try files.write("e.libsvm", "# only a comment\n\n")
        #expect(throws: DataError.emptyFile(file: empty)) { try LIBSVMSource(path: empty) }
    }
}
