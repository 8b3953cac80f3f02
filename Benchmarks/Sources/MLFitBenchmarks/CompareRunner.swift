import Foundation
import MLFit

/// One bar of the speed-ratio chart: mlfit's time ÷ the peer's for one variant.
struct SpeedRatio {
    var group: String
    var peer: String
    var whole: Double
    var fit: Double
}

/// What one case's comparison produced, for the printed tables and the report.
struct CaseResults {
    var tables: [Table] = []
    var commands: [String] = []
    var ratios: [SpeedRatio] = []
    var peakRSS: [(rows: Int, bytes: Int, rss: Int)] = []
    /// Every contender's last result, for targets on quality, and its largest peak RSS (of the
    /// `fit-in-memory` child for the library, which the table leaves out).
    var outcomes: [(group: String, program: String, kind: Contender.Kind, metrics: [String: Double], detail: String,
                    peakRSS: Int)] = []
    /// Values the case's ``BenchmarkCase/prepare(_:)`` measured, for its targets.
    var values: [String: Double] = [:]
    /// The case's targets, evaluated on the rest of these results.
    var targets: [(target: String, measured: String, met: Bool?)] = []
    /// The report header's lines about this case's data and settings.
    var task = GeneratorTask.regression
    /// Its data set's size (nil: the report's shape).
    var shape: DataShape?
    var settingsDescription = ""
    var fairnessNotes: [String] = []
}

/// Runs any ``BenchmarkCase``: every contender, alternating run by run, then the comparison,
/// agreement and memory tables and the targets.
enum CompareRunner {
    static func run(_ benchmark: some BenchmarkCase, _ s: CaseSetup, memoryFiles: [String]) throws -> CaseResults {
        var results = CaseResults()
        let supplement = try benchmark.prepare(s)
        results.values = supplement.values
        var groups = benchmark.groups(s)
        results.commands = groups.flatMap { $0.contenders.map { $0.arguments.joined(separator: " ") } }
        try measure(benchmark, &groups, s)
        results.outcomes = groups.flatMap { g in
            g.contenders.map { (g.title, $0.name, $0.kind, $0.outcome.metrics, $0.outcome.detail, $0.rss.max() ?? 0) }
        }
        results.tables.append(comparisonTable(benchmark, groups, s, results: &results))
        if let agreement = benchmark.agreement {
            results.tables.append(agreementTable(agreement, groups))
        }
        results.tables += supplement.tables
        if let check = benchmark.memoryCheck {
            results.tables.append(try memoryTable(benchmark, check, s, files: memoryFiles, results: &results))
        }
        results.task = benchmark.task
        results.settingsDescription = benchmark.settingsDescription
        results.fairnessNotes = benchmark.fairnessNotes
        let evaluated = results
        results.targets = benchmark.targets.map { row in
            let (measured, met) = row.evaluate(evaluated)
            return (row.target, measured, met)
        }
        return results
    }

    /// Runs every contender, alternating programs run by run, and records what each printed.
    static func measure(_ benchmark: some BenchmarkCase, _ groups: inout [ContenderGroup], _ s: CaseSetup) throws {
        let rounds = groups.flatMap(\.contenders).map { $0.runs + ($0.warmUp ? 1 : 0) }.max() ?? 0
        for k in 0..<rounds {
            for g in groups.indices {
                for c in groups[g].contenders.indices {
                    var contender = groups[g].contenders[c]
                    let measured = contender.warmUp ? k - 1 : k
                    guard measured < contender.runs else { continue }
                    log("compare: \(groups[g].title), \(contender.name), run \(k + 1)/\(rounds)")
                    let run = try runMeasuredChecked(contender.arguments, scratch: s.scratch)
                    contender.outcome = contender.kind == .mlfitCLI
                        ? try benchmark.outcome(ofModelFile: s.modelPath, setup: s)
                        : FitOutcome(json: try FitOutcome.jsonLine(run.output), kind: contender.kind,
                                     quality: benchmark.quality, agreement: benchmark.agreement)
                    if measured >= 0 {
                        contender.times.append(run.seconds)
                        contender.rss.append(run.peakRSS)
                        if let f = contender.outcome.fitSeconds { contender.fitSeconds.append(f) }
                        if let r = contender.outcome.readSeconds { contender.readSeconds.append(r) }
                    }
                    groups[g].contenders[c] = contender
                }
            }
        }
        // Per-iteration times come with the last run: scaled to the median fit, so that they
        // agree with the table's `fit s` column.
        for g in groups.indices {
            for c in groups[g].contenders.indices {
                var contender = groups[g].contenders[c]
                let key = "seconds_per_iteration"
                if let last = contender.outcome.fitSeconds, last > 0, !contender.fitSeconds.isEmpty,
                    let perIteration = contender.outcome.metrics[key], perIteration.isFinite
                {
                    contender.outcome.metrics[key] = perIteration * contender.fitMedian / last
                }
                groups[g].contenders[c] = contender
            }
        }
    }

