import Foundation
import MLData
import MLEngine
import MLNumerics
import Testing

@testable import MLModels

/// k-means against scikit-learn 1.9.1 (Tests/References/kmeans_references.py, output in
/// kmeans_references.txt): Lloyd from fixed starting centers to its fixed point (`tol 0`),
/// the cost, sizes, silhouette and adjusted Rand index.
@Suite struct KMeansReferenceTests {
    static func assertClose(_ a: Matrix, _ b: [[Double]], _ tolerance: Double, _ what: String) throws {
        let expected = try Matrix(b)
        #expect(a.rows == expected.rows && a.columns == expected.columns, "\(what): shape")
        let difference = KMeansFixtures.difference(a, expected)
        #expect(difference <= tolerance, "\(what): largest difference \(difference)")
    }

    /// kmeans_references.txt §1: KMeans(init=rows 0, 50, 100, n_init=1, algorithm="lloyd",
    /// tol=0); also R's kmeans (../shared/REFERENCES.md: total within SS 78.85144, sizes
    /// 50 / 62 / 38).
    @Test(arguments: [KMeans.Pruning.none, .hamerly, .auto])
    func irisFromFixedCenters(pruning: KMeans.Pruning) throws {
        let data = try KMeansFixtures.iris(label: true)
        let start = try KMeansFixtures.rows(data, [0, 50, 100])
        let initial = KMeans.InitialCenters(featureNames: KMeansFixtures.irisFeatures, centers: start)
        var estimator = KMeans(k: 3, maxIter: 100, tol: 0, pruning: pruning)
        estimator.initialCenters = initial
        let model = try estimator.fit(data)
        try Self.assertClose(
            model.clusterCenters,
            [[5.006, 3.428, 1.4620000000000002, 0.24600000000000055],
             [5.901612903225806, 2.7483870967741937, 4.393548387096774, 1.4338709677419355],
             [6.85, 3.0736842105263156, 5.742105263157894, 2.0710526315789473]], 1e-12, "iris centers")
        #expect(abs(model.summary.trainingCost - 78.851441426146) <= 1e-10)
        #expect(model.summary.clusterSizes == [50, 62, 38])
        #expect(model.summary.converged)
        #expect(model.summary.initialization == "initial model")

        let metrics = try model.evaluate(data)
        // silhouette_score(X, labels, metric="sqeuclidean"); the euclidean default gives
        // 0.5528190123564102, which is not Spark's.
        #expect(abs((metrics.silhouette ?? .nan) - 0.7356596054332232) <= 1e-12)
        #expect(abs((metrics.adjustedRandIndex ?? .nan) - 0.7302382722834697) <= 1e-12)
        #expect(abs(metrics.cost - 78.851441426146) <= 1e-10)
        #expect(metrics.clusterSizes == [50, 62, 38])
    }

    /// kmeans_references.txt §2: with the default initialization over seeds 1–10 the median
    /// cost is within 1% of the optimum 78.851441426146 (scikit-learn's best of 100 starts;
    /// R's 78.85144).
    @Test(arguments: KMeans.InitMode.allCases)
    func irisMedianCostOverSeedsIsNearTheOptimum(initMode: KMeans.InitMode) throws {
        let data = try KMeansFixtures.iris()
        let costs = try (1...10).map { seed in
            try KMeans(k: 3, initMode: initMode, seed: seed).fit(data).summary.trainingCost
        }.sorted()
        let median = (costs[4] + costs[5]) / 2
        #expect(median <= 78.851441426146 * 1.01, "\(initMode): costs \(costs)")
        #expect(costs[0] >= 78.851441426146 - 1e-9)
    }

    /// ../shared/REFERENCES.md and kmeans_references.txt §3: scikit-learn's hand-computed
    /// weighted case.
    @Test func weightedHandComputedCase() throws {
        let data = try Dataset(
            features: Matrix([[0, 0], [0.5, 0], [0.5, 1], [1, 1]]), weights: [3, 1, 1, 3], featureNames: ["x", "y"])
        var estimator = KMeans(k: 2, tol: 0)
        estimator.initialCenters = KMeans.InitialCenters(featureNames: ["x", "y"], centers: try Matrix([[0, 0], [1, 1]]))
        let model = try estimator.fit(data)
        try Self.assertClose(model.clusterCenters, [[0.125, 0], [0.875, 1]], 1e-15, "centers")
        #expect(abs(model.summary.trainingCost - 0.375) <= 1e-15)
    }

    static let syntheticStart = [0, 5, 10, 1, 2]

    static func fitSynthetic(_ data: Dataset, shift: Double = 0) throws -> KMeansModel {
        var start = try KMeansFixtures.rows(data, syntheticStart)
        start = try Matrix(rows: 5, columns: 3, elements: start.elements)
        var estimator = KMeans(k: 5, maxIter: 1000, tol: 0)
        estimator.initialCenters = KMeans.InitialCenters(featureNames: ["a", "b", "c"], centers: start)
        return try estimator.fit(data)
    }

