import Foundation
import MLData
import MLEngine
import MLNumerics
import Testing

@testable import MLModels

/// The block kernel of the logistic loss against a naive row-by-row evaluation of the same
/// sums, written from the formulas alone (no BLAS, no shared helper).
@Suite struct LogisticLossStatisticsTests {
    struct Setup: Sendable, CustomStringConvertible {
        var classes: Int
        var multinomial: Bool
        var fitIntercept: Bool
        var weighted: Bool
        var description: String {
            "\(classes) classes, \(multinomial ? "multinomial" : "binomial"), intercept \(fitIntercept), weighted \(weighted)"
        }
    }

    static let setups: [Setup] = [
        Setup(classes: 2, multinomial: false, fitIntercept: true, weighted: false),
        Setup(classes: 2, multinomial: false, fitIntercept: false, weighted: true),
        Setup(classes: 3, multinomial: true, fitIntercept: true, weighted: true),
        Setup(classes: 4, multinomial: true, fitIntercept: false, weighted: false),
        Setup(classes: 2, multinomial: true, fitIntercept: true, weighted: true),
    ]

    /// 57 rows × 4 features, random parameters large enough to reach the tails.
    static func chunk(_ s: Setup, seed: UInt64 = 3) -> (DataChunk, [Double], LogisticLossStatistics.Shape) {
        var random = SeededRandom(seed: seed)
        let n = 57, p = 4
        var x = Matrix(rows: n, columns: p)
        for i in 0..<n { for j in 0..<p { x[i, j] = 4 * random.uniform() - 2 } }
        let labels = (0..<n).map { _ in Double(Int(random.uniform() * Double(s.classes))) }
        let weights = s.weighted ? (0..<n).map { i in i % 7 == 0 ? 0 : 2 * random.uniform() } : []
        let shape = LogisticLossStatistics.Shape(
            featureCount: p, rows: s.multinomial ? s.classes : 1, fitIntercept: s.fitIntercept, hessian: true)
        let theta = (0..<shape.parameterCount).map { _ in 6 * random.uniform() - 3 }
        return (DataChunk(features: x, labels: labels, weights: weights), theta, shape)
    }

    /// Loss, gradient and full Hessian, one row at a time.
    static func naive(_ chunk: DataChunk, _ theta: [Double], _ shape: LogisticLossStatistics.Shape, classes k: Int)
        -> (loss: Double, gradient: [Double], hessian: [[Double]])
    {
        let q = shape.width, m = shape.rows, count = shape.parameterCount
        var loss = 0.0
        var gradient = [Double](repeating: 0, count: count)
        var hessian = [[Double]](repeating: [Double](repeating: 0, count: count), count: count)
        for i in 0..<chunk.rowCount {
            let w = chunk.weight(i)
            let x = (0..<chunk.featureCount).map { chunk.features[i, $0] } + (shape.fitIntercept ? [1] : [])
            let y = Int(chunk.labels[i])
            let z = (0..<m).map { r in (0..<q).reduce(0.0) { $0 + theta[r * q + $1] * x[$1] } }
            // Probabilities of the modelled rows, and the indicator of each row's class.
            let probabilities: [Double]
            let indicator: [Double]
            if m == 1 {
                probabilities = [1 / (1 + Foundation.exp(-z[0]))]
                indicator = [y == 1 ? 1 : 0]
                loss += w * (Foundation.log(1 + Foundation.exp(z[0])) - indicator[0] * z[0])
            } else {
                let total = z.reduce(0.0) { $0 + Foundation.exp($1) }
                probabilities = z.map { Foundation.exp($0) / total }
                indicator = (0..<k).map { $0 == y ? 1 : 0 }
                loss += w * (Foundation.log(total) - z[y])
            }
            for r in 0..<m {
                for a in 0..<q { gradient[r * q + a] += w * (probabilities[r] - indicator[r]) * x[a] }
                for l in 0..<m {
                    let c = m == 1
                        ? probabilities[0] * (1 - probabilities[0])
                        : probabilities[r] * ((r == l ? 1 : 0) - probabilities[l])
                    for a in 0..<q { for b in 0..<q { hessian[r * q + a][l * q + b] += w * c * x[a] * x[b] } }
                }
            }
        }
        return (loss, gradient, hessian)
    }

