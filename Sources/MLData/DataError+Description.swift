extension DataError: CustomStringConvertible {
    /// One line for a person: where (`file:line:column:`), what was expected, what was found,
    /// and, where it helps, what to do — for example
    /// `train.csv:17:3: expected a number in column 'bmi', found "abc"; …`.
    public var description: String {
        switch self {
        case .cannotOpen(let file, let reason):
            return "\(file): cannot open the file: \(reason)"
        case .readFailed(let file, let reason):
            return "\(file): reading the file failed: \(reason)"
        case .emptyFile(let file):
            return "\(file): the file is empty; expected a header line naming the columns"
        case .noDataRows(let file):
            return "\(file): the file has no data rows, only a header"
        case .noUsableRows(let file, let skipped):
            return "\(file): all \(skipped) data rows were dropped as invalid; none is left to use"
        case .unknownColumn(let file, let name, let role, let available):
            return "\(file): no column named '\(name)' for the \(role); available columns: "
                + Self.list(available)
        case .duplicateColumn(let file, let name):
            return "\(file): column '\(name)' is named twice in the header or chosen for two roles "
                + "(label, weight, features); give each column one role and a unique name"
        case .invalidNumber(let location, let found):
            let what = found.isEmpty ? "an empty field" : "\"\(found)\""
            return "\(location.prefix) expected a finite number\(location.inColumn), found \(what); "
                + "fix the value or use --handle-invalid skip to drop such rows"
        case .wrongFieldCount(let location, let expected, let found):
            return "\(location.prefix) expected \(expected) fields as in the header, found \(found); "
                + "fix the row or use --handle-invalid skip to drop such rows"
        case .unterminatedQuote(let location):
            return "\(location.prefix) a quoted field\(location.inColumn) has no closing quote on its line "
                + "(quoted fields may not span lines)"
        case .negativeWeight(let location, let found):
            return "\(location.prefix) expected a weight ≥ 0\(location.inColumn), found \"\(found)\"; "
                + "fix the value or use --handle-invalid skip to drop such rows"
        case .malformedLine(let location, let reason, let found):
            return "\(location.prefix) \(reason), found \"\(found)\""
        case .tooManyFeatures(let file, let found, let limit):
            return "\(file): \(found) features exceed the limit of \(limit) for dense chunks"
        case .shapeMismatch(let detail):
            return "the data's shapes do not fit together: \(detail)"
        case .invalidWeight(let row, let value):
            return "the weight of row \(row) must be finite and ≥ 0, found \(value)"
        }
    }

    /// At most 20 names, quoted, then how many more there are.
    private static func list(_ names: [String]) -> String {
        guard !names.isEmpty else { return "(none)" }
        let shown = names.prefix(20).map { "'\($0)'" }.joined(separator: ", ")
        return names.count > 20 ? "\(shown) and \(names.count - 20) more" : shown
    }
}

extension DataError.Location {
    /// `file:line:column:` (the column only when known).
    fileprivate var prefix: String {
        if let column { return "\(file):\(line):\(column):" }
        return "\(file):\(line):"
    }

    /// ` in column 'name'`, or nothing when the column has no name.
    fileprivate var inColumn: String {
        columnName.map { " in column '\($0)'" } ?? ""
    }
}
