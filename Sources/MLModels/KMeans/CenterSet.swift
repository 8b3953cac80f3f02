import MLNumerics

/// Cluster centers prepared for distance computations: the `k × p` row-major centers and
/// their squared norms `‖cⱼ‖²`.
struct CenterSet: Sendable {
    let centers: Matrix
    let squaredNorms: [Double]
    let largestSquaredNorm: Double
    /// The centers and their squared norms rounded to `Float`, for the single-precision
    /// screening of ``NearestCenters``; empty when ``screensInSingle`` is false.
    let singleCenters: [Float]
    let singleSquaredNorms: [Float]

    init(_ centers: Matrix) {
        self.centers = centers
        squaredNorms = Self.squaredNorms(of: centers)
        largestSquaredNorm = squaredNorms.max() ?? 0
        if Self.fitsSingle(squaredNorm: largestSquaredNorm), ExpansionError.single(featureCount: centers.columns) != nil {
            singleCenters = centers.withUnsafeBufferPointer { $0.map { Float($0) } }
            singleSquaredNorms = squaredNorms.map { Float($0) }
        } else {
            singleCenters = []
            singleSquaredNorms = []
        }
    }

    /// Whether distances to these centers may be screened in single precision.
    var screensInSingle: Bool { !singleSquaredNorms.isEmpty || count == 0 }

    /// Whether a row or center of squared norm `s` is in the range of the single-precision
    /// screening: with `‖x‖², ‖c‖² ≤ 10³⁶` every coordinate, product, partial sum and expanded
    /// distance stays below `4·10³⁶`, far from `Float`'s overflow at `3.4·10³⁸`.
    @inline(__always)
    static func fitsSingle(squaredNorm s: Double) -> Bool { s <= 1e36 }

    /// `‖xᵢ‖²` of every row, in the order of ``exactSquaredDistance(_:_:_:)`` (four partial
    /// sums): one running sum waits on `p` dependent additions per row.
    static func squaredNorms(of x: Matrix) -> [Double] {
        let p = x.columns
        return x.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return [] }
            return (0..<x.rows).map { i in
                let row = base + i * p
                var lanes = SIMD4<Double>(repeating: 0)
                var t = 0
                while t + 4 <= p {
                    let v = UnsafeRawPointer(row + t).loadUnaligned(as: SIMD4<Double>.self)
                    lanes += v * v
                    t += 4
                }
                var s = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3])
                while t < p {
                    s += row[t] * row[t]
                    t += 1
                }
                return s
            }
        }
    }

    var count: Int { centers.rows }
    var featureCount: Int { centers.columns }

    /// `Σₜ (xₜ − cⱼₜ)²` in a fixed order: the same bits wherever the row is processed.
    ///
    /// The order is four partial sums `s_l` over `t ≡ l (mod 4)` for the first `4⌊p/4⌋`
    /// terms, added as `(s₀ + s₁) + (s₂ + s₃)`, then the last `p mod 4` terms one by one. One
    /// running sum made every Lloyd pass wait on `p` dependent additions per row (the exact
    /// distance to the assigned center is taken for every row, pruned or not).
    @inline(__always)
    static func exactSquaredDistance(_ x: UnsafePointer<Double>, _ c: UnsafePointer<Double>, _ p: Int) -> Double {
        var lanes = SIMD4<Double>(repeating: 0)
        var t = 0
        while t + 4 <= p {
            let d = UnsafeRawPointer(x + t).loadUnaligned(as: SIMD4<Double>.self)
                - UnsafeRawPointer(c + t).loadUnaligned(as: SIMD4<Double>.self)
            lanes += d * d
            t += 4
        }
        var s = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3])
        while t < p {
            let d = x[t] - c[t]
            s += d * d
            t += 1
        }
        return s
    }
}

/// The nearest center of a row, as ``NearestCenters`` finds it.
struct Nearest {
    /// The nearest center (the lowest index among equals).
    var index: Int
    /// The squared distance to it, from exact differences.
    var squaredDistance: Double
    /// A lower bound on the squared distance to every other center (+∞ when `k = 1`).
    var secondLowerBound: Double
}
