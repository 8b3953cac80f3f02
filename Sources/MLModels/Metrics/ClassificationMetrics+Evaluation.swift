import Foundation

/// `mlfit evaluate`'s forms of the classification metrics: one line per metric, a per-class
/// table and the confusion matrix; and JSON keyed by Spark's metric names (`accuracy`,
/// `logLoss`, `weightedPrecision`, `weightedRecall`, `f1`, `areaUnderROC`, `areaUnderPR`)
/// with `rows`, `weightSum`, `labels`, `confusionMatrix` and `perClass`.
extension ClassificationMetrics: EvaluationMetrics, Decodable {
    public var textLines: [String] {
        var metrics: [(String, Double)] = [
            ("accuracy", accuracy), ("log loss", logLoss), ("weighted precision", weightedPrecision),
            ("weighted recall", weightedRecall), ("f1", f1),
        ]
        if let areaUnderROC { metrics.append(("area under ROC", areaUnderROC)) }
        if let areaUnderPR { metrics.append(("area under PR", areaUnderPR)) }
        var lines = metrics.map { name, value in name.padding(toLength: 20, withPad: " ", startingAt: 0) + value.description }

        lines.append("")
        lines += Self.table(
            [["class", "precision", "recall", "f1", "support"]]
                + zip(labels, perClass).map { label, scores in
                    [label, scores.precision.description, scores.recall.description, scores.f1.description,
                     Self.weight(scores.support)]
                })

        lines.append("")
        lines.append("confusion matrix (rows: true class, columns: predicted class)")
        lines += Self.table([[""] + labels] + zip(labels, confusionMatrix).map { [$0] + $1.map(Self.weight) })
        return lines
    }

    /// A weight sum: whole numbers (counts, when unweighted) without a decimal point.
    static func weight(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : value.description
    }

    /// Columns left-aligned, two spaces apart, no trailing blanks.
    static func table(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { j in rows.map { j < $0.count ? $0[j].count : 0 }.max() ?? 0 }
        return rows.map { row in
            var line = ""
            for (j, cell) in row.enumerated() {
                line += j + 1 < row.count ? cell.padding(toLength: widths[j] + 2, withPad: " ", startingAt: 0) : cell
            }
            return line
        }
    }

    enum CodingKeys: String, CodingKey {
        case rows, weightSum, accuracy, logLoss, weightedPrecision, weightedRecall, f1
        case areaUnderROC, areaUnderPR, labels, confusionMatrix, perClass
    }

    /// A class name as a key of `perClass`.
    struct LabelKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Non-finite metrics (no rows, no probabilities, one class only) are written as `null`;
    /// the binary-only areas are left out for more than two classes.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rows, forKey: .rows)
        try c.encodeNumber(weightSum, forKey: .weightSum)
        try c.encodeNumber(accuracy, forKey: .accuracy)
        try c.encodeNumber(logLoss, forKey: .logLoss)
        try c.encodeNumber(weightedPrecision, forKey: .weightedPrecision)
        try c.encodeNumber(weightedRecall, forKey: .weightedRecall)
        try c.encodeNumber(f1, forKey: .f1)
        try c.encodeNumber(areaUnderROC, forKey: .areaUnderROC)
        try c.encodeNumber(areaUnderPR, forKey: .areaUnderPR)
        try c.encode(labels, forKey: .labels)
        try c.encode(confusionMatrix.map { $0.map { $0.isFinite ? $0 : nil } }, forKey: .confusionMatrix)
        var perClassContainer = c.nestedContainer(keyedBy: LabelKey.self, forKey: .perClass)
        for (label, scores) in zip(labels, perClass) {
            try perClassContainer.encode(scores, forKey: LabelKey(stringValue: label))
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rows = try c.decode(Int.self, forKey: .rows)
        weightSum = try c.decodeNumber(forKey: .weightSum)
        accuracy = try c.decodeNumber(forKey: .accuracy)
        logLoss = try c.decodeNumber(forKey: .logLoss)
        weightedPrecision = try c.decodeNumber(forKey: .weightedPrecision)
        weightedRecall = try c.decodeNumber(forKey: .weightedRecall)
        f1 = try c.decodeNumber(forKey: .f1)
        areaUnderROC = try c.decodeOptionalNumber(forKey: .areaUnderROC)
        areaUnderPR = try c.decodeOptionalNumber(forKey: .areaUnderPR)
        labels = try c.decode([String].self, forKey: .labels)
        confusionMatrix = try c.decode([[Double?]].self, forKey: .confusionMatrix).map { $0.map { $0 ?? .nan } }
        let perClassContainer = try c.nestedContainer(keyedBy: LabelKey.self, forKey: .perClass)
        perClass = try labels.map { try perClassContainer.decode(ClassMetrics.self, forKey: LabelKey(stringValue: $0)) }
    }
}

extension ClassificationMetrics.ClassMetrics {
    enum CodingKeys: String, CodingKey {
        case precision, recall, f1, support
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeNumber(precision, forKey: .precision)
        try c.encodeNumber(recall, forKey: .recall)
        try c.encodeNumber(f1, forKey: .f1)
        try c.encodeNumber(support, forKey: .support)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        precision = try c.decodeNumber(forKey: .precision)
        recall = try c.decodeNumber(forKey: .recall)
        f1 = try c.decodeNumber(forKey: .f1)
        support = try c.decodeNumber(forKey: .support)
    }
}
