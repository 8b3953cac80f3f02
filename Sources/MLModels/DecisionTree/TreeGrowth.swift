import MLData
import MLEngine
import MLNumerics

/// One tree's growth on data held in memory: the split candidates from a sample, the rows
/// binned once, then the levels.
///
/// 1. **Sample pass** (``SplitCandidateSample``): the rows, the weight and `Σw·y`, and a
///    row-keyed sample from which each continuous feature's thresholds are taken
///    (``FeatureBins/thresholds(sample:maxBins:)``).
/// 2. **Binning**: the rows are regrouped into blocks of at least ``blockRows`` consecutive
///    rows (whole chunks, so the blocks depend on the data and its chunking, never on the
///    threads), and each block's features become bin indices (``BinnedRows``), 8 or 16 bits
///    each; the doubles are not kept.
/// 3. **Levels**: per level, one pass (or one per group of open nodes, see
///    ``nodesPerGroup``) builds ``NodeHistogramStatistics`` per block, merged by the engine's
///    tree and across ranks; the best split of each open node comes from the merged
///    histograms (``SplitSearch``). The same pass first moves each row to its node of the
///    new level, so a level costs one pass. Where the sums are whole numbers, the larger
///    child of a split is its parent's histogram minus its sibling's (see ``grow()``).
struct TreeGrowth {
    let parameters: TreeGrowthParameters
    /// `K`, or 0 for a regression tree.
    let classCount: Int
    let options: ExecutionOptions
    let schema: Schema
    let layout: BinLayout
    /// The rows' labels and weights in blocks, without features.
    let blocks: Dataset
    /// Per block: the bins and each row's open node.
    private var states: [BinnedRows]
    /// Rows and weight of positive weight, over all ranks.
    let rows: Int
    let weightSum: Double
    let sampledRows: Int
    let rootShift: Double
    private(set) var inMemory = PassReport(passes: 0)
    /// Passes that built histograms.
    private(set) var levelPasses = 0

    /// The fewest rows per block of the level passes.
    static let blockRows = 65_536

    /// - Parameter blockRows: the fewest rows per block (``blockRows`` by default; tests use
    ///   fewer to run the level passes over several blocks of small data).
    init(
        data: Dataset, parameters: TreeGrowthParameters, classCount: Int, options: ExecutionOptions,
        blockRows: Int = TreeGrowth.blockRows
    ) throws {
        self.parameters = parameters
        self.classCount = classCount
        self.options = options
        schema = data.schema
        let p = schema.featureCount
        for (name, levels) in schema.categoricalFeatures where levels.count > parameters.maxBins {
            throw DecisionTreeError.arityAboveMaxBins(feature: name, arity: levels.count, maxBins: parameters.maxBins)
        }
        let total = options.communicator.sum(data.rowCount)
        let fraction = min(1, Double(parameters.sampleSize) / Double(max(1, total)))
        let seed = parameters.seed
        let (sample, samplePass) = try data.pass(options: options, shape: p) { chunk, context in
            SplitCandidateSample(chunk: chunk, firstRow: context.firstRow ?? 0, fraction: fraction, seed: seed)
        }
        inMemory.add(samplePass)
        guard sample.rows > 0, sample.weightSum > 0 else { throw ModelError.noData }
        rows = sample.rows
        weightSum = sample.weightSum
        sampledRows = sample.weights.count
        rootShift = sample.weightedLabelSum / sample.weightSum
        let kinds = data.schema.featureKinds
        let layout = BinLayout(
            features: kinds.indices.map { j in
                if let levels = kinds[j].levels { return .categorical(arity: levels.count) }
                return .continuous(thresholds: FeatureBins.thresholds(sample: sample.column(j), maxBins: parameters.maxBins))
            })
        self.layout = layout
        var report = inMemory
        (blocks, states) = try Self.bin(data, layout: layout, blockRows: blockRows, options: options, report: &report)
        inMemory = report
    }

    /// Counts a pass made for the fit before this value existed.
    mutating func recordPass(_ pass: PassReport) {
        inMemory.add(pass)
    }

    /// The blocks of `data` and their bins, made in one pass.
    private static func bin(
        _ data: Dataset, layout: BinLayout, blockRows: Int, options: ExecutionOptions, report: inout PassReport
    ) throws -> (Dataset, [BinnedRows]) {
        var grouping: [[Int]] = []
        var rowsInGroup = 0
        for (index, chunk) in data.chunks.enumerated() {
            if grouping.isEmpty || rowsInGroup >= blockRows {
                grouping.append([])
                rowsInGroup = 0
            }
            grouping[grouping.count - 1].append(index)
            rowsInGroup += chunk.rowCount
        }
        let groups = grouping
        let chunks = data.chunks
        let blockChunks = groups.map { group in
            let members = group.map { chunks[$0] }
            let n = members.reduce(0) { $0 + $1.rowCount }
            return DataChunk(
                features: Matrix(rows: n, columns: 0), labels: members.flatMap(\.labels),
                weights: members.contains(where: \.isWeighted)
                    ? members.flatMap { $0.isWeighted ? $0.weights : [Double](repeating: 1, count: $0.rowCount) } : [])
        }
        var labelSchema = data.schema
        labelSchema.featureNames = []
        labelSchema.featureKinds = []
        let blocks = try Dataset(schema: labelSchema, chunks: blockChunks)
        var states = blockChunks.map { _ in BinnedRows.empty }
        let wide = layout.needsWideBins
        let (_, pass) = try blocks.pass(options: options, shape: 0, states: &states) { _, context, state in
            state = BinnedRows(chunks: groups[context.index].map { chunks[$0] }, layout: layout, wide: wide)
            return RowCountStatistics(rows: state.rowCount)
        }
        report.add(pass)
        return (blocks, states)
    }

    /// How many open nodes one pass takes: as many as have histograms within `maxMemoryInMB`
    /// (each pass holds one histogram per worker and per pending node of the merge tree).
    func nodesPerGroup(shape: NodeHistogramStatistics.Shape) -> Int {
        let bytesPerNode = 8 * shape.nodeStride
        let (budget, overflow) = parameters.maxMemoryInMB.multipliedReportingOverflow(by: 1 << 20)
        return max(1, (overflow ? Int.max : budget) / max(1, bytesPerNode))
    }

    /// One pass: the rows first moved by `routes` (the previous level's splits), then the
    /// histograms of the open nodes `group`.
    mutating func histograms(
        group: Range<Int>, shifts: [Double], routes: [NodeRoute?]?
    ) throws -> NodeHistogramStatistics {
        let shape = NodeHistogramStatistics.Shape(
            nodes: group.count, totalBins: layout.totalBins, statsPerBin: classCount > 0 ? classCount + 1 : 4)
        let layout = self.layout, k = classCount
        let (statistics, pass) = try blocks.pass(options: options, shape: shape, states: &states) { chunk, _, state in
            if let routes { state.route(routes) }
            return NodeHistogramStatistics(
                rows: state, labels: chunk.labels, weights: chunk.weights, layout: layout, shape: shape,
                group: group, classCount: k, shifts: shifts)
        }
        inMemory.add(pass)
        levelPasses += 1
        return statistics
    }
}
