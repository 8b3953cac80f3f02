import MLData
import MLEngine
import MLNumerics

/// The gradient of the weighted squared loss at given coefficients, accumulated in
/// double-double arithmetic: `Σw·r`, `Σw·r·xⱼ` and `Σw·r²` with `r = y − β₀ − xᵀβ`.
///
/// Iterative refinement of an ill-conditioned least-squares solution needs residuals
/// accurate beyond working precision: with residuals in plain `Double`, a refined solution
/// is no better than the QR one (error ∝ κ²·ε·‖r‖ for large residuals). Computed here to
/// about 32 digits, one or two corrections `δ = (XᵀWX)⁻¹·Xᵀ W r` (solved with the QR factor
/// already at hand) bring the coefficients to full double precision.
public struct ResidualCorrectionStatistics: SerializablePartialStatistics {
    public typealias Shape = Int

    public internal(set) var residualSum: DoubleDouble
    public internal(set) var gradient: [DoubleDouble]
    public internal(set) var residualSquares: DoubleDouble

    public init(zeroFor featureCount: Int) {
        residualSum = DoubleDouble(0)
        gradient = Array(repeating: DoubleDouble(0), count: featureCount)
        residualSquares = DoubleDouble(0)
    }

    public init(chunk: DataChunk, coefficients beta: [Double], intercept: Double) throws {
        let n = chunk.rowCount, p = chunk.featureCount
        guard chunk.labels.count == n else { throw ModelError.missingLabel }
        self.init(zeroFor: p)
        chunk.features.withUnsafeBufferPointer { x in
            for i in 0..<n {
                let w = chunk.weight(i)
                guard w > 0 else { continue }
                var r = DoubleDouble(chunk.labels[i])
                r.add(-intercept)
                for j in 0..<p { r.addProduct(x[i * p + j], -beta[j]) }
                let wr = r.multiplied(by: w)
                residualSum.add(wr)
                for j in 0..<p { gradient[j].add(wr.multiplied(by: x[i * p + j])) }
                residualSquares.add(wr.multiplied(by: r.hi))
                residualSquares.addProduct(wr.hi, r.lo)
            }
        }
    }

    public mutating func merge(_ other: ResidualCorrectionStatistics) {
        residualSum.add(other.residualSum)
        for j in gradient.indices { gradient[j].add(other.gradient[j]) }
        residualSquares.add(other.residualSquares)
    }

    /// Every double-double as its two parts: `[Σwr, Σwr·x (p), Σwr²]`.
    public func serialized() -> [Double] {
        ([residualSum] + gradient + [residualSquares]).flatMap { [$0.hi, $0.lo] }
    }

    public init(serialized values: [Double], shape p: Int) throws {
        guard p >= 0, p < 1 << 40, values.count == 2 * (p + 2) else {
            throw SerializedStatisticsError(
                type: "ResidualCorrectionStatistics", expected: 2 * (max(0, p) + 2), found: values.count)
        }
        let parts = stride(from: 0, to: values.count, by: 2).map { DoubleDouble(hi: values[$0], lo: values[$0 + 1]) }
        residualSum = parts[0]
        gradient = Array(parts[1..<(p + 1)])
        residualSquares = parts[p + 1]
    }
}
