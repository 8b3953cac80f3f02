import Foundation
import Testing

@testable import MLModels

/// Bad input throws (never traps), hand-computed edge cases, and the two forms `mlfit
/// evaluate` prints: JSON keys (Spark's names, null for non-finite, the binary-only areas
/// absent for more than two classes) and the text lines.
@Suite struct ClassificationMetricsOutputTests {
    static let binary = ClassificationShape(classes: ["no", "yes"])
    static let three = ClassificationShape(classes: ["a", "b", "c"])

    static func statistics(
        _ shape: ClassificationShape, _ trueClasses: [Double], _ predicted: [Int], _ probabilities: [Double]?,
        _ weights: [Double] = []
    ) throws -> ClassificationMetricsStatistics {
        try ClassificationMetricsStatistics(
            shape: shape, trueClasses: trueClasses, predicted: predicted, probabilities: probabilities, weights: weights)
    }

    struct BadInput: Sendable, CustomTestStringConvertible {
        var name: String
        var trueClasses: [Double]
        var predicted: [Int]
        var probabilities: [Double]?
        var weights: [Double] = []
        var expected: ClassificationMetricsError
        var testDescription: String { name }
    }

    static let badInputs: [BadInput] = [
        BadInput(name: "true class 2 of 2", trueClasses: [0, 2], predicted: [0, 1], probabilities: nil,
                 expected: .trueClassOutOfRange(row: 1, value: 2, classCount: 2)),
        BadInput(name: "true class -1", trueClasses: [-1], predicted: [0], probabilities: nil,
                 expected: .trueClassOutOfRange(row: 0, value: -1, classCount: 2)),
        BadInput(name: "true class 0.5", trueClasses: [1, 0.5], predicted: [0, 1], probabilities: nil,
                 expected: .trueClassOutOfRange(row: 1, value: 0.5, classCount: 2)),
        BadInput(name: "true class infinite", trueClasses: [.infinity], predicted: [0], probabilities: nil,
                 expected: .trueClassOutOfRange(row: 0, value: .infinity, classCount: 2)),
        BadInput(name: "predicted 2 of 2", trueClasses: [0, 1], predicted: [0, 2], probabilities: nil,
                 expected: .predictedClassOutOfRange(row: 1, value: 2, classCount: 2)),
        BadInput(name: "predicted -1", trueClasses: [0], predicted: [-1], probabilities: nil,
                 expected: .predictedClassOutOfRange(row: 0, value: -1, classCount: 2)),
        BadInput(name: "probabilities too short", trueClasses: [0, 1], predicted: [0, 1], probabilities: [0.5, 0.5, 0.5],
                 expected: .lengthMismatch(what: "class probabilities (rows × classes)", expected: 4, found: 3)),
        BadInput(name: "probabilities too long", trueClasses: [0], predicted: [0], probabilities: [0.5, 0.5, 0],
                 expected: .lengthMismatch(what: "class probabilities (rows × classes)", expected: 2, found: 3)),
        BadInput(name: "probability NaN", trueClasses: [0, 1], predicted: [0, 1], probabilities: [0.5, 0.5, .nan, 1],
                 expected: .invalidProbability(row: 1, classCode: 0, value: .nan)),
        BadInput(name: "probability infinite", trueClasses: [0], predicted: [0], probabilities: [0.5, .infinity],
                 expected: .invalidProbability(row: 0, classCode: 1, value: .infinity)),
        BadInput(name: "probability above 1", trueClasses: [0], predicted: [0], probabilities: [1.5, -0.5],
                 expected: .invalidProbability(row: 0, classCode: 0, value: 1.5)),
        BadInput(name: "predictions too short", trueClasses: [0, 1], predicted: [0], probabilities: nil,
                 expected: .lengthMismatch(what: "predicted class codes", expected: 2, found: 1)),
        BadInput(name: "weights too short", trueClasses: [0, 1], predicted: [0, 1], probabilities: nil, weights: [1],
                 expected: .lengthMismatch(what: "weights", expected: 2, found: 1)),
        BadInput(name: "negative weight", trueClasses: [0, 1], predicted: [0, 1], probabilities: nil, weights: [1, -1],
                 expected: .invalidWeight(row: 1, value: -1)),
    ]

