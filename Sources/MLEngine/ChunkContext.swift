/// Where a chunk sits in its data: what a pass tells the per-chunk computation besides the
/// rows themselves.
///
/// Random draws keyed by the global row — `SeededRandom(seed:purpose:step:index:)` with
/// `index: UInt64(context.firstRow + i)` for row `i` of the chunk — are the same however the
/// rows are cut into chunks and whichever thread (or, later, process) computes them.
public struct ChunkContext: Sendable, Hashable {
    /// The chunk's position in the pass, from 0; it fixes the chunk's leaf in the reduction tree.
    public let index: Int
    /// The global index of the chunk's first row, counting from 0 over the whole data set.
    ///
    /// Known for data in memory (a prefix sum of the chunks' row counts, computed once when
    /// they are loaded). `nil` in a pass that streams a file, whose blocks are parsed in
    /// parallel before the rows of the blocks ahead of them have been counted: fits that need
    /// row-keyed draws load their data first (``ChunkSource``'s `load(options:)`).
    public let firstRow: Int?

    public init(index: Int, firstRow: Int?) {
        self.index = index
        self.firstRow = firstRow
    }
}