    @Test(arguments: setups)
    func blockKernelMatchesRowByRow(_ s: Setup) throws {
        let (chunk, theta, shape) = Self.chunk(s)
        let statistics = try LogisticLossStatistics(chunk: chunk, shape: shape, classCount: s.classes, parameters: theta)
        let reference = Self.naive(chunk, theta, shape, classes: s.classes)
        #expect(abs(statistics.loss - reference.loss) <= 1e-12 * reference.loss)
        let count = shape.parameterCount
        let gradientScale = reference.gradient.map(abs).max() ?? 1
        for i in 0..<count {
            #expect(abs(statistics.gradient[i] - reference.gradient[i]) <= 1e-12 * gradientScale, "gradient[\(i)]")
        }
        let hessianScale = reference.hessian.flatMap { $0 }.map(abs).max() ?? 1
        for i in 0..<count {
            for j in 0..<count {
                // Upper triangle stored; the strict lower triangle is zero.
                let expected = j >= i ? reference.hessian[i][j] : 0
                #expect(abs(statistics.hessian[i * count + j] - expected) <= 1e-12 * hessianScale, "H[\(i), \(j)]")
            }
        }
    }

    /// At `θ = 0`, where the multinomial Hessian is built from one Gram matrix (every row has
    /// `P = 1/K`), against the row-by-row blocks: every row (double), and every second row
    /// (single precision).
    @Test(arguments: setups.filter(\.multinomial), [1, 2])
    func hessianAtZeroMatchesRowByRow(_ s: Setup, stride: Int) throws {
        let (chunk, _, shape) = Self.chunk(s)
        let zero = [Double](repeating: 0, count: shape.parameterCount)
        let statistics = try LogisticLossStatistics(
            chunk: chunk, shape: shape, classCount: s.classes, parameters: zero,
            hessianRows: .init(stride: stride, firstRow: 0))
        let rows = Array(Swift.stride(from: 0, to: chunk.rowCount, by: stride))
        var x = Matrix(rows: rows.count, columns: chunk.featureCount)
        for (r, i) in rows.enumerated() { for j in 0..<chunk.featureCount { x[r, j] = chunk.features[i, j] } }
        let sample = DataChunk(
            features: x, labels: rows.map { chunk.labels[$0] }, weights: s.weighted ? rows.map { chunk.weights[$0] } : [])
        let reference = Self.naive(sample, zero, shape, classes: s.classes)
        let count = shape.parameterCount
        let scale = reference.hessian.flatMap { $0 }.map(abs).max() ?? 1
        let tolerance = stride == 1 ? 1e-12 : 1e-6
        for i in 0..<count {
            for j in 0..<count {
                let expected = j >= i ? reference.hessian[i][j] : 0
                #expect(abs(statistics.hessian[i * count + j] - expected) <= tolerance * scale, "H[\(i), \(j)]")
            }
        }
    }

