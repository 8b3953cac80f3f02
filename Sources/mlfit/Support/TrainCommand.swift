import ArgumentParser
import Foundation
import MLFit

/// A `mlfit train <algorithm>` subcommand. It declares its option groups and its
/// hyperparameters and builds its ``Estimator``; the validation and the whole pipeline —
/// open the source, fit with progress, save the model atomically, print the model and the
/// report, write `--report-json` — are written once, here.
protocol TrainCommand: ParsableCommand {
    associatedtype Trainer: Estimator

    /// The estimator built from the command's hyperparameter options.
    var estimator: Trainer { get }
    var input: DataOptions { get }
    var columns: ColumnOptions { get }
    var output: OutputOptions { get }
    var runOptions: RunOptions { get }

    /// The estimator the fit uses: ``estimator`` with whatever the command reads from files
    /// (k-means's `--initial-model`). By default ``estimator``.
    func preparedEstimator() throws -> Trainer
}

extension TrainCommand {
    func preparedEstimator() throws -> Trainer { estimator }

    /// Bad hyperparameters and a missing label are usage errors (exit 64), reported before
    /// any data is read.
    func validate() throws {
        do {
            try estimator.validate()
        } catch {
            throw ValidationError(error.description)
        }
        if estimator.isSupervised {
            if columns.label == nil, input.resolvedFormat == .csv {
                throw ValidationError("Missing expected argument '--label <label>': CSV input needs a label column")
            }
        } else if columns.label != nil {
            throw ValidationError("\(Trainer.Model.algorithmName) is unsupervised and reads no label; drop --label")
        }
    }

    func run() throws {
        try CommandFailure.report {
            let roles = columns.roles(
                supervised: estimator.isSupervised, categoricalLabel: Trainer.Model.task.hasCategoricalLabel)
            let execution = runOptions.execution
            let estimator = try preparedEstimator()
            let source = try execution.collectively { try input.open(roles, execution: execution) }
            let fit = try ConsoleProgress.whileRunning("fitting", enabled: !runOptions.quiet, reading: source) {
                try estimator.fitWithReport(source, options: execution)
            }
            // Every rank holds the same model; rank 0 writes it.
            guard ProcessGroup.isLeader else { return }
            try AtomicFile.write(try fit.model.encoded(), to: output.model)
            // Quiet: the model's brief form (a tree without its rules; `mlfit info` prints them).
            print(runOptions.quiet ? fit.model.briefDescription : fit.model.description)
            let report = TrainReport(fit: fit.report, threads: execution.threads, modelPath: output.model)
            if !runOptions.quiet { printError(report.text) }
            if let path = output.reportJson {
                try AtomicFile.write(try report.json(summary: fit.model.summary), to: path)
            }
        }
    }
}
