import Foundation
import MLEngine
import MLNumerics

/// Rows held in memory as binary chunks, for multi-pass fits and for applications that build
/// their data themselves.
///
/// Text labels (`labels: [String]`) and categorical feature columns (``FeatureColumn``) are
/// held as codes, the indices of their values among levels ordered by ``CategoricalLevels``.
///
/// ```swift
/// let data = try Dataset(features: x, labels: y, featureNames: ["age", "bmi"])
/// let model = try LinearRegression().fit(data)
/// ```
public struct Dataset: ChunkSource {
    public let schema: Schema
    public let chunks: [DataChunk]
    /// The global index of each chunk's first row: a prefix sum of the chunks' row counts,
    /// starting with the rows of the ranks before this one when the data are one rank's share
    /// (read by ``ChunkSource/load(options:)`` under MPI).
    public let firstRows: [Int]
    /// The rows of this data set (of this rank's share, under MPI).
    public let rowCount: Int

    /// Rows already in binary form, checked against `schema`.
    ///
    /// - Throws: ``DataError/shapeMismatch(_:)`` when a chunk's width, labels or weights do
    ///   not fit; ``DataError/nonFiniteValue(row:column:value:)`` for a NaN or infinite
    ///   feature or label; ``DataError/invalidCategoryCode(row:column:value:levelCount:)``
    ///   for a categorical code that is not an index among its column's levels; and
    ///   ``DataError/invalidWeight(row:value:)``. Rows count from 0 over all chunks.
    /// - Complexity: O(rows × features), one look at every value.
    public init(schema: Schema, chunks: [DataChunk]) throws(DataError) {
        guard schema.featureKinds.count == schema.featureCount else {
            throw .shapeMismatch(
                "the schema gives \(schema.featureKinds.count) kinds for \(schema.featureCount) features")
        }
        var firstRow = 0
        for chunk in chunks {
            guard chunk.featureCount == schema.featureCount else {
                throw .shapeMismatch(
                    "a chunk has \(chunk.featureCount) features; the schema names \(schema.featureCount)")
            }
            guard chunk.labels.isEmpty || chunk.labels.count == chunk.rowCount,
                chunk.weights.isEmpty || chunk.weights.count == chunk.rowCount
            else { throw .shapeMismatch("a chunk's labels or weights do not match its rows") }
            try Self.check(chunk, schema: schema, firstRow: firstRow)
            firstRow += chunk.rowCount
        }
        self.init(trusted: schema, chunks: chunks)
    }

    /// A data set from a feature matrix and optional labels and weights, cut into chunks of
    /// `rowsPerChunk` rows (by default ``ChunkPlan/defaultRowsPerChunk(columns:)``).
    ///
    /// - Throws: ``DataError/shapeMismatch(_:)`` when the counts do not fit, and the errors of
    ///   ``init(schema:chunks:)`` for non-finite values and bad weights.
    public init(
        features: Matrix, labels: [Double]? = nil, weights: [Double]? = nil,
        featureNames: [String]? = nil, labelName: String = "label", weightName: String = "weight",
        rowsPerChunk: Int? = nil
    ) throws(DataError) {
        try self.init(
            features: features, featureKinds: nil, labels: labels, labelKind: .numeric, weights: weights,
            featureNames: featureNames, labelName: labelName, weightName: weightName, rowsPerChunk: rowsPerChunk)
    }

    /// The one place the in-memory initializers meet: names and counts checked, rows cut
    /// into chunks, values checked by ``init(schema:chunks:)``.
    init(
        features: Matrix, featureKinds: [ColumnKind]?, labels: [Double]?, labelKind: ColumnKind,
        weights: [Double]?, featureNames: [String]?, labelName: String, weightName: String, rowsPerChunk: Int?
    ) throws(DataError) {
        let p = features.columns
        let names = featureNames ?? (0..<p).map { "x\($0 + 1)" }
        guard names.count == p else {
            throw .shapeMismatch("\(names.count) feature names for \(p) feature columns")
        }
        if let labels, labels.count != features.rows {
            throw .shapeMismatch("\(labels.count) labels for \(features.rows) rows")
        }
        if let weights, weights.count != features.rows {
            throw .shapeMismatch("\(weights.count) weights for \(features.rows) rows")
        }
        let plan = ChunkPlan(
            rowCount: features.rows,
            rowsPerChunk: rowsPerChunk ?? ChunkPlan.defaultRowsPerChunk(columns: p + 2))
        try self.init(
            schema: Schema(
                featureNames: names, labelName: labels == nil ? nil : labelName,
                weightName: weights == nil ? nil : weightName, featureKinds: featureKinds,
                labelKind: labels == nil ? .numeric : labelKind),
            chunks: Self.cut(features: features, labels: labels, weights: weights, ranges: plan.ranges))
    }

    /// The same rows cut into `chunkCount` nearly equal chunks.
    public func rechunked(into chunkCount: Int) -> Dataset {
        let all = concatenated()
        let ranges = ChunkPlan.ranges(rowCount: all.rowCount, chunkCount: chunkCount)
        let chunks = Self.cut(
            features: all.features, labels: all.labels.isEmpty ? nil : all.labels,
            weights: all.weights.isEmpty ? nil : all.weights, ranges: ranges)
        // The rows and schema are unchanged, so the checks of the original hold.
        return Dataset(trusted: schema, chunks: chunks)
    }

