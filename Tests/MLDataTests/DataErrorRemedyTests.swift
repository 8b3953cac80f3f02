import MLEngine
import Testing

@testable import MLData

/// What an error suggests doing, as a value the library and the command line word each in
/// their own terms.
@Suite struct DataErrorRemedyTests {
    @Test(arguments: [
        ("a;b;y\n1;2;3\n", UInt8(ascii: ";")),
        ("a\tb\ty\n1\t2\t3\n", UInt8(ascii: "\t")),
        ("a|b| y \n1|2|3\n", UInt8(ascii: "|")),
    ])
    func headerReadAsOneColumnSuggestsTheDelimiter(text: String, delimiter: UInt8) throws {
        let files = try TestFiles()
        let path = try files.write("d.csv", text)
        let error = #expect(throws: DataError.self) { try CSVSource(path: path, options: CSVOptions(label: "y")) }
        #expect(error?.remedy == .useDelimiter(delimiter))
    }

    @Test func commaFileReadWithSemicolonsSuggestsTheComma() throws {
        let files = try TestFiles()
        let path = try files.write("d.csv", "a,b,y\n1,2,3\n")
        let error = #expect(throws: DataError.self) {
            try CSVSource(path: path, options: CSVOptions(delimiter: UInt8(ascii: ";"), label: "y"))
        }
        #expect(error?.remedy == .useDelimiter(UInt8(ascii: ",")))
        #expect(error?.description.hasSuffix("use delimiter: \",\" (the header, split at ',', names that column)") == true)
    }

    @Test func wordingOfTheLibrary() {
        let semicolon = DataError.unknownColumn(file: "t.csv", name: "y", role: "label", available: ["a;b;y"])
        #expect(semicolon.description == "t.csv: no column named 'y' for the label; available columns: 'a;b;y'; "
            + "use delimiter: \";\" (the header, split at ';', names that column)")
        let tab = DataError.unknownColumn(file: "t.csv", name: "y", role: "label", available: ["a\tb\ty"])
        #expect(tab.description.hasSuffix("use delimiter: \"\\t\" (the header, split at tab, names that column)"))
        #expect(DataError.Remedy.fixOrSkip(what: "the row").description
            == "fix the row or use handleInvalid: .skip to drop such rows")
    }

    @Test func noSuggestionWithoutAReason() {
        // The header splits at ';' but the wanted name is not among the pieces.
        #expect(DataError.unknownColumn(file: "t", name: "z", role: "label", available: ["a;b;y"]).remedy == nil)
        // A plain typo: nothing splits.
        #expect(DataError.unknownColumn(file: "t", name: "pric", role: "label", available: ["price", "a"]).remedy == nil)
        #expect(DataError.emptyFile(file: "t").remedy == nil)
        #expect(DataError.emptyFile(file: "t").description == DataError.emptyFile(file: "t").problem)
    }

    @Test func everyNewMessageIsOneLine() {
        let location = DataError.Location(file: "f.csv", line: 3, column: 2, columnName: "c")
        let all: [DataError] = [
            .emptyCategory(location), .unknownCategory(location, found: "x", known: ["a", "b"]),
            .categoricalWeight(file: "f.csv", name: "w"), .nonFiniteValue(row: 1, column: "c", value: .infinity),
            .missingCategory(row: 1, column: "c"), .invalidCategoryCode(row: 1, column: "c", value: 4, levelCount: 3),
        ]
        for error in all {
            #expect(!error.description.contains("\n"))
            #expect(error.description.hasPrefix(error.problem))
            #expect(!error.description.contains("--"), "library messages name no command-line flag")
        }
        #expect(all[0].description == "f.csv:3:2: the field is empty in categorical column 'c'; an empty field is "
            + "a missing value, not a category; fix the value or use handleInvalid: .skip to drop such rows")
    }
}
