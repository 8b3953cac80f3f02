import MLData
import MLEngine

/// A configured learning algorithm: a value type of hyperparameters whose ``fitWithReport(_:options:)``
/// returns a separate ``TrainedModel``, so that "predict before fit" cannot compile.
///
/// `mlfit train <algorithm>` builds the estimator from its options, calls ``validate()`` while
/// parsing (a bad value exits 64 with the one-line ``HyperparameterError``), and runs one
/// pipeline for every algorithm: open the source, fit with progress, save the model
/// atomically, print the model and the ``FitReport``.
public protocol Estimator: Sendable {
    associatedtype Model: TrainedModel

    /// Whether the fit needs a label column (by default: unless the model is a clustering).
    var isSupervised: Bool { get }

    /// Checks every hyperparameter against its allowed range.
    func validate() throws(HyperparameterError)

    /// Fits on a source and reports what the passes read and how long each step took.
    func fitWithReport(_ source: some ChunkSource, options: ExecutionOptions) throws -> FitResult<Model>
}

extension Estimator {
    public var isSupervised: Bool { Model.task.needsLabel }
}

/// A fitted model and the report of its fit.
public struct FitResult<Model: TrainedModel>: Sendable {
    public var model: Model
    public var report: FitReport

    public init(model: Model, report: FitReport) {
        self.model = model
        self.report = report
    }
}
