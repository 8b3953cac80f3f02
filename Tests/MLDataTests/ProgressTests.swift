import MLEngine
import Testing

@testable import MLData

/// What file sources report to progress displays.
@Suite struct ProgressTests {
    struct Rows: PartialStatistics {
        var count = 0
        init(zeroFor shape: Int) {}
        init(_ count: Int) { self.count = count }
        mutating func merge(_ other: Rows) { count += other.count }
    }

    @Test(arguments: [1, 2])
    func aPassReadsEveryDataByte(threads: Int) throws {
        let files = try TestFiles()
        let header = "a,y\n"
        let body = (0..<500).map { "\($0),\($0 * 2)\n" }.joined()
        let path = try files.write("p.csv", header + body)
        let source = try CSVSource(path: path, options: CSVOptions(label: "y", bytesPerBlock: 256))
        #expect(source.byteCount == body.utf8.count)
        let (rows, _) = try source.pass(options: ExecutionOptions(threads: threads), shape: 0) { Rows($0.rowCount) }
        #expect(rows.count == 500)
        #expect(source.bytesRead == source.byteCount)
    }
}
