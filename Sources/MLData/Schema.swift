/// How the values of a column are read and held.
public enum ColumnKind: Sendable, Hashable {
    /// Finite numbers, held as they are.
    case numeric
    /// Values from a finite set, held in chunks as the index of the value in `levels`
    /// (a `Double` holding 0, 1, 2, …). `levels` are ordered by one rule that depends only on
    /// the set of values, each spelled as first written.
    case categorical(levels: [String])

    /// The levels of a categorical column, `nil` for a numeric one.
    public var levels: [String]? {
        if case .categorical(let levels) = self { return levels }
        return nil
    }

    public var isCategorical: Bool { levels != nil }
}

/// The columns a source provides: feature names and kinds in order, and the label and
/// weight columns.
public struct Schema: Sendable, Hashable {
    public var featureNames: [String]
    /// One kind per feature, in the order of ``featureNames``.
    public var featureKinds: [ColumnKind]
    public var labelName: String?
    /// `.categorical` for a classifier's label, whose levels are its classes.
    public var labelKind: ColumnKind
    public var weightName: String?

    public init(
        featureNames: [String], labelName: String? = nil, weightName: String? = nil,
        featureKinds: [ColumnKind]? = nil, labelKind: ColumnKind = .numeric
    ) {
        self.featureNames = featureNames
        self.featureKinds = featureKinds ?? Array(repeating: .numeric, count: featureNames.count)
        self.labelName = labelName
        self.labelKind = labelKind
        self.weightName = weightName
    }

    public var featureCount: Int { featureNames.count }

    /// The label's classes in code order, `nil` when the label is numeric.
    public var classes: [String]? { labelKind.levels }

    /// The names of the categorical features with their levels.
    public var categoricalFeatures: [(name: String, levels: [String])] {
        zip(featureNames, featureKinds).compactMap { name, kind in kind.levels.map { (name, $0) } }
    }
}
