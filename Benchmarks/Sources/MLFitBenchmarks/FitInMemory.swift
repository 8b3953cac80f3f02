import ArgumentParser
import Foundation
import MLFit

/// mlfit's counterpart of the peers' scripts, run as a child process like them: loads the
/// CSV into a ``Dataset`` (the library's in-memory form), times one fit of the case's
/// ``BenchmarkCase/libraryFit(arguments:label:)`` on it, and prints a JSON line of the peers'
/// form.
struct FitInMemory: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit-in-memory",
        abstract: "Load a CSV into memory, time one fit of a benchmark case, print JSON (as the peers do).",
        shouldDisplay: false)
    @Option(help: "The benchmark case.")
    var `case`: CaseName
    @Argument(help: "The CSV file.")
    var file: String
    @Option var label = "y"
    @Option var threads: Int = ExecutionOptions.availableCores
    @Argument(parsing: .allUnrecognized, help: "The case's own arguments.")
    var caseArguments: [String] = []

    func run() throws {
        let start = now()
        let fit = try `case`.type.libraryFit(arguments: caseArguments, label: label)
        let options = ExecutionOptions(threads: threads)
        let (data, _) = try CSVSource(path: file, options: fit.csv).load(options: options)
        let read = now()
        var json = try fit.fit(data, options)
        let done = now()
        json.merge([
            "peer": "mlfit", "rows": data.rowCount, "threads": threads, "import_seconds": 0.0,
            "read_seconds": read - start, "fit_seconds": done - read, "onedal": false,
        ]) { caseValue, _ in caseValue }
        let encoded = try JSONSerialization.data(withJSONObject: json)
        print(String(decoding: encoded, as: UTF8.self))
    }
}
