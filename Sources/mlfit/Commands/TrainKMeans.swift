import ArgumentParser
import MLFit

/// `mlfit train kmeans`: the shared option groups and its hyperparameters; the validation
/// and the pipeline are ``TrainCommand``'s.
struct TrainKMeans: TrainCommand {
    static let configuration = CommandConfiguration(
        commandName: KMeansModel.algorithmName,
        abstract: "Cluster rows with k-means (k-means|| initialization, Lloyd iterations).",
        discussion: """
            Lowers Σ wᵢ·d(xᵢ, c_a(i)) over k centers, d the squared euclidean distance or the
            cosine distance 1 − cos(x, c). No label is read. Every random draw depends only on
            --seed and the data (not on threads, chunks or MPI ranks). See docs/cli.md.

            Examples:
              mlfit train kmeans --data Datasets/iris.csv --k 3 --model iris-kmeans.json \\
                  --features "sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)"
              mlfit train kmeans --data points.csv --k 8 --model m.json --init-mode k-means++ --seed 7
              mlfit train kmeans --data points.csv --k 8 --model m2.json --initial-model m.json --tol 0
            """)

    @OptionGroup(title: "Input") var input: DataOptions
    @OptionGroup(title: "Columns") var columns: ColumnOptions
    @OptionGroup(title: "Hyperparameters") var hyperparameters: KMeansOptions
    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup(title: "Run") var runOptions: RunOptions

    var estimator: KMeans { hyperparameters.estimator }

    /// The estimator with the centers of `--initial-model`, read here so that a bad file is a
    /// one-line error (exit 1) before any data is read; the fit checks its k.
    func preparedEstimator() throws -> KMeans {
        var estimator = self.estimator
        if let path = hyperparameters.initialModel {
            let model = try ModelRegistry.load(from: path)
            guard let kmeans = model as? KMeansModel else {
                throw ModelFileError.wrongAlgorithm(path: path, found: model.algorithmName, expected: KMeansModel.algorithmName)
            }
            estimator.initialCenters = KMeans.InitialCenters(kmeans)
        }
        return estimator
    }
}

/// The hyperparameters of k-means, with Spark's names and defaults.
struct KMeansOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "The number of clusters, ≥ 1.")
    var k: Int = 2

    @Option(help: "k-means-parallel (Spark's k-means||, also accepted), k-means++ or random.")
    var initMode: InitModeChoice = .kMeansParallel

    @Option(parsing: .unconditional, help: "Rounds of k-means||, ≥ 1.")
    var initSteps: Int = 2

    @Option(parsing: .unconditional, help: "Lloyd iterations at most, ≥ 0.")
    var maxIter: Int = 20

    @Option(parsing: .unconditional, help: "Stop when no center moves more than tol (≥ 0; cosine: by cosine distance).")
    var tol: Double = 1e-4

    @Option(help: "euclidean or cosine.")
    var distanceMeasure: KMeans.DistanceMeasure = .euclidean

    @Option(parsing: .unconditional, help: "The seed of every random draw.")
    var seed: Int = KMeans.defaultSeed

    @Option(help: "auto (bounds once they pay), hamerly (Hamerly's bounds after the first iteration) or none.")
    var pruning: KMeans.Pruning = .auto

    @Option(help: "A k-means model file whose centers start the iterations (its k and features must match).")
    var initialModel: String?

    var estimator: KMeans {
        KMeans(
            k: k, initMode: initMode.mode, initSteps: initSteps, maxIter: maxIter, tol: tol,
            distanceMeasure: distanceMeasure, seed: seed, pruning: pruning)
    }
}

/// The initialization modes as the command line spells them: `k-means-parallel` is shell-safe,
/// and Spark's `k-means||` is accepted for it.
enum InitModeChoice: String, ExpressibleByArgument, CaseIterable {
    case kMeansParallel = "k-means-parallel"
    case kMeansPlusPlus = "k-means++"
    case random

    init?(argument: String) {
        if argument == KMeans.InitMode.kMeansParallel.rawValue {
            self = .kMeansParallel
        } else {
            self.init(rawValue: argument)
        }
    }

    var mode: KMeans.InitMode {
        switch self {
        case .kMeansParallel: return .kMeansParallel
        case .kMeansPlusPlus: return .kMeansPlusPlus
        case .random: return .random
        }
    }
}

extension KMeans.DistanceMeasure: ExpressibleByArgument {}
extension KMeans.Pruning: ExpressibleByArgument {}
