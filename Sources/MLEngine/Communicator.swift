/// The processes a fit runs on, and the few collective operations mlfit needs between them.
///
/// A single process uses ``LocalCommunicator`` (one rank). Under MPI each process is a *rank*
/// of an `MPICommunicator` (module `MLDistributed`, built with the package trait `MPI`), and a
/// rank is one more level of the reduction tree: every rank computes the statistics of its own
/// rows with the chunk engine, then the ranks combine them with ``reduceToAll(_:combine:)``.
///
/// Every operation is *collective*: every rank calls it, in the same order, or the ranks wait
/// for each other forever. mlfit keeps that promise by never letting an error skip one: a rank
/// that fails still takes part, sending its failure instead of its statistics (see
/// `RankReduction` in MLData).
///
/// Implementations call the communication library from one thread at a time.
public protocol Communicator: AnyObject, Sendable {
    /// This process's rank, `0 ..< size`.
    var rank: Int { get }
    /// The number of ranks.
    var size: Int { get }

    /// Combines one message per rank in a binary tree fixed by rank — rank `r`'s message is
    /// leaf `r`, and `combine(&left, right)` folds the ranks `right` covers, which follow
    /// those `left` covers — and returns the root on every rank: **the same bytes on every
    /// rank**, whatever the network's timing (solvers branch on the reduced values, so ranks
    /// holding different round-off would take different paths).
    ///
    /// `combine` must not throw: a failure to combine is itself a message (see
    /// `RankReduction`), so that no rank leaves the tree early.
    func reduceToAll(_ message: [UInt8], combine: (inout [UInt8], [UInt8]) -> Void) -> [UInt8]

    /// Every rank's message, in rank order, on every rank.
    func allGather(_ message: [UInt8]) -> [[UInt8]]

    /// Rank `root`'s message on every rank (the others' `message` is ignored).
    func broadcast(_ message: [UInt8], from root: Int) -> [UInt8]

    /// Bytes this process has sent and received through the communicator so far.
    var bytesCommunicated: Int { get }
}

/// One process: rank 0 of 1. Every collective returns at once.
public final class LocalCommunicator: Communicator {
    /// The communicator of every ``ExecutionOptions`` that names none.
    public static let shared = LocalCommunicator()

    public init() {}

    public var rank: Int { 0 }
    public var size: Int { 1 }
    public var bytesCommunicated: Int { 0 }

    public func reduceToAll(_ message: [UInt8], combine: (inout [UInt8], [UInt8]) -> Void) -> [UInt8] { message }
    public func allGather(_ message: [UInt8]) -> [[UInt8]] { [message] }
    public func broadcast(_ message: [UInt8], from root: Int) -> [UInt8] { message }
}

extension Communicator {
    /// Whether more than one process takes part.
    public var isDistributed: Bool { size > 1 }

    /// The sum of `value` over the ranks below this one (0 on rank 0): where this rank's rows
    /// or lines start in the whole data.
    public func exclusivePrefixSum(_ value: Int) -> Int {
        allGather(ByteWriter.bytes(of: value)).prefix(rank).reduce(0) { $0 + ByteReader.int($1) }
    }

    /// The sum of `value` over all ranks.
    public func sum(_ value: Int) -> Int {
        allGather(ByteWriter.bytes(of: value)).reduce(0) { $0 + ByteReader.int($1) }
    }
}
