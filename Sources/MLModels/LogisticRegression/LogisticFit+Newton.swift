import MLNumerics

extension LogisticFit {
    /// A unit step that cut the optimality measure to this fraction or less lets the next
    /// trial reuse the Hessian: 0.1 with the exact Hessian; 0.2 with a sampled one, whose own
    /// error makes Newton's rate about 0.1–0.2 per step, so that a step within that rate
    /// shows the model is as good as a fresh sample would make it (with 0.1, the benchmark
    /// fits recomputed it on most steps and took no fewer steps). With the exact Hessian the
    /// steps converge quadratically; chord steps there would stop a fit just inside `tol`
    /// instead of far below it.
    var chordRatio: Double { hessianStride > 1 ? 0.2 : 0.1 }

    /// Newton's method with a backtracking line search; proximal Newton when some parameter
    /// has an L1 weight.
    ///
    /// Each iteration solves for the minimizer `x` of the local model
    /// `(1/W)·(∇Lᵀ(x − θ) + ½(x − θ)ᵀH(x − θ)) + ½Σlᵢxᵢ² + Σcᵢ|xᵢ|` — by Cholesky on
    /// `H/W + diag(l)` without L1 terms, by ``CoordinateDescent`` on `(H, −∇L)` with them —
    /// and searches along `d = x − θ`: trial points `θ + t·d`, `t = t₀, t₀/2, t₀/4, …` (`t₀ = 1`
    /// but for the first step without L1 terms, ``openingStepLength(from:along:)``), each
    /// evaluated by one pass that also gathers the gradient and Hessian there, so the
    /// accepted trial's pass is the next iteration's. A trial is accepted when
    /// `F(θ + t·d) ≤ F(θ) + 10⁻⁴·t·Δ` with `Δ = gᵀd + Σcᵢ(|xᵢ| − |θᵢ|) < 0` (Armijo; `g` the
    /// smooth gradient), or — at the limit of round-off — when `F` changed by at most
    /// `16ε·|F|` and the optimality measure decreased (scikit-learn's `newton-cholesky` rule).
    ///
    /// The Hessian is that of the last pass that gathered one (over ``hessianStride``'s row
    /// sample, scaled to the whole weight; each such pass takes the next of the stride's
    /// disjoint samples, so successive Hessians do not repeat one sample's error). A pass
    /// gathers it unless the last step cut the optimality measure at least ``chordRatio``-fold
    /// and was a unit step or the first one (whose length the opening search chose; on the
    /// binary benchmark sets this spares one Hessian pass) — the local model is then good
    /// enough to take the next step too (a chord step, as in Shamanskii's variant of Newton):
    /// near the optimum the passes cost one `dgemv` pair per block instead of a `dsyrk`. A
    /// chord step's matrix is the reused one corrected by a BFGS update for each step since
    /// (``Secant``), so that it matches the exact gradient's change along them (5-class
    /// benchmark: 7 → 6 steps, one Hessian pass fewer).
    ///
    /// After ``sampledHessianSteps`` steps on a Hessian sample, the Hessian sums every row.
    ///
    /// Stops, converged, when the optimality measure is at most `tol`, or when the Newton
    /// step is below `4ε` of the largest parameter (it cannot change any parameter at working
    /// precision); not converged when the line search fails in 40 halvings or after `maxIter`
    /// steps. The objective alone never stops it: near the optimum `F` is flat to `ε·|F|` while
    /// the parameters are still off by `√ε`, which the gradient shows.
    mutating func newton() throws -> LogisticSolution {
        let count = shape.parameterCount
        var theta = [Double](repeating: 0, count: count)
        var statistics = try evaluate(theta)
        // The statistics holding the Hessian the steps use.
        var curvature = statistics
        var reuseCurvature = false
        // The steps since `curvature` was gathered and the exact changes of the gradient along
        // them, which correct the Hessian of chord steps (``newtonTarget``).
        var secants: [Secant] = []
        var value = objective(statistics, at: theta)
        var gradient = smoothGradient(statistics, at: theta)
        var measure = optimality(gradient: gradient, at: theta)
        var history = [value]
        var iterations = 0
        var stop = LogisticRegressionSummary.StopReason.maxIterations
        let roundOff = 16 * Double.ulpOfOne
        while true {
            if measure <= estimator.tol {
                stop = .gradient
                break
            }
            if iterations >= estimator.maxIter { break }
            let (target, exact) = try newtonTarget(
                statistics, curvature: curvature, secants: secants, at: theta, gradient: gradient)
            let direction = (0..<count).map { target[$0] - theta[$0] }
            var predicted = 0.0
            for i in 0..<count {
                predicted += gradient[i] * direction[i] + l1[i] * (abs(target[i]) - abs(theta[i]))
            }
            // A step that cannot change any parameter at working precision: nothing is left.
            let stepSize = direction.reduce(0.0) { max($0, abs($1)) }
            let size = theta.reduce(0.0) { max($0, abs($1)) }
            if exact, stepSize <= 4 * Double.ulpOfOne * size {
                stop = .roundOff
                break
            }
            var accepted: (theta: [Double], statistics: LogisticLossStatistics, value: Double)?
            // The first step from θ = 0 starts at the sampled minimum along its direction.
            var step = iterations == 0 && !hasL1 ? try openingStepLength(from: theta, along: direction) : 1
            for _ in 0..<40 {
                let trial = (0..<count).map { theta[$0] + step * direction[$0] }
                let trialStatistics = try evaluate(trial, hessian: !(reuseCurvature && step == 1))
                let trialValue = objective(trialStatistics, at: trial)
                if trialValue <= value + 1e-4 * step * predicted {
                    accepted = (trial, trialStatistics, trialValue)
                    break
                }
                if abs(trialValue - value) <= roundOff * abs(value),
                    optimality(gradient: smoothGradient(trialStatistics, at: trial), at: trial) < measure
                {
                    accepted = (trial, trialStatistics, trialValue)
                    break
                }
                step *= 0.5
            }
            guard let next = accepted else {
                stop = .lineSearchFailed
                break
            }
            let nextGradient = smoothGradient(next.statistics, at: next.theta)
            if next.statistics.shape.hessian {
                curvature = next.statistics
                secants = []
            } else {
                secants.append(
                    Secant(
                        step: (0..<count).map { next.theta[$0] - theta[$0] },
                        gradientChange: (0..<count).map { nextGradient[$0] - gradient[$0] }))
            }
            (theta, statistics, value) = next
            gradient = nextGradient
            let previous = measure
            measure = optimality(gradient: gradient, at: theta)
            reuseCurvature = (step == 1 || iterations == 0) && measure <= chordRatio * previous
            if hessianStride > 1, iterations >= sampledHessianSteps {
                // A sample that has not converged by now may be too small for these data (a
                // few rows of high leverage): exact Newton from here on.
                hessianStride = 1
                reuseCurvature = false
            }
            history.append(value)
            iterations += 1
        }
        return LogisticSolution(
            theta: theta, iterations: iterations, history: history, stop: stop,
            method: hasL1 ? .proximalNewton : .newton, statistics: statistics, objective: value,
            optimality: measure)
    }

