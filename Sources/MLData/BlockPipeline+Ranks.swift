import MLEngine

extension BlockPipeline {
    /// Rank `rank`'s share of the file when `size` ranks read it: the lines that *start* in
    /// the rank's equal slice of the data bytes. A slice's ends are moved to the next line
    /// start, so every line is read by exactly one rank (a quoted field never spans lines, so
    /// a line start is always a row start). A share may hold no line: a rank that reads no
    /// row is normal.
    func share(rank: Int, of size: Int) throws(DataError) -> Share {
        guard size > 1 else { return wholeFile }
        let end = max(dataOffset, fileSize())
        let count = end - dataOffset
        func nominal(_ r: Int) -> Int { dataOffset + count / size * r + count % size * r / size }
        let from = try lineStart(atOrAfter: nominal(rank), end: end)
        let to = rank + 1 == size ? end : try lineStart(atOrAfter: nominal(rank + 1), end: end)
        return Share(bytes: from..<max(from, to), linesBefore: rank == 0 ? linesBefore : 0)
    }

    /// The first line start at or after `position`: `position` itself when the byte before
    /// it is a newline, otherwise the byte after the next newline (or `end`).
    private func lineStart(atOrAfter position: Int, end: Int) throws(DataError) -> Int {
        if position <= dataOffset { return dataOffset }
        if position >= end { return end }
        // The reader's first block ends at a newline after `position - 1` unless none is left.
        let reader = try TextBlockReader(path: path, offset: position - 1, end: end, bytesPerBlock: 1 << 16)
        guard let block = try reader.next(), let newline = block.firstIndex(of: UInt8(ascii: "\n")) else { return end }
        return position + newline
    }
}

/// The parts of a source's files one rank reads, in data order: its byte range when the ranks
/// split one file, or its whole files when the source has several (file `i` of `F` goes to
/// rank `⌊i·P/F⌋`… contiguously, so ranks follow the files' order).
struct RankShares {
    var parts: [(pipeline: BlockPipeline, share: BlockPipeline.Share)]
    /// Whether the ranks split one file, so that a rank's line numbers continue the lines of
    /// the ranks before it.
    var splitsOneFile: Bool
    /// The first file, named when no rank finds a row.
    var first: BlockPipeline

    init(_ pipelines: [BlockPipeline], communicator: any Communicator) throws(DataError) {
        first = pipelines[0]
        let (rank, size) = (communicator.rank, communicator.size)
        if pipelines.count == 1 {
            parts = [(first, try first.share(rank: rank, of: size))]
            splitsOneFile = size > 1
        } else {
            let files = pipelines.count
            let range = (files * rank / size)..<(files * (rank + 1) / size)
            parts = pipelines[range].map { ($0, $0.wholeFile) }
            splitsOneFile = false
        }
    }

    /// One pass over this rank's parts (each a parallel pass, merged in order), completed
    /// across the ranks; fails when no rank found a row.
    func pass<Statistics: PartialStatistics>(
        options: ExecutionOptions, shape: Statistics.Shape,
        compute: @escaping @Sendable (ParsedBlock, Int) throws -> Statistics
    ) throws -> (Statistics, PassReport) {
        let local: RankReduction.Outcome<Statistics> = Result {
            var total: BlockPipeline.SharePass<Statistics>?
            for (pipeline, share) in parts {
                let part = try pipeline.passOverBlocks(share, options: options, shape: shape, compute: compute)
                if var sum = total {
                    try sum.statistics.merge(part.statistics)
                    sum.report.append(part.report)
                    total = sum
                } else {
                    total = part
                }
            }
            return (
                total?.statistics ?? Statistics(zeroFor: shape), total?.report ?? PassReport(),
                splitsOneFile ? total?.lines ?? 0 : 0
            )
        }
        let (statistics, report) = try RankReduction.complete(local, shape: shape, options: options)
        try first.checkRows(report)
        return (statistics, report)
    }

    /// ``pass(options:shape:compute:)`` over the chunks with rows: what a source's public pass is.
    func passOverChunks<Statistics: PartialStatistics>(
        options: ExecutionOptions, shape: Statistics.Shape,
        compute: @escaping @Sendable (DataChunk, ChunkContext) throws -> Statistics
    ) throws -> (Statistics, PassReport) {
        try pass(options: options, shape: shape) { parsed, index in
            // An empty chunk contributes nothing; kernels need not handle zero rows.
            guard parsed.chunk.rowCount > 0 else { return Statistics(zeroFor: shape) }
            // The rows of the blocks before this one are still being counted.
            return try compute(parsed.chunk, ChunkContext(index: index, firstRow: nil))
        }
    }

    /// A read into memory: every block of this rank's parts with rows, in data order, handed
    /// to `consume`, then completed across the ranks with what `gathered` returns afterwards
    /// (the statistics `consume` collected). Fails when no rank found a row.
    ///
    /// - Returns: the combined statistics and report, and the global index of this rank's
    ///   first row.
    func load<Statistics: PartialStatistics>(
        options: ExecutionOptions, shape: Statistics.Shape,
        consume: (ParsedBlock) throws -> Void, gathered: () -> Statistics
    ) throws -> (statistics: Statistics, report: PassReport, firstRow: Int) {
        let local: RankReduction.Outcome<Statistics> = Result {
            var report = PassReport()
            var lines = 0
            for (pipeline, share) in parts {
                let part = try pipeline.forEachBlockInOrder(share, options: options, transform: { $0 }, consume: consume)
                report.append(part.report)
                lines += part.lines
            }
            return (gathered(), report, splitsOneFile ? lines : 0)
        }
        let result = try RankReduction.completeRead(local, shape: shape, options: options)
        try first.checkRows(result.report)
        return result
    }
}

extension PassReport {
    /// Adds the report of the rows that follow in the same pass (another file or range).
    mutating func append(_ other: PassReport) {
        rows += other.rows
        skippedRows += other.skippedRows
        bytes += other.bytes
        chunks += other.chunks
        seconds += other.seconds
        parseSeconds += other.parseSeconds
        computeSeconds += other.computeSeconds
    }
}
