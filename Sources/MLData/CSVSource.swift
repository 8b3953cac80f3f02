import MLEngine
import Synchronization

/// A CSV file streamed from disk in blocks parsed in parallel.
///
/// The first non-blank line is the header (a UTF-8 byte order mark is skipped); names are
/// taken as written, such as `sepal length (cm)`, with quotes removed and surrounding spaces
/// trimmed. Fields are separated by ``CSVOptions/delimiter`` and may be double-quoted, with
/// `""` for a quote inside; **a quoted field may not contain a line break** (an opening quote
/// without its closing quote on the same line is ``DataError/unterminatedQuote(_:)``).
/// Lines end in LF or CRLF; blank lines are skipped. Used values must be finite numbers,
/// except in the columns of ``CSVOptions/categorical``: their text values (unquoted, blanks
/// around an unquoted value trimmed) are held as codes among levels ordered by
/// ``CategoricalLevels``, and an empty field there is a missing value. With fixed levels
/// (``CSVOptions/levels``) a value outside them is ``DataError/unknownCategory(_:found:known:)``.
///
/// A pass reads the file in blocks of ``CSVOptions/bytesPerBlock`` bytes cut at line ends and
/// parses them on all workers, so memory is about `threads × bytesPerBlock`, whatever the
/// file's size. Errors carry the file, the 1-based line (the header is line 1) and the
/// 1-based column with its name — the same on any number of threads.
///
/// ```swift
/// let source = try CSVSource(path: "train.csv", options: CSVOptions(label: "y"))
/// let (statistics, report) = try source.pass(options: ExecutionOptions(), shape: p) { chunk in
///     try MyStatistics(chunk)
/// }
/// ```
public final class CSVSource: ChunkSource {
    /// The columns as the options name them. The levels of a categorical column whose levels
    /// are not given in ``CSVOptions/levels`` show as `.categorical(levels: [])` here, because
    /// opening the file does not read its rows: ``resolvedSchema(options:)`` has them, as has
    /// the schema of the data set ``load(options:)`` returns.
    public let schema: Schema
    /// The first file, as given.
    public var path: String { paths[0] }
    /// The files, as given, read one after the other as one data set.
    public let paths: [String]
    public let options: CSVOptions
    /// Every column name of the header, in file order.
    public let columnNames: [String]
    let layout: CSVLayout
    /// One per file: parses categorical values with the levels given, interning the others
    /// per block.
    let pipelines: [BlockPipeline]
    /// Once the levels of the whole data are known (by a scan or a load): the schema with
    /// them, and pipelines that parse with them fixed.
    let resolution = Mutex<Resolution?>(nil)

    struct Resolution: Sendable {
        var schema: Schema
        var pipelines: [BlockPipeline]
    }

    /// Opens `path`, reads its header and resolves the columns `options` names.
    ///
    /// - Throws: ``DataError/cannotOpen(file:reason:)``, ``DataError/emptyFile(file:)``,
    ///   ``DataError/noDataRows(file:)`` (a header and nothing else),
    ///   ``DataError/unknownColumn(file:name:role:available:)`` (also for a name in
    ///   ``CSVOptions/categorical`` that is no column), ``DataError/duplicateColumn(file:name:)``
    ///   (a used column named twice in the header, or a column given two roles) and
    ///   ``DataError/categoricalWeight(file:name:)``.
    public convenience init(path: String, options: CSVOptions = CSVOptions()) throws(DataError) {
        try self.init(paths: [path], options: options)
    }