    /// The minimizer of the local model at `theta`, and whether it is the exact Newton point
    /// (`false` when a ridge had to be added to factor a numerically indefinite Hessian).
    private func newtonTarget(
        _ statistics: LogisticLossStatistics, curvature: LogisticLossStatistics, secants: [Secant],
        at theta: [Double], gradient: [Double]
    ) throws -> (target: [Double], exact: Bool) {
        let count = shape.parameterCount
        let w = weightSum
        // The data Hessian, full and symmetric, with the flat directions' curvature added
        // (in the statistics' units: sums over all rows, the sample's scaled up).
        let sampleScale = curvature.hessianWeightSum > 0 ? w / curvature.hessianWeightSum : 1
        // Row-major `count × count`, through raw buffers: `Matrix`'s subscript is a call per
        // element from this module, which made this solve 1.5 ms of each 5-class iteration.
        var h = [Double](repeating: 0, count: count * count)
        var lossGradient = statistics.gradient
        curvature.hessian.withUnsafeBufferPointer { upper in
            h.withUnsafeMutableBufferPointer { h in
                for i in 0..<count {
                    for j in i..<count {
                        let v = sampleScale * upper[i * count + j]
                        h[i * count + j] = v
                        h[j * count + i] = v
                    }
                }
                for group in flatGroups {
                    var curvature = 0.0
                    for i in group { curvature += h[i * count + i] }
                    curvature = curvature > 0 ? curvature / Double(group.count) : w
                    var sum = 0.0
                    for i in group { sum += theta[i] }
                    for i in group {
                        for j in group { h[i * count + j] += curvature }
                        lossGradient[i] += curvature * sum
                    }
                }
                for i in 0..<count where !active[i] {
                    for j in 0..<count {
                        h[i * count + j] = 0
                        h[j * count + i] = 0
                    }
                    lossGradient[i] = 0
                }
            }
        }
        if hasL1 {
            let result = CoordinateDescent(maxSweeps: 10_000).minimize(
                hessian: try Matrix(rows: count, columns: count, elements: h), negativeGradient: lossGradient.map { -$0 },
                divisor: w, l1: l1, l2: l2, start: theta)
            return (result.solution, true)
        }
        // Cholesky on H/W + diag(l): the Newton step d solves it against −g.
        var rhs = [Double](repeating: 0, count: count)
        var largest = 0.0
        h.withUnsafeMutableBufferPointer { m in
            for i in 0..<count {
                for j in 0..<count { m[i * count + j] /= w }
                m[i * count + i] += l2[i]
                rhs[i] = -(lossGradient[i] / w + l2[i] * theta[i])
                if !active[i] { m[i * count + i] = 1 }
                largest = max(largest, m[i * count + i])
            }
            for secant in secants { secant.update(m, order: count) }
        }
        var ridge = 0.0
        var factor = h
        for _ in 0..<12 {
            var d = rhs
            let solved = factor.withUnsafeMutableBufferPointer { f in
                d.withUnsafeMutableBufferPointer { d in
                    guard let f = f.baseAddress, let d = d.baseAddress else { return false }
                    for i in 0..<count { f[i * count + i] += ridge }
                    return (try? LAPACK.solvePositiveDefinite(f, order: count, d)) != nil
                }
            }
            if solved, d.allSatisfy(\.isFinite) {
                return ((0..<count).map { theta[$0] + d[$0] }, ridge == 0)
            }
            ridge = ridge == 0 ? max(largest, .leastNormalMagnitude) * 1e-12 : ridge * 100
            factor = h
        }
        // No factorization: a gradient step, which the line search scales.
        return ((0..<count).map { theta[$0] + rhs[$0] / max(largest, 1) }, false)
    }
}
