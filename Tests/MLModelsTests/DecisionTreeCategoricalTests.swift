import Foundation
import MLData
import MLEngine
import MLNumerics
import Testing

@testable import MLModels

/// Categorical splits: a hand-worked case, the search against brute force over every subset,
/// and where categories without training rows go.
@Suite struct DecisionTreeCategoricalTests {
    /// Hand-worked: 16 rows, colour blue (3 yes, 1 no), green (0, 4), red (4, 0), yellow (2, 2).
    /// Ordered by the proportion of "yes": green 0, yellow 0.5, blue 0.75, red 1. Gini of the
    /// root 1 − (9² + 7²)/16² = 126/256; the three ordered splits leave
    /// {green}: 12/16 · (1 − (9² + 3²)/12²) = 0.28125, {green, yellow}: ½·24/64 + ½·14/64 =
    /// 0.296875, {green, yellow, blue}: 12/16 · 70/144 ≈ 0.3646. The best is {green} left,
    /// gain 126/256 − 0.28125 = 27/128.
    static func colours() throws -> Dataset {
        let counts: [(String, Int, Int)] = [("blue", 3, 1), ("green", 0, 4), ("red", 4, 0), ("yellow", 2, 2)]
        var colour: [String] = [], labels: [String] = []
        for (name, yes, no) in counts {
            colour += Array(repeating: name, count: yes + no)
            labels += Array(repeating: "yes", count: yes) + Array(repeating: "no", count: no)
        }
        return try Dataset(columns: [.categorical("colour", colour)], labels: labels, labelName: "buy")
    }

    @Test func handWorkedBinarySplit() throws {
        let model = try DecisionTreeClassifier(maxDepth: 1).fit(Self.colours())
        let root = model.tree.nodes[0]
        let split = try #require(root.split)
        #expect(split.feature == 0)
        #expect(split.leftCategories == [1])  // green: levels are blue, green, red, yellow
        #expect(abs(split.gain - 27.0 / 128) <= 1e-15)
        #expect(abs(root.impurity - 126.0 / 256) <= 1e-15)
        #expect(model.tree.nodes[split.left].classWeights == [4, 0])
        #expect(model.tree.nodes[split.right].classWeights == [3, 9])
        #expect(model.featureImportances == [1])
        let rules = model.description.split(separator: "\n").map(String.init)
        #expect(rules.contains("  If (colour in {green})"))
        #expect(rules.contains("  Else (colour not in {green})"))
        #expect(rules.contains("   Predict: yes"))
    }

    /// A category whose rows all have weight 0 is absent from every node: it goes with the
    /// child of larger training weight, and so does a code that is not a level.
    @Test func absentCategoriesGoToTheHeavierChild() throws {
        var colour: [String] = [], labels: [String] = [], weights: [Double] = []
        for (name, yes, no, w) in [("blue", 6, 1, 1.0), ("green", 0, 3, 1.0), ("violet", 2, 2, 0.0)] {
            colour += Array(repeating: name, count: yes + no)
            labels += Array(repeating: "yes", count: yes) + Array(repeating: "no", count: no)
            weights += Array(repeating: w, count: yes + no)
        }
        let data = try Dataset(columns: [.categorical("colour", colour)], labels: labels, weights: weights)
        let model = try DecisionTreeClassifier(maxDepth: 1).fit(data)
        let split = try #require(model.tree.nodes[0].split)
        // Left {green} has weight 3, right {blue} 7: violet (code 2) joins blue on the right.
        #expect(split.leftCategories == [1])
        let x = try Matrix([[0], [1], [2], [7], [-1], [0.5]])
        #expect(try model.predict(x) == ["yes", "no", "yes", "yes", "yes", "yes"])
    }

    /// The best gain over every split a categorical feature allows, by brute force.
    static func bruteForce(_ perBin: [NodeStatistics], search: SplitSearch, parent: NodeStatistics) -> Double? {
        let present = perBin.indices.filter { perBin[$0].weight > 0 }
        var best: Double?
        for mask in 1..<(1 << present.count) - 1 {
            var left = NodeStatistics.zero(classCount: search.classCount, shift: parent.shift)
            var right = left
            for (i, c) in present.enumerated() {
                if mask & (1 << i) != 0 { left.add(perBin[c]) } else { right.add(perBin[c]) }
            }
            if let gain = search.gain(parentImpurity: parent.impurity(search.impurity), left: left, right: right) {
                best = max(best ?? gain, gain)
            }
        }
        return best
    }

    struct SearchCase: Sendable, CustomStringConvertible {
        var impurity: TreeImpurity
        var classCount: Int
        var arity: Int
        var description: String { "\(impurity.rawValue), \(classCount) classes, arity \(arity)" }
    }

    /// Ordered search for two classes and regression (optimal), exhaustive search for more
    /// classes at small arity: both find the brute-force optimum on random statistics.
    @Test(arguments: [
        SearchCase(impurity: .gini, classCount: 2, arity: 9), SearchCase(impurity: .entropy, classCount: 2, arity: 7),
        SearchCase(impurity: .variance, classCount: 0, arity: 10), SearchCase(impurity: .gini, classCount: 3, arity: 5),
        SearchCase(impurity: .entropy, classCount: 4, arity: 5),
    ])
    func searchFindsTheOptimum(_ c: SearchCase) {
        var random = SeededRandom(seed: 3)
        let search = SplitSearch(
            layout: BinLayout(features: [.categorical(arity: c.arity)]), classCount: c.classCount, impurity: c.impurity,
            minInstancesPerNode: 1, minWeight: 0, minInfoGain: 0, maxBins: 32)
        for _ in 0..<200 {
            let perBin = (0..<c.arity).map { _ -> NodeStatistics in
                if random.uniform() < 0.15 { return .zero(classCount: c.classCount) }
                if c.classCount > 0 {
                    let weights = (0..<c.classCount).map { _ in Double(Int(random.uniform() * 6)) }
                    return NodeStatistics(classCount: c.classCount, sums: weights + [weights.reduce(0, +)])
                }
                let n = Double(1 + Int(random.uniform() * 5)), mean = random.uniform() * 10
                let spread = random.uniform()
                return NodeStatistics(classCount: 0, sums: [n, n, n * mean, n * (mean * mean + spread)])
            }
            var parent = NodeStatistics.zero(classCount: c.classCount)
            for statistics in perBin { parent.add(statistics) }
            let expected = Self.bruteForce(perBin, search: search, parent: parent)
            let found = search.bestCategories(
                perBin, feature: 0, parentImpurity: parent.impurity(c.impurity), node: parent)
            guard let expected else {
                #expect(found == nil)
                continue
            }
            let gain = found?.gain ?? -1
            #expect(abs(gain - expected) <= 1e-12 * max(1, expected), "found \(gain), best \(expected)")
        }
    }

    /// Many classes and an arity above ⌊log₂(maxBins/2 + 1)⌋ + 1 use the ordered heuristic.
    @Test func unorderedArityLimitIsSparks() {
        #expect(SplitSearch.maxUnorderedArity(maxBins: 32) == 5)
        #expect(SplitSearch.maxUnorderedArity(maxBins: 2) == 2)
        #expect(SplitSearch.maxUnorderedArity(maxBins: 65_536) == 16)
    }

    @Test func arityAboveMaxBinsIsRefused() throws {
        let data = try Self.colours()
        #expect(throws: DecisionTreeError.arityAboveMaxBins(feature: "colour", arity: 4, maxBins: 3)) {
            try DecisionTreeClassifier(maxBins: 3).fit(data)
        }
    }
}
