import Foundation
import MLEngine

/// The mergeable statistics behind ``ClassificationMetrics``: the weighted confusion matrix,
/// the weighted sum of the log losses and, for two classes, the ``BinaryScoreRun`` of the
/// probabilities of class 1.
///
/// Everything but the score run is a plain sum, merged by addition; the run merges as two
/// sorted lists. So the statistics of a source are the same however its rows are cut into
/// chunks (up to round-off), and bit-identical for a fixed chunking.
///
/// ```swift
/// let shape = ClassificationShape(classes: ["no", "yes"])
/// var total = ClassificationMetricsStatistics(zeroFor: shape)
/// try total.merge(ClassificationMetricsStatistics(
///     shape: shape, trueClasses: [0, 1, 1], predicted: [0, 1, 0],
///     probabilities: [0.8, 0.2, 0.3, 0.7, 0.6, 0.4], weights: []))
/// total.metrics.accuracy  // 2/3
/// ```
public struct ClassificationMetricsStatistics: EvaluationStatistics, Hashable {
    public typealias Shape = ClassificationShape

    public private(set) var shape: ClassificationShape
    /// Rows seen, weight 0 included.
    public private(set) var rows = 0
    /// `Σ wᵢ`.
    public private(set) var weightSum = 0.0
    /// `K × K`, row-major: entry `t·K + p` is the weight of the rows of true class `t`
    /// predicted as `p`.
    public private(set) var confusion: [Double]
    /// `Σ wᵢ · −log(clip(pᵢ,yᵢ, ε, 1 − ε))` over the rows that came with probabilities.
    public private(set) var logLossSum = 0.0
    /// Rows whose model gave no probabilities; when not 0, the log loss and the areas are NaN.
    public private(set) var rowsWithoutProbabilities = 0
    /// The scores (probability of class 1) of a binary classifier; empty for `K ≠ 2`.
    public private(set) var scoreRun = BinaryScoreRun()

    /// The statistics of no rows: the identity of ``merge(_:)``.
    public init(zeroFor shape: ClassificationShape) {
        self.shape = shape
        confusion = Array(repeating: 0, count: shape.classCount * shape.classCount)
    }

    /// The statistics of one chunk of rows.
    ///
    /// - Parameters:
    ///   - shape: the classes.
    ///   - trueClasses: the true class code `yᵢ ∈ 0..<K` of each row, as a `Double` (how a
    ///     chunk holds a categorical label).
    ///   - predicted: the predicted class code of each row.
    ///   - probabilities: row-major `rows × K` class probabilities, or `nil` for a model
    ///     without them (the log loss and the areas are then NaN). They are not renormalized.
    ///   - weights: one weight `wᵢ ≥ 0` per row, or empty for all 1. Rows of weight 0 count
    ///     in ``rows`` only.
    /// - Throws: ``ClassificationMetricsError`` for a true class code that is not a whole
    ///   number in `0..<K`, a predicted code outside `0..<K`, arrays of the wrong length,
    ///   a probability that is not a finite number in `[0, 1]` (scikit-learn's `log_loss`
    ///   refuses those too), a negative or non-finite weight.
    /// - Complexity: O(n·K) plus, for `K = 2` with probabilities, O(n log n) to sort the scores.
    public init(
        shape: ClassificationShape, trueClasses: [Double], predicted: [Int],
        probabilities: [Double]?, weights: [Double]
    ) throws {
        self.init(zeroFor: shape)
        let k = shape.classCount, n = trueClasses.count
        try Self.check(shape: shape, trueClasses: trueClasses, predicted: predicted,
                       probabilities: probabilities, weights: weights)
        rows = n
        let epsilon = Double.ulpOfOne  // float64 machine epsilon, 2.220446049250313e-16
        for i in 0..<n {
            let w = weights.isEmpty ? 1 : weights[i]
            guard w > 0 else { continue }
            let y = Int(trueClasses[i])
            weightSum += w
            confusion[y * k + predicted[i]] += w
            if let probabilities {
                let p = min(max(probabilities[i * k + y], epsilon), 1 - epsilon)
                logLossSum += w * -log(p)
            }
        }
        guard let probabilities else {
            rowsWithoutProbabilities = n
            return
        }
        if shape.isBinary {
            scoreRun = BinaryScoreRun(
                scores: (0..<n).map { probabilities[2 * $0 + 1] }, isPositive: trueClasses.map { $0 == 1 },
                weights: weights)
        }
    }

