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

    @OptionGroup var growth: TreeGrowthOptions

    var estimator: DecisionTreeRegressor {
        DecisionTreeRegressor(
            maxDepth: growth.maxDepth, maxBins: growth.maxBins, minInstancesPerNode: growth.minInstancesPerNode,
            minWeightFractionPerNode: growth.minWeightFractionPerNode, minInfoGain: growth.minInfoGain,
            impurity: impurity, maxMemoryInMB: growth.maxMemoryInMb, seed: growth.seed)
    }
}

extension DecisionTreeRegressor.Impurity: ExpressibleByArgument {}
