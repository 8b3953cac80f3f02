import MLEngine

/// A LIBSVM text file (`label index:value index:value …`), streamed into dense chunks.
///
/// Indices are 1-based and ascending; absent ones are zeros. Blank lines and lines starting
/// with `#` are skipped. Features are named by their index, `"1"` … `"p"`, and the label
/// `"label"`; there is no weight column. Without ``LIBSVMOptions/numFeatures`` a first
/// parallel pass reads the whole file to find the largest index (and reports any malformed
/// line), as Spark does. At most ``LIBSVMOptions/featureLimit`` features.
///
/// Errors name the file, the 1-based line and the 1-based byte column of the bad token.
///
/// ```swift
/// let source = try LIBSVMSource(path: "sample_libsvm_data.txt")
/// let (data, _) = try source.load(options: ExecutionOptions())
/// ```
public final class LIBSVMSource: ChunkSource {
    public let schema: Schema
    public let path: String
    public let options: LIBSVMOptions
    let pipeline: BlockPipeline

    /// Opens `path` and fixes the feature count.
    ///
    /// - Throws: ``DataError/cannotOpen(file:reason:)``, ``DataError/emptyFile(file:)``,
    ///   ``DataError/tooManyFeatures(file:found:limit:)``, and, while scanning for the feature
    ///   count, ``DataError/malformedLine(_:reason:found:)``.
    public init(
        path: String, options: LIBSVMOptions = LIBSVMOptions(),
        execution: ExecutionOptions = ExecutionOptions()
    ) throws {
        let limit = LIBSVMOptions.featureLimit
        let featureCount: Int
        if let given = options.numFeatures {
            guard given <= limit else { throw DataError.tooManyFeatures(file: path, found: given, limit: limit) }
            featureCount = max(0, given)
        } else {
            let scanner = Self.pipeline(path: path, options: options, featureCount: nil)
            do {
                // Under MPI every rank scans its share; the largest index over the ranks wins.
                let shares = try RankShares([scanner], communicator: execution.communicator)
                let (largest, _) = try shares.pass(options: execution, shape: 0) { parsed, _ in MaxIndex(parsed.maxIndex) }
                featureCount = largest.value
            } catch DataError.noDataRows {
                throw DataError.emptyFile(file: path)
            }
        }
        self.schema = Schema(
            featureNames: (0..<featureCount).map { "\($0 + 1)" }, labelName: "label",
            labelKind: options.labelClasses.map { .categorical(levels: $0) } ?? .numeric)
        self.path = path
        self.options = options
        self.pipeline = Self.pipeline(path: path, options: options, featureCount: featureCount)
    }

    private static func pipeline(path: String, options: LIBSVMOptions, featureCount: Int?) -> BlockPipeline {
        let parser = LIBSVMBlockParser(
            file: path, featureCount: featureCount, policy: options.handleInvalid, classes: options.labelClasses)
        return BlockPipeline(
            path: path, dataOffset: 0, linesBefore: 0, bytesPerBlock: options.bytesPerBlock,
            parse: { (bytes) throws(BlockError) in try parser.parse(bytes) })
    }

    /// Computes `compute` on every chunk in parallel and merges the results in chunk order
    /// (see ``CSVSource/pass(options:shape:compute:)``).
    public func pass<Statistics: PartialStatistics>(
        options: ExecutionOptions, shape: Statistics.Shape,
        compute: @escaping @Sendable (DataChunk, ChunkContext) throws -> Statistics
    ) throws -> (Statistics, PassReport) {
        try RankShares([pipeline], communicator: options.communicator).passOverChunks(
            options: options, shape: shape, compute: compute)
    }

    /// Parses and transforms chunks in parallel and consumes them in file order (see
    /// ``CSVSource/forEachChunkInOrder(options:transform:consume:)``).
    public func forEachChunkInOrder<T: Sendable>(
        options: ExecutionOptions,
        transform: @escaping @Sendable (DataChunk) throws -> T,
        consume: (T) throws -> Void
    ) throws -> PassReport {
        try pipeline.forEachChunkInOrder(options: options, transform: transform, consume: consume)
    }

    /// Reads this rank's rows into memory as binary chunks (one per block).
    public func load(options: ExecutionOptions) throws -> (data: Dataset, report: PassReport) {
        var chunks: [DataChunk] = []
        let shares = try RankShares([pipeline], communicator: options.communicator)
        let (_, report, firstRow) = try shares.load(options: options, shape: 0) {
            chunks.append($0.chunk)
        } gathered: {
            NoStatistics(zeroFor: 0)
        }
        // The parser checked every value.
        return (Dataset(trusted: schema, chunks: chunks, firstRow: firstRow), report)
    }
}

/// The largest feature index of a set of rows.
struct MaxIndex: PartialStatistics {
    var value: Int
    init(_ value: Int) { self.value = value }
    init(zeroFor shape: Int) { value = 0 }
    mutating func merge(_ other: MaxIndex) { value = max(value, other.value) }

    func transferBytes() -> [UInt8] { ByteWriter.bytes(of: value) }

    init(transferBytes bytes: [UInt8], shape: Int) throws {
        var reader = ByteReader(bytes)
        value = try reader.readInt()
    }
}

extension LIBSVMSource: PassProgressReporting {
    public var byteCount: Int { pipeline.dataByteCount() }
    public var bytesRead: Int { pipeline.progress.value }
}
