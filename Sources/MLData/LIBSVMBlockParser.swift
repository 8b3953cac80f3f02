#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import MLNumerics

/// Parses a block of LIBSVM lines (`label index:value index:value …`, 1-based ascending
/// indices) into a dense ``DataChunk``, or only checks them and finds the largest index.
///
/// Blank lines and lines whose first non-blank character is `#` are skipped. Errors name the
/// 1-based byte column where the bad token starts.
struct LIBSVMBlockParser: Sendable {
    let file: String
    /// The dense width, or `nil` to only scan: check every line and find the largest index.
    let featureCount: Int?
    let policy: InvalidRowPolicy
    /// The label's classes, when labels are read as class codes (``LIBSVMOptions/labelClasses``).
    let classes: [String]?
    /// Each class's number, to its code.
    private let classCodes: [Double: Int]

    init(file: String, featureCount: Int?, policy: InvalidRowPolicy, classes: [String]? = nil) {
        self.file = file
        self.featureCount = featureCount
        self.policy = policy
        self.classes = classes
        var codes: [Double: Int] = [:]
        for (code, name) in (classes ?? []).enumerated() {
            if let value = Double(name), codes[value] == nil { codes[value] = code }
        }
        classCodes = codes
    }

    func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(BlockError) -> ParsedBlock {
        let p = featureCount ?? 0
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            return ParsedBlock(chunk: DataChunk(features: Matrix(rows: 0, columns: p)), lines: 0, skipped: 0)
        }
        let capacity = CSVBlockParser.countNewlines(base, bytes.count) + 1
        // Zero-filled: absent indices are zeros.
        var features = [Double](repeating: 0, count: capacity * p)
        var labels = [Double](repeating: 0, count: capacity)
        var state = State()
        try features.withUnsafeMutableBufferPointer { (featureBuffer) throws(BlockError) in
            try labels.withUnsafeMutableBufferPointer { (labelBuffer) throws(BlockError) in
                try parseLines(base, base + bytes.count, features: featureBuffer, labels: labelBuffer, state: &state)
            }
        }
        features.removeLast(features.count - state.rows * p)
        labels.removeLast(labels.count - state.rows)
        let matrix = (try? Matrix(rows: state.rows, columns: p, elements: features)) ?? Matrix(rows: 0, columns: p)
        return ParsedBlock(
            chunk: DataChunk(features: matrix, labels: labels), lines: state.lines, skipped: state.skipped,
            maxIndex: state.maxIndex)
    }

    private struct State {
        var rows = 0
        var skipped = 0
        var lines = 0
        var maxIndex = 0
    }

    private func parseLines(
        _ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>,
        features: UnsafeMutableBufferPointer<Double>, labels: UnsafeMutableBufferPointer<Double>,
        state: inout State
    ) throws(BlockError) {
        let p = featureCount ?? 0
        var lineStart = start
        while lineStart < end {
            state.lines += 1
            let found = memchr(lineStart, Int32(UInt8(ascii: "\n")), end - lineStart)
            let newlineAt = found.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) } ?? end
            var lineEnd = newlineAt
            if lineEnd > lineStart, lineEnd[-1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            defer { lineStart = newlineAt + 1 }
            var q = lineStart
            while q < lineEnd, Self.isBlank(q.pointee) { q += 1 }
            if q == lineEnd || q.pointee == UInt8(ascii: "#") { continue }

            // Only a dense parse has a row to write; a scan only checks.
            let row = featureCount == nil ? nil : features.baseAddress.map { $0 + state.rows * p }
            var lastIndex = 0
            let problem = parseRow(
                from: q, lineStart: lineStart, lineEnd: lineEnd, row: row, line: state.lines, lastIndex: &lastIndex)
            var code: Double?
            if case .none = problem, let classes {
                let value = label(of: q, lineEnd)
                code = classCodes[value].map(Double.init)
                if code == nil {
                    let error = DataError.unknownCategory(
                        DataError.Location(file: file, line: state.lines, column: 1, columnName: "label"),
                        found: CSVBlockParser.text(q, Self.tokenEnd(q, lineEnd)), known: classes)
                    if policy == .error { throw BlockError(error: error) }
                    if let row { row.update(repeating: 0, count: p) }
                    state.skipped += 1
                    continue
                }
            }
            switch problem {
            case nil:
                labels[state.rows] = code ?? label(of: q, lineEnd)
                // Indices ascend, so a row's last index is its largest.
                state.maxIndex = max(state.maxIndex, lastIndex)
                state.rows += 1
            case .some(.tooMany(let index)):
                throw BlockError(error: .tooManyFeatures(file: file, found: index, limit: LIBSVMOptions.featureLimit))
            case .some(.malformed(let error)):
                if policy == .error { throw BlockError(error: error) }
                // Undo what the bad row wrote: absent values must read as zeros.
                if let row { row.update(repeating: 0, count: p) }
                state.skipped += 1
            }
        }
    }

    private enum Problem {
        case malformed(DataError)
        case tooMany(index: Int)
    }

    /// Parses one non-blank line into `row`; `nil` when it is well formed.
    private func parseRow(
        from first: UnsafePointer<UInt8>, lineStart: UnsafePointer<UInt8>, lineEnd: UnsafePointer<UInt8>,
        row: UnsafeMutablePointer<Double>?, line: Int, lastIndex previous: inout Int
    ) -> Problem? {
        func malformed(_ reason: String, _ s: UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>) -> Problem {
            .malformed(.malformedLine(
                DataError.Location(file: file, line: line, column: s - lineStart + 1),
                reason: reason, found: CSVBlockParser.text(s, e)))
        }
        var token = first
        var tokenEnd = Self.tokenEnd(token, lineEnd)
        guard NumberParser.parse(token, tokenEnd) != nil else {
            return malformed("expected a finite number as the label", token, tokenEnd)
        }
        while true {
            token = tokenEnd
            while token < lineEnd, Self.isBlank(token.pointee) { token += 1 }
            if token == lineEnd { return nil }
            tokenEnd = Self.tokenEnd(token, lineEnd)
            guard let found = memchr(token, Int32(UInt8(ascii: ":")), tokenEnd - token) else {
                return malformed("expected index:value", token, tokenEnd)
            }
            let colon = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
            var index = 0
            var d = token
            while d < colon, case let digit = d.pointee &- UInt8(ascii: "0"), digit < 10, index <= LIBSVMOptions.featureLimit {
                index = index * 10 + Int(digit)
                d += 1
            }
            guard d == colon, colon > token, index >= 1 else {
                if d < colon, d.pointee &- UInt8(ascii: "0") < 10 { return .tooMany(index: index) }
                return malformed("expected a feature index ≥ 1 before ':'", token, tokenEnd)
            }
            guard index > previous else {
                return malformed("expected feature indices in ascending order (after \(previous))", token, tokenEnd)
            }
            if index > LIBSVMOptions.featureLimit { return .tooMany(index: index) }
            if let featureCount, index > featureCount {
                return malformed("expected a feature index ≤ numFeatures (\(featureCount))", token, tokenEnd)
            }
            guard let value = NumberParser.parse(colon + 1, tokenEnd) else {
                return malformed("expected a finite number after ':'", token, tokenEnd)
            }
            row?[index - 1] = value
            previous = index
        }
    }

    private func label(of token: UnsafePointer<UInt8>, _ lineEnd: UnsafePointer<UInt8>) -> Double {
        NumberParser.parse(token, Self.tokenEnd(token, lineEnd)) ?? 0
    }

    private static func tokenEnd(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
        var e = start
        while e < end, !isBlank(e.pointee) { e += 1 }
        return e
    }

    @inline(__always) private static func isBlank(_ b: UInt8) -> Bool {
        b == UInt8(ascii: " ") || b == UInt8(ascii: "\t")
    }
}
