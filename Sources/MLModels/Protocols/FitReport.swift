import MLData

/// What a fit read and where its time went, for `mlfit train`'s report.
///
/// A fit either streams its source (every pass reads the file again: ``read`` sums them) or
/// loads it into memory once and then passes over the rows in memory (``read`` is the load,
/// ``inMemory`` the passes after it), so that the parse time is not counted as solve time
/// and MB/s describes reading alone.
public struct FitReport: Sendable, Hashable, Codable {
    /// The passes over the source: rows and bytes read, wall time, worker parse and compute time.
    public var read: PassReport
    /// The passes over the rows held in memory after the source was loaded, summed; `nil`
    /// when the fit streamed.
    public var inMemory: PassReport?
    /// Iterations of a solver that passes over the data once or more per iteration (L-BFGS);
    /// `nil` for solvers that do not.
    public var iterations: Int?
    /// Wall time outside the passes: the solve on the merged statistics and the optimizer's
    /// own steps.
    public var solveSeconds: Double

    public init(read: PassReport, inMemory: PassReport? = nil, iterations: Int? = nil, solveSeconds: Double) {
        self.read = read
        self.inMemory = inMemory
        self.iterations = iterations
        self.solveSeconds = solveSeconds
    }

    /// Every pass over the data, reading included.
    public var passes: Int { read.passes + (inMemory?.passes ?? 0) }

    /// The mean wall time of a pass over the rows in memory.
    public var secondsPerInMemoryPass: Double? {
        guard let inMemory, inMemory.passes > 0 else { return nil }
        return inMemory.seconds / Double(inMemory.passes)
    }
}
