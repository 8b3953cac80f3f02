import Foundation
import MLFit

/// What `mlfit train` read and how long it took, printed on stderr and optionally saved as JSON.
///
/// A streamed fit (the exact solvers) reports its passes over the file as one read. A fit
/// that loads the data into memory first (L-BFGS) reports the read — rows, bytes, MB/s,
/// parse time — and then its passes over the rows in memory, its iterations and the time per
/// pass, so that neither the parse time nor the passes count as solve time.
struct TrainReport: Encodable {
    var rows: Int
    var skippedRows: Int
    var bytes: Int
    var chunks: Int
    var threads: Int
    /// Processes that read the data (1 unless run under mpirun).
    var ranks: Int
    /// Bytes rank 0 sent and received to combine the ranks' statistics, over every pass.
    var communicatedBytes: Int
    /// Wall time of reading: every pass over the file, or the load into memory.
    var passSeconds: Double
    var parseSeconds: Double
    /// Worker time computing statistics, over every pass (in memory included).
    var statisticsSeconds: Double
    var finalizeSeconds: Double
    var megabytesPerSecond: Double
    var rowsPerSecond: Double
    /// Every pass over the data, reading included.
    var passes: Int
    /// Passes over the rows in memory after loading them (0 for a streamed fit).
    var inMemoryPasses: Int
    var inMemorySeconds: Double
    /// Iterations of a solver that passes over the data per iteration; absent otherwise.
    var iterations: Int?
    var blasCore: String
    var model: String
    /// The process's peak resident memory when the model was written (absent where unknown).
    var peakResidentBytes: Int?

    init(fit: FitReport, threads: Int, modelPath: String) {
        let read = fit.read
        rows = read.rows
        skippedRows = read.skippedRows
        bytes = read.bytes
        chunks = read.chunks
        self.threads = threads
        ranks = max(read.ranks, fit.inMemory?.ranks ?? 1)
        communicatedBytes = read.communicatedBytes + (fit.inMemory?.communicatedBytes ?? 0)
        passSeconds = read.seconds
        parseSeconds = read.parseSeconds
        statisticsSeconds = read.computeSeconds + (fit.inMemory?.computeSeconds ?? 0)
        finalizeSeconds = fit.solveSeconds
        megabytesPerSecond = read.seconds > 0 ? Double(read.bytes) / 1e6 / read.seconds : 0
        rowsPerSecond = read.seconds > 0 ? Double(read.rows) / read.seconds : 0
        passes = fit.passes
        inMemoryPasses = fit.inMemory?.passes ?? 0
        inMemorySeconds = fit.inMemory?.seconds ?? 0
        iterations = fit.iterations
        blasCore = BLASThreads.coreName
        model = modelPath
        peakResidentBytes = ProcessMemory.peakResidentBytes
    }

    var text: String {
        let loaded = inMemoryPasses > 0
        let workers = loaded
            ? String(format: "%.3f s parsing)", parseSeconds)
            : String(format: "%.3f s parsing, %.3f s computing statistics)", parseSeconds, statisticsSeconds)
        var lines = [
            "Read \(rows) rows (\(Self.size(bytes))) in "
                + String(format: "%.3f s: %.0f MB/s, %.3g rows/s", passSeconds, megabytesPerSecond, rowsPerSecond)
                + " (\(chunks) chunks on " + (ranks > 1 ? "\(ranks) ranks × " : "") + "\(threads) threads; worker time "
                + workers,
        ]
        if ranks > 1 {
            lines.append(
                "Combined across \(ranks) ranks (slowest rank's time shown): \(Self.size(communicatedBytes)) sent and "
                    + "received by rank 0 over \(Self.count(passes, "pass", "passes"))")
        }
        if skippedRows > 0 {
            let noun = skippedRows == 1 ? "row" : "rows"
            lines.append("Skipped \(skippedRows) \(noun) with missing or invalid values")
        }
        var solved = String(format: "%.4f s", finalizeSeconds) + " (OpenBLAS kernel \(blasCore)); model written to \(model)"
        if let peakResidentBytes { solved += "; peak resident memory " + Self.size(peakResidentBytes) }
        if loaded {
            var memory = Self.count(inMemoryPasses, "pass", "passes") + " over the data in memory, "
            if let iterations { memory += Self.count(iterations, "iteration", "iterations") + ", " }
            memory += String(format: "%.3f s per pass", inMemorySeconds / Double(inMemoryPasses))
            lines.append(memory + "; solved in " + solved)
        } else {
            lines.append("Solved in " + solved)
        }
        return lines.joined(separator: "\n")
    }

    private static func count(_ n: Int, _ one: String, _ many: String) -> String {
        "\(n) \(n == 1 ? one : many)"
    }

    /// A byte count in the unit that shows it best.
    static func size(_ bytes: Int) -> String {
        switch bytes {
        case ..<10_000: return "\(bytes) bytes"
        case ..<10_000_000: return String(format: "%.1f kB", Double(bytes) / 1e3)
        default: return String(format: "%.1f MB", Double(bytes) / 1e6)
        }
    }

    func json(summary: any Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(TrainReportDocument(report: self, summary: summary))
    }
}

/// The `--report-json` document.
private struct TrainReportDocument: Encodable {
    var report: TrainReport
    var summary: any Encodable

    enum CodingKeys: String, CodingKey { case report, summary }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(report, forKey: .report)
        try c.encode(summary, forKey: .summary)
    }
}
