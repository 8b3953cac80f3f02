import ArgumentParser
import MLFit

/// `mlfit train decision-tree-classifier`: the shared option groups and its hyperparameters;
/// the validation and the pipeline are ``TrainCommand``'s.
struct TrainDecisionTreeClassifier: TrainCommand {
    static let configuration = CommandConfiguration(
        commandName: DecisionTreeClassificationModel.algorithmName,
        abstract: "Fit a classification tree (CART: gini or entropy; continuous and categorical features).",
        discussion: """
            Grows the tree level by level on binned features (Spark MLlib's algorithm): the
            thresholds of a continuous feature are midpoints between consecutive distinct
            values of a sample of max(maxBins², 10,000) rows — every midpoint when it has at
            most --max-bins distinct values, which gives the exact CART tree. Categorical
            features (--categorical-features, text or integers) split into two sets of
            categories. A node splits when the best information gain is > 0 and
            ≥ --min-info-gain and both children keep --min-instances-per-node rows and
            --min-weight-fraction-per-node of the weight. The label is read as classes (text
            or numbers); predictions come back in the same spelling. See docs/cli.md.

            Examples:
              mlfit train decision-tree-classifier --data Datasets/iris.csv --label species --model tree.json
              mlfit train decision-tree-classifier --data cars.csv --label buy --model cars.json \\
                  --categorical-features colour,doors --max-depth 8 --impurity entropy
            """)

    @OptionGroup(title: "Input") var input: DataOptions
    @OptionGroup(title: "Columns") var columns: ColumnOptions
    @OptionGroup(title: "Hyperparameters") var hyperparameters: DecisionTreeClassifierOptions
    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup(title: "Run") var runOptions: RunOptions

    var estimator: DecisionTreeClassifier { hyperparameters.estimator }
}

/// The hyperparameters of a classification tree, with Spark's names and defaults.
struct DecisionTreeClassifierOptions: ParsableArguments {
    @Option(help: "gini or entropy.")
    var impurity: DecisionTreeClassifier.Impurity = .gini

    @OptionGroup var growth: TreeGrowthOptions

    var estimator: DecisionTreeClassifier {
        DecisionTreeClassifier(
            maxDepth: growth.maxDepth, maxBins: growth.maxBins, minInstancesPerNode: growth.minInstancesPerNode,
            minWeightFractionPerNode: growth.minWeightFractionPerNode, minInfoGain: growth.minInfoGain,
            impurity: impurity, maxMemoryInMB: growth.maxMemoryInMb, seed: growth.seed)
    }
}

extension DecisionTreeClassifier.Impurity: ExpressibleByArgument {}
