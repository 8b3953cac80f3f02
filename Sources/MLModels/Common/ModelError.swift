/// Why a fit could not produce a model from valid input.
public enum ModelError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No rows of positive weight.
    case noData
    /// The source lacks the label the estimator needs.
    case missingLabel
    /// The unregularized system is singular: `feature` is (numerically) a linear combination
    /// of `combination` (and the intercept, when fitted).
    case collinear(feature: String, combination: [String])
    /// A column's sums, range or (centred) second moment overflowed double precision, so
    /// nothing computed from it would be meaningful — not a rank test, not a coefficient.
    case valuesTooLarge(column: String)
    /// Without regularization, fewer rows of positive weight than coefficients to solve for
    /// (`features` solved for, plus the intercept when fitted): infinitely many fits are exact.
    case underdetermined(rows: Int, features: Int, intercept: Bool)
    /// A model was applied to data with other features.
    case featureMismatch(expected: [String], found: [String])
    /// The problem is larger than the method supports.
    case tooManyFeatures(count: Int, limit: Int, solver: String)
    /// The algorithm reads numbers only, and `feature` is categorical.
    case categoricalFeature(feature: String, algorithm: String)
    /// A classifier's numeric label has more distinct values than classes are read from one
    /// (any classifier: logistic regression and trees find their classes the same way).
    case tooManyClasses(limit: Int)

    public var description: String {
        switch self {
        case .noData:
            return "no rows with a positive weight to fit on"
        case .missingLabel:
            return "the data have no label column; name one with the label option"
        case let .collinear(feature, combination):
            let others = combination.isEmpty
                ? "is constant or zero"
                : "is a linear combination of " + combination.map { "'\($0)'" }.joined(separator: ", ")
            return "the features are collinear: '\(feature)' \(others) (rank tolerance 1e-7, as R's lm); "
                + "drop one of them or add regularization (regParam > 0)"
        case let .valuesTooLarge(column):
            return "'\(column)' has values too large to square in double precision; rescale the column"
        case let .underdetermined(rows, features, intercept):
            let unknowns = features + (intercept ? 1 : 0)
            let parts = plural(features, "feature") + (intercept ? " and the intercept" : "")
            return "\(plural(rows, "row")) with positive weight cannot determine "
                + "\(plural(unknowns, "coefficient")) (\(parts)); "
                + "add regularization (regParam > 0) or use fewer features"
        case let .featureMismatch(expected, found):
            let missing = expected.filter { !found.contains($0) }
            return "the data lack the model's features: missing "
                + missing.map { "'\($0)'" }.joined(separator: ", ")
        case let .tooManyFeatures(count, limit, solver):
            return "\(count) features is more than the \(solver) solver supports (\(limit))"
        case let .categoricalFeature(feature, algorithm):
            return "\(algorithm) needs numeric features; '\(feature)' is categorical: one-hot encode it"
        case let .tooManyClasses(limit):
            return "the label has more than \(limit) distinct values and a classifier reads each as a class: "
                + "if the label is continuous, use a regression model"
        }
    }
}

private func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
