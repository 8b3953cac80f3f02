/// SplitMix64, used as a counter-based generator: a stream is keyed by (seed, purpose,
/// index), so any row can be generated alone, on any thread, with the same result.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64, purpose: UInt64, index: UInt64) {
        // Mix the key through the finalizer so that nearby keys give unrelated streams.
        state = SplitMix64.mix(seed &+ 0x9E37_79B9_7F4A_7C15 &* (purpose &+ 1))
            ^ SplitMix64.mix(index &+ 0xD1B5_4A32_D192_ED03)
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// Uniform in (0, 1), never 0.
    mutating func uniform() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1p-53
    }

    /// Two independent standard normals (Box–Muller).
    mutating func normalPair() -> (Double, Double) {
        let u = uniform(), v = uniform()
        let r = (-2 * _log(u)).squareRoot()
        let t = 2 * Double.pi * v
        return (r * _cos(t), r * _sin(t))
    }
}

#if canImport(Glibc)
    import Glibc
    @inline(__always) private func _log(_ x: Double) -> Double { Glibc.log(x) }
    @inline(__always) private func _cos(_ x: Double) -> Double { Glibc.cos(x) }
    @inline(__always) private func _sin(_ x: Double) -> Double { Glibc.sin(x) }
#endif
