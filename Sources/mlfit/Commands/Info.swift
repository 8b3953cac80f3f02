import ArgumentParser
import Foundation
import MLFit

struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Describe a saved model: hyperparameters, parameters and training summary.",
        discussion: """
            Example:
              mlfit info --model diabetes.json
            """)

    @Option(help: "The model file written by 'mlfit train'.")
    var model: String

    func run() throws {
        try CommandFailure.report {
            let data = try AtomicFile.read(model)
            let header = try ModelFiles.header(of: data, path: model)
            let trained = try ModelRegistry.decode(data, path: model)
            let schema = trained.schema
            print("Model file \(model): \(trained.algorithmName), format version \(header.formatVersion ?? 1)")
            print(
                "Hyperparameters: \(trained.hyperparameterDescription)"
                    + (schema.weightName.map { ", weightCol \($0)" } ?? ""))
            for (name, levels) in schema.categoricalFeatures {
                print("Categorical feature '\(name)': " + levels.joined(separator: ", "))
            }
            if let classes = schema.classes {
                print("Classes of '\(schema.labelName ?? "label")': " + classes.joined(separator: ", "))
            }
            print("")
            print(trained)
        }
    }
}
