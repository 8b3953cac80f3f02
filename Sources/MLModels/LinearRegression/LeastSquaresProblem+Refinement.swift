import MLData
import MLEngine
import MLNumerics

extension LeastSquaresProblem {
    /// Refinement runs when the column-scaled factor's condition number exceeds this: then
    /// the QR solution's error bound `κ²·ε·‖r‖/(‖X‖‖β‖)` can pass 1e-11.
    static let refinementConditionThreshold = 300.0
    /// Above this scaled condition number of a Cholesky factor, `auto` replaces the Gram
    /// matrix by QR factors (see ``LinearRegression/fitExactly(_:options:)``).
    static let gramConditionLimit = 30.0
    static let maxRefinementPasses = 6

    /// The 1-norm condition number of the factor with unit-norm columns (`dtrcon`), the
    /// conditioning of the problem up to column scaling.
    func scaledConditionNumber(_ factor: Matrix) throws -> Double {
        var scaled = factor
        for j in 0..<factor.columns {
            var norm = 0.0
            for i in 0...j { norm += factor[i, j] * factor[i, j] }
            let scale = norm > 0 ? 1 / norm.squareRoot() : 1
            for i in 0...j { scaled[i, j] *= scale }
        }
        let rcond = try LAPACK.upperTriangularReciprocalCondition(scaled)
        return rcond > 0 ? 1 / rcond : .infinity
    }

    /// The scaled condition number of the solve's factor, when an exact solve ran.
    func conditionNumber(_ solution: LeastSquaresSolution) throws -> Double? {
        guard let factor = solution.featureFactor, k > 0 else { return nil }
        return try scaledConditionNumber(factor)
    }

    /// Iterative refinement with residuals in double-double arithmetic: each pass computes
    /// `ĝ = Xᵀ W r` for `r = y − β₀ − Xβ` on the data, and the correction solves the
    /// (ridge-penalized) normal equations with the factor at hand. With an intercept,
    /// `[W Wμᵀ; Wμ C+Wμμᵀ]·[δ₀; δ] = [ĝ₀; ĝ]` reduces to `C·δ = ĝ − μ·ĝ₀` and
    /// `δ₀ = ĝ₀/W − μᵀδ`. The fixed point is where the exact gradient vanishes, so the result
    /// is accurate to working precision however ill-conditioned `R` is (as long as κ·ε < 1).
    ///
    /// Returns the refined solution, the weighted residual sum of squares at it (accurate to
    /// working precision, where the factor's `r_yy²` is not), and the passes' reports.
    func refine(
        _ start: LeastSquaresSolution, source: some ChunkSource, options: ExecutionOptions
    ) throws -> (solution: LeastSquaresSolution, residualSumOfSquares: Double, passes: [PassReport]) {
        guard let factor = start.featureFactor else { return (start, .nan, []) }
        let p = statistics.shape.featureCount
        let mean = statistics.moments.mean
        let ridge = weightSum * l2Strength
        var solution = start
        var reports: [PassReport] = []
        var rss = Double.nan

        for pass in 1...Self.maxRefinementPasses {
            let (beta, intercept) = (solution.coefficients, solution.intercept)
            let (g, report) = try source.pass(options: options, shape: p) { chunk in
                try ResidualCorrectionStatistics(chunk: chunk, coefficients: beta, intercept: intercept)
            }
            reports.append(report)
            rss = g.residualSquares.value
            // Right-hand side on the active features, in double-double until the last step.
            var rhs = active.enumerated().map { a, j -> Double in
                var value = g.gradient[j]
                if configuration.fitIntercept { value.add(g.residualSum.multiplied(by: -mean[j])) }
                return value.value - ridge * penaltyScale[a] * penaltyScale[a] * beta[j]
            }
            rhs = try LAPACK.solveUpperTriangular(factor, rhs, transposed: true)
            let delta = try LAPACK.solveUpperTriangular(factor, rhs)
            var size = 0.0, change = 0.0
            for (a, j) in active.enumerated() {
                solution.coefficients[j] += delta[a]
                size = max(size, abs(solution.coefficients[j]) * gram[a, a].squareRoot())
                change = max(change, abs(delta[a]) * gram[a, a].squareRoot())
            }
            if configuration.fitIntercept {
                var d0 = g.residualSum.value / weightSum
                for (a, j) in active.enumerated() { d0 -= mean[j] * delta[a] }
                solution.intercept += d0
            }
            solution.activeCoefficients = active.map { solution.coefficients[$0] }
            solution.refinementPasses = pass
            // The residual sum of squares changes by O(‖δ‖²): the last pass's value stands.
            if change <= 1e-15 * size { break }
        }
        return (solution, rss, reports)
    }
}
