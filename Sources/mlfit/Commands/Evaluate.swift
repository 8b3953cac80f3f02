import ArgumentParser
import Foundation
import MLFit

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score a model on a labelled data file.",
        discussion: """
            The metrics follow the model's task. Regression: rmse, mse, mae, r2 and explained
            variance (as scikit-learn defines them), weighted when --weight-col is given.
            --json names them as Spark's evaluators do (rmse, mse, mae, r2, explainedVariance).
            Clustering: the cost (weighted sum of distances to the centers), the cluster sizes,
            the silhouette as Spark's ClusteringEvaluator computes it (squared euclidean, or
            cosine), and with --label the adjusted Rand index against the label; --json names
            them cost, clusterSizes, silhouette, adjustedRandIndex.

            Examples:
              mlfit evaluate --model diabetes.json --data Datasets/diabetes.csv --label target
              mlfit evaluate --model diabetes.json --data test.csv --label target --json
              mlfit evaluate --model clusters.json --data points.csv --label kind
            """)

    @Option(help: "The model file written by 'mlfit train'.")
    var model: String

    @OptionGroup(title: "Input") var input: DataOptions

    @Option(help: "The label column (default: the model's label).")
    var label: String?

    @Option(help: "A column of non-negative row weights.")
    var weightCol: String?

    @Flag(help: "Print the metrics as JSON.")
    var json = false

    @OptionGroup(title: "Run") var runOptions: RunOptions

    func run() throws {
        try CommandFailure.report {
            let trained = try ModelRegistry.load(from: model)
            let labelName = trained.task.needsLabel ? label ?? trained.schema.labelName ?? "label" : label
            let execution = runOptions.execution
            var roles = ColumnRoles(model: trained.schema, label: labelName, weight: weightCol)
            // A clustering compares its clusters with the label's values, text or numbers.
            if trained.task == .clustering, let labelName { roles.categorical.insert(labelName) }
            let source = try execution.collectively { try input.open(roles, execution: execution) }
            let metrics = try trained.evaluate(source, options: execution)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(metrics), as: UTF8.self))
            } else {
                for line in metrics.textLines { print(line) }
            }
        }
    }
}
