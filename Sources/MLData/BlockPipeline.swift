#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Dispatch
import MLEngine
import Synchronization

/// The rows parsed from one block of text lines.
struct ParsedBlock: Sendable {
    var chunk: DataChunk
    /// Lines in the block, blank and skipped ones included.
    var lines: Int
    /// Rows dropped as invalid (`handleInvalid: .skip`).
    var skipped: Int
    /// The largest feature index seen (LIBSVM's scan for the feature count).
    var maxIndex = 0
    /// Per categorical CSV column, the values the block met in first-occurrence order, whose
    /// indices its chunk holds (empty for columns with fixed levels).
    var categories: [ByteInterner] = []
}

/// A ``DataError`` raised inside a block, whose line numbers count from the block's first
/// line (1-based) because the lines of the blocks before it may still be being counted.
struct BlockError: Error {
    var error: DataError
}

/// Streams a text file through a block parser in parallel: the part CSV and LIBSVM share.
///
/// Blocks are read in order under the engine's lock (I/O only) and parsed on the workers.
/// Each parsed block records its line count; an error in block `i` is located within its
/// block, and its absolute line is resolved after the pass from the counts of blocks
/// `0..<i` — which the engine guarantees were handed out and have completed — so the error
/// reported is the same on any number of threads.
struct BlockPipeline: Sendable {
    /// The file, as named in errors.
    let path: String
    /// Bytes before the first data line (a header).
    let dataOffset: Int
    /// Lines before the first data line.
    let linesBefore: Int
    let bytesPerBlock: Int
    /// A `var` so that a copy can parse with other settings (levels found by a scan) while
    /// sharing the progress counter.
    var parse: @Sendable (UnsafeBufferPointer<UInt8>) throws(BlockError) -> ParsedBlock
    /// Bytes read by the pass under way, for progress displays.
    let progress = ReadProgress()

    /// A counter the reader of each pass advances; a new pass starts it again.
    final class ReadProgress: Sendable {
        private let bytes = Atomic<Int>(0)
        var value: Int { bytes.load(ordering: .relaxed) }
        func reset() { bytes.store(0, ordering: .relaxed) }
        func add(_ count: Int) { bytes.add(count, ordering: .relaxed) }
    }

    /// Counts gathered while a pass runs.
    final class Tally: Sendable {
        private struct Counts {
            var linesPerBlock: [Int] = []
            var rows = 0
            var skipped = 0
            var blocks = 0
            var parseSeconds = 0.0
            var computeSeconds = 0.0
        }
        private let counts = Mutex(Counts())

        func record(_ block: ParsedBlock, index: Int) {
            counts.withLock { c in
                if c.linesPerBlock.count <= index {
                    c.linesPerBlock.append(contentsOf: repeatElement(0, count: index + 1 - c.linesPerBlock.count))
                }
                c.linesPerBlock[index] = block.lines
                c.rows += block.chunk.rowCount
                c.skipped += block.skipped
                c.blocks += 1
            }
        }

        /// Adds one worker's time on one block.
        func time(parse: Double, compute: Double) {
            counts.withLock {
                $0.parseSeconds += parse
                $0.computeSeconds += compute
            }
        }

        /// Lines in blocks `0..<index`.
        func lines(before index: Int) -> Int {
            counts.withLock { $0.linesPerBlock.prefix(index).reduce(0, +) }
        }

        func report(bytes: Int, since start: DispatchTime) -> PassReport {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            return counts.withLock {
                PassReport(
                    rows: $0.rows, skippedRows: $0.skipped, bytes: bytes, chunks: $0.blocks, seconds: seconds,
                    parseSeconds: $0.parseSeconds, computeSeconds: $0.computeSeconds)
            }
        }
    }

    /// The bytes of the file one pass reads and the lines before them: the whole file after
    /// its header, or one rank's byte range (``share(rank:of:)``).
    struct Share: Sendable, Hashable {
        var bytes: Range<Int>
        /// Lines before `bytes.lowerBound` that error locations count: the header's on the
        /// share that starts with the data; 0 on a later rank's, whose lines the ranks before
        /// it count (see `RankReduction`).
        var linesBefore: Int
    }

    /// Everything after the header.
    var wholeFile: Share {
        Share(bytes: dataOffset..<max(dataOffset, fileSize()), linesBefore: linesBefore)
    }

    func openReader(_ share: Share) throws(DataError) -> TextBlockReader {
        progress.reset()
        return try TextBlockReader(
            path: path, offset: share.bytes.lowerBound, end: share.bytes.upperBound, bytesPerBlock: bytesPerBlock,
            progress: progress)
    }

