/// Where a logistic-regression solve stopped, and with what.
struct LogisticSolution {
    var theta: [Double]
    /// Accepted steps (Newton) or iterations (L-BFGS).
    var iterations: Int
    /// `F` at the start and after each iteration.
    var history: [Double]
    var stop: LogisticRegressionSummary.StopReason
    var method: LogisticRegressionSummary.Method
    /// The statistics at ``theta``.
    var statistics: LogisticLossStatistics
    var objective: Double
    /// The stopping rule's measure at ``theta`` (see ``LogisticFit/optimality(gradient:at:)``).
    var optimality: Double
}
