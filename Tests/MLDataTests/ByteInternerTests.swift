import Testing

@testable import MLData

/// The block parser's interner against a dictionary, the naive reference.
@Suite struct ByteInternerTests {
    @Test func matchesADictionaryThroughGrowthAndTakeBacks() {
        var interner = ByteInterner()
        var reference: [[UInt8]: Int] = [:]
        var order: [[UInt8]] = []
        var generator = SplitMix(seed: 11)
        for step in 0..<5_000 {
            // Values of 0–3 bytes from a small alphabet: many repeats, the empty value included.
            let length = Int(generator.next() % 4)
            let value = (0..<length).map { _ in UInt8(ascii: "a") + UInt8(generator.next() % 6) }
            let (index, isNew) = ByteInterner.withBytes(value) { interner.intern($0, $1) }
            #expect(isNew == (reference[value] == nil))
            if isNew {
                reference[value] = order.count
                order.append(value)
                // Every seventh new value is taken back, as when its row is dropped.
                if step % 7 == 0 {
                    interner.removeLast()
                    reference[value] = nil
                    order.removeLast()
                    continue
                }
            }
            #expect(index == reference[value])
        }
        #expect(interner.count == order.count)
        #expect(interner.values == order)
        for (value, index) in reference {
            #expect(ByteInterner.withBytes(value) { interner.find($0, $1) } == index)
        }
        #expect(ByteInterner.withBytes(Array("zzzz".utf8)) { interner.find($0, $1) } == nil)
    }
}
