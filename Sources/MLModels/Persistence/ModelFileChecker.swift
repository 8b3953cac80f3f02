/// Checks of values read from a model file. A file is user input — edited by hand, cut short
/// by a full disk, written by a later mlfit — so every length and value a model uses is
/// checked on load, and a failure is one ``ModelFileError/corrupt(path:reason:)`` line
/// instead of a crash later (an index out of range in `info`, say).
struct ModelFileChecker {
    let path: String

    func require(_ condition: Bool, _ reason: @autoclosure () -> String) throws(ModelFileError) {
        guard condition else { throw ModelFileError.corrupt(path: path, reason: reason()) }
    }

    /// An array with one entry per feature.
    func perFeature<T>(_ values: [T]?, _ key: String, featureCount: Int) throws(ModelFileError) {
        guard let values else { return }
        try require(
            values.count == featureCount,
            "\(key) has \(values.count) entries for \(featureCount) features")
    }

    func finite(_ value: Double, _ key: String) throws(ModelFileError) {
        try require(value.isFinite, "\(key) is not a finite number")
    }

    func finite(_ values: [Double], _ key: String) throws(ModelFileError) {
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw ModelFileError.corrupt(path: path, reason: "\(key)[\(bad)] is not a finite number")
        }
    }

    /// A count in `range` (by default any non-negative count).
    func count(_ value: Int?, _ key: String, in range: ClosedRange<Int> = 0...Int.max) throws(ModelFileError) {
        guard let value else { return }
        try require(range.contains(value), "\(key) is \(value); it must be in \(range.lowerBound)...\(range.upperBound)")
    }

    /// The file's hyperparameters pass the estimator's own checks.
    func hyperparameters(_ validate: () throws(HyperparameterError) -> Void) throws(ModelFileError) {
        do {
            try validate()
        } catch {
            throw ModelFileError.corrupt(path: path, reason: "hyperparameters: \(error.description)")
        }
    }

    /// Each of the names is one of `features`.
    func featureSubset(_ names: [String], _ key: String, of features: [String]) throws(ModelFileError) {
        let known = Set(features)
        if let unknown = names.first(where: { !known.contains($0) }) {
            throw ModelFileError.corrupt(path: path, reason: "\(key) names '\(unknown)', which is not a feature")
        }
    }
}