    @Test(arguments: badInputs)
    func badInputThrows(input: BadInput) throws {
        let error = try #require(throws: ClassificationMetricsError.self) {
            try Self.statistics(Self.binary, input.trueClasses, input.predicted, input.probabilities, input.weights)
        }
        // NaN never equals itself: compare the messages, which carry every field.
        #expect(error.description == input.expected.description)
        #expect(!error.description.isEmpty)
    }

    @Test func mergingOtherClassesThrows() throws {
        var a = ClassificationMetricsStatistics(zeroFor: Self.binary)
        #expect(throws: ClassificationMetricsError.classesMismatch(expected: ["no", "yes"], found: ["a", "b", "c"])) {
            try a.merge(ClassificationMetricsStatistics(zeroFor: Self.three))
        }
    }

    /// A positive and a negative row at the same score: the ROC curve is the diagonal (area
    /// ½); the one threshold has recall 1 at precision ½.
    @Test func tiedPairCountsOneHalf() throws {
        let m = try Self.statistics(Self.binary, [0, 1], [1, 1], [0.4, 0.6, 0.4, 0.6]).metrics
        #expect(m.areaUnderROC == 0.5)
        #expect(m.areaUnderPR == 0.5)
        let separated = try Self.statistics(Self.binary, [0, 1, 1], [0, 1, 1], [0.9, 0.1, 0.2, 0.8, 0.3, 0.7]).metrics
        #expect(separated.areaUnderROC == 1 && separated.areaUnderPR == 1)
    }

    @Test func oneClassOnlyOrNoProbabilitiesGiveNaN() throws {
        let negatives = try Self.statistics(Self.binary, [0, 0], [0, 1], [0.8, 0.2, 0.3, 0.7]).metrics
        #expect(negatives.areaUnderROC?.isNaN == true && negatives.areaUnderPR?.isNaN == true)
        #expect(negatives.accuracy == 0.5)
        var mixed = try Self.statistics(Self.binary, [0, 1], [0, 1], [0.8, 0.2, 0.3, 0.7])
        try mixed.merge(Self.statistics(Self.binary, [1], [1], nil))
        let m = mixed.metrics
        #expect(m.logLoss.isNaN && m.areaUnderROC?.isNaN == true && m.areaUnderPR?.isNaN == true)
        #expect(m.accuracy == 1 && m.rows == 3)
        let empty = ClassificationMetricsStatistics(zeroFor: Self.three).metrics
        #expect(empty.accuracy.isNaN && empty.f1.isNaN && empty.rows == 0)
        #expect(empty.perClass.allSatisfy { $0 == .init(precision: 0, recall: 0, f1: 0, support: 0) })
    }

    /// Rows of weight 0 count as rows and change nothing else.
    @Test func zeroWeightRowsChangeNothing() throws {
        let with = try Self.statistics(Self.binary, [0, 1, 1], [0, 0, 1], [0.6, 0.4, 0.35, 0.65, 0.1, 0.9], [1, 0, 2])
        let without = try Self.statistics(Self.binary, [0, 1], [0, 1], [0.6, 0.4, 0.1, 0.9], [1, 2])
        #expect(with.rows == 3 && without.rows == 2)
        #expect(with.scoreRun == without.scoreRun && with.confusion == without.confusion)
        #expect(with.logLossSum == without.logLossSum && with.weightSum == without.weightSum)
    }

    static func json(_ metrics: ClassificationMetrics) throws -> [String: Any] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(metrics)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func binaryJSONShape() throws {
        let m = try Self.statistics(Self.binary, [0, 1, 1], [0, 1, 0], [0.8, 0.2, 0.3, 0.7, 0.6, 0.4], [1, 2, 0.5]).metrics
        let object = try Self.json(m)
        #expect(Set(object.keys) == [
            "rows", "weightSum", "accuracy", "logLoss", "weightedPrecision", "weightedRecall", "f1",
            "areaUnderROC", "areaUnderPR", "labels", "confusionMatrix", "perClass",
        ])
        #expect(object["rows"] as? Int == 3)
        #expect(object["accuracy"] as? Double == 3 / 3.5)
        #expect(object["labels"] as? [String] == ["no", "yes"])
        #expect(object["confusionMatrix"] as? [[Double]] == [[1, 0], [0.5, 2]])
        let perClass = try #require(object["perClass"] as? [String: [String: Double]])
        #expect(Set(perClass.keys) == ["no", "yes"])
        let yes = try #require(perClass["yes"])
        #expect(Set(yes.keys) == ["precision", "recall", "f1", "support"])
        for (key, value) in ["precision": 1, "recall": 0.8, "f1": 4 / 4.5, "support": 2.5] {
            #expect(abs((yes[key] ?? .nan) - value) < 1e-15, "\(key)")
        }
        // Round trip.
        let decoded = try JSONDecoder().decode(ClassificationMetrics.self, from: JSONEncoder().encode(m))
        #expect(decoded == m)
    }

    @Test func nonFiniteIsNullAndBinaryKeysAbsentForThreeClasses() throws {
        let m = try Self.statistics(Self.three, [0, 2], [0, 1], nil).metrics
        let object = try Self.json(m)
        #expect(object["areaUnderROC"] == nil && object["areaUnderPR"] == nil)
        #expect(object["logLoss"] is NSNull)
        #expect(object["accuracy"] as? Double == 0.5)
        let empty = try Self.json(ClassificationMetricsStatistics(zeroFor: Self.binary).metrics)
        for key in ["accuracy", "logLoss", "weightedPrecision", "weightedRecall", "f1", "areaUnderROC", "areaUnderPR"] {
            #expect(empty[key] is NSNull, "\(key) should be null")
        }
        #expect(empty["weightSum"] as? Double == 0)
    }

    @Test func textLines() throws {
        let m = try Self.statistics(Self.binary, [0, 1, 1], [0, 1, 0], [0.8, 0.2, 0.3, 0.7, 0.6, 0.4], [1, 2, 0.5]).metrics
        #expect(m.textLines == [
            "accuracy            0.8571428571428571",
            "log loss            0.39846823003678633",
            "weighted precision  0.9047619047619048",
            "weighted recall     0.8571428571428571",
            "f1                  0.8634920634920634",
            "area under ROC      1.0",
            "area under PR       1.0",
            "",
            "class  precision           recall  f1                  support",
            "no     0.6666666666666666  1.0     0.8                 1",
            "yes    1.0                 0.8     0.8888888888888888  2.5",
            "",
            "confusion matrix (rows: true class, columns: predicted class)",
            "     no   yes",
            "no   1    0",
            "yes  0.5  2",
        ])
        let multi = try Self.statistics(Self.three, [0, 2], [0, 1], nil).metrics.textLines
        #expect(!multi.contains { $0.hasPrefix("area under") })
        #expect(multi.contains("log loss            nan"))
    }
}
