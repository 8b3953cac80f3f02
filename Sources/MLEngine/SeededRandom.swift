/// SplitMix64 (Steele, Lea and Flood, 2014): a small, fast generator whose every stream is
/// fixed by a key, so that random draws do not depend on how rows are chunked or which
/// thread or process draws them.
///
/// Key a stream by what it is for: `SeededRandom(seed: seed, purpose: 2, step: iteration,
/// index: globalRow)` gives the same numbers for that row wherever it is processed. Every
/// seed in mlfit has a fixed default and is recorded in the model file.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// One sequential stream.
    public init(seed: UInt64) {
        state = seed
    }

    /// The stream of one (seed, purpose, step, index) key; nearby keys give unrelated streams.
    public init(seed: UInt64, purpose: UInt64, step: UInt64 = 0, index: UInt64) {
        state = Self.mix(seed &+ 0x9E37_79B9_7F4A_7C15 &* (purpose &+ 1))
            ^ Self.mix(step &+ 0xC2B2_AE3D_27D4_EB4F)
            ^ Self.mix(index &+ 0xD1B5_4A32_D192_ED03)
    }

    /// SplitMix64's finalizer, a bijective mixing of 64 bits.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// Uniform in [0, 1), with 53 random bits.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }
}
