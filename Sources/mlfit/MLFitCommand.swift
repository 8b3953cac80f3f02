import ArgumentParser
import Foundation
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

    /// ArgumentParser's `main()`, with MPI started before parsing and finalized on every
    /// path, errors included, so that no rank of an `mpirun` job exits without `MPI_Finalize`.
    static func main() {
        AllocatorTuning.reuseFreedBlocks()
        ProcessGroup.start()
        var status = ExitCode.success
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            status = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if status == .success { print(message) } else { printError(message) }
            }
        }
        ProcessGroup.finish()
        Foundation.exit(status.rawValue)
    }
}
