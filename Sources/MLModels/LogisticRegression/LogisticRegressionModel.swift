import MLData
import MLNumerics

/// A fitted logistic regression.
///
/// Binomial: one row of coefficients `β` and one intercept `β₀`, for the second class:
/// `P(second | x) = σ(βᵀx + β₀)`; the prediction is the second class when that exceeds
/// ``LogisticRegression/threshold``. Multinomial: one row and intercept per class,
/// `P(k | x) = softmax(Bx + b)ₖ`, and the prediction is the most probable class (the first
/// of equals); with two classes the threshold applies to the second class's probability.
public struct LogisticRegressionModel: Sendable, Hashable {
    /// The features (in the order of the coefficient columns), the label with its classes in
    /// code order, and the weight column.
    public let schema: Schema
    public let hyperparameters: LogisticRegression
    /// `m × p`: one row (binomial) or one per class (multinomial).
    public let coefficientMatrix: Matrix
    /// `m` intercepts, 0 without ``LogisticRegression/fitIntercept``.
    public let interceptVector: [Double]
    public let summary: LogisticRegressionSummary

    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when the schema has no classes or
    ///   the parameters do not fit the classes and features.
    public init(
        schema: Schema, hyperparameters: LogisticRegression, coefficientMatrix: Matrix, interceptVector: [Double],
        summary: LogisticRegressionSummary
    ) throws {
        let k = schema.classes?.count ?? 0
        let rows = coefficientMatrix.rows
        guard k >= 2, rows == 1 && k == 2 || rows == k, coefficientMatrix.columns == schema.featureCount,
            interceptVector.count == rows
        else {
            throw LinearAlgebraError.dimensionMismatch(
                "\(rows) × \(coefficientMatrix.columns) coefficients and \(interceptVector.count) intercepts "
                    + "for \(k) classes and \(schema.featureCount) features")
        }
        self.schema = schema
        self.hyperparameters = hyperparameters
        self.coefficientMatrix = coefficientMatrix
        self.interceptVector = interceptVector
        self.summary = summary
    }

    /// The classes in code order, as the data spelled them.
    public var classes: [String] { schema.classes ?? [] }
    public var featureNames: [String] { schema.featureNames }
    /// Whether there is one row of coefficients per class.
    public var isMultinomial: Bool { coefficientMatrix.rows > 1 }

    /// The scores `X·Bᵀ + b`, `n × m`: one `dgemm`.
    func scores(_ features: Matrix) throws -> Matrix {
        guard features.columns == coefficientMatrix.columns else {
            throw LinearAlgebraError.dimensionMismatch(
                "the model has \(coefficientMatrix.columns) features; the data have \(features.columns)")
        }
        var z = try BLAS.product(features, coefficientMatrix, transposeB: true)
        let m = interceptVector.count
        z.withUnsafeMutableBufferPointer { out in
            for i in 0..<features.rows {
                for r in 0..<m { out[i * m + r] += interceptVector[r] }
            }
        }
        return z
    }

    /// The probability of every class for each row: `n × K`, row-major, rows summing to 1.
    public func predictProbabilities(_ features: Matrix) throws -> Matrix {
        let z = try scores(features)
        let n = features.rows, k = classes.count
        var p = Matrix(rows: n, columns: k)
        if !isMultinomial {
            for i in 0..<n {
                p[i, 1] = LogisticFunctions.sigmoid(z[i, 0])
                p[i, 0] = LogisticFunctions.sigmoid(-z[i, 0])
            }
            return p
        }
        var row = [Double](repeating: 0, count: k)
        for i in 0..<n {
            for c in 0..<k { row[c] = z[i, c] }
            row.withUnsafeMutableBufferPointer { buffer in
                if let base = buffer.baseAddress { _ = LogisticFunctions.softmax(base, count: k) }
            }
            for c in 0..<k { p[i, c] = row[c] }
        }
        return p
    }

    /// The predicted class code of each row, from its probabilities.
    public func predictCodes(probabilities p: Matrix) -> [Int] {
        let k = p.columns
        return (0..<p.rows).map { i in
            if k == 2 { return p[i, 1] > hyperparameters.threshold ? 1 : 0 }
            var best = 0
            for c in 1..<max(1, k) where p[i, c] > p[i, best] { best = c }
            return best
        }
    }

    /// The predicted class of each row, spelled as in the training data.
    public func predict(_ features: Matrix) throws -> [String] {
        let codes = predictCodes(probabilities: try predictProbabilities(features))
        return codes.map { classes[$0] }
    }

    /// Predictions for the rows of a chunk whose features are the model's.
    public func predict(_ chunk: DataChunk) throws -> [String] {
        try predict(chunk.features)
    }
}
