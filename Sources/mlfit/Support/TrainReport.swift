import Foundation
import MLFit

/// What `mlfit train` read and how long it took, printed on stderr and optionally saved as JSON.
struct TrainReport: Encodable {
    var rows: Int
    var skippedRows: Int
    var bytes: Int
    var chunks: Int
    var threads: Int
    var passSeconds: Double
    var parseSeconds: Double
    var statisticsSeconds: Double
    var finalizeSeconds: Double
    var megabytesPerSecond: Double
    var rowsPerSecond: Double
    var blasCore: String
    var model: String

    init(pass: PassReport, finalizeSeconds: Double, threads: Int, modelPath: String) {
        rows = pass.rows
        skippedRows = pass.skippedRows
        bytes = pass.bytes
        chunks = pass.chunks
        self.threads = threads
        passSeconds = pass.seconds
        parseSeconds = pass.parseSeconds
        statisticsSeconds = pass.computeSeconds
        self.finalizeSeconds = finalizeSeconds
        megabytesPerSecond = pass.seconds > 0 ? Double(pass.bytes) / 1e6 / pass.seconds : 0
        rowsPerSecond = pass.seconds > 0 ? Double(pass.rows) / pass.seconds : 0
        blasCore = BLASThreads.coreName
        model = modelPath
    }

    var text: String {
        var lines = [
            "Read \(rows) rows (\(Self.size(bytes))) in " + String(format: "%.3f s: %.0f MB/s, %.3g rows/s", passSeconds, megabytesPerSecond, rowsPerSecond)
                + " (\(chunks) chunks on \(threads) threads; worker time "
                + String(format: "%.3f s parsing, %.3f s computing statistics)", parseSeconds, statisticsSeconds),
            String(format: "Solved in %.4f s", finalizeSeconds)
                + " (OpenBLAS kernel \(blasCore)); model written to \(model)",
        ]
        if skippedRows > 0 {
            let noun = skippedRows == 1 ? "row" : "rows"
            lines.insert("Skipped \(skippedRows) \(noun) with missing or invalid values", at: 1)
        }
        return lines.joined(separator: "\n")
    }

    /// A byte count in the unit that shows it best.
    static func size(_ bytes: Int) -> String {
        switch bytes {
        case ..<10_000: return "\(bytes) bytes"
        case ..<10_000_000: return String(format: "%.1f kB", Double(bytes) / 1e3)
        default: return String(format: "%.1f MB", Double(bytes) / 1e6)
        }
    }

    func json<Summary: Encodable>(summary: Summary) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(TrainReportDocument(report: self, summary: summary))
    }
}

/// The `--report-json` document.
private struct TrainReportDocument<Summary: Encodable>: Encodable {
    var report: TrainReport
    var summary: Summary
}
