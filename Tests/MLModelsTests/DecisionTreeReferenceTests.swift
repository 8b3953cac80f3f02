import Foundation
import MLData
import MLEngine
import Testing

@testable import MLModels

/// Decision trees against scikit-learn's exact CART trees (Tests/References/
/// decision_tree_references.py, scikit-learn 1.9.1; values in Reference/
/// DecisionTreeReferences.swift): with maxBins above every feature's distinct-value count
/// (diabetes: up to 302, so 16-bit bins) the training-set predictions, the class
/// probabilities, the depth and the node count are scikit-learn's, at depths where its
/// predictions do not depend on random_state.
@Suite struct DecisionTreeReferenceTests {
    static let datasets = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Datasets")

    static func source(_ c: DecisionTreeReferences.Case) throws -> CSVSource {
        let classifier = c.impurity != "variance"
        return try CSVSource(
            path: datasets.appendingPathComponent(c.data).path,
            options: CSVOptions(label: c.label, categorical: classifier ? [c.label] : []))
    }

    /// Fits the case's tree and returns its predictions (class codes or means), the class
    /// probabilities, depth, node count and importances.
    static func fit(_ c: DecisionTreeReferences.Case, maxBins: Int, options: ExecutionOptions = ExecutionOptions())
        throws -> (predictions: [Double], probabilities: [Double], depth: Int, nodes: Int, importances: [Double])
    {
        let source = try source(c)
        let (data, _) = try source.load(options: options)
        let x = data.concatenated().features
        if c.impurity == "variance" {
            let model = try DecisionTreeRegressor(maxDepth: c.maxDepth, maxBins: maxBins).fit(source, options: options)
            return (try model.predict(x), [], model.depth, model.nodeCount, model.featureImportances)
        }
        let impurity = try #require(DecisionTreeClassifier.Impurity(rawValue: c.impurity))
        let model = try DecisionTreeClassifier(maxDepth: c.maxDepth, maxBins: maxBins, impurity: impurity)
            .fit(source, options: options)
        // The classes are the labels 0, 1, 2 in numeric order, so codes equal labels.
        #expect(model.classes == ["0", "1", "2"])
        return (
            try model.predictCodes(x).map(Double.init), try model.predictProbabilities(x).elements, model.depth,
            model.nodeCount, model.featureImportances
        )
    }

    @Test(arguments: DecisionTreeReferences.cases)
    func sameTreeAsScikitLearn(_ c: DecisionTreeReferences.Case) throws {
        let fitted = try Self.fit(c, maxBins: 1000)
        #expect(fitted.depth == c.depth)
        #expect(fitted.nodes == c.nodeCount)
        #expect(fitted.predictions.count == c.predictions.count)
        let scale = c.predictions.map(abs).max() ?? 1
        let worst = zip(fitted.predictions, c.predictions).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= 1e-12 * scale, "largest prediction difference \(worst)")
        if !c.probabilities.isEmpty {
            let difference = zip(fitted.probabilities, c.probabilities).map { abs($0 - $1) }.max() ?? 1
            #expect(fitted.probabilities.count == c.probabilities.count)
            #expect(difference <= 1e-12, "largest probability difference \(difference)")
        }
        // Where features tie, scikit-learn's importances depend on its random feature order;
        // mlfit's (lowest feature index wins) must be one of those it produced.
        let matches = c.importanceVariants.contains { variant in
            zip(variant, fitted.importances).allSatisfy { abs($0 - $1) <= 1e-9 }
        }
        if c.importancesStable {
            #expect(matches, "importances \(fitted.importances), scikit-learn \(c.featureImportances)")
        } else {
            // The tie-breaking differs, so only what ties cannot change is compared: the
            // importances sum to 1, and every feature mlfit credits scikit-learn credits under
            // some random_state.
            #expect(abs(fitted.importances.reduce(0, +) - 1) <= 1e-12)
            for (j, value) in fitted.importances.enumerated() where value > 0 {
                #expect(c.importanceVariants.contains { $0[j] > 0 }, "feature \(j)")
            }
        }
    }
}
