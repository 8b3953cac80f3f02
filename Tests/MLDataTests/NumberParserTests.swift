#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import MLEngine
import Testing

@testable import MLData

/// ``NumberParser`` against the C library's `strtod`, bit for bit.
@Suite struct NumberParserTests {
    static func parse(_ text: String) -> Double? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { NumberParser.parse(UnsafeRawBufferPointer($0)) }
    }

    static func strtodValue(_ text: String) -> Double {
        text.withCString { strtod($0, nil) }
    }

    static let edgeCases: [String] = [
        "0", "-0", "+0", "0.0", "-0.0", "1", "+3", "-7", "1.", ".5", "-.5", "1e5", "1E-5", "1e+5",
        "123.456", "0.1", "0.2", "0.3", "3.141592653589793", "2.718281828459045",
        "9007199254740992", "9007199254740993", "9007199254740991", "18014398509481984",
        "1.7976931348623157e308", "2.2250738585072014e-308", "2.2250738585072011e-308",
        "4.9406564584124654e-324", "5e-324", "2e-324", "1e-400", "1e-323", "1e22", "1e23",
        "1e-22", "1e-23", "9.999999999999999e22", "123456789012345678901234567890",
        "0.000000000000000000000000000001", "1234567890123456789", "12345678901234567890",
        "0.12345678901234567890123", "1e308", "1e-308", "1e-324", "1.0000000000000002",
        "0.30000000000000004", "00000123.4500000", "4503599627370496.5", "4503599627370497.5",
        "  42  ", "\t-1.5\t", "7e0", "1e-0", "100000000000000000000000e-23", "0e999", "-0e-999",
        "8.98846567431158e307", "1.00000000000000011102230246251565404236316680908203125",
    ]

    @Test(arguments: edgeCases)
    func edgeCaseMatchesStrtod(text: String) throws {
        let value = try #require(Self.parse(text), "\(text) should parse")
        #expect(value.bitPattern == Self.strtodValue(text).bitPattern, "\(text)")
    }

    @Test func randomNumbersMatchStrtod() throws {
        var generator = SeededRandom(seed: 1)
        var mismatches: [String] = []
        for i in 0..<200_000 {
            let text: String
            switch i % 5 {
            case 0:
                // Shortest round-trip form of a random double.
                let bits = generator.next() & 0x7FEF_FFFF_FFFF_FFFF
                text = "\(Double(bitPattern: bits))"
            case 1:
                // 17 significant digits, the form of %.17g.
                let x = Double.random(in: -1e6...1e6, using: &generator)
                text = String(format17: x)
            case 2:
                // Random digits and a random exponent around the fast-path limits.
                let digits = Int.random(in: 1...25, using: &generator)
                var s = (0..<digits).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
                let dot = Int.random(in: 0...digits, using: &generator)
                s.insert(".", at: s.index(s.startIndex, offsetBy: dot))
                text = s + "e\(Int.random(in: -30...30, using: &generator))"
            case 3:
                // Mantissas around 2^53 with exponents at ±22/±23.
                let m = (UInt64(1) << 53) + UInt64.random(in: 0...4, using: &generator) - 2
                text = "\(m)e\([-23, -22, 22, 23].randomElement(using: &generator) ?? 0)"
            default:
                // Extreme exponents: subnormals and near overflow.
                text = "\(Int.random(in: 1...99999, using: &generator)).\(Int.random(in: 0...999, using: &generator))e\(Int.random(in: -330 ... -300, using: &generator))"
            }
            guard let value = Self.parse(text), value.bitPattern == Self.strtodValue(text).bitPattern else {
                mismatches.append(text)
                continue
            }
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }

    /// Decimal strings of 16 to 19 significant digits within a hair of the midpoint between
    /// two adjacent doubles — the inputs where a fast path could round the wrong way. The
    /// midpoint is exact in `Float80` (64-bit significand); printed to 19 digits it lands just
    /// below, on, or just above it. Seeded, so the same cases run every time.
    @Test func nearMidpointsMatchStrtod() throws {
        var generator = SeededRandom(seed: 2026)
        var mismatches: [String] = []
        for i in 0..<60_000 {
            let exponent = Int(generator.next() % 40) - 20
            let x = Double(sign: .plus, exponent: exponent, significand: 1 + Double(generator.next() >> 12) * 0x1p-52)
            let neighbour = i % 7 == 0 ? x.nextDown : x.nextUp  // below powers of two too
            let midpoint = (Float80(x) + Float80(neighbour)) / 2
            let digits = 16 + Int(generator.next() % 4)
            let text = withVaList([midpoint]) { args in
                var buffer = [CChar](repeating: 0, count: 64)
                _ = vsnprintf(&buffer, 64, "%.\(digits - 1)Le", args)
                return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
            guard let value = Self.parse(text), value.bitPattern == Self.strtodValue(text).bitPattern else {
                mismatches.append(text)
                continue
            }
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }

    @Test(arguments: [
        "", " ", "nan", "NaN", "inf", "-Inf", "infinity", "INFINITY", "0x1p3", "0x10", "1e", "1e+",
        "e5", ".", "-", "+", "1.2.3", "12a", "1 2", "abc", "1,5", "1e400", "-1e400", "--1", "1d5",
        "\"1\"",
    ])
    func rejects(text: String) {
        #expect(Self.parse(text) == nil, "\(text) should be rejected")
    }
}

extension String {
    /// `x` printed with `%.17g`.
    init(format17 x: Double) {
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([x]) { vsnprintf(&buffer, 64, "%.17g", $0) }
        self = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
