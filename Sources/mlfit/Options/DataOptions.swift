import ArgumentParser
import MLFit

/// How to read the input data file: the "Input" option group of every command that reads data.
struct DataOptions: ParsableArguments {
    @Option(
        name: .long, parsing: .upToNextOption,
        help: "The input file: CSV with a header row, or LIBSVM text. Several CSV files with the same header are read as one data set (under mpirun each rank reads its share of them).")
    var data: [String]

    @Option(help: "The input format; by default LIBSVM for .libsvm/.svm/.txt names, CSV otherwise.")
    var format: InputFormat?

    @Option(help: "The CSV field delimiter (one ASCII character, or 'tab').")
    var delimiter: String = ","

    @Option(help: "What to do with a row holding a missing, non-numeric or non-finite value.")
    var handleInvalid: InvalidRowPolicyChoice = .error

    @Option(help: "For LIBSVM: the number of features (default: the largest index in the file).")
    var numFeatures: Int?

    func validate() throws {
        guard !data.isEmpty else { throw ValidationError("--data needs a file") }
        if data.count > 1, resolvedFormat == .libsvm {
            throw ValidationError("LIBSVM input reads one file; got \(data.count)")
        }
        guard delimiterByte != nil else {
            throw ValidationError(
                "--delimiter must be one ASCII character or 'tab'; got '\(delimiter)'")
        }
        if let numFeatures, numFeatures < 1 {
            throw ValidationError("--num-features must be ≥ 1; got \(numFeatures)")
        }
    }

    var delimiterByte: UInt8? {
        if delimiter == "tab" || delimiter == "\\t" { return UInt8(ascii: "\t") }
        guard delimiter.utf8.count == 1, let byte = delimiter.utf8.first, byte < 128,
            byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r")
        else { return nil }
        return byte
    }

    var resolvedFormat: InputFormat {
        if let format { return format }
        let lower = (data.first ?? "").lowercased()
        return [".libsvm", ".svm", ".txt"].contains(where: lower.hasSuffix) ? .libsvm : .csv
    }

    /// Opens the data file with the given roles for its columns.
    func open(_ roles: ColumnRoles, execution: ExecutionOptions) throws -> any ChunkSource {
        switch resolvedFormat {
        case .csv:
            var options = CSVOptions()
            options.delimiter = delimiterByte ?? UInt8(ascii: ",")
            options.label = roles.label
            options.weight = roles.weight
            options.features = roles.features
            options.categorical = roles.categorical
            options.levels = roles.levels
            options.handleInvalid = handleInvalid.policy
            return try CSVSource(paths: data, options: options)
        case .libsvm:
            if roles.weight != nil {
                throw ValidationError("LIBSVM files have no weight column; drop --weight-col")
            }
            let categorical = roles.categorical.subtracting([roles.label].compactMap { $0 })
            if let name = categorical.sorted().first {
                throw ValidationError("LIBSVM files hold numbers only; feature '\(name)' is categorical: use CSV")
            }
            var options = LIBSVMOptions()
            // A model trained on LIBSVM data names its features "1"…"p".
            options.numFeatures = numFeatures ?? roles.features.map { names in
                names.compactMap { Int($0) }.max() ?? names.count
            }
            options.handleInvalid = handleInvalid.policy
            // A classifier's label, read against the model's classes (its numbers).
            options.labelClasses = roles.label.flatMap { roles.levels[$0] }
            return try LIBSVMSource(path: data.first ?? "", options: options, execution: execution)
        }
    }
}

enum InputFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, libsvm
}

enum InvalidRowPolicyChoice: String, ExpressibleByArgument, CaseIterable {
    case error, skip

    var policy: InvalidRowPolicy { self == .error ? .error : .skip }
}
