import MLEngine

/// The statistics `mlfit evaluate` gathers for one kind of model: computed per chunk from
/// the chunk and the model, merged by the engine's tree, finalized into ``Metrics``.
public protocol EvaluationStatistics: PartialStatistics {
    associatedtype Metrics: EvaluationMetrics
    /// The finalize step.
    var metrics: Metrics { get }
}

/// Finalized evaluation metrics. Their `Encodable` form is what `mlfit evaluate --json`
/// prints: one key per metric, named as Spark's evaluators name them, in camelCase
/// (`rmse`, `r2`, `accuracy`, …), non-finite numbers as `null`.
public protocol EvaluationMetrics: Sendable, Encodable {
    /// What `mlfit evaluate` prints without `--json`, one line each.
    var textLines: [String] { get }
}
