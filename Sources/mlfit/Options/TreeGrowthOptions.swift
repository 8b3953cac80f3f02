import ArgumentParser

/// The hyperparameters both decision trees share, with Spark's names and defaults; each
/// tree's options add its impurity.
struct TreeGrowthOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "The deepest level, 0...30 (0: a single leaf).")
    var maxDepth: Int = 5

    @Option(parsing: .unconditional, help: "Bins per feature, 2...65536, at least every categorical feature's number of categories.")
    var maxBins: Int = 32

    @Option(parsing: .unconditional, help: "The fewest rows each child of a split keeps, ≥ 1.")
    var minInstancesPerNode: Int = 1

    @Option(parsing: .unconditional, help: "The least fraction of the total weight each child of a split keeps, in [0, 0.5).")
    var minWeightFractionPerNode: Double = 0

    @Option(parsing: .unconditional, help: "The least information gain of a split, ≥ 0.")
    var minInfoGain: Double = 0

    @Option(parsing: .unconditional, help: "Memory for one pass's histograms in MiB, ≥ 1: a level's nodes are processed in groups that fit.")
    var maxMemoryInMb: Int = 256

    @Option(parsing: .unconditional, help: "The seed of the row sample the split candidates come from.")
    var seed: Int = 0
}
