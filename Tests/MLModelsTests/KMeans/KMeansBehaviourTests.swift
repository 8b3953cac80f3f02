import Foundation
import MLData
import MLEngine
import MLNumerics
import Testing

@testable import MLModels

/// Bad input, edge cases, persistence and the prediction columns.
@Suite struct KMeansBehaviourTests {
    @Test(arguments: [
        (KMeans(k: 0), "The 'k' hyperparameter of KMeans must be ≥ 1. Got 0."),
        (KMeans(k: 2, initSteps: 0), "The 'initSteps' hyperparameter of KMeans must be ≥ 1. Got 0."),
        (KMeans(k: 2, maxIter: -1), "The 'maxIter' hyperparameter of KMeans must be ≥ 0. Got -1."),
        (KMeans(k: 2, tol: -1e-3), "The 'tol' hyperparameter of KMeans must be ≥ 0. Got -0.001."),
        (KMeans(k: 2, tol: .nan), "The 'tol' hyperparameter of KMeans must be ≥ 0. Got nan."),
    ])
    func hyperparametersOutOfRange(estimator: KMeans, message: String) throws {
        let error = try #require(throws: HyperparameterError.self) { try estimator.validate() }
        #expect(error.description == message)
    }

    /// More clusters than distinct points of positive weight: a clear error for every
    /// initialization (Spark would return fewer centers).
    @Test(arguments: KMeans.InitMode.allCases)
    func moreClustersThanDistinctPoints(initMode: KMeans.InitMode) throws {
        let data = try Dataset(
            features: Matrix([[1, 1], [1, 1], [2, 2], [2, 2], [3, 3], [9, 9]]), weights: [1, 1, 1, 1, 1, 0])
        let error = try #require(throws: KMeansError.self) { try KMeans(k: 4, initMode: initMode).fit(data) }
        #expect(error == .tooFewDistinctPoints(k: 4, found: 3))
        #expect(error.description.contains("k = 4 clusters need 4 distinct points"))
        // Exactly as many distinct points as clusters: each point is a center, cost 0.
        let model = try KMeans(k: 3, initMode: initMode).fit(data)
        #expect(model.summary.trainingCost == 0)
        #expect(Set(model.clusterCenters.elements) == [1, 2, 3])
    }

    @Test func zeroRowWithCosineNamesTheRow() throws {
        let data = try Dataset(features: Matrix([[1, 2], [0.5, 1], [0, 0], [3, 1]]))
        let error = try #require(throws: KMeansError.self) { try KMeans(k: 2, distanceMeasure: .cosine).fit(data) }
        #expect(error == .zeroVector(row: 3))
        // Euclidean takes the zero row.
        #expect(try KMeans(k: 2).fit(data).k == 2)
        // A cosine model refuses it when predicting.
        let model = try KMeans(k: 2, distanceMeasure: .cosine).fit(Dataset(features: Matrix([[1, 2], [0.5, 1], [3, 1]])))
        #expect(throws: KMeansError.zeroVectorToPredict) { try model.predict(Matrix([[1, 1], [0, 0]])) }
    }

    @Test func noRowsOfPositiveWeight() throws {
        let data = try Dataset(features: Matrix([[1], [2]]), weights: [0, 0])
        #expect(throws: ModelError.noData) { try KMeans(k: 1).fit(data) }
    }

    @Test func initialModelMustMatch() throws {
        let data = try KMeansFixtures.synthetic()
        let model = try KMeans(k: 3).fit(data)
        // Another k.
        let otherK = KMeans(k: 4, initialModel: model)
        let error = try #require(throws: HyperparameterError.self) { try otherK.validate() }
        #expect(error.description == "The 'k' hyperparameter of KMeans must be the initial model's k (3). Got 4.")
        // Other features.
        let renamed = try Dataset(features: data.concatenated().features, featureNames: ["a", "b", "z"])
        #expect(throws: KMeansError.self) { try KMeans(k: 3, initialModel: model).fit(renamed) }
        // The same features in another order are matched by name.
        let x = data.concatenated().features
        let swapped = try Dataset(
            features: Matrix((0..<x.rows).map { [x[$0, 2], x[$0, 0], x[$0, 1]] }), featureNames: ["c", "a", "b"])
        let again = try KMeans(k: 3, maxIter: 0, initialModel: model).fit(swapped)
        for j in 0..<3 {
            #expect(again.clusterCenters.row(j) == [model.clusterCenters[j, 2], model.clusterCenters[j, 0], model.clusterCenters[j, 1]])
        }
        #expect(again.summary.iterations == 0)
    }

