import ArgumentParser
import Foundation
import MLFit

struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a model's predictions for every row of a data file.",
        discussion: """
            The output is CSV with a header of the model's prediction columns ('prediction':
            a number for a regression, the class as the training data spelled it for a
            classifier, with --probabilities also probability_<class> per class; the cluster
            index from 0 for a clustering, with --distances also 'distance') and one
            row per input row, in order: numbers in shortest round-trip form, integers
            without a decimal point, labels as text (quoted when needed). Features are
            matched to the model by name; other columns are ignored.

            Examples:
              mlfit predict --model diabetes.json --data Datasets/diabetes.csv
              mlfit predict --model diabetes.json --data new.csv --output predictions.csv
              mlfit predict --model iris.json --data Datasets/iris.csv --probabilities
              mlfit predict --model clusters.json --data points.csv --distances
            """)

    @Option(help: "The model file written by 'mlfit train'.")
    var model: String

    @OptionGroup(title: "Input") var input: DataOptions

    @Option(help: "Where to write the predictions (default: standard output). Written atomically.")
    var output: String?

    @Flag(help: "Classifiers: add one column per class, probability_<class>, in class order.")
    var probabilities = false

    @Flag(help: "Clusterings: add the distance to the assigned center, 'distance', in the model's measure.")
    var distances = false

    @OptionGroup(title: "Run") var runOptions: RunOptions

    func validate() throws {
        if ProcessGroup.communicator.isDistributed {
            throw ValidationError("mlfit predict writes its rows in order from one process; run it without mpirun")
        }
    }

    func run() throws {
        try CommandFailure.report {
            let trained = try ModelRegistry.load(from: model)
            let source = try input.open(ColumnRoles(model: trained.schema), execution: runOptions.execution)
            let options = PredictionOptions(probabilities: probabilities, distances: distances)
            let sink = try PredictionSink(path: output, columns: trained.predictionColumnNames(options: options))
            _ = try source.forEachChunkInOrder(options: runOptions.execution) { chunk in
                try trained.predictionColumns(for: chunk, options: options)
            } consume: { columns in
                try sink.write(columns)
            }
            try sink.finish()
        }
    }
}
