import MLEngine
import MLNumerics
import Testing

@testable import MLData

/// Data sets built in memory with text labels and categorical columns, and the checks
/// `Dataset` makes of every value.
@Suite struct DatasetCategoricalTests {
    static let x = (try? Matrix(rows: 4, columns: 1, elements: [1, 2, 3, 4])) ?? Matrix(rows: 0, columns: 1)

    @Test func textLabelsBecomeClassesAndCodes() throws {
        let data = try Dataset(features: Self.x, labels: ["dog", "cat", "dog", "Cat"], rowsPerChunk: 3)
        #expect(data.schema.classes == ["Cat", "cat", "dog"])
        #expect(data.schema.labelKind == .categorical(levels: ["Cat", "cat", "dog"]))
        #expect(data.allLabels == [2, 1, 2, 0])
        #expect(data.chunks.count == 2)
        // Numbers as text order by value, as the CSV reader orders them.
        let numeric = try Dataset(features: Self.x, labels: ["2", "10", "9", "2.0"])
        #expect(numeric.schema.classes == ["2", "9", "10"])
        #expect(numeric.allLabels == [0, 2, 1, 0])
    }

    @Test func categoricalFeatureColumns() throws {
        let data = try Dataset(
            columns: [.numeric("age", [31, 45, 27]), .categorical("city", ["Oslo", "Lima", "Oslo"])],
            labels: ["yes", "no", "no"], weights: [1, 2, 1], rowsPerChunk: 2)
        #expect(data.schema.featureNames == ["age", "city"])
        #expect(data.schema.featureKinds == [.numeric, .categorical(levels: ["Lima", "Oslo"])])
        #expect(data.schema.categoricalFeatures.map(\.name) == ["city"])
        #expect(data.schema.classes == ["no", "yes"])
        #expect(data.allRows == [[31, 1], [45, 0], [27, 1]])
        #expect(data.allLabels == [1, 0, 0])
        #expect(data.allWeights == [1, 2, 1])

        let numericLabels = try Dataset(columns: [.categorical("c", ["b", "a"])], labels: [0.5, 1.5])
        #expect(numericLabels.schema.labelKind == .numeric)
        #expect(numericLabels.allRows == [[1], [0]])
        let unlabeled = try Dataset(columns: [.numeric("a", [1, 2])])
        #expect(unlabeled.schema.labelName == nil)
        #expect(unlabeled.rowCount == 2)
    }

    @Test func shapesAndMissingValues() {
        #expect(throws: DataError.shapeMismatch("column 'b' has 1 values; the first has 2")) {
            try Dataset(columns: [.numeric("a", [1, 2]), .categorical("b", ["x"])])
        }
        #expect(throws: DataError.shapeMismatch("3 labels for 4 rows")) {
            try Dataset(features: Self.x, labels: ["a", "b", "c"])
        }
        #expect(throws: DataError.missingCategory(row: 1, column: "b")) {
            try Dataset(columns: [.categorical("b", ["x", "", "y"])])
        }
        #expect(throws: DataError.missingCategory(row: 2, column: "label")) {
            try Dataset(features: Self.x, labels: ["a", "b", "", "c"])
        }
    }

    @Test func nonFiniteValuesAreRejectedWithTheirRowAndColumn() throws {
        var values = (0..<20).map(Double.init)
        values[15] = .infinity  // row 7, column 1 of a 10 × 2 matrix
        let x = try Matrix(rows: 10, columns: 2, elements: values)
        // Row 7 is in the third chunk of three rows: the row counts over all chunks.
        #expect(throws: DataError.nonFiniteValue(row: 7, column: "x2", value: .infinity)) {
            try Dataset(features: x, rowsPerChunk: 3)
        }
        #expect(throws: DataError.nonFiniteValue(row: 7, column: "bmi", value: .infinity)) {
            try Dataset(features: x, featureNames: ["age", "bmi"], rowsPerChunk: 3)
        }
        let labels = (0..<4).map { $0 == 3 ? -Double.infinity : Double($0) }
        #expect(throws: DataError.nonFiniteValue(row: 3, column: "y", value: -.infinity)) {
            try Dataset(features: Self.x, labels: labels, labelName: "y", rowsPerChunk: 2)
        }
        // NaN is never equal to itself, so the error is matched by its parts.
        let error = #expect(throws: DataError.self) {
            try Dataset(features: Self.x, labels: [1, 2, .nan, 4])
        }
        guard case .nonFiniteValue(let row, let column, let value) = error else {
            Issue.record("expected nonFiniteValue, got \(String(describing: error))")
            return
        }
        #expect(row == 2 && column == "label" && value.isNaN)
        #expect(error?.description == "the value of column 'label' in row 2 must be a finite number, found nan")
        // Weights name their row over all chunks too.
        #expect(throws: DataError.invalidWeight(row: 3, value: -1)) {
            try Dataset(features: Self.x, weights: [1, 1, 1, -1], rowsPerChunk: 2)
        }
    }

    @Test func categoricalCodesMustIndexALevel() throws {
        let schema = Schema(
            featureNames: ["a", "c"], labelName: "y",
            featureKinds: [.numeric, .categorical(levels: ["p", "q", "r"])], labelKind: .categorical(levels: ["n", "y"]))
        func chunk(_ rows: [[Double]], labels: [Double]) throws -> DataChunk {
            DataChunk(features: try Matrix(rows), labels: labels)
        }
        let good = try Dataset(schema: schema, chunks: [chunk([[0.5, 2], [7, 0]], labels: [1, 0])])
        #expect(good.rowCount == 2)
        #expect(throws: DataError.invalidCategoryCode(row: 2, column: "c", value: 3, levelCount: 3)) {
            try Dataset(schema: schema, chunks: [chunk([[0, 2], [1, 1]], labels: [0, 0]), chunk([[0, 3]], labels: [0])])
        }
        #expect(throws: DataError.invalidCategoryCode(row: 0, column: "c", value: 1.5, levelCount: 3)) {
            try Dataset(schema: schema, chunks: [chunk([[0, 1.5]], labels: [0])])
        }
        #expect(throws: DataError.invalidCategoryCode(row: 1, column: "y", value: -1, levelCount: 2)) {
            try Dataset(schema: schema, chunks: [chunk([[0, 1], [0, 1]], labels: [0, -1])])
        }
        let wrongKinds = Schema(featureNames: ["a"], featureKinds: [.numeric, .numeric])
        #expect(throws: DataError.shapeMismatch("the schema gives 2 kinds for 1 features")) {
            try Dataset(schema: wrongKinds, chunks: [])
        }
    }
}
