/// What one chunk of rows contributes to a fit.
///
/// A fit computes one value per chunk, combines them with ``merge(_:)`` in a fixed binary
/// tree (see ``TreeReducer``), and finalizes the model from the result. `merge` must be
/// associative (up to round-off) and `init(zeroFor:)` its identity, so the same data give the
/// same answer however they are chunked, and bit for bit the same answer for a given
/// chunking on any number of threads.
///
/// The same steps are public so that an application holding its own shards can compute
/// statistics where the data live, ship them, merge them and finalize a model.
public protocol PartialStatistics: Sendable {
    /// What fixes the size of the statistics (for example the number of features).
    associatedtype Shape: Sendable, Hashable, Codable
    /// The statistics of no rows: the identity of ``merge(_:)``.
    init(zeroFor shape: Shape)
    /// Folds `other`, the statistics of rows that come after this value's rows, into `self`.
    mutating func merge(_ other: Self) throws
}

/// Statistics that can be flattened to numbers and rebuilt, so that processes can exchange
/// them (MPI gathers, files) and merge them with the same fixed tree everywhere.
public protocol SerializablePartialStatistics: PartialStatistics {
    /// The statistics as a flat array whose length depends only on the shape.
    func serialized() -> [Double]
    /// Rebuilds statistics from ``serialized()``'s output.
    init(serialized: [Double], shape: Shape) throws
}

/// Statistics whose merge is elementwise addition of their flat form (counts, histograms,
/// raw sums), so a single `MPI_Allreduce` with `MPI_SUM` combines them.
public protocol SummablePartialStatistics: SerializablePartialStatistics {}

/// A serialized statistics array of the wrong length for its shape.
public struct SerializedStatisticsError: Error, Hashable, Sendable, CustomStringConvertible {
    public let type: String
    public let expected: Int
    public let found: Int
    public init(type: String, expected: Int, found: Int) {
        self.type = type
        self.expected = expected
        self.found = found
    }
    public var description: String {
        "serialized \(type) has \(found) numbers; its shape needs \(expected)"
    }
}
