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
    /// `θ` and of `d`, `m` each per row (class-major: `origin[r·count + s]` for class `r`, row
    /// `s`), the class codes and the weights.
    struct Rows: Sendable {
        var origin: [Double] = []
        var change: [Double] = []
        var codes: [Int] = []
        var weights: [Double] = []
        /// The number of sampled rows.
        var count: Int { codes.count }

        /// The rows `sample` selects in `chunk`, scored at `theta` and `direction`.
        ///
        /// - Throws: ``ModelError/missingLabel`` and
        ///   ``LogisticRegressionError/invalidClassCode(_:classCount:)`` as
        ///   ``LogisticLossStatistics``' pass does.
        init(
            chunk: DataChunk, shape: LogisticLossStatistics.Shape, classCount k: Int, theta: [Double],
            direction: [Double], sample: LogisticLossStatistics.HessianRows
        ) throws {
            let n = chunk.rowCount, p = chunk.featureCount
            guard chunk.labels.count == n else { throw ModelError.missingLabel }
            let sampled = sample.rows(inChunkOf: n)
            let count = sampled.count
            codes = try sampled.map { try LogisticLossStatistics.classCode(chunk.labels[$0], classCount: k) }
            weights = sampled.map { chunk.weight($0) }
            // The sampled rows gathered into one block, scored by one `dgemm` per parameter
            // vector (``ClassScores``).
            var block = [Double](repeating: 0, count: count * p)
            chunk.features.elements.withUnsafeBufferPointer { x in
                block.withUnsafeMutableBufferPointer { out in
                    for (s, i) in sampled.enumerated() {
                        for j in 0..<p { out[s * p + j] = x[i * p + j] }
                    }
                }
            }
            func scores(_ parameters: [Double]) -> [Double] {
                var z = [Double](repeating: 0, count: shape.rows * count)
                block.withUnsafeBufferPointer { rows in
                    z.withUnsafeMutableBufferPointer { z in
                        guard let z = z.baseAddress else { return }
                        ClassScores(parameters, shape: shape).score(rows.baseAddress, count: count, into: z)
                    }
                }
                return z
            }
            origin = scores(theta)
            change = scores(direction)
        }
    }

    /// The sums over `rows` at step length `t`, for `m` rows of coefficients: the scores
    /// `u = origin + t·change` and their `exp` and `log` over the whole block (``VectorMath``).
    init(rows: Rows, modelRows m: Int, step t: Double) {
        let n = rows.count
        guard n > 0 else { return }
        for w in rows.weights { weightSum += w }
        var u = (0..<(m * n)).map { rows.origin[$0] + t * rows.change[$0] }
        // Three values per row: binomial softplus, sigmoid and σ'; multinomial log Σₖe^{uₖ},
        // then Σ P·δ and Σ P·δ² (the softmax's scratch before).
        var scratch = [Double](repeating: 0, count: 3 * n)
        u.withUnsafeMutableBufferPointer { u in
            scratch.withUnsafeMutableBufferPointer { scratch in
                guard let scores = u.baseAddress, let a = scratch.baseAddress else { return }
                let b = a + n, c = b + n
                if m == 1 {
                    LogisticFunctions.softplusAndSigmoid(
                        UnsafeBufferPointer(u), softplus: .init(start: a, count: n), sigmoid: .init(start: b, count: n),
                        derivative: .init(start: c, count: n))
                    for s in 0..<n {
                        let w = rows.weights[s], delta = rows.change[s]
                        let positive = rows.codes[s] == 1
                        value += w * (a[s] - (positive ? scores[s] : 0))
                        slope += w * (b[s] - (positive ? 1 : 0)) * delta
                        curvature += w * c[s] * delta * delta
                    }
                    return
                }
                let chosen = (0..<n).map { scores[rows.codes[$0] * n + $0] }
                // `u` holds the class probabilities afterwards.
                LogisticFunctions.softmax(classMajor: scores, rows: n, classes: m, logNormalizers: a, tops: b, inverses: c)
                b.update(repeating: 0, count: 2 * n)
                for r in 0..<m {
                    for s in 0..<n {
                        let probability = scores[r * n + s], delta = rows.change[r * n + s]
                        b[s] += probability * delta
                        c[s] += probability * delta * delta
                    }
                }
                for s in 0..<n {
                    let w = rows.weights[s], mean = b[s]
                    value += w * (a[s] - chosen[s])
                    slope += w * (mean - rows.change[rows.codes[s] * n + s])
                    curvature += w * max(c[s] - mean * mean, 0)
                }
            }
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
