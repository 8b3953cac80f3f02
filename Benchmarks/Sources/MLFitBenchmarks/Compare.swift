import Foundation
import MLFit

/// Coefficients and intercept read from an mlfit model file or a peer's JSON line.
struct FittedLine {
    var coefficients: [Double]
    var intercept: Double

    /// The line and (RMSE, objective) of an mlfit model file.
    static func fromModel(_ path: String) throws -> (FittedLine, rmse: Double, objective: Double) {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let model = json["model"] as? [String: Any],
            let coefficients = model["coefficients"] as? [Double],
            let intercept = model["intercept"] as? Double
        else { throw BenchmarkError("\(path) is not a linear-regression model file") }
        let summary = json["summary"] as? [String: Any]
        return (FittedLine(coefficients: coefficients, intercept: intercept),
                summary?["rootMeanSquaredError"] as? Double ?? .nan, summary?["objective"] as? Double ?? .nan)
    }

    static func fromPeer(_ output: String) throws -> (FittedLine, [String: Any]) {
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("{") }),
            let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
            let coefficients = json["coefficients"] as? [Double],
            let intercept = json["intercept"] as? Double
        else { throw BenchmarkError("the peer printed no result line: \(output.suffix(500))") }
        return (FittedLine(coefficients: coefficients, intercept: intercept), json)
    }

    /// max_j |a_j − b_j| / max(|b_j|, 1e-12), with the intercept as one more entry.
    func maxRelativeDifference(to other: FittedLine) -> Double {
        guard coefficients.count == other.coefficients.count else { return .infinity }
        let a = coefficients + [intercept], b = other.coefficients + [other.intercept]
        return zip(a, b).map { abs($0 - $1) / max(abs($1), 1e-12) }.max() ?? 0
    }

    static func rowCount(model path: String) throws -> Int {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let summary = json["summary"] as? [String: Any],
            let rows = summary["rowCount"] as? Int
        else { return 0 }
        return rows
    }
}

/// One program fitting one variant, and what its runs measured.
struct Contender {
    enum Kind: Equatable { case mlfitCLI, mlfitLibrary, peer }
    var variant: LinearVariant
    var name: String
    var kind: Kind
    var arguments: [String]
    /// Measured runs (after the unmeasured first one when `warmUp`).
    var runs: Int
    var warmUp = true
    var times: [Double] = []
    var rss: [Int] = []
    var fitSeconds: [Double] = []
    var readSeconds: [Double] = []
    var line: FittedLine?
    var rmse = Double.nan
    var objective = Double.nan
    var detail = ""

    var wholeMedian: Double { median(times) }
    var fitMedian: Double { median(fitSeconds) }
}

/// One bar of the speed-ratio chart: mlfit's time ÷ the peer's for one variant.
struct SpeedRatio {
    var variant: LinearVariant
    var peer: String
    var whole: Double
    var fit: Double
}

struct CompareResults {
    var tables: [Table] = []
    var commands: [String] = []
    var ratios: [SpeedRatio] = []
    var notes: [String] = []
    var peakRSS: [(rows: Int, bytes: Int, rss: Int)] = []
}

/// Which peers exist here; the missing ones are skipped with a note, never faked.
struct PeerAvailability {
    var sklearn: Bool
    var sklearnex: Bool
    var spark: Bool
    var notes: [String] = []

    static func probe(python: String, scratch: String, wantSpark: Bool) throws -> PeerAvailability {
        func importable(_ module: String) throws -> Bool {
            try runChild([python, "-c", "import \(module)"], scratch: scratch).exitCode == 0
        }
        let spark = wantSpark ? try importable("pyspark") : false
        var a = PeerAvailability(
            sklearn: try importable("sklearn, pandas"), sklearnex: try importable("sklearnex"), spark: spark)
        if !a.sklearn { a.notes.append("scikit-learn or pandas is not importable (`pip install scikit-learn pandas`): scikit-learn peers skipped.") }
        if !a.sklearnex { a.notes.append("scikit-learn-intelex is not importable (`pip install scikit-learn-intelex`): its peer skipped.") }
        if !wantSpark {
            a.notes.append("Spark MLlib was not run (`--no-spark`).")
        } else if !a.spark {
            a.notes.append("pyspark is not importable (`pip install pyspark`, needs Java 17): Spark MLlib skipped.")
        }
        return a
    }
}

enum CompareBenchmarks {
    struct Setup {
        var file: String
        var label = "y"
        var mlfit: String
        var peers: String
        var python: String
        var scratch: String
        var repeats: Int
        var sparkRepeats: Int
        var threads: Int
        var settings: FitSettings
        var variants: [LinearVariant]
        var availability: PeerAvailability
    }

