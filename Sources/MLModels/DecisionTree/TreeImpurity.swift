import Foundation

/// How a decision tree measures the impurity of a node, with Spark MLlib's names.
///
/// With class weights `wₖ` at a node, `W = Σwₖ` and `pₖ = wₖ/W`:
///
/// - **gini** `1 − Σpₖ²`;
/// - **entropy** `−Σ pₖ·log₂ pₖ` (terms with `pₖ = 0` are 0).
///
/// For a regression tree, with label values `yᵢ` and weights `wᵢ`:
///
/// - **variance** `Σwᵢ(yᵢ − ȳ)² / W`, computed from sums shifted by a value `m` close to the
///   node's mean, `S = Σw(y − m)` and `Q = Σw(y − m)²`, as `Q/W − (S/W)²` clamped at 0: the
///   shift keeps the two terms small when `|ȳ| ≫ sd(y)`, where `Σwy² − (Σwy)²/W` cancels.
///
/// A split of a node of weight `W` into children of weights `W_L` and `W_R` gains
/// `I − (W_L/W)·I_L − (W_R/W)·I_R` (`W = W_L + W_R`), Spark's information gain. For variance
/// that equals `(W_L·W_R/W²)·(ȳ_L − ȳ_R)²` exactly, which is how it is computed: never
/// negative, and 0 exactly when the children's means are equal.
public enum TreeImpurity: String, Sendable, Hashable, Codable, CaseIterable {
    case gini
    case entropy
    case variance

    /// Whether the impurity is a classification measure (gini, entropy).
    public var isClassification: Bool { self != .variance }

    /// The impurity of class weights `weights[0..<count]` summing to `total > 0`.
    @inline(__always)
    static func classImpurity(_ kind: TreeImpurity, _ weights: UnsafePointer<Double>, count: Int, total: Double) -> Double {
        guard total > 0 else { return 0 }
        var result = 0.0
        switch kind {
        case .gini:
            var squares = 0.0
            for k in 0..<count {
                let p = weights[k] / total
                squares += p * p
            }
            result = 1 - squares
        case .entropy:
            for k in 0..<count where weights[k] > 0 {
                let p = weights[k] / total
                result -= p * log2(p)
            }
        case .variance:
            result = 0
        }
        return max(0, result)
    }

    /// The weighted variance from shifted sums: `Q/W − (S/W)²`, clamped at 0.
    @inline(__always)
    static func variance(weight: Double, shiftedSum: Double, shiftedSquares: Double) -> Double {
        guard weight > 0 else { return 0 }
        let mean = shiftedSum / weight
        return max(0, shiftedSquares / weight - mean * mean)
    }

    /// The impurity at or below which a node is pure and becomes a leaf (Spark's and
    /// scikit-learn's test against machine epsilon).
    static let pureThreshold = Double.ulpOfOne
}