    /// kmeans_references.txt §4 and §5: the formula rows, unweighted and weighted.
    @Test func syntheticFromFixedCenters() throws {
        let plain = try Self.fitSynthetic(KMeansFixtures.synthetic())
        try Self.assertClose(
            plain.clusterCenters,
            [[-0.08943027219742206, 0.7057757274370582, -0.02042274481765838],
             [0.6779043016734674, -0.4263993828009114, -0.09661771927602014],
             [-0.6371043926043285, -0.6271179216263618, 0.18043697187917973],
             [6.017574670339022, 1.5170066550591699, 0.3064695050987493],
             [14.011161521738789, 1.4867693643844189, 1.5710853382441743]], 1e-12, "unweighted")
        #expect(abs(plain.summary.trainingCost - 1866.1007019782128) <= 1e-9)
        #expect(plain.summary.clusterSizes == [26, 19, 15, 120, 120])
        let metrics = try plain.evaluate(KMeansFixtures.synthetic())
        #expect(abs((metrics.silhouette ?? .nan) - 0.578197082738227) <= 1e-12)

        let weighted = try Self.fitSynthetic(KMeansFixtures.synthetic(weighted: true))
        try Self.assertClose(
            weighted.clusterCenters,
            [[-0.06984801693170795, 0.7019858489418718, -0.0282024440368589],
             [0.6752478600868921, -0.4290694860671449, -0.09276158256681533],
             [-0.6297131581835682, -0.6302781893469287, 0.23638708273654774],
             [6.0114549974989835, 1.4952487990666, 0.31406324334527247],
             [14.000020796236289, 1.5030666048322807, 1.5823830546308633]], 1e-12, "weighted")
        #expect(abs(weighted.summary.trainingCost - 3730.6444802575297) <= 1e-9)
        #expect(weighted.summary.clusterSizes == [26, 19, 15, 120, 120])
        // §6: the rows repeated 1 + i mod 3 times give the weighted centers (scikit-learn).
        #expect(abs(weighted.summary.clusterWeights.reduce(0, +) - 600) == 0)
    }

    /// The same rows moved 10⁶ from the origin: centring keeps the expansion from cancelling,
    /// so the centers are the reference's plus 10⁶ and the cost the reference's.
    @Test func farFromTheOrigin() throws {
        let shift = 1e6
        let model = try Self.fitSynthetic(KMeansFixtures.synthetic(shift: shift))
        #expect(model.summary.clusterSizes == [26, 19, 15, 120, 120])
        let reference = try Matrix([
            [-0.08943027219742206, 0.7057757274370582, -0.02042274481765838],
            [0.6779043016734674, -0.4263993828009114, -0.09661771927602014],
            [-0.6371043926043285, -0.6271179216263618, 0.18043697187917973],
            [6.017574670339022, 1.5170066550591699, 0.3064695050987493],
            [14.011161521738789, 1.4867693643844189, 1.5710853382441743]].map { $0.map { $0 + shift } })
        #expect(KMeansFixtures.difference(model.clusterCenters, reference) <= 1e-8)
        #expect(abs(model.summary.trainingCost - 1866.1007019782128) <= 1e-6)
        // The silhouette's sums are taken about the centers: no cancellation either.
        let metrics = try model.evaluate(KMeansFixtures.synthetic(shift: shift))
        #expect(abs((metrics.silhouette ?? .nan) - 0.578197082738227) <= 1e-9)
    }

    /// kmeans_references.txt §7: spherical k-means (numpy loop with Spark's cosine rules) and
    /// silhouette_score(metric="cosine").
    @Test func cosineFromFixedCenters() throws {
        let base = try KMeansFixtures.synthetic()
        var x = base.concatenated().features
        for i in 0..<x.rows {
            for t in 0..<3 { x[i, t] += 1 }
        }
        let data = try Dataset(features: x, featureNames: ["a", "b", "c"])
        var estimator = KMeans(k: 4, maxIter: 1000, tol: 0, distanceMeasure: .cosine)
        estimator.initialCenters = KMeans.InitialCenters(featureNames: ["a", "b", "c"], centers: try Matrix((0..<4).map { x.row($0) }))
        let model = try estimator.fit(data)
        try Self.assertClose(
            model.clusterCenters,
            [[0.2242111160782362, 0.6163730208036666, 0.7548600364652471],
             [0.7347498188585054, 0.6392741851446101, 0.2268726953493703],
             [0.9806508084220524, 0.06417369360956783, 0.18494790885457507],
             [0.941594728567491, 0.28630651443043353, 0.1772792907493951]], 1e-12, "cosine centers")
        #expect(abs(model.summary.trainingCost - 5.51128442354662) <= 1e-11)
        #expect(model.summary.clusterSizes == [29, 72, 110, 89])
        let metrics = try model.evaluate(data)
        #expect(abs((metrics.silhouette ?? .nan) - 0.6052972738593129) <= 1e-12)
    }
}
