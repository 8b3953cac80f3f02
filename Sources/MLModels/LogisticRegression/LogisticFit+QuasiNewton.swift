extension LogisticFit {
    /// L-BFGS (OWL-QN with an L1 term) on the standardized parameters `uᵢ = sᵢθᵢ`, one pass
    /// of loss and gradient per evaluation (no Hessian), then one pass at the solution.
    ///
    /// In these coordinates the optimizer's pseudo-gradient is exactly the optimality
    /// measure, so it stops when that is at most `tol`; it also stops when an iteration
    /// lowers `F` by no more than 1e-15 relative, after `maxIter` iterations, or when its line
    /// search fails. Converged means the measure at the solution is at most `tol`.
    mutating func quasiNewton() throws -> LogisticSolution {
        let count = shape.parameterCount
        let scale = self.scale, active = self.active
        let optimizer = LBFGS(
            maxIterations: estimator.maxIter, tolerance: 1e-15,
            l1: (0..<count).map { l1[$0] / scale[$0] }, gradientTolerance: estimator.tol)
        func parameters(_ u: [Double]) -> [Double] {
            (0..<count).map { active[$0] ? u[$0] / scale[$0] : 0 }
        }
        let result = try optimizer.minimize(from: Array(repeating: 0, count: count)) { u in
            let theta = parameters(u)
            let statistics = try evaluate(theta)
            var value = statistics.loss / weightSum
            for i in 0..<count { value += 0.5 * l2[i] * theta[i] * theta[i] }
            let g = smoothGradient(statistics, at: theta)
            return (value, (0..<count).map { g[$0] / scale[$0] })
        }
        let theta = parameters(result.solution)
        let statistics = try evaluate(theta)
        let measure = optimality(gradient: smoothGradient(statistics, at: theta), at: theta)
        let stop: LogisticRegressionSummary.StopReason
        if measure <= estimator.tol {
            stop = .gradient
        } else if result.lineSearchFailed {
            stop = .lineSearchFailed
        } else if result.iterations >= estimator.maxIter {
            stop = .maxIterations
        } else {
            stop = .stalled
        }
        return LogisticSolution(
            theta: theta, iterations: result.iterations, history: result.history, stop: stop,
            method: hasL1 ? .owlqn : .lbfgs, statistics: statistics, objective: objective(statistics, at: theta),
            optimality: measure)
    }

    /// Runs the configured solver.
    mutating func solve() throws -> LogisticSolution {
        shape.hessian ? try newton() : try quasiNewton()
    }
}
