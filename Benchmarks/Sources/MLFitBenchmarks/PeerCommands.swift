import ArgumentParser
import Foundation
import MLFit

/// Options shared by every command that runs mlfit and its peers as child processes.
struct RunnerOptions: ParsableArguments {
    @Option(help: "The mlfit executable (built with `swift build -c release --product mlfit` in the package root).")
    var mlfit: String = benchmarksFolder + "/../.build/release/mlfit"
    @Option(help: "The Python interpreter of the peers.")
    var python = "python3"
    @Option(help: "Folder of the peer scripts.")
    var peers: String = benchmarksFolder + "/peers"
    @Option(help: "Folder for model files and child output.")
    var scratch = "/tmp/mlfit-benchmarks"
    @Option(help: "Measured runs of each program (the median is reported), after one unmeasured run.")
    var `repeat`: Int = 3
    @Option(help: "Measured runs of Spark MLlib (each starts a JVM; no unmeasured run).")
    var sparkRepeat: Int = 1
    @Flag(inversion: .prefixedNo, help: "Run Spark MLlib (pyspark) when it is installed.")
    var spark = true
    @Option(help: "Threads of mlfit and of every peer.")
    var threads: Int = ExecutionOptions.availableCores

    func validate() throws {
        guard `repeat` >= 1, sparkRepeat >= 1 else { throw ValidationError("--repeat and --spark-repeat must be ≥ 1") }
        guard threads >= 1, threads <= 1024 else { throw ValidationError("--threads must be in 1...1024") }
        guard FileManager.default.isExecutableFile(atPath: mlfit) else {
            throw ValidationError("no mlfit executable at \(mlfit); build it with `swift build -c release --product mlfit` or pass --mlfit")
        }
    }

    /// `libraries`: the case's own Python libraries (``BenchmarkCase/pythonLibraries``).
    func setup(file: String, label: String, libraries: [PythonLibrary] = []) throws -> CaseSetup {
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let availability = try PeerAvailability.probe(
            python: python, scratch: scratch, wantSpark: spark, libraries: libraries)
        return CaseSetup(
            file: file, label: label, mlfit: mlfit, peers: peers, python: python, scratch: scratch,
            repeats: `repeat`, sparkRepeats: sparkRepeat, threads: threads, availability: availability)
    }
}

/// The sizes of the scaling series.
struct ScalingOptions: ParsableArguments {
    @Option(help: "Rows of the scaling series (p = 10), comma-separated; the CSV series writes a file per size. Add 10000000 for the 10⁷ point (a 1.2 GB file, about a minute more).")
    var scalingRows = "10000,100000,1000000"
    @Option(help: "Largest row count the peers run in the scaling series.")
    var peerMaxRows = 1_000_000
    @Option(help: "Feature counts of the in-memory series against p, comma-separated.")
    var widths = "10,50,200"
    @Option(help: "Rows of the series against p.")
    var widthRows = 200_000

    func setup(runner: CaseSetup, settings: FitSettings, seed: UInt64, dataDirectory: String) throws -> ScalingBenchmarks.Setup {
        let rows = try parseCounts(scalingRows, "--scaling-rows"), ps = try parseCounts(widths, "--widths")
        return ScalingBenchmarks.Setup(
            rows: rows, peerMaxRows: peerMaxRows, widths: ps, widthRows: widthRows, seed: seed, repeats: runner.repeats,
            dataDirectory: dataDirectory, runner: runner, settings: settings)
    }
}

func parseCounts(_ text: String, _ flag: String) throws -> [Int] {
    let counts = text.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard !counts.isEmpty, counts.allSatisfy({ $0 >= 1 }) else {
        throw ValidationError("\(flag) must be positive counts separated by commas; got '\(text)'")
    }
    return counts
}

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "mlfit vs scikit-learn, scikit-learn-intelex and Spark MLlib on one CSV: whole process, in-memory fit, quality.")
    @Option(help: "The benchmark case.")
    var `case`: CaseName = .linearRegression
    @Option(help: "The CSV file (see `generate`, with the case's --task).")
    var file: String
    @Option(help: "The label column (default: the one the case's generator writes).")
    var label: String?
    @Option(help: "More CSV files (same columns) whose peak RSS under `mlfit train` is reported.")
    var memoryFile: [String] = []
    @OptionGroup var runner: RunnerOptions
    @OptionGroup var cases: CaseOptions

    func run() throws {
        let benchmark = try cases.make(`case`)
        let setup = try runner.setup(
            file: file, label: label ?? benchmark.task.labelColumn, libraries: benchmark.pythonLibraries)
        let results = try CompareRunner.run(benchmark, setup, memoryFiles: [file] + memoryFile)
        for table in results.tables { table.print() }
        if !results.targets.isEmpty {
            var targets = Table("Targets (\(benchmark.title))", ["target", "measured", "met"])
            for row in results.targets { targets.add([row.target, row.measured, Report.met(row.met)]) }
            targets.notes = ["Judged on this run's numbers, which mean something only on an otherwise idle machine (1-minute load average now: \(loadAverage()))."]
            targets.print()
        }
    }
}

struct Scaling: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time against rows and features, in memory and end to end, and the 1 → 2 thread speed-up.")
    @Option(help: "The CSV file of the end-to-end thread speed-up (see `generate`).")
    var file: String
    @Option(help: "Where the generated CSV files of the series go.")
    var dataDirectory = "/tmp/mlfit-benchmarks"
    @Option(help: "Seed of the generated data.")
    var seed: UInt64 = 42
    @OptionGroup var sizes: ScalingOptions
    @OptionGroup var runner: RunnerOptions
    @OptionGroup(title: "Linear regression") var linear: LinearRegressionOptions

    func run() throws {
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let setup = try runner.setup(file: file, label: GeneratorTask.regression.labelColumn)
        let results = try ScalingBenchmarks.run(
            try sizes.setup(runner: setup, settings: linear.settings, seed: seed, dataDirectory: dataDirectory))
        for table in results.tables { table.print() }
    }
}
