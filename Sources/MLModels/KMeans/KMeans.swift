import MLData
import MLEngine
import MLNumerics

/// k-means clustering with Spark MLlib's parameter names and defaults: k-means|| (or
/// k-means++ or random) initialization, then Lloyd iterations whose distances come from GEMM.
///
/// With weights `wᵢ` (1 when the data have none) and centers `c₁ … c_k` the fit lowers the
/// cost
///
///     J = Σᵢ wᵢ·d(xᵢ, c_{a(i)}),   a(i) = argminⱼ d(xᵢ, cⱼ)   (ties to the lowest j)
///
/// with `d` the squared euclidean distance, or the cosine distance `1 − cos(x, c)` (points
/// and centers normalized to unit length, as Spark does). A Lloyd iteration assigns every
/// row to its nearest center and moves each center to the weighted mean of its rows (for
/// cosine, the normalized mean of the normalized rows); it stops when no center moves more
/// than ``tol`` (Spark's rule: squared euclidean move `≤ tol²`, cosine distance `≤ tol`) or
/// after ``maxIter`` iterations.
///
/// Every random draw is keyed by `(seed, purpose, round, global row)`, so the model depends
/// only on the seed and the data: bit for bit the same on any thread count, and the same to
/// round-off for any chunking or number of MPI ranks (Spark keys its draws by partition).
///
/// ```swift
/// let model = try KMeans(k: 3, seed: 7).fit(data)
/// let clusters = try model.predict(data.concatenated().features)
/// ```
public struct KMeans: Sendable, Hashable, Codable {
    /// How the first centers are chosen.
    public enum InitMode: String, Sendable, Hashable, Codable, CaseIterable {
        /// k-means|| (Bahmani et al., 2012), Spark's default: `initSteps` rounds each drawing
        /// about `2k` rows with probability `∝ w·d²`, the candidates weighted by the rows
        /// nearest to them and reduced to `k` by greedy weighted k-means++ and local Lloyd
        /// iterations, restarted a few times (the lowest weighted cost kept).
        case kMeansParallel = "k-means||"
        /// k-means++ (Arthur and Vassilvitskii, 2007): one pass per center, each drawing a row
        /// with probability `∝ w·d²`.
        case kMeansPlusPlus = "k-means++"
        /// `k` distinct rows drawn with probability `∝ w`, without replacement.
        case random
    }

    /// How distances are measured.
    public enum DistanceMeasure: String, Sendable, Hashable, Codable, CaseIterable {
        case euclidean
        /// `1 − cos(x, c)`; every row must have a non-zero norm.
        case cosine
    }

    /// Whether Lloyd iterations skip distance work that bounds prove unnecessary.
    public enum Pruning: String, Sendable, Hashable, Codable, CaseIterable {
        /// Bounds from the second iteration on, full passes while most rows need distances.
        case auto
        /// Hamerly's bounds on every iteration after the first.
        case hamerly
        /// Every distance on every iteration.
        case none
    }

    /// The number of clusters, ≥ 1.
    public var k: Int
    public var initMode: InitMode
    /// Rounds of k-means|| (≥ 1).
    public var initSteps: Int
    /// Lloyd iterations at most (≥ 0; 0 keeps the initial centers).
    public var maxIter: Int
    /// Convergence tolerance on the centers' moves (≥ 0).
    public var tol: Double
    public var distanceMeasure: DistanceMeasure
    /// The seed of every random draw.
    public var seed: Int
    public var pruning: Pruning
    /// Starting centers from an earlier model (Spark's `initialModel`): their number must be
    /// `k` and their features the data's (matched by name); ``initMode`` is then not used.
    /// Not written to model files.
    public var initialCenters: InitialCenters?

    /// Starting centers with the names of their columns.
    public struct InitialCenters: Sendable, Hashable {
        public var featureNames: [String]
        /// `k × p`, one center per row, columns in the order of `featureNames`.
        public var centers: Matrix

