import Foundation
import MLData
import MLEngine
import MLNumerics
import Testing

@testable import MLModels

/// Split candidates, the histogram kernel against a naive one, Spark's stopping rules, the
/// shifted variance sums, accuracy against scikit-learn, and bad input.
@Suite struct DecisionTreeBehaviourTests {
    /// Spark's findSplitsForContinuousFeature: every midpoint while the distinct values fit in
    /// maxBins; else the weighted quantile rule (values 1…100, 4 bins: stride 25, so the
    /// midpoints after 25, 50 and 75, worked by hand).
    @Test func thresholdsFollowSpark() {
        let few = [(3.0, 1.0), (1.0, 2.0), (2.0, 1.0), (3.0, 1.0)].map { (value: $0.0, weight: $0.1) }
        #expect(FeatureBins.thresholds(sample: few, maxBins: 3) == [1.5, 2.5])
        #expect(FeatureBins.thresholds(sample: few, maxBins: 2).count == 1)
        let many = (1...100).map { (value: Double($0), weight: 1.0) }
        #expect(FeatureBins.thresholds(sample: many, maxBins: 4) == [25.5, 50.5, 75.5])
        #expect(FeatureBins.thresholds(sample: [(value: 5, weight: 1)], maxBins: 32) == [])
        // A midpoint that rounds up to the larger value is replaced by the smaller one.
        let close = [1.0, 1.0.nextUp].map { (value: $0, weight: 1.0) }
        #expect(FeatureBins.thresholds(sample: close, maxBins: 32) == [1.0])
        #expect(FeatureBins.continuous(thresholds: [1.5, 2.5]).bin(of: 1.5) == 0)
        #expect(FeatureBins.continuous(thresholds: [1.5, 2.5]).bin(of: 2) == 1)
        #expect(FeatureBins.continuous(thresholds: [1.5, 2.5]).bin(of: 9) == 2)
    }

    /// The block kernel against a row-by-row reference that bins each value by a linear scan
    /// and adds its statistics, for 8- and 16-bit bins, classification and regression.
    @Test(arguments: [false, true], [0, 3])
    func kernelMatchesNaive(wide: Bool, classCount: Int) throws {
        var random = SeededRandom(seed: 9)
        let n = 257, p = 3
        let thresholds = (0..<p).map { j in (1..<(wide ? 300 : 20)).map { Double($0) / Double(wide ? 300 : 20) + Double(j) } }
        let layout = BinLayout(features: thresholds.map { .continuous(thresholds: $0) } + [.categorical(arity: 4)])
        var x = Matrix(rows: n, columns: p + 1)
        var labels: [Double] = [], weights: [Double] = []
        for i in 0..<n {
            for j in 0..<p { x[i, j] = random.uniform() + Double(j) }
            x[i, p] = Double(Int(random.uniform() * 4))
            labels.append(classCount > 0 ? Double(Int(random.uniform() * Double(classCount))) : random.uniform() * 100)
            weights.append(i % 17 == 0 ? 0 : random.uniform())
        }
        let chunk = DataChunk(features: x, labels: labels, weights: weights)
        var rows = BinnedRows(chunks: [chunk], layout: layout, wide: wide)
        for i in 0..<n where rows.node[i] >= 0 { rows.node[i] = Int32(i % 3) - 1 }  // nodes −1, 0, 1
        let s = classCount > 0 ? classCount + 1 : 4
        let shape = NodeHistogramStatistics.Shape(nodes: 2, totalBins: layout.totalBins, statsPerBin: s)
        let shifts = [40.0, 60.0]
        let kernel = NodeHistogramStatistics(
            rows: rows, labels: labels, weights: weights, layout: layout, shape: shape, group: 0..<2,
            classCount: classCount, shifts: shifts)
        var naive = [Double](repeating: 0, count: shape.count)
        for i in 0..<n {
            let node = i % 3 - 1
            guard weights[i] > 0, node >= 0 else { continue }
            let w = weights[i]
            var bins = [-1]  // the node's totals
            for j in 0..<p { bins.append(layout.offsets[j] + thresholds[j].filter { $0 < x[i, j] }.count) }
            bins.append(layout.offsets[p] + Int(x[i, p]))
            for bin in bins {
                let at = node * shape.nodeStride + (bin + 1) * s
                if classCount > 0 {
                    naive[at + Int(labels[i])] += w
                    naive[at + classCount] += 1
                } else {
                    let d = labels[i] - shifts[node]
                    naive[at] += 1
                    naive[at + 1] += w
                    naive[at + 2] += w * d
                    naive[at + 3] += w * d * d
                }
            }
        }
        #expect(kernel.values == naive)
    }

