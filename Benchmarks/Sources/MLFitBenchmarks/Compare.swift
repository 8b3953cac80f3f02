import Foundation
import MLFit

/// Coefficients and intercept read from an mlfit model file or a peer's JSON line.
struct FittedLine {
    var coefficients: [Double]
    var intercept: Double

    static func fromModel(_ path: String) throws -> FittedLine {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let model = json["model"] as? [String: Any],
            let coefficients = model["coefficients"] as? [Double],
            let intercept = model["intercept"] as? Double
        else { throw BenchmarkError("\(path) is not a linear-regression model file") }
        return FittedLine(coefficients: coefficients, intercept: intercept)
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
}

struct CompareResults {
    var tables: [Table] = []
    var commands: [String] = []
    var ratio: Double = .nan
    var peakRSS: [(rows: Int, bytes: Int, rss: Int)] = []
}

enum CompareBenchmarks {
    struct Contender {
        var name: String
        var arguments: [String]
        var isPeer: Bool
        var times: [Double] = []
        var rss: [Int] = []
        var fitSeconds: [Double] = []
        var readSeconds: [Double] = []
        var line: FittedLine?
        var onedal: Bool?
    }

    static func run(
        file: String, mlfit: String, peers: String, python: String, repeats: Int, regParam: Double,
        label: String, scratch: String, memoryFiles: [String]
    ) throws -> CompareResults {
        var results = CompareResults()
        let model = scratch + "/mlfit-model.json"
        let lambda = "\(regParam)"
        let train = [
            mlfit, "train", "linear-regression", "--data", file, "--label", label, "--model", model,
            "--reg-param", lambda, "--no-standardization", "--quiet",
        ]
        let script = peers + "/ridge_sklearnex.py"
        var contenders = [
            Contender(name: "mlfit (solver auto = QR)", arguments: train, isPeer: false),
            Contender(name: "mlfit --solver normal", arguments: train + ["--solver", "normal"], isPeer: false),
        ]
        let probe = try runChild([python, "-c", "import sklearnex"], scratch: scratch)
        var notes: [String] = []
        if probe.exitCode == 0 {
            contenders.append(Contender(
                name: "pandas + sklearnex Ridge", arguments: [python, script, file, "--label", label, "--reg-param", lambda],
                isPeer: true))
        } else {
            notes.append("scikit-learn-intelex is not importable here (`import sklearnex` failed); that peer was skipped.")
        }
        contenders.append(Contender(
            name: "pandas + scikit-learn Ridge", arguments: [python, script, file, "--label", label, "--reg-param", lambda, "--plain"],
            isPeer: true))
        results.commands = contenders.map { $0.arguments.joined(separator: " ") }

        // One unmeasured run of each (page cache, Python bytecode caches), then alternate.
        for k in 0...repeats {
            for c in contenders.indices {
                log("compare: run \(k)/\(repeats) of \(contenders[c].name)")
                let run = try runMeasuredChecked(contenders[c].arguments, scratch: scratch)
                if k == 0 {
                    if contenders[c].isPeer {
                        let (line, json) = try FittedLine.fromPeer(run.output)
                        contenders[c].line = line
                        contenders[c].onedal = json["onedal"] as? Bool
                    } else {
                        contenders[c].line = try FittedLine.fromModel(model)
                    }
                    continue
                }
                contenders[c].times.append(run.seconds)
                contenders[c].rss.append(run.peakRSS)
                if contenders[c].isPeer, let (_, json) = try? FittedLine.fromPeer(run.output) {
                    if let f = json["fit_seconds"] as? Double { contenders[c].fitSeconds.append(f) }
                    if let r = json["read_seconds"] as? Double { contenders[c].readSeconds.append(r) }
                }
            }
        }

        let reference = median(contenders[0].times)
        var table = Table(
            "Whole-process wall time: `train linear-regression --reg-param \(lambda) --no-standardization` on \(file)",
            ["program", "median s", "min s", "max s", "peak RSS MiB", "read_csv s", "fit s", "mlfit ÷ this"])
        for c in contenders {
            let m = median(c.times)
            table.add([
                c.name, fmt(m, 3), fmt(c.times.min() ?? .nan, 3), fmt(c.times.max() ?? .nan, 3),
                mib(c.rss.max() ?? 0),
                c.readSeconds.isEmpty ? "" : fmt(median(c.readSeconds), 3),
                c.fitSeconds.isEmpty ? "" : fmt(median(c.fitSeconds), 3),
                fmt(reference / m, 2),
            ])
        }
        if let onedal = contenders.first(where: { $0.name.contains("sklearnex") }) {
            results.ratio = reference / median(onedal.times)
            notes.append("oneDAL ran the sklearnex fit: \(onedal.onedal.map { $0 ? "yes" : "no (fell back to scikit-learn)" } ?? "unknown").")
        }
        table.notes = [
            "Median of \(repeats) runs each, alternating programs, after one unmeasured run of each. Wall time from "
                + "`posix_spawn` to `wait4`; peak RSS is the child's `ru_maxrss`. Python's times include the interpreter "
                + "and imports; `read_csv s` and `fit s` are what the script measured inside."
        ] + notes + ["1-minute load average at the end: \(loadAverage())."]
        results.tables.append(table)

        var agreement = Table(
            "Agreement of the models (coefficients and intercept)", ["model", "vs", "max relative difference"])
        if let base = contenders[0].line {
            for c in contenders.dropFirst() {
                guard let line = c.line else { continue }
                agreement.add([c.name, contenders[0].name, String(format: "%.2e", line.maxRelativeDifference(to: base))])
            }
        }
        agreement.notes = [
            "Same objective on both sides: mlfit minimizes (1/2n)‖y − Xβ − β₀‖² + (λ/2)‖β‖², "
                + "scikit-learn `Ridge(alpha = λ·n)` minimizes ‖y − Xβ − β₀‖² + alpha‖β‖²."
        ]
        results.tables.append(agreement)

        // Memory: peak RSS of `mlfit train` on files of different sizes.
        var memory = Table(
            "Peak memory of `mlfit train linear-regression` by file size",
            ["file", "rows", "MB", "wall s", "peak RSS MiB"])
        for path in memoryFiles {
            log("memory: mlfit train on \(path)")
            let args = [
                mlfit, "train", "linear-regression", "--data", path, "--label", label, "--model", model,
                "--reg-param", lambda, "--no-standardization", "--quiet",
            ]
            _ = try runMeasuredChecked(args, scratch: scratch)  // page cache
            let run = try runMeasuredChecked(args, scratch: scratch)
            let size = fileSize(path) ?? 0
            let rows = (try? FittedLine.rowCount(model: model)) ?? 0
            results.peakRSS.append((rows, size, run.peakRSS))
            memory.add([path, "\(rows)", fmt(Double(size) / 1e6, 0), fmt(run.seconds, 3), mib(run.peakRSS)])
        }
        memory.notes = ["Target: under 150 MB at p = 50, whatever the file size."]
        results.tables.append(memory)
        return results
    }
}

extension FittedLine {
    static func rowCount(model path: String) throws -> Int {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let summary = json["summary"] as? [String: Any],
            let rows = summary["rowCount"] as? Int
        else { return 0 }
        return rows
    }
}
