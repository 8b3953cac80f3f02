import Foundation
import Testing

@testable import MLModels

/// Agreement with scikit-learn 1.9.1: the data and values below are the output of
/// Tests/References/classification_metrics_references.py (committed as
/// classification_metrics_references.txt): accuracy_score, log_loss,
/// precision_recall_fscore_support (zero_division=0, average=None and "weighted"),
/// confusion_matrix, roc_auc_score and average_precision_score, each with sample_weight.
@Suite struct ClassificationMetricsReferenceTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var classCount: Int
        var trueClasses: [Double]
        var predicted: [Int]
        var probabilities: [Double]
        var weights: [Double]
        var accuracy: Double
        var logLoss: Double
        var precision: [Double]
        var recall: [Double]
        var f1: [Double]
        var support: [Double]
        var weightedPrecision: Double
        var weightedRecall: Double
        var weightedF1: Double
        var confusionMatrix: [[Double]]
        var areaUnderROC: Double? = nil
        var areaUnderPR: Double? = nil

        var testDescription: String { name }
        var shape: ClassificationShape { ClassificationShape(classes: (0..<classCount).map { "c\($0)" }) }
    }

    static let cases: [Case] = [
        // Binary, tied scores (0.3 and 0.8 hold both classes), weights, probabilities 0 and 1.
        Case(
            name: "binaryTiedWeighted", classCount: 2,
            trueClasses: [0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0],
            predicted: [0, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1],
            probabilities: [0.7, 0.3, 0.19999999999999996, 0.8, 0.7, 0.3, 0.44999999999999996, 0.55,
                            0.19999999999999996, 0.8, 0.9, 0.1, 0.44999999999999996, 0.55, 0.09999999999999998,
                            0.9, 0.7, 0.3, 0.19999999999999996, 0.8, 1.0, 0.0, 0.0, 1.0],
            weights: [1.0, 2.0, 0.5, 1.5, 3.0, 1.0, 2.5, 1.0, 0.25, 1.0, 2.0, 0.75],
            accuracy: 0.5757575757575758, logLoss: 4.941573110854363,
            precision: [0.47368421052631576, 0.6170212765957447], recall: [0.3333333333333333, 0.7435897435897436],
            f1: [0.391304347826087, 0.6744186046511628], support: [6.75, 9.75],
            weightedPrecision: 0.5583833859309784, weightedRecall: 0.5757575757575758,
            weightedF1: 0.5585991359499953, confusionMatrix: [[2.25, 4.5], [2.5, 7.25]],
            areaUnderROC: 0.5451092117758785, areaUnderPR: 0.6769351884886088),
        // Three classes, weights; predictions not always the argmax.
        Case(
            name: "threeClassWeighted", classCount: 3,
            trueClasses: [0.0, 1.0, 2.0, 1.0, 2.0, 0.0, 0.0, 1.0, 2.0, 2.0],
            predicted: [0, 1, 2, 0, 2, 0, 2, 1, 2, 1],
            probabilities: [0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.2, 0.3, 0.5, 0.4, 0.4, 0.2, 0.05, 0.15, 0.8,
                            0.6, 0.3, 0.1, 0.3, 0.3, 0.4, 0.2, 0.7, 0.1, 0.1, 0.1, 0.8, 0.5, 0.25, 0.25],
            weights: [1.0, 2.0, 3.0, 0.5, 1.0, 2.0, 1.5, 1.0, 0.5, 4.0],
            accuracy: 0.6363636363636364, logLoss: 0.7518016438542159,
            precision: [0.8571428571428571, 0.42857142857142855, 0.75],
            recall: [0.6666666666666666, 0.8571428571428571, 0.5294117647058824],
            f1: [0.75, 0.5714285714285714, 0.6206896551724138], support: [4.5, 3.5, 8.5],
            weightedPrecision: 0.711038961038961, weightedRecall: 0.6363636363636364,
            weightedF1: 0.6455067920585162,
            confusionMatrix: [[3.0, 0.0, 1.5], [0.5, 3.0, 0.0], [0.0, 4.0, 4.5]]),
        // Four classes, unweighted: class 2 never predicted (precision 0/0), class 3 absent.
        Case(
            name: "classNeverPredicted", classCount: 4,
            trueClasses: [0.0, 1.0, 2.0, 0.0, 1.0, 2.0, 2.0],
            predicted: [0, 1, 0, 0, 1, 0, 1],
            probabilities: [0.6, 0.2, 0.1, 0.1, 0.3, 0.5, 0.1, 0.1, 0.2, 0.2, 0.5, 0.1, 0.5, 0.4, 0.05, 0.05,
                            0.1, 0.7, 0.1, 0.1, 0.4, 0.3, 0.2, 0.1, 0.25, 0.25, 0.25, 0.25],
            weights: [],
            accuracy: 0.5714285714285714, logLoss: 0.8489534832769358,
            precision: [0.5, 0.6666666666666666, 0.0, 0.0], recall: [1.0, 1.0, 0.0, 0.0],
            f1: [0.6666666666666666, 0.8, 0.0, 0.0], support: [2.0, 2.0, 3.0, 0.0],
            weightedPrecision: 0.3333333333333333, weightedRecall: 0.5714285714285714,
            weightedF1: 0.41904761904761906,
            confusionMatrix: [[2.0, 0.0, 0.0, 0.0], [0.0, 2.0, 0.0, 0.0], [2.0, 1.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]]),
    ]

    /// The statistics of the case's rows cut into `chunks` nearly equal consecutive chunks,
    /// merged left to right onto the zero.
    static func merged(_ c: Case, chunks: Int) throws -> ClassificationMetricsStatistics {
        let n = c.trueClasses.count, k = c.classCount
        var total = ClassificationMetricsStatistics(zeroFor: c.shape)
        for part in 0..<chunks {
            let rows = (part * n / chunks)..<((part + 1) * n / chunks)
            try total.merge(ClassificationMetricsStatistics(
                shape: c.shape, trueClasses: Array(c.trueClasses[rows]), predicted: Array(c.predicted[rows]),
                probabilities: Array(c.probabilities[(rows.lowerBound * k)..<(rows.upperBound * k)]),
                weights: c.weights.isEmpty ? [] : Array(c.weights[rows])))
        }
        return total
    }

    /// `|a − b| ≤ 1e-12 |b|` (so an expected 0 must come out exactly 0).
    static func agrees(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * abs(b) }

    @Test(arguments: cases, [1, 3, 5, 8])
    func matchesScikitLearn(reference c: Case, chunks: Int) throws {
        let m = try Self.merged(c, chunks: chunks).metrics
        #expect(m.rows == c.trueClasses.count)
        #expect(Self.agrees(m.accuracy, c.accuracy), "accuracy \(m.accuracy) vs \(c.accuracy)")
        #expect(Self.agrees(m.logLoss, c.logLoss), "logLoss \(m.logLoss) vs \(c.logLoss)")
        #expect(Self.agrees(m.weightedPrecision, c.weightedPrecision), "\(m.weightedPrecision) vs \(c.weightedPrecision)")
        #expect(Self.agrees(m.weightedRecall, c.weightedRecall), "\(m.weightedRecall) vs \(c.weightedRecall)")
        #expect(Self.agrees(m.f1, c.weightedF1), "f1 \(m.f1) vs \(c.weightedF1)")
        #expect(m.perClass.count == c.classCount)
        for (j, scores) in m.perClass.enumerated() {
            #expect(Self.agrees(scores.precision, c.precision[j]), "precision[\(j)] \(scores.precision)")
            #expect(Self.agrees(scores.recall, c.recall[j]), "recall[\(j)] \(scores.recall)")
            #expect(Self.agrees(scores.f1, c.f1[j]), "f1[\(j)] \(scores.f1)")
            #expect(Self.agrees(scores.support, c.support[j]), "support[\(j)] \(scores.support)")
        }
        #expect(m.confusionMatrix.count == c.classCount)
        for (row, expected) in zip(m.confusionMatrix, c.confusionMatrix) {
            #expect(zip(row, expected).allSatisfy { Self.agrees($0, $1) }, "confusion \(row) vs \(expected)")
        }
        #expect(m.labels == c.shape.classes)
        if let expected = c.areaUnderROC {
            let auc = try #require(m.areaUnderROC)
            #expect(Self.agrees(auc, expected), "areaUnderROC \(auc) vs \(expected)")
        } else {
            #expect(m.areaUnderROC == nil)
        }
        if let expected = c.areaUnderPR {
            let ap = try #require(m.areaUnderPR)
            #expect(Self.agrees(ap, expected), "areaUnderPR \(ap) vs \(expected)")
        } else {
            #expect(m.areaUnderPR == nil)
        }
    }

    /// The log loss clips at the float64 machine epsilon as scikit-learn does: a true-class
    /// probability of 0 costs −log(ε) = 36.04365338911715, one of 1 costs −log(1 − ε).
    @Test func logLossClipsAtMachineEpsilon() throws {
        let shape = ClassificationShape(classes: ["a", "b"])
        let zero = try ClassificationMetricsStatistics(
            shape: shape, trueClasses: [1], predicted: [0], probabilities: [1, 0], weights: []).metrics
        #expect(zero.logLoss == -log(2.220446049250313e-16))
        let one = try ClassificationMetricsStatistics(
            shape: shape, trueClasses: [0], predicted: [0], probabilities: [1, 0], weights: []).metrics
        #expect(one.logLoss == -log(1 - 2.220446049250313e-16))
        #expect(one.logLoss > 0)
    }
}