    @Test func maxDepthZeroIsOneLeaf() throws {
        let data = try DecisionTreeFixtures.classification(600)
        let model = try DecisionTreeClassifier(maxDepth: 0).fit(data)
        #expect(model.nodeCount == 1)
        #expect(model.depth == 0)
        #expect(model.featureImportances == [0, 0, 0, 0, 0])
        let weights = try #require(model.tree.nodes[0].classWeights)
        #expect(model.tree.nodes[0].prediction == Double(weights.indices.max { weights[$0] < weights[$1] } ?? -1))
    }

    /// Spark's rule: no split when a child would have fewer rows than minInstancesPerNode or
    /// the gain is below minInfoGain; none for a constant label (gain 0).
    @Test func stoppingRules() throws {
        let data = try DecisionTreeFixtures.classification(400, weighted: false)
        #expect(try DecisionTreeClassifier(minInstancesPerNode: 201).fit(data).nodeCount == 1)
        #expect(try DecisionTreeClassifier(minInfoGain: 1).fit(data).nodeCount == 1)
        let bounded = try DecisionTreeClassifier(maxDepth: 10, minInstancesPerNode: 25).fit(data)
        #expect(bounded.nodeCount > 3)
        #expect(bounded.tree.nodes.allSatisfy { $0.count >= 25 })
        let fraction = try DecisionTreeClassifier(maxDepth: 10, minWeightFractionPerNode: 0.1).fit(data)
        #expect(fraction.tree.nodes.allSatisfy { $0.weight >= 40 })
        let constant = try Dataset(features: Matrix([[1], [2], [3], [4]]), labels: [5, 5, 5, 5])
        #expect(try DecisionTreeRegressor().fit(constant).nodeCount == 1)
    }

    /// Labels around 10⁹ with unit spread: the shifted sums give the tree of the same labels
    /// around 0 (Σwy² − (Σwy)²/W would lose every digit of the variance).
    @Test func largeLabelOffsetDoesNotChangeTheTree() throws {
        let r = DecisionTreeFixtures.rows(2000)
        let columns = DecisionTreeFixtures.columns(r, categorical: true)
        let centred = r.values.map { $0 - 1e6 }
        let near = try Dataset(columns: columns, labels: centred, weights: r.weights, rowsPerChunk: 300)
        let far = try Dataset(columns: columns, labels: centred.map { $0 + 1e9 }, weights: r.weights, rowsPerChunk: 300)
        let a = try DecisionTreeRegressor(maxDepth: 6).fit(near)
        let b = try DecisionTreeRegressor(maxDepth: 6).fit(far)
        #expect(DecisionTreeFixtures.structure(a.tree) == DecisionTreeFixtures.structure(b.tree))
        let worst = zip(a.tree.nodes, b.tree.nodes).map { abs($0.prediction + 1e9 - $1.prediction) }.max() ?? 1
        #expect(worst <= 1e-5)
    }

    /// On Datasets/tree_synthetic.csv (first 2,000 rows train, last 1,000 test) the binned tree
    /// (32 bins) is within one point of scikit-learn's exact tree at the same depth
    /// (decision_tree_references.py). At depth 10 both overfit and the exact tree more so
    /// (scikit-learn 0.816, mlfit 0.83): there only "not worse by more than a point" is asked.
    @Test(arguments: [3, 6, 10])
    func accuracyNearScikitLearn(depth: Int) throws {
        let path = DecisionTreeReferenceTests.datasets.appendingPathComponent("tree_synthetic.csv").path
        let source = try CSVSource(path: path, options: CSVOptions(label: "label", categorical: ["label"]))
        let all = try source.load(options: ExecutionOptions()).data.concatenated()
        let rows = all.features.rows, p = all.features.columns
        let train = try Matrix(rows: 2000, columns: p, elements: Array(all.features.elements[..<(2000 * p)]))
        let test = try Matrix(rows: rows - 2000, columns: p, elements: Array(all.features.elements[(2000 * p)...]))
        let data = try Dataset(
            features: train, labels: all.labels[..<2000].map { $0 == 1 ? "yes" : "no" },
            featureNames: source.schema.featureNames)
        let model = try DecisionTreeClassifier(maxDepth: depth).fit(data)
        let predicted = try model.predict(test)
        let truth = all.labels[2000...].map { $0 == 1 ? "yes" : "no" }
        let accuracy = Double(zip(predicted, truth).filter { $0 == $1 }.count) / Double(truth.count)
        let reference = try #require(DecisionTreeReferences.syntheticTestAccuracy[depth])
        if depth < 10 {
            #expect(abs(accuracy - reference) <= 0.01, "mlfit \(accuracy), scikit-learn \(reference)")
        } else {
            #expect(accuracy >= reference - 0.01, "mlfit \(accuracy), scikit-learn \(reference)")
        }
    }

