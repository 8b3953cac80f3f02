import ArgumentParser
import Foundation
import MLFit

struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Describe a saved model: hyperparameters, coefficients and training summary.",
        discussion: """
            Example:
              mlfit info --model diabetes.json
            """)

    @Option(help: "The model file written by 'mlfit train'.")
    var model: String

    func run() throws {
        try CommandFailure.report {
            switch try SavedModel.load(from: model) {
            case .linearRegression(let m):
                let h = m.hyperparameters
                print("Model file \(model): linear-regression, format version 1")
                print(
                    "Hyperparameters: regParam \(h.regParam), elasticNetParam \(h.elasticNetParam), "
                        + "fitIntercept \(h.fitIntercept), standardization \(h.standardization), "
                        + "solver \(h.solver.rawValue), maxIter \(h.maxIter), tol \(h.tol)"
                        + (m.weightName.map { ", weightCol \($0)" } ?? ""))
                print("")
                print(m)
            }
        }
    }
}
