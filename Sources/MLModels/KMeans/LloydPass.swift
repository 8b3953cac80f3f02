import MLData
import MLEngine
import MLNumerics

/// One Lloyd pass over a chunk: assign every row to its nearest center and gather the
/// ``ClusterSums``, with or without Hamerly's bounds.
///
/// **Bounds (Hamerly, 2010).** Each row keeps `uᵢ ≥ ‖xᵢ − c_{aᵢ}‖` and `lᵢ ≤ ‖xᵢ − cⱼ‖` for
/// every other center `j`, in `O(n)` memory. When the centers move by `δⱼ`, `uᵢ` grows by
/// `δ_{aᵢ}` and `lᵢ` shrinks by the largest move of another center; `uᵢ` is then made
/// tight with the exact distance to `c_{aᵢ}` (which the cost needs anyway), and
/// `max(lᵢ, 2sₐ − uᵢ)` (`sₐ` half the distance from `cₐ` to its nearest other center) bounds
/// every other distance from below. A row whose bounds prove `‖xᵢ − cⱼ‖² − ‖xᵢ − cₐ‖²` larger
/// than four times the GEMM's error bound keeps its center: plain Lloyd would find that
/// center too, unambiguously. The other rows are packed into a dense block for one GEMM.
/// Bounds are loosened by a relative slack covering their own rounding.
///
/// The sums are added in row order from the same exact distances in both modes, so a pruned
/// pass gives the bits of a full one.
struct LloydPass: Sendable {
    /// How far the centers moved since the bounds were last updated.
    struct Moves: Sendable {
        /// `δⱼ`, each rounded up.
        var drift: [Double]
        /// Half the distance from each center to its nearest other center, rounded down.
        var halfSeparation: [Double]
        var largest: Double
        var largestIndex: Int
        var secondLargest: Double

        init(from old: Matrix, to new: Matrix, slack: Double) {
            let k = new.rows, p = new.columns
            func distance(_ a: Matrix, _ i: Int, _ b: Matrix, _ j: Int) -> Double {
                var s = 0.0
                for t in 0..<p {
                    let d = a[i, t] - b[j, t]
                    s += d * d
                }
                return s.squareRoot()
            }
            drift = (0..<k).map { distance(old, $0, new, $0) * (1 + slack) }
            var half = [Double](repeating: .infinity, count: k)
            for i in 0..<k {
                for j in (i + 1)..<max(i + 1, k) {
                    let d = 0.5 * distance(new, i, new, j) * (1 - slack)
                    half[i] = min(half[i], d)
                    half[j] = min(half[j], d)
                }
            }
            halfSeparation = half.map { $0.isFinite ? $0 : 0 }
            largest = 0
            largestIndex = 0
            secondLargest = 0
            for (j, d) in drift.enumerated() {
                if d > largest {
                    secondLargest = largest
                    largest = d
                    largestIndex = j
                } else if d > secondLargest {
                    secondLargest = d
                }
            }
        }
    }

    let centers: CenterSet
    let shape: KMeansShape
    /// 1 for squared euclidean cost, ½ for cosine (`1 − cos = ½‖x̂ − ĉ‖²`).
    let costFactor: Double
    /// `nil`: every distance is computed.
    let moves: Moves?

    /// The relative slack on bounds: the rounding of an exact squared distance of `p` terms
    /// and of the bound updates, with room to spare.
    var slack: Double { Self.slack(featureCount: shape.featureCount) }

    static func slack(featureCount p: Int) -> Double { Double(2 * p + 16) * Double.ulpOfOne }

    func compute(_ chunk: DataChunk, _ context: ChunkContext, _ state: inout KMeansChunkState) -> ClusterSums {
        let n = chunk.rowCount, p = shape.featureCount
        var sums = ClusterSums(zeroFor: shape)
        let first = context.firstRow ?? 0
        if state.assignment.count != n { state.assignment = [Int32](repeating: 0, count: n) }
        let boundsHeld = state.upper.count == n && state.lower.count == n
        if !boundsHeld {
            state.upper = [Double](repeating: 0, count: n)
            state.lower = [Double](repeating: 0, count: n)
        }
        var exact = [Double](repeating: 0, count: n)
        var pending: [Int] = []
        let slack = self.slack
        chunk.features.withUnsafeBufferPointer { xBuffer in
            guard let x = xBuffer.baseAddress else { return }
            if let moves, boundsHeld {
                let gamma = CenterSet.expansionErrorFactor(featureCount: p)
                let largestNorm = centers.squaredNorms.max() ?? 0
                centers.centers.withUnsafeBufferPointer { cBuffer in
                    guard let c = cBuffer.baseAddress else { return }
                    for i in 0..<n {
                        let a = Int(state.assignment[i])
                        let d2 = CenterSet.exactSquaredDistance(x + i * p, c + a * p, p)
                        exact[i] = d2
                        let u = d2.squareRoot() * (1 + slack)
                        var l = state.lower[i] - (a == moves.largestIndex ? moves.secondLargest : moves.largest)
                        l = max(l, 2 * moves.halfSeparation[a] - u)
                        let margin = 4 * gamma * (state.norms[i] + largestNorm)
                        state.upper[i] = u
                        state.lower[i] = max(0, l)
                        if !(l > 0 && l * l * (1 - slack) - u * u > margin) { pending.append(i) }
                    }
                }
            } else {
                pending = Array(0..<n)
            }
            assignPending(pending, x: x, p: p, state: &state, exact: &exact, slack: slack)
            for i in 0..<n {
                sums.add(
                    x + i * p, weight: chunk.weight(i), row: first + i, cluster: Int(state.assignment[i]),
                    squaredDistance: exact[i], costFactor: costFactor)
            }
        }
        sums.distanceRows = pending.count
        return sums
    }

    /// Every distance of the pending rows, by one GEMM per block (packed when some rows of
    /// the chunk were skipped), updating their centers and bounds.
    private func assignPending(
        _ pending: [Int], x: UnsafePointer<Double>, p: Int, state: inout KMeansChunkState, exact: inout [Double],
        slack: Double
    ) {
        guard !pending.isEmpty else { return }
        var scratch: [Double] = []
        func record(_ i: Int, _ nearest: Nearest) {
            state.assignment[i] = Int32(nearest.index)
            exact[i] = nearest.squaredDistance
            state.upper[i] = nearest.squaredDistance.squareRoot() * (1 + slack)
            state.lower[i] = nearest.secondLowerBound.squareRoot() * (1 - slack)
        }
        if pending.count == state.norms.count {
            state.norms.withUnsafeBufferPointer { norms in
                guard let normBase = norms.baseAddress else { return }
                NearestCenters.find(x, rows: pending.count, norms: normBase, centers: centers, scratch: &scratch) { i, nearest in
                    record(i, nearest)
                }
            }
            return
        }
        var block = [Double](repeating: 0, count: pending.count * p)
        var norms = [Double](repeating: 0, count: pending.count)
        block.withUnsafeMutableBufferPointer { b in
            for (r, i) in pending.enumerated() {
                for t in 0..<p { b[r * p + t] = x[i * p + t] }
                norms[r] = state.norms[i]
            }
        }
        block.withUnsafeBufferPointer { b in
            norms.withUnsafeBufferPointer { nb in
                guard let base = b.baseAddress, let normBase = nb.baseAddress else { return }
                NearestCenters.find(base, rows: pending.count, norms: normBase, centers: centers, scratch: &scratch) { r, nearest in
                    record(pending[r], nearest)
                }
            }
        }
    }
}
