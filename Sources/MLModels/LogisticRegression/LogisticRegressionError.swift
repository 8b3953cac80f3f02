/// Why logistic regression cannot fit the given data.
public enum LogisticRegressionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The label takes one value only.
    case oneClass(label: String, value: String)
    /// The label is numeric; a classifier reads it as categorical.
    case numericLabel(label: String)
    /// `family: .binomial` with more than two classes.
    case binomialWithClasses(count: Int)
    /// A label that is not one of the class codes `0..<classCount`.
    case invalidClassCode(Double, classCount: Int)

    public var description: String {
        switch self {
        case let .oneClass(label, value):
            return "the label '\(label)' has one class only ('\(value)'); logistic regression needs at least two"
        case let .numericLabel(label):
            return "logistic regression reads the label '\(label)' as classes: give it as categorical "
                + "(Dataset(features:labels:) with text labels, or a CSV source with the label among "
                + "its categorical columns)"
        case let .binomialWithClasses(count):
            return "the binomial family needs two classes; the label has \(count): use family multinomial or auto"
        case let .invalidClassCode(value, count):
            return "the label value \(value) is not a class code in 0..<\(count)"
        }
    }
}
