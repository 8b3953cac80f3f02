import Foundation

/// One program fitting one variant, and what its runs measured.
struct Contender {
    enum Kind: Equatable {
        /// `mlfit train …`: whole process; its result is read from the model file.
        case mlfitCLI
        /// The library on a loaded `Dataset` (`fit-in-memory`): fit seconds in memory.
        case mlfitLibrary
        /// A peer script: whole process and fit seconds in memory.
        case peer
    }

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
    /// The last run's result.
    var outcome = FitOutcome()

    var wholeMedian: Double { median(times) }
    var fitMedian: Double { median(fitSeconds) }
}

/// What one run of a contender reported.
struct FitOutcome {
    /// Quality by ``QualityMetrics/Column/key``.
    var metrics: [String: Double] = [:]
    /// Model parameters for the agreement table.
    var parameters: [Double]?
    /// The `notes` column (estimator, solver, oneDAL, iterations, and the result line's own
    /// `note`, e.g. a time measured apart).
    var detail = ""
    var fitSeconds: Double?
    var readSeconds: Double?
    /// Rows the fit used (the memory table's `rows`).
    var rows: Int?

    func metric(_ key: String) -> Double { metrics[key] ?? .nan }

    /// The last JSON line a peer script or `fit-in-memory` printed.
    static func jsonLine(_ output: String) throws -> [String: Any] {
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("{") }),
            let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        else { throw BenchmarkError("the program printed no result line: \(output.suffix(500))") }
        return json
    }

    /// A peer's (or `fit-in-memory`'s) result line, read the same way for every case.
    init(json: [String: Any], kind: Contender.Kind, quality: QualityMetrics, agreement: Agreement?) {
        for column in quality.columns { metrics[column.key] = json[column.key] as? Double ?? .nan }
        parameters = agreement?.parameters(json)
        var detail: [String] = []
        if let e = json["estimator"] as? String, kind == .peer { detail.append("`\(e)`") }
        if let solver = json["solver"] as? String { detail.append("solver \(solver)") }
        if json["onedal"] as? Bool == true { detail.append("oneDAL") }
        if let i = json["iterations"] as? Int, i > 0 { detail.append("\(i) iterations") }
        if json["converged"] as? Bool == false { detail.append("**not converged**") }
        if let note = json["note"] as? String, !note.isEmpty { detail.append(note) }
        self.detail = detail.joined(separator: ", ")
        fitSeconds = json["fit_seconds"] as? Double
        readSeconds = json["read_seconds"] as? Double
        rows = json["rows"] as? Int
    }

    init(metrics: [String: Double] = [:], parameters: [Double]? = nil, rows: Int? = nil) {
        self.metrics = metrics
        self.parameters = parameters
        self.rows = rows
    }
}
