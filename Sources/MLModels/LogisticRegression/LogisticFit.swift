import MLData
import MLEngine
import MLNumerics

/// One logistic-regression fit on data held in memory: the objective's penalties and
/// scales from the column moments of its first pass (which also evaluates the loss at
/// `θ = 0`, where every solver starts), and the passes that evaluate it.
///
/// The parameters `θ` are laid out as ``LogisticLossStatistics`` describes. Per parameter:
/// the L1 weight `cᵢ = λα·dⱼ` and the L2 weight `lᵢ = λ(1−α)·dⱼ²` (`dⱼ` the penalty scale of
/// its feature, 0 for intercepts), and the scale `sᵢ` on which optimality is measured (`σⱼ`
/// for a feature, 1 for an intercept). Features that are constant on the rows of positive
/// weight (with an intercept; zero without) are left out: their coefficients stay 0.
struct LogisticFit {
    let estimator: LogisticRegression
    let data: Dataset
    let options: ExecutionOptions
    let classes: [String]
    let multinomial: Bool
    let moments: WeightedMoments
    /// Per feature: the weighted population standard deviation.
    let sigma: [Double]
    let shape: LogisticLossStatistics.Shape
    let l1: [Double]
    let l2: [Double]
    let scale: [Double]
    let active: [Bool]
    /// Groups of parameters along which the smooth objective is flat (multinomial: each
    /// unpenalized feature's and the intercepts' entries across classes), with the curvature
    /// the Newton system adds along each group's sum so that its steps keep the group centred.
    let flatGroups: [[Int]]
    /// Newton sums the Hessian over every `hessianStride`-th row (``LogisticLossStatistics/HessianRows``):
    /// ``LogisticRegression/hessianStride(rows:parameterCount:modelRows:)``.
    var hessianStride: Int
    /// Steps on a sampled Hessian before Newton falls back to every row: about twice what
    /// the sample needs on well-spread rows (5–6 steps to `tol` = 1e-6 on 500,000 × 50).
    var sampledHessianSteps = 12
    /// The opening step's line search sums every `lineSampleStride`-th run of 64 rows: about
    /// 16,384 rows, enough to place the minimum along the line to a percent or so.
    let lineSampleStride: Int
    /// `W = Σw`.
    var weightSum: Double { moments.weightSum }
    /// The loss statistics at `θ = 0` from the first pass, until a fit's first evaluation
    /// there takes them.
    private var startStatistics: LogisticLossStatistics?
    /// Hessian samples gathered so far (the start's included): the next pass's sample is the
    /// next phase of the stride, so successive Hessians sum disjoint rows.
    private var hessianSamples = 1
    /// The passes over the rows in memory.
    private(set) var inMemory = PassReport(passes: 0)

    init(estimator: LogisticRegression, data: Dataset, options: ExecutionOptions) throws {
        self.estimator = estimator
        self.data = data
        self.options = options
        let schema = data.schema
        let classes = schema.classes ?? []
        self.classes = classes
        let k = classes.count
        let p = schema.featureCount
        let multinomial = estimator.isMultinomial(classCount: k)
        self.multinomial = multinomial
        let fitIntercept = estimator.fitIntercept
        let modelRows = multinomial ? k : 1
        let shape = LogisticLossStatistics.Shape(
            featureCount: p, rows: modelRows, fitIntercept: fitIntercept,
            hessian: estimator.usesNewton(parameterCount: modelRows * (p + (fitIntercept ? 1 : 0))))
        self.shape = shape
        // The Hessian sample's stride needs the rows of every rank before the first pass; a
        // pass that only counts them reads no features.
        let (counted, _) = try data.pass(options: options, shape: 0) { chunk, _ in
            RowCountStatistics(rows: chunk.rowCount)
        }
        let stride = LogisticRegression.hessianStride(
            rows: Int(counted.rows), parameterCount: shape.parameterCount, modelRows: shape.rows)
        hessianStride = stride
        lineSampleStride = max(1, Int(counted.rows) / 16_384)
        let (start, first) = try data.pass(options: options, shape: LogisticStartStatistics.Shape(loss: shape)) {
            chunk, context in
            try LogisticStartStatistics(
                chunk: chunk, shape: .init(loss: shape), classCount: k,
                hessianRows: .init(stride: stride, firstRow: context.firstRow ?? 0))
        }
        inMemory.add(first)
        startStatistics = start.loss
        let columns = start.columns
        let moments = columns.moments
        self.moments = moments
        let w = moments.weightSum
        guard w > 0 else { throw ModelError.noData }
        try moments.checkRepresentable(
            secondMoment: { columns.secondMoments[$0] },
            columnNames: schema.featureNames + [schema.labelName ?? "label"])
        let sigma = (0..<p).map { (columns.secondMoments[$0] / w).squareRoot() }
        self.sigma = sigma
        let q = shape.width
        let lambda = estimator.regParam, alpha = estimator.elasticNetParam
        var l1 = [Double](repeating: 0, count: shape.parameterCount)
        var l2 = l1, scale = [Double](repeating: 1, count: shape.parameterCount)
        var active = [Bool](repeating: true, count: shape.parameterCount)
        for r in 0..<shape.rows {
            for j in 0..<p {
                let i = r * q + j
                active[i] = moments.isSolvable(j, fitIntercept: fitIntercept)
                let d = estimator.standardization ? sigma[j] : 1
                l1[i] = active[i] ? lambda * alpha * d : 0
                l2[i] = active[i] ? lambda * (1 - alpha) * d * d : 0
                scale[i] = sigma[j] > 0 ? sigma[j] : max(abs(moments.mean[j]), 1)
            }
        }
        self.l1 = l1
        self.l2 = l2
        self.scale = scale
        self.active = active
        var groups: [[Int]] = []
        if multinomial {
            for j in 0..<q {
                let group = (0..<k).map { $0 * q + j }
                if active[j], l1[j] == 0, l2[j] == 0 { groups.append(group) }
            }
        }
        flatGroups = groups
    }

