import Synchronization

/// Combines per-chunk statistics in a binary tree fixed by chunk index, as chunks finish in
/// any order on any number of threads.
///
/// Chunk `i` is leaf `i`. The node at level `L` with position `k` covers chunks
/// `k·2^L ..< (k+1)·2^L` and is formed, as `left.merge(right)`, as soon as both of its
/// children exist. When every chunk has arrived, the complete subtrees left over (one per set
/// bit of the chunk count) are folded from left to right. The shape of the tree therefore
/// depends only on the number of chunks, never on timing or thread count, which makes the
/// result bit-reproducible; at most one pending node per level plus one per worker is held.
public final class TreeReducer<Statistics: PartialStatistics>: Sendable {
    private struct Node: Hashable {
        var level: Int
        var position: Int
    }

    private let shape: Statistics.Shape
    private let pending = Mutex<[Node: Statistics]>([:])

    public init(shape: Statistics.Shape) {
        self.shape = shape
    }

    /// Adds the statistics of chunk `index`. Each index must be added exactly once.
    public func add(_ statistics: Statistics, index: Int) throws {
        var node = Node(level: 0, position: index)
        var value = statistics
        while true {
            let sibling = Node(level: node.level, position: node.position ^ 1)
            let partner: Statistics? = pending.withLock { nodes in
                if let found = nodes.removeValue(forKey: sibling) { return found }
                nodes[node] = value
                return nil
            }
            guard let partner else { return }
            // Merge outside the lock: the other workers go on meanwhile.
            if node.position & 1 == 0 {
                try value.merge(partner)
            } else {
                var left = partner
                try left.merge(value)
                value = left
            }
            node = Node(level: node.level + 1, position: node.position >> 1)
        }
    }

    /// The statistics of all chunks added, once every chunk has been added.
    public func result() throws -> Statistics {
        let nodes = pending.withLock { nodes in
            defer { nodes.removeAll() }
            return nodes.sorted { $0.key.position << $0.key.level < $1.key.position << $1.key.level }
        }
        var total = Statistics(zeroFor: shape)
        for (_, value) in nodes { try total.merge(value) }
        return total
    }
}
