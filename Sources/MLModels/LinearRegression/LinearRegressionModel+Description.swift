import Foundation

extension LinearRegressionModel: CustomStringConvertible {
    /// A table of coefficients with their standard errors, t and p values, followed by the
    /// fit statistics, in the manner of R's `summary.lm`.
    public var description: String {
        let s = summary
        var lines: [String] = []
        let penalty = hyperparameters.regParam == 0
            ? "no regularization"
            : "regParam \(format(hyperparameters.regParam)), elasticNetParam \(format(hyperparameters.elasticNetParam))"
        lines.append(
            "Linear regression of '\(labelName)' on \(featureNames.count) features, "
                + "\(s.positiveWeightRowCount) rows (\(penalty), solver \(s.solver.rawValue))")
        lines.append("")
        var rows: [[String]] = [["", "coefficient", "std. error", "t value", "p value"]]
        if hyperparameters.fitIntercept {
            rows.append([
                "(intercept)", format(intercept), format(s.interceptStandardError),
                format(s.interceptTValue), formatP(s.interceptPValue),
            ])
        }
        for (j, name) in featureNames.enumerated() {
            rows.append([
                name, format(coefficients[j]), format(s.coefficientStandardErrors?[j]),
                format(s.tValues?[j]), formatP(s.pValues?[j]),
            ])
        }
        let widths = (0..<5).map { c in rows.map { $0[c].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { c, text in
                c == 0 ? text.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[c] - text.count) + text
            }
            lines.append(cells.joined(separator: "  "))
        }
        lines.append("")
        lines.append(
            "R² \(format(s.rSquared)), adjusted R² \(format(s.adjustedRSquared)), "
                + "RMSE \(format(s.rootMeanSquaredError)), explained variance \(format(s.explainedVariance))")
        lines.append(
            "Residual standard error \(format(s.residualStandardError)) on \(s.degreesOfFreedom) degrees of freedom")
        if let f = s.fStatistic, let pf = s.fPValue {
            let k = featureNames.count - s.constantFeatures.count
            lines.append("F-statistic \(format(f)) on \(k) and \(s.degreesOfFreedom) DF, p-value \(formatP(pf))")
        }
        if !s.constantFeatures.isEmpty {
            lines.append("Constant features (coefficient 0): " + s.constantFeatures.joined(separator: ", "))
        }
        if !s.converged {
            let steps = s.iterations ?? 0
            lines.append(
                "Warning: \(s.solver.displayName) stopped after \(steps) \(s.solver.iterationUnit(count: steps)) "
                    + "before converging")
        }
        return lines.joined(separator: "\n")
    }

    private func format(_ x: Double?) -> String {
        guard let x else { return "—" }
        guard x.isFinite else { return x.isNaN ? "NA" : (x > 0 ? "Inf" : "-Inf") }
        return String(format: "%.6g", x)
    }

    private func formatP(_ x: Double?) -> String {
        guard let x, x.isFinite else { return format(x) }
        return x < 2.2e-16 ? "< 2.2e-16" : String(format: "%.4g", x)
    }
}