        public init(featureNames: [String], centers: Matrix) {
            self.featureNames = featureNames
            self.centers = centers
        }

        /// The centers of a fitted model.
        public init(_ model: KMeansModel) {
            self.init(featureNames: model.featureNames, centers: model.clusterCenters)
        }
    }

    public init(
        k: Int = 2, initMode: InitMode = .kMeansParallel, initSteps: Int = 2, maxIter: Int = 20, tol: Double = 1e-4,
        distanceMeasure: DistanceMeasure = .euclidean, seed: Int = KMeans.defaultSeed, pruning: Pruning = .auto,
        initialModel: KMeansModel? = nil
    ) {
        self.initialCenters = initialModel.map(InitialCenters.init)
        self.k = k
        self.initMode = initMode
        self.initSteps = initSteps
        self.maxIter = maxIter
        self.tol = tol
        self.distanceMeasure = distanceMeasure
        self.seed = seed
        self.pruning = pruning
    }

    /// The seed used when none is given (recorded in every model file).
    public static let defaultSeed = 1

    /// The largest `k`: the statistics of a pass hold `k × p` sums per worker.
    public static let maxK = 1 << 20

    enum CodingKeys: String, CodingKey {
        case k, initMode, initSteps, maxIter, tol, distanceMeasure, seed, pruning
    }

    /// Checks every hyperparameter against its allowed range, and the initial model's `k`.
    public func validate() throws(HyperparameterError) {
        let check = HyperparameterChecker(estimator: "KMeans")
        try check.atLeast(k, 1, "k")
        if k > Self.maxK {
            throw HyperparameterError(estimator: "KMeans", name: "k", requirement: "≤ \(Self.maxK)", given: "\(k)")
        }
        try check.atLeast(initSteps, 1, "initSteps")
        try check.atLeast(maxIter, 0, "maxIter")
        try check.atLeast(tol, 0, "tol")
        if let initialCenters, initialCenters.centers.rows != k {
            throw HyperparameterError(
                estimator: "KMeans", name: "k", requirement: "the initial model's k (\(initialCenters.centers.rows))",
                given: "\(k)")
        }
    }

    /// Fits on a source: the data are loaded into memory once, then one pass per
    /// initialization round and per Lloyd iteration, and a final assignment pass.
    public func fit(_ source: some ChunkSource, options: ExecutionOptions = ExecutionOptions()) throws -> KMeansModel {
        try fitWithReport(source, options: options).model
    }

    /// ``fit(_:options:)`` with what reading took, the passes in memory and the iterations.
    ///
    /// - Throws: ``HyperparameterError``; ``ModelError/categoricalFeature(feature:algorithm:)``;
    ///   ``ModelError/noData``; ``KMeansError`` for fewer distinct points than `k`, a zero
    ///   row with the cosine measure, or an initial model with other features; the data's errors.
    public func fitWithReport(
        _ source: some ChunkSource, options: ExecutionOptions = ExecutionOptions()
    ) throws -> FitResult<KMeansModel> {
        try validate()
        try source.schema.requireNumericFeatures(algorithm: Self.displayName)
        let clock = ContinuousClock()
        let start = clock.now
        let (data, read) = try source.load(options: options)
        // OpenBLAS single-threaded between passes too (see `BLASThreads.singleThreaded`).
        let (fit, model) = try BLASThreads.singleThreaded {
            var fit = try KMeansFit(estimator: self, data: data, options: options)
            let model = try fit.run()
            return (fit, model)
        }
        let total = clock.now - start
        let totalSeconds = Double(total.components.seconds) + Double(total.components.attoseconds) / 1e18
        let solveSeconds = max(0, totalSeconds - read.seconds - fit.inMemory.seconds)
        return FitResult(
            model: model,
            report: FitReport(read: read, inMemory: fit.inMemory, iterations: model.summary.iterations, solveSeconds: solveSeconds))
    }

    /// The algorithm as messages name it.
    static let displayName = "k-means"
}

extension KMeans: Estimator {
    public typealias Model = KMeansModel
}
