import Foundation
import MLFit

/// One algorithm's comparison with its peers: what ``CompareRunner`` needs to know about it.
///
/// The runner (alternating runs, medians, whole-process time and peak RSS, fit seconds in
/// memory, quality and ratio tables, agreement, peak memory by file size, targets) is
/// written once; a case only says what to run, with which matched settings, and how to read
/// and judge the results. A new algorithm writes one type conforming to this, its peer
/// scripts and, when its data is new, a ``GeneratorTask`` (see Benchmarks/README.md).
protocol BenchmarkCase: Sendable {
    /// Its name on the command line (`compare --case`, `fit-in-memory --case`); register
    /// the case there (BenchmarkCases.swift).
    static var name: CaseName { get }
    /// Start of the comparison table's title ("Linear regression").
    var title: String { get }
    /// The data every contender reads.
    var task: GeneratorTask { get }
    /// Python libraries its peers need beyond scikit-learn and pyspark (probed before the
    /// run; a missing one skips its peer with a note). None by default.
    var pythonLibraries: [PythonLibrary] { get }

    /// Work before any contender runs, not timed: a file every contender starts from (k-means'
    /// shared starting centers), or a quality check outside the timed comparison (k-means'
    /// costs on real data). Its tables follow the comparison; its values are the targets'
    /// (``CaseResults/values``). By default nothing.
    func prepare(_ setup: CaseSetup) throws -> CaseSupplement
    /// One group of table rows per model variant, each with its contenders under the same
    /// settings. Build them with ``CaseSetup``'s helpers (`cli`, `library`, `peers`).
    func groups(_ setup: CaseSetup) -> [ContenderGroup]
    /// The mlfit CLI's result, read from the model file it wrote (`setup.modelPath`).
    func outcome(ofModelFile path: String) throws -> FitOutcome
    /// The mlfit CLI's result after a timed run, when the model file alone does not hold
    /// every quality column (e.g. accuracy, from `mlfit evaluate` on `setup.file`); by
    /// default ``outcome(ofModelFile:)``. Runs here are not timed.
    func outcome(ofModelFile path: String, setup: CaseSetup) throws -> FitOutcome
    /// The size of its data set in `all`, from the suite's `--rows`, `--features`, `--seed`
    /// (by default that shape).
    func dataShape(_ base: DataShape) -> DataShape
    /// The quality columns of the table, read from every contender's result.
    var quality: QualityMetrics { get }
    /// How close each model is to the mlfit CLI's (nil: no agreement table).
    var agreement: Agreement? { get }
    /// Notes under the comparison table that belong to this case (what `mlfit CLI` and
    /// `mlfit library` run, how quality is computed).
    var tableNotes: [String] { get }
    /// Peak RSS of `mlfit train` on files of growing size (nil: not measured).
    var memoryCheck: MemoryCheck? { get }
    /// Rows of the report's targets table, evaluated on this case's results.
    var targets: [TargetRow] { get }

    /// The report header's "Settings, the same for mlfit and every peer:" text.
    var settingsDescription: String { get }
    /// The report's fairness bullets that belong to this case (Markdown list items).
    var fairnessNotes: [String] { get }

    /// In the `fit-in-memory` child: how to load the CSV and fit mlfit's library on it, from
    /// the arguments the case gave its `library` contenders (after the file, `--label` and
    /// `--threads`, which the child reads itself).
    static func libraryFit(arguments: [String], label: String) throws -> LibraryFit
}

extension BenchmarkCase {
    func prepare(_ setup: CaseSetup) throws -> CaseSupplement { CaseSupplement() }
    func outcome(ofModelFile path: String, setup: CaseSetup) throws -> FitOutcome {
        try outcome(ofModelFile: path)
    }
    func dataShape(_ base: DataShape) -> DataShape { base }
    var pythonLibraries: [PythonLibrary] { [] }
    var agreement: Agreement? { nil }
    var memoryCheck: MemoryCheck? { nil }
    var fairnessNotes: [String] { [] }
}

/// What ``BenchmarkCase/prepare(_:)`` adds to a comparison: tables printed after it, and
/// named values its targets read.
struct CaseSupplement {
    var tables: [Table] = []
    var values: [String: Double] = [:]
}

/// mlfit's fit on data in memory, run in the `fit-in-memory` child process.
struct LibraryFit {
    /// How the CSV is read into a `Dataset` (label, categorical columns).
    var csv: CSVOptions
    /// Fits on the loaded data and returns the result line's case-specific fields (metrics,
    /// model parameters, `estimator`, `solver`, `iterations`); the child adds timings.
    var fit: (Dataset, ExecutionOptions) throws -> [String: Any]
}

