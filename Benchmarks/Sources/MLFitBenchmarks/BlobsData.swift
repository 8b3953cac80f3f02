import MLFit

/// The clustering task: points around ``centerCount`` centers, as scikit-learn's
/// `make_blobs` draws them — each center uniform in [−10, 10)ᵖ, each row a center chosen
/// uniformly plus N(0, σ²) noise in every feature, σ = ``spread``.
///
/// With p = 50 two centers lie about 57 apart on average (the closest pairs of the 100 about
/// 35) and a row about σ√p ≈ 21 from its own center, so the blobs touch: Lloyd iterations
/// keep moving for a while instead of settling in two or three. No label column is written
/// (a fit reads every column as a feature); `row` returns the blob's index, which is not used.
struct BlobsData: SyntheticData {
    let shape: DataShape
    /// `centerCount × p`, row-major.
    let centers: [Double]
    var labelColumn: String { "" }

    static let centerCount = 100
    static let spread = 3.0

    /// `SeededRandom` purposes: one stream for the centers, one per row for the row
    /// (regression uses 1 and 2, classification 3 and 4).
    private static let centersPurpose: UInt64 = 5
    private static let rowPurpose: UInt64 = 6

    init(_ shape: DataShape) {
        self.shape = shape
        var rng = SeededRandom(seed: shape.seed, purpose: Self.centersPurpose, index: 0)
        centers = (0..<(Self.centerCount * shape.features)).map { _ in
            Double(Float(20 * rng.uniformPositive() - 10))
        }
    }

    /// The report's description of the data.
    var description: String {
        "\(shape.rows) × \(shape.features) synthetic blobs (\(Self.centerCount) centers uniform in [−10, 10)ᵖ, "
            + "each row a uniformly chosen center + N(0, \(Self.spread)²) per feature, as scikit-learn's `make_blobs`; "
            + "no label column; seed \(shape.seed)), values rounded to Float"
    }

    @inline(__always)
    func row(_ i: Int, into x: UnsafeMutablePointer<Double>) -> Double {
        var rng = SeededRandom(seed: shape.seed, purpose: Self.rowPurpose, index: UInt64(i))
        let p = shape.features
        let blob = min(Self.centerCount - 1, Int(rng.uniformPositive() * Double(Self.centerCount)))
        let center = blob * p
        var j = 0
        // Box–Muller gives normals in pairs: two features per draw.
        while j < p {
            let (a, b) = rng.normalPair()
            x[j] = Double(Float(centers[center + j] + Self.spread * a))
            if j + 1 < p { x[j + 1] = Double(Float(centers[center + j + 1] + Self.spread * b)) }
            j += 2
        }
        return Double(blob)
    }
}
