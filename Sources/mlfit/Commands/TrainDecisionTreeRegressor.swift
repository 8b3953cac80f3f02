import ArgumentParser
import MLFit

/// `mlfit train decision-tree-regressor`: the shared option groups and its hyperparameters;
/// the validation and the pipeline are ``TrainCommand``'s.
struct TrainDecisionTreeRegressor: TrainCommand {
    static let configuration = CommandConfiguration(
        commandName: DecisionTreeRegressionModel.algorithmName,
        abstract: "Fit a regression tree (CART: variance; continuous and categorical features).",
        discussion: """
            Grows the tree level by level on binned features (Spark MLlib's algorithm): the
            thresholds of a continuous feature are midpoints between consecutive distinct
            values of a sample of max(maxBins², 10,000) rows — every midpoint when it has at
            most --max-bins distinct values, which gives the exact CART tree. Categorical
            features (--categorical-features, text or integers) split into two sets of
            categories. A node splits when the best information gain is > 0 and
            ≥ --min-info-gain and both children keep --min-instances-per-node rows and
            --min-weight-fraction-per-node of the weight. Each leaf predicts the weighted
            mean label of its training rows. See docs/cli.md.

            Examples:
              mlfit train decision-tree-regressor --data Datasets/diabetes.csv --label target --model tree.json
              mlfit train decision-tree-regressor --data houses.csv --label price --model houses.json \\
                  --categorical-features district --max-depth 8 --max-bins 64
            """)

    @OptionGroup(title: "Input") var input: DataOptions
    @OptionGroup(title: "Columns") var columns: ColumnOptions
    @OptionGroup(title: "Hyperparameters") var hyperparameters: DecisionTreeRegressorOptions
    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup(title: "Run") var runOptions: RunOptions

    var estimator: DecisionTreeRegressor { hyperparameters.estimator }
}

/// The hyperparameters of a regression tree, with Spark's names and defaults.
struct DecisionTreeRegressorOptions: ParsableArguments {
    @Option(help: "variance (the only impurity of a regression tree).")
    var impurity: DecisionTreeRegressor.Impurity = .variance

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

    var estimator: DecisionTreeRegressor {
        DecisionTreeRegressor(
            maxDepth: maxDepth, maxBins: maxBins, minInstancesPerNode: minInstancesPerNode,
            minWeightFractionPerNode: minWeightFractionPerNode, minInfoGain: minInfoGain, impurity: impurity,
            maxMemoryInMB: maxMemoryInMb, seed: seed)
    }
}

extension DecisionTreeRegressor.Impurity: ExpressibleByArgument {}