    @Test func hyperparametersOutOfRange() {
        let bad: [(DecisionTreeClassifier, String)] = [
            (DecisionTreeClassifier(maxDepth: -1), "maxDepth"), (DecisionTreeClassifier(maxDepth: 31), "maxDepth"),
            (DecisionTreeClassifier(maxBins: 1), "maxBins"), (DecisionTreeClassifier(maxBins: 65_537), "maxBins"),
            (DecisionTreeClassifier(minInstancesPerNode: 0), "minInstancesPerNode"),
            (DecisionTreeClassifier(minWeightFractionPerNode: 0.5), "minWeightFractionPerNode"),
            (DecisionTreeClassifier(minWeightFractionPerNode: .nan), "minWeightFractionPerNode"),
            (DecisionTreeClassifier(minInfoGain: -1), "minInfoGain"),
            (DecisionTreeClassifier(maxMemoryInMB: 0), "maxMemoryInMB"),
        ]
        for (estimator, name) in bad {
            #expect(throws: HyperparameterError.self) { try estimator.validate() }
            do {
                try estimator.validate()
            } catch {
                #expect(error.name == name)
                #expect(error.description.hasPrefix("The '\(name)' hyperparameter of DecisionTreeClassifier must be"))
            }
        }
        #expect(throws: HyperparameterError.self) { try DecisionTreeRegressor(maxBins: 70_000).validate() }
        #expect(throws: Never.self) { try DecisionTreeClassifier(maxDepth: 30, maxBins: 65_536).validate() }
    }

    @Test func badData() throws {
        let x = try Matrix([[1], [2], [3]])
        #expect(throws: DecisionTreeError.oneClass(label: "label", value: "a")) {
            try DecisionTreeClassifier().fit(Dataset(features: x, labels: ["a", "a", "a"]))
        }
        #expect(throws: ModelError.noData) {
            try DecisionTreeRegressor().fit(Dataset(features: x, labels: [1, 2, 3], weights: [0, 0, 0]))
        }
        #expect(throws: ModelError.missingLabel) { try DecisionTreeRegressor().fit(Dataset(features: x)) }
        // The diabetes label read as classes: 214 of them.
        let path = DecisionTreeReferenceTests.datasets.appendingPathComponent("diabetes.csv").path
        let source = try CSVSource(path: path, options: CSVOptions(label: "target", categorical: ["target"]))
        #expect(throws: DecisionTreeError.tooManyClasses(label: "target", count: 214, limit: 100)) {
            try DecisionTreeClassifier().fit(source)
        }
        // A numeric label with more distinct values than classes are read from: the error names
        // no particular classifier (it once named logistic regression for a tree).
        let many = 10_001
        let continuous = try Dataset(
            features: Matrix(rows: many, columns: 1, elements: (0..<many).map(Double.init)),
            labels: (0..<many).map { Double($0) / 8 })
        do {
            _ = try DecisionTreeClassifier().fit(continuous)
            Issue.record("expected too many classes")
        } catch let failure as ChunkFailure {
            // The label pass finds it in a chunk.
            #expect(failure.underlying as? ModelError == .tooManyClasses(limit: 10_000))
        }
        #expect(!ModelError.tooManyClasses(limit: 10_000).description.contains("logistic"))
    }

    /// Save → load gives the same model, and the file has the documented shape.
    @Test func persistenceRoundTrip() throws {
        let classifier = try DecisionTreeClassifier(maxDepth: 4, impurity: .entropy)
            .fit(DecisionTreeFixtures.classification(800))
        let reread = try DecisionTreeClassificationModel.decode(classifier.encoded(), path: "tree.json")
        #expect(reread == classifier)
        let regressor = try DecisionTreeRegressor(maxDepth: 4).fit(DecisionTreeFixtures.regression(800))
        #expect(try DecisionTreeRegressionModel.decode(regressor.encoded(), path: "tree.json") == regressor)

        let json = try #require(try JSONSerialization.jsonObject(with: classifier.encoded()) as? [String: Any])
        #expect(json["algorithm"] as? String == "decision-tree-classifier")
        #expect((json["categoricalFeatures"] as? [String: [String]])?["colour"] == DecisionTreeFixtures.colours)
        let model = try #require(json["model"] as? [String: Any])
        #expect(model["labels"] as? [String] == ["high", "low", "mid"])
        let nodes = try #require(model["nodes"] as? [[String: Any]])
        #expect(nodes.count == classifier.nodeCount)
        let split = try #require(nodes[0]["split"] as? [String: Any])
        #expect(Set(split.keys).isSubset(of: ["feature", "threshold", "leftCategories", "gain", "left", "right"]))
        #expect(Set(nodes[0].keys) == ["prediction", "impurity", "count", "weight", "classWeights", "split"])
        #expect(nodes.contains { ($0["split"] as? [String: Any])?["leftCategories"] != nil })
        #expect(try ModelRegistry.decode(classifier.encoded(), path: "tree.json") is DecisionTreeClassificationModel)
    }
}
