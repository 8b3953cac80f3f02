#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parses ASCII decimal numbers from raw bytes, bit for bit as `strtod` does, but several
/// times faster on the numbers data files hold.
///
/// Accepted: optional ASCII spaces and tabs, an optional sign, digits with an optional
/// fraction (`1`, `1.`, `.5`, `-0.25`), an optional exponent (`1e5`, `1E-5`), optional
/// trailing spaces and tabs. Rejected (the result is `nil`): an empty field, `nan`, `inf`,
/// `infinity`, hexadecimal floats, anything after the number, and values that overflow to
/// ±∞ — a data file's numbers must be finite.
///
/// **Fast path (Clinger, 1990):** when every significant digit together forms an integer
/// `m ≤ 2⁵³` and the power of ten `e` the digits are scaled by has `|e| ≤ 22`, both `m` and
/// `10^|e|` are exact doubles, so the single IEEE multiplication or division `m · 10^e` is
/// correctly rounded — the same bits `strtod` returns. Every other number (19+ digit
/// mantissas, large exponents, subnormals) is handed to `strtod` on a NUL-terminated copy in a
/// stack buffer, so no call allocates on the heap unless a field is longer than 256 bytes.
///
/// ```swift
/// let value = "2.5e-3".utf8.withContiguousStorageIfAvailable {
///     NumberParser.parse(UnsafeRawBufferPointer($0))
/// }
/// ```
public enum NumberParser {
    /// The number in `bytes`, or `nil` when the bytes are not one finite decimal number.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Double? {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return nil }
        let start = base.assumingMemoryBound(to: UInt8.self)
        return parse(start, start + bytes.count)
    }

    /// The number in the bytes from `start` up to (not including) `end`.
    @inline(__always)
    static func parse(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Double? {
        var p = start
        var last = end
        while p < last, p.pointee == space || p.pointee == tab { p += 1 }
        while last > p, last[-1] == space || last[-1] == tab { last -= 1 }
        guard p < last else { return nil }
        let textStart = p

        var negative = false
        if p.pointee == minus || p.pointee == plus {
            negative = p.pointee == minus
            p += 1
        }

        // The significant digits as an integer, and the power of ten that scales them.
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var exponent = 0
        var digits = 0
        // Set when the fast path cannot be exact, so only `strtod` may decide the value.
        var needsSlowPath = false

        while p < last, case let d = p.pointee &- zero, d < 10 {
            if mantissa != 0 || d != 0 {
                significantDigits += 1
                if significantDigits <= 19 { mantissa = mantissa &* 10 &+ UInt64(d) } else { needsSlowPath = true }
            }
            digits += 1
            p += 1
        }
        if p < last, p.pointee == dot {
            p += 1
            while p < last, case let d = p.pointee &- zero, d < 10 {
                if mantissa != 0 || d != 0 {
                    significantDigits += 1
                    if significantDigits <= 19 { mantissa = mantissa &* 10 &+ UInt64(d) } else { needsSlowPath = true }
                }
                exponent -= 1
                digits += 1
                p += 1
            }
        }
        guard digits > 0 else { return nil }

        if p < last, p.pointee | 0x20 == letterE {
            p += 1
            var exponentNegative = false
            if p < last, p.pointee == minus || p.pointee == plus {
                exponentNegative = p.pointee == minus
                p += 1
            }
            var written = 0
            var exponentDigits = 0
            while p < last, case let d = p.pointee &- zero, d < 10 {
                // Saturate instead of overflowing; such exponents go to `strtod` anyway.
                if written < 1_000_000_000 { written = written * 10 + Int(d) } else { needsSlowPath = true }
                exponentDigits += 1
                p += 1
            }
            guard exponentDigits > 0 else { return nil }
            exponent += exponentNegative ? -written : written
        }
        guard p == last else { return nil }

        if !needsSlowPath, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            let m = Double(mantissa)
            let value = exponent >= 0 ? m * exactPowersOfTen[exponent] : m / exactPowersOfTen[-exponent]
            return negative ? -value : value
        }
        return slowPath(textStart, last)
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

    /// 10⁰ … 10²², every one exactly representable as a `Double` (5²² < 2⁵³).
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let plus = UInt8(ascii: "+")
    private static let minus = UInt8(ascii: "-")
    private static let dot = UInt8(ascii: ".")
    private static let zero = UInt8(ascii: "0")
    private static let letterE = UInt8(ascii: "e")
}