    static func contenders(_ s: Setup) -> [Contender] {
        var list: [Contender] = []
        let model = s.scratch + "/mlfit-model.json"
        for v in s.variants {
            let peerArgs = v.peerArguments(s.settings, label: s.label, threads: s.threads)
            list.append(Contender(
                variant: v, name: "mlfit CLI", kind: .mlfitCLI,
                arguments: [s.mlfit] + v.trainArguments(s.settings, file: s.file, label: s.label, model: model, threads: s.threads),
                runs: s.repeats))
            list.append(Contender(
                variant: v, name: "mlfit library", kind: .mlfitLibrary,
                arguments: [selfExecutable(), "fit-in-memory", s.file] + peerArgs, runs: s.repeats))
            if v == .ols || v == .ridge {
                // The same method as scikit-learn's Ridge and oneDAL (Gram matrix + Cholesky),
                // next to mlfit's default QR statistics, which cost more and keep more digits.
                list.append(Contender(
                    variant: v, name: "mlfit library, solver normal", kind: .mlfitLibrary,
                    arguments: [selfExecutable(), "fit-in-memory", s.file] + peerArgs + ["--solver", "normal"],
                    runs: s.repeats))
            }
            let sk = s.peers + "/linear_sklearn.py"
            if s.availability.sklearn {
                list.append(Contender(variant: v, name: "scikit-learn", kind: .peer,
                                      arguments: [s.python, sk, s.file] + peerArgs, runs: s.repeats))
            }
            if s.availability.sklearnex {
                list.append(Contender(variant: v, name: "sklearnex", kind: .peer,
                                      arguments: [s.python, sk, s.file] + peerArgs + ["--intelex"], runs: s.repeats))
            }
            if s.availability.spark {
                // A JVM start costs seconds: Spark gets its own (smaller) run count and no warm-up run.
                list.append(Contender(variant: v, name: "Spark MLlib", kind: .peer,
                                      arguments: [s.python, s.peers + "/linear_spark.py", s.file] + peerArgs,
                                      runs: s.sparkRepeats, warmUp: false))
            }
        }
        return list
    }

    /// Runs every contender, alternating programs run by run, and records what each printed.
    static func measure(_ list: inout [Contender], scratch: String) throws {
        let model = scratch + "/mlfit-model.json"
        let rounds = (list.map { $0.runs + ($0.warmUp ? 1 : 0) }.max() ?? 0)
        for k in 0..<rounds {
            for c in list.indices {
                let measured = list[c].warmUp ? k - 1 : k
                guard measured < list[c].runs else { continue }
                log("compare: \(list[c].variant.title), \(list[c].name), run \(k + 1)/\(rounds)")
                let run = try runMeasuredChecked(list[c].arguments, scratch: scratch)
                if list[c].kind == .mlfitCLI {
                    let (line, rmse, objective) = try FittedLine.fromModel(model)
                    list[c].line = line
                    list[c].rmse = rmse
                    list[c].objective = objective
                } else {
                    let (line, json) = try FittedLine.fromPeer(run.output)
                    list[c].line = line
                    list[c].rmse = json["rmse"] as? Double ?? .nan
                    list[c].objective = json["objective"] as? Double ?? .nan
                    var detail: [String] = []
                    if let e = json["estimator"] as? String, list[c].kind == .peer { detail.append("`\(e)`") }
                    if let solver = json["solver"] as? String { detail.append("solver \(solver)") }
                    if json["onedal"] as? Bool == true { detail.append("oneDAL") }
                    if let i = json["iterations"] as? Int, i > 0 { detail.append("\(i) iterations") }
                    list[c].detail = detail.joined(separator: ", ")
                    if measured >= 0 {
                        if let f = json["fit_seconds"] as? Double { list[c].fitSeconds.append(f) }
                        if let r = json["read_seconds"] as? Double { list[c].readSeconds.append(r) }
                    }
                }
                if measured >= 0 {
                    list[c].times.append(run.seconds)
                    list[c].rss.append(run.peakRSS)
                }
            }
        }
    }

