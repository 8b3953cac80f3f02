/// Why logistic regression cannot fit the given data.
public enum LogisticRegressionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The label takes one value only.
    case oneClass(label: String, value: String)
    /// `family: .binomial` with more than two classes.
    case binomialWithClasses(count: Int)
    /// A label that is not one of the class codes `0..<classCount`.
    case invalidClassCode(Double, classCount: Int)

    public var description: String {
        switch self {
        case let .oneClass(label, value):
            return "the label '\(label)' has one class only ('\(value)'); logistic regression needs at least two"
        case let .binomialWithClasses(count):
            return "the binomial family needs two classes; the label has \(count): use family multinomial or auto"
        case let .invalidClassCode(value, count):
            return "the label value \(value) is not a class code in 0..<\(count)"
        }
    }
}
