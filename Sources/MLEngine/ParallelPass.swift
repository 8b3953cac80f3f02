import Dispatch
import Foundation
import MLNumerics
import Synchronization

/// Settings for running a pass over chunks.
public struct ExecutionOptions: Sendable, Hashable {
    /// Worker threads (≥ 1). Results do not depend on it.
    public var threads: Int
    /// The processes the pass runs on: ``LocalCommunicator/shared`` (this process alone) by
    /// default, an `MPICommunicator` under `mpirun`. Each rank passes over its own rows and
    /// the ranks combine their statistics, so fits need no other change.
    public var communicator: any Communicator

    public init(threads: Int? = nil, communicator: any Communicator = LocalCommunicator.shared) {
        self.threads = max(1, threads ?? ExecutionOptions.availableCores)
        self.communicator = communicator
    }

    public static func == (a: ExecutionOptions, b: ExecutionOptions) -> Bool {
        a.threads == b.threads && a.communicator === b.communicator
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(threads)
        hasher.combine(ObjectIdentifier(communicator))
    }

    /// The number of cores this process may use.
    public static var availableCores: Int {
        max(1, ProcessInfo.processInfo.activeProcessorCount)
    }
}

/// An error raised while processing chunk `chunkIndex` (or while producing it).
public struct ChunkFailure: Error {
    public let chunkIndex: Int
    public let underlying: any Error
}

/// One pass over a sequence of chunks: produce them in order, compute statistics on each in
/// parallel, and combine the results with a ``TreeReducer``.
///
/// `next` is called under a lock, one call at a time, and returns the next unit of work in
/// order (for example a block of file bytes) or `nil` at the end; keep it cheap. `compute`
/// runs on the workers. OpenBLAS runs single-threaded meanwhile, so one BLAS call per block
/// uses one core and the workers use them all.
///
/// On a failure no further work is handed out, the work already handed out completes, and
/// the failure of the lowest chunk index is thrown as a ``ChunkFailure`` — the same failure
/// on every thread count.
public enum ParallelPass {
    public static func run<Work: Sendable, Statistics: PartialStatistics>(
        options: ExecutionOptions,
        shape: Statistics.Shape,
        next: @escaping @Sendable () throws -> Work?,
        compute: @escaping @Sendable (_ work: Work, _ index: Int) throws -> Statistics
    ) throws -> Statistics {
        let reducer = TreeReducer<Statistics>(shape: shape)
        let state = Mutex(DispatchState())

        let worker: @Sendable (Int) -> Void = { _ in
            while true {
                let claimed: (Work, Int)? = state.withLock { s in
                    guard s.failure == nil, !s.exhausted else { return nil }
                    let index = s.nextIndex
                    do {
                        guard let work = try next() else {
                            s.exhausted = true
                            return nil
                        }
                        s.nextIndex += 1
                        return (work, index)
                    } catch {
                        s.record(ChunkFailure(chunkIndex: index, underlying: error))
                        return nil
                    }
                }
                guard let (work, index) = claimed else { return }
                do {
                    let statistics = try compute(work, index)
                    try reducer.add(statistics, index: index)
                } catch {
                    state.withLock { $0.record(ChunkFailure(chunkIndex: index, underlying: error)) }
                }
            }
        }

        try BLASThreads.singleThreaded { () throws(ChunkFailure) in
            let threads = options.threads
            if threads == 1 {
                worker(0)
            } else {
                DispatchQueue.concurrentPerform(iterations: threads, execute: worker)
            }
            if let failure = state.withLock({ $0.failure }) { throw failure }
        }
        return try reducer.result()
    }

    /// Runs a pass over chunks already in memory, handing `compute` each chunk's own state
    /// value, which it may change and which the next pass over the same chunks receives
    /// (for example each row's cluster and distance bounds, or its tree node).
    ///
    /// `states` holds one value per chunk, in chunk order. During the pass each value is
    /// moved to the one worker computing its chunk and moved back afterwards (also when
    /// `compute` throws), so a state is never copied, never shared between threads, and
    /// changing it in place does not reallocate its storage.
    ///
    /// - Throws: ``ChunkStateCountError`` when `states` and `chunks` differ in length, and the
    ///   lowest-index ``ChunkFailure`` of the pass.
    public static func run<Chunk: Sendable, State: Sendable, Statistics: PartialStatistics>(
        over chunks: [Chunk],
        states: inout [State],
        options: ExecutionOptions,
        shape: Statistics.Shape,
        compute: @escaping @Sendable (_ chunk: Chunk, _ index: Int, _ state: inout State) throws -> Statistics
    ) throws -> Statistics {
        guard states.count == chunks.count else {
            throw ChunkStateCountError(chunks: chunks.count, states: states.count)
        }
        // Move the values out of `states` (no element keeps a second reference), one slot
        // per chunk that a worker empties while it holds the state.
        var moving = states
        states = []
        moving.reverse()
        var slots = [State?]()
        slots.reserveCapacity(moving.count)
        while let state = moving.popLast() { slots.append(state) }
        let store = Mutex(slots)
        defer {
            states = store.withLock { slots in slots.compactMap { $0 } }
        }
        return try run(over: Array(chunks.indices), options: options, shape: shape) { index, _ in
            guard var state = store.withLock({ $0[index].take() }) else {
                throw ChunkStateCountError(chunks: chunks.count, states: index)
            }
            defer { store.withLock { $0[index] = state } }
            return try compute(chunks[index], index, &state)
        }
    }

    /// Runs a pass over chunks already in memory.
    public static func run<Chunk: Sendable, Statistics: PartialStatistics>(
        over chunks: [Chunk],
        options: ExecutionOptions,
        shape: Statistics.Shape,
        compute: @escaping @Sendable (_ chunk: Chunk, _ index: Int) throws -> Statistics
    ) throws -> Statistics {
        let cursor = Mutex(0)
        return try run(
            options: options, shape: shape,
            next: {
                cursor.withLock { i -> Chunk? in
                    guard i < chunks.count else { return nil }
                    defer { i += 1 }
                    return chunks[i]
                }
            },
            compute: compute)
    }
}

private struct DispatchState: ~Copyable {
    var nextIndex = 0
    var exhausted = false
    var failure: ChunkFailure?

    mutating func record(_ newFailure: ChunkFailure) {
        if let failure, failure.chunkIndex <= newFailure.chunkIndex { return }
        failure = newFailure
    }
}

/// A per-chunk state array whose length is not the number of chunks of the pass.
public struct ChunkStateCountError: Error, Hashable, Sendable, CustomStringConvertible {
    public let chunks: Int
    public let states: Int
    public init(chunks: Int, states: Int) {
        self.chunks = chunks
        self.states = states
    }
    public var description: String {
        "a pass over \(chunks) chunks was given \(states) per-chunk states; make one state per chunk"
    }
}
