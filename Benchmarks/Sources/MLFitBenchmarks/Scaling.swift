import Foundation
import MLFit

/// One line of the time-vs-rows chart.
struct Series {
    var name: String
    var points: [(x: Double, y: Double)] = []
}

struct ScalingResults {
    var tables: [Table] = []
    var series: [Series] = []
    /// Slope of log(time) against log(rows) from 10⁵ rows up (1 = linear), by series name.
    var slopes: [(String, Double)] = []
    /// 2-thread speed-up over 1 thread, by what was measured.
    var speedUps: [(String, Double)] = []
}

/// Least-squares slope of log y against log x.
func logLogSlope(_ points: [(x: Double, y: Double)]) -> Double {
    let l = points.filter { $0.x > 0 && $0.y > 0 }.map { (log($0.x), log($0.y)) }
    guard l.count >= 2 else { return .nan }
    let mx = l.map(\.0).reduce(0, +) / Double(l.count), my = l.map(\.1).reduce(0, +) / Double(l.count)
    let sxy = l.map { ($0.0 - mx) * ($0.1 - my) }.reduce(0, +), sxx = l.map { ($0.0 - mx) * ($0.0 - mx) }.reduce(0, +)
    return sxy / sxx
}

enum ScalingBenchmarks {
    struct Setup {
        var rows: [Int]
        var peerMaxRows: Int
        var narrowFeatures = 10
        var widths: [Int]
        var widthRows: Int
        var seed: UInt64
        var repeats: Int
        var dataDirectory: String
        var runner: CaseSetup
        var settings: FitSettings
    }

    static func run(_ s: Setup) throws -> ScalingResults {
        var results = ScalingResults()
        let ridge = LinearVariant.ridge.estimator(s.settings)

        // (a) In memory, time against rows at p = 10, on 1 and 2 threads.
        var byRows = Table(
            "Scaling in memory: ridge fit (`LinearRegression.fit` on a `Dataset`) against rows, p = \(s.narrowFeatures)",
            ["rows", "1 thread s", "2 threads s", "speed-up", "M rows/s (2 threads)"])
        var one = Series(name: "mlfit in memory, 1 thread"), two = Series(name: "mlfit in memory, 2 threads")
        for n in s.rows {
            log("scaling: in memory \(n) × \(s.narrowFeatures)")
            let data = try RegressionData(DataShape(rows: n, features: s.narrowFeatures, seed: s.seed)).dataset()
            let t1 = try best(s.repeats) { consume(try ridge.fit(data, options: ExecutionOptions(threads: 1))) }
            let t2 = try best(s.repeats) { consume(try ridge.fit(data, options: ExecutionOptions(threads: 2))) }
            one.points.append((Double(n), t1))
            two.points.append((Double(n), t2))
            byRows.add(["\(n)", fmt(t1, 4), fmt(t2, 4), fmt(t1 / t2, 2), fmt(Double(n) / t2 / 1e6, 1)])
        }
        byRows.notes = [
            "Generated in memory (no CSV), best of \(s.repeats) after a warm-up; solver auto, which gathers "
                + "the Gram matrix for data in memory (QR factors when the Gram matrix cannot give every digit)."
        ]
        results.tables.append(byRows)
        results.series += [one, two]
        let large = two.points.filter { $0.x >= 1e5 }
        results.slopes.append(("mlfit in memory, 2 threads", logLogSlope(large)))
        if let last = s.rows.last, let a = one.points.last, let b = two.points.last {
            results.speedUps.append(("in-memory fit, \(last) × \(s.narrowFeatures)", a.y / b.y))
        }

        // (b) In memory, time against features.
        var byWidth = Table(
            "Scaling in memory: ridge fit against features, \(s.widthRows) rows",
            ["features", "1 thread s", "2 threads s", "speed-up", "statistics", "GFLOP/s (2 threads)"])
        for p in s.widths {
            log("scaling: in memory \(s.widthRows) × \(p)")
            let data = try RegressionData(DataShape(rows: s.widthRows, features: p, seed: s.seed)).dataset()
            let t1 = try best(s.repeats) { consume(try ridge.fit(data, options: ExecutionOptions(threads: 1))) }
            let t2 = try best(s.repeats) { consume(try ridge.fit(data, options: ExecutionOptions(threads: 2))) }
            let q = Double(p + 1)
            // Flops of the pass: n·q² for the Gram matrix, 2·n·q² for QR factors.
            let solver = try ridge.fit(data, options: ExecutionOptions(threads: 2)).summary.solver
            let flops = (solver == .qr ? 2 : 1) * Double(s.widthRows) * q * q
            byWidth.add([
                "\(p)", fmt(t1, 4), fmt(t2, 4), fmt(t1 / t2, 2), solver == .qr ? "QR (2·n·q²)" : "Gram (n·q²)",
                fmt(flops / t2 / 1e9, 1),
            ])
            // Only the widest shape is a target: narrow small data sets are too few chunks to split.
            if p == s.widths.max() { results.speedUps.append(("in-memory fit, \(s.widthRows) × \(p)", t1 / t2)) }
        }
        byWidth.notes = ["Cost per row grows as q² (q = p + 1) until the solve (p³) shows."]
        results.tables.append(byWidth)

        try endToEnd(s, into: &results)
        return results
    }

