import MLData
import MLEngine
import MLNumerics

/// One Lloyd pass over a chunk: assign every row to its nearest center and gather the
/// ``ClusterSums``, with or without Hamerly's bounds.
///
/// **Bounds (Hamerly, 2010).** Each row keeps `uᵢ ≥ ‖xᵢ − c_{aᵢ}‖` and `lᵢ ≤ ‖xᵢ − cⱼ‖` for
/// every other center `j`, in `O(n)` memory. When the centers move by `δⱼ`, `uᵢ` grows by
/// `δ_{aᵢ}` and `lᵢ` shrinks by the largest move of another center; `max(lᵢ, 2sₐ − uᵢ)`
/// (`sₐ` half the distance from `cₐ` to its nearest other center) bounds every other
/// distance from below. A row whose bounds prove `‖xᵢ − cⱼ‖² − ‖xᵢ − cₐ‖²` larger than four
/// times the GEMM's error bound keeps its center: plain Lloyd would find that center too,
/// unambiguously. The other rows are packed into a dense block for one GEMM. Bounds are
/// loosened by a relative slack covering their own rounding.
///
/// Three kinds of pass: without bounds (every distance); *tight*, which makes `uᵢ` exact for
/// every row before the test, adds the sums in row order and takes the cost from exact
/// differences (the final pass, and every pass when the chunk keeps no totals); and *lazy*
/// (``computeLazily(_:moves:state:)``), which reads only the rows its bounds cannot keep.
/// The first two leave the chunk's ``ClusterTotals`` behind when ``keepsTotals``; a lazy pass
/// updates them.
///
/// A chunk is taken in windows of ``windowRows(featureCount:)`` rows — bounds, distances of
/// the rows left, sums — so each row is read from memory at most once per pass.
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

        /// A row's lower bound `lᵢ` after the move: less the largest move of a center other
        /// than its own, `a`.
        @inline(__always)
        func lowered(_ lower: Double, assignedTo a: Int) -> Double {
            lower - (a == largestIndex ? secondLargest : largest)
        }

        /// Every other center is at least `max(lᵢ, 2sₐ − uᵢ)` from the row.
        @inline(__always)
        func otherDistanceBound(lower: Double, upper: Double, assignedTo a: Int) -> Double {
            max(lower, 2 * halfSeparation[a] - upper)
        }
    }

    /// Hamerly's test with the GEMM's error margin, set up once per chunk.
    struct BoundTest {
        let slack: Double
        /// The larger of the two expansions' bounds: plain Lloyd may screen a block in either.
        let error: ExpansionError
        let largestNorm: Double

        init(_ pass: LloydPass) {
            let p = pass.shape.featureCount
            slack = pass.slack
            error = ExpansionError.single(featureCount: p) ?? ExpansionError.double(featureCount: p)
            largestNorm = pass.centers.largestSquaredNorm
        }

        /// Whether `u` (above the distance to the assigned center) and `l` (below every other
        /// distance) prove `‖xᵢ − cⱼ‖² − ‖xᵢ − cₐ‖²` larger than four times the GEMM's error
        /// bound for a row of squared norm `xn`.
        @inline(__always)
        func keeps(upper u: Double, other l: Double, squaredNorm xn: Double) -> Bool {
            l > 0 && l * l * (1 - slack) - u * u > 4 * error.bound(xn, largestNorm)
        }
    }

    let centers: CenterSet
    let shape: KMeansShape
    /// 1 for squared euclidean cost, ½ for cosine (`1 − cos = ½‖x̂ − ĉ‖²`).
    let costFactor: Double
    /// `nil`: every distance is computed.
    let moves: Moves?
    /// Whether a pass with bounds may be lazy where the chunk holds its ``ClusterTotals``.
    let lazy: Bool
    /// Whether passes that read every row leave the chunk's ``ClusterTotals`` behind.
    let keepsTotals: Bool

    /// The relative slack on bounds: the rounding of an exact squared distance of `p` terms
    /// and of the bound updates, with room to spare.
    var slack: Double { Self.slack(featureCount: shape.featureCount) }

    static func slack(featureCount p: Int) -> Double { Double(2 * p + 16) * Double.ulpOfOne }

    /// Rows per window, about 256 KB of features: a window's bounds, distances and sums are
    /// taken while its rows are in cache. Reading the rows once per pass instead of twice
    /// (bounds, then sums) matters: a pruned pass is bound by memory, not by flops.
    static func windowRows(featureCount p: Int) -> Int {
        max(NearestCenters.blockRows, ChunkPlan.cacheWindowRows(columns: p))
    }

    /// Scratch reused by the windows of a chunk.
    struct Workspace {
        var exact: [Double]
        var pending: [Int] = []
        var distances = NearestCenters.Scratch()
        var block: [Double] = []
        var norms: [Double] = []
    }

    func compute(_ chunk: DataChunk, _ context: ChunkContext, _ state: inout KMeansChunkState) -> ClusterSums {
        let n = chunk.rowCount, p = shape.featureCount
        let boundsHeld = state.assignment.count == n && state.upper.count == n && state.lower.count == n
        if lazy, boundsHeld, let moves, var totals = state.totals {
            // Out of the state while they change, so that updating them copies nothing.
            state.totals = nil
            defer { state.totals = totals }
            return computeLazily(chunk, moves: moves, totals: &totals, state: &state)
        }
        state.totals = nil
        var sums = ClusterSums(zeroFor: shape)
        var squaredNorms = [Double](repeating: 0, count: keepsTotals ? shape.k : 0)
        var positiveRows = [Int](repeating: 0, count: keepsTotals ? shape.k : 0)
        let first = context.firstRow ?? 0
        if state.assignment.count != n { state.assignment = [Int32](repeating: 0, count: n) }
        if !boundsHeld {
            state.upper = [Double](repeating: 0, count: n)
            state.lower = [Double](repeating: 0, count: n)
        }
        let window = Self.windowRows(featureCount: p)
        var work = Workspace(exact: [Double](repeating: 0, count: min(n, window)))
        var distanceRows = 0
        // The chunk's farthest rows without their values (featureCount 0), filled in at the
        // end: keeping values while the list changes moved up to k·p values per insertion.
        var farthest = FarthestRows(capacity: shape.k, featureCount: 0)
        chunk.features.withUnsafeBufferPointer { xBuffer in
            guard let x = xBuffer.baseAddress else { return }
            var start = 0
            while start < n {
                let rows = start..<min(n, start + window)
                work.pending.removeAll(keepingCapacity: true)
                if let moves, boundsHeld {
                    keepByBounds(rows, x: x, p: p, moves: moves, state: &state, work: &work)
                } else {
                    work.pending.append(contentsOf: rows)
                }
                assignPending(rows, x: x, p: p, state: &state, work: &work)
                for i in rows {
                    let d2 = work.exact[i - rows.lowerBound]
                    let w = chunk.weight(i), a = Int(state.assignment[i])
                    let positive = sums.accumulate(x + i * p, weight: w, cluster: a, squaredDistance: d2, costFactor: costFactor)
                    guard positive else { continue }
                    farthest.offer(distance: d2, row: first + i, point: x + i * p)
                    if keepsTotals {
                        squaredNorms[a] += w * state.norms[i]
                        positiveRows[a] += 1
                    }
                }
                distanceRows += work.pending.count
                start = rows.upperBound
            }
            if keepsTotals {
                state.totals = ClusterTotals(sums: sums, squaredNorms: squaredNorms, positiveRows: positiveRows)
            }
            // Farthest first, so each offer appends.
            for (d2, row) in zip(farthest.distances, farthest.rows) {
                sums.farthest.offer(distance: d2, row: row, point: x + (row - first) * p)
            }
        }
        sums.distanceRows = distanceRows
        return sums
    }

    /// Hamerly's test for the rows of a window: each row's exact distance to its center,
    /// updated bounds, and the rows the bounds cannot keep appended to `work.pending`.
    private func keepByBounds(
        _ rows: Range<Int>, x: UnsafePointer<Double>, p: Int, moves: Moves, state: inout KMeansChunkState,
        work: inout Workspace
    ) {
        let slack = self.slack
        let test = BoundTest(self)
        centers.centers.withUnsafeBufferPointer { cBuffer in
            guard let c = cBuffer.baseAddress else { return }
            for i in rows {
                let a = Int(state.assignment[i])
                let d2 = CenterSet.exactSquaredDistance(x + i * p, c + a * p, p)
                work.exact[i - rows.lowerBound] = d2
                let u = d2.squareRoot() * (1 + slack)
                let l = moves.otherDistanceBound(
                    lower: moves.lowered(state.lower[i], assignedTo: a), upper: u, assignedTo: a)
                state.upper[i] = u
                state.lower[i] = max(0, l)
                if !test.keeps(upper: u, other: l, squaredNorm: state.norms[i]) { work.pending.append(i) }
            }
        }
    }

    /// Every distance of the window's pending rows, by one GEMM per block (packed when some
    /// rows were kept by their bounds), updating their centers and bounds.
    func assignPending(
        _ rows: Range<Int>, x: UnsafePointer<Double>, p: Int, state: inout KMeansChunkState, work: inout Workspace
    ) {
        let pending = work.pending
        guard !pending.isEmpty else { return }
        let slack = self.slack
        let offset = rows.lowerBound
        func record(_ i: Int, _ nearest: Nearest) {
            state.assignment[i] = Int32(nearest.index)
            work.exact[i - offset] = nearest.squaredDistance
            state.upper[i] = nearest.squaredDistance.squareRoot() * (1 + slack)
            state.lower[i] = nearest.secondLowerBound.squareRoot() * (1 - slack)
        }
        // Out of the workspace while in use (`record` writes to it): a copy would leave the
        // buffers shared, and the first write would copy them whole.
        var distances = NearestCenters.Scratch()
        swap(&distances, &work.distances)
        defer { swap(&distances, &work.distances) }
        if pending.count == rows.count {
            let norms = state.norms
            norms.withUnsafeBufferPointer { nb in
                guard let normBase = nb.baseAddress else { return }
                NearestCenters.find(
                    x + offset * p, rows: rows.count, norms: normBase + offset, centers: centers, scratch: &distances
                ) { r, nearest in record(offset + r, nearest) }
            }
            return
        }
        var block: [Double] = [], norms: [Double] = []
        swap(&block, &work.block)
        swap(&norms, &work.norms)
        defer {
            swap(&block, &work.block)
            swap(&norms, &work.norms)
        }
        if block.count < pending.count * p { block = [Double](repeating: 0, count: rows.count * p) }
        if norms.count < pending.count { norms = [Double](repeating: 0, count: rows.count) }
        block.withUnsafeMutableBufferPointer { b in
            guard let base = b.baseAddress else { return }
            for (r, i) in pending.enumerated() {
                (base + r * p).update(from: x + i * p, count: p)
                norms[r] = state.norms[i]
            }
        }
        block.withUnsafeBufferPointer { b in
            norms.withUnsafeBufferPointer { nb in
                guard let base = b.baseAddress, let normBase = nb.baseAddress else { return }
                NearestCenters.find(base, rows: pending.count, norms: normBase, centers: centers, scratch: &distances) {
                    r, nearest in record(pending[r], nearest)
                }
            }
        }
    }
}
