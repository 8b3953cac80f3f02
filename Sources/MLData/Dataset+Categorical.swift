import MLNumerics

/// One feature column given in memory: numbers, or text values read as categorical.
public enum FeatureColumn: Sendable, Hashable {
    case numeric(String, [Double])
    /// Held as codes among the column's levels, ordered by ``CategoricalLevels``; an empty
    /// value is missing and rejected.
    case categorical(String, [String])

    public var name: String {
        switch self {
        case .numeric(let name, _), .categorical(let name, _): name
        }
    }

    var count: Int {
        switch self {
        case .numeric(_, let values): values.count
        case .categorical(_, let values): values.count
        }
    }
}

extension Dataset {
    /// A data set whose label is categorical: a classifier's classes, ordered by
    /// ``CategoricalLevels`` and held as codes (`Double` 0, 1, …). The schema's
    /// ``Schema/classes`` are the levels.
    ///
    /// ```swift
    /// let data = try Dataset(features: x, labels: ["cat", "dog", "cat"])
    /// data.schema.classes  // ["cat", "dog"]
    /// ```
    ///
    /// - Throws: ``DataError/missingCategory(row:column:)`` for an empty label, and the
    ///   errors of `init(features:labels:weights:…)` with numeric labels.
    public init(
        features: Matrix, labels: [String], weights: [Double]? = nil, featureNames: [String]? = nil,
        labelName: String = "label", weightName: String = "weight", rowsPerChunk: Int? = nil
    ) throws(DataError) {
        let (classes, codes) = try Self.encode(labels, column: labelName)
        try self.init(
            features: features, featureKinds: nil, labels: codes, labelKind: .categorical(levels: classes),
            weights: weights, featureNames: featureNames, labelName: labelName, weightName: weightName,
            rowsPerChunk: rowsPerChunk)
    }

    /// A data set from feature columns, numeric or categorical, with optional numeric labels.
    ///
    /// ```swift
    /// let data = try Dataset(
    ///     columns: [.numeric("age", [31, 45]), .categorical("city", ["Oslo", "Lima"])],
    ///     labels: [1.5, 2.5])
    /// data.schema.featureKinds[1]  // .categorical(levels: ["Lima", "Oslo"])
    /// ```
    ///
    /// - Throws: ``DataError/shapeMismatch(_:)`` when the columns differ in length,
    ///   ``DataError/missingCategory(row:column:)`` for an empty categorical value, and the
    ///   errors of ``init(schema:chunks:)``.
    public init(
        columns: [FeatureColumn], labels: [Double]? = nil, weights: [Double]? = nil,
        labelName: String = "label", weightName: String = "weight", rowsPerChunk: Int? = nil
    ) throws(DataError) {
        let (features, kinds) = try Self.matrix(of: columns, rows: labels?.count ?? weights?.count ?? 0)
        try self.init(
            features: features, featureKinds: kinds, labels: labels, labelKind: .numeric, weights: weights,
            featureNames: columns.map(\.name), labelName: labelName, weightName: weightName,
            rowsPerChunk: rowsPerChunk)
    }

    /// A data set from feature columns with a categorical label (see
    /// `init(features:labels:…)` with text labels).
    public init(
        columns: [FeatureColumn], labels: [String], weights: [Double]? = nil,
        labelName: String = "label", weightName: String = "weight", rowsPerChunk: Int? = nil
    ) throws(DataError) {
        let (features, kinds) = try Self.matrix(of: columns, rows: labels.count)
        let (classes, codes) = try Self.encode(labels, column: labelName)
        try self.init(
            features: features, featureKinds: kinds, labels: codes, labelKind: .categorical(levels: classes),
            weights: weights, featureNames: columns.map(\.name), labelName: labelName, weightName: weightName,
            rowsPerChunk: rowsPerChunk)
    }

    /// The columns side by side as a row-major matrix, categorical ones as codes.
    /// `rows` is the row count when there is no column.
    private static func matrix(
        of columns: [FeatureColumn], rows: Int
    ) throws(DataError) -> (Matrix, [ColumnKind]) {
        let n = columns.first?.count ?? rows
        if let uneven = columns.first(where: { $0.count != n }) {
            throw .shapeMismatch("column '\(uneven.name)' has \(uneven.count) values; the first has \(n)")
        }
        let p = columns.count
        var elements = [Double](repeating: 0, count: n * p)
        var kinds: [ColumnKind] = []
        for (j, column) in columns.enumerated() {
            let values: [Double]
            switch column {
            case .numeric(_, let numbers):
                values = numbers
                kinds.append(.numeric)
            case .categorical(let name, let text):
                let (levels, codes) = try encode(text, column: name)
                values = codes
                kinds.append(.categorical(levels: levels))
            }
            for i in 0..<n { elements[i * p + j] = values[i] }
        }
        let matrix = (try? Matrix(rows: n, columns: p, elements: elements)) ?? Matrix(rows: 0, columns: p)
        return (matrix, kinds)
    }

    /// The levels of `values` and each value's code, rejecting empty values as missing.
    private static func encode(_ values: [String], column: String) throws(DataError) -> ([String], [Double]) {
        if let empty = values.firstIndex(where: \.isEmpty) { throw .missingCategory(row: empty, column: column) }
        let (levels, codes) = CategoricalLevels.encode(values)
        return (levels, codes.map(Double.init))
    }
}
