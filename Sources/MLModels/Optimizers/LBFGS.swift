/// Limited-memory BFGS, with the orthant-wise extension (OWL-QN) for an L1 term.
///
/// Minimizes `F(x) = f(x) + Σᵢ cᵢ|xᵢ|` where `f` is smooth and evaluated (value and gradient)
/// by the caller — in mlfit, one pass over the data per evaluation. With every `cᵢ = 0` this
/// is plain L-BFGS.
///
/// OWL-QN (Andrew & Gao, 2007) replaces the gradient by the pseudo-gradient `◇F`, the
/// steepest-descent direction of the non-smooth `F`:
/// `◇ᵢF = ∂ᵢf + cᵢ·sign(xᵢ)` when `xᵢ ≠ 0`; at `xᵢ = 0` it is `∂ᵢf + cᵢ` if that is negative,
/// `∂ᵢf − cᵢ` if that is positive, else 0. The quasi-Newton direction `d = −H·◇F` (two-loop
/// recursion over the last `m` pairs `sₖ = xₖ₊₁ − xₖ`, `yₖ = ∇fₖ₊₁ − ∇fₖ`) is zeroed in the
/// L1 coordinates where it disagrees in sign with `−◇F`, and every trial point is projected onto the orthant of the
/// current point, so coefficients cross zero only by stopping there. The step length
/// backtracks from 1 until Armijo's condition `F(x⁺) ≤ F(x) + 10⁻⁴·◇Fᵀ(x⁺ − x)` holds.
public struct LBFGS: Sendable {
    public struct Result: Sendable {
        public var solution: [Double]
        /// `F` at the solution.
        public var value: Double
        public var iterations: Int
        public var evaluations: Int
        public var converged: Bool
        /// `F` after each iteration, starting with the initial point.
        public var history: [Double]
        /// Whether the last line search found no decrease in 60 halvings (the run then ends;
        /// `converged` keeps its historical meaning, callers with a stricter rule read this).
        public var lineSearchFailed = false
    }

    /// Pairs kept for the inverse-Hessian approximation.
    public var memory: Int
    public var maxIterations: Int
    /// Stop when an iteration lowers `F` by less than `tolerance·max(|F|, 1e-300)` relative, or
    /// the pseudo-gradient's largest entry falls below `tolerance·1e-3·max(1, |F|)`.
    public var tolerance: Double
    /// `cᵢ ≥ 0`, the L1 weight of each coordinate (empty: none).
    public var l1: [Double]
    /// When set, the pseudo-gradient test is `max|◇F| ≤ gradientTolerance` (scikit-learn's
    /// rule) instead of the relative one above.
    public var gradientTolerance: Double?

    public init(
        memory: Int = 10, maxIterations: Int = 100, tolerance: Double = 1e-6, l1: [Double] = [],
        gradientTolerance: Double? = nil
    ) {
        self.memory = memory
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.l1 = l1
        self.gradientTolerance = gradientTolerance
    }

