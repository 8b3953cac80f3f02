import MLNumerics

extension LeastSquaresProblem {
    /// Cyclic coordinate descent on the moments, for the elastic-net objective
    ///
    ///     f(β) = (1/2W)·(βᵀGβ − 2gᵀβ) + Σⱼ λ₁sⱼ|βⱼ| + ½·Σⱼ λ₂sⱼ²βⱼ²
    ///
    /// (`G = G_xx`, `g = g_xy`, `sⱼ` the penalty scale): ``CoordinateDescent`` on `(G, g)`
    /// from `β = 0`, run to round-off (1e-15 relative on the standardized scale). A sweep
    /// costs at most `k²` and no pass over the data.
    func coordinateDescent() -> (coefficients: [Double], sweeps: Int, converged: Bool) {
        let result = CoordinateDescent().minimize(
            hessian: featureGram, negativeGradient: featureLabelMoments, divisor: weightSum,
            l1: penaltyScale.map { l1Strength * $0 }, l2: penaltyScale.map { l2Strength * $0 * $0 })
        return (result.solution, result.sweeps, result.converged)
    }
}
