import ArgumentParser
import MLFit

@main
struct MLFitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlfit",
        abstract: "Fit classical machine-learning models on CSV and LIBSVM files with OpenBLAS.",
        discussion: """
            Examples:
              mlfit train linear-regression --data Datasets/diabetes.csv --label target --model diabetes.json
              mlfit predict --model diabetes.json --data Datasets/diabetes.csv --output predictions.csv
              mlfit evaluate --model diabetes.json --data Datasets/diabetes.csv --label target
              mlfit info --model diabetes.json
            """,
        version: MLFitVersion.current,
        subcommands: [Train.self, Predict.self, Evaluate.self, Info.self])

    static func main() {
        AllocatorTuning.reuseFreedBlocks()
        main(nil)
    }
}
