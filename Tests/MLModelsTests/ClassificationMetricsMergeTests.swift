import Foundation
import MLEngine
import Testing

@testable import MLModels

/// The merged statistics against a naive computation over all rows at once (the ROC area by
/// its pairwise definition, the average precision by scanning every row at every threshold),
/// on random data with many tied scores, cut into 1, 3, 5 and 8 chunks; and the score runs'
/// merge is associative.
@Suite struct ClassificationMetricsMergeTests {
    struct Rows {
        var shape: ClassificationShape
        var trueClasses: [Double] = []
        var predicted: [Int] = []
        var probabilities: [Double] = []
        var weights: [Double] = []

        var count: Int { trueClasses.count }
        func weight(_ i: Int) -> Double { weights.isEmpty ? 1 : weights[i] }

        /// Rows `range` as one chunk's statistics.
        func statistics(_ range: Range<Int>) throws -> ClassificationMetricsStatistics {
            let k = shape.classCount
            return try ClassificationMetricsStatistics(
                shape: shape, trueClasses: Array(trueClasses[range]), predicted: Array(predicted[range]),
                probabilities: Array(probabilities[(range.lowerBound * k)..<(range.upperBound * k)]),
                weights: weights.isEmpty ? [] : Array(weights[range]))
        }

        /// Cut into `chunks` nearly equal consecutive chunks, merged left to right.
        func merged(chunks: Int) throws -> ClassificationMetricsStatistics {
            var total = ClassificationMetricsStatistics(zeroFor: shape)
            for part in 0..<chunks { try total.merge(statistics((part * count / chunks)..<((part + 1) * count / chunks))) }
            return total
        }
    }

    /// `n` rows of `k` classes. Scores take 13 values only (twelfths), so most are tied across
    /// classes;
    /// weights mix 0, dyadic and arbitrary values (all 1 when `weighted` is false).
    static func randomRows(n: Int, k: Int, seed: UInt64, weighted: Bool) -> Rows {
        var random = SeededRandom(seed: seed)
        var rows = Rows(shape: ClassificationShape(classes: (0..<k).map { "class \($0)" }))
        for _ in 0..<n {
            let y = Int(random.uniform() * Double(k)) % k
            // Unnormalized: a share of 1 for each class, 2 more (in twelfths) for the true one.
            var twelfths = (0..<k).map { _ in Int(random.uniform() * 13) }
            twelfths[y] = min(12, twelfths[y] + Int(random.uniform() * 3))
            var p = twelfths.map { Double($0) / 12 }
            let sum = p.reduce(0, +)
            if k == 2 {
                p = [1 - p[1], p[1]]
            } else if sum > 0 {
                p = p.map { $0 / sum }
            } else {
                p = Array(repeating: 1 / Double(k), count: k)
            }
            rows.trueClasses.append(Double(y))
            rows.probabilities += p
            let argmax = p.indices.max { p[$0] < p[$1] } ?? 0
            rows.predicted.append(random.uniform() < 0.7 ? argmax : Int(random.uniform() * Double(k)) % k)
            if weighted {
                let u = random.uniform()
                rows.weights.append(u < 0.1 ? 0 : u < 0.5 ? Double(Int(u * 16)) / 4 : 3 * random.uniform())
            }
        }
        return rows
    }

    /// The ROC area as the probability that a positive row outscores a negative one, ties
    /// counting one half: `Σ_{i pos, j neg} wᵢ wⱼ ([sᵢ > sⱼ] + ½[sᵢ = sⱼ]) / (P N)` — equal to
    /// the trapezoidal area under the ROC curve.
    static func naiveAreaUnderROC(_ rows: Rows) -> Double {
        var sum = 0.0, p = 0.0, n = 0.0
        for i in 0..<rows.count where rows.trueClasses[i] == 1 { p += rows.weight(i) }
        for j in 0..<rows.count where rows.trueClasses[j] == 0 { n += rows.weight(j) }
        for i in 0..<rows.count where rows.trueClasses[i] == 1 {
            for j in 0..<rows.count where rows.trueClasses[j] == 0 {
                let si = rows.probabilities[2 * i + 1], sj = rows.probabilities[2 * j + 1]
                sum += rows.weight(i) * rows.weight(j) * (si > sj ? 1 : si == sj ? 0.5 : 0)
            }
        }
        return sum / (p * n)
    }

    /// `Σₙ (Rₙ − Rₙ₋₁) Pₙ` over the distinct scores from the highest, each threshold's true and
    /// false positives summed over every row (rows of weight 0 add no threshold).
    static func naiveAveragePrecision(_ rows: Rows) -> Double {
        let thresholds = Set((0..<rows.count).filter { rows.weight($0) > 0 }.map { rows.probabilities[2 * $0 + 1] })
            .sorted(by: >)
        var positives = 0.0
        for i in 0..<rows.count where rows.trueClasses[i] == 1 { positives += rows.weight(i) }
        var sum = 0.0, previousRecall = 0.0
        for t in thresholds {
            var tp = 0.0, fp = 0.0
            for i in 0..<rows.count where rows.probabilities[2 * i + 1] >= t {
                if rows.trueClasses[i] == 1 { tp += rows.weight(i) } else { fp += rows.weight(i) }
            }
            sum += (tp / positives - previousRecall) * tp / (tp + fp)
            previousRecall = tp / positives
        }
        return sum
    }

