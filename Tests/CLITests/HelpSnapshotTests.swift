import Foundation
import Testing

/// The full `--help` of every subcommand, compared with Tests/CLITests/Snapshots/<command>.txt,
/// so that a change to an option group shows up in review as a change of these files.
///
/// After an intended change, regenerate the snapshots and review their diff:
///
///     MLFIT_UPDATE_SNAPSHOTS=1 swift test --filter HelpSnapshotTests
@Suite struct HelpSnapshotTests {
    static let commands: [[String]] = [[], ["train"], ["predict"], ["evaluate"], ["info"]]

    static func snapshotURL(_ command: [String]) -> URL {
        CLI.root.appendingPathComponent("Tests/CLITests/Snapshots")
            .appendingPathComponent((["mlfit"] + command).joined(separator: "-") + ".txt")
    }

    @Test(arguments: commands)
    func helpMatchesSnapshot(command: [String]) throws {
        try Self.compare(command)
    }

    /// Every `train <algorithm>`, found in `mlfit train --help`, so that a new algorithm
    /// without a snapshot fails here.
    @Test func everyTrainSubcommandMatchesItsSnapshot() throws {
        let help = try CLI.run(["train", "--help"], environment: ["COLUMNS": "100"]).stdout
        let section = help.components(separatedBy: "SUBCOMMANDS:\n").dropFirst().first ?? ""
        // The section's entries up to its blank line; continuation lines are indented further.
        let algorithms = section.split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty }
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(algorithms.contains("linear-regression"), "\(help)")
        for algorithm in algorithms { try Self.compare(["train", algorithm]) }
    }

    static func compare(_ command: [String]) throws {
        // ArgumentParser wraps help at the terminal width, read from COLUMNS when the output
        // is not a terminal: a fixed width makes the text the same everywhere.
        let help = try CLI.run(command + ["--help"], environment: ["COLUMNS": "100"])
        #expect(help.status == 0, "\(help.stderr)")
        let url = snapshotURL(command)
        if ProcessInfo.processInfo.environment["MLFIT_UPDATE_SNAPSHOTS"] == "1" {
            try Data(help.stdout.utf8).write(to: url)
        }
        let snapshot = try String(contentsOf: url, encoding: .utf8)
        #expect(help.stdout == snapshot, "mlfit \(command.joined(separator: " ")) --help differs from \(url.lastPathComponent)")
    }
}
