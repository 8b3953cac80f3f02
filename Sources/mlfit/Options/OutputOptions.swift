import ArgumentParser

/// Where a fit writes: the "Output" option group of every `train` subcommand.
struct OutputOptions: ParsableArguments {
    @Option(help: "Where to write the model (JSON, written atomically).")
    var model: String

    @Option(help: "Also write the training report and summary as JSON to this file.")
    var reportJson: String?
}
