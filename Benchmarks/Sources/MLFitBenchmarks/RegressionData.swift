import MLFit

/// The regression task: features ~ N(0, 1), y = β₀ + Xβ + σ·ε with ε ~ N(0, 1), β drawn
/// uniformly in [−2, 2) from the seed, β₀ = 1.5, σ = 0.5.
struct RegressionData: SyntheticData {
    let shape: DataShape
    let coefficients: [Double]
    let intercept = 1.5
    let noise = 0.5
    var labelColumn: String { "y" }

    /// `SeededRandom` purposes: one stream for β, one per row for the row.
    private static let coefficientsPurpose: UInt64 = 1
    private static let rowPurpose: UInt64 = 2

    init(_ shape: DataShape) {
        self.shape = shape
        var rng = SeededRandom(seed: shape.seed, purpose: Self.coefficientsPurpose, index: 0)
        coefficients = (0..<shape.features).map { _ in Double(Float(4 * rng.uniformPositive() - 2)) }
    }

    /// The report's description of the data.
    var description: String {
        "\(shape.rows) × \(shape.features) synthetic (features ~ N(0,1), y = \(intercept) + Xβ + \(noise)·ε, seed \(shape.seed)), values rounded to Float"
    }

    @inline(__always)
    func row(_ i: Int, into x: UnsafeMutablePointer<Double>) -> Double {
        var rng = SeededRandom(seed: shape.seed, purpose: Self.rowPurpose, index: UInt64(i))
        let features = shape.features
        var j = 0
        var y = intercept
        // Box–Muller gives normals in pairs: two features per draw.
        while j < features {
            let (a, b) = rng.normalPair()
            let va = Double(Float(a))
            x[j] = va
            y += coefficients[j] * va
            if j + 1 < features {
                let vb = Double(Float(b))
                x[j + 1] = vb
                y += coefficients[j + 1] * vb
            }
            j += 2
        }
        let (e, _) = rng.normalPair()
        return Double(Float(y + noise * e))
    }
}
