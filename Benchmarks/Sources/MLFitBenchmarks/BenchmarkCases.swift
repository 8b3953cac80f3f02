import ArgumentParser
import MLFit

/// Every benchmark case, by its command-line name: the one place a new case is registered.
enum CaseName: String, CaseIterable, ExpressibleByArgument, Sendable {
    case linearRegression = "linear-regression"

    var type: any BenchmarkCase.Type {
        switch self {
        case .linearRegression: LinearRegressionCase.self
        }
    }
}

/// Every case's own options (hyperparameters, variants), pulled into `compare` and `all`.
struct CaseOptions: ParsableArguments {
    @OptionGroup(title: "Linear regression") var linear: LinearRegressionOptions

    /// The case `name` with the settings given on the command line.
    func make(_ name: CaseName) throws -> any BenchmarkCase {
        switch name {
        case .linearRegression: LinearRegressionCase(settings: linear.settings, variants: try linear.variants())
        }
    }
}