    /// Counts a pass made for the fit before this value existed.
    mutating func recordPass(_ pass: PassReport) {
        inMemory.add(pass)
    }

    /// One pass at `theta`: the summed loss, gradient and — for Newton, unless `hessian` is
    /// false — the Hessian over the rows of ``hessianStride``'s sample.
    mutating func evaluate(_ theta: [Double], hessian: Bool = true) throws -> LogisticLossStatistics {
        if let start = startStatistics, theta.allSatisfy({ $0 == 0 }) {
            startStatistics = nil
            return start
        }
        var passShape = shape
        passShape.hessian = shape.hessian && hessian
        let k = classes.count, stride = hessianStride, shape = passShape
        let phase = hessianSamples % stride
        if shape.hessian { hessianSamples += 1 }
        let (statistics, pass) = try data.pass(options: options, shape: shape) { chunk, context in
            try LogisticLossStatistics(
                chunk: chunk, shape: shape, classCount: k, parameters: theta,
                hessianRows: .init(stride: stride, firstRow: context.firstRow ?? 0, phase: phase))
        }
        inMemory.add(pass)
        return statistics
    }

    /// `F(θ)` from the statistics at `θ`.
    func objective(_ statistics: LogisticLossStatistics, at theta: [Double]) -> Double {
        var value = statistics.loss / weightSum
        for i in theta.indices where l1[i] != 0 || l2[i] != 0 {
            value += l1[i] * abs(theta[i]) + 0.5 * l2[i] * theta[i] * theta[i]
        }
        return value
    }

    /// The gradient of the smooth part `(1/W)·Σwℓ + ½Σlᵢθᵢ²` (0 for parameters left out).
    func smoothGradient(_ statistics: LogisticLossStatistics, at theta: [Double]) -> [Double] {
        theta.indices.map { i in active[i] ? statistics.gradient[i] / weightSum + l2[i] * theta[i] : 0 }
    }

    /// The largest entry of the minimum-norm subgradient of `F`, each divided by its
    /// parameter's scale: the gradient with respect to the standardized coefficients.
    func optimality(gradient g: [Double], at theta: [Double]) -> Double {
        var largest = 0.0
        for i in theta.indices where active[i] {
            let c = l1[i]
            let entry: Double
            if c == 0 {
                entry = g[i]
            } else if theta[i] != 0 {
                entry = g[i] + (theta[i] > 0 ? c : -c)
            } else {
                entry = max(abs(g[i]) - c, 0)
            }
            largest = max(largest, abs(entry) / scale[i])
        }
        return largest
    }

    /// Whether any parameter carries an L1 weight.
    var hasL1: Bool { l1.contains { $0 > 0 } }

    /// Whether the objective has no penalty at all (the maximum-likelihood fit).
    var isUnpenalized: Bool { !l1.contains { $0 > 0 } && !l2.contains { $0 > 0 } }
}
