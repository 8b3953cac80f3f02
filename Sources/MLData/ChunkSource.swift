import MLEngine

/// What one pass over a source read.
public struct PassReport: Sendable, Hashable, Codable {
    /// Rows used.
    public var rows: Int
    /// Rows dropped because a value was missing or invalid (`handleInvalid: .skip`).
    public var skippedRows: Int
    /// Bytes of input read (0 for data already in memory).
    public var bytes: Int
    /// Chunks processed.
    public var chunks: Int
    /// Wall-clock seconds of the pass.
    public var seconds: Double
    /// Seconds the workers spent parsing text, summed over workers (0 for data in memory).
    public var parseSeconds: Double
    /// Seconds the workers spent computing statistics, summed over workers.
    public var computeSeconds: Double
    /// Passes over the data this report covers (a read into memory counts as one).
    public var passes: Int
    /// Bytes this process sent and received to combine the ranks' statistics (0 in a single
    /// process).
    public var communicatedBytes: Int = 0
    /// The processes that read the data (1 unless run under MPI).
    public var ranks: Int = 1

    public init(
        rows: Int = 0, skippedRows: Int = 0, bytes: Int = 0, chunks: Int = 0, seconds: Double = 0,
        parseSeconds: Double = 0, computeSeconds: Double = 0, passes: Int = 1
    ) {
        self.rows = rows
        self.skippedRows = skippedRows
        self.bytes = bytes
        self.chunks = chunks
        self.seconds = seconds
        self.parseSeconds = parseSeconds
        self.computeSeconds = computeSeconds
        self.passes = passes
    }

    /// Adds further passes over the same rows: bytes, chunks, passes and times add up.
    public mutating func add(_ other: PassReport) {
        rows = max(rows, other.rows)
        skippedRows = max(skippedRows, other.skippedRows)
        bytes += other.bytes
        chunks += other.chunks
        seconds += other.seconds
        parseSeconds += other.parseSeconds
        computeSeconds += other.computeSeconds
        passes += other.passes
        communicatedBytes += other.communicatedBytes
        ranks = max(ranks, other.ranks)
    }
}

/// A source of rows that fits read in passes: a CSV or LIBSVM file streamed from disk, or a
/// ``Dataset`` in memory.
///
/// A pass computes statistics for every chunk in parallel and merges them with the engine's
/// fixed tree, so the result does not depend on the thread count. Chunk boundaries depend
/// only on the data and the source's chunk size. Every pass of every algorithm runs through
/// ``pass(options:shape:compute:)`` (or ``Dataset``'s variant with per-chunk state), which
/// ends in `ParallelPass.run`: the one place where a reduction across processes joins in.
public protocol ChunkSource: Sendable {
    /// The columns. A CSV source's categorical columns whose levels come from the data show
    /// no levels until they are read (see ``resolvedSchema(options:)``).
    var schema: Schema { get }

    /// The schema with the levels of every categorical column (the label's classes among
    /// them), reading the data for them when they are not known yet. Fits that need the
    /// levels (a classifier's classes, a categorical feature's width) ask here rather than
    /// ``schema``; for a ``Dataset`` or a LIBSVM file it is ``schema``.
    func resolvedSchema(options: ExecutionOptions) throws -> Schema

    /// Computes `compute` on every chunk and merges the results in chunk order.
    ///
    /// `compute` receives the chunk and its ``ChunkContext``: the chunk's index and, for data
    /// in memory, the global index of its first row.
    func pass<Statistics: PartialStatistics>(
        options: ExecutionOptions,
        shape: Statistics.Shape,
        compute: @escaping @Sendable (DataChunk, ChunkContext) throws -> Statistics
    ) throws -> (Statistics, PassReport)

    /// Transforms chunks in parallel and hands the results to `consume` on the calling
    /// thread in row order (for writing predictions).
    func forEachChunkInOrder<T: Sendable>(
        options: ExecutionOptions,
        transform: @escaping @Sendable (DataChunk) throws -> T,
        consume: (T) throws -> Void
    ) throws -> PassReport

    /// Every row in memory as binary chunks, for fits that pass over the data many times,
    /// with what reading them took (rows, bytes, time spent parsing).
    func load(options: ExecutionOptions) throws -> (data: Dataset, report: PassReport)

    /// Whether a pass is cheap (binary rows in memory) rather than a new read of a file;
    /// solvers weigh extra passes by it.
    var isInMemory: Bool { get }
}

extension ChunkSource {
    public var isInMemory: Bool { false }

    public func resolvedSchema(options: ExecutionOptions) throws -> Schema { schema }

    /// ``pass(options:shape:compute:)`` for computations that need only the rows.
    public func pass<Statistics: PartialStatistics>(
        options: ExecutionOptions,
        shape: Statistics.Shape,
        compute: @escaping @Sendable (DataChunk) throws -> Statistics
    ) throws -> (Statistics, PassReport) {
        try pass(options: options, shape: shape) { chunk, _ in try compute(chunk) }
    }
}

/// A source that can say how far the pass under way has read, for progress displays.
public protocol PassProgressReporting: Sendable {
    /// Bytes a pass reads in all (the file size, less any header).
    var byteCount: Int { get }
    /// Bytes read so far by the pass under way (or by the last one).
    var bytesRead: Int { get }
}
