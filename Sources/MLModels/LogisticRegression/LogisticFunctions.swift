import Foundation
import MLNumerics

/// The logistic sigmoid, softplus and log-sum-exp in forms that neither overflow nor lose
/// the small tail: every `exp` is of a non-positive number.
enum LogisticFunctions {
    /// `log 2 = softplus(0)`.
    static let logTwo = 0.693_147_180_559_945_3

    /// `σ(z) = 1/(1 + e^{−z})`.
    @inline(__always)
    static func sigmoid(_ z: Double) -> Double {
        if z >= 0 { return 1 / (1 + exp(-z)) }
        let e = exp(z)
        return e / (1 + e)
    }

    /// `softplus(z) = log(1 + e^z) = max(z, 0) + log1p(e)` and `σ(z)` from one `exp`,
    /// `e = e^{−|z|}`: `σ(z) = 1/(1 + e)` for `z ≥ 0` and `e/(1 + e)` below.
    ///
    /// `log1p(e)` as `log(u) + (e − (u − 1))/u` with `u = fl(1 + e)`: for `e ∈ (0, 1]`,
    /// `u − 1` is exact and `e − (u − 1)` is the exact rounding error `δ` of `1 + e`, so this
    /// is `log(1 + e) − O(δ²)`, as accurate as `log` itself. glibc's `log1p` took three times
    /// as long as its `exp` and `log` and a sixth of a gradient pass over 500,000 × 50 rows.
    @inline(__always)
    static func softplusAndSigmoid(_ z: Double) -> (softplus: Double, sigmoid: Double) {
        let e = exp(-abs(z))
        let u = 1 + e
        let inverse = 1 / u
        let log1pe = log(u) + (e - (u - 1)) * inverse
        return (max(z, 0) + log1pe, z >= 0 ? inverse : e * inverse)
    }

    /// ``softplusAndSigmoid(_:)`` of each score, its `exp` and `log` four at a time
    /// (``VectorMath``): the same formulas, within a few units in the last place of the scalar
    /// ones; and, when asked, ``sigmoidDerivative(_:)`` from the same `exp`.
    static func softplusAndSigmoid(
        _ z: UnsafeBufferPointer<Double>, softplus: UnsafeMutableBufferPointer<Double>,
        sigmoid: UnsafeMutableBufferPointer<Double>, derivative: UnsafeMutableBufferPointer<Double>? = nil
    ) {
        let n = z.count
        for i in 0..<n { sigmoid[i] = -abs(z[i]) }
        VectorMath.exp(UnsafeMutableBufferPointer(rebasing: sigmoid[0..<n]))
        for i in 0..<n { softplus[i] = 1 + sigmoid[i] }
        VectorMath.log(UnsafeMutableBufferPointer(rebasing: softplus[0..<n]))
        for i in 0..<n {
            let e = sigmoid[i], u = 1 + e
            let inverse = 1 / u
            softplus[i] = max(z[i], 0) + (softplus[i] + (e - (u - 1)) * inverse)
            sigmoid[i] = z[i] >= 0 ? inverse : e * inverse
            derivative?[i] = e * inverse * inverse
        }
    }

    /// `σ(z)·(1 − σ(z)) = e^{−|z|}/(1 + e^{−|z|})²`, without the cancellation of `1 − σ`.
    @inline(__always)
    static func sigmoidDerivative(_ z: Double) -> Double {
        let e = exp(-abs(z))
        let d = 1 + e
        return e / (d * d)
    }

    /// ``softmax(_:count:)`` of `n` rows of `k ≥ 1` scores held class by class —
    /// `scores[c·n + i]` is row `i`'s score for class `c` — in place, with
    /// `logNormalizers[i] = log Σₖ e^{zᵢₖ}`; `tops` and `inverses` are `n` values of scratch.
    /// Every step is a loop over rows (which vectorizes), and `exp` and `log` go through
    /// ``VectorMath`` over the whole block.
    static func softmax(
        classMajor scores: UnsafeMutablePointer<Double>, rows n: Int, classes k: Int,
        logNormalizers: UnsafeMutablePointer<Double>, tops: UnsafeMutablePointer<Double>,
        inverses: UnsafeMutablePointer<Double>
    ) {
        guard n > 0, k > 0 else { return }
        tops.update(from: scores, count: n)
        for c in 1..<max(1, k) {
            let row = scores + c * n
            for i in 0..<n { tops[i] = max(tops[i], row[i]) }
        }
        for c in 0..<k {
            let row = scores + c * n
            for i in 0..<n { row[i] -= tops[i] }
        }
        VectorMath.exp(UnsafeMutableBufferPointer(start: scores, count: n * k))
        logNormalizers.update(from: scores, count: n)
        for c in 1..<max(1, k) {
            let row = scores + c * n
            for i in 0..<n { logNormalizers[i] += row[i] }
        }
        for i in 0..<n { inverses[i] = 1 / logNormalizers[i] }
        for c in 0..<k {
            let row = scores + c * n
            for i in 0..<n { row[i] *= inverses[i] }
        }
        VectorMath.log(UnsafeMutableBufferPointer(start: logNormalizers, count: n))
        for i in 0..<n { logNormalizers[i] += tops[i] }
    }

    /// Softmax of `scores` in place, returning `log Σₖ e^{zₖ}` (shifted by the largest score).
    @inline(__always)
    static func softmax(_ scores: UnsafeMutablePointer<Double>, count k: Int) -> Double {
        var top = -Double.infinity
        for c in 0..<k { top = max(top, scores[c]) }
        var sum = 0.0
        for c in 0..<k {
            let e = exp(scores[c] - top)
            scores[c] = e
            sum += e
        }
        let inverse = 1 / sum
        for c in 0..<k { scores[c] *= inverse }
        return top + log(sum)
    }
}
