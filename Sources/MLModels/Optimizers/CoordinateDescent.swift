import MLNumerics

/// Cyclic coordinate descent for an elastic-net penalized quadratic given by its Hessian and
/// gradient at a point: the solve of linear regression's L1 fits (on the Gram matrix) and
/// the inner solve of logistic regression's proximal Newton steps (on the local quadratic).
///
/// With `H` symmetric positive semidefinite (`k × k`), `b` the negated gradient of the
/// quadratic part at `x₀`, a divisor `W > 0` and per-coordinate penalties `c ≥ 0`, `l ≥ 0`,
/// it minimizes
///
///     q(x) = (1/W)·(½(x − x₀)ᵀH(x − x₀) − bᵀ(x − x₀)) + Σⱼ cⱼ|xⱼ| + ½·Σⱼ lⱼxⱼ²
///
/// (linear regression: `H = G`, `b = g`, `x₀ = 0`). Coordinate `j` minimizes exactly:
/// `xⱼ ← S(zⱼ, cⱼ) / (Hⱼⱼ/W + lⱼ)` with `zⱼ = (bⱼ − uⱼ + Hⱼⱼxⱼ)/W`, `u = H(x − x₀)` and the
/// soft threshold `S(z, γ) = sign(z)·max(|z| − γ, 0)`. `u` is kept up to date (`k` flops
/// per changed coordinate) and recomputed every 32 sweeps, so a sweep costs at most `k²`.
/// Coordinates with `Hⱼⱼ/W + lⱼ = 0` are left at their start.
///
/// Sweeps run until the largest change of a coordinate, measured on the scale
/// `|Δxⱼ|·√(Hⱼⱼ/W)`, is below `tolerance` times the largest such coordinate.
public struct CoordinateDescent: Sendable {
    public struct Result: Sendable {
        public var solution: [Double]
        public var sweeps: Int
        public var converged: Bool
    }

    /// Relative size of the last sweep's largest change at which sweeps stop.
    public var tolerance: Double
    public var maxSweeps: Int

    public init(tolerance: Double = 1e-15, maxSweeps: Int = 1_000_000) {
        self.tolerance = tolerance
        self.maxSweeps = maxSweeps
    }

    /// - Parameters:
    ///   - hessian: `H`, full and symmetric, `k × k`.
    ///   - negativeGradient: `b`, `k` entries.
    ///   - divisor: `W > 0`.
    ///   - l1: `c`, `k` entries.
    ///   - l2: `l`, `k` entries.
    ///   - start: `x₀` (empty: zeros).
    /// - Complexity: at most `k²` per sweep, no allocation inside the sweeps.
    public func minimize(
        hessian g: Matrix, negativeGradient rhs: [Double], divisor w: Double, l1: [Double], l2: [Double],
        start: [Double] = []
    ) -> Result {
        let k = rhs.count
        let diagonal = (0..<k).map { g[$0, $0] / w + l2[$0] }
        let scale = (0..<k).map { (g[$0, $0] / w).squareRoot() }
        let origin = start.isEmpty ? Array(repeating: 0.0, count: k) : start
        var beta = origin
        // u = H(x − x₀), zero at the start.
        var gBeta = Array(repeating: 0.0, count: k)

        for sweep in 1...max(1, maxSweeps) {
            var largestChange = 0.0
            for j in 0..<k {
                guard diagonal[j] > 0 else { continue }
                let z = (rhs[j] - gBeta[j] + g[j, j] * beta[j]) / w
                let shrunk = max(abs(z) - l1[j], 0)
                let updated = (z < 0 ? -shrunk : shrunk) / diagonal[j]
                let delta = updated - beta[j]
                guard delta != 0 else { continue }
                beta[j] = updated
                for i in 0..<k { gBeta[i] += delta * g[i, j] }
                largestChange = max(largestChange, abs(delta) * scale[j])
            }
            let size = (0..<k).reduce(0.0) { max($0, abs(beta[$1]) * scale[$1]) }
            if largestChange <= tolerance * size || largestChange == 0 {
                return Result(solution: beta, sweeps: sweep, converged: true)
            }
            // Refresh u now and then so that updates do not accumulate round-off.
            if sweep % 32 == 0 {
                for i in 0..<k {
                    var sum = 0.0
                    for j in 0..<k { sum += g[i, j] * (beta[j] - origin[j]) }
                    gBeta[i] = sum
                }
            }
        }
        return Result(solution: beta, sweeps: maxSweeps, converged: false)
    }
}
