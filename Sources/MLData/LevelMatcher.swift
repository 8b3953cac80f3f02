/// Finds the code of a field's value among fixed levels — a model's classes or categories, or
/// the levels a first scan of the file found — without building a `String`.
///
/// When the levels are numeric (``CategoricalLevels/isNumeric(_:)``) a value matches by its
/// numeric value, so `1.0` finds level `1`; otherwise by its exact bytes.
struct LevelMatcher: Sendable {
    /// The levels, for messages about a value outside them.
    let levels: [String]
    let isNumeric: Bool
    /// Numeric levels by the bit pattern of their value, `-0` stored as `+0`.
    private let byValue: [UInt64: Int]
    /// Text spellings and the code of each.
    private let spellings: ByteInterner
    private let codes: [Int]

    /// Matches the levels themselves.
    init(levels: [String]) {
        self.init(levels: levels, spellings: levels.map { Array($0.utf8) }, codes: Array(levels.indices))
    }

    /// Matches `spellings` — the byte strings a scan met, of which several may spell one
    /// numeric level — to `codes` among `levels`.
    init(levels: [String], spellings: [[UInt8]], codes: [Int]) {
        self.levels = levels
        isNumeric = CategoricalLevels.isNumeric(levels)
        var byValue: [UInt64: Int] = [:]
        if isNumeric {
            for (code, level) in levels.enumerated() {
                if let value = CategoricalLevels.number(level) { byValue[Self.key(value)] = byValue[Self.key(value)] ?? code }
            }
        }
        self.byValue = byValue
        var interner = ByteInterner(capacity: spellings.count)
        var kept: [Int] = []
        for (spelling, code) in zip(spellings, codes) {
            let added = ByteInterner.withBytes(spelling) { interner.intern($0, $1) }
            if added.isNew { kept.append(code) }
        }
        self.spellings = interner
        self.codes = kept
    }

    /// The code of the value in `start..<end` (unquoted, trimmed), or `nil` when it is none
    /// of the levels.
    @inline(__always)
    func code(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Int? {
        if isNumeric {
            guard let value = NumberParser.parse(start, end) else { return nil }
            return byValue[Self.key(value)]
        }
        return spellings.find(start, end - start).map { codes[$0] }
    }

    @inline(__always)
    private static func key(_ value: Double) -> UInt64 {
        (value == 0 ? 0 : value).bitPattern
    }
}