    /// Bytes a whole pass reads: the file's size less the header.
    func dataByteCount() -> Int { max(0, fileSize() - dataOffset) }

    /// The file's size in bytes (0 when it cannot be read; opening it then reports why).
    func fileSize() -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        return Int(info.st_size)
    }

    /// Parses block `index` and records its counts.
    func parse(_ block: [UInt8], index: Int, tally: Tally) throws(BlockError) -> ParsedBlock {
        let parse = self.parse
        let parsed = try block.withUnsafeBufferPointer { (bytes) throws(BlockError) in try parse(bytes) }
        tally.record(parsed, index: index)
        return parsed
    }

    /// What one pass over a share computed: the merged statistics, the report, and the lines
    /// the share covers (blank and skipped ones included, and ``Share/linesBefore``).
    struct SharePass<Statistics: Sendable>: Sendable {
        var statistics: Statistics
        var report: PassReport
        var lines: Int
    }

    /// One pass over `share` with `compute` on every parsed block, empty ones included. A
    /// share without rows is not an error here: whether the pass found any row is decided over
    /// every share and rank (``checkRows(_:)``).
    func passOverBlocks<Statistics: PartialStatistics>(
        _ share: Share, options: ExecutionOptions, shape: Statistics.Shape,
        compute: @escaping @Sendable (ParsedBlock, Int) throws -> Statistics
    ) throws -> SharePass<Statistics> {
        let start = DispatchTime.now()
        let reader = try openReader(share)
        let tally = Tally()
        let pipeline = self
        let result: Statistics
        do {
            result = try ParallelPass.run(
                options: options, shape: shape,
                next: { () throws(DataError) in try reader.next() },
                compute: { block, index in
                    let start = DispatchTime.now().uptimeNanoseconds
                    let parsed = try pipeline.parse(block, index: index, tally: tally)
                    let parsedAt = DispatchTime.now().uptimeNanoseconds
                    let statistics = try compute(parsed, index)
                    let end = DispatchTime.now().uptimeNanoseconds
                    tally.time(parse: Double(parsedAt - start) / 1e9, compute: Double(end - parsedAt) / 1e9)
                    return statistics
                })
        } catch let failure as ChunkFailure {
            throw resolve(failure, share: share, tally: tally)
        }
        let report = tally.report(bytes: reader.bytesRead, since: start)
        return SharePass(statistics: result, report: report, lines: share.linesBefore + tally.lines(before: Int.max))
    }

    /// Fails when a pass found no row to use.
    func checkRows(_ report: PassReport) throws(DataError) {
        guard report.rows == 0 else { return }
        if report.skippedRows == 0 { throw .noDataRows(file: path) }
        throw .noUsableRows(file: path, skipped: report.skippedRows)
    }

    /// The error to show for a failed chunk: a data error at its absolute line, a read
    /// error as it is, and anything else (a failure of the caller's code) unchanged.
    func resolve(_ failure: ChunkFailure, share: Share, tally: Tally) -> any Error {
        resolve(failure.underlying, chunkIndex: failure.chunkIndex, share: share, tally: tally) ?? failure
    }

    /// `error` raised in chunk `chunkIndex` as a ``DataError`` at its absolute line, or `nil`
    /// when it is not a data error.
    func resolve(_ error: any Error, chunkIndex: Int, share: Share, tally: Tally) -> DataError? {
        switch error {
        case let located as BlockError:
            return located.error.shiftingLines(by: share.linesBefore + tally.lines(before: chunkIndex))
        case let error as DataError:
            return error
        default:
            return nil
        }
    }
}

extension DataError {
    /// The same error with its line moved down by `offset` lines.
    func shiftingLines(by offset: Int) -> DataError {
        func moved(_ location: Location) -> Location {
            var location = location
            location.line += offset
            return location
        }
        switch self {
        case .invalidNumber(let l, let found): return .invalidNumber(moved(l), found: found)
        case .wrongFieldCount(let l, let expected, let found):
            return .wrongFieldCount(moved(l), expected: expected, found: found)
        case .unterminatedQuote(let l): return .unterminatedQuote(moved(l))
        case .negativeWeight(let l, let found): return .negativeWeight(moved(l), found: found)
        case .malformedLine(let l, let reason, let found):
            return .malformedLine(moved(l), reason: reason, found: found)
        case .emptyCategory(let l): return .emptyCategory(moved(l))
        case .unknownCategory(let l, let found, let known): return .unknownCategory(moved(l), found: found, known: known)
        default: return self
        }
    }
}