    /// With a Hessian sample of every third global row, over two chunks, for each of the
    /// three phases (rows 0, 3, 6, …; 1, 4, 7, …; 2, 5, 8, …): the loss and gradient still sum
    /// every row, the Hessian and its weight only the sampled rows (the naive sums over a
    /// chunk of those rows alone).
    @Test(arguments: setups)
    func sampledHessianSumsTheSampledRowsOnly(_ s: Setup) throws {
        let (chunk, theta, shape) = Self.chunk(s)
        let data = try Dataset(schema: Schema(featureNames: ["a", "b", "c", "d"], labelName: "y"), chunks: [chunk])
        let halves = data.rechunked(into: 2)
        for phase in 0..<3 {
            var merged = LogisticLossStatistics(zeroFor: shape)
            for (part, first) in zip(halves.chunks, halves.firstRows) {
                merged.merge(
                    try LogisticLossStatistics(
                        chunk: part, shape: shape, classCount: s.classes, parameters: theta,
                        hessianRows: .init(stride: 3, firstRow: first, phase: phase)))
            }
            let everyRow = Self.naive(chunk, theta, shape, classes: s.classes)
            #expect(abs(merged.loss - everyRow.loss) <= 1e-12 * everyRow.loss)
            let gradientScale = everyRow.gradient.map(abs).max() ?? 1
            let sameGradient = zip(merged.gradient, everyRow.gradient).allSatisfy {
                abs($0 - $1) <= 1e-12 * gradientScale
            }
            #expect(sameGradient)
            let rows = Array(stride(from: phase, to: chunk.rowCount, by: 3))
            var x = Matrix(rows: rows.count, columns: chunk.featureCount)
            for (r, i) in rows.enumerated() { for j in 0..<chunk.featureCount { x[r, j] = chunk.features[i, j] } }
            let sample = DataChunk(
                features: x, labels: rows.map { chunk.labels[$0] },
                weights: s.weighted ? rows.map { chunk.weights[$0] } : [])
            let sampled = Self.naive(sample, theta, shape, classes: s.classes)
            let expectedWeight = rows.reduce(0.0) { $0 + chunk.weight($1) }
            #expect(abs(merged.hessianWeightSum - expectedWeight) <= 1e-14 * expectedWeight, "phase \(phase)")
            let count = shape.parameterCount
            let hessianScale = sampled.hessian.flatMap { $0 }.map(abs).max() ?? 1
            // A sample's Hessian is summed in single precision (`HessianScalar`): a few of its
            // units in the last place (2⁻²⁴ ≈ 6·10⁻⁸) of the largest entry.
            let tolerance = 1e-6
            for i in 0..<count {
                for j in i..<count {
                    #expect(
                        abs(merged.hessian[i * count + j] - sampled.hessian[i][j]) <= tolerance * hessianScale,
                        "phase \(phase): H[\(i), \(j)]")
                }
            }
        }
    }

    /// Split in two chunks and merged: the same sums (to round-off); serialized and rebuilt:
    /// the same bits.
    @Test(arguments: setups)
    func mergeAndSerializationRoundTrip(_ s: Setup) throws {
        let (chunk, theta, shape) = Self.chunk(s)
        let whole = try LogisticLossStatistics(chunk: chunk, shape: shape, classCount: s.classes, parameters: theta)
        let data = try Dataset(schema: Schema(featureNames: ["a", "b", "c", "d"], labelName: "y"), chunks: [chunk])
        let halves = data.rechunked(into: 2).chunks
        var merged = LogisticLossStatistics(zeroFor: shape)
        for part in halves {
            merged.merge(try LogisticLossStatistics(chunk: part, shape: shape, classCount: s.classes, parameters: theta))
        }
        #expect(abs(merged.loss - whole.loss) <= 1e-12 * whole.loss)
        #expect(abs(merged.weightSum - whole.weightSum) <= 1e-14 * whole.weightSum)
        let scale = whole.hessian.map(abs).max() ?? 1
        let close = zip(merged.hessian, whole.hessian).allSatisfy { abs($0 - $1) <= 1e-12 * scale }
        #expect(close)
        let rebuilt = try LogisticLossStatistics(serialized: whole.serialized(), shape: shape)
        #expect(rebuilt.serialized().map(\.bitPattern) == whole.serialized().map(\.bitPattern))
    }

    @Test func serializedFormIsChecked() throws {
        let (chunk, theta, shape) = Self.chunk(Self.setups[0])
        let good = try LogisticLossStatistics(chunk: chunk, shape: shape, classCount: 2, parameters: theta).serialized()
        #expect(throws: SerializedStatisticsError.self) {
            try LogisticLossStatistics(serialized: Array(good.dropLast()), shape: shape)
        }
        var negative = good
        negative[0] = -1
        #expect(throws: InvalidSerializedStatisticsError.self) {
            try LogisticLossStatistics(serialized: negative, shape: shape)
        }
    }

    /// Scores of ±800 neither overflow nor lose the loss of the wrong side.
    @Test func extremeScoresStayFinite() throws {
        let x = try Matrix([[1], [1], [-1], [-1]])
        let chunk = DataChunk(features: x, labels: [1, 0, 1, 0])
        let shape = LogisticLossStatistics.Shape(featureCount: 1, rows: 1, fitIntercept: false, hessian: true)
        let statistics = try LogisticLossStatistics(chunk: chunk, shape: shape, classCount: 2, parameters: [800])
        // Rows 2 and 3 (z = 800 with y = 0, z = −800 with y = 1) each lose 800.
        #expect(statistics.loss == 1600)
        let finiteGradient = statistics.gradient.allSatisfy { $0.isFinite }
        #expect(finiteGradient)
        #expect(statistics.misclassifiedWeight == 2)
        let multinomial = LogisticLossStatistics.Shape(featureCount: 1, rows: 2, fitIntercept: false, hessian: true)
        let softmax = try LogisticLossStatistics(chunk: chunk, shape: multinomial, classCount: 2, parameters: [-400, 400])
        #expect(softmax.loss == 1600)
        let finiteHessian = softmax.hessian.allSatisfy { $0.isFinite }
        #expect(finiteHessian)
    }
}
