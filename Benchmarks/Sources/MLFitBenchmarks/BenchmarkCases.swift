import ArgumentParser
import MLFit

/// Every benchmark case, by its command-line name: the one place a new case is registered.
enum CaseName: String, CaseIterable, ExpressibleByArgument, Sendable {
    case linearRegression = "linear-regression"
    /// Binary task, binomial fit.
    case logisticRegression = "logistic-regression"
    /// 5-class task, multinomial fit (the same type and library fit as `logistic-regression`).
    case logisticRegressionMulticlass = "logistic-regression-multiclass"
    /// The same two on correlated features of unequal scales (``ClassificationData``).
    case logisticRegressionCorrelated = "logistic-regression-correlated"
    case logisticRegressionMulticlassCorrelated = "logistic-regression-multiclass-correlated"
    /// Blobs, Lloyd iterations from shared starting centers and from each program's default init.
    case kmeans
    /// Binary task, one classification tree.
    case decisionTree = "decision-tree"

    var type: any BenchmarkCase.Type {
        switch self {
        case .linearRegression: LinearRegressionCase.self
        case .logisticRegression, .logisticRegressionMulticlass, .logisticRegressionCorrelated,
            .logisticRegressionMulticlassCorrelated:
            LogisticRegressionCase.self
        case .kmeans: KMeansCase.self
        case .decisionTree: DecisionTreeCase.self
        }
    }
}

/// Every case's own options (hyperparameters, variants), pulled into `compare` and `all`.
struct CaseOptions: ParsableArguments {
    @OptionGroup(title: "Linear regression") var linear: LinearRegressionOptions
    @OptionGroup(title: "Logistic regression") var logistic: LogisticRegressionOptions
    @OptionGroup(title: "k-means") var kmeans: KMeansOptions
    @OptionGroup(title: "Decision tree") var tree: DecisionTreeOptions

    /// The case `name` with the settings given on the command line.
    func make(_ name: CaseName) throws -> any BenchmarkCase {
        switch name {
        case .linearRegression: LinearRegressionCase(settings: linear.settings, variants: try linear.variants())
        case .logisticRegression: LogisticRegressionCase(classes: 2, settings: logistic.settings)
        case .logisticRegressionMulticlass:
            LogisticRegressionCase(classes: GeneratorTask.multiclassCount, settings: logistic.settings)
        case .logisticRegressionCorrelated:
            LogisticRegressionCase(classes: 2, settings: logistic.settings, correlated: true)
        case .logisticRegressionMulticlassCorrelated:
            LogisticRegressionCase(classes: GeneratorTask.multiclassCount, settings: logistic.settings, correlated: true)
        case .kmeans: KMeansCase(settings: kmeans.settings)
        case .decisionTree: DecisionTreeCase(settings: tree.settings)
        }
    }
}