    private static func check(
        shape: ClassificationShape, trueClasses: [Double], predicted: [Int],
        probabilities: [Double]?, weights: [Double]
    ) throws {
        let k = shape.classCount, n = trueClasses.count
        guard predicted.count == n else {
            throw ClassificationMetricsError.lengthMismatch(
                what: "predicted class codes", expected: n, found: predicted.count)
        }
        guard weights.isEmpty || weights.count == n else {
            throw ClassificationMetricsError.lengthMismatch(what: "weights", expected: n, found: weights.count)
        }
        for i in 0..<n {
            let y = trueClasses[i]
            guard y >= 0, y < Double(k), y.rounded(.towardZero) == y else {
                throw ClassificationMetricsError.trueClassOutOfRange(row: i, value: y, classCount: k)
            }
            guard predicted[i] >= 0, predicted[i] < k else {
                throw ClassificationMetricsError.predictedClassOutOfRange(row: i, value: predicted[i], classCount: k)
            }
        }
        for (i, w) in weights.enumerated() where !(w.isFinite && w >= 0) {
            throw ClassificationMetricsError.invalidWeight(row: i, value: w)
        }
        guard let probabilities else { return }
        let (expected, overflow) = n.multipliedReportingOverflow(by: k)
        guard !overflow, probabilities.count == expected else {
            throw ClassificationMetricsError.lengthMismatch(
                what: "class probabilities (rows × classes)", expected: overflow ? Int.max : expected,
                found: probabilities.count)
        }
        for (j, p) in probabilities.enumerated() where !(p >= 0 && p <= 1) {  // NaN fails too
            throw ClassificationMetricsError.invalidProbability(row: j / k, classCode: j % k, value: p)
        }
    }

    /// Folds in the statistics of rows that come after this value's rows: sums added, the
    /// score runs merged.
    ///
    /// - Throws: ``ClassificationMetricsError/classesMismatch(expected:found:)`` when the
    ///   classes differ.
    /// - Complexity: O(K² + a + b) for score runs of a and b distinct scores.
    public mutating func merge(_ other: ClassificationMetricsStatistics) throws {
        guard other.shape == shape else {
            throw ClassificationMetricsError.classesMismatch(expected: shape.classes, found: other.shape.classes)
        }
        rows += other.rows
        weightSum += other.weightSum
        for j in confusion.indices { confusion[j] += other.confusion[j] }
        logLossSum += other.logLossSum
        rowsWithoutProbabilities += other.rowsWithoutProbabilities
        scoreRun.merge(other.scoreRun)
    }

