#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import MLNumerics

/// Parses ASCII decimal numbers from raw bytes, bit for bit as `strtod` does, but several
/// times faster on the numbers data files hold.
///
/// Accepted: optional ASCII spaces and tabs, an optional sign, digits with an optional
/// fraction (`1`, `1.`, `.5`, `-0.25`), an optional exponent (`1e5`, `1E-5`), optional
/// trailing spaces and tabs. Rejected (the result is `nil`): an empty field, `nan`, `inf`,
/// `infinity`, hexadecimal floats, anything after the number, and values that overflow to
/// ±∞ — a data file's numbers must be finite.
///
/// With `m` the significant digits as an integer (at most 19 digits, so `m < 2⁶⁴`) and `e`
/// the power of ten that scales them, `|e| ≤ 22`:
/// - **Clinger's fast path** (1990): when `m ≤ 2⁵³`, `m` and `10^|e|` are exact doubles and
///   the single IEEE multiplication or division `m·10^e` is correctly rounded.
/// - **Double-double path**, for `2⁵³ < m < 10¹⁹` (the 16–19-digit numbers of `%.17g` and
///   shortest round-trip output): `m = h + l` exactly in two doubles; the product or
///   quotient with `10^|e|` is formed with error-free transformations to about 2⁻¹⁰⁰
///   relative, and rounded to a double. That rounding is correct unless the exact value lies
///   within that error of a midpoint between two doubles; such rare inputs, detected, go to
///   `strtod`.
///
/// Everything else (more digits, larger exponents, subnormals) is handed to `strtod` on a
/// NUL-terminated copy in a stack buffer.
public enum NumberParser {
    /// The number in `bytes`, or `nil` when the bytes are not one finite decimal number.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Double? {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return nil }
        let start = base.assumingMemoryBound(to: UInt8.self)
        return parse(start, start + bytes.count)
    }

    /// The number in the bytes from `start` up to (not including) `end`, blanks around it
    /// allowed.
    @inline(__always)
    static func parse(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Double? {
        var first = start, last = end
        while first < last, first.pointee == space || first.pointee == tab { first += 1 }
        while last > first, last[-1] == space || last[-1] == tab { last -= 1 }
        let (value, stop) = parsePrefix(first, last)
        return stop == last ? value : nil
    }

    /// Parses the number that starts exactly at `start` (no blanks) within `start..<limit`.
    /// Returns the value (`nil` when no finite number starts there) and the byte after the
    /// number: the caller checks that its field ends there, so a field is scanned once.
    @inline(__always)
    static func parsePrefix(
        _ start: UnsafePointer<UInt8>, _ limit: UnsafePointer<UInt8>
    ) -> (value: Double?, stop: UnsafePointer<UInt8>) {
        var p = start
        let textStart = p

        var negative = false
        if p < limit, p.pointee == minus || p.pointee == plus {
            negative = p.pointee == minus
            p += 1
        }

        // All digits go into `mantissa`; leading zeros do not change it, so it is exact
        // whenever there are at most 19 digits in all (checked below).
        var mantissa: UInt64 = 0
        let integerStart = p
        while p < limit, case let d = p.pointee &- zero, d < 10 {
            mantissa = mantissa &* 10 &+ UInt64(d)
            p += 1
        }
        var digits = p - integerStart
        var exponent = 0
        if p < limit, p.pointee == dot {
            p += 1
            let fractionStart = p
            while p < limit, case let d = p.pointee &- zero, d < 10 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                p += 1
            }
            exponent = -(p - fractionStart)
            digits += p - fractionStart
        }
        guard digits > 0 else { return (nil, p) }

        if p < limit, p.pointee | 0x20 == letterE {
            p += 1
            var exponentNegative = false
            if p < limit, p.pointee == minus || p.pointee == plus {
                exponentNegative = p.pointee == minus
                p += 1
            }
            var written = 0
            let exponentStart = p
            while p < limit, case let d = p.pointee &- zero, d < 10 {
                // Saturate instead of overflowing; such exponents go to `strtod` anyway.
                if written < 100_000 { written = written * 10 + Int(d) }
                p += 1
            }
            guard p > exponentStart else { return (nil, p) }
            exponent += exponentNegative ? -written : written
        }
        let textEnd = p

        if digits <= 19, exponent >= -22, exponent <= 22 {
            let value: Double?
            if mantissa <= 1 << 53 {
                let m = Double(mantissa)
                value = exponent >= 0 ? m * powerOfTen(exponent) : m / powerOfTen(-exponent)
            } else {
                value = doubleDouble(mantissa, exponent)
            }
            if let value { return (negative ? -value : value, p) }
        }
        return (slowPath(textStart, textEnd), p)
    }

    /// `m·10^e` for `2⁵³ < m < 2⁶⁴` and `|e| ≤ 22`, correctly rounded, or `nil` when the value
    /// is too close to a midpoint between doubles to decide without more precision.
    @inline(__always)
    private static func doubleDouble(_ mantissa: UInt64, _ exponent: Int) -> Double? {
        // m = h + l exactly: h is m rounded to 53 bits, |l| ≤ 2¹⁰.
        let h = Double(mantissa)
        let l = Double(Int64(bitPattern: mantissa &- UInt64(h)))
        let t = powerOfTen(abs(exponent))
        var hi: Double, lo: Double
        if exponent >= 0 {
            // m·t = p₁ + e₁ + p₂ + e₂ exactly.
            let (p1, e1) = DoubleDouble.twoProduct(h, t)
            let (p2, e2) = DoubleDouble.twoProduct(l, t)
            let (s, e3) = DoubleDouble.twoSum(p1, p2)
            (hi, lo) = DoubleDouble.twoSum(s, e3 + e1 + e2)
        } else {
            // q₁ = h/t rounded; the remainder m − q₁·t is exact up to the small terms.
            let q1 = h / t
            let (p, e) = DoubleDouble.twoProduct(q1, t)
            let remainder = (h - p) - e + l
            (hi, lo) = DoubleDouble.twoSum(q1, remainder / t)
        }
        // hi (> 0) is the double nearest hi + lo; it is the correctly rounded m·10^e unless
        // the exact value may sit beyond the midpoint to the neighbour on lo's side (whose
        // gap is half as wide below a power of two).
        guard hi.isFinite, hi > 0 else { return nil }
        let halfGap = (lo >= 0 ? hi.nextUp - hi : hi - hi.nextDown) / 2
        guard abs(abs(lo) - halfGap) > halfGap * 0x1p-40 else { return nil }
        return hi
    }

    /// `strtod` on a NUL-terminated copy of bytes already checked to be a decimal number.
    private static func slowPath(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Double? {
        let count = end - start
        let value = withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buffer -> Double? in
            guard let text = buffer.baseAddress else { return nil }
            UnsafeMutableRawPointer(text).copyMemory(from: start, byteCount: count)
            text[count] = 0
            var stop: UnsafeMutablePointer<CChar>? = nil
            let value = strtod(text, &stop)
            guard stop == text + count else { return nil }
            return value
        }
        guard let value, value.isFinite else { return nil }
        return value
    }

    /// 10⁰ … 10²², every one exactly representable as a `Double` (5²² < 2⁵³). A switch
    /// compiles to a table without the lazy-initialization check of a global array.
    @inline(__always)
    private static func powerOfTen(_ e: Int) -> Double {
        switch e {
        case 0: 1e0
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        default: 1e22
        }
    }

    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let plus = UInt8(ascii: "+")
    private static let minus = UInt8(ascii: "-")
    private static let dot = UInt8(ascii: ".")
    private static let zero = UInt8(ascii: "0")
    private static let letterE = UInt8(ascii: "e")
}
