import Dispatch
import Foundation
import MLEngine

extension BlockPipeline {
    /// Parses and transforms blocks in parallel and hands the results to `consume` on the
    /// calling thread in file order, holding at most about `2 × threads` results that arrived
    /// early (workers that run further ahead wait).
    ///
    /// Results before a failing block are consumed, then the failure is thrown. When
    /// `consume` throws, the pass is cancelled and that error is rethrown.
    func forEachChunkInOrder<T: Sendable>(
        options: ExecutionOptions,
        transform: @escaping @Sendable (DataChunk) throws -> T,
        consume: (T) throws -> Void
    ) throws -> PassReport {
        let share = wholeFile
        let pass = try forEachBlockInOrder(share, options: options, transform: { try transform($0.chunk) }, consume: consume)
        try checkRows(pass.report)
        return pass.report
    }

    /// ``forEachChunkInOrder(options:transform:consume:)`` on the parsed blocks with rows,
    /// with what the parser gathered besides the chunk.
    func forEachBlockInOrder<T: Sendable>(
        _ share: Share,
        options: ExecutionOptions,
        transform: @escaping @Sendable (ParsedBlock) throws -> T,
        consume: (T) throws -> Void
    ) throws -> SharePass<Void> {
        let start = DispatchTime.now()
        let reader = try openReader(share)
        let tally = Tally()
        let buffer = ReorderBuffer<T>(window: 2 * options.threads)
        let pipeline = self

        // The pass runs on a background thread so that this thread can consume in order.
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            do {
                _ = try ParallelPass.run(
                    options: options, shape: 0,
                    next: { () throws(DataError) -> [UInt8]? in
                        buffer.isCancelled ? nil : try reader.next()
                    },
                    compute: { (block: [UInt8], index: Int) throws -> NoStatistics in
                        do {
                            let start = DispatchTime.now().uptimeNanoseconds
                            let parsed = try pipeline.parse(block, index: index, tally: tally)
                            let parsedAt = DispatchTime.now().uptimeNanoseconds
                            let result = parsed.chunk.rowCount > 0 ? try transform(parsed) : nil
                            let end = DispatchTime.now().uptimeNanoseconds
                            tally.time(parse: Double(parsedAt - start) / 1e9, compute: Double(end - parsedAt) / 1e9)
                            buffer.deposit(.success(result), index: index)
                        } catch {
                            buffer.deposit(.failure(error), index: index)
                            throw error
                        }
                        return NoStatistics(zeroFor: 0)
                    })
                buffer.finish(error: nil)
            } catch {
                buffer.finish(error: error)
            }
        }

        do {
            while let item = try buffer.take() {
                if let value = item { try consume(value) }
            }
        } catch let failure as OrderedFailure {
            buffer.cancel()
            group.wait()
            throw resolve(failure.underlying, chunkIndex: failure.chunkIndex, share: share, tally: tally)
                ?? failure.underlying
        } catch let failure as ChunkFailure {
            buffer.cancel()
            group.wait()
            throw resolve(failure, share: share, tally: tally)
        } catch {
            buffer.cancel()
            group.wait()
            throw error
        }
        group.wait()
        let report = tally.report(bytes: reader.bytesRead, since: start)
        return SharePass(statistics: (), report: report, lines: share.linesBefore + tally.lines(before: Int.max))
    }
}

/// The failure of block `chunkIndex`, met in order.
struct OrderedFailure: Error {
    let chunkIndex: Int
    let underlying: any Error
}

/// Statistics of nothing, for passes run only for their side effects (and reads whose
/// completion across ranks gathers nothing but the report).
struct NoStatistics: PartialStatistics {
    init(zeroFor shape: Int) {}
    mutating func merge(_ other: NoStatistics) {}
    func transferBytes() -> [UInt8] { [] }
    init(transferBytes: [UInt8], shape: Int) {}
}

/// Results of blocks that finish in any order, taken out in block order.
///
/// A block whose index is `window` or more ahead of the next one to consume waits before
/// depositing, which bounds the memory held; the next block to consume never waits, so the
/// consumer always makes progress. Failures are deposited regardless of the window.
final class ReorderBuffer<T: Sendable>: @unchecked Sendable {
    // Every stored property is read and written only while `condition` is locked.
    private let condition = NSCondition()
    private var ready: [Int: Result<T?, any Error>] = [:]
    private var nextToTake = 0
    private var lowestFailure = Int.max
    private var cancelled = false
    private var finished = false
    private var passError: (any Error)?
    private let window: Int

    init(window: Int) {
        self.window = max(1, window)
    }

    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// Stores the result of block `index`, waiting while it is too far ahead.
    func deposit(_ result: Result<T?, any Error>, index: Int) {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        if case .failure = result {
            lowestFailure = min(lowestFailure, index)
        } else {
            while index >= nextToTake + window, !cancelled, lowestFailure > index { condition.wait() }
            // A result behind an earlier failure, or after a cancel, will never be taken.
            if cancelled || lowestFailure < index { return }
        }
        ready[index] = result
    }

    /// The next result in order (`nil` inside for an empty block), or `nil` at the end.
    /// Throws the failure of the block, or of the pass when no block holds it.
    func take() throws -> T?? {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        while ready[nextToTake] == nil, !finished { condition.wait() }
        if let result = ready.removeValue(forKey: nextToTake) {
            nextToTake += 1
            switch result {
            case .success(let value): return .some(value)
            case .failure(let error): throw OrderedFailure(chunkIndex: nextToTake - 1, underlying: error)
            }
        }
        if let passError { throw passError }
        return nil
    }

    func finish(error: (any Error)?) {
        condition.lock()
        finished = true
        passError = error
        condition.broadcast()
        condition.unlock()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
