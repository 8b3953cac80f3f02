import Foundation
import Synchronization

/// `size` ranks as threads of one process, for testing distributed code without MPI: run one
/// thread per rank, each with its own ``communicator(rank:)``, and every collective meets the
/// others' as MPI's would. ``Communicator/reduceToAll(_:combine:)`` folds in the same binomial tree as
/// `MPICommunicator` (rank `r` takes in `r + 2ˢ` at step `s`).
///
/// ```swift
/// let ranks = InProcessRanks(size: 4)
/// let models = try ranks.run { communicator in
///     try LinearRegression().fit(source, options: ExecutionOptions(threads: 1, communicator: communicator))
/// }
/// ```
public final class InProcessRanks: Sendable {
    public let size: Int
    /// The messages of each collective (numbered per rank, in the order the rank calls them).
    private let board = Mutex<[Int: [Int: [UInt8]]]>([:])
    private let arrived = NSCondition()

    public init(size: Int) {
        self.size = max(1, size)
    }

    /// The communicator of rank `rank`.
    public func communicator(rank: Int) -> any Communicator { Rank(group: self, rank: rank) }

    /// Runs `body` on `size` threads, one per rank, and returns each rank's result in rank
    /// order (or rethrows the lowest rank's error).
    ///
    /// Each rank gets a thread of its own (not a pool's): the ranks wait for each other in
    /// every collective, so all of them must run at once, whatever the core count.
    public func run<T: Sendable>(_ body: @escaping @Sendable (any Communicator) throws -> T) throws -> [T] {
        let results = Mutex<[Int: Result<T, any Error>]>([:])
        let finished = DispatchGroup()
        for rank in 0..<size {
            finished.enter()
            let thread = Thread { [self] in
                let result = Result { try body(communicator(rank: rank)) }
                results.withLock { $0[rank] = result }
                finished.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        finished.wait()
        return try results.withLock { all in
            try (0..<size).map { try (all[$0] ?? .failure(RankFailure(rank: $0, message: "did not run"))).get() }
        }
    }

    /// Posts `message` as rank `rank`'s part of collective `number` and returns every rank's
    /// part once all have arrived.
    fileprivate func exchange(_ message: [UInt8], rank: Int, number: Int) -> [[UInt8]] {
        board.withLock { $0[number, default: [:]][rank] = message }
        arrived.lock()
        arrived.broadcast()
        while board.withLock({ $0[number]?.count ?? 0 }) < size { arrived.wait() }
        arrived.unlock()
        return board.withLock { all in (0..<size).map { all[number]?[$0] ?? [] } }
    }

    private final class Rank: Communicator {
        let group: InProcessRanks
        let rank: Int
        private let collectives = Mutex(0)
        private let traffic = Atomic<Int>(0)

        init(group: InProcessRanks, rank: Int) {
            self.group = group
            self.rank = rank
        }

        var size: Int { group.size }
        var bytesCommunicated: Int { traffic.load(ordering: .relaxed) }

        private func exchange(_ message: [UInt8]) -> [[UInt8]] {
            let number = collectives.withLock { n in
                defer { n += 1 }
                return n
            }
            traffic.add(message.count, ordering: .relaxed)
            return group.exchange(message, rank: rank, number: number)
        }

        func reduceToAll(_ message: [UInt8], combine: (inout [UInt8], [UInt8]) -> Void) -> [UInt8] {
            var parts = exchange(message)
            var step = 1
            while step < size {
                for r in stride(from: 0, to: size, by: 2 * step) where r + step < size {
                    combine(&parts[r], parts[r + step])
                }
                step *= 2
            }
            return parts[0]
        }

        func allGather(_ message: [UInt8]) -> [[UInt8]] { exchange(message) }

        func broadcast(_ message: [UInt8], from root: Int) -> [UInt8] { exchange(message)[root] }
    }
}
