import MLData
import MLEngine
import MLNumerics

/// The logistic loss along a line `θ + t·d` at one step length `t`, over a sample of rows:
/// `φ(t) = Σ wᵢℓᵢ(θ + t·d)` with its first two derivatives in `t`, for a line search that
/// needs only these three numbers per trial (``LogisticFit/openingStepLength(from:along:)``).
///
/// With the scores `uᵢ = zᵢ(θ) + t·zᵢ(d)` (`zᵢ(d)` the scores of `d` read as parameters) and
/// `δᵢ = zᵢ(d)`:
/// - binomial: `φ' = Σ wᵢ(σ(uᵢ) − [yᵢ = 1])·δᵢ`, `φ'' = Σ wᵢσ(uᵢ)(1 − σ(uᵢ))·δᵢ²`;
/// - multinomial: `φ' = Σ wᵢ(Pᵢ·δᵢ − δᵢ,yᵢ)`, `φ'' = Σ wᵢ(Pᵢ·δᵢ² − (Pᵢ·δᵢ)²)` (the variance
///   of `δᵢ` under the row's class probabilities `Pᵢ = softmax(uᵢ)`).
///
/// `φ'` is the directional derivative `∇L·d` and `φ''` the curvature `dᵀ∇²L·d` of the loss
/// statistics over the same rows. Plain sums: they merge by addition.
struct LogisticLineStatistics: SummablePartialStatistics {
    typealias Shape = Int
    /// `Σw` over the sampled rows.
    var weightSum = 0.0
    /// `φ(t)`, `φ'(t)`, `φ''(t)`.
    var value = 0.0
    var slope = 0.0
    var curvature = 0.0

    init(zeroFor shape: Int) {}

    /// What the sums need of a chunk's sampled rows, computed once per line: the scores of
    /// `θ` and of `d`, `m` each per row (row-major), the class codes and the weights.
    struct Rows: Sendable {
        var origin: [Double] = []
        var change: [Double] = []
        var codes: [Int] = []
        var weights: [Double] = []

        /// The rows `sample` selects in `chunk`, scored at `theta` and `direction`.
        ///
        /// - Throws: ``ModelError/missingLabel`` and
        ///   ``LogisticRegressionError/invalidClassCode(_:classCount:)`` as
        ///   ``LogisticLossStatistics``' pass does.
        init(
            chunk: DataChunk, shape: LogisticLossStatistics.Shape, classCount k: Int, theta: [Double],
            direction: [Double], sample: LogisticLossStatistics.HessianRows
        ) throws {
            let n = chunk.rowCount, p = chunk.featureCount, q = shape.width, m = shape.rows
            guard chunk.labels.count == n else { throw ModelError.missingLabel }
            let sampled = sample.rows(inChunkOf: n)
            let count = sampled.count
            // The sampled rows gathered into one block, scored by one `dgemm` per parameter vector.
            var block = [Double](repeating: 0, count: count * p)
            try chunk.features.elements.withUnsafeBufferPointer { x in
                try block.withUnsafeMutableBufferPointer { out in
                    for (s, i) in sampled.enumerated() {
                        codes.append(try LogisticLossStatistics.classCode(chunk.labels[i], classCount: k))
                        weights.append(chunk.weight(i))
                        for j in 0..<p { out[s * p + j] = x[i * p + j] }
                    }
                }
            }
            func scores(_ parameters: [Double]) -> [Double] {
                var z = [Double](repeating: 0, count: count * m)
                if shape.fitIntercept {
                    for s in 0..<count { for r in 0..<m { z[s * m + r] = parameters[r * q + p] } }
                }
                if p > 0 {
                    BLAS.multiply(
                        block, transposeA: false, parameters, transposeB: true, m: count, n: m, k: p, lda: p, ldb: q,
                        into: &z, ldc: m, beta: 1)
                }
                return z
            }
            origin = scores(theta)
            change = scores(direction)
        }
    }

    /// The sums over `rows` at step length `t`, for `m` rows of coefficients.
    init(rows: Rows, modelRows m: Int, step t: Double) {
        var u = [Double](repeating: 0, count: m)
        for (s, code) in rows.codes.enumerated() {
            let w = rows.weights[s]
            weightSum += w
            if m == 1 {
                let z = rows.origin[s] + t * rows.change[s], delta = rows.change[s]
                let (softplus, sigmoid) = LogisticFunctions.softplusAndSigmoid(z)
                let positive = code == 1
                value += w * (softplus - (positive ? z : 0))
                slope += w * (sigmoid - (positive ? 1 : 0)) * delta
                curvature += w * LogisticFunctions.sigmoidDerivative(z) * delta * delta
                continue
            }
            for r in 0..<m { u[r] = rows.origin[s * m + r] + t * rows.change[s * m + r] }
            let chosen = u[code]
            // `u` holds the class probabilities afterwards.
            let logNormalizer = u.withUnsafeMutableBufferPointer { scores in
                scores.baseAddress.map { LogisticFunctions.softmax($0, count: m) } ?? 0
            }
            var mean = 0.0, square = 0.0
            for r in 0..<m {
                let delta = rows.change[s * m + r]
                mean += u[r] * delta
                square += u[r] * delta * delta
            }
            value += w * (logNormalizer - chosen)
            slope += w * (mean - rows.change[s * m + code])
            curvature += w * max(square - mean * mean, 0)
        }
    }

    mutating func merge(_ other: LogisticLineStatistics) {
        weightSum += other.weightSum
        value += other.value
        slope += other.slope
        curvature += other.curvature
    }

    func serialized() -> [Double] { [weightSum, value, slope, curvature] }

    init(serialized values: [Double], shape: Int) throws {
        guard values.count == 4 else {
            throw SerializedStatisticsError(type: "LogisticLineStatistics", expected: 4, found: values.count)
        }
        let check = SerializedStatisticsValidator(type: "LogisticLineStatistics")
        weightSum = try check.nonNegative(values[0], "the weight sum")
        guard !(values[1] < 0) else { throw check.invalid("the loss must be ≥ 0; got \(values[1])") }
        value = values[1]
        slope = values[2]
        curvature = try check.nonNegative(values[3], "the curvature")
    }
}
