import Foundation
import MLData
import MLEngine

/// What a model is evaluated as, which fixes its metrics and whether it needs a label.
public enum ModelTask: String, Sendable, Hashable, CaseIterable {
    case regression, classification, clustering

    /// Whether fitting and evaluating read a label column.
    public var needsLabel: Bool { self != .clustering }

    /// Whether the label is read as categorical text, its levels being the classes.
    public var hasCategoricalLabel: Bool { self == .classification }
}

/// A fitted model, as `mlfit predict`, `evaluate` and `info` use it without knowing its
/// algorithm: ``ModelRegistry`` reads a model file into `any TrainedModel`, and the commands
/// call only what this protocol declares.
///
/// Adopting it means declaring the algorithm's name (the model file's `algorithm`), the
/// schema the model was trained on, its prediction columns, the statistics it is evaluated
/// with, its description for `mlfit info`, and its encoding in the versioned envelope of
/// ``ModelFile``. See docs/architecture.md, "How to add an algorithm".
public protocol TrainedModel: Sendable, CustomStringConvertible {
    /// The mergeable statistics `mlfit evaluate` computes per chunk for this model.
    associatedtype Evaluation: EvaluationStatistics
    /// The training summary: the model file's `summary` and the `summary` of `--report-json`.
    associatedtype Summary: Encodable & Sendable

    /// The model file's `algorithm`, also the `mlfit train` subcommand: `"linear-regression"`.
    static var algorithmName: String { get }
    static var task: ModelTask { get }

    /// The features (names and kinds, categorical ones with their levels) in the order the
    /// model reads them, the label (with its classes for a classifier) and the weight column.
    var schema: Schema { get }

    /// The names of the columns ``predictionColumns(for:options:)`` returns, in order — known
    /// before any row is read, so that the header is written even for empty input.
    func predictionColumnNames(options: PredictionOptions) -> [String]

    /// The predictions for the rows of a chunk whose features are ``schema``'s, in order:
    /// one column per name of ``predictionColumnNames(options:)``, one value per row.
    func predictionColumns(for chunk: DataChunk, options: PredictionOptions) throws -> [PredictionColumn]

    /// The shape of the zero of ``Evaluation``.
    var evaluationShape: Evaluation.Shape { get }

    /// The evaluation statistics of one labelled chunk.
    func evaluationStatistics(of chunk: DataChunk) throws -> Evaluation

    /// The evaluation metrics of the model on a source. By default one pass of
    /// ``evaluationStatistics(of:)``; a model whose metrics need a second pass (the
    /// silhouette of a clustering needs every cluster's sums first) implements its own.
    func evaluate<Source: ChunkSource>(_ source: Source, options: ExecutionOptions) throws -> Evaluation.Metrics

    /// The hyperparameters as `mlfit info` prints them after "Hyperparameters: ", with
    /// Spark's names: `regParam 0.1, elasticNetParam 0.5, …`.
    var hyperparameterDescription: String { get }

    /// What `mlfit train --quiet` prints on stdout: by default `description`; a model
    /// whose description grows with the data (a tree's rules, thousands of lines at depth 10)
    /// leaves that part out, so that a quiet run prints a few lines for every model.
    var briefDescription: String { get }

    var summary: Summary { get }

    /// The model as a model-file JSON document (see ``ModelFiles/encode(_:)``).
    func encoded() throws -> Data

    /// Reads a model-file JSON document, checking every value it reads (array lengths
    /// against the features, finiteness, counts, hyperparameters); failures are
    /// ``ModelFileError``s of one line. `path` is used in messages.
    static func decode(_ data: Data, path: String) throws -> Self
}

extension TrainedModel {
    public var briefDescription: String { description }
    public var algorithmName: String { Self.algorithmName }
    public var task: ModelTask { Self.task }

    /// Writes the model atomically to `path`.
    public func save(to path: String) throws {
        try AtomicFile.write(encoded(), to: path)
    }

    /// The evaluation metrics of the model on a labelled source: one pass of
    /// ``evaluationStatistics(of:)`` merged by the engine's tree, then finalized.
    public func evaluate<Source: ChunkSource>(
        _ source: Source, options: ExecutionOptions = ExecutionOptions()
    ) throws -> Evaluation.Metrics {
        let (statistics, _) = try source.pass(options: options, shape: evaluationShape) { chunk in
            try evaluationStatistics(of: chunk)
        }
        return statistics.metrics
    }
}
