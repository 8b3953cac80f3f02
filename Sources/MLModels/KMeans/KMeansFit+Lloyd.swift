import MLData
import MLEngine
import MLNumerics

/// What the Lloyd iterations produced.
struct LloydResult {
    /// Centers in the prepared coordinates.
    var centers: Matrix
    /// The final assignment pass with `centers`.
    var final: ClusterSums
    var iterations: Int
    var converged: Bool
    /// The cost before each update (of the assignment to the centers of that pass).
    var costHistory: [Double]
    /// Per iteration, the fraction of rows whose distances to every center were computed.
    var distanceFractions: [Double]
}

extension KMeansFit {
    var costFactor: Double { isCosine ? 0.5 : 1 }

    /// One Lloyd pass with `centers`; `previous` (the centers of the last pass) enables
    /// bounds. Such a pass is lazy where the chunks keep their totals, unless `exact` asks
    /// for every row's exact distance to its center (the cost from exact differences).
    mutating func lloydPass(_ centers: Matrix, previous: Matrix?, exact: Bool = false) throws -> ClusterSums {
        let shape = KMeansShape(k: k, featureCount: featureCount)
        let moves = previous.map {
            LloydPass.Moves(from: $0, to: centers, slack: LloydPass.slack(featureCount: featureCount))
        }
        let pass = LloydPass(
            centers: CenterSet(centers), shape: shape, costFactor: costFactor, moves: moves, lazy: !exact,
            keepsTotals: keepsTotals)
        let (sums, report) = try data.pass(options: options, shape: shape, states: &states) { chunk, context, state in
            pass.compute(chunk, context, &state)
        }
        inMemory.add(report)
        // A lazy pass gathers no farthest rows: an empty cluster needs them to be re-seeded.
        if !exact, moves != nil, sums.farthest.count == 0, sums.weights.contains(0) {
            return try lloydPass(centers, previous: centers, exact: true)
        }
        return sums
    }

    /// Whether chunks keep their ``ClusterTotals`` for lazy passes: with bounds, more than
    /// one cluster, and totals (`k·p` values per chunk) at most a quarter the size of the rows.
    var keepsTotals: Bool {
        let rows = states.reduce(0) { $0 + $1.norms.count }
        return estimator.pruning != .none && k > 1 && 4 * k * states.count <= rows
    }

    /// Whether the next pass uses bounds, from the fraction of rows the last pass computed
    /// every distance for (`nil` before any pass).
    func usesBounds(lastFraction: Double?, lastPruned: Bool) -> Bool {
        guard let lastFraction, k > 1 else { return false }
        switch estimator.pruning {
        case .none: return false
        case .hamerly: return true
        // A pruned pass that still computed (almost) every distance paid for packing the
        // rows: take one full pass, then try the bounds again. Packing is cheap next to the
        // GEMM since passes go window by window, so only a pass that saved under 5% gives up.
        case .auto: return !(lastPruned && lastFraction > 0.95)
        }
    }

    /// The centers after a pass: each cluster's weighted mean (normalized for cosine); an
    /// empty cluster takes the next of the rows farthest from their centers, or keeps its
    /// center when there is none.
    func updatedCenters(_ sums: ClusterSums, from centers: Matrix) -> Matrix {
        let p = featureCount
        var next = centers
        var reseeds = 0
        for j in 0..<k {
            if sums.weights[j] > 0 {
                var candidate = next
                for t in 0..<p { candidate[j, t] = sums.sums[j * p + t] / sums.weights[j] }
                if !isCosine || Self.normalize(row: j, of: &candidate) { next = candidate }
            } else if reseeds < sums.farthest.count {
                let point = sums.farthest.point(reseeds)
                for t in 0..<p { next[j, t] = point[t] }
                reseeds += 1
            }
        }
        return next
    }

    /// Spark's rule: every center moved at most `tol` (squared euclidean move `≤ tol²`;
    /// cosine distance `≤ tol`).
    func converged(_ old: Matrix, _ new: Matrix) -> Bool {
        let p = featureCount, tol = estimator.tol
        for j in 0..<k {
            var s = 0.0
            for t in 0..<p {
                let d = new[j, t] - old[j, t]
                s += d * d
            }
            let moved = isCosine ? 0.5 * s : s
            if moved > (isCosine ? tol : tol * tol) { return false }
        }
        return true
    }

    /// Lloyd iterations from `initial`, then the final assignment pass.
    mutating func iterate(from initial: Matrix) throws -> LloydResult {
        var centers = initial
        var previous: Matrix?
        var lastFraction: Double?
        var lastPruned = false
        var costs: [Double] = [], fractions: [Double] = []
        var iterations = 0
        var converged = false
        let rows = Double(max(1, rowCount))
        while iterations < estimator.maxIter {
            let pruned = usesBounds(lastFraction: lastFraction, lastPruned: lastPruned)
            let sums = try lloydPass(centers, previous: pruned ? previous : nil)
            lastFraction = Double(sums.distanceRows) / rows
            lastPruned = pruned
            costs.append(sums.cost)
            fractions.append(lastFraction ?? 1)
            let next = updatedCenters(sums, from: centers)
            iterations += 1
            converged = self.converged(centers, next)
            previous = centers
            centers = next
            if converged { break }
        }
        let pruned = usesBounds(lastFraction: lastFraction, lastPruned: lastPruned)
        let final = try lloydPass(centers, previous: pruned ? previous : nil, exact: true)
        return LloydResult(
            centers: centers, final: final, iterations: iterations, converged: converged, costHistory: costs,
            distanceFractions: fractions)
    }
}
