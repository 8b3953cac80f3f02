import ArgumentParser

/// The settings of the k-means case, the same for mlfit and every peer: k, the Lloyd
/// iterations at most, the tolerance (0: every program runs to its limit unless a pass
/// changes nothing), the seed of the shared starting centers and of each program's default
/// initialization; and the untimed check of default settings on real data.
struct KMeansSettings: Sendable {
    var k = 100
    var maxIter = 20
    var tol = 0.0
    var seed = 1
    /// The real data set of the default-settings check, its label column (left out of the
    /// features), its k and the seeds 1...realSeeds.
    var realData = benchmarksFolder + "/../Datasets/breast_cancer.csv"
    var realLabel = "target"
    var realK = 5
    var realSeeds = 10

    /// `mlfit train kmeans` arguments after the executable (`start`: the shared starting
    /// centers, else mlfit's default initialization, k-means||).
    func trainArguments(file: String, model: String, start: String?, threads: Int) -> [String] {
        ["train", "kmeans", "--data", file, "--k", "\(k)", "--max-iter", "\(maxIter)", "--tol", "\(tol)",
         "--seed", "\(seed)"] + (start.map { ["--initial-model", $0] } ?? [])
            + ["--threads", "\(threads)", "--model", model, "--quiet"]
    }

    /// Arguments of the peer scripts and of `fit-in-memory` after the file.
    func peerArguments(start: String?, threads: Int) -> [String] {
        ["--k", "\(k)", "--max-iter", "\(maxIter)", "--tol", "\(tol)", "--seed", "\(seed)"]
            + (start.map { ["--init-model", $0] } ?? []) + ["--threads", "\(threads)"]
    }

    /// The `mlfit train` run that writes the shared starting centers: `k` distinct rows drawn
    /// by mlfit's `random` initialization with the seed, no Lloyd iteration.
    func startArguments(file: String, model: String, threads: Int) -> [String] {
        ["train", "kmeans", "--data", file, "--k", "\(k)", "--max-iter", "0", "--init-mode", "random",
         "--seed", "\(seed)", "--threads", "\(threads)", "--model", model, "--quiet"]
    }
}

/// The k-means case's command-line options (`compare`, `all`), prefixed: other cases own
/// `--tol`, `--max-iter` and `--reg-param`.
struct KMeansOptions: ParsableArguments {
    @Option(help: "k of the k-means comparison.")
    var kmeansK = 100
    @Option(help: "Lloyd iterations at most, for every program.")
    var kmeansMaxIter = 20
    @Option(help: "Tolerance on the centers' moves (0: run to the iteration limit unless nothing changes).")
    var kmeansTol = 0.0
    @Option(help: "Seed of the shared starting centers and of each program's default initialization.")
    var kmeansSeed = 1
    @Option(help: "Real data set of the default-settings cost check (CSV with a header).")
    var kmeansRealData = benchmarksFolder + "/../Datasets/breast_cancer.csv"
    @Option(help: "Its label column, left out of the features.")
    var kmeansRealLabel = "target"
    @Option(help: "k of the real-data check.")
    var kmeansRealK = 5
    @Option(help: "Seeds 1...N of the real-data check.")
    var kmeansRealSeeds = 10

    func validate() throws {
        guard kmeansK >= 1, kmeansMaxIter >= 1, kmeansTol >= 0 else {
            throw ValidationError("--kmeans-k and --kmeans-max-iter must be ≥ 1, --kmeans-tol ≥ 0")
        }
        guard kmeansRealK >= 1, kmeansRealSeeds >= 1 else {
            throw ValidationError("--kmeans-real-k and --kmeans-real-seeds must be ≥ 1")
        }
    }

    var settings: KMeansSettings {
        KMeansSettings(
            k: kmeansK, maxIter: kmeansMaxIter, tol: kmeansTol, seed: kmeansSeed, realData: kmeansRealData,
            realLabel: kmeansRealLabel, realK: kmeansRealK, realSeeds: kmeansRealSeeds)
    }
}
