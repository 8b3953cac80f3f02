import ArgumentParser

/// The hyperparameters of the decision-tree case, the same for mlfit and every peer: the
/// depth, the bins per feature (scikit-learn's exact tree has no bins) and the seed of
/// mlfit's and Spark's row sample of split candidates.
struct TreeSettings: Sendable {
    var maxDepth = 10
    var maxBins = 32
    var seed = 0

    /// `mlfit train decision-tree-classifier` arguments after the executable.
    func trainArguments(file: String, label: String, model: String, threads: Int) -> [String] {
        ["train", "decision-tree-classifier", "--data", file, "--label", label, "--model", model,
         "--max-depth", "\(maxDepth)", "--max-bins", "\(maxBins)", "--seed", "\(seed)",
         "--threads", "\(threads)", "--quiet"]
    }

    /// Arguments of the peer scripts and of `fit-in-memory` after the file.
    func peerArguments(label: String, threads: Int) -> [String] {
        ["--label", label, "--max-depth", "\(maxDepth)", "--max-bins", "\(maxBins)", "--seed", "\(seed)",
         "--threads", "\(threads)"]
    }

    /// LightGBM's `num_leaves`: enough for every node at depth `maxDepth`.
    var lightGBMLeaves: Int { 1 << maxDepth }
}

/// The decision-tree case's command-line options (`compare`, `all`), prefixed `--tree-`.
struct DecisionTreeOptions: ParsableArguments {
    @Option(help: "Depth of the trees (every program).")
    var treeMaxDepth = 10
    @Option(help: "Bins per feature of mlfit, XGBoost, LightGBM and Spark (scikit-learn's tree is exact).")
    var treeMaxBins = 32
    @Option(help: "Seed of the split-candidate sample (mlfit, Spark) and of the peers' own draws.")
    var treeSeed = 0

    func validate() throws {
        // XGBoost and LightGBM stop at lower depths than mlfit's 30; 2^depth leaves for LightGBM.
        guard (1...20).contains(treeMaxDepth) else { throw ValidationError("--tree-max-depth must be in 1...20") }
        guard (2...256).contains(treeMaxBins) else { throw ValidationError("--tree-max-bins must be in 2...256") }
        guard treeSeed >= 0 else { throw ValidationError("--tree-seed must be ≥ 0") }
    }

    var settings: TreeSettings { TreeSettings(maxDepth: treeMaxDepth, maxBins: treeMaxBins, seed: treeSeed) }
}