/// The rows of one model variant ("OLS", "ridge").
struct ContenderGroup {
    /// Bold in the table's first column and in the charts ("OLS").
    var title: String
    /// Its hyperparameters, beside the title ("λ = 0").
    var settings: String
    var contenders: [Contender]
}

/// The table's quality columns.
struct QualityMetrics {
    struct Column {
        var title: String
        /// The key in a result's `metrics` (and in the peers' JSON line).
        var key: String
        var format: @Sendable (Double) -> String
    }

    var columns: [Column]
    /// The metric compared with mlfit's as (this − mlfit's) / |mlfit's|, and its column title.
    var compared: (key: String, title: String)
}

/// The agreement table: each contender's model parameters against the mlfit CLI's.
struct Agreement {
    var columnTitle: String
    var note: String
    /// The parameters in a peer's or `fit-in-memory`'s JSON line.
    var parameters: @Sendable ([String: Any]) -> [Double]?
    /// Distance of `a` from the mlfit CLI's `b`.
    var difference: @Sendable (_ a: [Double], _ b: [Double]) -> Double = Agreement.maxRelativeDifference

    /// max_j |a_j − b_j| / max(|b_j|, 1e-12); infinite when the lengths differ.
    static func maxRelativeDifference(_ a: [Double], _ b: [Double]) -> Double {
        guard a.count == b.count else { return .infinity }
        return zip(a, b).map { abs($0 - $1) / max(abs($1), 1e-12) }.max() ?? 0
    }
}

/// Peak RSS of `mlfit train` by file size: a streaming fit should stay flat in rows.
struct MemoryCheck {
    var title: String
    var note: String
    /// The `mlfit` arguments (after the executable) that train on `file` and write `model`.
    var trainArguments: @Sendable (_ file: String, _ model: String, _ setup: CaseSetup) -> [String]
}

/// One row of the report's targets table.
struct TargetRow {
    var target: String
    /// The measured text and whether the target is met (nil: not measured).
    var evaluate: @Sendable (CaseResults) -> (measured: String, met: Bool?)

    /// mlfit ÷ peer time for one group and peer at most `limit` (`whole`: whole process,
    /// otherwise the fit in memory).
    static func speedRatio(_ target: String, group: String, peer: String, whole: Bool, atMost limit: Double) -> TargetRow {
        TargetRow(target: target) { results in
            let ratio = results.ratios.first { $0.group == group && $0.peer == peer }.map { whole ? $0.whole : $0.fit }
            return (ratio.map { "mlfit ÷ peer = \(fmt($0, 2))" } ?? "peer not run", ratio.map { $0 <= limit })
        }
    }

    /// The mlfit contenders' `key` (the CLI's and the library's) at most `limit` above the
    /// best peer's, relative: (mlfit − best peer) / |best peer| ≤ limit (lower is met).
    static func sameOptimum(_ target: String, group: String, key: String, within limit: Double) -> TargetRow {
        TargetRow(target: target) { results in
            let rows = results.outcomes.filter { $0.group == group }
            let peers = rows.filter { $0.kind == .peer }.compactMap { row in
                row.metrics[key].flatMap { $0.isFinite ? (row.program, $0) : nil }
            }
            guard let best = peers.min(by: { $0.1 < $1.1 }) else { return ("no peer result", nil) }
            let gaps = rows.filter { $0.kind != .peer }.map { row in
                (row.program, ((row.metrics[key] ?? .nan) - best.1) / abs(best.1))
            }
            guard !gaps.isEmpty else { return ("no mlfit result", nil) }
            let text = gaps.map { "\($0.0) \(String(format: "%+.1e", $0.1))" }.joined(separator: ", ")
            return ("\(text) vs \(best.0)", gaps.allSatisfy { $0.1 <= limit })
        }
    }

    /// A target against sklearnex, marked when oneDAL did not run its fit.
    static func onOneDAL(_ row: TargetRow, group: String) -> TargetRow {
        TargetRow(target: row.target) { results in
            let (measured, met) = row.evaluate(results)
            let ran = results.outcomes.first { $0.group == group && $0.program == "sklearnex" }?.detail.contains("oneDAL")
            return ran == false ? (measured + " (oneDAL did not run: scikit-learn's code)", met) : (measured, met)
        }
    }

    /// Peak RSS of every `mlfit train` run of the memory check below `bytes`.
    static func peakRSS(_ target: String, below bytes: Double) -> TargetRow {
        TargetRow(target: target) { results in
            let rss = results.peakRSS
            return (rss.map { "\(mib($0.rss)) MiB at \($0.rows) rows" }.joined(separator: ", "),
                    rss.isEmpty ? nil : rss.allSatisfy { Double($0.rss) < bytes })
        }
    }
}
