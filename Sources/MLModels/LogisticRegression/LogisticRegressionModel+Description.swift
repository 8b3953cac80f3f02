import Foundation

extension LogisticRegressionModel: CustomStringConvertible {
    /// The coefficients per class and feature, the intercepts, and how the solver ended: its
    /// iterations, the objective after each, convergence, and separable classes.
    public var description: String {
        let s = summary
        let h = hyperparameters
        var lines: [String] = []
        let penalty = h.regParam == 0
            ? "no regularization"
            : "regParam \(format(h.regParam)), elasticNetParam \(format(h.elasticNetParam))"
        let label = schema.labelName ?? "label"
        lines.append(
            "Logistic regression (\(isMultinomial ? "multinomial" : "binomial")) of '\(label)' on "
                + "\(featureNames.count) features, \(classes.count) classes, \(s.rowCount) rows "
                + "(\(penalty), solver \(s.solver.rawValue))")
        lines.append("")
        // One column per coefficient row: every class, or the second class for binomial.
        let columns = isMultinomial ? classes : [classes[1]]
        var rows: [[String]] = [[""] + columns]
        if h.fitIntercept { rows.append(["(intercept)"] + interceptVector.map(format)) }
        for (j, name) in featureNames.enumerated() {
            rows.append([name] + (0..<coefficientMatrix.rows).map { format(coefficientMatrix[$0, j]) })
        }
        let widths = rows[0].indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { c, text in
                c == 0 ? text.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[c] - text.count) + text
            }
            lines.append(cells.joined(separator: "  "))
        }
        if !isMultinomial {
            lines.append("(coefficients of '\(classes[1])' against '\(classes[0])')")
        }
        lines.append("")
        lines.append("Training log loss \(format(s.logLoss)), objective \(format(s.objective))")
        let unit = s.iterations == 1 ? "iteration" : "iterations"
        lines.append(
            "\(s.solver.displayName): \(s.iterations) \(unit), "
                + (s.converged ? "converged" : "did not converge") + " (\(s.stopReason.rawValue)), "
                + "largest standardized gradient \(format(s.gradientNorm))")
        lines.append("Objective history: " + s.objectiveHistory.map(format).joined(separator: ", "))
        if !s.constantFeatures.isEmpty {
            lines.append("Constant features (coefficient 0): " + s.constantFeatures.joined(separator: ", "))
        }
        if s.separable {
            lines.append(
                "Warning: the classes are linearly separable: without regularization the likelihood has no "
                    + "maximum and the coefficients grow without bound; these are where the stopping rule held. "
                    + "Set regParam > 0 for a unique fit.")
        }
        if !s.converged {
            lines.append(
                "Warning: \(s.solver.displayName) stopped after \(s.iterations) \(unit) before converging "
                    + "(\(s.stopReason.rawValue))")
        }
        return lines.joined(separator: "\n")
    }

    private func format(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "NA" : (x > 0 ? "Inf" : "-Inf") }
        return String(format: "%.6g", x)
    }
}
