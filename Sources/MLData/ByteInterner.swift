/// Distinct byte strings in the order they were first met, each found again by its hash.
///
/// The block parser interns the values of a categorical column with it: open addressing with
/// linear probing over a power-of-two table, the bytes of each new value copied once into one
/// arena. Looking up or adding a value already met allocates nothing, so a row costs a hash
/// and a comparison, never a `String`.
struct ByteInterner: Sendable {
    /// The bytes of every value, one after the other.
    private var arena: [UInt8] = []
    /// Value `i` is `arena[ends[i - 1] ..< ends[i]]` (from 0 for the first).
    private var ends: [Int] = []
    private var hashes: [UInt64] = []
    /// Value indices by hash slot; `-1` marks an empty slot.
    private var table: [Int32]
    /// The slot of the newest value, so that it can be taken back (``removeLast()``).
    private var newestSlot = -1

    init(capacity: Int = 8) {
        var size = 16
        while size < 2 * capacity { size *= 2 }
        table = [Int32](repeating: -1, count: size)
    }

    /// The values given, in order (the first of any repeated one kept).
    init(_ values: [[UInt8]]) {
        self.init(capacity: values.count)
        for value in values {
            _ = Self.withBytes(value) { intern($0, $1) }
        }
    }

    var count: Int { ends.count }

    /// The bytes of value `index`.
    func bytes(_ index: Int) -> ArraySlice<UInt8> {
        arena[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
    }

    /// Every value's bytes, in order.
    var values: [[UInt8]] { (0..<count).map { Array(bytes($0)) } }

    /// The index of the `length` bytes at `start`, adding them when new.
    @inline(__always)
    mutating func intern(_ start: UnsafePointer<UInt8>, _ length: Int) -> (index: Int, isNew: Bool) {
        let hash = Self.hash(start, length)
        var slot = Int(truncatingIfNeeded: hash) & (table.count - 1)
        while true {
            let found = Int(table[slot])
            if found < 0 { break }
            if hashes[found] == hash, matches(found, start, length) { return (found, false) }
            slot = (slot + 1) & (table.count - 1)
        }
        if 2 * (count + 1) > table.count {
            grow()
            return intern(start, length)
        }
        let index = count
        arena.append(contentsOf: UnsafeBufferPointer(start: start, count: length))
        ends.append(arena.count)
        hashes.append(hash)
        table[slot] = Int32(index)
        newestSlot = slot
        return (index, true)
    }

    /// The index of the `length` bytes at `start`, or `nil` when they were never added.
    @inline(__always)
    func find(_ start: UnsafePointer<UInt8>, _ length: Int) -> Int? {
        let hash = Self.hash(start, length)
        var slot = Int(truncatingIfNeeded: hash) & (table.count - 1)
        while true {
            let found = Int(table[slot])
            if found < 0 { return nil }
            if hashes[found] == hash, matches(found, start, length) { return found }
            slot = (slot + 1) & (table.count - 1)
        }
    }

    /// Takes back the value added last, when the row that brought it is dropped. Only the
    /// newest value can be taken back: with linear probing no later value probed past its
    /// slot, so emptying the slot breaks no chain.
    mutating func removeLast() {
        guard newestSlot >= 0, let end = ends.popLast() else { return }
        hashes.removeLast()
        arena.removeLast(end - (ends.last ?? 0))
        table[newestSlot] = -1
        newestSlot = -1
    }

    private func matches(_ index: Int, _ start: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        let from = index == 0 ? 0 : ends[index - 1]
        guard ends[index] - from == length else { return false }
        return arena.withUnsafeBufferPointer { stored in
            var i = 0
            while i < length, stored[from + i] == start[i] { i += 1 }
            return i == length
        }
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: -1, count: table.count * 2)
        let mask = bigger.count - 1
        for (index, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while bigger[slot] >= 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(index)
        }
        table = bigger
        // A value added before the growth can no longer be taken back by its old slot.
        newestSlot = -1
    }

    /// FNV-1a, 64-bit: short values are what categorical columns hold, and it needs no setup.
    @inline(__always)
    private static func hash(_ start: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in 0..<length { h = (h ^ UInt64(start[i])) &* 0x0000_0100_0000_01b3 }
        return h
    }

    /// Calls `body` with a pointer to `bytes` and their count; the pointer is valid even for
    /// no bytes, where an empty array has no storage.
    static func withBytes<R>(_ bytes: [UInt8], _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
        bytes.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { return body(base, buffer.count) }
            var zero: UInt8 = 0
            return withUnsafePointer(to: &zero) { body($0, 0) }
        }
    }
}
