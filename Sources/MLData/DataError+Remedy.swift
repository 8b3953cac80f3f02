extension DataError {
    /// What the user can do about an error, as a value: ``DataError/description`` words it
    /// in the library's terms (`handleInvalid: .skip`), and a command-line tool in its own
    /// (`--handle-invalid skip`).
    public enum Remedy: Hashable, Sendable, CustomStringConvertible {
        /// Fix the value (or the row), or drop such rows with `handleInvalid: .skip`.
        case fixOrSkip(what: String)
        /// Read the file with this delimiter: the header, split at it, names the column wanted.
        case useDelimiter(UInt8)

        public var description: String {
            switch self {
            case .fixOrSkip(let what):
                return "fix \(what) or use handleInvalid: .skip to drop such rows"
            case .useDelimiter(let byte):
                return "use delimiter: \(Self.swiftLiteral(byte)) (the header, split at \(Self.name(of: byte)), "
                    + "names that column)"
            }
        }

        /// The delimiter as a person reads it: `';'`, or `tab`.
        public static func name(of delimiter: UInt8) -> String {
            delimiter == UInt8(ascii: "\t") ? "tab" : "'\(Character(Unicode.Scalar(delimiter)))'"
        }

        private static func swiftLiteral(_ delimiter: UInt8) -> String {
            delimiter == UInt8(ascii: "\t") ? "\"\\t\"" : "\"\(Character(Unicode.Scalar(delimiter)))\""
        }
    }

    /// What to do about the error, or `nil` when there is nothing to suggest beyond the message.
    public var remedy: Remedy? {
        switch self {
        case .invalidNumber, .negativeWeight, .emptyCategory, .unknownCategory:
            return .fixOrSkip(what: "the value")
        case .wrongFieldCount:
            return .fixOrSkip(what: "the row")
        case .unknownColumn(_, let name, _, let available):
            return Self.delimiter(naming: name, in: available).map(Remedy.useDelimiter)
        default:
            return nil
        }
    }

    /// The delimiters tried when a wanted column is missing from a header that may have been
    /// split at the wrong byte, in the order suggested.
    static let commonDelimiters: [UInt8] = [UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|"), UInt8(ascii: ",")]

    /// A common delimiter at which the header's names split into names that include `name`.
    ///
    /// The names as read are split again, so a header `a;b;y` read with `,` as one name
    /// `a;b;y` is found to hold `y` at `;`.
    static func delimiter(naming name: String, in available: [String]) -> UInt8? {
        let wanted = Array(name.utf8)
        for delimiter in commonDelimiters {
            let pieces = available.flatMap { $0.utf8.split(separator: delimiter, omittingEmptySubsequences: false) }
            // More pieces than names: the delimiter occurs in them (and the current one does not).
            guard pieces.count > available.count else { continue }
            if pieces.contains(where: { Self.trimmedQuotes(Array($0)) == wanted }) { return delimiter }
        }
        return nil
    }

    /// A header piece without the blanks and quotes around it.
    private static func trimmedQuotes(_ bytes: [UInt8]) -> [UInt8] {
        let strip: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\"")]
        var piece = bytes[...]
        while let first = piece.first, strip.contains(first) { piece = piece.dropFirst() }
        while let last = piece.last, strip.contains(last) { piece = piece.dropLast() }
        return Array(piece)
    }
}
