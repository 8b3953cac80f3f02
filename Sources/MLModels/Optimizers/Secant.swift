/// One step `s` of a Newton fit and the exact change `y` of the smooth gradient along it.
///
/// A chord step reuses the Hessian of an earlier pass (sampled, and at another point); the
/// BFGS update `M ← M − (Ms)(Ms)ᵀ/(sᵀMs) + yyᵀ/(sᵀy)` makes the reused matrix agree with the
/// gradient's true change along each step taken since (`M·s = y`, the secant condition) while
/// keeping it positive definite (`sᵀy > 0` for a convex objective; pairs without are
/// skipped). On the benchmark's 5-class fit this made chord steps contract about as much as
/// steps on a fresh Hessian sample.
struct Secant {
    var step: [Double]
    var gradientChange: [Double]

    /// The BFGS update of the row-major symmetric `order × order` matrix `m`.
    func update(_ m: UnsafeMutableBufferPointer<Double>, order n: Int) {
        var ms = [Double](repeating: 0, count: n)
        var sms = 0.0, sy = 0.0
        for i in 0..<n {
            var sum = 0.0
            for j in 0..<n { sum += m[i * n + j] * step[j] }
            ms[i] = sum
            sms += step[i] * sum
            sy += step[i] * gradientChange[i]
        }
        guard sms > 0, sy > 0, sms.isFinite, sy.isFinite else { return }
        for i in 0..<n {
            let a = ms[i] / sms, b = gradientChange[i] / sy
            for j in 0..<n { m[i * n + j] += gradientChange[j] * b - ms[j] * a }
        }
    }
}
