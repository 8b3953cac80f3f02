import ArgumentParser
import Foundation
import MLFit

@main
struct MLFitBenchmarks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlfit-benchmarks",
        abstract: "Throughput and memory benchmarks of mlfit on generated data.",
        subcommands: [Generate.self, Kernels.self, CSV.self, Compare.self, All.self, MeasureChild.self])
}

/// This package's folder (Benchmarks/), from this source file's path.
let benchmarksFolder: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

struct DataShape: ParsableArguments {
    @Option(help: "Rows to generate.")
    var rows: Int = 500_000
    @Option(help: "Features to generate.")
    var features: Int = 50
    @Option(help: "Seed of the generator.")
    var seed: UInt64 = 42

    func validate() throws {
        guard rows >= 1, features >= 1, features <= 4096 else {
            throw ValidationError("--rows must be ≥ 1 and --features in 1...4096")
        }
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a deterministic synthetic regression CSV (header x1..xP,y).")
    @OptionGroup var shape: DataShape
    @Option(help: "The CSV file to write.")
    var output: String
    @Option(help: "Formatting threads (the output does not depend on it).")
    var threads: Int = ExecutionOptions.availableCores

    func run() throws {
        let (bytes, seconds) = try Generate.write(shape, to: output, threads: threads)
        print("wrote \(output): \(shape.rows) × \(shape.features), \(fmt(Double(bytes) / 1e6, 1)) MB in \(fmt(seconds, 2)) s"
              + " (\(fmt(Double(bytes) / 1e6 / seconds, 0)) MB/s)")
    }

    static func write(_ shape: DataShape, to path: String, threads: Int) throws -> (Int, Double) {
        let data = Synthetic(rows: shape.rows, features: shape.features, seed: shape.seed)
        return try time { try data.write(to: path, threads: max(1, threads)) }
    }
}

struct Kernels: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "GFLOP/s of dsyrk, of the library's Gram and QR passes, dgemm and memory bandwidth.")
    @OptionGroup var shape: DataShape
    @Option(help: "Timed repetitions of each kernel (the fastest is reported).")
    var repeats: Int = 3

    func run() throws {
        let results = try KernelBenchmarks.run(
            rows: shape.rows, features: shape.features, seed: shape.seed, repeats: repeats)
        for table in results.tables { table.print() }
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

struct PeerOptions: ParsableArguments {
    @Option(help: "The mlfit executable (built with `swift build -c release --product mlfit` in the package root).")
    var mlfit: String = benchmarksFolder + "/../.build/release/mlfit"
    @Option(help: "The Python interpreter of the peers.")
    var python = "python3"
    @Option(help: "Folder of the peer scripts.")
    var peers: String = benchmarksFolder + "/peers"
    @Option(help: "Folder for model files and child output.")
    var scratch = "/tmp/mlfit-benchmarks"
    @Option(help: "Runs of each program (the median is reported).")
    var `repeat`: Int = 5
    @Option(help: "λ of the fits.")
    var regParam = 0.01

    func validate() throws {
        guard `repeat` >= 1 else { throw ValidationError("--repeat must be ≥ 1") }
        guard FileManager.default.isExecutableFile(atPath: mlfit) else {
            throw ValidationError("no mlfit executable at \(mlfit); build it with `swift build -c release --product mlfit` or pass --mlfit")
        }
    }

    func makeScratch() throws {
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    }
}

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Whole-process wall time and peak RSS of `mlfit train` vs pandas + scikit-learn(-intelex) Ridge.")
    @Option(help: "The CSV file (see `generate`).")
    var file: String
    @Option(help: "The label column.")
    var label = "y"
    @Option(help: "More CSV files (same columns) whose peak RSS under `mlfit train` is reported.")
    var memoryFile: [String] = []
    @OptionGroup var peer: PeerOptions

    func run() throws {
        try peer.makeScratch()
        let results = try CompareBenchmarks.run(
            file: file, mlfit: peer.mlfit, peers: peer.peers, python: peer.python, repeats: peer.repeat,
            regParam: peer.regParam, label: label, scratch: peer.scratch, memoryFiles: [file] + memoryFile)
        for table in results.tables { table.print() }
    }
}

struct All: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate data, run every benchmark, and write the Markdown report.")
    @OptionGroup var shape: DataShape
    @Option(help: "Where the generated CSV files go.")
    var dataDirectory = "/tmp/mlfit-benchmarks"
    @Option(help: "The larger file for the memory check has this many times the rows.")
    var memoryScale: Int = 4
    @Option(help: "Timed repetitions of the in-process benchmarks.")
    var repeats: Int = 3
    @Option(help: "Write the report (Markdown) to this file, e.g. ../docs/benchmarks.md.")
    var markdown: String?
    @Flag(help: "Regenerate the CSV files even when they exist.")
    var regenerate = false
    @OptionGroup var peer: PeerOptions

    func run() throws {
        try peer.makeScratch()
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let threads = ExecutionOptions.availableCores
        let name = "\(dataDirectory)/synthetic-\(shape.rows)x\(shape.features)-s\(shape.seed).csv"
        var bigShape = shape
        bigShape.rows = shape.rows * max(1, memoryScale)
        let bigName = "\(dataDirectory)/synthetic-\(bigShape.rows)x\(shape.features)-s\(shape.seed).csv"

        var generation = Table("Data generation (`generate`)", ["file", "rows", "MB", "seconds", "MB/s"])
        for (s, path) in [(shape, name), (bigShape, bigName)] where memoryScale > 1 || path == name {
            if regenerate || fileSize(path) == nil {
                log("generating \(path)")
                let (bytes, seconds) = try Generate.write(s, to: path, threads: threads)
                generation.add([path, "\(s.rows)", fmt(Double(bytes) / 1e6, 1), fmt(seconds, 2),
                                fmt(Double(bytes) / 1e6 / seconds, 0)])
            } else {
                generation.add([path, "\(s.rows)", fmt(Double(fileSize(path) ?? 0) / 1e6, 1), "(existing)", ""])
            }
        }
        generation.notes = ["\(threads) formatting threads; values rounded to Float and written in shortest round-trip form."]
        generation.print()

        let kernels = try KernelBenchmarks.run(
            rows: shape.rows, features: shape.features, seed: shape.seed, repeats: repeats)
        for t in kernels.tables { t.print() }
        let csv = try CSVBenchmarks.run(
            file: name, label: "y", threadCounts: threads > 1 ? [1, threads] : [1], repeats: repeats,
            regParam: peer.regParam)
        for t in csv.tables { t.print() }
        let compare = try CompareBenchmarks.run(
            file: name, mlfit: peer.mlfit, peers: peer.peers, python: peer.python, repeats: peer.repeat,
            regParam: peer.regParam, label: "y", scratch: peer.scratch,
            memoryFiles: memoryScale > 1 ? [name, bigName] : [name])
        for t in compare.tables { t.print() }

        guard let markdown else { return }
        let command = CommandLine.arguments.dropFirst().joined(separator: " ")
        let report = Report(
            command: "swift run -c release mlfit-benchmarks " + command, shape: shape,
            tables: [generation] + kernels.tables + csv.tables + compare.tables,
            parse: csv.parse, gramRatio: kernels.gramRatio, ratio: compare.ratio, peakRSS: compare.peakRSS,
            compareCommands: compare.commands)
        try report.text.write(toFile: markdown, atomically: true, encoding: .utf8)
        log("wrote \(markdown)")
    }
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
