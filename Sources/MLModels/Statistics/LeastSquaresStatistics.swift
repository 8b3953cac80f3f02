import MLData
import MLEngine
import MLNumerics

/// The sufficient statistics of weighted least squares for one set of rows: counts,
/// weighted means, and the centred second moments of `Z = [X y]` (`q = p + 1` columns).
///
/// The second moments `C = Σ wᵢ (zᵢ − μ)(zᵢ − μ)ᵀ` are kept in one of two forms:
/// - ``Form/triangular``: an upper-triangular `R` with `RᵀR = C` — the R factor of the
///   weighted, centred rows. Solving from `R` loses no more accuracy than QR on the data
///   itself (error ∝ κ(X)), so ill-conditioned problems keep their digits.
/// - ``Form/gram``: the upper triangle of `C` itself, one `dsyrk` per block; cheaper to
///   gather, but solving from it squares the condition number (error ∝ κ(X)²).
///
/// Both merge exactly (up to round-off) by Chan's formula `C = Ca + Cb + (Wa·Wb/W)·δδᵀ`; in
/// triangular form that is the R factor of the stacked rows `[Ra; Rb; √(Wa·Wb/W)·δᵀ]`.
public struct LeastSquaresStatistics: SerializablePartialStatistics {
    public enum Form: String, Sendable, Hashable, Codable {
        case triangular, gram
    }

    public struct Shape: Sendable, Hashable, Codable {
        public var featureCount: Int
        public var form: Form
        public init(featureCount: Int, form: Form) {
            self.featureCount = featureCount
            self.form = form
        }
    }

    public let shape: Shape
    public internal(set) var moments: WeightedMoments
    /// `q × q`: `R` (triangular form) or the upper triangle of `C` (Gram form).
    public internal(set) var secondMoments: Matrix

    public init(zeroFor shape: Shape) {
        self.shape = shape
        moments = WeightedMoments(featureCount: shape.featureCount)
        let q = shape.featureCount + 1
        secondMoments = Matrix(rows: q, columns: q)
    }

    /// The centred moments `C` (full symmetric `q × q`).
    public var centredGram: Matrix {
        switch shape.form {
        case .gram: return Self.symmetrized(upper: secondMoments)
        case .triangular: return Self.gram(ofTriangular: secondMoments)
        }
    }

    public mutating func merge(_ other: LeastSquaresStatistics) throws {
        guard other.shape == shape else {
            throw LinearAlgebraError.dimensionMismatch(
                "cannot merge least-squares statistics of shapes \(shape) and \(other.shape)")
        }
        let otherHadWeight = other.moments.weightSum > 0
        let selfHadWeight = moments.weightSum > 0
        let (delta, factor) = moments.mergeMeans(other.moments)
        guard otherHadWeight else { return }
        guard selfHadWeight else {
            secondMoments = other.secondMoments
            return
        }
        let q = shape.featureCount + 1
        switch shape.form {
        case .gram:
            for i in 0..<q {
                for j in i..<q {
                    secondMoments[i, j] += other.secondMoments[i, j] + factor * delta[i] * delta[j]
                }
            }
        case .triangular:
            var stacked = Matrix(rows: 2 * q + 1, columns: q)
            for i in 0..<q {
                for j in i..<q {
                    stacked[i, j] = secondMoments[i, j]
                    stacked[q + i, j] = other.secondMoments[i, j]
                }
            }
            let scale = factor.squareRoot()
            for j in 0..<q { stacked[2 * q, j] = scale * delta[j] }
            secondMoments = try LAPACK.triangularFactor(of: stacked)
        }
    }

    static func symmetrized(upper: Matrix) -> Matrix {
        var full = upper
        for i in 0..<upper.rows {
            for j in 0..<i { full[i, j] = upper[j, i] }
        }
        return full
    }

    /// `RᵀR` for upper-triangular `R`.
    static func gram(ofTriangular r: Matrix) -> Matrix {
        let q = r.rows
        var upper = Matrix(rows: q, columns: q)
        r.withUnsafeBufferPointer { pr in
            upper.withUnsafeMutableBufferPointer { pc in
                guard let a = pr.baseAddress, let c = pc.baseAddress else { return }
                BLAS.gramUpdate(a, rows: q, columns: q, leadingDimension: q, into: c,
                                leadingDimensionC: q, alpha: 1, beta: 0)
            }
        }
        return symmetrized(upper: upper)
    }
}
