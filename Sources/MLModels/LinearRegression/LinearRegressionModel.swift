import MLData
import MLNumerics

/// A fitted linear regression: `ŷ = xᵀβ + β₀`.
public struct LinearRegressionModel: Sendable, Hashable {
    /// The features, in the order of ``coefficients``; data are matched to them by name.
    public let featureNames: [String]
    public let labelName: String
    public let weightName: String?
    /// The hyperparameters of the fit.
    public let hyperparameters: LinearRegression
    /// One coefficient per feature, on the features' original scale.
    public let coefficients: [Double]
    /// `β₀`; 0 when ``LinearRegression/fitIntercept`` was off.
    public let intercept: Double
    public let summary: LinearRegressionSummary

    public init(
        featureNames: [String], labelName: String, weightName: String?,
        hyperparameters: LinearRegression, coefficients: [Double], intercept: Double,
        summary: LinearRegressionSummary
    ) {
        self.featureNames = featureNames
        self.labelName = labelName
        self.weightName = weightName
        self.hyperparameters = hyperparameters
        self.coefficients = coefficients
        self.intercept = intercept
        self.summary = summary
    }

    /// Predictions for a row-major block of rows whose columns are ``featureNames`` in order:
    /// one `dgemv`.
    public func predict(_ features: Matrix) throws -> [Double] {
        guard features.columns == coefficients.count else {
            throw LinearAlgebraError.dimensionMismatch(
                "the model has \(coefficients.count) features; the data have \(features.columns)")
        }
        var out = [Double](repeating: intercept, count: features.rows)
        guard features.rows > 0, !coefficients.isEmpty else { return out }
        features.withUnsafeBufferPointer { x in
            coefficients.withUnsafeBufferPointer { beta in
                out.withUnsafeMutableBufferPointer { y in
                    guard let x = x.baseAddress, let beta = beta.baseAddress, let y = y.baseAddress
                    else { return }
                    BLAS.multiply(
                        x, rows: features.rows, columns: features.columns,
                        leadingDimension: features.columns, vector: beta, into: y, beta: 1)
                }
            }
        }
        return out
    }

    /// Predictions for the rows of a chunk.
    public func predict(_ chunk: DataChunk) throws -> [Double] {
        try predict(chunk.features)
    }
}
