import ArgumentParser
import Foundation
import MLFit

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score a model on a labelled data file.",
        discussion: """
            Prints rmse, mse, mae, r2 and explained variance (as scikit-learn defines them),
            weighted when --weight-col is given.

            Examples:
              mlfit evaluate --model diabetes.json --data Datasets/diabetes.csv --label target
              mlfit evaluate --model diabetes.json --data test.csv --label target --json
            """)

    @Option(help: "The model file written by 'mlfit train'.")
    var model: String

    @OptionGroup var input: DataOptions

    @Option(help: "The label column (default: the model's label).")
    var label: String?

    @Option(help: "A column of non-negative row weights.")
    var weightCol: String?

    @Flag(help: "Print the metrics as JSON.")
    var json = false

    @OptionGroup var runOptions: RunOptions

    func run() throws {
        try CommandFailure.report {
            let saved = try SavedModel.load(from: model)
            let labelName = label ?? saved.labelName ?? "label"
            let source = try input.open(
                label: labelName, weight: weightCol, features: saved.featureNames, execution: runOptions.execution)
            let (statistics, _) = try source.pass(options: runOptions.execution, shape: 0) { chunk in
                let predictions: [Double]
                switch saved {
                case .linearRegression(let m): predictions = try m.predict(chunk)
                }
                return RegressionMetricsStatistics(
                    labels: chunk.labels, predictions: predictions, weights: chunk.weights)
            }
            let metrics = statistics.metrics
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                let document: [String: Double] = [
                    "rmse": metrics.rootMeanSquaredError, "mse": metrics.meanSquaredError,
                    "mae": metrics.meanAbsoluteError, "r2": metrics.r2,
                    "explainedVariance": metrics.explainedVariance, "rows": Double(metrics.rows),
                ]
                print(String(decoding: try encoder.encode(document.mapValues { $0.isFinite ? $0 : nil }), as: UTF8.self))
            } else {
                for (name, value) in [
                    ("rmse", metrics.rootMeanSquaredError), ("mse", metrics.meanSquaredError),
                    ("mae", metrics.meanAbsoluteError), ("r2", metrics.r2),
                    ("explained variance", metrics.explainedVariance),
                ] {
                    print(name.padding(toLength: 20, withPad: " ", startingAt: 0) + value.description)
                }
            }
        }
    }
}
