/// Why k-means could not fit valid input.
public enum KMeansError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The rows of positive weight hold fewer than `k` distinct points, so `k` distinct
    /// centers do not exist (Spark returns a model with fewer centers instead).
    case tooFewDistinctPoints(k: Int, found: Int)
    /// With the cosine measure, a row of zeros has no direction; `row` counts data rows from 1.
    case zeroVector(row: Int)
    /// A row of zeros given to a cosine model to predict or evaluate (where chunks do not
    /// know their global rows).
    case zeroVectorToPredict
    /// The initial model was trained on other features.
    case initialModelFeatures(expected: [String], found: [String])
    /// A center of the initial model is zero, which the cosine measure cannot normalize.
    case zeroInitialCenter(index: Int)

    public var description: String {
        switch self {
        case let .tooFewDistinctPoints(k, found):
            return "k = \(k) clusters need \(k) distinct points of positive weight; the data have \(found): "
                + "lower k"
        case let .zeroVector(row):
            return "data row \(row) is all zeros, which has no direction for the cosine distance: "
                + "drop it or use --distance-measure euclidean"
        case .zeroVectorToPredict:
            return "a row is all zeros, which has no direction for the cosine distance of this model: drop it"
        case let .initialModelFeatures(expected, found):
            return "the initial model's features (\(found.joined(separator: ", "))) are not the data's "
                + "(\(expected.joined(separator: ", ")))"
        case let .zeroInitialCenter(index):
            return "center \(index) of the initial model is zero, which the cosine distance cannot use"
        }
    }
}
