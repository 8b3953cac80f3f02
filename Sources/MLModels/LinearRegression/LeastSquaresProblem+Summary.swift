import MLNumerics

extension LeastSquaresProblem {
    /// The training summary of `solution`, from the moments alone — or with the residual sum
    /// of squares measured on the data by refinement, when given.
    func summary(
        of solution: LeastSquaresSolution, residualSumOfSquares measured: Double? = nil
    ) throws -> LinearRegressionSummary {
        let moments = statistics.moments
        let p = statistics.shape.featureCount
        let beta = solution.activeCoefficients
        let rss = measured ?? residualSumOfSquares(beta)
        // Mean residual, r̄ = ȳ − β₀ − x̄ᵀβ: zero with an intercept.
        let meanResidual = configuration.fitIntercept
            ? 0 : moments.mean[p] - moments.fittedMean(of: solution.coefficients, intercept: solution.intercept)

        var penalty = 0.0
        for a in 0..<k {
            let s = penaltyScale[a]
            penalty += l1Strength * s * abs(beta[a]) + 0.5 * l2Strength * s * s * beta[a] * beta[a]
        }

        var summary = LinearRegressionSummary(
            moments: moments, residualSumOfSquares: rss, labelCentredMoment: labelCentredMoment,
            fittedParameters: k + (configuration.fitIntercept ? 1 : 0), fitIntercept: configuration.fitIntercept,
            meanResidual: meanResidual,
            constantFeatures: (0..<p).filter { !active.contains($0) }.map { featureNames[$0] },
            solver: solution.method, iterations: solution.sweeps,
            refinementPasses: solution.refinementPasses, converged: solution.converged,
            objective: rss / (2 * weightSum) + penalty)

        let dof = summary.degreesOfFreedom
        guard configuration.regParam == 0, let factor = solution.featureFactor, dof > 0 else {
            return summary
        }
        try addInference(
            to: &summary, factor: factor, beta: beta, intercept: solution.intercept, dof: dof,
            rss: rss, total: labelMoment)
        return summary
    }

    /// `Σw(y − ŷ)²` for active coefficients `β`. From the R factor it is
    /// `‖R_xx·β − r_xy‖² + r_yy²`, a sum of squares with no cancellation; from the Gram
    /// matrix it is `g_yy − 2βᵀg_xy + βᵀG_xxβ`.
    func residualSumOfSquares(_ beta: [Double]) -> Double {
        if let r = triangular {
            var sum = r[k, k] * r[k, k]
            for i in 0..<k {
                var v = -r[i, k]
                for j in i..<k { v += r[i, j] * beta[j] }
                sum += v * v
            }
            return sum
        }
        var sum = gram[k, k]
        for i in 0..<k {
            sum -= 2 * beta[i] * gram[i, k]
            for j in 0..<k { sum += beta[i] * gram[i, j] * beta[j] }
        }
        return max(0, sum)
    }

    /// Standard errors from `σ̂²·(XᵀWX)⁻¹` with `(XᵀWX)⁻¹ = T⁻¹T⁻ᵀ`; with an intercept the
    /// slopes use the centred moments and `Var(β₀) = σ̂²·(1/W + x̄ᵀG⁻¹x̄) = σ̂²·(1/W + ‖T⁻ᵀx̄‖²)`.
    private func addInference(
        to summary: inout LinearRegressionSummary, factor: Matrix, beta: [Double],
        intercept: Double, dof: Int, rss: Double, total: Double
    ) throws {
        let p = statistics.shape.featureCount
        let sigma2 = rss / Double(dof)
        let inverse = try LAPACK.invertUpperTriangular(factor)
        var errors = Array(repeating: Double.nan, count: p)
        var tValues = errors, pValues = errors
        for (a, j) in active.enumerated() {
            var sum = 0.0
            for m in a..<k { sum += inverse[a, m] * inverse[a, m] }
            errors[j] = (sigma2 * sum).squareRoot()
            tValues[j] = beta[a] / errors[j]
            pValues[j] = SpecialFunctions.studentTTwoSidedPValue(tValues[j], degreesOfFreedom: Double(dof))
        }
        summary.coefficientStandardErrors = errors
        summary.tValues = tValues
        summary.pValues = pValues

        if configuration.fitIntercept {
            let mean = statistics.moments.mean
            var quadratic = 0.0
            for m in 0..<k {
                var v = 0.0
                for a in 0...m { v += inverse[a, m] * mean[active[a]] }
                quadratic += v * v
            }
            let se = (sigma2 * (1 / weightSum + quadratic)).squareRoot()
            summary.interceptStandardError = se
            let t = intercept / se
            summary.interceptTValue = t
            summary.interceptPValue = SpecialFunctions.studentTTwoSidedPValue(t, degreesOfFreedom: Double(dof))
        }

        let modelDof = Double(k)
        if modelDof > 0 {
            let f = ((total - rss) / modelDof) / sigma2
            summary.fStatistic = f
            summary.fPValue = SpecialFunctions.fUpperTailPValue(f, d1: modelDof, d2: Double(dof))
        }
    }
}
