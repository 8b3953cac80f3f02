import Foundation
import Testing

/// `mpirun -np N mlfit …` with the MPI build (`scripts/build-mpi`, whose binary `scripts/test`
/// passes in `MLFIT_MPI_BINARY`): the model of one process, errors reported once with their
/// global line, no model file after a failure. Skipped — visibly — without that binary.
@Suite(.enabled(if: MPI.binary != nil, "set MLFIT_MPI_BINARY to the binary scripts/build-mpi prints"), .serialized)
struct MPITests {
    static let diabetes = "Datasets/diabetes.csv"

    /// The single-process model's parameters (default build) and the MPI build's on `ranks` ranks.
    static func compare(
        _ arguments: [String], ranks: Int, data: [String] = [diabetes], singleData: String = diabetes
    ) throws -> (single: [Double], distributed: [Double]) {
        let dir = try CLI.temporaryDirectory()
        let one = dir.appendingPathComponent("one.json").path, many = dir.appendingPathComponent("many.json").path
        let single = try CLI.run(["train"] + arguments + ["--data", singleData, "--model", one, "--quiet"])
        #expect(single.status == 0, "\(single.stderr)")
        let distributed = try MPI.run(ranks: ranks, ["train"] + arguments + ["--data"] + data + ["--model", many])
        #expect(distributed.status == 0, "\(distributed.stderr)")
        return (try MPI.parameters(one), try MPI.parameters(many))
    }

    static let linear: [[String]] = [
        [],
        ["--reg-param", "0.1"],
        ["--reg-param", "0.05", "--elastic-net-param", "0.5"],
        ["--weight-col", "s6"],
        ["--reg-param", "0.01", "--elastic-net-param", "1", "--weight-col", "s6", "--no-standardization"],
    ]

    @Test(arguments: [1, 2, 4])
    func linearRegressionMatchesOneProcess(ranks: Int) throws {
        for options in Self.linear {
            let (single, distributed) = try Self.compare(
                ["linear-regression", "--label", "target"] + options, ranks: ranks)
            #expect(MPI.relativeDifference(single, distributed) <= 1e-10, "\(options) on \(ranks) ranks")
        }
    }

    @Test func severalFilesMatchOneFile() throws {
        let dir = try CLI.temporaryDirectory()
        let lines = try String(contentsOfFile: CLI.root.appendingPathComponent(Self.diabetes).path, encoding: .utf8)
            .split(separator: "\n")
        // 442 rows in three files of 150, 150 and 142 rows.
        let parts = try (0..<3).map { k in
            try CLI.write(
                ([lines[0]] + lines.dropFirst(1 + 150 * k).prefix(150)).joined(separator: "\n") + "\n",
                named: "part\(k).csv", in: dir)
        }
        let (single, distributed) = try Self.compare(
            ["linear-regression", "--label", "target"], ranks: 2, data: parts)
        #expect(MPI.relativeDifference(single, distributed) <= 1e-10)
    }

    @Test func fewerRowsThanRanks() throws {
        let dir = try CLI.temporaryDirectory()
        let data = try CLI.write("x,y\n1,3\n2,5.5\n4,9\n", named: "three.csv", in: dir)
        let model = dir.appendingPathComponent("m.json").path
        let run = try MPI.run(ranks: 4, ["train", "linear-regression", "--data", data, "--label", "y", "--model", model])
        #expect(run.status == 0, "\(run.stderr)")
        // Least squares through (1, 3), (2, 5.5), (4, 9), by hand in fractions: x̄ = 7/3,
        // ȳ = 35/6, Sxy = 55/6, Sxx = 14/3, so the slope is 55/28 and the intercept 5/4.
        let parameters = try MPI.parameters(model)
        #expect(parameters.count == 2)
        #expect(abs(parameters[0] - 55.0 / 28) < 1e-12)
        #expect(abs(parameters[1] - 1.25) < 1e-12)
    }

    @Test func logisticRegressionWithTextLabelsMatchesOneProcess() throws {
        let dir = try CLI.temporaryDirectory()
        let names = ["0": "setosa", "1": "versicolor", "2": "virginica"]
        let lines = try String(contentsOfFile: CLI.root.appendingPathComponent("Datasets/iris.csv").path, encoding: .utf8)
            .split(separator: "\n")
        let text = ([String(lines[0])] + lines.dropFirst().map { line in
            var fields = line.split(separator: ",").map(String.init)
            fields[4] = names[fields[4]] ?? fields[4]
            return fields.joined(separator: ",")
        }).joined(separator: "\n") + "\n"
        let iris = try CLI.write(text, named: "iris-text.csv", in: dir)
        for ranks in [1, 2, 4] {
            let one = dir.appendingPathComponent("one.json").path, many = dir.appendingPathComponent("many.json").path
            let arguments = ["train", "logistic-regression", "--data", iris, "--label", "species", "--reg-param", "0.01"]
            let single = try CLI.run(arguments + ["--model", one, "--quiet"])
            #expect(single.status == 0, "\(single.stderr)")
            let distributed = try MPI.run(ranks: ranks, arguments + ["--model", many])
            #expect(distributed.status == 0, "\(distributed.stderr)")
            #expect(MPI.relativeDifference(try MPI.parameters(one), try MPI.parameters(many)) <= 1e-10)
            let model = try String(contentsOfFile: many, encoding: .utf8)
            #expect(model.contains("\"virginica\""))
        }
    }

