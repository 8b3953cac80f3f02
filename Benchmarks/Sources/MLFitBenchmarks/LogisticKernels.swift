import Dispatch
import Foundation
import MLFit

/// The Newton pass of logistic regression against its level-3 core: one pass of
/// `LogisticLossStatistics` (loss, gradient and Hessian at a point) over a loaded `Dataset`,
/// in GFLOP/s, beside `dsyrk` streaming over the same blocks `[x 1]` (`r × q`, `q = p + 1`).
///
/// Flops: binomial `n·q²` (the `dsyrk` of `√(wσ(1−σ))·[x 1]`; scores and gradient add
/// `O(n·q)`), multinomial `n·q²·K²` (`K` diagonal blocks by `dsyrk`, `n·q²` each, and
/// `K(K−1)/2` off-diagonal ones by `dgemm`, `2·n·q²` each). A pass without the Hessian (what an
/// L-BFGS evaluation costs) is timed too, in rows per second.
enum LogisticKernelBenchmarks {
    struct Results {
        var table: Table
        /// GFLOP/s by (kernel, threads): `logistic newton` (binomial) for the limits table.
        var rates: [String: [Int: Double]] = [:]
    }

    static func run(rows n: Int, features p: Int, seed: UInt64, repeats: Int) throws -> Results {
        let q = p + 1
        let r = ChunkPlan.defaultRowsPerChunk(columns: p + 2)
        var table = Table(
            "Logistic Newton pass: \(n) × \(p) in memory, blocks of \(r) × \(q) against dsyrk on the same blocks",
            ["kernel", "threads", "seconds", "GFLOP/s", "GFLOP/s per core", "vs dsyrk"])
        var rates: [String: [Int: Double]] = [:]
        var syrk: [Int: Double] = [:]
        func add(_ name: String, _ threads: Int, _ seconds: Double, flops: Double?, rows: Int = 0) {
            guard let flops else {
                table.add([name, "\(threads)", fmt(seconds, 4), "", "", "\(fmt(Double(rows) / seconds / 1e6, 1)) M rows/s"])
                return
            }
            let g = flops / seconds / 1e9
            table.add([name, "\(threads)", fmt(seconds, 4), fmt(g, 1), fmt(g / Double(threads), 1),
                       syrk[threads].map { fmt(g / $0, 2) } ?? ""])
        }

        // Binomial, on the binary task at its generating parameters (near the optimum).
        do {
            let generator = ClassificationData(DataShape(rows: n, features: p, seed: seed), classes: 2)
            log("kernels: generating \(n) × \(p) binary classification in memory")
            let data = try generator.dataset()
            let theta = generator.coefficients + generator.intercepts
            for threads in [1, 2] {
                let seconds = streamingSyrk(data, width: q, threads: threads, repeats: repeats)
                syrk[threads] = Double(n * q * q) / seconds / 1e9
                add("dsyrk (streaming over the [x 1] blocks)", threads, seconds, flops: Double(n * q * q))
            }
            for threads in [1, 2] {
                let seconds = try passSeconds(data, classes: 2, rows: 1, theta: theta, hessian: true,
                                              threads: threads, repeats: repeats)
                add("binomial Newton pass (loss, gradient, Hessian)", threads, seconds, flops: Double(n * q * q))
                rates["logistic newton", default: [:]][threads] = Double(n * q * q) / seconds / 1e9
            }
            let stride = LogisticRegression.hessianStride(rows: n, parameterCount: q, modelRows: 1)
            for threads in [1, 2] {
                let seconds = try passSeconds(data, classes: 2, rows: 1, theta: theta, hessian: true,
                                              hessianStride: stride, threads: threads, repeats: repeats)
                add("binomial Newton pass as a fit runs it (Hessian over every \(stride)th row)", threads, seconds,
                    flops: nil, rows: n)
            }
            for threads in [1, 2] {
                let seconds = try passSeconds(data, classes: 2, rows: 1, theta: theta, hessian: false,
                                              threads: threads, repeats: repeats)
                add("binomial pass without Hessian (L-BFGS evaluation, chord step)", threads, seconds, flops: nil, rows: n)
            }
        }

        // Multinomial, on the 5-class task at its generating parameters.
        do {
            let k = GeneratorTask.multiclassCount
            let generator = ClassificationData(DataShape(rows: n, features: p, seed: seed), classes: k)
            log("kernels: generating \(n) × \(p) \(k)-class classification in memory")
            let data = try generator.dataset()
            var theta: [Double] = []
            for c in 0..<k { theta += generator.coefficients[(c * p)..<((c + 1) * p)] + [generator.intercepts[c]] }
            let flops = Double(n * q * q * k * k)
            for threads in [1, 2] {
                let seconds = try passSeconds(data, classes: k, rows: k, theta: theta, hessian: true,
                                              threads: threads, repeats: repeats)
                add("multinomial Newton pass, \(k) classes (n·q²·K² flops)", threads, seconds, flops: flops)
            }
            let stride = LogisticRegression.hessianStride(rows: n, parameterCount: k * q, modelRows: k)
            for threads in [1, 2] {
                let seconds = try passSeconds(data, classes: k, rows: k, theta: theta, hessian: true,
                                              hessianStride: stride, threads: threads, repeats: repeats)
                add("multinomial Newton pass as a fit runs it (Hessian over every \(stride)th row)", threads, seconds,
                    flops: nil, rows: n)
            }
            for threads in [1, 2] {
                let seconds = try passSeconds(data, classes: k, rows: k, theta: theta, hessian: false,
                                              threads: threads, repeats: repeats)
                add("multinomial pass without Hessian", threads, seconds, flops: nil, rows: n)
            }
        }
        table.notes = [
            "One pass = `Dataset.pass` of `LogisticLossStatistics(chunk:shape:classCount:parameters:)` at the data's "
                + "generating parameters, merged across chunks as a fit does. `vs dsyrk` divides by dsyrk streaming over "
                + "the binary set's blocks `[x 1]` (copied once, outside the timing), the level-3 core of the binomial pass. "
                + "A fit on this many rows sums the Hessian over an evenly spaced row sample "
                + "(`LogisticRegression.hessianStride`) and skips it near the optimum: the `as a fit runs it` and "
                + "`without Hessian` rows are its passes. Best of \(repeats) after a warm-up.",
            "1-minute load average at the end: \(loadAverage()).",
        ]
        return Results(table: table, rates: rates)
    }

