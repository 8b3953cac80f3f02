import Foundation
import Testing

/// Bad input: one clear line on stderr and a non-zero exit — 64 for usage errors, 1 for data
/// and model errors — never a crash.
@Suite struct CLIErrorTests {
    static func train(_ csv: String, extra: [String] = [], model: String? = nil) throws -> CLIResult {
        let dir = try CLI.temporaryDirectory()
        let data = try CLI.write(csv, named: "bad.csv", in: dir)
        return try CLI.run(["train", "linear-regression", "--data", data, "--label", "y",
                            "--model", model ?? dir.appendingPathComponent("m.json").path, "--quiet"] + extra)
    }

    @Test(arguments: [
        ("a,y\n1,2\n3\n", "bad.csv:3:"),                 // ragged row
        ("a,y\n1,2\nabc,4\n", "bad.csv:3:1"),            // text in a number column
        ("", "bad.csv"),                                 // empty file
        ("a,y\n", "bad.csv"),                            // header only
        ("a,y\n1,2\n2,NaN\n", "bad.csv:3:2"),            // NaN
        ("a,y\n1,2\ninf,3\n", "bad.csv:3:1"),            // infinity
        ("a,y\n1,2\n\"3,4\n", "bad.csv:3:"),             // unterminated quote
        ("a,y\n1,2\n,4\n", "bad.csv:3:1"),               // empty field
    ])
    func badCSVIsReportedWithLocation(csv: String, location: String) throws {
        let result = try Self.train(csv)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains(location), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test func unknownLabelColumnListsTheColumns() throws {
        let dir = try CLI.temporaryDirectory()
        let data = try CLI.write("a,b\n1,2\n", named: "d.csv", in: dir)
        let result = try CLI.run(["train", "linear-regression", "--data", data, "--label", "nope",
                                  "--model", dir.appendingPathComponent("m.json").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("nope"))
        #expect(result.stderr.contains("'a'") || result.stderr.contains("a, b"))
    }

    @Test func remediesNameTheToolsOptions() throws {
        // The library's messages speak of `handleInvalid: .skip`; the tool of its flag.
        let invalid = try Self.train("a,y\n1,2\nabc,4\n")
        #expect(invalid.stderr.contains("fix the value or use --handle-invalid skip to drop such rows"), "\(invalid.stderr)")
        #expect(!invalid.stderr.contains("handleInvalid"), "\(invalid.stderr)")
        let ragged = try Self.train("a,y\n1,2\n3\n")
        #expect(ragged.stderr.contains("fix the row or use --handle-invalid skip"), "\(ragged.stderr)")
    }

    @Test func headerReadAsOneColumnSuggestsTheDelimiter() throws {
        let semicolons = try Self.train("a;b;y\n1;2;3\n2;3;5\n")
        #expect(semicolons.status == 1)
        #expect(semicolons.stderr.contains("no column named 'y' for the label"), "\(semicolons.stderr)")
        #expect(semicolons.stderr.contains("use --delimiter ';'"), "\(semicolons.stderr)")
        let tabs = try Self.train("a\tb\ty\n1\t2\t3\n")
        #expect(tabs.stderr.contains("use --delimiter tab"), "\(tabs.stderr)")
        #expect(tabs.stderr.split(separator: "\n").count == 1, "\(tabs.stderr)")
    }

    @Test func skipModeDropsBadRowsAndSaysHowMany() throws {
        let dir = try CLI.temporaryDirectory()
        let data = try CLI.write("a,y\n1,2\n2,x\n3,6\n,7\n4,8\n", named: "d.csv", in: dir)
        let result = try CLI.run(["train", "linear-regression", "--data", data, "--label", "y",
                                  "--model", dir.appendingPathComponent("m.json").path, "--handle-invalid", "skip"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Read 3 rows"), "\(result.stderr)")
        #expect(result.stderr.contains("Skipped 2 rows with missing or invalid values"), "\(result.stderr)")
        // y = 2a on the rows kept.
        #expect(result.stdout.contains("R² 1"), "\(result.stdout)")
    }

    @Test(arguments: [
        (["--reg-param", "-1"], "The 'regParam' hyperparameter of LinearRegression must be ≥ 0. Got -1."),
        (["--elastic-net-param", "2"], "The 'elasticNetParam' hyperparameter of LinearRegression must be in [0, 1]. Got 2."),
        (["--max-iter", "0"], "The 'maxIter' hyperparameter of LinearRegression must be ≥ 1. Got 0."),
        (["--threads", "0"], "--threads must be in 1...1024; got 0"),
        (["--solver", "magic"], "magic"),
    ])
    func badHyperparametersAreUsageErrors(arguments: [String], message: String) throws {
        let result = try Self.train("a,y\n1,2\n2,3\n3,5\n", extra: arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func missingModelFileAndCorruptModel() throws {
        let dir = try CLI.temporaryDirectory()
        let missing = try CLI.run(["info", "--model", dir.appendingPathComponent("none.json").path])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("No such file or directory"), "\(missing.stderr)")

        let corrupt = try CLI.write("{\"format\": \"mlfit-model\", \"formatVersion\": 1, \"algo", named: "c.json", in: dir)
        let result = try CLI.run(["info", "--model", corrupt])
        #expect(result.status == 1)
        #expect(result.stderr.contains("not a valid model file"))

        let foreign = try CLI.write("{\"weights\": [1, 2]}", named: "f.json", in: dir)
        #expect(try CLI.run(["info", "--model", foreign]).stderr.contains("not an mlfit model file"))

        let newer = try CLI.write("{\"format\": \"mlfit-model\", \"formatVersion\": 9}", named: "n.json", in: dir)
        #expect(try CLI.run(["info", "--model", newer]).stderr.contains("format version 9"))
    }

    @Test func unwritableModelPathFailsCleanly() throws {
        let result = try Self.train("a,y\n1,2\n2,3\n3,5\n", model: "/nonexistent-dir/m.json")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("/nonexistent-dir/m.json"))
    }

    @Test func collinearFeaturesAreADataError() throws {
        let result = try Self.train("a,b,y\n1,2,1\n2,4,3\n3,6,2\n4,8,5\n")
        #expect(result.status == 1)
        #expect(result.stderr.contains("'b' is a linear combination of 'a'"), "\(result.stderr)")
    }

    @Test func categoricalFeaturesAreRefusedByLinearRegression() throws {
        // Before categorical parsing the reader reports the text in a number column; with it,
        // linear regression refuses the feature. Either way: one line naming the column.
        let result = try Self.train("size,color,y\n1,red,2\n2,blue,3\n3,red,5\n", extra: ["--categorical-features", "color"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("'color'"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }

    @Test func categoricalFeaturesOfLIBSVMAreAUsageError() throws {
        let dir = try CLI.temporaryDirectory()
        let data = try CLI.write("1 1:2\n2 1:3\n", named: "d.libsvm", in: dir)
        let result = try CLI.run(["train", "linear-regression", "--data", data, "--categorical-features", "1",
                                  "--model", dir.appendingPathComponent("m.json").path])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("LIBSVM files hold numbers only"), "\(result.stderr)")
    }

    @Test func emptyCategoricalListIsAUsageError() throws {
        let result = try Self.train("a,y\n1,2\n2,3\n", extra: ["--categorical-features", " , "])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("--categorical-features must name columns"), "\(result.stderr)")
    }
}
