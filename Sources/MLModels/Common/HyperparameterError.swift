/// A hyperparameter outside its allowed range. The message names the estimator, the
/// parameter, the allowed range and the value given:
/// `The 'regParam' hyperparameter of LinearRegression must be ≥ 0. Got -1.`
public struct HyperparameterError: Error, Hashable, Sendable, CustomStringConvertible {
    public let estimator: String
    public let name: String
    public let requirement: String
    public let given: String

    public init(estimator: String, name: String, requirement: String, given: String) {
        self.estimator = estimator
        self.name = name
        self.requirement = requirement
        self.given = given
    }

    public var description: String {
        "The '\(name)' hyperparameter of \(estimator) must be \(requirement). Got \(given)."
    }
}

/// Range checks that build ``HyperparameterError``s with one wording everywhere.
struct HyperparameterChecker {
    let estimator: String

    func atLeast(_ value: Double, _ bound: Double, _ name: String) throws(HyperparameterError) {
        guard value.isFinite, value >= bound else {
            throw HyperparameterError(
                estimator: estimator, name: name, requirement: "≥ \(format(bound))", given: format(value))
        }
    }

    func atLeast(_ value: Int, _ bound: Int, _ name: String) throws(HyperparameterError) {
        guard value >= bound else {
            throw HyperparameterError(
                estimator: estimator, name: name, requirement: "≥ \(bound)", given: "\(value)")
        }
    }

    func within(_ value: Double, _ range: ClosedRange<Double>, _ name: String) throws(HyperparameterError) {
        guard value.isFinite, range.contains(value) else {
            throw HyperparameterError(
                estimator: estimator, name: name,
                requirement: "in [\(format(range.lowerBound)), \(format(range.upperBound))]",
                given: format(value))
        }
    }

    func positive(_ value: Double, _ name: String) throws(HyperparameterError) {
        guard value.isFinite, value > 0 else {
            throw HyperparameterError(
                estimator: estimator, name: name, requirement: "> 0", given: format(value))
        }
    }

    private func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    }
}
