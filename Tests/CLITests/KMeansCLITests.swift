import Foundation
import Testing

/// `mlfit train kmeans` through the built binary: train, predict with distances, evaluate
/// with and without a label, info, the initial model, and bad input as one line with its
/// exit status.
@Suite struct KMeansCLITests {
    static let features = "sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)"

    static func train(_ extra: [String], data: String = "Datasets/iris.csv") throws -> (CLIResult, String) {
        let dir = try CLI.temporaryDirectory()
        let model = dir.appendingPathComponent("m.json").path
        let result = try CLI.run(["train", "kmeans", "--data", data, "--model", model, "--quiet"] + extra)
        return (result, model)
    }

    /// Iris from the centers of rows 0, 50 and 100 (an initial model file), as
    /// KMeansReferenceTests checks against scikit-learn: the same cost, sizes, silhouette and
    /// adjusted Rand index through the command line (kmeans_references.txt §1).
    @Test func irisWorkflow() throws {
        let dir = try CLI.temporaryDirectory()
        let start = try CLI.write(
            """
            sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)
            5.1,3.5,1.4,0.2
            7.0,3.2,4.7,1.4
            6.3,3.3,6.0,2.5

            """, named: "start.csv", in: dir)
        // A first model whose centers are exactly those rows: k = 3 on 3 distinct rows.
        let initial = dir.appendingPathComponent("initial.json").path
        let first = try CLI.run(["train", "kmeans", "--data", start, "--k", "3", "--model", initial, "--max-iter", "0", "--quiet"])
        try #require(first.status == 0, "\(first.stderr)")
        let (train, model) = try Self.train([
            "--features", Self.features, "--k", "3", "--tol", "0", "--max-iter", "100", "--initial-model", initial,
        ])
        try #require(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.contains("k-means (euclidean) with k = 3 on 4 features, 150 rows"), "\(train.stdout)")
        #expect(train.stdout.contains("Initialization initial model"))
        #expect(train.stdout.contains("Training cost (weighted sum of squared distances to the centers): 78.8514"))

        let predict = try CLI.run(["predict", "--model", model, "--data", "Datasets/iris.csv", "--distances"])
        try #require(predict.status == 0, "\(predict.stderr)")
        let lines = predict.stdout.split(separator: "\n")
        #expect(lines.first == "prediction,distance")
        #expect(lines.count == 151)
        let clusters = lines.dropFirst().map { $0.split(separator: ",")[0] }
        #expect(Set(clusters) == ["0", "1", "2"])
        #expect(["0", "1", "2"].map { c in clusters.filter { $0 == c }.count }.sorted() == [38, 50, 62])
        let distancesPositive = lines.dropFirst().allSatisfy { (Double($0.split(separator: ",")[1]) ?? -1) >= 0 }
        #expect(distancesPositive)
        let plain = try CLI.run(["predict", "--model", model, "--data", "Datasets/iris.csv"])
        #expect(plain.stdout.split(separator: "\n").first == "prediction")

        let evaluate = try CLI.run(["evaluate", "--model", model, "--data", "Datasets/iris.csv", "--label", "species", "--json"])
        try #require(evaluate.status == 0, "\(evaluate.stderr)")
        let metrics = try #require(try JSONSerialization.jsonObject(with: Data(evaluate.stdout.utf8)) as? [String: Any])
        #expect(abs((metrics["silhouette"] as? Double ?? .nan) - 0.7356596054332232) <= 1e-12)
        #expect(abs((metrics["adjustedRandIndex"] as? Double ?? .nan) - 0.7302382722834697) <= 1e-12)
        #expect(abs((metrics["cost"] as? Double ?? .nan) - 78.851441426146) <= 1e-10)
        #expect((metrics["clusterSizes"] as? [Int])?.sorted() == [38, 50, 62])

        let text = try CLI.run(["evaluate", "--model", model, "--data", "Datasets/iris.csv"])
        try #require(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("silhouette          0.7356596054332"))
        #expect(!text.stdout.contains("adjusted Rand index"))

        let info = try CLI.run(["info", "--model", model])
        #expect(info.status == 0)
        #expect(info.stdout.contains("Hyperparameters: k 3, initMode k-means||"), "\(info.stdout)")
        #expect(info.stdout.contains("Lloyd: "))
        #expect(info.stdout.contains("converged"))
    }

