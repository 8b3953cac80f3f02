import ArgumentParser
import MLFit

/// The kinds of generated data, one per kind of benchmark case. A new kind (classification
/// labels, blobs around cluster centres) adds a case here and its `SyntheticData` type in a
/// file of its own.
enum GeneratorTask: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// y = 1.5 + Xβ + 0.5·ε (``RegressionData``).
    case regression
    /// Two classes, y ~ Bernoulli(σ(xᵀβ + β₀)) (``ClassificationData``).
    case binaryClassification = "binary-classification"
    /// Five classes, y ~ softmax(Bx + b) (``ClassificationData``).
    case multiclassClassification = "multiclass-classification"
    /// The same two tasks on correlated features of unequal scales and non-zero means
    /// (``ClassificationData`` with `correlated`).
    case binaryClassificationCorrelated = "binary-classification-correlated"
    case multiclassClassificationCorrelated = "multiclass-classification-correlated"
    /// Points around 100 centers, no label (``BlobsData``).
    case blobs

    /// The classes of the multiclass task.
    static let multiclassCount = 5

    func data(_ shape: DataShape) -> any SyntheticData {
        switch self {
        case .regression: RegressionData(shape)
        case .binaryClassification: ClassificationData(shape, classes: 2)
        case .multiclassClassification: ClassificationData(shape, classes: Self.multiclassCount)
        case .binaryClassificationCorrelated: ClassificationData(shape, classes: 2, correlated: true)
        case .multiclassClassificationCorrelated:
            ClassificationData(shape, classes: Self.multiclassCount, correlated: true)
        case .blobs: BlobsData(shape)
        }
    }

    /// The label column of its files (empty: none, for clustering).
    var labelColumn: String {
        switch self {
        case .regression, .binaryClassification, .multiclassClassification, .binaryClassificationCorrelated,
            .multiclassClassificationCorrelated:
            "y"
        case .blobs: ""
        }
    }

    /// The report's "Data:" line.
    func description(_ shape: DataShape) -> String {
        switch self {
        case .regression: RegressionData(shape).description
        case .binaryClassification, .multiclassClassification, .binaryClassificationCorrelated,
            .multiclassClassificationCorrelated:
            (data(shape) as? ClassificationData)?.description ?? rawValue
        case .blobs: BlobsData(shape).description
        }
    }

    /// Where `all` keeps this task's file of `shape` (reused by later runs).
    func path(_ shape: DataShape, in folder: String) -> String {
        // Regression files keep their historical name, so existing caches and reports match.
        let prefix = self == .regression ? "synthetic" : rawValue
        return "\(folder)/\(prefix)-\(shape.rows)x\(shape.features)-s\(shape.seed).csv"
    }

    /// Writes the file; returns bytes written and seconds taken.
    func write(_ shape: DataShape, to path: String, threads: Int) throws -> (bytes: Int, seconds: Double) {
        let data = data(shape)
        return try time { try data.write(to: path, threads: max(1, threads)) }
    }
}
