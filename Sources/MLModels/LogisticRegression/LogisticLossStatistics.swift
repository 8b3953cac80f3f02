import MLData
import MLEngine

/// The weighted logistic loss of a chunk of rows at given parameters, with its exact gradient
/// and (for Newton) its Hessian — plain sums over rows, so they merge by addition and, across
/// processes, by one `MPI_Allreduce`.
///
/// The parameters are the coefficient matrix `B` (`m × p`, one row per modelled class: `m = 1`
/// for the binomial family, the second class against the first; `m = K` for the multinomial)
/// and, with an intercept, the intercepts `b` (`m`). They are flattened row by row over the
/// augmented features `x̃ = [x, 1]` (`q = p + 1` with an intercept, else `p`): parameter
/// `r·q + j` is `B[r, j]`, parameter `r·q + p` is `b[r]`.
///
/// With scores `zᵢ = B·xᵢ + b`, class codes `yᵢ` and weights `wᵢ`:
/// - binomial: `ℓᵢ = log(1 + e^{zᵢ}) − [yᵢ = 1]·zᵢ`, gradient `Σ wᵢ(σ(zᵢ) − [yᵢ = 1])·x̃ᵢ`,
///   Hessian `Σ wᵢσ(zᵢ)(1 − σ(zᵢ))·x̃ᵢx̃ᵢᵀ`;
/// - multinomial: `ℓᵢ = log Σₖ e^{zᵢₖ} − zᵢ,yᵢ`, gradient block `k` is
///   `Σ wᵢ(Pᵢₖ − [yᵢ = k])·x̃ᵢ`, Hessian block `(k, l)` is `Σ wᵢPᵢₖ([k = l] − Pᵢₗ)·x̃ᵢx̃ᵢᵀ`.
///
/// The Hessian is stored `n × n` (`n = m·q`), row-major, upper triangle only (the strict
/// lower triangle is zero).
public struct LogisticLossStatistics: SummablePartialStatistics {
    public struct Shape: Sendable, Hashable, Codable {
        public var featureCount: Int
        /// Rows of the coefficient matrix: 1 (binomial) or the number of classes.
        public var rows: Int
        public var fitIntercept: Bool
        /// Whether the Hessian is gathered (Newton) or not (L-BFGS).
        public var hessian: Bool

        public init(featureCount: Int, rows: Int, fitIntercept: Bool, hessian: Bool) {
            self.featureCount = featureCount
            self.rows = rows
            self.fitIntercept = fitIntercept
            self.hessian = hessian
        }

        /// Augmented features per row of coefficients: `p + 1` with an intercept.
        public var width: Int { featureCount + (fitIntercept ? 1 : 0) }
        /// The number of parameters `n = m·q`.
        public var parameterCount: Int { rows * width }
        var serializedCount: Int { 3 + parameterCount + (hessian ? parameterCount * parameterCount + 1 : 0) }
    }

    /// The rows whose curvature the Hessian sums: those whose global index is ``phase``
    /// modulo ``stride`` (every row for a stride of 1).
    ///
    /// Keyed by the global row, so the sample is the same for any chunking, thread count or
    /// rank count. A Newton step needs the exact gradient but only an approximation of the
    /// Hessian: on many rows, the curvature of an evenly spaced sample of them has a relative
    /// error of order `√(n/m)` for `n` parameters and `m` sampled rows, which only slows the
    /// local convergence from quadratic to linear at about that rate.
    public struct HessianRows: Sendable, Hashable {
        public var stride: Int
        /// The global index of the chunk's first row.
        public var firstRow: Int
        /// Which of the `stride` disjoint samples: the rows whose global index is
        /// `phase` modulo `stride`.
        public var phase: Int

        /// Rows are taken in runs of this many consecutive global rows: row `r` is sampled
        /// when `⌊r / run⌋ ≡ phase (mod stride)`. Runs read memory as a stream; single rows
        /// `stride` apart each cost a cache miss and, past 4 KB, a TLB miss.
        public var run: Int

        public init(stride: Int, firstRow: Int, phase: Int = 0, run: Int = 1) {
            self.stride = max(1, stride)
            self.firstRow = firstRow
            self.phase = phase
            self.run = max(1, run)
        }

        public static let all = HessianRows(stride: 1, firstRow: 0)

