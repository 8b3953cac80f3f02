/// Input that classification metrics cannot be computed from. Thrown, never trapped: the
/// values come from the data and from models read from files.
public enum ClassificationMetricsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A true class code that is not a whole number in `0..<classCount` (`row` counts from 0
    /// within the chunk).
    case trueClassOutOfRange(row: Int, value: Double, classCount: Int)
    /// A predicted class code outside `0..<classCount`.
    case predictedClassOutOfRange(row: Int, value: Int, classCount: Int)
    /// An input array whose length does not fit the rows (`what` names it).
    case lengthMismatch(what: String, expected: Int, found: Int)
    /// A class probability that is not a finite number in `[0, 1]`.
    case invalidProbability(row: Int, classCode: Int, value: Double)
    /// A row weight that is negative or not finite.
    case invalidWeight(row: Int, value: Double)
    /// Statistics of different classes were merged.
    case classesMismatch(expected: [String], found: [String])

    public var description: String {
        switch self {
        case let .trueClassOutOfRange(row, value, classCount):
            return "row \(row) of a chunk has the true class code \(value); "
                + "the codes of \(classCount) classes are the whole numbers \(Self.range(classCount))"
        case let .predictedClassOutOfRange(row, value, classCount):
            return "row \(row) of a chunk has the predicted class code \(value); "
                + "the codes of \(classCount) classes are \(Self.range(classCount))"
        case let .lengthMismatch(what, expected, found):
            return "found \(found) \(what), expected \(expected)"
        case let .invalidProbability(row, classCode, value):
            return "row \(row) of a chunk has the probability \(value) for class \(classCode); "
                + "probabilities are finite numbers from 0 to 1"
        case let .invalidWeight(row, value):
            return "row \(row) of a chunk has the weight \(value); weights are finite and ≥ 0"
        case let .classesMismatch(expected, found):
            return "cannot merge classification statistics of the classes "
                + "\(found.joined(separator: ", ")) into those of \(expected.joined(separator: ", "))"
        }
    }

    private static func range(_ classCount: Int) -> String {
        classCount > 0 ? "0 to \(classCount - 1)" : "(none: there are no classes)"
    }
}
