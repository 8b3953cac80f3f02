import MLData

/// One block of rows as a tree's level passes see it: each row's bin per feature, 8 bits
/// wide up to 256 bins per feature and 16 bits up to 65,536, and the open node each row is
/// in at the current level. It is the per-chunk state of ``Dataset``'s passes, so it
/// stays with its block, changed in place, from level to level.
struct BinnedRows: Sendable {
    /// Row-major `rows × features` bin indices.
    enum Storage: Sendable {
        case narrow([UInt8])
        case wide([UInt16])
    }

    var storage: Storage
    let featureCount: Int
    /// The index of each row's node among the open nodes of the current level, or −1 when
    /// the row sits in a leaf (or has weight 0).
    var node: [Int32]

    /// The bins of the rows of `chunks` (features in the order of `layout`), and every row of
    /// positive weight at the root.
    init(chunks: [DataChunk], layout: BinLayout, wide: Bool) {
        let p = layout.features.count
        featureCount = p
        let n = chunks.reduce(0) { $0 + $1.rowCount }
        var node = [Int32](repeating: 0, count: n)
        let search = BinSearchTable(layout)
        func fill<B: FixedWidthInteger & UnsignedInteger>(_: B.Type) -> [B] {
            var bins = [B](repeating: 0, count: n * p)
            bins.withUnsafeMutableBufferPointer { out in
                node.withUnsafeMutableBufferPointer { node in
                    search.thresholds.withUnsafeBufferPointer { t in
                        search.ranges.withUnsafeBufferPointer { ranges in
                            var row = 0
                            for chunk in chunks {
                                chunk.features.withUnsafeBufferPointer { x in
                                    for i in 0..<chunk.rowCount {
                                        if chunk.weight(i) <= 0 { node[row] = -1 }
                                        for j in 0..<p {
                                            let bin = FeatureBins.countBelow(
                                                x[i * p + j], in: UnsafeBufferPointer(rebasing: t[ranges[j]]))
                                            out[row * p + j] = B(truncatingIfNeeded: bin)
                                        }
                                        row += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return bins
        }
        storage = wide ? .wide(fill(UInt16.self)) : .narrow(fill(UInt8.self))
        self.node = node
    }

    private init() {
        storage = .narrow([])
        featureCount = 0
        node = []
    }

    /// No rows: the state of a block before it is binned.
    static let empty = BinnedRows()

    var rowCount: Int { node.count }

    /// Bytes held for the bins.
    var byteCount: Int {
        switch storage {
        case .narrow(let bins): return bins.count
        case .wide(let bins): return 2 * bins.count
        }
    }

    /// The bin of row `i`, feature `j`.
    func bin(_ i: Int, _ j: Int) -> Int {
        switch storage {
        case .narrow(let bins): return Int(bins[i * featureCount + j])
        case .wide(let bins): return Int(bins[i * featureCount + j])
        }
    }

    /// Moves every row of an open node that split to the open node of its child, and every
    /// other row to −1 (a leaf).
    mutating func route(_ routes: [NodeRoute?]) {
        for i in node.indices {
            let n = Int(node[i])
            guard n >= 0 else { continue }
            guard n < routes.count, let route = routes[n] else {
                node[i] = -1
                continue
            }
            let b = bin(i, route.feature)
            node[i] = b < route.goesLeft.count && route.goesLeft[b] ? route.left : route.right
        }
    }
}

/// Every feature's thresholds in one array, so that binning a row reads one table rather than
/// an enum and its array per value: a continuous feature's own thresholds, a categorical
/// one's halfway between its codes (`0.5, 1.5, …, arity − 1.5`), so that the count below a
/// checked code is the code itself.
private struct BinSearchTable {
    var thresholds: [Double] = []
    /// Feature `j`'s thresholds, `thresholds[ranges[j]]`.
    var ranges: [Range<Int>] = []

    init(_ layout: BinLayout) {
        for feature in layout.features {
            let start = thresholds.count
            switch feature {
            case .continuous(let values): thresholds += values
            case .categorical(let arity): thresholds += (1..<max(1, arity)).map { Double($0) - 0.5 }
            }
            ranges.append(start..<thresholds.count)
        }
    }
}

/// Where the rows of one split node go: by their bin of `feature`, to the open node `left`
/// or `right` of the next level (−1 for a child that is a leaf).
struct NodeRoute: Sendable, Hashable {
    var feature: Int
    /// One entry per bin of the feature.
    var goesLeft: [Bool]
    var left: Int32
    var right: Int32
}
