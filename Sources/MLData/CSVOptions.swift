/// What a reader does with a row whose values cannot be used.
public enum InvalidRowPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Stop with a ``DataError`` naming the file, line and column (the default).
    case error
    /// Drop the row and count it in ``PassReport/skippedRows``, as Spark's
    /// `handleInvalid = "skip"` does. Dropped: rows with an empty, non-numeric or non-finite
    /// value in a used column, an empty categorical field or a value outside a categorical
    /// column's fixed levels, a negative weight, or a different number of fields than the
    /// header (CSV), and malformed lines (LIBSVM). A value met only in dropped rows is no level. A quote without its closing quote stays an
    /// error, because it usually means a quoted field spanning lines, which the reader does
    /// not support, and dropping it could silently lose many rows.
    case skip
}

/// How to read a CSV file.
///
/// ```swift
/// let options = CSVOptions(label: "price", weight: "w", features: ["area", "rooms"])
/// let source = try CSVSource(path: "houses.csv", options: options)
/// ```
public struct CSVOptions: Sendable, Hashable {
    /// The byte between fields (`,` by default; `\t` for TSV, `;`).
    public var delimiter: UInt8
    /// The label column, or `nil` when there is none (for example for predictions).
    public var label: String?
    /// The weight column, or `nil` for unweighted rows.
    public var weight: String?
    /// The feature columns in the order wanted, or `nil` for every column other than the
    /// label and the weight, in file order. Columns not used are never parsed.
    public var features: [String]?
    /// Columns (the label or features, never the weight) read as categorical text rather
    /// than numbers; each is held as the index of its value among the column's levels,
    /// ordered by ``CategoricalLevels`` (see ``ColumnKind``). An empty field is a missing
    /// value. Each name must be a header column; one that is not used is not read.
    public var categorical: Set<String>
    /// Fixed levels for categorical columns, for example a model's classes when it predicts
    /// (a column named here is read as categorical whether or not ``categorical`` names it). A value outside them is
    /// ``DataError/unknownCategory(_:found:known:)``. When the levels are all numbers a value
    /// matches by numeric value (`1.0` matches `1`), otherwise by exact text. Columns of
    /// ``categorical`` not named here get the levels found in the data; names of columns the
    /// file lacks are ignored (a model's label, when predicting from a file without one).
    public var levels: [String: [String]]
    /// What to do with rows whose used values are missing or invalid.
    public var handleInvalid: InvalidRowPolicy
    /// Bytes read and parsed as one chunk (default 4 MiB). Chunk boundaries, and therefore
    /// results, depend on it but never on the thread count; memory is about
    /// `threads × bytesPerBlock` plus the parsed chunks, independent of the file size.
    public var bytesPerBlock: Int

    public static let defaultBytesPerBlock = 4 << 20

    public init(
        delimiter: UInt8 = UInt8(ascii: ","), label: String? = nil, weight: String? = nil,
        features: [String]? = nil, categorical: Set<String> = [], levels: [String: [String]] = [:],
        handleInvalid: InvalidRowPolicy = .error,
        bytesPerBlock: Int = CSVOptions.defaultBytesPerBlock
    ) {
        self.delimiter = delimiter
        self.label = label
        self.weight = weight
        self.features = features
        self.categorical = categorical
        self.levels = levels
        self.handleInvalid = handleInvalid
        self.bytesPerBlock = max(1, bytesPerBlock)
    }
}