    public func minimize(
        from start: [Double],
        _ evaluate: ([Double]) throws -> (value: Double, gradient: [Double])
    ) throws -> Result {
        let n = start.count
        let c = l1.isEmpty ? Array(repeating: 0.0, count: n) : l1
        func penalty(_ x: [Double]) -> Double { zip(c, x).reduce(0) { $0 + $1.0 * abs($1.1) } }

        var x = start
        var (f, g) = try evaluate(x)
        var value = f + penalty(x)
        var evaluations = 1
        var history = [value]
        var s: [[Double]] = [], y: [[Double]] = [], rho: [Double] = []

        for iteration in 1...max(1, maxIterations) {
            let pg = pseudoGradient(x: x, gradient: g, l1: c)
            let pgNorm = pg.reduce(0) { max($0, abs($1)) }
            if pgNorm <= gradientTolerance ?? tolerance * 1e-3 * max(1, abs(value)) {
                return Result(solution: x, value: value, iterations: iteration - 1,
                              evaluations: evaluations, converged: true, history: history)
            }
            var d = twoLoop(pg, s: s, y: y, rho: rho).map { -$0 }
            // OWL-QN: an L1 coordinate may only move against its pseudo-gradient.
            for i in 0..<n where c[i] > 0 && d[i] * pg[i] >= 0 { d[i] = 0 }
            if dot(d, pg) >= 0 { d = pg.map { -$0 } }  // not a descent direction: restart
            let orthant = (0..<n).map { i in x[i] != 0 ? (x[i] > 0 ? 1.0 : -1.0) : (pg[i] < 0 ? 1.0 : -1.0) }

            // Backtracking line search along the projected path.
            var step = s.isEmpty ? min(1, 1 / max(pgNorm, 1e-300)) : 1.0
            var accepted: (x: [Double], f: Double, g: [Double], value: Double)?
            for _ in 0..<60 {
                var trial = (0..<n).map { x[$0] + step * d[$0] }
                for i in 0..<n where c[i] > 0 && trial[i] * orthant[i] < 0 { trial[i] = 0 }
                let (ft, gt) = try evaluate(trial)
                evaluations += 1
                let vt = ft + penalty(trial)
                let decrease = (0..<n).reduce(0.0) { $0 + pg[$1] * (trial[$1] - x[$1]) }
                if vt <= value + 1e-4 * decrease {
                    accepted = (trial, ft, gt, vt)
                    break
                }
                step *= 0.5
            }
            guard let next = accepted else {
                // No decrease is possible at this precision: x is as good as it gets.
                return Result(solution: x, value: value, iterations: iteration,
                              evaluations: evaluations, converged: true, history: history,
                              lineSearchFailed: true)
            }
            let sk = (0..<n).map { next.x[$0] - x[$0] }
            let yk = (0..<n).map { next.g[$0] - g[$0] }
            let sy = dot(sk, yk)
            if sy > 1e-12 * dot(yk, yk) {
                s.append(sk); y.append(yk); rho.append(1 / sy)
                if s.count > memory { s.removeFirst(); y.removeFirst(); rho.removeFirst() }
            }
            let improvement = value - next.value
            (x, f, g, value) = (next.x, next.f, next.g, next.value)
            history.append(value)
            if improvement <= tolerance * max(abs(value), 1e-300) {
                return Result(solution: x, value: value, iterations: iteration,
                              evaluations: evaluations, converged: true, history: history)
            }
        }
        return Result(solution: x, value: value, iterations: maxIterations,
                      evaluations: evaluations, converged: false, history: history)
    }

    private func pseudoGradient(x: [Double], gradient g: [Double], l1 c: [Double]) -> [Double] {
        (0..<x.count).map { i in
            guard c[i] > 0 else { return g[i] }
            if x[i] > 0 { return g[i] + c[i] }
            if x[i] < 0 { return g[i] - c[i] }
            if g[i] + c[i] < 0 { return g[i] + c[i] }
            if g[i] - c[i] > 0 { return g[i] - c[i] }
            return 0
        }
    }

    /// `H·q` for the L-BFGS inverse-Hessian approximation (Nocedal & Wright, Algorithm 7.4),
    /// scaled initially by `γ = sᵀy / yᵀy` of the newest pair.
    private func twoLoop(_ q0: [Double], s: [[Double]], y: [[Double]], rho: [Double]) -> [Double] {
        var q = q0
        var alpha = Array(repeating: 0.0, count: s.count)
        for k in stride(from: s.count - 1, through: 0, by: -1) {
            alpha[k] = rho[k] * dot(s[k], q)
            for i in q.indices { q[i] -= alpha[k] * y[k][i] }
        }
        if let last = s.indices.last {
            let gamma = 1 / (rho[last] * dot(y[last], y[last]))
            for i in q.indices { q[i] *= gamma }
        }
        for k in s.indices {
            let beta = rho[k] * dot(y[k], q)
            for i in q.indices { q[i] += s[k][i] * (alpha[k] - beta) }
        }
        return q
    }

    private func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for i in a.indices { sum += a[i] * b[i] }
        return sum
    }
}
