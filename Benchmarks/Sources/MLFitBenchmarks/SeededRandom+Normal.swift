import MLFit
#if canImport(Glibc)
    import Glibc
#endif

/// What the data generators draw beyond the library's `SeededRandom.uniform()`.
extension SeededRandom {
    /// Uniform in (0, 1), never 0: Box–Muller takes its logarithm.
    mutating func uniformPositive() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1p-53
    }

    /// Two independent standard normals (Box–Muller).
    mutating func normalPair() -> (Double, Double) {
        let u = uniformPositive(), v = uniformPositive()
        let r = (-2 * log(u)).squareRoot()
        let t = 2 * Double.pi * v
        return (r * cos(t), r * sin(t))
    }
}
