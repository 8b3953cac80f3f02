import Foundation

/// The untimed check of k-means' default settings on real data: `mlfit train kmeans --k K
/// --seed S` with every other setting at its default (k-means||, 20 iterations, tol 1e-4)
/// against scikit-learn's `KMeans(n_clusters=K, random_state=S)` with all of its defaults
/// (k-means++, one init, 300 iterations, tol 1e-4, lloyd), for seeds 1...N; the mean costs
/// side by side. Each cost is Σ‖x − c‖² to the nearest final center from exact differences.
enum KMeansRealData {
    static let mlfitMean = "realMlfitMeanCost"
    static let sklearnMean = "realSklearnMeanCost"

    static func run(_ settings: KMeansSettings, _ s: CaseSetup) throws -> CaseSupplement {
        let name = URL(fileURLWithPath: settings.realData).lastPathComponent
        guard let header = try String(contentsOfFile: settings.realData, encoding: .utf8)
            .split(separator: "\n", maxSplits: 1).first
        else { throw BenchmarkError("\(settings.realData) has no header line") }
        let features = header.split(separator: ",").map(String.init).filter { $0 != settings.realLabel }
        let seeds = Array(1...settings.realSeeds)
        log("compare: k-means default settings on \(name), seeds 1–\(settings.realSeeds)")

        let model = s.scratch + "/kmeans-real.json"
        var mlfit: [Double] = []
        for seed in seeds {
            _ = try runChecked(
                [s.mlfit, "train", "kmeans", "--data", settings.realData, "--features", features.joined(separator: ","),
                 "--k", "\(settings.realK)", "--seed", "\(seed)", "--threads", "\(s.threads)", "--model", model, "--quiet"],
                scratch: s.scratch)
            mlfit.append(try KMeansCase.cost(ofModelFile: model))
        }
        var sklearn: [Double] = []
        if s.availability.sklearn {
            let run = try runChecked(
                [s.python, s.peers + "/kmeans_sklearn.py", settings.realData, "--label", settings.realLabel,
                 "--k", "\(settings.realK)", "--defaults", "--seeds", seeds.map(String.init).joined(separator: ","),
                 "--threads", "\(s.threads)"], scratch: s.scratch)
            sklearn = (try FitOutcome.jsonLine(run.output)["costs"] as? [Double]) ?? []
        }

        var table = Table(
            "k-means, default settings on real data: \(name) (\(features.count) features), k = \(settings.realK)",
            ["seed", "mlfit cost", "scikit-learn cost", "mlfit ÷ scikit-learn"])
        for (i, seed) in seeds.enumerated() {
            let theirs = i < sklearn.count ? sklearn[i] : .nan
            table.add(["\(seed)", cost(mlfit[i]), cost(theirs), fmt(mlfit[i] / theirs, 4)])
        }
        let mean = mlfit.reduce(0, +) / Double(mlfit.count)
        let theirMean = sklearn.count == seeds.count ? sklearn.reduce(0, +) / Double(sklearn.count) : .nan
        table.add(["**mean**", cost(mean), cost(theirMean), fmt(mean / theirMean, 4)])
        table.notes = [
            "mlfit: `mlfit train kmeans --k \(settings.realK) --seed S` on every column but `\(settings.realLabel)`, "
                + "all else default (k-means||, --max-iter 20, --tol 1e-4); its `trainingCost`. scikit-learn: "
                + "`KMeans(n_clusters=\(settings.realK), random_state=S)`, all else default (k-means++, n_init 1, "
                + "max_iter 300, tol 1e-4, lloyd), through peers/kmeans_sklearn.py `--defaults`. Both costs are "
                + "Σ‖x − c‖² to the nearest final center from exact differences, on the raw (unscaled) features.",
        ] + (s.availability.sklearn ? [] : ["scikit-learn is not importable: its column is empty."])
        return CaseSupplement(tables: [table], values: [mlfitMean: mean, sklearnMean: theirMean])
    }

    static func cost(_ value: Double) -> String { value.isFinite ? String(format: "%.10g", value) : "—" }
}
