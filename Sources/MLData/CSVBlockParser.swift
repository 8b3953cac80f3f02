#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import MLNumerics

/// Parses a block of whole CSV lines into a ``DataChunk``.
///
/// One forward scan over the bytes with pointers: no allocation per row or field, and no
/// `String` unless an error message is built. Each used numeric field is parsed by
/// ``NumberParser``; each categorical one is matched to fixed levels or interned
/// (``CategoricalFields``); unused columns are skipped without being parsed.
struct CSVBlockParser: Sendable {
    /// The role of a file column: a feature slot (≥ 0) or one of these.
    static let unused: Int32 = -1
    static let labelRole: Int32 = -2
    static let weightRole: Int32 = -3

    let file: String
    let delimiter: UInt8
    /// Header names, for error messages.
    let columnNames: [String]
    /// The role of every file column.
    let roles: [Int32]
    let featureCount: Int
    let hasLabel: Bool
    let hasWeight: Bool
    let policy: InvalidRowPolicy
    /// The columns read as categorical, and for every file column its index among them
    /// (`-1` for a numeric or unused column).
    let categorical: [CategoricalColumn]
    let categoricalIndex: [Int32]

    /// The chunk of the rows in `bytes`; errors are located relative to the block's lines.
    func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(BlockError) -> ParsedBlock {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            return ParsedBlock(
                chunk: DataChunk(features: Matrix(rows: 0, columns: featureCount)), lines: 0, skipped: 0,
                categories: CategoricalFields(columnCount: categorical.count).interners)
        }
        // Every row ends a line, so the line count bounds the rows: size the outputs once.
        let capacity = Self.countNewlines(base, bytes.count) + 1
        let p = featureCount
        var labels = [Double](repeating: 0, count: hasLabel ? capacity : 0)
        var weights = [Double](repeating: 0, count: hasWeight ? capacity : 0)
        var counts = Counts()
        var fields = CategoricalFields(columnCount: categorical.count)
        var failure: BlockError?
        let features = [Double](unsafeUninitializedCapacity: max(1, capacity * p)) { buffer, initialized in
            labels.withUnsafeMutableBufferPointer { labelBuffer in
                weights.withUnsafeMutableBufferPointer { weightBuffer in
                    let output = Output(
                        features: buffer.baseAddress, labels: labelBuffer.baseAddress,
                        weights: weightBuffer.baseAddress)
                    do throws(BlockError) {
                        try parseLines(base, base + bytes.count, into: output, counts: &counts, fields: &fields)
                    } catch {
                        failure = error
                    }
                }
            }
            initialized = failure == nil ? counts.rows * p : 0
        }
        if let failure { throw failure }
        labels.removeLast(labels.count - (hasLabel ? counts.rows : 0))
        weights.removeLast(weights.count - (hasWeight ? counts.rows : 0))
        let matrix = (try? Matrix(rows: counts.rows, columns: p, elements: features)) ?? Matrix(rows: 0, columns: p)
        return ParsedBlock(
            chunk: DataChunk(features: matrix, labels: labels, weights: weights),
            lines: counts.lines, skipped: counts.skipped, categories: fields.interners)
    }

    private struct Output {
        var features: UnsafeMutablePointer<Double>?
        var labels: UnsafeMutablePointer<Double>?
        var weights: UnsafeMutablePointer<Double>?
    }

    private struct Counts {
        var rows = 0
        var skipped = 0
        var lines = 0
    }

    private func parseLines(
        _ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, into output: Output, counts: inout Counts,
        fields: inout CategoricalFields
    ) throws(BlockError) {
        let p = featureCount
        let columnCount = roles.count
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
        let delimiter = self.delimiter
        let hasCategorical = !categorical.isEmpty
        try roles.withUnsafeBufferPointer { (roles) throws(BlockError) in
            var lineStart = start
            while lineStart < end {
                counts.lines += 1
                let line = counts.lines
                let found = memchr(lineStart, Int32(newline), end - lineStart)
                let newlineAt = found.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) } ?? end
                var lineEnd = newlineAt
                if lineEnd > lineStart, lineEnd[-1] == cr { lineEnd -= 1 }
                defer { lineStart = newlineAt + 1 }

                // Blank lines (empty, or only spaces and tabs) are not rows.
                var firstByte = lineStart
                while firstByte < lineEnd, firstByte.pointee == space || firstByte.pointee == tab { firstByte += 1 }
                if firstByte == lineEnd { continue }

                let row = output.features.map { $0 + counts.rows * p }
                // The first problem of the row, kept as plain values: the `DataError` (with
                // its strings) is only built when there is one.
                var problem = RowProblem.none
                var problemColumn = 0
                var problemText = (start: lineStart, end: lineStart)
                var problemQuoted = false
                var column = 0
                var field = lineStart
                while true {
                    var fieldEnd: UnsafePointer<UInt8>
                    let role = column < columnCount ? roles[column] : Self.unused
                    // Blanks before the field's content (unless the delimiter itself is a blank).
                    var q = field
                    while q < lineEnd, q.pointee != delimiter, q.pointee == space || q.pointee == tab { q += 1 }
                    if q < lineEnd, q.pointee == quote {
                        // A quoted field: up to the closing quote, `""` standing for one quote.
                        var r = q + 1
                        var closed = false
                        var escaped = false
                        while r < lineEnd {
                            if r.pointee == quote {
                                if r + 1 < lineEnd, r[1] == quote { r += 2; escaped = true; continue }
                                closed = true
                                break
                            }
                            r += 1
                        }
                        guard closed else {
                            throw BlockError(error: .unterminatedQuote(location(line: line, column: column)))
                        }
                        var contentStart = q + 1
                        var contentEnd = r
                        fieldEnd = r + 1
                        while fieldEnd < lineEnd, fieldEnd.pointee != delimiter,
                            fieldEnd.pointee == space || fieldEnd.pointee == tab
                        { fieldEnd += 1 }
                        if fieldEnd < lineEnd, fieldEnd.pointee != delimiter {
                            // Text after the closing quote makes the whole field the value.
                            while fieldEnd < lineEnd, fieldEnd.pointee != delimiter { fieldEnd += 1 }
                            (contentStart, contentEnd) = Self.trimmed(field, fieldEnd)
                            escaped = false
                        }
                        if role != Self.unused, problem == .none {
                            if hasCategorical, case let index = Int(categoricalIndex[column]), index >= 0 {
                                let outcome = fields.code(
                                    of: contentStart, contentEnd, unescape: escaped,
                                    column: index, in: categorical, row: counts.rows)
                                problem = store(outcome, role: role, row: row, output: output, index: counts.rows)
                            } else {
                                let value = NumberParser.parse(contentStart, contentEnd)
                                problem = store(value, role: role, row: row, output: output, index: counts.rows)
                            }
                            if problem != .none {
                                (problemColumn, problemText, problemQuoted) = (column, (contentStart, contentEnd), escaped)
                            }
                        }
                    } else if role != Self.unused, problem == .none {
                        if hasCategorical, case let index = Int(categoricalIndex[column]), index >= 0 {
                            // A categorical value: the field up to the delimiter, blanks trimmed.
                            fieldEnd = q
                            while fieldEnd < lineEnd, fieldEnd.pointee != delimiter { fieldEnd += 1 }
                            let (valueStart, valueEnd) = Self.trimmed(q, fieldEnd)
                            let outcome = fields.code(
                                of: valueStart, valueEnd, unescape: false, column: index, in: categorical, row: counts.rows)
                            problem = store(outcome, role: role, row: row, output: output, index: counts.rows)
                            if problem != .none { (problemColumn, problemText) = (column, (valueStart, valueEnd)) }
                        } else {
                            // The number is parsed straight from the bytes; the field must end there.
                            let (parsed, afterNumber) = NumberParser.parsePrefix(q, lineEnd)
                            var value = parsed
                            var stop = afterNumber
                            while stop < lineEnd, stop.pointee != delimiter, stop.pointee == space || stop.pointee == tab {
                                stop += 1
                            }
                            fieldEnd = stop
                            if stop < lineEnd, stop.pointee != delimiter {
                                value = nil
                                while fieldEnd < lineEnd, fieldEnd.pointee != delimiter { fieldEnd += 1 }
                            }
                            problem = store(value, role: role, row: row, output: output, index: counts.rows)
                            if problem != .none { (problemColumn, problemText) = (column, (field, fieldEnd)) }
                        }
                    } else {
                        fieldEnd = q
                        while fieldEnd < lineEnd, fieldEnd.pointee != delimiter { fieldEnd += 1 }
                    }
                    if problem != .none, policy == .error {
                        throw BlockError(error: dataError(
                            problem, line: line, column: problemColumn, text: problemText, quoted: problemQuoted))
                    }
                    column += 1
                    if fieldEnd >= lineEnd { break }
                    field = fieldEnd + 1
                }

                var rowError: DataError? = nil
                if problem != .none {
                    rowError = dataError(problem, line: line, column: problemColumn, text: problemText, quoted: problemQuoted)
                } else if column != columnCount {
                    // Point at the first missing field, or at the first extra one.
                    let at = min(column, columnCount)
                    var where_ = location(line: line, column: at)
                    if column > columnCount { where_.columnName = nil }
                    rowError = .wrongFieldCount(where_, expected: columnCount, found: column)
                    if policy == .error, let rowError { throw BlockError(error: rowError) }
                }
                if rowError == nil {
                    counts.rows += 1
                } else {
                    counts.skipped += 1
                    if hasCategorical { fields.drop(row: counts.rows) }
                }
            }
        }
    }

    /// What can be wrong with a used field.
    private enum RowProblem { case none, invalidNumber, negativeWeight, emptyCategory, unknownCategory }

    /// Stores a parsed value in its place, or says what is wrong with it.
    @inline(__always)
    private func store(
        _ value: Double?, role: Int32, row: UnsafeMutablePointer<Double>?, output: Output, index: Int
    ) -> RowProblem {
        guard let value else { return .invalidNumber }
        if role >= 0 {
            row?[Int(role)] = value
        } else if role == Self.labelRole {
            output.labels?[index] = value
        } else if value < 0 {
            return .negativeWeight
        } else {
            output.weights?[index] = value
        }
        return .none
    }

    /// Stores a categorical value's code in its place, or says what is wrong with it.
    @inline(__always)
    private func store(
        _ outcome: CategoricalFields.Outcome, role: Int32, row: UnsafeMutablePointer<Double>?, output: Output,
        index: Int
    ) -> RowProblem {
        switch outcome {
        case .code(let code): return store(Double(code), role: role, row: row, output: output, index: index)
        case .empty: return .emptyCategory
        case .unknown: return .unknownCategory
        }
    }

    private func dataError(
        _ problem: RowProblem, line: Int, column: Int,
        text: (start: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>), quoted: Bool
    ) -> DataError {
        let found = Self.text(Self.trimmed(text.start, text.end))
        let location = location(line: line, column: column)
        switch problem {
        case .negativeWeight: return .negativeWeight(location, found: found)
        case .emptyCategory: return .emptyCategory(location)
        case .unknownCategory:
            let value = quoted ? Self.text(Self.unquoted(text.start, text.end)) : Self.text(text.start, text.end)
            let known = categorical[Int(categoricalIndex[column])].matcher?.levels ?? []
            return .unknownCategory(location, found: value, known: known)
        default: return .invalidNumber(location, found: found)
        }
    }

    /// The bytes without the blanks around them.
    private static func trimmed(
        _ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>
    ) -> (UnsafePointer<UInt8>, UnsafePointer<UInt8>) {
        var (a, b) = (start, end)
        while a < b, a.pointee == UInt8(ascii: " ") || a.pointee == UInt8(ascii: "\t") { a += 1 }
        while b > a, b[-1] == UInt8(ascii: " ") || b[-1] == UInt8(ascii: "\t") { b -= 1 }
        return (a, b)
    }

    /// The place of 0-based field `column` on block line `line`.
    private func location(line: Int, column: Int) -> DataError.Location {
        DataError.Location(
            file: file, line: line, column: column + 1,
            columnName: column < columnNames.count ? columnNames[column] : nil)
    }

    /// The bytes as text for a message, cut to 40 characters.
    static func text(_ range: (UnsafePointer<UInt8>, UnsafePointer<UInt8>)) -> String {
        text(range.0, range.1)
    }

    static func text(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> String {
        text(String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self))
    }

    static func text(_ bytes: [UInt8]) -> String {
        text(String(decoding: bytes, as: UTF8.self))
    }

    private static func text(_ all: String) -> String {
        all.count > 40 ? String(all.prefix(40)) + "…" : all
    }

    static func countNewlines(_ start: UnsafePointer<UInt8>, _ count: Int) -> Int {
        var n = 0
        var p = start
        let end = start + count
        while p < end, let found = memchr(p, Int32(UInt8(ascii: "\n")), end - p) {
            n += 1
            p = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return n
    }
}
