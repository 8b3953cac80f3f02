import MLData
import MLEngine
import MLNumerics

extension LinearRegression {
    /// The exact solvers: one pass of moments, a solve on them, and — when the scaled
    /// condition number exceeds 300 — passes of iterative refinement with double-double
    /// residuals (see ``LeastSquaresProblem/refine(_:source:options:)``).
    ///
    /// Which moments `auto` gathers first depends on what a second pass costs. From a file,
    /// a second pass re-parses the text, which costs more than the difference between a QR
    /// pass and a Gram pass, so `auto` gathers QR factors at once. In memory a pass is cheap,
    /// so `auto` starts from the Gram matrix (one `dsyrk` per block) and gathers QR factors
    /// in a second pass when the Gram matrix cannot give every digit: when the scaled
    /// condition number of the Cholesky factor exceeds 30 (errors ∝ κ²ε), or when the fit
    /// leaves less than 1e-5 of the label's variance unexplained — the residual sum of
    /// squares `g_yy − 2βᵀg + βᵀGβ` then cancels to a relative error of about `ε/(1 − R²)`,
    /// which QR's `r_yy²` does not. With an L1 term the solve is coordinate descent on the
    /// Gram matrix either way, so `auto` gathers the Gram matrix.
    func fitExactly(
        _ source: some ChunkSource, options: ExecutionOptions
    ) throws -> FitResult<LinearRegressionModel> {
        // Streamed: every pass reads the source, and the report sums them.
        var report = PassReport(passes: 0)
        var seconds = 0.0
        let gramFirst = solver == .auto && (l1Strength > 0 || source.isInMemory)
        if gramFirst {
            let (problem, solution) = try gatherAndSolve(.gram, source, options, &report, &seconds)
            if let solution {
                let condition = try problem.conditionNumber(solution) ?? 0
                let unexplained = problem.residualSumOfSquares(solution.activeCoefficients) / problem.labelMoment
                if l1Strength > 0
                    || (condition <= LeastSquaresProblem.gramConditionLimit && unexplained >= 1e-5)
                {
                    let model = try finish(problem, solution, source, options, &report, &seconds)
                    return FitResult(model: model, report: FitReport(read: report, solveSeconds: seconds))
                }
            }
        }
        let form = gramFirst ? .triangular : statisticsForm
        let (problem, solution) = try gatherAndSolve(form, source, options, &report, &seconds)
        guard let solution else { throw ModelError.noData }  // not reached: only the Gram form defers
        let model = try finish(problem, solution, source, options, &report, &seconds)
        return FitResult(model: model, report: FitReport(read: report, solveSeconds: seconds))
    }

    var l1Strength: Double { regParam * elasticNetParam }

    /// One pass in `form` and the solve. `nil` solution: the Gram matrix was numerically
    /// singular under `auto`, and QR statistics should decide the rank by R's rule.
    private func gatherAndSolve(
        _ form: LeastSquaresStatistics.Form, _ source: some ChunkSource, _ options: ExecutionOptions,
        _ report: inout PassReport, _ seconds: inout Double
    ) throws -> (LeastSquaresProblem, LeastSquaresSolution?) {
        let p = source.schema.featureCount
        let (statistics, pass) = try source.pass(
            options: options, shape: LeastSquaresStatistics.Shape(featureCount: p, form: form)
        ) { chunk in
            try LeastSquaresStatistics(chunk: chunk, form: form)
        }
        report.add(pass)
        guard statistics.moments.weightSum > 0 else { throw ModelError.noData }
        return try timed(&seconds) {
            let problem = try LeastSquaresProblem(
                statistics: statistics, configuration: self, featureNames: source.schema.featureNames,
                labelName: source.schema.labelName ?? "label")
            do {
                return (problem, try problem.solve())
            } catch ModelError.collinear(_, _) where solver == .auto && form == .gram {
                return (problem, nil)
            }
        }
    }

    /// Refinement when the problem calls for it, and the model.
    private func finish(
        _ problem: LeastSquaresProblem, _ start: LeastSquaresSolution, _ source: some ChunkSource,
        _ options: ExecutionOptions, _ report: inout PassReport, _ seconds: inout Double
    ) throws -> LinearRegressionModel {
        var solution = start
        var measuredRSS: Double?
        if let condition = try problem.conditionNumber(solution),
            condition > LeastSquaresProblem.refinementConditionThreshold
        {
            let refined = try problem.refine(solution, source: source, options: options)
            for pass in refined.passes { report.add(pass) }
            solution = refined.solution
            measuredRSS = refined.residualSumOfSquares
        }
        return try timed(&seconds) {
            try makeModel(problem, solution, residualSumOfSquares: measuredRSS, schema: source.schema)
        }
    }

    /// Runs `body`, adding its duration to `seconds`.
    private func timed<R>(_ seconds: inout Double, _ body: () throws -> R) rethrows -> R {
        let clock = ContinuousClock()
        let start = clock.now
        defer {
            let elapsed = clock.now - start
            seconds += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
        return try body()
    }
}