    /// Seconds of one statistics pass (the fastest of `repeats`).
    static func passSeconds(_ data: Dataset, classes k: Int, rows m: Int, theta: [Double], hessian: Bool,
                            hessianStride: Int = 1, threads: Int, repeats: Int) throws -> Double {
        let shape = LogisticLossStatistics.Shape(
            featureCount: data.schema.featureCount, rows: m, fitIntercept: true, hessian: hessian)
        return try best(repeats) {
            let (s, _) = try data.pass(options: ExecutionOptions(threads: threads), shape: shape) { chunk, context in
                try LogisticLossStatistics(
                    chunk: chunk, shape: shape, classCount: k, parameters: theta,
                    hessianRows: .init(stride: hessianStride, firstRow: context.firstRow ?? 0))
            }
            consume(s)
        }
    }

    /// Seconds of `dsyrk` over every chunk's `[x 1]` block, `threads` workers taking blocks in
    /// turn (OpenBLAS single-threaded inside each, as in a pass).
    static func streamingSyrk(_ data: Dataset, width q: Int, threads: Int, repeats: Int) -> Double {
        let p = q - 1
        let blocks: [[Double]] = data.chunks.map { chunk in
            var z = [Double](repeating: 1, count: chunk.rowCount * q)
            chunk.features.withUnsafeBufferPointer { x in
                for i in 0..<chunk.rowCount {
                    for j in 0..<p { z[i * q + j] = x[i * p + j] }
                }
            }
            return z
        }
        return BLASThreads.singleThreaded {
            best(repeats) {
                DispatchQueue.concurrentPerform(iterations: threads) { t in
                    var c = [Double](repeating: 0, count: q * q)
                    c.withUnsafeMutableBufferPointer { cc in
                        guard let cc = cc.baseAddress else { return }
                        var b = t
                        while b < blocks.count {
                            blocks[b].withUnsafeBufferPointer { z in
                                guard let z = z.baseAddress else { return }
                                BLAS.gramUpdate(z, rows: blocks[b].count / q, columns: q,
                                                leadingDimension: q, into: cc, leadingDimensionC: q, beta: 1)
                            }
                            b += threads
                        }
                    }
                    consume(c)
                }
            }
        }
    }
}
