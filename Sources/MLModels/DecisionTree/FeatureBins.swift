/// How the values of one feature map to bins, the unit of a tree's histograms.
///
/// - A continuous feature has increasing thresholds `t₀ < t₁ < …`; a value `x` falls in bin
///   `#{tₖ < x}`, so "bin ≤ s" is "x ≤ tₛ", the left side of the split at `tₛ`.
/// - A categorical feature has one bin per category: its code.
public enum FeatureBins: Sendable, Hashable {
    case continuous(thresholds: [Double])
    case categorical(arity: Int)

    /// The number of bins (1 for a constant feature).
    public var binCount: Int {
        switch self {
        case .continuous(let thresholds): return thresholds.count + 1
        case .categorical(let arity): return max(1, arity)
        }
    }

    public var isCategorical: Bool {
        if case .categorical = self { return true }
        return false
    }

    /// The bin of `x`: for a continuous feature the thresholds below it
    /// (``countBelow(_:in:)``); for a categorical one the code (the data were checked: a
    /// whole number below the arity).
    func bin(of x: Double) -> Int {
        switch self {
        case .continuous(let thresholds):
            return thresholds.withUnsafeBufferPointer { Self.countBelow(x, in: $0) }
        case .categorical(let arity):
            // Checked codes: a whole number in 0..<arity; anything else (never from a Dataset)
            // falls in bin 0 rather than trapping.
            guard x >= 0, x < Double(arity) else { return 0 }
            return Int(x)
        }
    }

    /// `#{tₖ < x}` for increasing `t`, by a binary search without branches on the data.
    ///
    /// The values binned come in no order, so a branching search mispredicts about every
    /// other step, which made binning the slowest part of a shallow fit. LLVM turns a
    /// comparison-and-select back into a branch inside a loop, so "`tₖ < x`" is read from the
    /// sign bit of `tₖ − x` instead: for finite numbers `tₖ − x` is negative exactly when
    /// `tₖ < x` (equal numbers give +0, and gradual underflow never rounds a nonzero
    /// difference to 0), provided no `tₖ` is −0 (``thresholds(sample:maxBins:)`` makes it +0).
    /// A ``Dataset``'s features are finite; a NaN would still give a bin in `0 ... t.count`.
    @inline(__always)
    static func countBelow(_ x: Double, in t: UnsafeBufferPointer<Double>) -> Int {
        guard let first = t.baseAddress, !t.isEmpty else { return 0 }
        @inline(__always) func below(_ k: Int) -> Int { Int(truncatingIfNeeded: (first[k] - x).bitPattern >> 63) }
        // The answer lies in base ... base + length (Khuong and Morin's branch-free form).
        var base = 0, length = t.count
        while length > 1 {
            let half = length >> 1
            base &+= half &* below(base &+ half)
            length &-= half
        }
        return base &+ below(base)
    }

    /// Spark's `findSplitsForContinuousFeature` on a weighted sample: with the sample's
    /// distinct values `v₁ < … < v_d` and their weights, every midpoint `(vᵢ + vᵢ₊₁)/2` when
    /// `d ≤ maxBins` (so the bins separate every distinct value: exact CART); otherwise the
    /// midpoints where the running weight passes multiples of `W/maxBins` (the one of the two
    /// values nearest each target), at most `maxBins − 1` of them.
    ///
    /// A midpoint is computed as `a/2 + b/2` (no overflow) and replaced by `a` when rounding
    /// makes it equal `b`, as scikit-learn does, so `a ≤ t < b` always.
    static func thresholds(sample: [(value: Double, weight: Double)], maxBins: Int) -> [Double] {
        let sorted = sample.sorted { $0.value < $1.value }
        var distinct: [(value: Double, weight: Double)] = []
        for entry in sorted {
            if let last = distinct.last, last.value == entry.value {
                distinct[distinct.count - 1].weight += entry.weight
            } else {
                distinct.append(entry)
            }
        }
        guard distinct.count > 1 else { return [] }
        func midpoint(_ i: Int) -> Double {
            let a = distinct[i - 1].value, b = distinct[i].value
            let t = a / 2 + b / 2
            // `+ 0` makes a −0 threshold +0 (the same split), as ``countBelow(_:in:)`` needs.
            return (t < b && t >= a ? t : a) + 0
        }
        if distinct.count <= maxBins {
            return (1..<distinct.count).map(midpoint)
        }
        let total = distinct.reduce(0) { $0 + $1.weight }
        let stride = total / Double(maxBins)
        var thresholds: [Double] = []
        var current = distinct[0].weight
        var target = stride
        for i in 1..<distinct.count {
            let previous = current
            current += distinct[i].weight
            if abs(previous - target) < abs(current - target) {
                thresholds.append(midpoint(i))
                target += stride
            }
        }
        return Array(thresholds.prefix(maxBins - 1))
    }
}

/// The bins of every feature laid side by side: feature `j`'s bins are
/// `offsets[j] ..< offsets[j] + features[j].binCount` of ``totalBins``.
struct BinLayout: Sendable, Hashable {
    let features: [FeatureBins]
    let offsets: [Int]
    let totalBins: Int

    init(features: [FeatureBins]) {
        self.features = features
        var offsets: [Int] = []
        var total = 0
        for bins in features {
            offsets.append(total)
            total += bins.binCount
        }
        self.offsets = offsets
        totalBins = total
    }

    /// Whether some feature has more than 256 bins, so bin indices need 16 bits.
    var needsWideBins: Bool { features.contains { $0.binCount > 256 } }
}
