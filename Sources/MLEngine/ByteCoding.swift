/// Appends numbers and byte strings to a message in a fixed little-endian layout, the form in
/// which statistics and outcomes cross processes (see ``Communicator``).
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public mutating func write(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func write(_ value: Int) { write(UInt64(bitPattern: Int64(value))) }

    /// The exact bits of `value` (NaN payloads and signed zeros included).
    public mutating func write(_ value: Double) { write(value.bitPattern) }

    public mutating func write(_ values: [Double]) {
        write(values.count)
        bytes.reserveCapacity(bytes.count + 8 * values.count)
        for value in values { write(value) }
    }

    /// A length, then the bytes.
    public mutating func write(bytes other: some Collection<UInt8>) {
        write(other.count)
        bytes.append(contentsOf: other)
    }

    /// The 8 bytes of one integer.
    public static func bytes(of value: Int) -> [UInt8] {
        var writer = ByteWriter(capacity: 8)
        writer.write(value)
        return writer.bytes
    }
}

/// Reads what a ``ByteWriter`` wrote, checking every length against what is left, so a
/// truncated or corrupt message throws ``ByteReader/Truncated`` instead of reading past its end.
public struct ByteReader: Sendable {
    /// A message that ends before what it announces.
    public struct Truncated: Error, Hashable, Sendable, CustomStringConvertible {
        public let needed: Int
        public let left: Int
        public init(needed: Int, left: Int) {
            self.needed = needed
            self.left = left
        }
        public var description: String { "a message ended early: \(needed) more bytes announced, \(left) left" }
    }

    private let bytes: [UInt8]
    public private(set) var offset: Int

    public init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    private mutating func take(_ count: Int) throws(Truncated) -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - offset else {
            throw Truncated(needed: count, left: bytes.count - offset)
        }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    public mutating func readUInt64() throws(Truncated) -> UInt64 {
        let slice = try take(8)
        var value: UInt64 = 0
        for (shift, byte) in slice.enumerated() { value |= UInt64(byte) << (8 * UInt64(shift)) }
        return value
    }

    public mutating func readInt() throws(Truncated) -> Int { Int(Int64(bitPattern: try readUInt64())) }

    public mutating func readDouble() throws(Truncated) -> Double { Double(bitPattern: try readUInt64()) }

    public mutating func readDoubles() throws(Truncated) -> [Double] {
        let count = try readInt()
        guard count >= 0, count <= (bytes.count - offset) / 8 else {
            throw Truncated(needed: count &* 8, left: bytes.count - offset)
        }
        var values = [Double]()
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try readDouble()) }
        return values
    }

    public mutating func readBytes() throws(Truncated) -> [UInt8] { Array(try take(try readInt())) }

    /// The integer in the first 8 bytes of `bytes`, or 0 when there are fewer.
    public static func int(_ bytes: [UInt8]) -> Int {
        var reader = ByteReader(bytes)
        return (try? reader.readInt()) ?? 0
    }
}
