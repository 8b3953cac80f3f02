/// Why input data could not be used. Every case that concerns a file names the file and,
/// where it applies, the 1-based line and column and the text that was found.
public enum DataError: Error, Hashable, Sendable, Codable {
    /// A place in an input file: 1-based line, and 1-based field column with its header name.
    public struct Location: Hashable, Sendable, Codable {
        public var file: String
        public var line: Int
        public var column: Int?
        public var columnName: String?
        public init(file: String, line: Int, column: Int? = nil, columnName: String? = nil) {
            self.file = file
            self.line = line
            self.column = column
            self.columnName = columnName
        }
    }

    case cannotOpen(file: String, reason: String)
    case readFailed(file: String, reason: String)
    case emptyFile(file: String)
    case noDataRows(file: String)
    /// Every data row was dropped as invalid (`handleInvalid: .skip`), so none is left to use.
    case noUsableRows(file: String, skipped: Int)
    case unknownColumn(file: String, name: String, role: String, available: [String])
    case duplicateColumn(file: String, name: String)
    /// A field that should hold a finite number holds something else (or nothing).
    case invalidNumber(Location, found: String)
    /// A row with a different number of fields than the header.
    case wrongFieldCount(Location, expected: Int, found: Int)
    case unterminatedQuote(Location)
    case negativeWeight(Location, found: String)
    /// A LIBSVM line that does not read as `label index:value …`.
    case malformedLine(Location, reason: String, found: String)
    case tooManyFeatures(file: String, found: Int, limit: Int)
    /// Arrays handed to ``Dataset`` do not fit together.
    case shapeMismatch(String)
    /// A weight given in memory is negative or not finite (`row` counts from 0 over all chunks).
    case invalidWeight(row: Int, value: Double)
    /// An empty field in a categorical column: a missing value, not a category.
    case emptyCategory(Location)
    /// A value outside the fixed levels of a categorical column (for example a class the
    /// model never saw), with the levels it could have been.
    case unknownCategory(Location, found: String, known: [String])
    /// A file of a multi-file data set whose header differs from the first file's (`reference`).
    case headerMismatch(file: String, expected: [String], found: [String], reference: String)
    /// The weight column was named categorical; weights are numbers.
    case categoricalWeight(file: String, name: String)
    /// A feature or label given in memory is NaN or infinite (`row` counts from 0 over all
    /// chunks; `column` is the feature's or the label's name).
    case nonFiniteValue(row: Int, column: String, value: Double)
    /// A categorical value given in memory is empty: a missing value, not a category.
    case missingCategory(row: Int, column: String)
    /// A categorical column's code in memory is not an integer in `0..<levelCount`.
    case invalidCategoryCode(row: Int, column: String, value: Double, levelCount: Int)
}
