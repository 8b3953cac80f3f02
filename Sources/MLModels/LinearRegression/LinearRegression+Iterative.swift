import MLData
import MLEngine
import MLNumerics

extension LinearRegression {
    /// Fits with L-BFGS / OWL-QN, one data pass per evaluation of the loss and its gradient,
    /// for problems too wide for `p × p` moments.
    ///
    /// A first pass gathers per-column means and variances. The optimizer then works on
    /// `θⱼ = sⱼ·βⱼ` with `sⱼ` the feature's standard deviation (so every direction has unit
    /// scale, whatever the penalty), where the objective reads
    /// `(1/2W)·Σw·r² + Σⱼ λα(dⱼ/sⱼ)|θⱼ| + ½Σⱼ λ(1−α)(dⱼ/sⱼ)²θⱼ²`
    /// (`dⱼ` the penalty scale: `σⱼ` with standardization, else 1). With an intercept the
    /// residual uses the best intercept for the current slopes, `β₀ = ȳ − x̄ᵀβ`, so the
    /// gradient is `(1/W)·Σw·r·(x − x̄)`.
    func fitIteratively(
        _ stream: some ChunkSource, options: ExecutionOptions
    ) throws -> FitResult<LinearRegressionModel> {
        let p = stream.schema.featureCount
        let clock = ContinuousClock()
        let start = clock.now
        // Many passes: parse once, keep the chunks in binary form. Reading is reported apart
        // from the passes in memory, so parse time is not counted as solve time and MB/s
        // describes the read alone.
        let (source, read) = try stream.load(options: options)
        var inMemory = PassReport(passes: 0)
        func add(_ pass: PassReport) { inMemory.add(pass) }

        let (columns, first) = try source.pass(options: options, shape: p) { chunk in
            try ColumnMomentsStatistics(chunk: chunk)
        }
        add(first)
        let moments = columns.moments
        let w = moments.weightSum
        guard w > 0 else { throw ModelError.noData }
        try moments.checkRepresentable(
            secondMoment: { columns.secondMoments[$0] },
            columnNames: source.schema.featureNames + [source.schema.labelName ?? "label"])
        let sigma = (0..<p).map { (columns.secondMoments[$0] / w).squareRoot() }
        let active = (0..<p).map { moments.isSolvable($0, fitIntercept: fitIntercept) }
        let scale = (0..<p).map { j in sigma[j] > 0 ? sigma[j] : max(abs(moments.mean[j]), 1) }
        let penaltyScale = (0..<p).map { standardization ? sigma[$0] : 1 }
        let l1 = (0..<p).map { j in active[j] ? regParam * elasticNetParam * penaltyScale[j] / scale[j] : 0 }
        let l2 = (0..<p).map { j -> Double in
            let r = penaltyScale[j] / scale[j]
            return active[j] ? regParam * (1 - elasticNetParam) * r * r : 0
        }
        let meanX = Array(moments.mean[0..<p])

        func coefficients(_ theta: [Double]) -> (beta: [Double], intercept: Double) {
            let beta = (0..<p).map { active[$0] ? theta[$0] / scale[$0] : 0 }
            return (beta, fitIntercept ? moments.mean[p] - moments.fittedMean(of: beta) : 0)
        }
        func loss(_ theta: [Double]) throws -> (sums: [Double], beta: [Double], intercept: Double) {
            let (beta, intercept) = coefficients(theta)
            let (statistics, pass) = try source.pass(options: options, shape: p) { chunk in
                try SquaredLossStatistics(chunk: chunk, coefficients: beta, intercept: intercept)
            }
            add(pass)
            return (statistics.sums, beta, intercept)
        }

        let optimizer = LBFGS(maxIterations: maxIter, tolerance: tol, l1: l1)
        let result = try optimizer.minimize(from: Array(repeating: 0, count: p)) { theta in
            let (sums, _, _) = try loss(theta)
            var value = sums[0] / (2 * w)
            var gradient = Array(repeating: 0.0, count: p)
            for j in 0..<p where active[j] {
                let centred = sums[2 + j] - (fitIntercept ? meanX[j] * sums[1] : 0)
                gradient[j] = centred / w / scale[j] + l2[j] * theta[j]
                value += 0.5 * l2[j] * theta[j] * theta[j]
            }
            return (value, gradient)
        }

        let (sums, beta, intercept) = try loss(result.solution)
        let summary = iterativeSummary(
            sums: sums, moments: moments, labelMoment: columns.secondMoments[p],
            activeCount: active.filter { $0 }.count, result: result,
            constantFeatures: (0..<p).filter { !active[$0] }.map { source.schema.featureNames[$0] })
        let model = LinearRegressionModel(
            featureNames: source.schema.featureNames, labelName: source.schema.labelName ?? "label",
            weightName: source.schema.weightName, hyperparameters: self, coefficients: beta,
            intercept: intercept, summary: summary)
        let total = clock.now - start
        let totalSeconds = Double(total.components.seconds) + Double(total.components.attoseconds) / 1e18
        let solveSeconds = max(0, totalSeconds - read.seconds - inMemory.seconds)
        return FitResult(
            model: model,
            report: FitReport(read: read, inMemory: inMemory, iterations: result.iterations, solveSeconds: solveSeconds))
    }

    private func iterativeSummary(
        sums: [Double], moments: WeightedMoments, labelMoment: Double, activeCount: Int,
        result: LBFGS.Result, constantFeatures: [String]
    ) -> LinearRegressionSummary {
        // sums = [Σw·r², Σw·r, …] with r = ŷ − y: the mean residual's sign does not matter.
        LinearRegressionSummary(
            moments: moments, residualSumOfSquares: sums[0], labelCentredMoment: labelMoment,
            fittedParameters: activeCount + (fitIntercept ? 1 : 0), fitIntercept: fitIntercept,
            meanResidual: fitIntercept ? 0 : sums[1] / moments.weightSum, constantFeatures: constantFeatures,
            solver: elasticNetParam > 0 && regParam > 0 ? .owlqn : .lbfgs,
            iterations: result.iterations, refinementPasses: 0, converged: result.converged,
            objective: result.value)
    }
}