    /// The finalize step. With the confusion matrix `C` (rows true, columns predicted),
    /// `TP_c = C[c, c]`, `support_c = Σⱼ C[c, j]`, `predicted_c = Σᵢ C[i, c]`:
    ///
    /// - accuracy `Σ_c TP_c / Σ w`; log loss `logLossSum / Σ w`;
    /// - precision `TP_c / predicted_c`, recall `TP_c / support_c`,
    ///   F1 `2 TP_c / (support_c + predicted_c)`, each 0 when its denominator is 0
    ///   (scikit-learn's `zero_division=0`);
    /// - their means weighted by `support_c` (scikit-learn's `average="weighted"`, Spark's
    ///   `weightedPrecision`, `weightedRecall`, `f1`);
    /// - for `K = 2`, the ``BinaryScoreRun`` areas.
    ///
    /// No rows of positive weight give NaN for every mean.
    public var metrics: ClassificationMetrics {
        let k = shape.classCount
        var perClass: [ClassificationMetrics.ClassMetrics] = []
        var correct = 0.0, supportSum = 0.0
        var precisionSum = 0.0, recallSum = 0.0, f1Sum = 0.0
        for c in 0..<k {
            var support = 0.0, predicted = 0.0
            for j in 0..<k {
                support += confusion[c * k + j]
                predicted += confusion[j * k + c]
            }
            let tp = confusion[c * k + c]
            let scores = ClassificationMetrics.ClassMetrics(
                precision: predicted > 0 ? tp / predicted : 0,
                recall: support > 0 ? tp / support : 0,
                f1: support + predicted > 0 ? 2 * tp / (support + predicted) : 0,
                support: support)
            perClass.append(scores)
            correct += tp
            supportSum += support
            precisionSum += support * scores.precision
            recallSum += support * scores.recall
            f1Sum += support * scores.f1
        }
        let hasProbabilities = rowsWithoutProbabilities == 0
        return ClassificationMetrics(
            rows: rows, weightSum: weightSum, accuracy: correct / weightSum,
            logLoss: hasProbabilities ? logLossSum / weightSum : .nan,
            weightedPrecision: precisionSum / supportSum, weightedRecall: recallSum / supportSum,
            f1: f1Sum / supportSum,
            areaUnderROC: shape.isBinary ? (hasProbabilities ? scoreRun.areaUnderROC : .nan) : nil,
            areaUnderPR: shape.isBinary ? (hasProbabilities ? scoreRun.averagePrecision : .nan) : nil,
            labels: shape.classes,
            confusionMatrix: (0..<k).map { Array(confusion[$0 * k..<($0 + 1) * k]) },
            perClass: perClass)
    }
}

extension ClassificationMetricsStatistics {
    /// `rows`, `W`, the log-loss sum, the rows without probabilities, the `K × K` confusion
    /// matrix and the score run (its three arrays): the statistics as they cross ranks under
    /// MPI. The classes are the shape's, which every rank knows.
    public func transferBytes() -> [UInt8] {
        var writer = ByteWriter()
        writer.write(rows)
        writer.write(weightSum)
        writer.write(logLossSum)
        writer.write(rowsWithoutProbabilities)
        writer.write(confusion)
        writer.write(scoreRun.scores)
        writer.write(scoreRun.positiveWeights)
        writer.write(scoreRun.negativeWeights)
        return writer.bytes
    }

    /// Rebuilds the statistics of ``transferBytes()``, checked like user input: counts whole
    /// and non-negative, sums finite and ≥ 0, the confusion matrix `K × K`, the run's scores
    /// strictly increasing with one pair of weights each.
    public init(transferBytes bytes: [UInt8], shape: ClassificationShape) throws {
        let check = SerializedStatisticsValidator(type: "ClassificationMetricsStatistics")
        var reader = ByteReader(bytes)
        self.init(zeroFor: shape)
        rows = try reader.readInt()
        weightSum = try check.nonNegative(reader.readDouble(), "the weight sum")
        logLossSum = try check.nonNegative(reader.readDouble(), "the log-loss sum")
        rowsWithoutProbabilities = try reader.readInt()
        guard rows >= 0, rowsWithoutProbabilities >= 0 else { throw check.invalid("a row count is negative") }
        let matrix = try reader.readDoubles()
        guard matrix.count == confusion.count else {
            throw SerializedStatisticsError(
                type: "ClassificationMetricsStatistics", expected: confusion.count, found: matrix.count)
        }
        for value in matrix { _ = try check.nonNegative(value, "a confusion-matrix entry") }
        confusion = matrix
        let scores = try reader.readDoubles(), positive = try reader.readDoubles(), negative = try reader.readDoubles()
        guard scores.count == positive.count, scores.count == negative.count,
            zip(scores, scores.dropFirst()).allSatisfy({ $0 < $1 })
        else { throw check.invalid("the score run is not sorted or its weights do not match its scores") }
        scoreRun = BinaryScoreRun(sortedScores: scores, positiveWeights: positive, negativeWeights: negative)
    }
}
