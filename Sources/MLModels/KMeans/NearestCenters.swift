import MLNumerics

/// The nearest center of every row of a block, with distances from one GEMM.
///
/// For rows `xᵢ` with cached squared norms and centers `cⱼ`, the squared distances are
/// expanded as `dᵢⱼ = ‖xᵢ‖² − 2·xᵢ·cⱼ + ‖cⱼ‖²`, `‖cⱼ‖² − 2·xᵢ·cⱼ` coming from one GEMM per
/// block of ``blockRows`` rows (values below 0, from cancellation, are only ever used as
/// bounds). The expansion only screens: a row whose best two expanded distances are further
/// apart than their error bounds (``ExpansionError``) has its nearest center proven, and the
/// rest are decided by exact distances `Σₜ(xₜ − cⱼₜ)²` to every candidate within the bound,
/// ties going to the lowest index. The assignment is then the one of exact distances
/// whatever the GEMM's rounding, so the same for any chunking, thread count or rank.
///
/// The screening runs in single precision (`sgemm`, twice `dgemm`'s rate, and half the
/// bytes to scan; ``screenInSingle(_:rows:norms:centers:scratch:_:)``) when the block's
/// rows and the centers are in its range. Its bound is about `10⁻⁵·(‖x‖² + ‖c‖²)` at
/// `p = 50`: when more than one row in ``doubtfulShare`` is left in doubt (data far from
/// the origin for their spread, or clusters closer than that), the block is computed again
/// in double precision, whose bound is 2²⁹ times smaller. Either way the result is the same.
///
/// Every row also gets its exact squared distance to the chosen center (for the cost and the
/// pruning bounds) and a lower bound on its squared distance to every other center.
///
/// Cost: `2·n·k·p` flops in the GEMM, `O(n·k)` comparisons and `O(n·p)` for the exact distance.
enum NearestCenters {
    /// Rows per GEMM: the `blockRows × k` products stay in cache for the scan that follows.
    static let blockRows = 256

    /// A block screened in single precision is recomputed in double when more than one row
    /// in this many is in doubt: exact distances cost `O(k·p)` scalar work per such row.
    static let doubtfulShare = 8

    /// Buffers reused across blocks and calls, and a count of how blocks were decided.
    struct Scratch {
        var products: [Double] = []
        var singleRows: [Float] = []
        var singleProducts: [Float] = []
        var screened: [Merged] = []
        /// Blocks decided from single-precision products.
        var singleBlocks = 0
        /// Blocks computed in double precision: out of single's range, or too many rows in doubt.
        var doubleBlocks = 0
    }

    /// Calls `body(i, nearest)` for each of the `n` rows of the row-major block `x` (`p`
    /// columns, squared norms in `norms`), in row order.
    static func find(
        _ x: UnsafePointer<Double>, rows n: Int, norms: UnsafePointer<Double>, centers: CenterSet,
        scratch: inout Scratch, _ body: (Int, Nearest) -> Void
    ) {
        let k = centers.count, p = centers.featureCount
        guard n > 0, k > 0 else { return }
        var start = 0
        while start < n {
            let m = min(blockRows, n - start)
            let offset = start
            if screenInSingle(x + start * p, rows: m, norms: norms + start, centers: centers, scratch: &scratch, {
                body(offset + $0, $1)
            }) {
                scratch.singleBlocks += 1
            } else {
                findInDouble(x + start * p, rows: m, norms: norms + start, centers: centers, scratch: &scratch.products) {
                    body(offset + $0, $1)
                }
                scratch.doubleBlocks += 1
            }
            start += m
        }
    }

    /// One block of at most ``blockRows`` rows with the expansion in double precision.
    static func findInDouble(
        _ x: UnsafePointer<Double>, rows m: Int, norms: UnsafePointer<Double>, centers: CenterSet,
        scratch products: inout [Double], _ body: (Int, Nearest) -> Void
    ) {
        let k = centers.count, p = centers.featureCount
        let error = ExpansionError.double(featureCount: p)
        if products.count < m * k { products = [Double](repeating: 0, count: blockRows * k) }
        centers.centers.withUnsafeBufferPointer { cBuffer in
            centers.squaredNorms.withUnsafeBufferPointer { cnBuffer in
                products.withUnsafeMutableBufferPointer { gBuffer in
                    guard let c = cBuffer.baseAddress, let cn = cnBuffer.baseAddress, let g = gBuffer.baseAddress
                    else { return }
                    // ‖c‖² enters through β = 1: OpenBLAS would clear the block for β = 0
                    // anyway, and the scan is left one addition per distance.
                    for r in 0..<m { (g + r * k).update(from: cn, count: k) }
                    BLAS.multiply(
                        x, transposeA: false, c, transposeB: true, m: m, n: k, k: p, lda: p, ldb: p,
                        into: g, ldc: k, alpha: -2, beta: 1)
                    for r in 0..<m {
                        let xn = norms[r], row = g + r * k
                        let merged = Scan<Double>.nearest(squaredNorm: xn, products: row, k: k)
                        body(r, decide(merged, row: x + r * p, squaredNorm: xn, centers: centers, error: error) {
                            xn + row[$0]
                        })
                    }
                }
            }
        }
    }

    /// The decision for one row from its scan of expanded distances `vⱼ` (`expanded(j)`).
    ///
    /// With `E(c) = ` ``ExpansionError/bound(_:_:)`` `(‖x‖², ‖c‖²)`, every true distance other
    /// than the best's is at least `L = v₂ − E(c_max)` (`v₂` the second smallest, `c_max` the
    /// largest center) and the best's is at most `R = v_best + E(c_best)`. `L > R` proves the
    /// nearest center; otherwise exact distances decide among the centers `j` whose
    /// `vⱼ − E(cⱼ) ≤ R`.
    @inline(__always)
    static func decide(
        _ merged: Merged, row x: UnsafePointer<Double>, squaredNorm xn: Double, centers: CenterSet,
        error: ExpansionError, expanded: (Int) -> Double
    ) -> Nearest {
        let k = centers.count, p = centers.featureCount
        return centers.centers.withUnsafeBufferPointer { cBuffer in
            centers.squaredNorms.withUnsafeBufferPointer { cnBuffer in
                guard let c = cBuffer.baseAddress, let cn = cnBuffer.baseAddress else {
                    return Nearest(index: 0, squaredDistance: .infinity, secondLowerBound: 0)
                }
                let (reach, otherLow) = bounds(merged, squaredNorm: xn, centers: centers, error: error)
                if otherLow > reach {
                    let exact = CenterSet.exactSquaredDistance(x, c + merged.index * p, p)
                    return Nearest(index: merged.index, squaredDistance: exact, secondLowerBound: max(0, otherLow))
                }
                func low(_ j: Int) -> Double { expanded(j) - error.bound(xn, cn[j]) }
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
        }
    }

    /// `R` and `L` of ``decide(_:row:squaredNorm:centers:error:expanded:)``: `L > R` proves the
    /// nearest center.
    @inline(__always)
    static func bounds(
        _ merged: Merged, squaredNorm xn: Double, centers: CenterSet, error: ExpansionError
    ) -> (reach: Double, otherLow: Double) {
        (merged.best + error.bound(xn, centers.squaredNorms[merged.index]),
         merged.second - error.bound(xn, centers.largestSquaredNorm))
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
