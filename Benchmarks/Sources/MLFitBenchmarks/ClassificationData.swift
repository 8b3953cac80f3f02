import Foundation
import MLFit

/// The classification tasks: features ~ N(0, 1) and a class drawn from a logistic model.
///
/// - Two classes: `P(y = 1 | x) = σ(xᵀβ + β₀)`, one row of coefficients.
/// - `K` classes: `P(y = k | x) = softmax(Bx + b)ₖ`, one row of coefficients per class.
///
/// Each row of coefficients is drawn uniformly in [−s, s) with `s = 2.5·√(3/p)`, so that a
/// score `xᵀβ` has standard deviation about 2.5 whatever `p`: the classes overlap (a
/// logistic fit is well defined, its accuracy well below 1) without being noise. Intercepts:
/// β₀ = 0.5 for two classes; `bₖ = 0.25·(k − (K−1)/2)` for `K`. Labels are the class codes
/// `0..K−1` written as integers, so mlfit's classes (numeric order), scikit-learn's and Spark's
/// (label values as doubles, `numClasses` = max + 1) are the same.
struct ClassificationData: SyntheticData {
    let shape: DataShape
    let classes: Int
    /// `rows × p`, row-major: one row (two classes) or one per class.
    let coefficients: [Double]
    let intercepts: [Double]
    var labelColumn: String { "y" }

    /// `SeededRandom` purposes: one stream for the coefficients, one per row for the row
    /// (regression uses 1 and 2).
    private static let coefficientsPurpose: UInt64 = 3
    private static let rowPurpose: UInt64 = 4

    init(_ shape: DataShape, classes: Int) {
        precondition(classes >= 2, "a classification task has at least two classes")
        self.shape = shape
        self.classes = classes
        let rows = classes == 2 ? 1 : classes
        let p = max(1, shape.features)
        let scale = 2.5 * (3.0 / Double(p)).squareRoot()
        var rng = SeededRandom(seed: shape.seed, purpose: Self.coefficientsPurpose, index: 0)
        coefficients = (0..<(rows * shape.features)).map { _ in
            Double(Float(scale * (2 * rng.uniformPositive() - 1)))
        }
        intercepts = classes == 2 ? [0.5] : (0..<classes).map { 0.25 * (Double($0) - Double(classes - 1) / 2) }
    }

    /// The report's description of the data.
    var description: String {
        let model = classes == 2
            ? "y ~ Bernoulli(σ(xᵀβ + 0.5))"
            : "y ~ softmax(Bx + b) over \(classes) classes"
        return "\(shape.rows) × \(shape.features) synthetic classification (features ~ N(0,1), \(model), "
            + "β uniform so that sd(xᵀβ) ≈ 2.5, labels 0..\(classes - 1), seed \(shape.seed)), values rounded to Float"
    }

    func labelText(_ label: Double) -> String { String(Int(label)) }

    @inline(__always)
    func row(_ i: Int, into x: UnsafeMutablePointer<Double>) -> Double {
        var rng = SeededRandom(seed: shape.seed, purpose: Self.rowPurpose, index: UInt64(i))
        let p = shape.features
        var j = 0
        // Box–Muller gives normals in pairs: two features per draw.
        while j < p {
            let (a, b) = rng.normalPair()
            x[j] = Double(Float(a))
            if j + 1 < p { x[j + 1] = Double(Float(b)) }
            j += 2
        }
        let u = rng.uniformPositive()
        if classes == 2 {
            var z = intercepts[0]
            for k in 0..<p { z += coefficients[k] * x[k] }
            // P(y = 1) = σ(z), evaluated without overflow.
            let probability = z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
            return u < probability ? 1 : 0
        }
        // Softmax by the largest score, then the class whose cumulative probability passes u.
        var scores = [Double](repeating: 0, count: classes)
        for c in 0..<classes {
            var z = intercepts[c]
            for k in 0..<p { z += coefficients[c * p + k] * x[k] }
            scores[c] = z
        }
        let largest = scores.max() ?? 0
        var total = 0.0
        for c in 0..<classes {
            scores[c] = exp(scores[c] - largest)
            total += scores[c]
        }
        var cumulative = 0.0
        for c in 0..<(classes - 1) {
            cumulative += scores[c] / total
            if u < cumulative { return Double(c) }
        }
        return Double(classes - 1)
    }
}