    static func run(_ s: Setup, memoryFiles: [String]) throws -> CompareResults {
        var results = CompareResults()
        var list = contenders(s)
        results.commands = list.map { $0.arguments.joined(separator: " ") }
        try measure(&list, scratch: s.scratch)

        var table = Table(
            "Linear regression: mlfit vs peers on \(s.file) (\(s.threads) threads everywhere)",
            ["model", "program", "whole process s", "peak RSS MiB", "load s", "fit s (in memory)",
             "training RMSE", "objective", "objective − mlfit's (relative)", "mlfit ÷ this, whole", "mlfit ÷ this, fit", "notes"])
        var agreement = Table("Agreement of the models with mlfit", ["model", "program", "max relative difference of β, β₀"])
        for v in s.variants {
            let group = list.filter { $0.variant == v }
            guard let cli = group.first(where: { $0.kind == .mlfitCLI }),
                let lib = group.first(where: { $0.kind == .mlfitLibrary })
            else { continue }
            for c in group {
                let whole = c.kind == .mlfitLibrary ? Double.nan : c.wholeMedian
                let fit = c.kind == .mlfitCLI ? Double.nan : c.fitMedian
                table.add([
                    c.kind == .mlfitCLI ? "**\(v.title)** (\(v.settings(s.settings)))" : "",
                    c.name, fmt(whole, 3), c.kind == .mlfitLibrary ? "" : mib(c.rss.max() ?? 0),
                    c.readSeconds.isEmpty ? "" : fmt(median(c.readSeconds), 3), fmt(fit, 3),
                    String(format: "%.9f", c.rmse), String(format: "%.9f", c.objective),
                    c.kind == .mlfitCLI ? "" : String(format: "%+.1e", (c.objective - cli.objective) / abs(cli.objective)),
                    c.kind == .peer ? String(format: "%.3g", cli.wholeMedian / whole) : "",
                    c.kind == .peer ? String(format: "%.3g", lib.fitMedian / fit) : "", c.detail,
                ])
                if c.kind == .peer {
                    results.ratios.append(SpeedRatio(
                        variant: v, peer: c.name, whole: cli.wholeMedian / whole, fit: lib.fitMedian / fit))
                }
                if c.kind != .mlfitCLI, let a = c.line, let b = cli.line {
                    agreement.add([v.title, c.name, String(format: "%.2e", a.maxRelativeDifference(to: b))])
                }
            }
        }
        table.notes = [
            "Median of \(s.repeats) runs per program (Spark: \(s.sparkRepeats), without a warm-up run, since each starts a JVM), "
                + "programs alternating run by run, after one unmeasured run of each. `whole process` is wall time from `posix_spawn` "
                + "to `wait4`, as a user's shell sees it (Python interpreter, imports and JVM start included); `fit s` is the fit "
                + "alone on data already in memory (pandas / cached Spark DataFrame / mlfit `Dataset` from `CSVSource.load`), "
                + "measured inside each program. Ratios below 1 mean mlfit is faster.",
            "`mlfit CLI` is `mlfit train linear-regression`; `mlfit library` is this suite's `fit-in-memory` child "
                + "(`CSVSource.load` then `LinearRegression.fit`). Quality (RMSE, objective) is on the training data, "
                + "objective = MSE/2 + λα‖β‖₁ + λ(1−α)/2‖β‖², computed by each program from its own fit.",
            "Peak RSS is the child's `ru_maxrss`; for Spark it is the Python driver's, not the JVM's.",
        ] + s.availability.notes + ["1-minute load average at the end: \(loadAverage())."]
        results.tables.append(table)
        agreement.notes = ["Relative to the mlfit CLI's model; lasso and elastic-net peers stop at their own tolerance."]
        results.tables.append(agreement)
        results.tables.append(try memoryTable(s, files: memoryFiles, results: &results))
        return results
    }

    /// Peak RSS of `mlfit train` on files of different sizes (it streams: flat in rows).
    static func memoryTable(_ s: Setup, files: [String], results: inout CompareResults) throws -> Table {
        var memory = Table(
            "Peak memory of `mlfit train linear-regression` (ridge) by file size",
            ["file", "rows", "MB", "wall s", "peak RSS MiB"])
        let model = s.scratch + "/mlfit-model.json"
        for path in files {
            log("memory: mlfit train on \(path)")
            let args = [s.mlfit] + LinearVariant.ridge.trainArguments(s.settings, file: path, label: s.label, model: model, threads: s.threads)
            _ = try runMeasuredChecked(args, scratch: s.scratch)  // page cache
            let run = try runMeasuredChecked(args, scratch: s.scratch)
            let size = fileSize(path) ?? 0
            let rows = (try? FittedLine.rowCount(model: model)) ?? 0
            results.peakRSS.append((rows, size, run.peakRSS))
            memory.add([path, "\(rows)", fmt(Double(size) / 1e6, 0), fmt(run.seconds, 3), mib(run.peakRSS)])
        }
        memory.notes = ["Target: under 150 MB at p = 50, whatever the file size."]
        return memory
    }
}
