import ArgumentParser
import Foundation
import MLFit

@main
struct MLFitBenchmarks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlfit-benchmarks",
        abstract: "Speed, memory and quality benchmarks of mlfit against its peers, on generated data.",
        subcommands: [Generate.self, Kernels.self, CSV.self, Compare.self, Scaling.self, All.self,
                      MeasureChild.self, FitInMemory.self])
}

/// This package's folder (Benchmarks/), from this source file's path.
let benchmarksFolder: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// The size and seed of a generated data set.
struct DataShape: Sendable {
    var rows = 500_000
    var features = 50
    var seed: UInt64 = 42
}

/// `--rows`, `--features`, `--seed`.
struct ShapeOptions: ParsableArguments {
    @Option(help: "Rows to generate.")
    var rows: Int = 500_000
    @Option(help: "Features to generate.")
    var features: Int = 50
    @Option(help: "Seed of the generator.")
    var seed: UInt64 = 42

    var shape: DataShape { DataShape(rows: rows, features: features, seed: seed) }

    func validate() throws {
        guard rows >= 1, features >= 1, features <= 4096 else {
            throw ValidationError("--rows must be ≥ 1 and --features in 1...4096")
        }
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a deterministic synthetic CSV (header x1..xP and the task's label).")
    @OptionGroup var shape: ShapeOptions
    @Option(help: "What to generate: \(GeneratorTask.allCases.map(\.rawValue).joined(separator: ", ")).")
    var task: GeneratorTask = .regression
    @Option(help: "The CSV file to write.")
    var output: String
    @Option(help: "Formatting threads (the output does not depend on it).")
    var threads: Int = ExecutionOptions.availableCores

    func run() throws {
        let (bytes, seconds) = try task.write(shape.shape, to: output, threads: threads)
        print("wrote \(output): \(shape.rows) × \(shape.features), \(fmt(Double(bytes) / 1e6, 1)) MB in \(fmt(seconds, 2)) s"
              + " (\(fmt(Double(bytes) / 1e6 / seconds, 0)) MB/s)")
    }
}

struct Kernels: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "GFLOP/s of dsyrk, of the library's Gram, QR and logistic Newton passes and k-means distance step, dgemm and memory bandwidth; a tree level against the bandwidth.")
    @OptionGroup var shape: ShapeOptions
    @Option(help: "Timed repetitions of each kernel (the fastest is reported).")
    var repeats: Int = 3

    func run() throws {
        let results = try KernelBenchmarks.run(
            rows: shape.rows, features: shape.features, seed: shape.seed, repeats: repeats)
        for table in results.tables { table.print() }
        let logistic = try LogisticKernelBenchmarks.run(
            rows: shape.rows, features: shape.features, seed: shape.seed, repeats: repeats)
        logistic.table.print()
        let kmeans = try KMeansKernelBenchmarks.run(
            rows: shape.rows, features: shape.features, seed: shape.seed, repeats: repeats)
        kmeans.table.print()
        let tree = try TreeKernelBenchmarks.run(
            rows: shape.rows, features: shape.features, seed: shape.seed, repeats: repeats,
            bandwidth: results.rates["bandwidth"] ?? [:])
        tree.table.print()
    }
}

struct CSV: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "CSV parse throughput and linear-regression fit throughput from a CSV file.")
    @Option(help: "The CSV file (see `generate`).")
    var file: String
    @Option(help: "The label column.")
    var label = "y"
    @Option(help: "Thread counts to run, comma-separated.")
    var threads = "1,2"
    @Option(help: "Timed repetitions (the median is reported).")
    var repeats: Int = 3
    @Option(help: "λ of the fits.")
    var regParam = 0.01

    func run() throws {
        let results = try CSVBenchmarks.run(
            file: file, label: label, threadCounts: try parseThreads(threads), repeats: repeats, regParam: regParam)
        for table in results.tables { table.print() }
    }
}

func parseThreads(_ text: String) throws -> [Int] {
    let counts = text.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard !counts.isEmpty, counts.allSatisfy({ $0 >= 1 && $0 <= 1024 }) else {
        throw ValidationError("--threads must be thread counts in 1...1024 separated by commas; got '\(text)'")
    }
    return counts
}

/// The helper behind ``runMeasured(_:scratch:)``: runs a command and writes its wall time,
/// peak RSS (from `wait4`) and exit code as JSON.
struct MeasureChild: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure-child", abstract: "Run a command; record its wall time and peak RSS.",
        shouldDisplay: false)
    @Option(help: "Folder for the command's stdout and stderr (child.out, child.err).")
    var scratch: String
    @Option(help: "Where to write the JSON result.")
    var result: String
    @Argument(parsing: .captureForPassthrough)
    var command: [String]

    func run() throws {
        let arguments = command.first == "--" ? Array(command.dropFirst()) : command
        let run = try runChild(arguments, scratch: scratch)
        let json: [String: Any] = ["seconds": run.seconds, "peakRSS": run.peakRSS, "exitCode": Int(run.exitCode)]
        let data = try JSONSerialization.data(withJSONObject: json)
        try data.write(to: URL(fileURLWithPath: result))
    }
}
