/// A bound on the error of a squared distance expanded as `‖x‖² − 2x·c + ‖c‖²` by a GEMM:
/// `|v − ‖x − c‖²| ≤ relative·(‖x‖² + ‖c‖²) + absolute`.
///
/// The GEMM forms `‖c‖² − 2x·c` as a sum of `p + 1` terms in an order of its own (blocking,
/// FMA), so its rounding is at most `γₚ₊₁·(‖c‖² + 2Σ|xₜcₜ|)`, `γₙ = n·u/(1 − n·u)` for the unit
/// roundoff `u`, and `2Σ|xₜcₜ| ≤ 2‖x‖‖c‖ ≤ ‖x‖² + ‖c‖²`; the row's norm and the final addition
/// add a few `u·(‖x‖² + ‖c‖²)`.
struct ExpansionError: Equatable, Sendable {
    let relative: Double
    /// Below `Float`'s normal range coordinates, products and partial sums lose their relative
    /// precision (or are flushed to zero): at most `2⁻¹²⁶` each, a constant the relative term
    /// cannot cover. Zero in double precision, whose range the data never leaves.
    let absolute: Double

    @inline(__always)
    func bound(_ rowSquaredNorm: Double, _ centerSquaredNorm: Double) -> Double {
        relative * (rowSquaredNorm + centerSquaredNorm) + absolute
    }

    /// The expansion in double precision: `(2p + 8)·u` needed, `(8p + 32)·u` used.
    static func double(featureCount p: Int) -> ExpansionError {
        ExpansionError(relative: Double(4 * p + 16) * Double.ulpOfOne, absolute: 0)
    }

    /// The expansion in single precision from coordinates rounded to `Float` (`u = 2⁻²⁴`):
    /// rounding `x` and `c` adds `2.01·u·Σ|xₜcₜ|` to the GEMM's rounding, again about
    /// `(2p + 8)·u` in all; `(4p + 40)·u` used. The absolute part counts `2⁻¹²⁶` for each
    /// coordinate, product and partial sum, doubled for `−2x·c`: `(6p + 8)·2⁻¹²⁶`. `nil` from
    /// `p·u > 1/100` on (`p` above 167 000), where the bound would leave every row in doubt.
    static func single(featureCount p: Int) -> ExpansionError? {
        let u = Double(Float.ulpOfOne) / 2
        guard Double(p) * u <= 0.01 else { return nil }
        return ExpansionError(
            relative: Double(4 * p + 40) * u, absolute: Double(6 * p + 8) * Double(Float.leastNormalMagnitude))
    }
}
