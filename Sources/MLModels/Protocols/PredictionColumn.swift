/// One column of `mlfit predict`'s output: a name and one value per row.
///
/// The kind of the values fixes how they are written: numbers in shortest round-trip form,
/// integers (cluster ids, counts) without a decimal point, labels (class names) as text,
/// CSV-quoted when needed.
public struct PredictionColumn: Sendable, Hashable {
    public enum Values: Sendable, Hashable {
        case numbers([Double])
        case integers([Int])
        case labels([String])

        public var count: Int {
            switch self {
            case .numbers(let values): return values.count
            case .integers(let values): return values.count
            case .labels(let values): return values.count
            }
        }
    }

    public var name: String
    public var values: Values

    public init(name: String, values: Values) {
        self.name = name
        self.values = values
    }
}

/// What extra prediction columns to produce. Each model reads the flags that apply to it and
/// ignores the others: a classifier adds `probability_<class>` columns, a clustering its
/// distance to the centre; linear regression has neither.
public struct PredictionOptions: Sendable, Hashable {
    /// Add the probability of every class (classifiers).
    public var probabilities: Bool
    /// Add the distance to the assigned cluster centre (clusterings).
    public var distances: Bool

    public init(probabilities: Bool = false, distances: Bool = false) {
        self.probabilities = probabilities
        self.distances = distances
    }
}
