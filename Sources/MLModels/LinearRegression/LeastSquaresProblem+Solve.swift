import MLNumerics

/// A solution on the original feature scale.
struct LeastSquaresSolution {
    /// One per feature of the schema (0 for features left out).
    var coefficients: [Double]
    var intercept: Double
    /// The active coefficients, in ``LeastSquaresProblem/active`` order.
    var activeCoefficients: [Double]
    /// Upper-triangular factor of the (ridge-penalized) feature moments, from the exact
    /// solves: for refinement, and for standard errors of unpenalized fits.
    var featureFactor: Matrix?
    /// Passes of iterative refinement applied (see ``LeastSquaresProblem/refine``).
    var refinementPasses = 0
    var method: LinearRegressionSummary.Method
    var sweeps: Int?
    var converged: Bool
}

extension LeastSquaresProblem {
    var l1Strength: Double { configuration.regParam * configuration.elasticNetParam }
    var l2Strength: Double { configuration.regParam * (1 - configuration.elasticNetParam) }

    func solve() throws -> LeastSquaresSolution {
        let solverChoice = configuration.solver
        var beta: [Double]
        var factor: Matrix?
        var method: LinearRegressionSummary.Method
        var sweeps: Int?
        var converged = true

        // Fewer rows than unknowns make the system singular whatever the data; say so before
        // the rank test, which would name an arbitrary feature as a combination of the others.
        let unknowns = k + (configuration.fitIntercept ? 1 : 0)
        let rows = statistics.moments.positiveWeightRowCount
        if configuration.regParam == 0, k > 0, rows < unknowns {
            throw ModelError.underdetermined(rows: rows, features: k, intercept: configuration.fitIntercept)
        }

        if k == 0 {
            beta = []
            method = .noSolve
        } else if l1Strength > 0 || solverChoice == .cd {
            let result = coordinateDescent()
            beta = result.coefficients
            sweeps = result.sweeps
            converged = result.converged
            method = .coordinateDescent
        } else if l2Strength == 0 {
            let t = try featureTriangularFactor(penalty: 0)
            try checkRank(t)
            beta = try LAPACK.solveUpperTriangular(t.factor, t.rightHandSide)
            factor = t.factor
            method = triangular == nil ? .normal : .qr
        } else {
            let t = try featureTriangularFactor(penalty: l2Strength)
            beta = try LAPACK.solveUpperTriangular(t.factor, t.rightHandSide)
            factor = t.factor
            method = triangular == nil ? .normal : .qr
        }

        let p = statistics.shape.featureCount
        var coefficients = Array(repeating: 0.0, count: p)
        for (a, j) in active.enumerated() { coefficients[j] = beta[a] }
        let moments = statistics.moments
        let intercept = configuration.fitIntercept ? moments.mean[p] - moments.fittedMean(of: coefficients) : 0
        return LeastSquaresSolution(
            coefficients: coefficients, intercept: intercept, activeCoefficients: beta,
            featureFactor: factor, method: method, sweeps: sweeps, converged: converged)
    }

    /// An upper-triangular `T` and right-hand side `d` with
    /// `TᵀT = G_xx + W·λ₂·S²` and `Tᵀd = g_xy`, so that `T·β = d` solves the ridge (or, for
    /// `λ₂ = 0`, the least-squares) normal equations.
    ///
    /// From triangular statistics this is the R factor of `[R_xx r_xy; √(Wλ₂)·S 0]`, never
    /// forming `RᵀR`; from Gram statistics it is the Cholesky factor.
    func featureTriangularFactor(penalty l2: Double) throws -> (factor: Matrix, rightHandSide: [Double]) {
        let ridge = (weightSum * l2).squareRoot()
        if let r = triangular {
            var t: Matrix
            if l2 == 0 {
                t = r
            } else {
                var stacked = Matrix(rows: 2 * k + 1, columns: k + 1)
                for i in 0...k { for j in i...k { stacked[i, j] = r[i, j] } }
                for j in 0..<k { stacked[k + 1 + j, j] = ridge * penaltyScale[j] }
                t = try LAPACK.triangularFactor(of: stacked)
            }
            var factor = Matrix(rows: k, columns: k)
            for i in 0..<k { for j in i..<k { factor[i, j] = t[i, j] } }
            return (factor, (0..<k).map { t[$0, k] })
        }
        var g = featureGram
        for j in 0..<k { g[j, j] += weightSum * l2 * penaltyScale[j] * penaltyScale[j] }
        let factored = Result { () throws(LinearAlgebraError) in try LAPACK.choleskyFactor(g) }
        if case .failure(.notPositiveDefinite(let order)) = factored {
            throw collinearity(at: order - 1, factor: nil)
        }
        let u = try factored.get()
        return (u, try LAPACK.solveUpperTriangular(u, featureLabelMoments, transposed: true))
    }

    /// R's `lm` rule (tolerance 1e-7): feature `j` is aliased when the part of its column
    /// orthogonal to the columns before it, `|T_jj|`, is below 1e-7 of the column's norm.
    func checkRank(_ t: (factor: Matrix, rightHandSide: [Double])) throws {
        for j in 0..<k {
            let norm = gram[j, j].squareRoot()
            if !(abs(t.factor[j, j]) > 1e-7 * norm) {
                throw collinearity(at: j, factor: t.factor)
            }
        }
    }

    /// The error naming feature `a` (active index) and the earlier features it combines.
    func collinearity(at a: Int, factor: Matrix?) -> ModelError {
        let name = featureNames[active[a]]
        guard let factor, a > 0, gram[a, a] > 0 else {
            return .collinear(feature: name, combination: gram[a, a] > 0
                ? active[..<a].map { featureNames[$0] } : [])
        }
        // Column a ≈ Σ cᵢ·column i with T[0..<a, 0..<a]·c = T[0..<a, a].
        var leading = Matrix(rows: a, columns: a)
        for i in 0..<a { for j in i..<a { leading[i, j] = factor[i, j] } }
        let c = (try? LAPACK.solveUpperTriangular(leading, (0..<a).map { factor[$0, a] })) ?? []
        let norm = gram[a, a].squareRoot()
        let involved = c.indices.filter { i in abs(c[i]) * gram[i, i].squareRoot() > 1e-6 * norm }
        return .collinear(feature: name, combination: involved.map { featureNames[active[$0]] })
    }
}
