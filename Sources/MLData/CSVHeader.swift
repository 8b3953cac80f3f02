#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The header line of a CSV file and where the data after it begin.
struct CSVHeader: Sendable {
    /// Column names as written (quotes removed, surrounding spaces and tabs trimmed).
    var names: [String]
    /// Bytes up to and including the header's newline.
    var dataOffset: Int
    /// The header's 1-based line number (1 unless blank lines precede it).
    var line: Int
    /// Whether anything but blank lines follows the header (`false` only when certain).
    var mayHaveData: Bool

    /// Reads the first non-blank line of `path`, skipping a UTF-8 byte order mark.
    static func read(path: String, delimiter: UInt8) throws(DataError) -> CSVHeader {
        let reader = try TextBlockReader(path: path, offset: 0, bytesPerBlock: 64 << 10)
        var offset = 0
        var line = 0
        var pending: [UInt8] = []
        var atEnd = false
        func nextLine() throws(DataError) -> [UInt8]? {
            while true {
                if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let text = Array(pending[..<newline])
                    pending.removeFirst(newline + 1)
                    offset += newline + 1
                    return text
                }
                if atEnd {
                    guard !pending.isEmpty else { return nil }
                    defer { offset += pending.count; pending = [] }
                    return pending
                }
                if let block = try reader.next() { pending += block } else { atEnd = true }
            }
        }
        while let text = try nextLine() {
            line += 1
            var bytes = text[...]
            if line == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
            if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
            guard !isBlank(bytes) else { continue }
            let names = try split(Array(bytes), delimiter: delimiter, file: path, line: line)
            let dataOffset = offset
            // A cheap look ahead so that a header-only file fails when it is opened.
            var mayHaveData = false
            while let next = try nextLine() {
                if !isBlank(next[...]) {
                    mayHaveData = true
                    break
                }
                if offset > 1 << 20 {
                    mayHaveData = true
                    break
                }
            }
            return CSVHeader(names: names, dataOffset: dataOffset, line: line, mayHaveData: mayHaveData)
        }
        throw .emptyFile(file: path)
    }

    private static func isBlank(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
    }

    /// The header's fields, unquoted (`""` inside quotes is one quote) and trimmed.
    static func split(_ bytes: [UInt8], delimiter: UInt8, file: String, line: Int) throws(DataError) -> [String] {
        let quote = UInt8(ascii: "\"")
        var names: [String] = []
        var current: [UInt8] = []
        var i = 0
        var inQuotes = false
        var quoteColumn = 0
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == quote {
                    if i + 1 < bytes.count, bytes[i + 1] == quote {
                        current.append(quote)
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    current.append(b)
                }
            } else if b == delimiter {
                names.append(trimmed(current))
                current = []
            } else if b == quote, current.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
                inQuotes = true
                quoteColumn = names.count
                current = []
            } else {
                current.append(b)
            }
            i += 1
        }
        if inQuotes {
            throw .unterminatedQuote(DataError.Location(file: file, line: line, column: quoteColumn + 1))
        }
        names.append(trimmed(current))
        return names
    }

    private static func trimmed(_ bytes: [UInt8]) -> String {
        let isSpace = { (b: UInt8) in b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
        let start = bytes.firstIndex { !isSpace($0) } ?? bytes.count
        let end = (bytes.lastIndex { !isSpace($0) } ?? -1) + 1
        return start < end ? String(decoding: bytes[start..<end], as: UTF8.self) : ""
    }
}