    /// Opens several files with the same header as one data set, their rows in the order of
    /// `paths`. Under MPI each rank reads its own share of the files (see ``ExecutionOptions/communicator``).
    ///
    /// - Throws: the errors of ``init(path:options:)`` for any file, and
    ///   ``DataError/headerMismatch(file:expected:found:reference:)`` when a file's header
    ///   differs from the first file's.
    public init(paths: [String], options: CSVOptions = CSVOptions()) throws(DataError) {
        guard let first = paths.first else { throw .shapeMismatch("no input file was given") }
        let header = try CSVHeader.read(path: first, delimiter: options.delimiter)
        let layout = try CSVLayout(names: header.names, options: options, path: first)
        var pipelines: [BlockPipeline] = []
        var mayHaveData = false
        for path in paths {
            let fileHeader = path == first ? header : try CSVHeader.read(path: path, delimiter: options.delimiter)
            guard fileHeader.names == header.names else {
                throw .headerMismatch(file: path, expected: header.names, found: fileHeader.names, reference: first)
            }
            mayHaveData = mayHaveData || fileHeader.mayHaveData
            let parser = layout.parser(path: path, options: options)
            pipelines.append(
                BlockPipeline(
                    path: path, dataOffset: fileHeader.dataOffset, linesBefore: fileHeader.line,
                    bytesPerBlock: options.bytesPerBlock,
                    parse: { (bytes) throws(BlockError) in try parser.parse(bytes) }))
        }
        guard mayHaveData else { throw .noDataRows(file: first) }
        self.schema = layout.schema(options: options, levels: layout.givenLevels)
        self.paths = paths
        self.options = options
        self.columnNames = header.names
        self.layout = layout
        self.pipelines = pipelines
        if !layout.hasFreeLevels { resolution.withLock { $0 = Resolution(schema: schema, pipelines: pipelines) } }
    }

    /// Computes `compute` on every chunk in parallel and merges the results in chunk order.
    ///
    /// Chunks without rows (blocks of blank or skipped lines) are not passed to `compute`.
    /// When categorical columns take their levels from the data and no earlier pass or load
    /// found them, a first pass reads the file for them (its time is in the report).
    /// - Throws: a ``DataError`` for bad data (at its absolute line and column),
    ///   ``DataError/noDataRows(file:)`` or ``DataError/noUsableRows(file:skipped:)`` when no
    ///   row was used, and a `ChunkFailure` wrapping an error thrown by `compute`.
    public func pass<Statistics: PartialStatistics>(
        options: ExecutionOptions, shape: Statistics.Shape,
        compute: @escaping @Sendable (DataChunk, ChunkContext) throws -> Statistics
    ) throws -> (Statistics, PassReport) {
        let (resolved, scan) = try resolve(options: options)
        let shares = try RankShares(resolved.pipelines, communicator: options.communicator)
        var (statistics, report) = try shares.passOverChunks(options: options, shape: shape, compute: compute)
        if let scan { report.add(scan) }
        return (statistics, report)
    }

    /// Parses and transforms chunks in parallel, and calls `consume` on this thread in file
    /// order, holding at most about `2 × threads` results that are ready early — for writing
    /// predictions in row order.
    ///
    /// The chunks of the blocks before a bad row's block are consumed, then its ``DataError``
    /// is thrown (rows of its own block before it are not consumed). An error
    /// thrown by `transform` or `consume` stops the pass and is rethrown as it is.
    public func forEachChunkInOrder<T: Sendable>(
        options: ExecutionOptions,
        transform: @escaping @Sendable (DataChunk) throws -> T,
        consume: (T) throws -> Void
    ) throws -> PassReport {
        let (resolved, scan) = try resolve(options: options)
        var report = PassReport()
        for pipeline in resolved.pipelines {
            let file = try pipeline.forEachBlockInOrder(
                pipeline.wholeFile, options: options, transform: { try transform($0.chunk) }, consume: consume)
            report.append(file.report)
        }
        try pipelines[0].checkRows(report)
        if let scan { report.add(scan) }
        return report
    }

    /// The schema with the levels of every categorical column, reading the file for them if
    /// no pass or load has yet (the levels are then kept for later passes).
    public func resolvedSchema(options: ExecutionOptions) throws -> Schema {
        try resolve(options: options).resolution.schema
    }
}

extension CSVSource: PassProgressReporting {
    public var byteCount: Int { pipelines.reduce(0) { $0 + $1.dataByteCount() } }
    public var bytesRead: Int { pipelines.reduce(0) { $0 + $1.progress.value } }
}
