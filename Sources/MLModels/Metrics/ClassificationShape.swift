/// The shape of ``ClassificationMetricsStatistics``: the classes a classifier tells apart.
///
/// A categorical label is held in a chunk as its class code `0..<K` (a `Double`), the index of
/// its level in ``classes``; predictions are codes into the same list.
public struct ClassificationShape: Sendable, Hashable, Codable {
    /// The class names in code order (the label's levels).
    public var classes: [String]

    public init(classes: [String]) {
        self.classes = classes
    }

    /// `K`, the number of classes.
    public var classCount: Int { classes.count }

    /// Whether the metrics include the binary ones (areas under the ROC and PR curves): `K = 2`.
    public var isBinary: Bool { classes.count == 2 }
}
