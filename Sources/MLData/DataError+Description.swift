extension DataError: CustomStringConvertible {
    /// One line for a person: where (`file:line:column:`), what was expected, what was found,
    /// and, where it helps, what to do in the library's terms — for example
    /// `train.csv:17:3: expected a finite number in column 'bmi', found "abc"; fix the value
    /// or use handleInvalid: .skip to drop such rows`. A command-line tool shows ``problem``
    /// with ``remedy`` put in its own terms instead.
    public var description: String {
        remedy.map { "\(problem); \($0)" } ?? problem
    }

    /// What is wrong, where, and what was found: the ``description`` without the remedy.
    public var problem: String {
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
            return "\(location.prefix) expected a finite number\(location.inColumn), found \(what)"
        case .wrongFieldCount(let location, let expected, let found):
            return "\(location.prefix) expected \(expected) fields as in the header, found \(found)"
        case .unterminatedQuote(let location):
            return "\(location.prefix) a quoted field\(location.inColumn) has no closing quote on its line "
                + "(quoted fields may not span lines)"
        case .negativeWeight(let location, let found):
            return "\(location.prefix) expected a weight ≥ 0\(location.inColumn), found \"\(found)\""
        case .malformedLine(let location, let reason, let found):
            return "\(location.prefix) \(reason), found \"\(found)\""
        case .tooManyFeatures(let file, let found, let limit):
            return "\(file): \(found) features exceed the limit of \(limit) for dense chunks"
        case .shapeMismatch(let detail):
            return "the data's shapes do not fit together: \(detail)"
        case .invalidWeight(let row, let value):
            return "the weight of row \(row) must be finite and ≥ 0, found \(value)"
        case .emptyCategory(let location):
            return "\(location.prefix) the field is empty in categorical column '\(location.columnName ?? "?")'; "
                + "an empty field is a missing value, not a category"
        case .unknownCategory(let location, let found, let known):
            return "\(location.prefix) expected one of the known values of categorical column "
                + "'\(location.columnName ?? "?")' (\(Self.list(known))), found \"\(found)\""
        case .headerMismatch(let file, let expected, let found, let reference):
            return "\(file): the header (\(Self.list(found))) differs from \(reference)'s (\(Self.list(expected))); "
                + "files read as one data set need the same columns in the same order"
        case .categoricalWeight(let file, let name):
            return "\(file): column '\(name)' is the weight and cannot be categorical; weights are numbers ≥ 0"
        case .nonFiniteValue(let row, let column, let value):
            return "the value of column '\(column)' in row \(row) must be a finite number, found \(value)"
        case .missingCategory(let row, let column):
            return "the value of categorical column '\(column)' in row \(row) is empty; "
                + "an empty value is a missing value, not a category"
        case .invalidCategoryCode(let row, let column, let value, let levelCount):
            return "the code of categorical column '\(column)' in row \(row) must be an integer in "
                + "0..<\(levelCount) (the index of a level), found \(value)"
        }
    }

    /// At most 20 names, quoted, then how many more there are.
    static func list(_ names: [String]) -> String {
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