    /// Text labels for the adjusted Rand index; a weight column.
    @Test func textLabelsAndWeights() throws {
        let dir = try CLI.temporaryDirectory()
        let data = try CLI.write(
            "x,y,w,kind\n0,0,1,a\n0.1,0.2,2,a\n5,5,1,b\n5.2,4.9,1,b\n0.2,0.1,1,a\n4.9,5.1,3,b\n", named: "d.csv", in: dir)
        let model = dir.appendingPathComponent("m.json").path
        let train = try CLI.run([
            "train", "kmeans", "--data", data, "--features", "x,y", "--weight-col", "w", "--k", "2", "--model", model,
            "--init-mode", "k-means++", "--seed", "4", "--quiet",
        ])
        try #require(train.status == 0, "\(train.stderr)")
        let evaluate = try CLI.run(["evaluate", "--model", model, "--data", data, "--label", "kind", "--weight-col", "w"])
        try #require(evaluate.status == 0, "\(evaluate.stderr)")
        #expect(evaluate.stdout.contains("adjusted Rand index 1.0"), "\(evaluate.stdout)")
        #expect(evaluate.stdout.contains("cluster weights"), "\(evaluate.stdout)")
    }

    @Test(arguments: [
        (["--k", "0"], "The 'k' hyperparameter of KMeans must be ≥ 1. Got 0."),
        (["--init-steps", "0"], "The 'initSteps' hyperparameter of KMeans must be ≥ 1. Got 0."),
        (["--max-iter", "-1"], "The 'maxIter' hyperparameter of KMeans must be ≥ 0. Got -1."),
        (["--tol", "-1"], "The 'tol' hyperparameter of KMeans must be ≥ 0. Got -1."),
        (["--label", "species"], "kmeans is unsupervised and reads no label; drop --label"),
    ])
    func badHyperparametersAreUsageErrors(arguments: [String], message: String) throws {
        let (result, _) = try Self.train(arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("Error: \(message)\n"), "\(result.stderr)")
    }

    @Test func unknownInitModeIsAUsageError() throws {
        let (result, _) = try Self.train(["--init-mode", "kmeans"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("k-means-parallel"), "\(result.stderr)")
        let (spark, _) = try Self.train(["--init-mode", "k-means||", "--k", "3"])
        #expect(spark.status == 0, "\(spark.stderr)")
    }

    @Test(arguments: [
        ("a,b\n1,1\n1,1\n2,2\n", ["--k", "3"],
         "mlfit: error: k = 3 clusters need 3 distinct points of positive weight; the data have 2: lower k\n"),
        ("a,b\n1,1\n0,0\n2,2\n", ["--k", "2", "--distance-measure", "cosine"],
         "mlfit: error: data row 2 is all zeros, which has no direction for the cosine distance: drop it or use --distance-measure euclidean\n"),
    ])
    func badDataIsOneLine(csv: String, extra: [String], message: String) throws {
        let dir = try CLI.temporaryDirectory()
        let data = try CLI.write(csv, named: "d.csv", in: dir)
        let (result, _) = try Self.train(extra, data: data)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr == message)
    }

    @Test func nonFiniteValueNamesItsPlace() throws {
        let dir = try CLI.temporaryDirectory()
        let data = try CLI.write("a,b\n1,2\n3,nan\n4,5\n", named: "d.csv", in: dir)
        let (result, _) = try Self.train(["--k", "2"], data: data)
        #expect(result.status == 1)
        #expect(result.stderr.contains("d.csv:3:2"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func initialModelOfAnotherKOrFeatures() throws {
        let (first, model) = try Self.train(["--features", Self.features, "--k", "3"])
        try #require(first.status == 0, "\(first.stderr)")
        let (otherK, _) = try Self.train(["--features", Self.features, "--k", "4", "--initial-model", model])
        #expect(otherK.status == 1)
        #expect(otherK.stderr == "mlfit: error: The 'k' hyperparameter of KMeans must be the initial model's k (3). Got 4.\n")
        #expect(otherK.stderr.split(separator: "\n").count == 1, "\(otherK.stderr)")
        let (otherFeatures, _) = try Self.train(["--features", "sepal length (cm)", "--k", "3", "--initial-model", model])
        #expect(otherFeatures.status == 1)
        #expect(otherFeatures.stderr.contains("the initial model's features"), "\(otherFeatures.stderr)")
        let dir = try CLI.temporaryDirectory()
        let linear = dir.appendingPathComponent("lin.json").path
        let fit = try CLI.run(["train", "linear-regression", "--data", "Datasets/iris.csv", "--label", "species", "--model", linear, "--quiet"])
        try #require(fit.status == 0, "\(fit.stderr)")
        let (wrong, _) = try Self.train(["--features", Self.features, "--k", "3", "--initial-model", linear])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("holds a linear-regression model, not a kmeans model"), "\(wrong.stderr)")
    }
}