    /// (c) Whole processes from CSV against rows at p = 10: mlfit CLI, and the peers up to
    /// `peerMaxRows`, alternating.
    static func endToEnd(_ s: Setup, into results: inout ScalingResults) throws {
        let c = s.runner
        var table = Table(
            "Scaling end to end from CSV: ridge, p = \(s.narrowFeatures), whole process (fit alone in parentheses)",
            ["rows", "MB", "mlfit CLI s"] + peerNames(c).map { "\($0) s" })
        var seriesByName: [String: Series] = [:]
        let model = c.modelPath
        for n in s.rows {
            let shape = DataShape(rows: n, features: s.narrowFeatures, seed: s.seed)
            let path = GeneratorTask.regression.path(shape, in: s.dataDirectory)
            if fileSize(path) == nil {
                log("scaling: generating \(path)")
                _ = try GeneratorTask.regression.write(shape, to: path, threads: c.threads)
            }
            var programs: [(String, [String])] = [
                ("mlfit CLI", [c.mlfit] + LinearVariant.ridge.trainArguments(s.settings, file: path, label: c.label, model: model, threads: c.threads)),
            ]
            if n <= s.peerMaxRows {
                let args = LinearVariant.ridge.peerArguments(s.settings, label: c.label, threads: c.threads)
                let script = c.peers + "/linear_sklearn.py"
                if c.availability.sklearn { programs.append(("scikit-learn", [c.python, script, path] + args)) }
                if c.availability.sklearnex { programs.append(("sklearnex", [c.python, script, path] + args + ["--intelex"])) }
            }
            var whole: [String: [Double]] = [:], fit: [String: [Double]] = [:]
            for k in 0...s.repeats {
                for (name, args) in programs {
                    log("scaling: \(name) on \(n) rows, run \(k)/\(s.repeats)")
                    let run = try runMeasuredChecked(args, scratch: c.scratch)
                    guard k > 0 else { continue }
                    whole[name, default: []].append(run.seconds)
                    if name != "mlfit CLI", let json = try? FitOutcome.jsonLine(run.output), let f = json["fit_seconds"] as? Double {
                        fit[name, default: []].append(f)
                    }
                }
            }
            var row = ["\(n)", fmt(Double(fileSize(path) ?? 0) / 1e6, 0)]
            for name in ["mlfit CLI"] + peerNames(c) {
                guard let w = whole[name] else { row.append("—"); continue }
                seriesByName["\(name), whole process", default: Series(name: "\(name), whole process")].points.append((Double(n), median(w)))
                if let f = fit[name] {
                    seriesByName["\(name), fit only", default: Series(name: "\(name), fit only")].points.append((Double(n), median(f)))
                    row.append("\(fmt(median(w), 3)) (\(fmt(median(f), 3)))")
                } else {
                    row.append(fmt(median(w), 3))
                }
            }
            table.add(row)
        }
        table.notes = [
            "Median of \(s.repeats) runs after a warm-up, alternating programs. Peers stop at \(s.peerMaxRows) rows "
                + "(they hold the whole file in memory and already take long); Spark is left out of the scaling series "
                + "(its JVM start alone is seconds: see the comparison table).",
        ]
        results.tables.append(table)
        let order = ["mlfit CLI, whole process"] + peerNames(c).flatMap { ["\($0), whole process", "\($0), fit only"] }
        results.series += order.compactMap { seriesByName[$0] }
        if let cli = seriesByName["mlfit CLI, whole process"], cli.points.count >= 2 {
            // Between the two largest sizes: below them, process start-up (tens of ms) flattens the line.
            results.slopes.append(("mlfit CLI, whole process, two largest sizes", logLogSlope(Array(cli.points.suffix(2)))))
        }

        // Thread speed-up of the whole `mlfit train` on the comparison file.
        var t1: [Double] = [], t2: [Double] = []
        for k in 0...s.repeats {
            for threads in [1, 2] {
                let args = [c.mlfit] + LinearVariant.ridge.trainArguments(s.settings, file: c.file, label: c.label, model: model, threads: threads)
                let run = try runMeasuredChecked(args, scratch: c.scratch)
                if k > 0 { if threads == 1 { t1.append(run.seconds) } else { t2.append(run.seconds) } }
            }
        }
        results.speedUps.append(("`mlfit train` end to end on \(c.file)", median(t1) / median(t2)))
        var threadTable = Table("Thread speed-up, 1 → 2 threads (the largest shapes; every size is in the tables above)", ["what", "speed-up"])
        for (what, x) in results.speedUps { threadTable.add([what, fmt(x, 2)]) }
        threadTable.notes = ["End to end: median of \(s.repeats) `mlfit train --threads 1` and `--threads 2` runs "
                             + "(\(fmt(median(t1), 3)) s and \(fmt(median(t2), 3)) s). Target: ≥ 1.8."]
        results.tables.append(threadTable)
    }

    static func peerNames(_ c: CaseSetup) -> [String] {
        (c.availability.sklearn ? ["scikit-learn"] : []) + (c.availability.sklearnex ? ["sklearnex"] : [])
    }
}