    /// All rows as one chunk.
    public func concatenated() -> DataChunk {
        let p = schema.featureCount
        var elements: [Double] = []
        elements.reserveCapacity(rowCount * p)
        var labels: [Double] = [], weights: [Double] = []
        for chunk in chunks {
            elements.append(contentsOf: chunk.features.elements)
            labels.append(contentsOf: chunk.labels)
            weights.append(contentsOf: chunk.weights)
        }
        let features = (try? Matrix(rows: rowCount, columns: p, elements: elements))
            ?? Matrix(rows: 0, columns: p)
        return DataChunk(features: features, labels: labels, weights: weights)
    }


    public func pass<Statistics: PartialStatistics>(
        options: ExecutionOptions,
        shape: Statistics.Shape,
        compute: @escaping @Sendable (DataChunk, ChunkContext) throws -> Statistics
    ) throws -> (Statistics, PassReport) {
        let firstRows = self.firstRows
        return try timedPass(shape: shape, options: options) {
            try ParallelPass.run(over: chunks, options: options, shape: shape) { chunk, index in
                try compute(chunk, ChunkContext(index: index, firstRow: firstRows[index]))
            }
        }
    }

    /// A pass that hands each chunk's `compute` that chunk's own state, which it may change
    /// in place and which the next pass with the same `states` receives: for fits that keep
    /// per-row state across passes (cluster assignments and distance bounds, tree nodes).
    ///
    /// ```swift
    /// var assignments = data.chunkStates { chunk, _ in [Int32](repeating: -1, count: chunk.rowCount) }
    /// for _ in 0..<iterations {
    ///     let (sums, _) = try data.pass(options: options, shape: k, states: &assignments) {
    ///         chunk, context, assigned in try ClusterSums(chunk, centers, updating: &assigned)
    ///     }
    /// }
    /// ```
    ///
    /// - Throws: `ChunkStateCountError` when `states` does not hold one value per chunk, and
    ///   the errors of ``pass(options:shape:compute:)``.
    public func pass<State: Sendable, Statistics: PartialStatistics>(
        options: ExecutionOptions,
        shape: Statistics.Shape,
        states: inout [State],
        compute: @escaping @Sendable (DataChunk, ChunkContext, inout State) throws -> Statistics
    ) throws -> (Statistics, PassReport) {
        let firstRows = self.firstRows
        return try timedPass(shape: shape, options: options) {
            try ParallelPass.run(over: chunks, states: &states, options: options, shape: shape) {
                chunk, index, state in
                try compute(chunk, ChunkContext(index: index, firstRow: firstRows[index]), &state)
            }
        }
    }

    /// One state value per chunk, in chunk order, for ``pass(options:shape:states:compute:)``.
    public func chunkStates<State>(
        _ initial: (DataChunk, ChunkContext) throws -> State
    ) rethrows -> [State] {
        try chunks.indices.map { try initial(chunks[$0], ChunkContext(index: $0, firstRow: firstRows[$0])) }
    }

    /// Times a pass over this rank's chunks and completes it across the ranks.
    private func timedPass<Statistics: PartialStatistics>(
        shape: Statistics.Shape, options: ExecutionOptions, _ body: () throws -> Statistics
    ) throws -> (Statistics, PassReport) {
        let start = DispatchTime.now()
        let local: RankReduction.Outcome<Statistics> = Result {
            let result = try body()
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            return (result, PassReport(rows: rowCount, chunks: chunks.count, seconds: seconds, computeSeconds: seconds), 0)
        }
        return try RankReduction.complete(local, shape: shape, options: options)
    }

    public func forEachChunkInOrder<T: Sendable>(
        options: ExecutionOptions,
        transform: @escaping @Sendable (DataChunk) throws -> T,
        consume: (T) throws -> Void
    ) throws -> PassReport {
        let start = DispatchTime.now()
        for chunk in chunks { try consume(transform(chunk)) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return PassReport(rows: rowCount, chunks: chunks.count, seconds: seconds)
    }

    public var isInMemory: Bool { true }

    /// The data set itself: it is in memory already, so nothing is read.
    public func load(options: ExecutionOptions) throws -> (data: Dataset, report: PassReport) {
        (self, PassReport(rows: rowCount, chunks: chunks.count, passes: 0))
    }

    /// Rows known to fit `schema` (parsed by a reader that checked every value), unchecked;
    /// the first of them is row `firstRow` of the whole data.
    init(trusted schema: Schema, chunks: [DataChunk], firstRow: Int = 0) {
        self.schema = schema
        self.chunks = chunks
        var firstRows = [Int]()
        firstRows.reserveCapacity(chunks.count)
        var row = firstRow
        for chunk in chunks {
            firstRows.append(row)
            row += chunk.rowCount
        }
        self.firstRows = firstRows
        self.rowCount = row - firstRow
    }

    /// The same rows as one rank's share of a data set spread over the ranks of `options`:
    /// ``firstRows`` then count the rows of the ranks before this one (an exclusive prefix
    /// sum), so draws keyed by the global row do not depend on the ranks. Build each rank's
    /// share of your own data in memory and call this before fitting under MPI.
    public func asRankShare(options: ExecutionOptions) -> Dataset {
        Dataset(trusted: schema, chunks: chunks, firstRow: options.communicator.exclusivePrefixSum(rowCount))
    }

    private static func cut(
        features: Matrix, labels: [Double]?, weights: [Double]?, ranges: [Range<Int>]
    ) -> [DataChunk] {
        let p = features.columns
        return ranges.map { range in
            let slice = Array(features.elements[(range.lowerBound * p)..<(range.upperBound * p)])
            let block = (try? Matrix(rows: range.count, columns: p, elements: slice))
                ?? Matrix(rows: 0, columns: p)
            return DataChunk(
                features: block,
                labels: labels.map { Array($0[range]) } ?? [],
                weights: weights.map { Array($0[range]) } ?? [])
        }
    }
}
