import MLEngine

/// How a CSV source finds the levels of categorical columns that take them from the data.
///
/// `load` reads the file once: each block interns its values with codes local to the block;
/// the blocks' dictionaries are merged in block order, ordered by ``CategoricalLevels``, and
/// each chunk's codes are remapped once to the final ones. A streaming pass cannot remap
/// statistics already computed, so a first pass (the same parser, so the same rows are used
/// or dropped) merges the dictionaries in the engine's tree, and the pass proper parses with
/// the levels fixed. Either way the levels are kept, so later passes read the file once.
extension CSVSource {
    /// The schema and pipelines with every level known, scanning the data if need be (under
    /// MPI, the ranks' dictionaries merged in rank order); the report of the scan when one
    /// was made.
    func resolve(options: ExecutionOptions) throws -> (resolution: Resolution, scan: PassReport?) {
        try resolution.withLock { cached throws -> (resolution: Resolution, scan: PassReport?) in
            if let cached { return (cached, nil) }
            let shares = try RankShares(pipelines, communicator: options.communicator)
            let (values, report) = try shares.pass(options: options, shape: layout.categorical.count) { parsed, _ in
                CategoricalValues(parsed)
            }
            let resolved = resolution(with: values.resolved())
            cached = resolved
            return (resolved, report)
        }
    }

    /// Reads this rank's rows into memory as binary chunks (one per block), for multi-pass
    /// fits; the data set's schema has the levels of every categorical column (merged over
    /// every rank), and its ``Dataset/firstRows`` count the rows of the ranks before this one.
    public func load(options: ExecutionOptions) throws -> (data: Dataset, report: PassReport) {
        let resolved = layout.hasFreeLevels ? nil : try resolve(options: options).resolution
        let columnCount = resolved == nil ? layout.categorical.count : 0
        var local = CategoricalValues(zeroFor: columnCount)
        // Each block's chunk with, per categorical column, the index in `local` of each of
        // its block-local codes.
        var blocks: [(chunk: DataChunk, indices: [[Int]])] = []
        let shares = try RankShares(resolved?.pipelines ?? pipelines, communicator: options.communicator)
        let (values, report, firstRow) = try shares.load(options: options, shape: columnCount) { parsed in
            let indices = (0..<columnCount).map { local.add(parsed.categories[$0], column: $0) }
            blocks.append((parsed.chunk, indices))
        } gathered: {
            local
        }
        guard columnCount > 0 else {
            let schema = resolved?.schema ?? self.schema
            return (Dataset(trusted: schema, chunks: blocks.map(\.chunk), firstRow: firstRow), report)
        }

        let found = values.resolved()
        let final = resolution(with: found)
        // This rank's values among every rank's: the index of each local value in `values`.
        let globalIndex = (0..<columnCount).map { values.indices(of: local.columns[$0], column: $0) }
        let chunks = blocks.map { block in
            var chunk = block.chunk
            for (column, categorical) in layout.categorical.enumerated() where categorical.fixedLevels == nil {
                let codes = found.codes[column]
                let map = globalIndex[column]
                chunk.remapCodes(role: categorical.role, to: block.indices[column].map { Double(codes[map[$0]]) })
            }
            return chunk
        }
        resolution.withLock { cached in
            if cached == nil { cached = final }
        }
        // The parser checked every value, and the codes are indices among the levels.
        return (Dataset(trusted: final.schema, chunks: chunks, firstRow: firstRow), report)
    }

    /// The schema and pipelines for `found` levels (those given in the options kept).
    private func resolution(with found: ResolvedLevels) -> Resolution {
        let columns = layout.categorical
        let levels = columns.indices.map { columns[$0].fixedLevels ?? found.levels[$0] }
        let matchers = columns.indices.map { i in
            columns[i].fixedLevels.map(LevelMatcher.init(levels:)) ?? found.matchers[i]
        }
        let fixed = pipelines.map { pipeline in
            let parser = layout.parser(path: pipeline.path, options: self.options, matchers: matchers)
            var fixed = pipeline
            fixed.parse = { (bytes) throws(BlockError) in try parser.parse(bytes) }
            return fixed
        }
        return Resolution(schema: layout.schema(options: self.options, levels: levels), pipelines: fixed)
    }
}
