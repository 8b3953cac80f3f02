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
    /// The schema and pipeline with every level known, scanning the file if need be; the
    /// report of the scan when one was made.
    func resolve(options: ExecutionOptions) throws -> (resolution: Resolution, scan: PassReport?) {
        try resolution.withLock { cached throws -> (resolution: Resolution, scan: PassReport?) in
            if let cached { return (cached, nil) }
            let (values, report) = try pipeline.passOverBlocks(
                options: options, shape: layout.categorical.count
            ) { parsed, _ in CategoricalValues(parsed) }
            let resolved = resolution(with: values.resolved())
            cached = resolved
            return (resolved, report)
        }
    }

    /// Reads every row into memory as binary chunks (one per block), for multi-pass fits; the
    /// data set's schema has the levels of every categorical column.
    public func load(options: ExecutionOptions) throws -> (data: Dataset, report: PassReport) {
        guard layout.hasFreeLevels else { return try pipeline.load(schema: schema, options: options) }
        let columnCount = layout.categorical.count
        var values = CategoricalValues(zeroFor: columnCount)
        // Each block's chunk with, per categorical column, the index in `values` of each of
        // its local codes.
        var blocks: [(chunk: DataChunk, indices: [[Int]])] = []
        let report = try pipeline.forEachBlockInOrder(options: options, transform: { $0 }) { parsed in
            let indices = (0..<columnCount).map { values.add(parsed.categories[$0], column: $0) }
            blocks.append((parsed.chunk, indices))
        }
        let found = values.resolved()
        let resolved = resolution(with: found)
        let chunks = blocks.map { block in
            var chunk = block.chunk
            for (column, categorical) in layout.categorical.enumerated() where categorical.fixedLevels == nil {
                let codes = found.codes[column]
                chunk.remapCodes(role: categorical.role, to: block.indices[column].map { Double(codes[$0]) })
            }
            return chunk
        }
        resolution.withLock { cached in
            if cached == nil { cached = resolved }
        }
        // The parser checked every value, and the codes are indices among the levels.
        return (Dataset(trusted: resolved.schema, chunks: chunks), report)
    }

    /// The schema and a pipeline for `found` levels (those given in the options kept).
    private func resolution(with found: ResolvedLevels) -> Resolution {
        let columns = layout.categorical
        let levels = columns.indices.map { columns[$0].fixedLevels ?? found.levels[$0] }
        let matchers = columns.indices.map { i in
            columns[i].fixedLevels.map(LevelMatcher.init(levels:)) ?? found.matchers[i]
        }
        let parser = layout.parser(path: path, options: self.options, matchers: matchers)
        var fixed = pipeline
        fixed.parse = { (bytes) throws(BlockError) in try parser.parse(bytes) }
        return Resolution(schema: layout.schema(options: self.options, levels: levels), pipeline: fixed)
    }
}
