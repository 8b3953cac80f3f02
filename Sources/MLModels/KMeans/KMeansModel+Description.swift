import Foundation

extension KMeansModel: CustomStringConvertible {
    /// The centers with each cluster's size, the cost, and how the fit went: initialization,
    /// seed, iterations, convergence and how many distances bounds spared.
    public var description: String {
        let s = summary
        var lines: [String] = []
        lines.append(
            "k-means (\(distanceMeasure.rawValue)) with k = \(k) on \(featureNames.count) features, \(s.rowCount) rows")
        lines.append("")
        var table: [[String]] = [["cluster", "size"] + featureNames]
        for j in 0..<k {
            let size = j < s.clusterSizes.count ? String(s.clusterSizes[j]) : "?"
            table.append([String(j), size] + clusterCenters.row(j).map(format))
        }
        let widths = table[0].indices.map { c in table.map { $0[c].count }.max() ?? 0 }
        for row in table {
            lines.append(
                row.enumerated().map { c, text in String(repeating: " ", count: widths[c] - text.count) + text }
                    .joined(separator: "  "))
        }
        lines.append("")
        let measure = distanceMeasure == .cosine ? "cosine distances" : "squared distances"
        lines.append("Training cost (weighted sum of \(measure) to the centers): \(format(s.trainingCost))")
        let unit = s.iterations == 1 ? "iteration" : "iterations"
        lines.append(
            "Initialization \(s.initialization), seed \(s.seed); Lloyd: \(s.iterations) \(unit), "
                + (s.converged ? "converged" : "did not converge"))
        if !s.costHistory.isEmpty {
            lines.append("Cost history: " + s.costHistory.map(format).joined(separator: ", "))
        }
        if s.distanceFractions.contains(where: { $0 < 1 }) {
            lines.append(
                "Rows needing every distance, per iteration: "
                    + s.distanceFractions.map { String(format: "%.0f%%", 100 * $0) }.joined(separator: ", "))
        }
        if let empty = s.clusterSizes.firstIndex(of: 0) {
            lines.append("Warning: cluster \(empty) has no rows")
        }
        if !s.converged, hyperparameters.maxIter > 0 {
            lines.append("Warning: the centers still moved more than tol after \(s.iterations) \(unit)")
        }
        return lines.joined(separator: "\n")
    }

    private func format(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "NA" : (x > 0 ? "Inf" : "-Inf") }
        return String(format: "%.6g", x)
    }
}
