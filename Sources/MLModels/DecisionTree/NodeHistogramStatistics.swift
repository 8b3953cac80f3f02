import MLEngine

/// The sufficient statistics of a group of a tree level's open nodes: per node, its totals
/// and, per feature and bin, the statistics of its rows in that bin.
///
/// Per bin (and per node total) there are `s` numbers:
///
/// - classification (`K` classes, `s = K + 1`): the weight of each class, then the row count
///   (for ``DecisionTreeClassifier/minInstancesPerNode``);
/// - regression (`s = 4`): the row count, `W = Σw`, `S = Σw(y − m)`, `Q = Σw(y − m)²`, with
///   `m` the node's shift (see ``TreeImpurity``).
///
/// Node `k` of the group occupies `values[k·(1 + B)·s ..< (k + 1)·(1 + B)·s]`: its totals,
/// then the `B` bins of every feature side by side (``BinLayout``). Everything is a plain sum,
/// so merging is elementwise addition and the statistics cross ranks as one flat array.
/// Counts are whole numbers, exact below 2⁵³ whatever the order of the additions.
struct NodeHistogramStatistics: SummablePartialStatistics, Hashable {
    struct Shape: Sendable, Hashable, Codable {
        var nodes: Int
        /// `B`, every feature's bins together.
        var totalBins: Int
        /// `s`, the numbers per bin.
        var statsPerBin: Int

        /// `(1 + B)·s`, the numbers per node.
        var nodeStride: Int { (1 + totalBins) * statsPerBin }
        var count: Int { nodes * nodeStride }
        /// The index of the row count among a bin's numbers.
        func countIndex(classCount: Int) -> Int { classCount > 0 ? classCount : 0 }
    }

    let shape: Shape
    var values: [Double]

    init(zeroFor shape: Shape) {
        self.shape = shape
        values = [Double](repeating: 0, count: shape.count)
    }

    mutating func merge(_ other: NodeHistogramStatistics) throws {
        guard other.values.count == values.count else {
            throw SerializedStatisticsError(
                type: "NodeHistogramStatistics", expected: values.count, found: other.values.count)
        }
        values.withUnsafeMutableBufferPointer { a in
            other.values.withUnsafeBufferPointer { b in
                for i in a.indices { a[i] += b[i] }
            }
        }
    }

    func serialized() -> [Double] { values }

    /// Rebuilds the statistics, checking the length and that every number is finite.
    init(serialized: [Double], shape: Shape) throws {
        guard serialized.count == shape.count else {
            throw SerializedStatisticsError(type: "NodeHistogramStatistics", expected: shape.count, found: serialized.count)
        }
        guard serialized.allSatisfy(\.isFinite) else {
            throw InvalidSerializedStatisticsError(type: "NodeHistogramStatistics", reason: "a sum is not finite")
        }
        self.shape = shape
        values = serialized
    }
}