    /// An empty cluster takes the row farthest from its center instead of becoming NaN.
    @Test func emptyClusterIsReseededFromTheFarthestRow() throws {
        let data = try Dataset(features: Matrix([[0], [1], [2], [10], [11], [30]]), featureNames: ["x"])
        // Center 2 at 100 attracts nothing in the first pass.
        var estimator = KMeans(k: 3, maxIter: 1, tol: 0)
        estimator.initialCenters = KMeans.InitialCenters(featureNames: ["x"], centers: try Matrix([[1], [20], [100]]))
        let model = try estimator.fit(data)
        // Pass 1: {0, 1, 2, 10} → 3.25, {11, 30} → 20.5, none → 100; the row farthest from its
        // center is 30 (10 from 20), which re-seeds the empty cluster.
        #expect(model.clusterCenters.elements == [3.25, 20.5, 30])
        #expect(model.clusterCenters.elements.allSatisfy { $0.isFinite })
        // The final assignment: 11 is now nearer 3.25 than 20.5.
        #expect(model.summary.clusterSizes == [5, 0, 1])
    }

    /// A cluster that empties in a lazy pass (which gathers no farthest rows) is re-seeded as
    /// after a full pass: the pass is taken again reading every row.
    @Test func clusterEmptiedByALazyPassIsReseeded() throws {
        // A = (−1, 0), B = (1, 0), P = (−1, 0.2), Q = (1, 0.2), 20 times each, A first.
        let corners: [[Double]] = [[-1, 0], [1, 0], [-1, 0.2], [1, 0.2]]
        let rows = Array(repeating: corners, count: 20).joined().map { $0 }
        let data = try Dataset(features: Matrix(rows), featureNames: ["x", "y"])
        var estimator = KMeans(k: 3, maxIter: 2, tol: 0, pruning: .hamerly)
        estimator.initialCenters = KMeans.InitialCenters(
            featureNames: ["x", "y"], centers: try Matrix([[-1, 1.1], [0, 0], [1, 1.1]]))
        // Pass 1 (every distance): {P} → (−1, 0.2), {A, B} → (0, 0), {Q} → (1, 0.2). Pass 2
        // (lazy): A and B leave center 1 for P's and Q's centers, 0.2 away; re-read, the rows
        // farthest from their centers are A and B at 0.2, A the lower row: center 1 = A.
        let model = try estimator.fit(data)
        let expected: [Double] = [-1, 0.1, -1, 0, 1, 0.1]
        #expect(zip(model.clusterCenters.elements, expected).allSatisfy { abs($0 - $1) <= 1e-12 },
                "\(model.clusterCenters.elements)")
        estimator.pruning = .none
        let plain = try estimator.fit(data)
        #expect(KMeansFixtures.difference(model.clusterCenters, plain.clusterCenters) <= 1e-12)
        #expect(model.summary.clusterSizes == plain.summary.clusterSizes)
    }

    /// Data around the origin are used as loaded (no centred copy); the same data moved by
    /// 1000 are centred; from the same start (moved alike) both give the same clusters.
    @Test func dataNearTheOriginAreNotCopied() throws {
        let rows = try KMeansFixtures.blobs(n: 600, p: 3, groups: 4).concatenated().features
        var near = rows, far = rows
        for i in 0..<rows.rows {
            for t in 0..<3 {
                near[i, t] = rows[i, t] - 5
                far[i, t] = rows[i, t] + 995
            }
        }
        let start = try KMeansFixtures.rows(try Dataset(features: near), [0, 150, 300, 450])
        var moved = start
        for j in 0..<4 {
            for t in 0..<3 { moved[j, t] += 1000 }
        }
        let names = ["x1", "x2", "x3"]
        func fit(_ x: Matrix, from centers: Matrix) throws -> (KMeansModel, [Double]) {
            let data = try Dataset(features: x, featureNames: names)
            var estimator = KMeans(k: 4, maxIter: 30, tol: 0)
            estimator.initialCenters = KMeans.InitialCenters(featureNames: names, centers: centers)
            let shift = try KMeansFit(estimator: estimator, data: data, options: ExecutionOptions()).shift
            return (try estimator.fit(data), shift)
        }
        let (a, nearShift) = try fit(near, from: start)
        let (b, farShift) = try fit(far, from: moved)
        #expect(nearShift == [0, 0, 0])
        #expect(farShift.allSatisfy { abs($0 - 1000) < 5 }, "\(farShift)")
        #expect(a.summary.clusterSizes == b.summary.clusterSizes)
        for (x, y) in zip(a.clusterCenters.elements, b.clusterCenters.elements) {
            #expect(abs(x + 1000 - y) <= 1e-9 * 1000)
        }
    }

    @Test func saveThenLoadIsBitIdenticalAndHasTheDocumentedShape() throws {
        let data = try KMeansFixtures.synthetic(weighted: true)
        let model = try KMeans(k: 4, distanceMeasure: .cosine, seed: 12).fit(data)
        let encoded = try model.encoded()
        let back = try KMeansModel.decode(encoded, path: "m.json")
        #expect(back.clusterCenters.elements.map(\.bitPattern) == model.clusterCenters.elements.map(\.bitPattern))
        #expect(back.summary == model.summary)
        #expect(back.hyperparameters == model.hyperparameters)
        #expect(back.schema == model.schema)
        let object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        #expect(object["algorithm"] as? String == "kmeans")
        #expect(object["weightCol"] as? String == "weight")
        let parameters = try #require(object["model"] as? [String: Any])
        #expect((parameters["clusterCenters"] as? [[Double]])?.map(\.count) == [3, 3, 3, 3])
        #expect(parameters["distanceMeasure"] as? String == "cosine")
        let hyperparameters = try #require(object["hyperparameters"] as? [String: Any])
        #expect(Set(hyperparameters.keys) == ["k", "initMode", "initSteps", "maxIter", "tol", "distanceMeasure", "seed", "pruning"])
        #expect(hyperparameters["initMode"] as? String == "k-means||")
        let summary = try #require(object["summary"] as? [String: Any])
        for key in ["trainingCost", "clusterSizes", "clusterWeights", "iterations", "converged", "initialization", "seed", "costHistory"] {
            #expect(summary[key] != nil, "summary.\(key)")
        }
    }

    @Test func predictionColumnsAndDistances() throws {
        let data = try KMeansFixtures.synthetic()
        let model = try KMeans(k: 5, seed: 3).fit(data)
        let chunk = data.concatenated()
        #expect(model.predictionColumnNames(options: PredictionOptions()) == ["prediction"])
        #expect(model.predictionColumnNames(options: PredictionOptions(distances: true)) == ["prediction", "distance"])
        let columns = try model.predictionColumns(for: chunk, options: PredictionOptions(distances: true))
        guard case .integers(let clusters) = columns[0].values, case .numbers(let distances) = columns[1].values else {
            Issue.record("wrong column kinds")
            return
        }
        for i in 0..<chunk.rowCount {
            let naive = NearestCenters.naive(chunk.features.row(i), centers: model.clusterCenters)
            #expect(clusters[i] == naive.index)
            #expect(abs(distances[i] - naive.squaredDistance.squareRoot()) <= 1e-12)
        }
        // computeCost is the training cost on the training data.
        #expect(abs(try model.computeCost(data) - model.summary.trainingCost) <= 1e-9 * model.summary.trainingCost)
    }

    /// Weights act as repeated rows (kmeans_references.txt §6) from the same starting centers.
    @Test func weightsActAsRepeatedRows() throws {
        let weighted = try KMeansFixtures.synthetic(weighted: true)
        let x = weighted.concatenated().features
        var repeated: [[Double]] = []
        for i in 0..<x.rows {
            for _ in 0..<(1 + i % 3) { repeated.append(x.row(i)) }
        }
        let start = try KMeansFixtures.rows(weighted, [0, 5, 10, 1, 2])
        var estimator = KMeans(k: 5, maxIter: 1000, tol: 0)
        estimator.initialCenters = KMeans.InitialCenters(featureNames: ["a", "b", "c"], centers: start)
        let a = try estimator.fit(weighted)
        let b = try estimator.fit(Dataset(features: Matrix(repeated), featureNames: ["a", "b", "c"]))
        #expect(KMeansFixtures.difference(a.clusterCenters, b.clusterCenters) <= 1e-12)
        #expect(abs(a.summary.trainingCost - b.summary.trainingCost) <= 1e-9)
        #expect(a.summary.clusterWeights == b.summary.clusterSizes.map(Double.init))
    }
}
