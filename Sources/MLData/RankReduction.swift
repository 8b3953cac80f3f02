import Dispatch
import Foundation
import MLEngine

/// Where a pass that ran on several processes comes together: every rank has computed the
/// statistics of its own rows; `RankReduction` combines them across the ranks of
/// ``ExecutionOptions/communicator`` so that every rank holds the same bits, or makes every
/// rank fail with the same error. In a single process it returns the local result unchanged.
///
/// Two collective steps, each taken by every rank whatever happened locally, so no rank waits
/// for one that gave up:
///
/// 1. **Status.** Every rank sends whether its pass succeeded, the lines its rows cover and its
///    report. If any failed, the lowest failing rank — whose rows come first in the data —
///    turns its error into a global one (its lines moved down by the lines of the ranks
///    before it, an exclusive prefix sum) and broadcasts it; every rank throws that error.
/// 2. **Statistics.** Otherwise the ranks' ``PartialStatistics/transferBytes()`` are merged in
///    the communicator's tree fixed by rank (``Communicator/reduceToAll(_:combine:)``) and every
///    rank rebuilds the root's bytes.
///
/// The combined report sums rows, bytes, chunks and worker seconds over the ranks, takes the
/// slowest rank's wall time (plus the time to combine) and counts the bytes this rank
/// communicated.
enum RankReduction {
    /// One rank's pass: its statistics, report and the lines its rows cover in the file the
    /// ranks share (0 when the ranks read separate files), or its error.
    typealias Outcome<Statistics> = Result<(statistics: Statistics, report: PassReport, lines: Int), any Error>

    static func complete<Statistics: PartialStatistics>(
        _ local: Outcome<Statistics>, shape: Statistics.Shape, options: ExecutionOptions
    ) throws -> (Statistics, PassReport) {
        let (statistics, report, _) = try completeRead(local, shape: shape, options: options)
        return (statistics, report)
    }

    /// ``complete(_:shape:options:)`` for a read into memory: also the global index of this
    /// rank's first row, the rows of the ranks before it, which the status step already
    /// exchanged.
    static func completeRead<Statistics: PartialStatistics>(
        _ local: Outcome<Statistics>, shape: Statistics.Shape, options: ExecutionOptions
    ) throws -> (statistics: Statistics, report: PassReport, firstRow: Int) {
        let communicator = options.communicator
        guard communicator.isDistributed else {
            let (statistics, report, _) = try local.get()
            return (statistics, report, 0)
        }
        let start = DispatchTime.now()
        let bytesBefore = communicator.bytesCommunicated
        var (report, firstRow) = try agreeOnStatus(local, communicator: communicator)
        guard case .success(let (statistics, _, _)) = local else {
            throw RankFailure(rank: communicator.rank, message: "the pass failed on this rank")
        }

        // Step 2: one message per rank, a tag byte (0: statistics, 1: a failure to encode or
        // merge them, with its text) and the bytes.
        var message: [UInt8]
        do { message = [0] + (try statistics.transferBytes()) } catch { message = [1] + Array("\(error)".utf8) }
        let root = communicator.reduceToAll(message) { left, right in
            guard left.first == 0 else { return }
            guard right.first == 0 else {
                left = right
                return
            }
            do {
                var merged = try Statistics(transferBytes: Array(left.dropFirst()), shape: shape)
                try merged.merge(Statistics(transferBytes: Array(right.dropFirst()), shape: shape))
                left = [0] + (try merged.transferBytes())
            } catch {
                left = [1] + Array("\(error)".utf8)
            }
        }
        guard root.first == 0 else {
            throw RankFailure(rank: nil, message: String(decoding: root.dropFirst(), as: UTF8.self))
        }
        let result = try Statistics(transferBytes: Array(root.dropFirst()), shape: shape)
        report.seconds += Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        report.communicatedBytes += communicator.bytesCommunicated - bytesBefore
        return (result, report, firstRow)
    }

    /// Runs `body` on every rank and fails every rank with the lowest failing rank's error if
    /// any fails — for steps before a pass (opening a file, reading its header), whose errors
    /// would otherwise leave the other ranks waiting in the pass.
    static func agree<T>(_ options: ExecutionOptions, _ body: () throws -> T) throws -> T {
        let result = Result { try body() }
        guard options.communicator.isDistributed else { return try result.get() }
        let outcome: Outcome<Void> = result.map { _ in ((), PassReport(passes: 0), 0) }
        _ = try agreeOnStatus(outcome, communicator: options.communicator)
        return try result.get()
    }

