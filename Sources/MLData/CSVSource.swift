import MLEngine

/// A CSV file streamed from disk in blocks parsed in parallel.
///
/// The first non-blank line is the header (a UTF-8 byte order mark is skipped); names are
/// taken as written, such as `sepal length (cm)`, with quotes removed and surrounding spaces
/// trimmed. Fields are separated by ``CSVOptions/delimiter`` and may be double-quoted, with
/// `""` for a quote inside; **a quoted field may not contain a line break** (an opening quote
/// without its closing quote on the same line is ``DataError/unterminatedQuote(_:)``).
/// Lines end in LF or CRLF; blank lines are skipped. Used values must be finite numbers.
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
    public let schema: Schema
    /// The file, as given.
    public let path: String
    public let options: CSVOptions
    /// Every column name of the header, in file order.
    public let columnNames: [String]
    let pipeline: BlockPipeline

    /// Opens `path`, reads its header and resolves the columns `options` names.
    ///
    /// - Throws: ``DataError/cannotOpen(file:reason:)``, ``DataError/emptyFile(file:)``,
    ///   ``DataError/noDataRows(file:)`` (a header and nothing else),
    ///   ``DataError/unknownColumn(file:name:role:available:)`` and
    ///   ``DataError/duplicateColumn(file:name:)`` (a used column named twice in the header,
    ///   or a column given two roles).
    public init(path: String, options: CSVOptions = CSVOptions()) throws(DataError) {
        let header = try CSVHeader.read(path: path, delimiter: options.delimiter)
        guard header.mayHaveData else { throw .noDataRows(file: path) }
        let names = header.names

        func index(of name: String, role: String) throws(DataError) -> Int {
            guard let i = names.firstIndex(of: name) else {
                throw .unknownColumn(file: path, name: name, role: role, available: names)
            }
            if names.lastIndex(of: name) != i { throw .duplicateColumn(file: path, name: name) }
            return i
        }
        var roles = [Int32](repeating: CSVBlockParser.unused, count: names.count)
        func assign(_ role: Int32, to column: Int) throws(DataError) {
            guard roles[column] == CSVBlockParser.unused else {
                throw .duplicateColumn(file: path, name: names[column])
            }
            roles[column] = role
        }
        if let label = options.label { try assign(CSVBlockParser.labelRole, to: index(of: label, role: "label")) }
        if let weight = options.weight { try assign(CSVBlockParser.weightRole, to: index(of: weight, role: "weight")) }
        var featureNames: [String] = []
        if let wanted = options.features {
            for name in wanted {
                try assign(Int32(featureNames.count), to: index(of: name, role: "feature"))
                featureNames.append(name)
            }
        } else {
            for (column, name) in names.enumerated() where roles[column] == CSVBlockParser.unused {
                if names.lastIndex(of: name) != column || names.firstIndex(of: name) != column {
                    throw .duplicateColumn(file: path, name: name)
                }
                roles[column] = Int32(featureNames.count)
                featureNames.append(name)
            }
        }

        let parser = CSVBlockParser(
            file: path, delimiter: options.delimiter, columnNames: names, roles: roles,
            featureCount: featureNames.count, hasLabel: options.label != nil, hasWeight: options.weight != nil,
            policy: options.handleInvalid)
        self.schema = Schema(featureNames: featureNames, labelName: options.label, weightName: options.weight)
        self.path = path
        self.options = options
        self.columnNames = names
        self.pipeline = BlockPipeline(
            path: path, dataOffset: header.dataOffset, linesBefore: header.line,
            bytesPerBlock: options.bytesPerBlock,
            parse: { (bytes) throws(BlockError) in try parser.parse(bytes) })
    }

    /// Computes `compute` on every chunk in parallel and merges the results in chunk order.
    ///
    /// Chunks without rows (blocks of blank or skipped lines) are not passed to `compute`.
    /// - Throws: a ``DataError`` for bad data (at its absolute line and column),
    ///   ``DataError/noDataRows(file:)`` or ``DataError/noUsableRows(file:skipped:)`` when no
    ///   row was used, and a `ChunkFailure` wrapping an error thrown by `compute`.
    public func pass<Statistics: PartialStatistics>(
        options: ExecutionOptions, shape: Statistics.Shape,
        compute: @escaping @Sendable (DataChunk, ChunkContext) throws -> Statistics
    ) throws -> (Statistics, PassReport) {
        try pipeline.pass(options: options, shape: shape, compute: compute)
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
        try pipeline.forEachChunkInOrder(options: options, transform: transform, consume: consume)
    }

    /// Reads every row into memory as binary chunks (one per block), for multi-pass fits.
    public func load(options: ExecutionOptions) throws -> (data: Dataset, report: PassReport) {
        try pipeline.load(schema: schema, options: options)
    }
}

extension BlockPipeline {
    /// Every non-empty chunk, in file order, as a ``Dataset``.
    func load(schema: Schema, options: ExecutionOptions) throws -> (data: Dataset, report: PassReport) {
        var chunks: [DataChunk] = []
        let report = try forEachChunkInOrder(options: options, transform: { $0 }, consume: { chunks.append($0) })
        return (try Dataset(schema: schema, chunks: chunks), report)
    }
}

extension CSVSource: PassProgressReporting {
    public var byteCount: Int { pipeline.dataByteCount() }
    public var bytesRead: Int { pipeline.progress.value }
}
