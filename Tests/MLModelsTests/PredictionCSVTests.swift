import Testing

@testable import MLModels

/// `mlfit predict` writes each column in its own form.
@Suite struct PredictionCSVTests {
    @Test func eachKindOfColumnIsWrittenInItsForm() throws {
        let columns = [
            PredictionColumn(name: "prediction", values: .labels(["yes", "a,b", "say \"hi\"", ""])),
            PredictionColumn(name: "cluster", values: .integers([3, 0, -1, 12])),
            PredictionColumn(name: "probability_a,b", values: .numbers([0.1, 3, 1e-7, 2.5e300])),
        ]
        let names = columns.map(\.name)
        var text = PredictionCSV.header(names)
        try PredictionCSV.appendRows(of: columns, named: names, to: &text)
        #expect(text == """
            prediction,cluster,"probability_a,b"
            yes,3,0.1
            "a,b",0,3.0
            "say ""hi""\",-1,1e-07
            "",12,2.5e+300

            """)
    }

    @Test func numbersRoundTrip() throws {
        let values = [0.1 + 0.2, -1 / 3.0, .leastNonzeroMagnitude, 1.7976931348623157e308]
        var text = ""
        try PredictionCSV.appendRows(
            of: [PredictionColumn(name: "p", values: .numbers(values))], named: ["p"], to: &text)
        let back = text.split(separator: "\n").compactMap { Double($0) }
        #expect(back.map(\.bitPattern) == values.map(\.bitPattern))
    }

    @Test func columnsOtherThanDeclaredAreAnError() {
        var text = ""
        #expect(throws: PredictionColumnError.self) {
            try PredictionCSV.appendRows(
                of: [PredictionColumn(name: "q", values: .numbers([1]))], named: ["p"], to: &text)
        }
        #expect(throws: PredictionColumnError.self) {
            try PredictionCSV.appendRows(
                of: [PredictionColumn(name: "p", values: .numbers([1, 2])),
                     PredictionColumn(name: "c", values: .integers([1]))],
                named: ["p", "c"], to: &text)
        }
        #expect(text.isEmpty)
    }
}
