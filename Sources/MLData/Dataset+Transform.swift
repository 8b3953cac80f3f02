import MLNumerics

extension Dataset {
    /// The same rows with every chunk's features rewritten by `transform`, in place where the
    /// storage is not shared: for fits that work on a transformed copy of the loaded data
    /// (k-means centres the rows by their mean, or normalizes them for the cosine measure).
    ///
    /// Chunk boundaries and ``firstRows`` are kept, so row-keyed draws and rank shares are
    /// unchanged. `transform` receives the chunk's index, its global first row and its
    /// features; it must keep the shape and leave every value finite (it throws otherwise).
    package func transformingFeatures(
        _ transform: (_ index: Int, _ firstRow: Int, _ features: inout Matrix) throws -> Void
    ) rethrows -> Dataset {
        var chunks = self.chunks
        for index in chunks.indices {
            var features = chunks[index].features
            chunks[index].features = Matrix(rows: 0, columns: 0)
            try transform(index, firstRows[index], &features)
            chunks[index].features = features
        }
        return Dataset(trusted: schema, chunks: chunks, firstRow: firstRows.first ?? 0)
    }
}
