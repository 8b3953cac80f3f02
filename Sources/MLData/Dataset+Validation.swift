extension Dataset {
    /// Checks the values of `chunk`, whose first row is row `firstRow` of the data set:
    /// finite numbers, categorical codes that index a level, weights finite and ≥ 0.
    static func check(_ chunk: DataChunk, schema: Schema, firstRow: Int) throws(DataError) {
        // Per feature, its number of levels, or -1 for a numeric feature.
        let levelCounts = schema.featureKinds.map { $0.levels?.count ?? -1 }
        let p = chunk.featureCount
        let failure: (row: Int, column: Int, value: Double)? = chunk.features.withUnsafeBufferPointer { values in
            for i in 0..<chunk.rowCount {
                for j in 0..<p where !Self.isValid(values[i * p + j], levelCount: levelCounts[j]) {
                    return (i, j, values[i * p + j])
                }
            }
            return nil
        }
        if let failure {
            throw error(
                row: firstRow + failure.row, column: schema.featureNames[failure.column], value: failure.value,
                levelCount: levelCounts[failure.column])
        }
        let labelLevels = schema.labelKind.levels?.count ?? -1
        if let bad = chunk.labels.firstIndex(where: { !Self.isValid($0, levelCount: labelLevels) }) {
            throw error(
                row: firstRow + bad, column: schema.labelName ?? "label", value: chunk.labels[bad],
                levelCount: labelLevels)
        }
        if let bad = chunk.weights.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) {
            throw .invalidWeight(row: firstRow + bad, value: chunk.weights[bad])
        }
    }

    /// A finite number for a numeric column (`levelCount` -1); an integer in `0..<levelCount`
    /// for a categorical one.
    @inline(__always)
    private static func isValid(_ value: Double, levelCount: Int) -> Bool {
        if levelCount < 0 { return value.isFinite }
        return value >= 0 && value < Double(levelCount) && value.rounded(.towardZero) == value
    }

    private static func error(row: Int, column: String, value: Double, levelCount: Int) -> DataError {
        levelCount >= 0
            ? .invalidCategoryCode(row: row, column: column, value: value, levelCount: levelCount)
            : .nonFiniteValue(row: row, column: column, value: value)
    }
}
