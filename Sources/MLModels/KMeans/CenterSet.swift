import MLNumerics

/// Cluster centers prepared for distance computations: the `k × p` row-major centers and
/// their squared norms `‖cⱼ‖²`.
struct CenterSet: Sendable {
    let centers: Matrix
    let squaredNorms: [Double]

    init(_ centers: Matrix) {
        self.centers = centers
        let p = centers.columns
        squaredNorms = (0..<centers.rows).map { j in
            var s = 0.0
            for t in 0..<p {
                let v = centers[j, t]
                s += v * v
            }
            return s
        }
    }

    var count: Int { centers.rows }
    var featureCount: Int { centers.columns }

    /// The relative error bound of a squared distance computed as `‖x‖² − 2x·c + ‖c‖²` by a
    /// GEMM: the dot product's `p` roundings (`γₚ‖x‖‖c‖ ≤ γₚ(‖x‖² + ‖c‖²)/2`, twice), the
    /// norms' and the two additions', with a factor of two to spare. Multiplied by
    /// `‖x‖² + ‖c‖²` it bounds the absolute error.
    static func expansionErrorFactor(featureCount p: Int) -> Double {
        Double(4 * p + 16) * Double.ulpOfOne
    }

    /// `Σₜ (xₜ − cⱼₜ)²` in a fixed order: the same bits wherever the row is processed.
    @inline(__always)
    static func exactSquaredDistance(_ x: UnsafePointer<Double>, _ c: UnsafePointer<Double>, _ p: Int) -> Double {
        var s = 0.0
        for t in 0..<p {
            let d = x[t] - c[t]
            s += d * d
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
