/// The roles of a CSV file's columns, resolved from its header and the options: which column
/// is the label, the weight and each feature, and which are read as categorical.
struct CSVLayout: Sendable {
    /// A categorical column: its file column, where its codes go, and its levels when fixed.
    struct Categorical: Sendable {
        var column: Int
        /// A feature slot (≥ 0) or ``CSVBlockParser/labelRole``.
        var role: Int32
        var fixedLevels: [String]?
    }

    /// Every header name, in file order.
    let names: [String]
    /// The role of every file column (``CSVBlockParser/unused`` when not read).
    let roles: [Int32]
    let featureNames: [String]
    /// The used columns read as categorical, in file order.
    let categorical: [Categorical]

    /// - Throws: ``DataError/unknownColumn(file:name:role:available:)``,
    ///   ``DataError/duplicateColumn(file:name:)`` and
    ///   ``DataError/categoricalWeight(file:name:)``.
    init(names: [String], options: CSVOptions, path: String) throws(DataError) {
        func index(of name: String, role: String) throws(DataError) -> Int {
            guard let i = names.firstIndex(of: name) else {
                throw .unknownColumn(file: path, name: name, role: role, available: names)
            }
            if names.lastIndex(of: name) != i { throw .duplicateColumn(file: path, name: name) }
            return i
        }
        var roles = [Int32](repeating: CSVBlockParser.unused, count: names.count)
        func assign(_ role: Int32, to column: Int) throws(DataError) {
            guard roles[column] == CSVBlockParser.unused else {
                throw .duplicateColumn(file: path, name: names[column])
            }
            roles[column] = role
        }
        if let label = options.label { try assign(CSVBlockParser.labelRole, to: index(of: label, role: "label")) }
        if let weight = options.weight { try assign(CSVBlockParser.weightRole, to: index(of: weight, role: "weight")) }
        var featureNames: [String] = []
        if let wanted = options.features {
            for name in wanted {
                try assign(Int32(featureNames.count), to: index(of: name, role: "feature"))
                featureNames.append(name)
            }
        } else {
            for (column, name) in names.enumerated() where roles[column] == CSVBlockParser.unused {
                if names.lastIndex(of: name) != column || names.firstIndex(of: name) != column {
                    throw .duplicateColumn(file: path, name: name)
                }
                roles[column] = Int32(featureNames.count)
                featureNames.append(name)
            }
        }

        var categorical: [Categorical] = []
        for name in options.categorical.union(options.levels.keys).sorted() {
            if let weight = options.weight, name == weight { throw .categoricalWeight(file: path, name: name) }
            guard let column = names.firstIndex(of: name) else {
                // Levels from a model may name a column this file lacks (the label, when
                // predicting); a column named categorical by the user must exist.
                if options.levels[name] != nil { continue }
                throw .unknownColumn(file: path, name: name, role: "categorical column", available: names)
            }
            // A categorical column that is not used is not read at all.
            guard roles[column] != CSVBlockParser.unused else { continue }
            categorical.append(Categorical(column: column, role: roles[column], fixedLevels: options.levels[name]))
        }
        self.names = names
        self.roles = roles
        self.featureNames = featureNames
        self.categorical = categorical.sorted { $0.column < $1.column }
    }

    /// Whether some categorical column takes its levels from the data.
    var hasFreeLevels: Bool { categorical.contains { $0.fixedLevels == nil } }

    /// The schema with `levels` for the categorical columns, in the order of ``categorical``
    /// (empty for columns whose levels are not known yet).
    func schema(options: CSVOptions, levels: [[String]]) -> Schema {
        var featureKinds = [ColumnKind](repeating: .numeric, count: featureNames.count)
        var labelKind = ColumnKind.numeric
        for (column, columnLevels) in zip(categorical, levels) {
            if column.role >= 0 {
                featureKinds[Int(column.role)] = .categorical(levels: columnLevels)
            } else {
                labelKind = .categorical(levels: columnLevels)
            }
        }
        return Schema(
            featureNames: featureNames, labelName: options.label, weightName: options.weight,
            featureKinds: featureKinds, labelKind: labelKind)
    }

    /// The fixed levels given, `[]` where the data will tell.
    var givenLevels: [[String]] { categorical.map { $0.fixedLevels ?? [] } }

    /// A block parser; `matchers` (one per categorical column, `nil` to intern the values)
    /// default to the fixed levels given.
    func parser(path: String, options: CSVOptions, matchers: [LevelMatcher?]? = nil) -> CSVBlockParser {
        let matchers = matchers ?? categorical.map { $0.fixedLevels.map(LevelMatcher.init(levels:)) }
        var categoricalIndex = [Int32](repeating: -1, count: names.count)
        for (index, column) in categorical.enumerated() { categoricalIndex[column.column] = Int32(index) }
        return CSVBlockParser(
            file: path, delimiter: options.delimiter, columnNames: names, roles: roles,
            featureCount: featureNames.count, hasLabel: options.label != nil, hasWeight: options.weight != nil,
            policy: options.handleInvalid,
            categorical: zip(categorical, matchers).map { CategoricalColumn(column: $0.column, role: $0.role, matcher: $1) },
            categoricalIndex: categoricalIndex)
    }
}
