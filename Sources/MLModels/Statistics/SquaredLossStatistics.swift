import MLData
import MLEngine
import MLNumerics

/// Value and gradient of the weighted squared loss at given coefficients, summed over rows:
/// `[Σw·r², Σw·r, Σw·r·x₁, …, Σw·r·x_p]` with residuals `r = Xβ + β₀ − y`. Plain sums, so
/// they merge by addition (and, across processes, by one `MPI_Allreduce`).
public struct SquaredLossStatistics: SummablePartialStatistics {
    public typealias Shape = Int
    public internal(set) var sums: [Double]

    public init(zeroFor featureCount: Int) {
        sums = Array(repeating: 0, count: featureCount + 2)
    }

    /// Two BLAS calls per chunk: `r = X·β` (`dgemv`), then `Xᵀ(w∘r)` (`dgemv`).
    public init(chunk: DataChunk, coefficients beta: [Double], intercept: Double) throws {
        let n = chunk.rowCount, p = chunk.featureCount
        guard chunk.labels.count == n else { throw ModelError.missingLabel }
        self.init(zeroFor: p)
        guard n > 0 else { return }
        var r = [Double](repeating: 0, count: n)
        chunk.features.withUnsafeBufferPointer { x in
            beta.withUnsafeBufferPointer { b in
                r.withUnsafeMutableBufferPointer { out in
                    guard let x = x.baseAddress, let b = b.baseAddress, let out = out.baseAddress else { return }
                    BLAS.multiply(x, rows: n, columns: p, leadingDimension: p, vector: b, into: out)
                }
            }
        }
        var squares = 0.0, total = 0.0
        for i in 0..<n {
            let w = chunk.weight(i)
            let residual = r[i] + intercept - chunk.labels[i]
            squares += w * residual * residual
            total += w * residual
            r[i] = w * residual
        }
        sums[0] = squares
        sums[1] = total
        chunk.features.withUnsafeBufferPointer { x in
            r.withUnsafeBufferPointer { v in
                sums.withUnsafeMutableBufferPointer { out in
                    guard let x = x.baseAddress, let v = v.baseAddress, let out = out.baseAddress else { return }
                    BLAS.multiply(x, rows: n, columns: p, leadingDimension: p, transposed: true,
                                  vector: v, into: out + 2)
                }
            }
        }
    }

    public mutating func merge(_ other: SquaredLossStatistics) {
        for i in sums.indices { sums[i] += other.sums[i] }
    }

    public func serialized() -> [Double] { sums }

    /// Rebuilds the sums. They may be infinite (a trial step of the optimizer can overflow,
    /// and the line search backs off), but a sum of squares is never negative.
    public init(serialized values: [Double], shape: Int) throws {
        let check = SerializedStatisticsValidator(type: "SquaredLossStatistics")
        guard shape >= 0 else { throw check.invalid("the shape has \(shape) features") }
        let expected = shape.addingReportingOverflow(2)
        guard !expected.overflow, values.count == expected.partialValue else {
            throw SerializedStatisticsError(
                type: "SquaredLossStatistics", expected: expected.overflow ? Int.max : expected.partialValue,
                found: values.count)
        }
        guard !(values[0] < 0) else {
            throw check.invalid("the weighted sum of squared residuals must be ≥ 0; got \(values[0])")
        }
        sums = values
    }
}
