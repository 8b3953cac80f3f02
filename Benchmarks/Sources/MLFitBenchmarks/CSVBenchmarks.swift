import Foundation
import MLFit

struct CSVResults {
    var tables: [Table] = []
    /// Parse MB/s by thread count.
    var parse: [Int: Double] = [:]
}

enum CSVBenchmarks {
    static func run(file: String, label: String, threadCounts: [Int], repeats: Int, regParam: Double) throws -> CSVResults {
        guard let bytes = fileSize(file) else { throw BenchmarkError("cannot read \(file)") }
        let mb = Double(bytes) / 1e6
        var options = CSVOptions()
        options.label = label
        let source = try CSVSource(path: file, options: options)
        let p = source.schema.featureCount
        var results = CSVResults()

        var parse = Table(
            "CSV parsing: \(file) (\(fmt(mb, 1)) MB, \(p) features + label)",
            ["pass", "threads", "seconds (median)", "rows", "MB/s", "MB/s per core", "M rows/s", "CPU s ÷ wall s"])
        parse.notes = [
            "`CSVSource.pass` with a compute that only counts rows (parsing alone), then full "
                + "`LinearRegression(regParam: \(regParam), standardization: false)` fits from the CSV. "
                + "Median of \(repeats) runs after a warm-up run; the file is in the page cache. "
                + "Default block size \(CSVOptions.defaultBytesPerBlock >> 20) MiB.",
        ]
        for threads in threadCounts {
            log("csv: parse pass on \(threads) thread(s)")
            let execution = ExecutionOptions(threads: threads)
            var times: [Double] = []
            var busy: [Double] = []
            var rows = 0
            for k in 0...repeats {
                let cpu = selfCPUSeconds()
                let ((count, _), seconds) = try time {
                    try source.pass(options: execution, shape: 0) { chunk in RowCount(rows: chunk.rowCount) }
                }
                rows = count.rows
                if k > 0 { times.append(seconds); busy.append((selfCPUSeconds() - cpu) / seconds) }
            }
            let t = median(times)
            results.parse[threads] = mb / t
            parse.add([
                "parse only (count rows)", "\(threads)", fmt(t, 3), "\(rows)", fmt(mb / t, 0),
                fmt(mb / t / Double(threads), 0), fmt(Double(rows) / t / 1e6, 2), fmt(median(busy), 2),
            ])
        }
        for solver in [LinearRegression.Solver.auto, .normal] {
            for threads in threadCounts {
                log("csv: fit (\(solver.rawValue)) on \(threads) thread(s)")
                let estimator = LinearRegression(regParam: regParam, standardization: false, solver: solver)
                let execution = ExecutionOptions(threads: threads)
                var times: [Double] = []
                var busy: [Double] = []
                var rows = 0
                for k in 0...repeats {
                    let cpu = selfCPUSeconds()
                    let (fit, seconds) = try time { try estimator.fitWithReport(source, options: execution) }
                    rows = fit.report.read.rows
                    if k > 0 { times.append(seconds); busy.append((selfCPUSeconds() - cpu) / seconds) }
                }
                let t = median(times)
                let name = solver == .auto ? "fit, solver auto (QR statistics)" : "fit, solver normal (Gram statistics)"
                parse.add([
                    name, "\(threads)", fmt(t, 3), "\(rows)", fmt(mb / t, 0),
                    fmt(mb / t / Double(threads), 0), fmt(Double(rows) / t / 1e6, 2), fmt(median(busy), 2),
                ])
            }
        }
        parse.notes.append("1-minute load average at the end: \(loadAverage()) (values near or above the core count mean other work shared the cores). Peak RSS of this benchmark process so far: \(mib(selfPeakRSS())) MiB.")
        results.tables.append(parse)
        return results
    }
}
