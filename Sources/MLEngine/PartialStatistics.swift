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

    /// The statistics as bytes for another process, when a pass runs on several ranks (see
    /// ``Communicator``). ``SerializablePartialStatistics`` supplies it from its flat form;
    /// statistics with neither throw ``StatisticsTransferError``, so a single process never
    /// needs it.
    func transferBytes() throws -> [UInt8]

    /// Rebuilds statistics from ``transferBytes()``'s output, checking them like user input.
    init(transferBytes: [UInt8], shape: Shape) throws
}

extension PartialStatistics {
    public func transferBytes() throws -> [UInt8] {
        throw StatisticsTransferError(type: String(describing: Self.self))
    }

    public init(transferBytes: [UInt8], shape: Shape) throws {
        throw StatisticsTransferError(type: String(describing: Self.self))
    }
}

/// Statistics without a byte form were asked to cross processes.
public struct StatisticsTransferError: Error, Hashable, Sendable, CustomStringConvertible {
    public let type: String
    public init(type: String) { self.type = type }
    public var description: String {
        "\(type) cannot be combined across processes: adopt SerializablePartialStatistics or implement transferBytes()"
    }
}

/// Statistics that can be flattened to numbers and rebuilt, so that processes can exchange
/// them (MPI gathers, files) and merge them with the same fixed tree everywhere.
public protocol SerializablePartialStatistics: PartialStatistics {
    /// The statistics as a flat array whose length depends only on the shape.
    func serialized() -> [Double]
    /// Rebuilds statistics from ``serialized()``'s output.
    ///
    /// The numbers come from other processes and files, so they are checked like user input:
    /// a wrong length throws ``SerializedStatisticsError``, numbers no rows could produce (a
    /// count that is not a whole number, a negative weight sum) throw
    /// ``InvalidSerializedStatisticsError``.
    init(serialized: [Double], shape: Shape) throws
}

extension SerializablePartialStatistics {
    /// ``serialized()``, bit for bit.
    public func transferBytes() throws -> [UInt8] {
        let values = serialized()
        var writer = ByteWriter(capacity: 8 * (values.count + 1))
        writer.write(values)
        return writer.bytes
    }

    public init(transferBytes bytes: [UInt8], shape: Shape) throws {
        var reader = ByteReader(bytes)
        try self.init(serialized: reader.readDoubles(), shape: shape)
    }
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

/// A serialized statistics array of the right length holding numbers that no rows could have
/// produced — a count that is NaN, negative or not a whole number, a negative weight sum —
/// as a corrupt file or a faulty peer may send. Rejected before any conversion can trap.
public struct InvalidSerializedStatisticsError: Error, Hashable, Sendable, CustomStringConvertible {
    public let type: String
    public let reason: String
    public init(type: String, reason: String) {
        self.type = type
        self.reason = reason
    }
    public var description: String { "serialized \(type) is invalid: \(reason)" }
}

/// The checks `init(serialized:shape:)` implementations share, each throwing
/// ``InvalidSerializedStatisticsError`` with the statistics type's name.
public struct SerializedStatisticsValidator: Sendable {
    public let type: String
    public init(type: String) { self.type = type }

    /// A count: a whole number in `0...Int.max`. `Int(exactly:)` refuses NaN, ±∞, fractions
    /// and values beyond `Int`'s range, where `Int(_:)` would trap.
    public func count(_ value: Double, _ name: String) throws(InvalidSerializedStatisticsError) -> Int {
        guard let count = Int(exactly: value), count >= 0 else {
            throw invalid("\(name) must be a whole number from 0 to \(Int.max); got \(value)")
        }
        return count
    }

    /// A sum of non-negative terms (weights, squares): finite and ≥ 0.
    public func nonNegative(_ value: Double, _ name: String) throws(InvalidSerializedStatisticsError) -> Double {
        guard value.isFinite, value >= 0 else {
            throw invalid("\(name) must be a finite number ≥ 0; got \(value)")
        }
        return value
    }

    public func invalid(_ reason: String) -> InvalidSerializedStatisticsError {
        InvalidSerializedStatisticsError(type: type, reason: reason)
    }
}
