import Dispatch
import Foundation
import MLFit
import Synchronization

/// The distance step of one Lloyd pass against plain `dgemm` on the same shape.
///
/// The step is `KMeansModel.predictWithDistances` on each chunk of a loaded blobs `Dataset`
/// (k centers, p features): the library's `NearestCenters` — one GEMM of `X·Cᵀ` per block of
/// 256 rows (`sgemm` on the rows rounded to `Float`, screening only), `‖x‖² − 2x·c + ‖c‖²`,
/// the nearest center with exact distances for close calls, the exact distance to it — that
/// a full Lloyd pass runs on every chunk (the public entry also computes the rows' norms,
/// which a fit caches: 2p of the 2kp flops per row). Workers take chunks in turn, OpenBLAS
/// single-threaded inside each, as in a pass.
///
/// References, over the same rows and centers: `dgemm` of each whole chunk (`chunk rows × p`
/// times `p × k`, the shape), `dgemm` and `sgemm` in the library's 256-row blocks.
/// Flops: `2·n·k·p` for all.
enum KMeansKernelBenchmarks {
    struct Results {
        var table: Table
        /// GFLOP/s by (kernel, threads): `kmeans distances`, `dgemm kmeans chunk`.
        var rates: [String: [Int: Double]] = [:]
    }

    /// Rows per GEMM in the library's distance step (`NearestCenters.blockRows`, internal).
    static let blockRows = 256

    static func run(rows n: Int, features p: Int, k: Int = 100, seed: UInt64, repeats: Int) throws -> Results {
        log("kernels: generating \(n) × \(p) blobs in memory (k-means distance step, k = \(k))")
        let data = try BlobsData(DataShape(rows: n, features: p, seed: seed)).dataset()
        // k rows of the data as centers: mlfit's `random` initialization, no iteration.
        let model = try KMeans(k: k, initMode: .random, maxIter: 0, seed: 1).fit(data)
        let centers = model.clusterCenters
        let chunks = data.chunks.map(\.features)
        let chunkRows = chunks.first?.rows ?? 0
        let doubleChunks = chunks.map(\.elements), doubleCenters = centers.elements
        let singleChunks = doubleChunks.map { $0.map { Float($0) } }
        let singleCenters = doubleCenters.map { Float($0) }
        let dgemm: @Sendable (UnsafePointer<Double>, UnsafePointer<Double>, UnsafeMutablePointer<Double>, Int) -> Void = {
            x, c, g, m in
            BLAS.multiply(x, transposeA: false, c, transposeB: true, m: m, n: k, k: p, lda: p, ldb: p, into: g, ldc: k)
        }
        let sgemm: @Sendable (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void = {
            x, c, g, m in
            BLAS.multiply(x, transposeA: false, c, transposeB: true, m: m, n: k, k: p, lda: p, ldb: p, into: g, ldc: k)
        }
        let flops = 2 * Double(n) * Double(k) * Double(p)

        var table = Table(
            "k-means distance step: \(n) × \(p), k = \(k), chunks of \(chunkRows) rows, against dgemm on the same shape",
            ["kernel", "threads", "seconds", "GFLOP/s", "GFLOP/s per core", "vs dgemm (chunk × p × k)"])
        var rates: [String: [Int: Double]] = [:]
        func add(_ name: String, _ key: String, _ threads: Int, _ seconds: Double) {
            let g = flops / seconds / 1e9
            rates[key, default: [:]][threads] = g
            let reference = rates["dgemm kmeans chunk"]?[threads]
            table.add([name, "\(threads)", fmt(seconds, 4), fmt(g, 1), fmt(g / Double(threads), 1),
                       reference.map { fmt(g / $0, 2) } ?? ""])
        }
        for threads in [1, 2] {
            add("dgemm, one per chunk (\(chunkRows) × \(p) · \(p) × \(k))", "dgemm kmeans chunk", threads,
                streamingGEMM(doubleChunks, centers: doubleCenters, k: k, p: p, blockRows: nil, threads: threads,
                              repeats: repeats, gemm: dgemm))
            add("dgemm in the library's blocks (\(blockRows) × \(p) · \(p) × \(k))", "dgemm kmeans blocks", threads,
                streamingGEMM(doubleChunks, centers: doubleCenters, k: k, p: p, blockRows: blockRows, threads: threads,
                              repeats: repeats, gemm: dgemm))
            add("sgemm in the library's blocks (the rows already in `Float`)", "sgemm kmeans blocks", threads,
                streamingGEMM(singleChunks, centers: singleCenters, k: k, p: p, blockRows: blockRows, threads: threads,
                              repeats: repeats, gemm: sgemm))
            let step = try BLASThreads.singleThreaded {
                try best(repeats) { try distanceStep(chunks, model: model, threads: threads) }
            }
            add("distance step (`KMeansModel.predictWithDistances`)", "kmeans distances", threads, step)
        }
        table.notes = [
            "Flops 2·n·k·p for every row. The distance step screens with `sgemm` on rows it rounds to `Float` itself, "
                + "and adds the expansion, the scan for the nearest center, exact double-precision distances for close "
                + "calls and to the chosen center, and the rows' norms. Target: the step ≥ 60% of `dgemm (chunk × p × k)`. "
                + "Best of \(repeats) after a warm-up.",
            "1-minute load average at the end: \(loadAverage()).",
        ]
        return Results(table: table, rates: rates)
    }

    /// One distance step over every chunk, `threads` workers taking chunks in turn.
    static func distanceStep(_ chunks: [Matrix], model: KMeansModel, threads: Int) throws {
        let failure = Mutex<(any Error)?>(nil)
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            var c = t
            while c < chunks.count {
                do {
                    consume(try model.predictWithDistances(chunks[c]))
                } catch {
                    failure.withLock { $0 = error }
                }
                c += threads
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// Seconds of `X·Cᵀ` over every chunk (row-major, `p` columns): one GEMM per chunk
    /// (`blockRows` nil) or per block of `blockRows` rows, into a scratch product per worker;
    /// `gemm(x, c, product, m)` multiplies `m` rows.
    static func streamingGEMM<Scalar: BinaryFloatingPoint & Sendable>(
        _ chunks: [[Scalar]], centers: [Scalar], k: Int, p: Int, blockRows: Int?, threads: Int, repeats: Int,
        gemm: @Sendable (UnsafePointer<Scalar>, UnsafePointer<Scalar>, UnsafeMutablePointer<Scalar>, Int) -> Void
    ) -> Double {
        let largest = chunks.map { $0.count / p }.max() ?? 0
        return BLASThreads.singleThreaded {
            best(repeats) {
                DispatchQueue.concurrentPerform(iterations: threads) { t in
                    var product = [Scalar](repeating: 0, count: max(1, (blockRows ?? largest) * k))
                    centers.withUnsafeBufferPointer { cBuffer in
                        product.withUnsafeMutableBufferPointer { g in
                            guard let cb = cBuffer.baseAddress, let gb = g.baseAddress else { return }
                            var c = t
                            while c < chunks.count {
                                chunks[c].withUnsafeBufferPointer { xBuffer in
                                    guard let x = xBuffer.baseAddress else { return }
                                    let n = chunks[c].count / p
                                    let step = blockRows ?? n
                                    var start = 0
                                    while start < n {
                                        let m = min(step, n - start)
                                        gemm(x + start * p, cb, gb, m)
                                        start += m
                                    }
                                }
                                c += threads
                            }
                        }
                    }
                    consume(product)
                }
            }
        }
    }
}
