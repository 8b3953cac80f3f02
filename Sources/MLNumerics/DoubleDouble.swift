/// An unevaluated sum `hi + lo` with `|lo| ≤ ulp(hi)/2`: about 106 significant bits, for
/// sums that must not lose the digits a `Double` would (residuals of ill-conditioned fits).
///
/// Built on the error-free transformations TwoSum (Knuth) and TwoProduct (one `fma`):
/// `a + b = s + e` and `a·b = p + e` exactly, with `s`, `p` the rounded results.
public struct DoubleDouble: Sendable, Hashable {
    public var hi: Double
    public var lo: Double

    @inlinable public init(_ value: Double) {
        hi = value
        lo = 0
    }

    @inlinable public init(hi: Double, lo: Double) {
        self.hi = hi
        self.lo = lo
    }

    /// The nearest `Double`.
    @inlinable public var value: Double { hi + lo }

    /// `a + b = s + e` exactly.
    @inlinable public static func twoSum(_ a: Double, _ b: Double) -> (sum: Double, error: Double) {
        let s = a + b
        let bb = s - a
        return (s, (a - (s - bb)) + (b - bb))
    }

    /// `a·b = p + e` exactly (barring underflow).
    @inlinable public static func twoProduct(_ a: Double, _ b: Double) -> (product: Double, error: Double) {
        let p = a * b
        return (p, (-p).addingProduct(a, b))
    }

    /// Adds a `Double`.
    @inlinable public mutating func add(_ x: Double) {
        let (s, e) = Self.twoSum(hi, x)
        let t = e + lo
        (hi, lo) = Self.twoSum(s, t)
    }

    /// Adds another double-double.
    @inlinable public mutating func add(_ x: DoubleDouble) {
        let (s, e) = Self.twoSum(hi, x.hi)
        let t = e + lo + x.lo
        (hi, lo) = Self.twoSum(s, t)
    }

    /// Adds the exact product `a·b`.
    @inlinable public mutating func addProduct(_ a: Double, _ b: Double) {
        let (p, e) = Self.twoProduct(a, b)
        add(p)
        lo += e
    }

    /// `self·x`, to double-double precision.
    @inlinable public func multiplied(by x: Double) -> DoubleDouble {
        let (p, e) = Self.twoProduct(hi, x)
        let (s, t) = Self.twoSum(p, e + lo * x)
        return DoubleDouble(hi: s, lo: t)
    }
}
