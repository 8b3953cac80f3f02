import MLData

/// Row counts, the weight total, weighted means of every column of `[X y]`, and the range
/// of every feature — the first-order part of the least-squares statistics.
///
/// Merging uses Chan, Golub and LeVeque's pairwise update: for parts `a` and `b` with weight
/// totals `Wa`, `Wb` and means `μa`, `μb`, the merged mean is `μa + δ·Wb/W` with
/// `δ = μb − μa`, and the centred second moments gain `(Wa·Wb/W)·δδᵀ` (which
/// ``LeastSquaresStatistics`` and ``ColumnMomentsStatistics`` add when they merge).
public struct WeightedMoments: Sendable, Hashable, Codable {
    /// Rows seen, including rows of weight 0.
    public internal(set) var rowCount: Int
    /// Rows with a weight above 0: the observations that count for degrees of freedom
    /// (weights are precision weights, as in R's `lm`).
    public internal(set) var positiveWeightRowCount: Int
    /// `W = Σ wᵢ`.
    public internal(set) var weightSum: Double
    /// Weighted means of the `p` features followed by the label.
    public internal(set) var mean: [Double]
    /// Smallest and largest value of each feature over rows of positive weight (+∞ and −∞
    /// before any); a feature is constant exactly when they are equal.
    public internal(set) var minimum: [Double]
    public internal(set) var maximum: [Double]

    public init(featureCount p: Int) {
        rowCount = 0
        positiveWeightRowCount = 0
        weightSum = 0
        mean = Array(repeating: 0, count: p + 1)
        minimum = Array(repeating: .infinity, count: p)
        maximum = Array(repeating: -.infinity, count: p)
    }

    /// The moments of one chunk: weighted sums by one `dgemv`, then the feature ranges over
    /// the rows of positive weight. The chunk must carry labels.
    public init(chunk: DataChunk) {
        self.init(sumsOf: chunk)
        let p = chunk.featureCount
        chunk.features.withUnsafeBufferPointer { x in
            minimum.withUnsafeMutableBufferPointer { low in
                maximum.withUnsafeMutableBufferPointer { high in
                    for i in 0..<chunk.rowCount where chunk.weight(i) > 0 {
                        let row = i * p
                        for j in 0..<p {
                            let v = x[row + j]
                            low[j] = Swift.min(low[j], v)
                            high[j] = Swift.max(high[j], v)
                        }
                    }
                }
            }
        }
    }

    /// The counts, weight total and means of one chunk, without its ranges (left at ±∞ for a
    /// caller that reads the rows anyway to fill them in).
    init(sumsOf chunk: DataChunk, rows: Range<Int>? = nil) {
        let sums = ChunkSums(chunk, rows: rows)
        self.init(featureCount: chunk.featureCount)
        rowCount = rows?.count ?? chunk.rowCount
        positiveWeightRowCount = sums.positiveRows
        weightSum = sums.weightSum
        mean = sums.mean
    }

    public var featureCount: Int { minimum.count }

    /// Whether feature `j` takes a single value on the rows of positive weight.
    public func isConstant(_ j: Int) -> Bool { minimum[j] == maximum[j] }

    /// Whether a linear model solves for feature `j`: a constant feature is left out (with
    /// coefficient 0) when an intercept is fitted — it cannot be told apart from the
    /// intercept — and, without one, when it is identically zero.
    public func isSolvable(_ j: Int, fitIntercept: Bool) -> Bool {
        !(isConstant(j) && (fitIntercept || mean[j] == 0))
    }

    /// `x̄ᵀβ + β₀`, the weighted mean of the predictions; `ȳ − x̄ᵀβ` is the intercept that
    /// makes the residuals average to zero.
    public func fittedMean(of coefficients: [Double], intercept: Double = 0) -> Double {
        var sum = intercept
        for j in coefficients.indices { sum += mean[j] * coefficients[j] }
        return sum
    }

    /// Throws ``ModelError/valuesTooLarge(column:)`` for the first column (features, then the
    /// label) whose mean, range or second moment is not finite.
    ///
    /// The data are finite, so a non-finite moment means a sum or a square overflowed:
    /// `1e308, −1e308, 1e308` has a finite mean and range but `Σ(x − x̄)² = ∞`. Past that
    /// point a rank test reads ∞ or NaN and would call the column collinear or constant, and
    /// an intercept `ȳ − x̄ᵀβ` would be NaN, so this runs before any solve.
    ///
    /// - Parameters:
    ///   - secondMoment: the second moment of column `j` (`p + 1` columns) that the solve uses.
    ///   - columnNames: the `p` feature names followed by the label's.
    func checkRepresentable(
        secondMoment: (Int) -> Double, columnNames: [String]
    ) throws(ModelError) {
        let p = featureCount
        for j in 0...p {
            let rangeIsFinite = j == p || (minimum[j].isFinite && maximum[j].isFinite)
            guard mean[j].isFinite, rangeIsFinite, secondMoment(j).isFinite else {
                throw .valuesTooLarge(column: columnNames[j])
            }
        }
    }

    /// Folds `other` (later rows) into `self` and returns what the second moments need:
    /// `δ = μ_other − μ_self` and the factor `Wa·Wb/W` (0 when either side is empty).
    mutating func mergeMeans(_ other: WeightedMoments) -> (delta: [Double], factor: Double) {
        let wa = weightSum, wb = other.weightSum, w = wa + wb
        var delta = Array(repeating: 0.0, count: mean.count)
        var factor = 0.0
        if wb > 0 {
            if wa > 0 {
                let share = wb / w
                for j in mean.indices {
                    delta[j] = other.mean[j] - mean[j]
                    mean[j] += delta[j] * share
                }
                factor = wa * wb / w
            } else {
                mean = other.mean
            }
        }
        rowCount += other.rowCount
        positiveWeightRowCount += other.positiveWeightRowCount
        weightSum = w
        for j in minimum.indices {
            minimum[j] = Swift.min(minimum[j], other.minimum[j])
            maximum[j] = Swift.max(maximum[j], other.maximum[j])
        }
        return (delta, factor)
    }
}
