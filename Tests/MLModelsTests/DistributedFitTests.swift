import Foundation
import MLData
import MLEngine
import Testing

@testable import MLModels

/// Linear regression on ranks simulated as threads (`InProcessRanks`), each reading its share
/// of the same CSV file: the model of one process, and the same bits on every rank.
@Suite struct DistributedFitTests {
    static let diabetes = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Datasets/diabetes.csv").path

    static let configurations: [(String, LinearRegression)] = [
        ("ols", LinearRegression()),
        ("ridge", LinearRegression(regParam: 0.1)),
        ("elastic net", LinearRegression(regParam: 0.05, elasticNetParam: 0.5)),
        ("l-bfgs", LinearRegression(regParam: 0.01, solver: .lbfgs, tol: 1e-12)),
    ]

    static func fit(_ estimator: LinearRegression, weighted: Bool, communicator: any Communicator) throws -> [Double] {
        // Weighted: the 's6' column (all positive) as weights, the other columns as features.
        let options = CSVOptions(label: "target", weight: weighted ? "s6" : nil, bytesPerBlock: 4096)
        let source = try CSVSource(path: diabetes, options: options)
        let model = try estimator.fit(source, options: ExecutionOptions(threads: 2, communicator: communicator))
        return model.coefficients + [model.intercept]
    }

    @Test(arguments: [1, 2, 3, 4], [false, true])
    func ranksGiveTheSingleProcessModel(ranks: Int, weighted: Bool) throws {
        for (name, estimator) in Self.configurations {
            let single = try Self.fit(estimator, weighted: weighted, communicator: LocalCommunicator.shared)
            let perRank = try InProcessRanks(size: ranks).run { communicator in
                try Self.fit(estimator, weighted: weighted, communicator: communicator)
            }
            let scale = single.map(abs).max() ?? 1
            for coefficients in perRank {
                // Every rank holds the same bits: solvers branch on the reduced values.
                #expect(coefficients == perRank[0], "\(name): ranks disagree")
                let difference = zip(coefficients, single).map { abs($0 - $1) }.max() ?? 0
                #expect(difference <= 1e-10 * scale, "\(name), \(ranks) ranks: \(difference / scale)")
            }
        }
    }
}
