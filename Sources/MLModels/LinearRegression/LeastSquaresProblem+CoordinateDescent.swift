import MLNumerics

extension LeastSquaresProblem {
    /// Cyclic coordinate descent on the moments, for the elastic-net objective
    ///
    ///     f(β) = (1/2W)·(βᵀGβ − 2gᵀβ) + Σⱼ λ₁sⱼ|βⱼ| + ½·Σⱼ λ₂sⱼ²βⱼ²
    ///
    /// (`G = G_xx`, `g = g_xy`, `sⱼ` the penalty scale). Coordinate `j` minimizes exactly:
    /// `βⱼ ← S(zⱼ, λ₁sⱼ) / (Gⱼⱼ/W + λ₂sⱼ²)` with `zⱼ = (gⱼ − Σ_{i≠j} Gⱼᵢβᵢ)/W` and the soft
    /// threshold `S(z, γ) = sign(z)·max(|z| − γ, 0)`. `Gβ` is kept up to date (`k` flops per
    /// changed coefficient), so a sweep costs at most `k²` and no pass over the data.
    ///
    /// Sweeps run to round-off: until the largest change of a coefficient, measured on the
    /// standardized scale `|Δβⱼ|·√(Gⱼⱼ/W)`, is below 1e-15 of the largest such coefficient.
    func coordinateDescent() -> (coefficients: [Double], sweeps: Int, converged: Bool) {
        let g = featureGram
        let rhs = featureLabelMoments
        let w = weightSum
        let l1 = penaltyScale.map { l1Strength * $0 }
        let l2 = penaltyScale.map { l2Strength * $0 * $0 }
        let diagonal = (0..<k).map { g[$0, $0] / w + l2[$0] }
        let scale = (0..<k).map { (g[$0, $0] / w).squareRoot() }
        var beta = Array(repeating: 0.0, count: k)
        var gBeta = Array(repeating: 0.0, count: k)
        let sweepLimit = 1_000_000
        let tolerance = 1e-15

        for sweep in 1...sweepLimit {
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
                return (beta, sweep, true)
            }
            // Refresh Gβ now and then so that updates do not accumulate round-off.
            if sweep % 32 == 0 {
                for i in 0..<k {
                    var sum = 0.0
                    for j in 0..<k { sum += g[i, j] * beta[j] }
                    gBeta[i] = sum
                }
            }
        }
        return (beta, sweepLimit, false)
    }
}