        /// The sampled rows of a chunk of `n` rows, counted within the chunk.
        func rows(inChunkOf n: Int) -> [Int] {
            // The first run b ≥ ⌊firstRow / run⌋ with b ≡ phase (mod stride), then every
            // `stride`-th run, clipped to the chunk.
            let firstRun = firstRow / run
            var b = firstRun + ((phase - firstRun) % stride + stride) % stride
            var rows: [Int] = []
            while b * run - firstRow < n {
                let low = max(b * run - firstRow, 0), high = min((b + 1) * run - firstRow, n)
                if low < high { rows.append(contentsOf: low..<high) }
                b += stride
            }
            return rows
        }
    }

    public let shape: Shape
    /// `Σw` over the rows.
    public internal(set) var weightSum: Double
    /// `Σ wᵢℓᵢ`.
    public internal(set) var loss: Double
    /// The weight of the rows the parameters misclassify or leave on a decision boundary:
    /// 0 means the classes are strictly separated by the fitted model.
    public internal(set) var misclassifiedWeight: Double
    /// `n` sums, the gradient of `Σ wᵢℓᵢ`.
    public internal(set) var gradient: [Double]
    /// `n × n` sums (upper triangle), the Hessian of `Σ wᵢℓᵢ` over the rows of the Hessian
    /// sample (``HessianRows``); empty without ``Shape/hessian``.
    public internal(set) var hessian: [Double]
    /// `Σw` over the rows of the Hessian sample: `hessian · (weightSum / hessianWeightSum)`
    /// estimates the Hessian over every row.
    public internal(set) var hessianWeightSum: Double

    public init(zeroFor shape: Shape) {
        self.shape = shape
        weightSum = 0
        loss = 0
        misclassifiedWeight = 0
        gradient = Array(repeating: 0, count: shape.parameterCount)
        hessian = Array(repeating: 0, count: shape.hessian ? shape.parameterCount * shape.parameterCount : 0)
        hessianWeightSum = 0
    }

    public mutating func merge(_ other: LogisticLossStatistics) {
        weightSum += other.weightSum
        loss += other.loss
        misclassifiedWeight += other.misclassifiedWeight
        for i in gradient.indices { gradient[i] += other.gradient[i] }
        for i in hessian.indices { hessian[i] += other.hessian[i] }
        hessianWeightSum += other.hessianWeightSum
    }

    /// `[Σw, Σwℓ, misclassified weight, gradient…]`, then with a Hessian
    /// `[Hessian…, Σw of the Hessian sample]`.
    public func serialized() -> [Double] {
        [weightSum, loss, misclassifiedWeight] + gradient + hessian + (shape.hessian ? [hessianWeightSum] : [])
    }

    /// Rebuilds the sums. The loss may be infinite (a trial step can overflow and the line
    /// search then backs off), but weights and losses are never negative.
    public init(serialized values: [Double], shape: Shape) throws {
        let check = SerializedStatisticsValidator(type: "LogisticLossStatistics")
        // Bounds that keep n² from overflowing; a fit's Hessian has at most
        // LogisticRegression.maxNewtonParametersForced rows.
        guard shape.featureCount >= 0, shape.rows >= 1, shape.featureCount <= 1 << 24, shape.rows <= 1 << 24,
            shape.parameterCount <= (shape.hessian ? LogisticRegression.maxNewtonParametersForced : 1 << 30)
        else { throw check.invalid("the shape \(shape) is not one a fit uses") }
        guard values.count == shape.serializedCount else {
            throw SerializedStatisticsError(
                type: "LogisticLossStatistics", expected: shape.serializedCount, found: values.count)
        }
        self.shape = shape
        weightSum = try check.nonNegative(values[0], "the weight sum")
        guard !(values[1] < 0) else { throw check.invalid("the loss must be ≥ 0; got \(values[1])") }
        loss = values[1]
        misclassifiedWeight = try check.nonNegative(values[2], "the misclassified weight")
        let n = shape.parameterCount
        gradient = Array(values[3..<(3 + n)])
        if shape.hessian {
            hessian = Array(values[(3 + n)..<(values.count - 1)])
            hessianWeightSum = try check.nonNegative(values[values.count - 1], "the Hessian sample's weight sum")
        } else {
            hessian = []
            hessianWeightSum = 0
        }
    }
}