    @Test(arguments: [1, 2, 4])
    func decisionTreesMatchOneProcess(ranks: Int) throws {
        let dir = try CLI.temporaryDirectory()
        let cases = [
            ["decision-tree-classifier", "--data", "Datasets/iris.csv", "--label", "species", "--max-depth", "4"],
            ["decision-tree-regressor", "--data", Self.diabetes, "--label", "target", "--max-depth", "5"],
        ]
        for arguments in cases {
            let one = dir.appendingPathComponent("one.json").path, many = dir.appendingPathComponent("many.json").path
            let single = try CLI.run(["train"] + arguments + ["--model", one, "--quiet"])
            #expect(single.status == 0, "\(single.stderr)")
            let distributed = try MPI.run(ranks: ranks, ["train"] + arguments + ["--model", many])
            #expect(distributed.status == 0, "\(distributed.stderr)")
            // The same tree: the same rules, thresholds and leaves as `info` prints them.
            let rules = { (model: String) throws -> String in
                let info = try CLI.run(["info", "--model", model])
                return info.stdout.replacingOccurrences(of: model, with: "MODEL")
            }
            #expect(try rules(one) == rules(many), "\(arguments[0]) on \(ranks) ranks")
        }
    }

    @Test(arguments: [1, 2, 4])
    func kMeansMatchesOneProcess(ranks: Int) throws {
        // k-means|| draws are keyed by the seed and the global row, so the ranks draw the same
        // candidates as one process.
        let features = "sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)"
        let (single, distributed) = try Self.compare(
            ["kmeans", "--features", features, "--k", "3", "--seed", "5"], ranks: ranks, data: ["Datasets/iris.csv"],
            singleData: "Datasets/iris.csv")
        #expect(single.count == 12)
        #expect(MPI.relativeDifference(single, distributed) <= 1e-10, "\(ranks) ranks")
    }

    @Test func aBadRowStopsEveryRankWithItsGlobalLineOnce() throws {
        let dir = try CLI.temporaryDirectory()
        var lines = try String(contentsOfFile: CLI.root.appendingPathComponent(Self.diabetes).path, encoding: .utf8)
            .split(separator: "\n").map(String.init)
        // Line 401 of the file (row 400) lies in the last rank's share.
        var fields = lines[400].split(separator: ",").map(String.init)
        fields[1] = "abc"
        lines[400] = fields.joined(separator: ",")
        let data = try CLI.write(lines.joined(separator: "\n") + "\n", named: "bad.csv", in: dir)
        let model = dir.appendingPathComponent("m.json").path
        let run = try MPI.run(ranks: 4, ["train", "linear-regression", "--data", data, "--label", "target", "--model", model])
        #expect(run.status != 0)
        let messages = run.stderr.components(separatedBy: "mlfit: error: ").count - 1
        #expect(messages == 1, "\(run.stderr)")
        #expect(run.stderr.contains("bad.csv:401:2: expected a finite number in column 'sex', found \"abc\""))
        #expect(!FileManager.default.fileExists(atPath: model))
    }

    @Test func aMissingFileIsReportedOnce() throws {
        let dir = try CLI.temporaryDirectory()
        let model = dir.appendingPathComponent("m.json").path
        let run = try MPI.run(ranks: 3, ["train", "linear-regression", "--data", "no-such.csv", "--label", "y", "--model", model])
        #expect(run.status != 0)
        #expect(run.stderr.components(separatedBy: "mlfit: error: ").count - 1 == 1, "\(run.stderr)")
        #expect(run.stderr.contains("no-such.csv: cannot open the file: No such file or directory"))
    }

    @Test func predictRefusesToRunOnSeveralRanks() throws {
        let run = try MPI.run(ranks: 2, ["predict", "--model", "m.json", "--data", Self.diabetes])
        #expect(run.status == 64)
        #expect(run.stderr.contains("run it without mpirun"))
    }
}

/// The MPI build and `mpirun`.
enum MPI {
    static let binary: URL? = ProcessInfo.processInfo.environment["MLFIT_MPI_BINARY"].map(URL.init(fileURLWithPath:))

    static func run(ranks: Int, _ arguments: [String]) throws -> CLIResult {
        guard let binary else { throw CLIError.binaryNotFound }
        // --oversubscribe: more ranks than this machine's cores; root is allowed as in CI.
        return try CLI.execute(
            URL(fileURLWithPath: "/usr/bin/mpirun"),
            ["-np", String(ranks), "--oversubscribe", binary.path] + arguments,
            environment: ["OMPI_ALLOW_RUN_AS_ROOT": "1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM": "1"])
    }

    /// Every coefficient and intercept of a linear- or logistic-regression model file, or
    /// every center coordinate of a k-means one.
    static func parameters(_ path: String) throws -> [Double] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        guard let model = (json as? [String: Any])?["model"] as? [String: Any] else { return [] }
        if let centers = model["clusterCenters"] as? [[Double]] { return centers.flatMap { $0 } }
        if let coefficients = model["coefficients"] as? [Double], let intercept = model["intercept"] as? Double {
            return coefficients + [intercept]
        }
        let matrix = (model["coefficientMatrix"] as? [[Double]] ?? []).flatMap { $0 }
        return matrix + (model["interceptVector"] as? [Double] ?? [])
    }

    /// `max |a − b| / max |a|`.
    static func relativeDifference(_ a: [Double], _ b: [Double]) -> Double {
        guard a.count == b.count, !a.isEmpty else { return .infinity }
        let scale = a.map(abs).max() ?? 1
        return zip(a, b).map { abs($0 - $1) }.max().map { $0 / scale } ?? .infinity
    }
}
