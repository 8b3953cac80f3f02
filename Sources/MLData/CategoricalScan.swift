import MLEngine

/// The distinct values of each categorical column over a run of blocks, in first-occurrence
/// order: the per-block dictionaries merged in block order.
///
/// As partial statistics it is the scan that fixes the levels before a streaming pass; the
/// engine's tree merges left before right, so the order is the rows' order on any thread count.
struct CategoricalValues: PartialStatistics {
    /// One table per categorical column.
    private(set) var columns: [ByteInterner]

    init(zeroFor columnCount: Int) {
        columns = Array(repeating: ByteInterner(), count: columnCount)
    }

    init(_ block: ParsedBlock) {
        columns = block.categories
    }

    mutating func merge(_ other: CategoricalValues) {
        for index in columns.indices { _ = add(other.columns[index], column: index) }
    }

    /// Per column, the count of values and each value's bytes, in order.
    func transferBytes() -> [UInt8] {
        var writer = ByteWriter()
        writer.write(columns.count)
        for column in columns {
            writer.write(column.count)
            for index in 0..<column.count { writer.write(bytes: column.bytes(index)) }
        }
        return writer.bytes
    }

    init(transferBytes bytes: [UInt8], shape columnCount: Int) throws {
        var reader = ByteReader(bytes)
        let count = try reader.readInt()
        guard count == columnCount else {
            throw SerializedStatisticsError(type: "CategoricalValues", expected: columnCount, found: count)
        }
        columns = try (0..<count).map { _ in
            let values = try reader.readInt()
            guard values >= 0, values <= bytes.count / 8 else { throw ByteReader.Truncated(needed: values, left: bytes.count) }
            return ByteInterner(try (0..<values).map { _ in try reader.readBytes() })
        }
    }

    /// Adds a block's values of column `index`; returns, for each of them, its index here.
    mutating func add(_ values: ByteInterner, column index: Int) -> [Int] {
        (0..<values.count).map { local in
            let bytes = Array(values.bytes(local))
            return ByteInterner.withBytes(bytes) { columns[index].intern($0, $1).index }
        }
    }

    /// For each value of `values`, its index in column `index` here, where every one of them
    /// is (these values merged from a part of the same data).
    func indices(of values: ByteInterner, column index: Int) -> [Int] {
        var column = columns[index]
        return (0..<values.count).map { local in
            ByteInterner.withBytes(Array(values.bytes(local))) { column.intern($0, $1).index }
        }
    }

    /// The levels by ``CategoricalLevels``'s rule, and a matcher for each column that finds
    /// every value met here among them.
    func resolved() -> ResolvedLevels {
        var levels: [[String]] = []
        var codes: [[Int]] = []
        var matchers: [LevelMatcher] = []
        for column in columns {
            let spellings = column.values
            let (columnLevels, columnCodes) = CategoricalLevels.resolve(
                spellings.map { String(decoding: $0, as: UTF8.self) })
            levels.append(columnLevels)
            codes.append(columnCodes)
            matchers.append(LevelMatcher(levels: columnLevels, spellings: spellings, codes: columnCodes))
        }
        return ResolvedLevels(levels: levels, codes: codes, matchers: matchers)
    }
}

/// The final levels of a file's categorical columns whose levels come from the data.
struct ResolvedLevels: Sendable {
    /// Per column, its levels in code order.
    var levels: [[String]]
    /// Per column, the final code of each value of ``CategoricalValues`` (by its index there).
    var codes: [[Int]]
    /// Per column, a matcher of the values to their final codes, for streaming passes.
    var matchers: [LevelMatcher]
}

extension DataChunk {
    /// Replaces the block-local codes of a categorical column (feature slot `role`, or the
    /// label) by final codes: `final[local]`.
    mutating func remapCodes(role: Int32, to final: [Double]) {
        if role >= 0 {
            let p = featureCount, j = Int(role), n = rowCount
            features.withUnsafeMutableBufferPointer { values in
                for i in 0..<n { values[i * p + j] = final[Int(values[i * p + j])] }
            }
        } else {
            for i in labels.indices { labels[i] = final[Int(labels[i])] }
        }
    }
}