    /// Step 1: exchanges every rank's status and returns the combined report and the rows of
    /// the ranks before this one, or throws the lowest failing rank's error on every rank.
    private static func agreeOnStatus<Statistics>(
        _ local: Outcome<Statistics>, communicator: any Communicator
    ) throws -> (report: PassReport, rowsBefore: Int) {
        var writer = ByteWriter()
        switch local {
        case .success(let (_, report, lines)):
            writer.write(0)
            writer.write(lines)
            write(report, to: &writer)
        case .failure:
            writer.write(1)
            writer.write(0)
            write(PassReport(passes: 0), to: &writer)
        }
        var statuses: [(failed: Bool, lines: Int, report: PassReport)] = []
        for bytes in communicator.allGather(writer.bytes) {
            var reader = ByteReader(bytes)
            statuses.append((try reader.readInt() != 0, try reader.readInt(), try readReport(&reader)))
        }
        if let failed = statuses.firstIndex(where: \.failed) {
            let linesBefore = statuses[..<failed].reduce(0) { $0 + $1.lines }
            var said: [UInt8] = []
            if communicator.rank == failed, case .failure(let error) = local {
                said = encode(error, linesBefore: linesBefore)
            }
            throw decode(communicator.broadcast(said, from: failed), rank: failed)
        }
        var total = PassReport(passes: statuses.map(\.report.passes).max() ?? 1)
        for (_, _, report) in statuses {
            total.rows += report.rows
            total.skippedRows += report.skippedRows
            total.bytes += report.bytes
            total.chunks += report.chunks
            total.seconds = max(total.seconds, report.seconds)
            total.parseSeconds += report.parseSeconds
            total.computeSeconds += report.computeSeconds
        }
        total.ranks = communicator.size
        return (total, statuses[..<communicator.rank].reduce(0) { $0 + $1.report.rows })
    }

    /// A failing rank's error for the others: a ``DataError`` as itself, at its global line
    /// (tag 1, JSON), anything else as its text (tag 0).
    private static func encode(_ error: any Error, linesBefore: Int) -> [UInt8] {
        if let error = error as? DataError {
            let encoder = JSONEncoder()
            encoder.nonConformingFloatEncodingStrategy = .convertToString(
                positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            if let json = try? encoder.encode(error.shiftingLines(by: linesBefore)) { return [1] + Array(json) }
        }
        return [0] + Array("\(error)".utf8)
    }

    private static func decode(_ bytes: [UInt8], rank: Int) -> any Error {
        if bytes.first == 1 {
            let decoder = JSONDecoder()
            decoder.nonConformingFloatDecodingStrategy = .convertFromString(
                positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            if let error = try? decoder.decode(DataError.self, from: Data(bytes.dropFirst())) { return error }
        }
        return RankFailure(rank: rank, message: String(decoding: bytes.dropFirst(), as: UTF8.self))
    }

    private static func write(_ report: PassReport, to writer: inout ByteWriter) {
        for value in [report.rows, report.skippedRows, report.bytes, report.chunks, report.passes] { writer.write(value) }
        for value in [report.seconds, report.parseSeconds, report.computeSeconds] { writer.write(value) }
    }

    private static func readReport(_ reader: inout ByteReader) throws -> PassReport {
        let counts = try (0..<5).map { _ in try reader.readInt() }
        let times = try (0..<3).map { _ in try reader.readDouble() }
        return PassReport(
            rows: counts[0], skippedRows: counts[1], bytes: counts[2], chunks: counts[3], seconds: times[0],
            parseSeconds: times[1], computeSeconds: times[2], passes: counts[4])
    }
}

extension ExecutionOptions {
    /// Runs `body` on every rank of ``communicator`` and, if it throws on any, throws the
    /// lowest failing rank's error on every rank: for steps before a pass, such as opening a
    /// file, whose failure on one rank would otherwise leave the others waiting in the pass.
    /// In a single process it just runs `body`.
    public func collectively<T>(_ body: () throws -> T) throws -> T {
        try RankReduction.agree(self, body)
    }
}
