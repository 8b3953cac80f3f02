import ArgumentParser
import Foundation
import MLFit

struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a model's predictions for every row of a data file.",
        discussion: """
            The output is CSV with the header 'prediction' and one row per input row, in order,
            numbers in shortest round-trip form. Features are matched to the model by name;
            other columns are ignored.

            Examples:
              mlfit predict --model diabetes.json --data Datasets/diabetes.csv
              mlfit predict --model diabetes.json --data new.csv --output predictions.csv
            """)

    @Option(help: "The model file written by 'mlfit train'.")
    var model: String

    @OptionGroup var input: DataOptions

    @Option(help: "Where to write the predictions (default: standard output). Written atomically.")
    var output: String?

    @OptionGroup var runOptions: RunOptions

    func run() throws {
        try CommandFailure.report {
            let saved = try SavedModel.load(from: model)
            let source = try input.open(
                label: nil, weight: nil, features: saved.featureNames, execution: runOptions.execution)
            let sink = try PredictionSink(path: output)
            _ = try source.forEachChunkInOrder(options: runOptions.execution) { chunk in
                switch saved {
                case .linearRegression(let m): return try m.predict(chunk)
                }
            } consume: { predictions in
                try sink.write(predictions)
            }
            try sink.finish()
        }
    }
}
