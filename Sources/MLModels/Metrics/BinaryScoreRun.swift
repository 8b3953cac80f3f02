/// The scores of a binary classifier as a run sorted by score, each distinct score once with
/// the weight of the positive and of the negative rows that have it: the exact, mergeable
/// statistics behind the areas under the ROC and precision–recall curves.
///
/// A threshold `t` classifies rows with score `s ≥ t` as positive; the distinct scores are the
/// thresholds at which the curves change. Walking the run from the highest score gives the
/// cumulative weights
///
///     TPₙ = Σ_{s ≥ sₙ} w⁺(s),   FPₙ = Σ_{s ≥ sₙ} w⁻(s),   P = TP_last,   N = FP_last,
///
/// from which ``areaUnderROC`` and ``averagePrecision`` follow exactly as scikit-learn's
/// `roc_auc_score` and `average_precision_score` compute them (rows of equal score enter
/// together, at one threshold).
///
/// Merging two runs is the merge of two sorted lists that adds the weights of equal scores:
/// O(a + b), associative up to round-off in those additions, and independent of how the rows
/// were cut into chunks. The run holds one entry per distinct score, so its size grows with
/// the number of distinct scores in the data (at most the number of rows).
public struct BinaryScoreRun: Sendable, Hashable {
    /// The distinct scores, strictly increasing.
    public private(set) var scores: [Double] = []
    /// The weight of the positive rows (true class 1) at each score.
    public private(set) var positiveWeights: [Double] = []
    /// The weight of the negative rows (true class 0) at each score.
    public private(set) var negativeWeights: [Double] = []

    /// The run of no rows.
    public init() {}

    /// The run of rows given in any order. Rows of weight 0 are left out (as scikit-learn
    /// drops them), so they add no threshold.
    ///
    /// - Parameters:
    ///   - scores: finite scores (the probability of class 1); the caller checks finiteness.
    ///   - isPositive: whether each row's true class is 1.
    ///   - weights: one weight ≥ 0 per row, or empty for all 1.
    /// - Complexity: O(n log n) for n rows.
    init(scores rowScores: [Double], isPositive: [Bool], weights: [Double]) {
        // Sorted by score, then by row, so that the sums of equal scores add in row order.
        let order = rowScores.indices
            .filter { weights.isEmpty || weights[$0] > 0 }
            .sorted { rowScores[$0] < rowScores[$1] || (rowScores[$0] == rowScores[$1] && $0 < $1) }
        for i in order {
            let w = weights.isEmpty ? 1 : weights[i]
            if let last = scores.last, last == rowScores[i] {
                if isPositive[i] { positiveWeights[positiveWeights.count - 1] += w }
                else { negativeWeights[negativeWeights.count - 1] += w }
            } else {
                scores.append(rowScores[i])
                positiveWeights.append(isPositive[i] ? w : 0)
                negativeWeights.append(isPositive[i] ? 0 : w)
            }
        }
    }

    /// A run already sorted and combined (the caller has checked it), as it crosses ranks.
    init(sortedScores: [Double], positiveWeights: [Double], negativeWeights: [Double]) {
        scores = sortedScores
        self.positiveWeights = positiveWeights
        self.negativeWeights = negativeWeights
    }

    /// The number of distinct scores.
    public var count: Int { scores.count }

    /// Folds in the run of rows that come after this run's rows: the sorted merge of the two
    /// runs, with the weights of a score present in both added (`self`'s first).
    ///
    /// - Complexity: O(a + b).
    public mutating func merge(_ other: BinaryScoreRun) {
        guard !other.scores.isEmpty else { return }
        guard !scores.isEmpty else {
            self = other
            return
        }
        var merged = BinaryScoreRun()
        let capacity = scores.count + other.scores.count
        merged.scores.reserveCapacity(capacity)
        merged.positiveWeights.reserveCapacity(capacity)
        merged.negativeWeights.reserveCapacity(capacity)
        var a = 0, b = 0
        while a < scores.count || b < other.scores.count {
            if b == other.scores.count || (a < scores.count && scores[a] < other.scores[b]) {
                merged.append(scores[a], positiveWeights[a], negativeWeights[a])
                a += 1
            } else if a == scores.count || other.scores[b] < scores[a] {
                merged.append(other.scores[b], other.positiveWeights[b], other.negativeWeights[b])
                b += 1
            } else {
                merged.append(
                    scores[a], positiveWeights[a] + other.positiveWeights[b],
                    negativeWeights[a] + other.negativeWeights[b])
                a += 1
                b += 1
            }
        }
        self = merged
    }

    private mutating func append(_ score: Double, _ positive: Double, _ negative: Double) {
        scores.append(score)
        positiveWeights.append(positive)
        negativeWeights.append(negative)
    }

    /// The total positive weight `P` and negative weight `N`, summed from the highest score
    /// down (the order of the curves' cumulative sums).
    public var totals: (positive: Double, negative: Double) {
        var p = 0.0, n = 0.0
        for k in scores.indices.reversed() {
            p += positiveWeights[k]
            n += negativeWeights[k]
        }
        return (p, n)
    }

    /// The area under the ROC curve by the trapezoidal rule over the distinct-score
    /// thresholds, from the highest score down, starting at (0, 0):
    ///
    ///     AUC = Σₙ (FPRₙ − FPRₙ₋₁) · (TPRₙ + TPRₙ₋₁) / 2,   TPRₙ = TPₙ / P,   FPRₙ = FPₙ / N,
    ///
    /// as scikit-learn's `roc_auc_score` (a tie between a positive and a negative row counts
    /// one half). NaN when `P = 0` or `N = 0` (scikit-learn raises: the area is undefined).
    public var areaUnderROC: Double {
        let (p, n) = totals
        guard p > 0, n > 0 else { return .nan }
        var tp = 0.0, fp = 0.0, area = 0.0
        for k in scores.indices.reversed() {
            let previousTPR = tp / p, previousFPR = fp / n
            tp += positiveWeights[k]
            fp += negativeWeights[k]
            area += (fp / n - previousFPR) * (tp / p + previousTPR) / 2
        }
        return area
    }

    /// The average precision: the precision–recall curve integrated as a step function over
    /// the distinct-score thresholds, from the highest score down, with `R₀ = 0`:
    ///
    ///     AP = Σₙ (Rₙ − Rₙ₋₁) · Pₙ,   Rₙ = TPₙ / P,   Pₙ = TPₙ / (TPₙ + FPₙ),
    ///
    /// as scikit-learn's `average_precision_score` (not Spark's trapezoidal `areaUnderPR`).
    /// NaN when `P = 0` (scikit-learn warns and returns 0).
    public var averagePrecision: Double {
        let (p, _) = totals
        guard p > 0 else { return .nan }
        var tp = 0.0, fp = 0.0, sum = 0.0
        for k in scores.indices.reversed() {
            let previousRecall = tp / p
            tp += positiveWeights[k]
            fp += negativeWeights[k]
            guard tp + fp > 0 else { continue }
            sum += (tp / p - previousRecall) * (tp / (tp + fp))
        }
        return sum
    }
}