    static func comparisonTable(_ benchmark: some BenchmarkCase, _ groups: [ContenderGroup], _ s: CaseSetup,
                                results: inout CaseResults) -> Table {
        let quality = benchmark.quality
        var table = Table(
            "\(benchmark.title): mlfit vs peers on \(s.file) (\(s.threads) threads everywhere)",
            ["model", "program", "whole process s", "peak RSS MiB", "load s", "fit s (in memory)"]
                + quality.columns.map(\.title)
                + [quality.compared.title, "mlfit ÷ this, whole", "mlfit ÷ this, fit", "notes"])
        for group in groups {
            guard let cli = group.contenders.first(where: { $0.kind == .mlfitCLI }) else { continue }
            // Fit ratios are against the library's fit (the CLI's fit is not timed apart).
            let libraryFit = group.contenders.first(where: { $0.kind == .mlfitLibrary })?.fitMedian ?? .nan
            let reference = cli.outcome.metric(quality.compared.key)
            for c in group.contenders {
                let whole = c.kind == .mlfitLibrary ? Double.nan : c.wholeMedian
                let fit = c.kind == .mlfitCLI ? Double.nan : c.fitMedian
                let compared = (c.outcome.metric(quality.compared.key) - reference) / abs(reference)
                table.add(
                    [c.kind == .mlfitCLI ? "**\(group.title)** (\(group.settings))" : "",
                     c.name, fmt(whole, 3), c.kind == .mlfitLibrary ? "" : mib(c.rss.max() ?? 0),
                     c.readSeconds.isEmpty ? "" : fmt(median(c.readSeconds), 3), fmt(fit, 3)]
                        + quality.columns.map { $0.format(c.outcome.metric($0.key)) }
                        + [c.kind == .mlfitCLI ? "" : String(format: "%+.1e", compared),
                           c.kind == .peer ? String(format: "%.3g", cli.wholeMedian / whole) : "",
                           c.kind == .peer ? String(format: "%.3g", libraryFit / fit) : "", c.outcome.detail])
                if c.kind == .peer {
                    results.ratios.append(SpeedRatio(
                        group: group.title, peer: c.name, whole: cli.wholeMedian / whole, fit: libraryFit / fit))
                }
            }
        }
        table.notes = [
            "Median of \(s.repeats) runs per program (Spark: \(s.sparkRepeats), without a warm-up run, since each starts a JVM), "
                + "programs alternating run by run, after one unmeasured run of each. `whole process` is wall time from `posix_spawn` "
                + "to `wait4`, as a user's shell sees it (Python interpreter, imports and JVM start included); `fit s` is the fit "
                + "alone on data already in memory (pandas / cached Spark DataFrame / mlfit `Dataset` from `CSVSource.load`), "
                + "measured inside each program. Ratios below 1 mean mlfit is faster.",
        ] + benchmark.tableNotes + [
            "Peak RSS is the child's `ru_maxrss`; for Spark it is the Python driver's, not the JVM's.",
        ] + s.availability.notes + ["1-minute load average at the end: \(loadAverage())."]
        return table
    }

    static func agreementTable(_ agreement: Agreement, _ groups: [ContenderGroup]) -> Table {
        var table = Table("Agreement of the models with mlfit", ["model", "program", agreement.columnTitle])
        for group in groups {
            guard let cli = group.contenders.first(where: { $0.kind == .mlfitCLI }) else { continue }
            for c in group.contenders where c.kind != .mlfitCLI {
                guard let a = c.outcome.parameters, let b = cli.outcome.parameters else { continue }
                table.add([group.title, c.name, String(format: "%.2e", agreement.difference(a, b))])
            }
        }
        table.notes = [agreement.note]
        return table
    }

    /// Peak RSS of `mlfit train` on files of different sizes (a streaming fit: flat in rows).
    static func memoryTable(_ benchmark: some BenchmarkCase, _ check: MemoryCheck, _ s: CaseSetup, files: [String],
                            results: inout CaseResults) throws -> Table {
        var memory = Table(check.title, ["file", "rows", "MB", "wall s", "peak RSS MiB"])
        for path in files {
            log("memory: mlfit train on \(path)")
            let args = [s.mlfit] + check.trainArguments(path, s.modelPath, s)
            _ = try runMeasuredChecked(args, scratch: s.scratch)  // page cache
            let run = try runMeasuredChecked(args, scratch: s.scratch)
            let size = fileSize(path) ?? 0
            let rows = (try? benchmark.outcome(ofModelFile: s.modelPath).rows ?? 0) ?? 0
            results.peakRSS.append((rows, size, run.peakRSS))
            memory.add([path, "\(rows)", fmt(Double(size) / 1e6, 0), fmt(run.seconds, 3), mib(run.peakRSS)])
        }
        memory.notes = [check.note]
        return memory
    }
}
