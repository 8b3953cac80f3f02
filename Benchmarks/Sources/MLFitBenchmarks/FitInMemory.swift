import ArgumentParser
import Foundation
import MLFit

/// mlfit's counterpart of the peers' scripts, run as a child process like them: loads the CSV
/// into a ``Dataset`` (the library's in-memory form), then times one `LinearRegression.fit`
/// on it, and prints the same JSON line as the peers.
struct FitInMemory: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit-in-memory",
        abstract: "Load a CSV into memory, time one linear-regression fit, print JSON (as the peers do).",
        shouldDisplay: false)
    @Argument(help: "The CSV file.")
    var file: String
    @Option var label = "y"
    @Option var model: String = LinearVariant.ridge.rawValue
    @Option var regParam = 0.01
    @Option var elasticNetParam = 0.5
    @Option var tol = 1e-6
    @Option var maxIter = 100
    @Option var threads: Int = ExecutionOptions.availableCores
    @Option var solver = LinearRegression.Solver.auto.rawValue

    func run() throws {
        guard let variant = LinearVariant(rawValue: model) else {
            throw ValidationError("--model must be one of \(LinearVariant.allCases.map(\.rawValue)); got '\(model)'")
        }
        let start = now()
        let settings = FitSettings(regParam: regParam, elasticNetParam: elasticNetParam, tol: tol, maxIter: maxIter)
        let options = ExecutionOptions(threads: threads)
        var csv = CSVOptions()
        csv.label = label
        let (data, _) = try CSVSource(path: file, options: csv).load(options: options)
        let read = now()
        guard let solverValue = LinearRegression.Solver(rawValue: solver) else {
            throw ValidationError("--solver must be one of \(LinearRegression.Solver.allCases.map(\.rawValue)); got '\(solver)'")
        }
        var estimator = variant.estimator(settings)
        estimator.solver = solverValue
        let fitted = try estimator.fit(data, options: options)
        let done = now()
        let summary = fitted.summary
        let json: [String: Any] = [
            "peer": "mlfit", "estimator": "LinearRegression", "solver": summary.solver.rawValue, "rows": data.rowCount,
            "features": fitted.coefficients.count, "threads": threads,
            "import_seconds": 0.0, "read_seconds": read - start, "fit_seconds": done - read, "onedal": false,
            "iterations": summary.iterations ?? 0, "rmse": summary.rootMeanSquaredError,
            "objective": summary.objective, "intercept": fitted.intercept, "coefficients": fitted.coefficients,
        ]
        let encoded = try JSONSerialization.data(withJSONObject: json)
        print(String(decoding: encoded, as: UTF8.self))
    }
}
