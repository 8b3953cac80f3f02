/// Why a decision tree cannot be fitted to the given data.
public enum DecisionTreeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A classifier's label takes one value only.
    case oneClass(label: String, value: String)
    /// A classifier's label has more classes than a tree takes.
    case tooManyClasses(label: String, count: Int, limit: Int)
    /// A categorical feature has more categories than `maxBins`.
    case arityAboveMaxBins(feature: String, arity: Int, maxBins: Int)

    public var description: String {
        switch self {
        case let .oneClass(label, value):
            return "the label '\(label)' has one class only ('\(value)'); a classification tree needs at least two"
        case let .tooManyClasses(label, count, limit):
            return "the label '\(label)' has \(count) distinct values; a classification tree takes at most \(limit) "
                + "classes: if the label is continuous, use decision-tree-regressor"
        case let .arityAboveMaxBins(feature, arity, maxBins):
            return "the categorical feature '\(feature)' has \(arity) categories, more than maxBins (\(maxBins)): "
                + "set maxBins to at least \(arity)"
        }
    }
}
