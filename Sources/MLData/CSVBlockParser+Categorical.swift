/// A column the CSV block parser reads as categorical.
struct CategoricalColumn: Sendable {
    /// The 0-based file column.
    let column: Int
    /// Where its codes go: a feature slot (≥ 0) or ``CSVBlockParser/labelRole``.
    let role: Int32
    /// Fixed levels to match, or `nil` to intern the values the block meets (codes local to
    /// the block, remapped once the levels of the whole file are known).
    let matcher: LevelMatcher?
}

/// The categorical values of one block as they are parsed: one interner per column whose
/// levels are not fixed, and room to unquote a field.
struct CategoricalFields {
    private(set) var interners: [ByteInterner]
    /// A quoted field with `""` in it, unquoted; reused for every such field of the block.
    private var scratch: [UInt8] = []
    /// Per column, the row whose value was the newest interned, to take it back when that
    /// row is dropped.
    private var newestRow: [Int]

    init(columnCount: Int) {
        interners = Array(repeating: ByteInterner(), count: columnCount)
        newestRow = Array(repeating: -1, count: columnCount)
    }

    enum Outcome { case code(Int), empty, unknown }

    /// The code of the value in `start..<end` of categorical column `index` on row `row`
    /// (the row's index in the block's output); `unescape` when the value is a quoted field's
    /// content holding `""`.
    @inline(__always)
    mutating func code(
        of start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, unescape: Bool,
        column index: Int, in columns: [CategoricalColumn], row: Int
    ) -> Outcome {
        guard start < end else { return .empty }
        if unescape {
            scratch.removeAll(keepingCapacity: true)
            var p = start
            while p < end {
                scratch.append(p.pointee)
                p += p.pointee == UInt8(ascii: "\"") && p + 1 < end && p[1] == UInt8(ascii: "\"") ? 2 : 1
            }
            return scratch.withUnsafeBufferPointer { bytes in
                guard let base = bytes.baseAddress else { return .empty }
                return code(of: base, base + bytes.count, column: index, in: columns, row: row)
            }
        }
        return code(of: start, end, column: index, in: columns, row: row)
    }

    @inline(__always)
    private mutating func code(
        of start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>,
        column index: Int, in columns: [CategoricalColumn], row: Int
    ) -> Outcome {
        if let matcher = columns[index].matcher {
            return matcher.code(start, end).map(Outcome.code) ?? .unknown
        }
        let (code, isNew) = interners[index].intern(start, end - start)
        if isNew { newestRow[index] = row }
        return .code(code)
    }

    /// Takes back the values row `row` added: the row is dropped, and a value met only in
    /// dropped rows is no level (so a scan and a load agree with what the fit sees).
    mutating func drop(row: Int) {
        for index in interners.indices where newestRow[index] == row {
            interners[index].removeLast()
            newestRow[index] = -1
        }
    }
}

extension CSVBlockParser {
    /// `""` inside a quoted field's content as one quote, for messages.
    static func unquoted(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> [UInt8] {
        var bytes: [UInt8] = []
        var p = start
        while p < end {
            bytes.append(p.pointee)
            p += p.pointee == UInt8(ascii: "\"") && p + 1 < end && p[1] == UInt8(ascii: "\"") ? 2 : 1
        }
        return bytes
    }
}
