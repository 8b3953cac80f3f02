import MLNumerics

/// The nearest center of every row of a block, with distances from one GEMM.
///
/// For rows `xᵢ` with cached squared norms and centers `cⱼ`, the squared distances are
/// expanded as `dᵢⱼ = ‖xᵢ‖² − 2·xᵢ·cⱼ + ‖cⱼ‖²`, `‖cⱼ‖² − 2·xᵢ·cⱼ` coming from one `dgemm`
/// per block of ``blockRows`` rows (values below 0, from cancellation, are only ever used as
/// bounds). A GEMM's last bits depend on its blocking and the rows' offset, so a row whose
/// best two distances lie within the expansion's error bound `γ·(‖x‖² + ‖cⱼ‖²)` (see
/// ``CenterSet/expansionErrorFactor(featureCount:)``) is decided by exact distances
/// `Σₜ(xₜ − cⱼₜ)²` to every candidate within the bound, ties going to the lowest index: the
/// assignment is then the same for any chunking, thread count or rank.
///
/// Every row also gets its exact squared distance to the chosen center (for the cost and the
/// pruning bounds) and a lower bound on its squared distance to every other center.
///
/// Cost: `2·n·k·p` flops in the GEMM, `O(n·k)` comparisons and `O(n·p)` for the exact distance.
enum NearestCenters {
    /// Rows per GEMM: the `blockRows × k` products stay in cache for the scan that follows.
    static let blockRows = 256

    /// Calls `body(i, nearest)` for each of the `n` rows of the row-major block `x` (`p`
    /// columns, squared norms in `norms`), in row order.
    static func find(
        _ x: UnsafePointer<Double>, rows n: Int, norms: UnsafePointer<Double>, centers: CenterSet,
        scratch: inout [Double], _ body: (Int, Nearest) -> Void
    ) {
        let k = centers.count, p = centers.featureCount
        guard n > 0, k > 0 else { return }
        let gamma = CenterSet.expansionErrorFactor(featureCount: p)
        let largestNorm = centers.squaredNorms.max() ?? 0
        let needed = min(blockRows, n) * k
        if scratch.count < needed { scratch = [Double](repeating: 0, count: needed) }
        centers.centers.withUnsafeBufferPointer { cBuffer in
            centers.squaredNorms.withUnsafeBufferPointer { cnBuffer in
                scratch.withUnsafeMutableBufferPointer { gBuffer in
                    guard let c = cBuffer.baseAddress, let cn = cnBuffer.baseAddress, let g = gBuffer.baseAddress
                    else { return }
                    var start = 0
                    while start < n {
                        let m = min(blockRows, n - start)
                        // ‖c‖² enters through β = 1: OpenBLAS would clear the block for β = 0
                        // anyway, and the scan is left one addition per distance.
                        for r in 0..<m { (g + r * k).update(from: cn, count: k) }
                        BLAS.multiply(
                            x + start * p, transposeA: false, c, transposeB: true, m: m, n: k, k: p, lda: p, ldb: p,
                            into: g, ldc: k, alpha: -2, beta: 1)
                        for r in 0..<m {
                            let i = start + r
                            let nearest = decide(
                                row: x + i * p, squaredNorm: norms[i], products: g + r * k, centers: c,
                                centerNorms: cn, largestNorm: largestNorm, k: k, p: p, gamma: gamma)
                            body(i, nearest)
                        }
                        start += m
                    }
                }
            }
        }
    }

    /// The decision for one row from its GEMM entries `gⱼ = ‖cⱼ‖² − 2x·cⱼ`.
    ///
    /// One scan (``Scan``) finds the best expanded distance `vⱼ = ‖x‖² + gⱼ` and the second
    /// smallest `v₂`; `L = v₂ − γ(‖x‖² + max ‖c‖²)` bounds every other true distance from
    /// below. The row is ambiguous when `L ≤ v_best + γ(‖x‖² + ‖c_best‖²)`, and only then are
    /// the distances looked at again, each with its own bound.
    @inline(__always)
    static func decide(
        row x: UnsafePointer<Double>, squaredNorm xn: Double, products g: UnsafePointer<Double>,
        centers c: UnsafePointer<Double>, centerNorms cn: UnsafePointer<Double>, largestNorm: Double, k: Int, p: Int,
        gamma: Double
    ) -> Nearest {
        var scan = Scan(squaredNorm: xn)
        var j = 0
        while j + 4 <= k {
            scan.add(g + j)
            j += 4
        }
        var merged = scan.merged()
        while j < k {
            merged.add(xn + g[j], at: j)
            j += 1
        }
        let reach = merged.best + gamma * (xn + cn[merged.index])
        let otherLow = merged.second - gamma * (xn + largestNorm)
        guard otherLow <= reach else {
            let exact = CenterSet.exactSquaredDistance(x, c + merged.index * p, p)
            return Nearest(index: merged.index, squaredDistance: exact, secondLowerBound: max(0, otherLow))
        }
        func low(_ j: Int) -> Double { xn + g[j] - gamma * (xn + cn[j]) }
        var best = merged.index
        var exact = Double.infinity
        for j in 0..<k where j == merged.index || low(j) <= reach {
            let e = CenterSet.exactSquaredDistance(x, c + j * p, p)
            if e < exact {
                exact = e
                best = j
            }
        }
        var second = Double.infinity
        for j in 0..<k where j != best { second = min(second, low(j)) }
        return Nearest(index: best, squaredDistance: exact, secondLowerBound: max(0, second))
    }

    /// The same decision from exact distances to every center, row by row: the naive
    /// reference the tests compare ``find(_:rows:norms:centers:scratch:_:)`` with.
    static func naive(_ x: [Double], centers: Matrix) -> (index: Int, squaredDistance: Double) {
        var best = 0, bestD = Double.infinity
        let p = centers.columns, whole = p - p % 4
        for j in 0..<centers.rows {
            // The order of ``CenterSet/exactSquaredDistance(_:_:_:)``, spelled out.
            var partial = [0.0, 0.0, 0.0, 0.0]
            for t in 0..<whole { partial[t % 4] += (x[t] - centers[j, t]) * (x[t] - centers[j, t]) }
            var s = (partial[0] + partial[1]) + (partial[2] + partial[3])
            for t in whole..<p { s += (x[t] - centers[j, t]) * (x[t] - centers[j, t]) }
            if s < bestD {
                bestD = s
                best = j
            }
        }
        return (best, bestD)
    }
}
