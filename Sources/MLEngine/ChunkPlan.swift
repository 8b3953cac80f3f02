/// How the rows of an in-memory data set are cut into chunks.
///
/// Boundaries depend only on the row count and the chunk size, never on the number of
/// threads, so the reduction tree — and therefore every bit of the result — is the same on
/// any number of threads.
public struct ChunkPlan: Sendable, Hashable {
    public let rowCount: Int
    public let rowsPerChunk: Int

    /// The default chunk size for `columns` numbers per row: about 2 MiB of doubles, which
    /// keeps a block and its working copy in cache and gives BLAS long enough calls — but at
    /// least 32 rows per column, so that merging two chunks' `q × q` factors (`O(q³)`) stays
    /// small next to computing them (`O(rows·q²)`).
    public static func defaultRowsPerChunk(columns: Int) -> Int {
        let target = max((2 << 20) / (8 * max(1, columns)), 32 * columns)
        return min(65_536, max(256, target))
    }

    public init(rowCount: Int, rowsPerChunk: Int) {
        self.rowCount = max(0, rowCount)
        self.rowsPerChunk = max(1, rowsPerChunk)
    }

    /// Rows of `columns` doubles that make about 256 KB, a window that stays in the core's
    /// cache: a kernel that reads a chunk twice (scores, then a transposed product; bounds,
    /// then sums) goes window by window, so the second read hits the cache.
    public static func cacheWindowRows(columns: Int) -> Int {
        max(1, (1 << 15) / max(1, columns))
    }

    /// A plan with exactly `chunkCount` chunks of nearly equal size (the first ones one row
    /// longer), for tests that run the same data in 1, 3, 5 and 8 chunks.
    public static func ranges(rowCount: Int, chunkCount: Int) -> [Range<Int>] {
        let count = max(1, min(chunkCount, max(1, rowCount)))
        let base = rowCount / count, extra = rowCount % count
        var start = 0
        return (0..<count).map { i in
            let length = base + (i < extra ? 1 : 0)
            defer { start += length }
            return start..<(start + length)
        }
    }

    public var chunkCount: Int { (rowCount + rowsPerChunk - 1) / rowsPerChunk }

    public var ranges: [Range<Int>] {
        stride(from: 0, to: rowCount, by: rowsPerChunk).map { $0..<min(rowCount, $0 + rowsPerChunk) }
    }
}