    /// Row by row: the confusion matrix, the accuracy and the clipped log loss.
    static func naive(_ rows: Rows) -> (confusion: [[Double]], accuracy: Double, logLoss: Double) {
        let k = rows.shape.classCount
        var confusion = Array(repeating: Array(repeating: 0.0, count: k), count: k)
        var total = 0.0, correct = 0.0, loss = 0.0
        for i in 0..<rows.count {
            let y = Int(rows.trueClasses[i]), w = rows.weight(i)
            confusion[y][rows.predicted[i]] += w
            total += w
            if rows.predicted[i] == y { correct += w }
            loss += w * -log(min(max(rows.probabilities[i * k + y], .ulpOfOne), 1 - .ulpOfOne))
        }
        return (confusion, correct / total, loss / total)
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(abs(b), 1e-300) }

    @Test(arguments: [false, true], [1, 3, 5, 8])
    func binaryMatchesNaive(weighted: Bool, chunks: Int) throws {
        let rows = Self.randomRows(n: 400, k: 2, seed: weighted ? 21 : 20, weighted: weighted)
        let statistics = try rows.merged(chunks: chunks)
        #expect(statistics.scoreRun.count <= 13)  // the ties were combined
        let m = statistics.metrics
        let auc = try #require(m.areaUnderROC), ap = try #require(m.areaUnderPR)
        let naiveAUC = Self.naiveAreaUnderROC(rows), naiveAP = Self.naiveAveragePrecision(rows)
        #expect(Self.close(auc, naiveAUC), "areaUnderROC \(auc) vs naive \(naiveAUC)")
        #expect(Self.close(ap, naiveAP), "areaUnderPR \(ap) vs naive \(naiveAP)")
        #expect(auc > 0.5 && auc < 1)  // informative scores, not a degenerate case
        let reference = Self.naive(rows)
        #expect(Self.close(m.accuracy, reference.accuracy))
        #expect(Self.close(m.logLoss, reference.logLoss))
        for (row, expected) in zip(m.confusionMatrix, reference.confusion) {
            #expect(zip(row, expected).allSatisfy { Self.close($0, $1) || $0 == $1 })
        }
    }

    @Test(arguments: [1, 3, 5, 8])
    func multiclassMatchesNaive(chunks: Int) throws {
        let rows = Self.randomRows(n: 300, k: 4, seed: 40, weighted: true)
        let m = try rows.merged(chunks: chunks).metrics
        let reference = Self.naive(rows)
        #expect(Self.close(m.accuracy, reference.accuracy))
        #expect(Self.close(m.weightedRecall, reference.accuracy))  // weighted recall is the accuracy
        #expect(Self.close(m.logLoss, reference.logLoss))
        for (row, expected) in zip(m.confusionMatrix, reference.confusion) {
            #expect(zip(row, expected).allSatisfy { Self.close($0, $1) || $0 == $1 })
        }
        #expect(m.areaUnderROC == nil && m.areaUnderPR == nil)
        let single = try rows.merged(chunks: 1)
        #expect(single.scoreRun.count == 0)
    }

    /// Runs of dyadic weights add exactly, so the two groupings must be equal bit for bit.
    @Test(arguments: [UInt64(1), 2, 3])
    func runMergeIsAssociative(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        func run(_ n: Int) -> BinaryScoreRun {
            let scores = (0..<n).map { _ in Double(Int(random.uniform() * 9)) / 8 }
            let positive = (0..<n).map { _ in random.uniform() < 0.4 }
            let weights = (0..<n).map { _ in Double(Int(random.uniform() * 12)) / 4 }
            return BinaryScoreRun(scores: scores, isPositive: positive, weights: weights)
        }
        let a = run(30), b = run(17), c = run(25)
        var left = a
        left.merge(b)
        left.merge(c)
        var bc = b
        bc.merge(c)
        var right = a
        right.merge(bc)
        #expect(left == right)
        #expect(left.scores == left.scores.sorted() && Set(left.scores).count == left.count)
        // The zero run is the identity on both sides.
        var zeroLeft = BinaryScoreRun()
        zeroLeft.merge(a)
        var zeroRight = a
        zeroRight.merge(BinaryScoreRun())
        #expect(zeroLeft == a && zeroRight == a)
    }

    /// With arbitrary weights the groupings agree to round-off in the added weights, and the
    /// statistics merged as a balanced tree agree with the left fold.
    @Test func statisticsMergeIsAssociativeToRoundOff() throws {
        let rows = Self.randomRows(n: 90, k: 2, seed: 9, weighted: true)
        let a = try rows.statistics(0..<30), b = try rows.statistics(30..<55), c = try rows.statistics(55..<90)
        var left = a
        try left.merge(b)
        try left.merge(c)
        var bc = b
        try bc.merge(c)
        var right = a
        try right.merge(bc)
        #expect(left.scoreRun.scores == right.scoreRun.scores)
        #expect(left.rows == right.rows && left.rowsWithoutProbabilities == right.rowsWithoutProbabilities)
        let pairs = zip(left.scoreRun.positiveWeights + left.scoreRun.negativeWeights + left.confusion,
                        right.scoreRun.positiveWeights + right.scoreRun.negativeWeights + right.confusion)
        #expect(pairs.allSatisfy { abs($0 - $1) <= 1e-15 * max(abs($1), 1) })
        let l = left.metrics, r = right.metrics
        for (x, y) in [(l.areaUnderROC ?? .nan, r.areaUnderROC ?? .nan), (l.areaUnderPR ?? .nan, r.areaUnderPR ?? .nan),
                       (l.logLoss, r.logLoss), (l.f1, r.f1)] {
            #expect(Self.close(x, y), "\(x) vs \(y)")
        }
        // The same chunking merged the same way twice is bit-identical.
        var again = a
        try again.merge(b)
        try again.merge(c)
        #expect(again == left)
    }
}
