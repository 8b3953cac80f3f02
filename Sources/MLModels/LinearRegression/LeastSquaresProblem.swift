import MLNumerics

/// The finalize step of linear regression: the `(k+1) × (k+1)` moments of the `k` features
/// that are solved for and the label, in the form the solver needs.
///
/// With an intercept the moments are centred (`β₀ = ȳ − x̄ᵀβ` is recovered afterwards);
/// without one they are the raw weighted moments `C + W·μμᵀ`, whose R factor is that of
/// `[R; √W·μᵀ]`. Features that are constant (with an intercept) or identically zero are
/// left out and get coefficient 0.
struct LeastSquaresProblem {
    let configuration: LinearRegression
    let featureNames: [String]
    let statistics: LeastSquaresStatistics
    /// Indices of the features solved for, in order.
    let active: [Int]
    /// Feature scales of the penalty: `σⱼ` with standardization, else 1 (active features).
    let penaltyScale: [Double]
    /// Full symmetric moments of `[X_active y]` (centred with an intercept).
    let gram: Matrix
    /// Upper-triangular `R` with `RᵀR = gram`, when the statistics are in triangular form.
    let triangular: Matrix?
    /// `Σw(y − ȳ)²`, the label's centred moment (whether or not an intercept is fitted).
    let labelCentredMoment: Double

    var k: Int { active.count }
    var weightSum: Double { statistics.moments.weightSum }

    /// - Throws: ``ModelError/valuesTooLarge(column:)`` when a column's moments overflowed
    ///   (`labelName` names the label then), before any factorization.
    init(
        statistics: LeastSquaresStatistics, configuration: LinearRegression, featureNames: [String],
        labelName: String
    ) throws {
        self.statistics = statistics
        self.configuration = configuration
        self.featureNames = featureNames
        let moments = statistics.moments
        let p = statistics.shape.featureCount
        let w = moments.weightSum
        let centred = statistics.centredGram
        // Without an intercept the solve uses the raw moments C + W·μμᵀ, which can overflow
        // where the centred ones do not (a column of 1e200s).
        try moments.checkRepresentable(
            secondMoment: { j in
                centred[j, j] + (configuration.fitIntercept ? 0 : w * moments.mean[j] * moments.mean[j])
            },
            columnNames: featureNames + [labelName])
        labelCentredMoment = centred[p, p]
        let active = (0..<p).filter { moments.isSolvable($0, fitIntercept: configuration.fitIntercept) }
        self.active = active
        penaltyScale = active.map { j in
            configuration.standardization ? (centred[j, j] / w).squareRoot() : 1
        }
        let columns = active + [p]
        let m = columns.count
        let intercept = configuration.fitIntercept

        switch statistics.shape.form {
        case .gram:
            var g = Matrix(rows: m, columns: m)
            for (a, i) in columns.enumerated() {
                for (b, j) in columns.enumerated() {
                    g[a, b] = centred[i, j] + (intercept ? 0 : w * moments.mean[i] * moments.mean[j])
                }
            }
            gram = g
            triangular = nil
        case .triangular:
            // R restricted to the kept columns is no longer triangular; re-factor it (small).
            let r = statistics.secondMoments
            let q = p + 1
            let extraRow = intercept ? 0 : 1
            var stacked = Matrix(rows: q + extraRow, columns: m)
            for i in 0..<q {
                for (b, j) in columns.enumerated() { stacked[i, b] = r[i, j] }
            }
            if !intercept {
                let scale = w.squareRoot()
                for (b, j) in columns.enumerated() { stacked[q, b] = scale * moments.mean[j] }
            }
            let factor = try LAPACK.triangularFactor(of: stacked)
            triangular = factor
            gram = LeastSquaresStatistics.gram(ofTriangular: factor)
        }
    }

    /// `G_xx` and `g_xy`: the feature block and the label column of ``gram``.
    var featureGram: Matrix {
        var g = Matrix(rows: k, columns: k)
        for i in 0..<k { for j in 0..<k { g[i, j] = gram[i, j] } }
        return g
    }

    var featureLabelMoments: [Double] { (0..<k).map { gram[$0, k] } }

    /// The label's moment `Σw(y − ȳ)²` (with an intercept) or `Σw·y²` (without).
    var labelMoment: Double { gram[k, k] }
}
