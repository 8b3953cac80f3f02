import Foundation
import MLFit

/// The classification tasks: features and a class drawn from a logistic model.
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
///
/// **Features.** Independent N(0, 1) by default — the best case for a first-order solver,
/// whose steps then point at the optimum. With `correlated`, as features of real data are:
/// standardized features `u` in an AR(1) chain (`u₀ = z₀`, `uⱼ = ρuⱼ₋₁ + √(1−ρ²)zⱼ`,
/// correlation `ρ^|j−k|`, `ρ = ½`), written as `xⱼ = σⱼuⱼ + μⱼ` with scales `σⱼ` spread
/// evenly in log over one decade (`10^−½ … 10^½`, in a seeded order) and means
/// `μⱼ = σⱼ·U(−2, 2)`. The scores are `Bu + b`, each row of `B` rescaled so that its score has
/// standard deviation exactly 2.5 (`βᵀΣβ = 6.25`, `Σⱼₖ = ρ^|j−k|`). Without standardization
/// the fit then meets the conditioning of unscaled, uncentred, correlated columns.
struct ClassificationData: SyntheticData {
    let shape: DataShape
    let classes: Int
    let correlated: Bool
    /// `rows × p`, row-major: one row (two classes) or one per class.
    let coefficients: [Double]
    let intercepts: [Double]
    /// `σⱼ` and `μⱼ` of the correlated features (empty otherwise).
    let scales: [Double]
    let means: [Double]
    var labelColumn: String { "y" }

    /// `SeededRandom` purposes: one stream for the coefficients, one per row for the row
    /// (regression uses 1 and 2), one for the correlated features' scales and means.
    private static let coefficientsPurpose: UInt64 = 3
    private static let rowPurpose: UInt64 = 4
    private static let columnsPurpose: UInt64 = 7
    /// The AR(1) correlation of neighbouring correlated features.
    static let correlation = 0.5

    init(_ shape: DataShape, classes: Int, correlated: Bool = false) {
        precondition(classes >= 2, "a classification task has at least two classes")
        self.shape = shape
        self.classes = classes
        self.correlated = correlated
        let rows = classes == 2 ? 1 : classes
        let p = max(1, shape.features)
        let scale = 2.5 * (3.0 / Double(p)).squareRoot()
        var rng = SeededRandom(seed: shape.seed, purpose: Self.coefficientsPurpose, index: 0)
        var coefficients = (0..<(rows * shape.features)).map { _ in
            Double(Float(scale * (2 * rng.uniformPositive() - 1)))
        }
        intercepts = classes == 2 ? [0.5] : (0..<classes).map { 0.25 * (Double($0) - Double(classes - 1) / 2) }
        guard correlated else {
            self.coefficients = coefficients
            scales = []
            means = []
            return
        }
        let f = shape.features, rho = Self.correlation
        for r in 0..<rows {
            var variance = 0.0
            for j in 0..<f {
                for k in 0..<f {
                    variance += coefficients[r * f + j] * coefficients[r * f + k] * pow(rho, Double(abs(j - k)))
                }
            }
            let factor = variance > 0 ? 2.5 / variance.squareRoot() : 1
            for j in 0..<f { coefficients[r * f + j] *= factor }
        }
        self.coefficients = coefficients
        var columns = SeededRandom(seed: shape.seed, purpose: Self.columnsPurpose, index: 0)
        var spread = (0..<f).map { f > 1 ? pow(10, Double($0) / Double(f - 1) - 0.5) : 1 }
        // Fisher–Yates with the seeded stream: which feature gets which scale.
        for j in stride(from: f - 1, to: 0, by: -1) {
            let k = min(j, Int(columns.uniformPositive() * Double(j + 1)))
            spread.swapAt(j, k)
        }
        scales = spread
        means = spread.map { $0 * (4 * columns.uniformPositive() - 2) }
    }

    /// The report's description of the data.
    var description: String {
        let model = classes == 2
            ? "y ~ Bernoulli(σ(uᵀβ + 0.5))"
            : "y ~ softmax(Bu + b) over \(classes) classes"
        let features = correlated
            ? "features x = σ·u + μ with u standardized, corr(uⱼ, uₖ) = 0.5^|j−k|, σ log-spaced over 10^±0.5, "
                + "μ = σ·U(−2, 2)"
            : "features u ~ N(0,1) independent, x = u"
        return "\(shape.rows) × \(shape.features) synthetic classification (\(features), \(model), "
            + "sd(score) ≈ 2.5, labels 0..\(classes - 1), seed \(shape.seed)), values rounded to Float"
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
            x[j] = correlated ? a : Double(Float(a))
            if j + 1 < p { x[j + 1] = correlated ? b : Double(Float(b)) }
            j += 2
        }
        let u = rng.uniformPositive()
        if correlated {
            // x holds z; make it u in place (the scores need u), then write σu + μ at the end.
            let rho = Self.correlation, rest = (1 - rho * rho).squareRoot()
            for k in stride(from: 1, to: p, by: 1) { x[k] = rho * x[k - 1] + rest * x[k] }
        }
        defer {
            if correlated { for k in 0..<p { x[k] = Double(Float(scales[k] * x[k] + means[k])) } }
        }
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
