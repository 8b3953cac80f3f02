import MLData
import MLEngine
import MLNumerics

extension LinearRegression {
    /// The exact solvers: one pass of moments, a solve on them, and — when the scaled
    /// condition number exceeds 300 — passes of iterative refinement with double-double
    /// residuals (see ``LeastSquaresProblem/refine(_:source:options:)``).
    ///
    /// QR statistics are the default although their pass costs more than the Gram
    /// matrix's: a second pass over a CSV file (to refine, or to switch to QR) costs more
    /// than the difference, and the standard errors from `R` keep their digits.
    func fitExactly(
        _ source: some ChunkSource, options: ExecutionOptions
    ) throws -> (model: LinearRegressionModel, pass: PassReport, finalizeSeconds: Double) {
        let p = source.schema.featureCount
        let form = statisticsForm
        let (statistics, passReport) = try source.pass(
            options: options, shape: LeastSquaresStatistics.Shape(featureCount: p, form: form)
        ) { chunk in
            try LeastSquaresStatistics(chunk: chunk, form: form)
        }
        guard statistics.moments.weightSum > 0 else { throw ModelError.noData }
        var report = passReport

        let clock = ContinuousClock()
        let start = clock.now
        let problem = try LeastSquaresProblem(
            statistics: statistics, configuration: self, featureNames: source.schema.featureNames)
        var solution = try problem.solve()
        var measuredRSS: Double?
        var refinementSeconds = 0.0
        if let condition = try problem.conditionNumber(solution),
            condition > LeastSquaresProblem.refinementConditionThreshold
        {
            let refined = try problem.refine(solution, source: source, options: options)
            for pass in refined.passes {
                report.add(pass)
                refinementSeconds += pass.seconds
            }
            solution = refined.solution
            measuredRSS = refined.residualSumOfSquares
        }
        let model = try makeModel(problem, solution, residualSumOfSquares: measuredRSS, schema: source.schema)
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return (model, report, seconds - refinementSeconds)
    }
}
