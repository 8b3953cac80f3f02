import Foundation

/// Distribution functions for the summaries of fitted models (t and F tests).
public enum SpecialFunctions {
    /// The regularized incomplete beta function `I_x(a, b)`.
    ///
    /// Evaluated by its continued fraction (modified Lentz's method), which converges fast for
    /// `x < (a + 1)/(a + b + 2)`; otherwise through the symmetry `I_x(a,b) = 1 − I_{1−x}(b,a)`.
    /// The prefactor `xᵃ(1−x)ᵇ / (a·B(a,b))` is formed in logarithms with `lgamma`.
    public static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        guard x > 0 else { return 0 }
        guard x < 1 else { return 1 }
        let logPrefactor = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        if x < (a + 1) / (a + b + 2) {
            return exp(logPrefactor) * betaContinuedFraction(x, a: a, b: b) / a
        }
        return 1 - exp(logPrefactor) * betaContinuedFraction(1 - x, a: b, b: a) / b
    }

    /// The continued fraction of `I_x(a, b)`: `1/(1+ d₁/(1+ d₂/(1+ …)))` with
    /// `d₂ₘ₊₁ = −(a+m)(a+b+m)x / ((a+2m)(a+2m+1))` and `d₂ₘ = m(b−m)x / ((a+2m−1)(a+2m))`.
    private static func betaContinuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            h *= step
            if abs(step - 1) < 1e-16 { break }
        }
        return h
    }

    /// Two-sided p-value of Student's t statistic with `degreesOfFreedom`:
    /// `P(|T| ≥ |t|) = I_{ν/(ν+t²)}(ν/2, 1/2)`.
    public static func studentTTwoSidedPValue(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        guard nu > 0, !t.isNaN else { return .nan }
        if t.isInfinite { return 0 }
        return regularizedIncompleteBeta(nu / (nu + t * t), a: nu / 2, b: 0.5)
    }

    /// Upper-tail p-value of an F statistic with `(d1, d2)` degrees of freedom:
    /// `P(F ≥ f) = I_{d2/(d2 + d1·f)}(d2/2, d1/2)`.
    public static func fUpperTailPValue(_ f: Double, d1: Double, d2: Double) -> Double {
        guard d1 > 0, d2 > 0, !f.isNaN else { return .nan }
        guard f > 0 else { return 1 }
        if f.isInfinite { return 0 }
        return regularizedIncompleteBeta(d2 / (d2 + d1 * f), a: d2 / 2, b: d1 / 2)
    }
}
