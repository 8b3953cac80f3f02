import ArgumentParser
import Foundation

/// Which columns a fit reads: the "Columns" option group of every `train` subcommand.
struct ColumnOptions: ParsableArguments {
    @Option(help: "The label column (CSV; a LIBSVM file's label is its first field). Required by supervised algorithms.")
    var label: String?

    @Option(help: "Feature columns, comma-separated (default: every other column).")
    var features: String?

    @Option(help: "A column of non-negative row weights.")
    var weightCol: String?

    @Option(help: "Feature columns holding categories (text), comma-separated.")
    var categoricalFeatures: String?

    func validate() throws {
        if let list = featureList, list.isEmpty || list.contains("") {
            throw ValidationError("--features must name columns separated by commas; got '\(features ?? "")'")
        }
        if let list = categoricalList, list.isEmpty || list.contains("") {
            throw ValidationError(
                "--categorical-features must name columns separated by commas; got '\(categoricalFeatures ?? "")'")
        }
    }

    var featureList: [String]? { features.map(Self.split) }

    var categoricalList: [String]? { categoricalFeatures.map(Self.split) }

    /// The roles for a fit; `supervised: false` reads no label.
    func roles(supervised: Bool, categoricalLabel: Bool) -> ColumnRoles {
        var categorical = Set(categoricalList ?? [])
        if categoricalLabel, supervised, let label { categorical.insert(label) }
        return ColumnRoles(
            label: supervised ? label : nil, weight: weightCol, features: featureList, categorical: categorical)
    }

    private static func split(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
