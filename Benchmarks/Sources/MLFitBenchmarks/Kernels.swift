import Dispatch
import Foundation
import MLFit
import Synchronization

/// Keeps a value alive so that the optimizer cannot drop the work that made it.
@inline(never)
func consume<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

/// Fastest of `repeats` timings (after one warm-up run when `warmUp`).
func best(_ repeats: Int, warmUp: Bool = true, _ body: () throws -> Void) rethrows -> Double {
    if warmUp { try body() }
    var fastest = Double.infinity
    for _ in 0..<max(1, repeats) {
        let start = now()
        try body()
        fastest = min(fastest, now() - start)
    }
    return fastest
}

/// Only the first-order moments of a chunk (the library's first pass over every chunk), to
/// split the Gram pass's time into its parts.
struct MomentsOnly: PartialStatistics {
    var rows = 0
    init(zeroFor shape: Int) {}
    init(chunk: DataChunk) {
        let m = WeightedMoments(chunk: chunk)
        rows = m.rowCount
    }
    mutating func merge(_ other: MomentsOnly) { rows += other.rows }
}

/// Counts rows; the trivial statistics used to time parsing alone.
struct RowCount: PartialStatistics {
    var rows = 0
    init(zeroFor shape: Int) {}
    init(rows: Int) { self.rows = rows }
    mutating func merge(_ other: RowCount) { rows += other.rows }
}

struct KernelResults {
    var tables: [Table] = []
    var gramRatio: [Int: Double] = [:]
    /// GFLOP/s or GB/s by (kernel, threads), for the fractions-of-limit table.
    var rates: [String: [Int: Double]] = [:]
}

enum KernelBenchmarks {
    static func run(rows n: Int, features p: Int, seed: UInt64, repeats: Int) throws -> KernelResults {
        let q = p + 1
        let r = ChunkPlan.defaultRowsPerChunk(columns: p + 2)
        log("kernels: generating \(n) × \(p) in memory (chunks of \(r) rows)")
        let data = try RegressionData(DataShape(rows: n, features: p, seed: seed)).dataset()

        // [X y] cut into the library's blocks, for the raw BLAS/LAPACK references.
        let blocks: [[Double]] = data.chunks.map { chunk in
            var z = [Double](repeating: 0, count: chunk.rowCount * q)
            chunk.features.withUnsafeBufferPointer { x in
                for i in 0..<chunk.rowCount {
                    for j in 0..<p { z[i * q + j] = x[i * p + j] }
                    z[i * q + p] = chunk.labels[i]
                }
            }
            return z
        }
        let gramFlops = Double(n) * Double(q * q)
        let qrFlops = 2 * gramFlops

        var results = KernelResults()
        var shapeTable = Table(
            "Kernels: \(n) × \(p) in memory, blocks of \(r) × \(q) (ChunkPlan.defaultRowsPerChunk(columns: \(p + 2)))",
            ["kernel", "threads", "seconds", "GFLOP/s", "GFLOP/s per core", "vs dsyrk"])
        shapeTable.notes = [
            "Flops counted as n·q² for a Gram pass and 2·n·q² for a QR pass (q = p + 1). Best of \(repeats) after a warm-up. "
                + "`dsyrk (cached)` repeats one block that stays in cache; `dsyrk (streaming)` runs over all blocks of the data set, as a pass does.",
            "OPENBLAS_CORETYPE=\(Machine.openBLASCoreType), OpenBLAS kernel `\(BLASThreads.coreName)`, CPU \(Machine.cpuModel) (AVX-512: \(Machine.hasAVX512 ? "yes" : "no")).",
        ]

        func row(_ name: String, _ threads: Int, _ seconds: Double, _ flops: Double, _ ref: Double?) -> Double {
            let g = flops / seconds / 1e9
            shapeTable.add([
                name, "\(threads)", fmt(seconds, 4), fmt(g, 1), fmt(g / Double(threads), 1),
                ref.map { fmt(g / $0, 2) } ?? "",
            ])
            return g
        }

        // (a) dsyrk alone on the library's block shape.
        var syrk: [Int: Double] = [:]
        let firstRows = (blocks.first?.count ?? 0) / q
        for threads in [1, 2] {
            let perThread = max(1, blocks.count / threads)
            let cached = BLASThreads.singleThreaded {
                best(repeats) {
                    DispatchQueue.concurrentPerform(iterations: threads) { _ in
                        var c = [Double](repeating: 0, count: q * q)
                        blocks[0].withUnsafeBufferPointer { z in
                            c.withUnsafeMutableBufferPointer { cc in
                                guard let z = z.baseAddress, let cc = cc.baseAddress else { return }
                                for _ in 0..<perThread {
                                    // The first block is shorter than `r` when the data are.
                                    BLAS.gramUpdate(z, rows: firstRows, columns: q, leadingDimension: q,
                                                    into: cc, leadingDimensionC: q, beta: 1)
                                }
                            }
                        }
                        consume(c)
                    }
                }
            }
            _ = row("dsyrk (cached block)", threads, cached, Double(perThread * threads * firstRows * q * q), nil)
            let streaming = BLASThreads.singleThreaded {
                best(repeats) {
                    DispatchQueue.concurrentPerform(iterations: threads) { t in
                        var c = [Double](repeating: 0, count: q * q)
                        c.withUnsafeMutableBufferPointer { cc in
                            guard let cc = cc.baseAddress else { return }
                            var b = t
                            while b < blocks.count {
                                let rowsHere = blocks[b].count / q
                                blocks[b].withUnsafeBufferPointer { z in
                                    guard let z = z.baseAddress else { return }
                                    BLAS.gramUpdate(z, rows: rowsHere, columns: q,
                                                    leadingDimension: q, into: cc, leadingDimensionC: q, beta: 1)
                                }
                                b += threads
                            }
                        }
                        consume(c)
                    }
                }
            }
            syrk[threads] = row("dsyrk (streaming)", threads, streaming, gramFlops, nil)
            results.rates["dsyrk", default: [:]][threads] = syrk[threads]
        }

        // Split of the Gram pass: the moments pass alone.
        for threads in [1, 2] {
            let seconds = try best(repeats) {
                let (s, _) = try data.pass(options: ExecutionOptions(threads: threads), shape: p) { chunk in
                    MomentsOnly(chunk: chunk)
                }
                consume(s)
            }
            let rowsPerSecond = Double(n) / seconds
            results.rates["moments GB/s", default: [:]][threads] = Double(n * (p + 1) * 8) / seconds / 1e9
            shapeTable.add(["moments pass only (`WeightedMoments`)", "\(threads)", fmt(seconds, 4),
                            "", "", "\(fmt(rowsPerSecond / 1e6, 1)) M rows/s"])
        }

        // (b) the library's Gram pass and (c) its QR pass.
        for form in [LeastSquaresStatistics.Form.gram, .triangular] {
            for threads in [1, 2] {
                let shape = LeastSquaresStatistics.Shape(featureCount: p, form: form)
                let seconds = try best(repeats) {
                    let (s, _) = try data.pass(options: ExecutionOptions(threads: threads), shape: shape) { chunk in
                        try LeastSquaresStatistics(chunk: chunk, form: form)
                    }
                    consume(s)
                }
                let name = form == .gram ? "library Gram pass (`.gram`)" : "library QR pass (`.triangular`)"
                let g = row(name, threads, seconds, form == .gram ? gramFlops : qrFlops, syrk[threads])
                if form == .gram, let s = syrk[threads] { results.gramRatio[threads] = g / s }
                results.rates[form == .gram ? "gram" : "qr", default: [:]][threads] = g
            }
        }

        // Raw dgelqf on the same blocks (each copied to a scratch block first).
        for threads in [1, 2] {
            let seconds = try BLASThreads.singleThreaded {
                try best(repeats) {
                    let failure = Mutex<(any Error)?>(nil)
                    DispatchQueue.concurrentPerform(iterations: threads) { t in
                        var scratch = [Double](repeating: 0, count: r * q)
                        var tau = [Double](repeating: 0, count: q)
                        let workCount = LAPACK.triangularFactorWorkspace(rows: r, columns: q)
                        var work = [Double](repeating: 0, count: workCount)
                        var b = t
                        while b < blocks.count {
                            let rowsHere = blocks[b].count / q
                            scratch.withUnsafeMutableBufferPointer { s in
                                blocks[b].withUnsafeBufferPointer { z in
                                    guard let sb = s.baseAddress, let zb = z.baseAddress else { return }
                                    sb.update(from: zb, count: z.count)
                                }
                            }
                            do {
                                try scratch.withUnsafeMutableBufferPointer { (s) throws(LinearAlgebraError) in
                                    try tau.withUnsafeMutableBufferPointer { (tt) throws(LinearAlgebraError) in
                                        try work.withUnsafeMutableBufferPointer { (w) throws(LinearAlgebraError) in
                                            guard let sb = s.baseAddress, let tb = tt.baseAddress, let wb = w.baseAddress
                                            else { return }
                                            try LAPACK.triangularFactor(
                                                ofRows: sb, rows: rowsHere, columns: q, tau: tb, work: wb,
                                                workCount: workCount)
                                        }
                                    }
                                }
                            } catch {
                                failure.withLock { $0 = error }
                            }
                            b += threads
                        }
                        consume(scratch)
                    }
                    if let error = failure.withLock({ $0 }) { throw error }
                }
            }
            _ = row("dgelqf (streaming, with block copy)", threads, seconds, qrFlops, syrk[threads])
        }
        shapeTable.notes.append("1-minute load average at the end: \(loadAverage()).")
        results.tables.append(shapeTable)

        // (d) Machine references: dgemm and memory bandwidth.
        var machine = Table("Machine references", ["kernel", "threads", "seconds", "rate", "per core"])
        let m = 1536
        var a = [Double](repeating: 0, count: m * m), b = a, c = a
        var rng = SeededRandom(seed: seed, purpose: 9, index: 0)
        for i in 0..<(m * m) {
            a[i] = rng.uniform() - 0.5
            b[i] = rng.uniform() - 0.5
        }
        let saved = BLASThreads.count
        for threads in [1, 2] {
            BLASThreads.set(threads)
            let seconds = best(repeats) {
                a.withUnsafeBufferPointer { pa in
                    b.withUnsafeBufferPointer { pb in
                        c.withUnsafeMutableBufferPointer { pc in
                            guard let pa = pa.baseAddress, let pb = pb.baseAddress, let pc = pc.baseAddress else { return }
                            BLAS.multiply(pa, transposeA: false, pb, transposeB: false, m: m, n: m, k: m,
                                          lda: m, ldb: m, into: pc, ldc: m)
                        }
                    }
                }
                consume(c)
            }
            let g = 2 * Double(m) * Double(m) * Double(m) / seconds / 1e9
            results.rates["dgemm", default: [:]][threads] = g
            machine.add(["dgemm \(m)³", "\(threads)", fmt(seconds, 4), "\(fmt(g, 1)) GFLOP/s", fmt(g / Double(threads), 1)])
        }
        BLASThreads.set(saved)

        let count = 32 << 20  // 256 MiB of doubles
        var big = [Double](repeating: 0, count: count)
        for i in stride(from: 0, to: count, by: 512) { big[i] = Double(i & 7) }
        for threads in [1, 2] {
            let seconds = big.withUnsafeBufferPointer { buffer -> Double in
                guard let base = buffer.baseAddress else { return .nan }
                let shared = UnsafeSendable(UnsafeMutablePointer(mutating: base))
                return best(repeats) {
                    let total = Mutex(0.0)
                    DispatchQueue.concurrentPerform(iterations: threads) { t in
                        let lo = count * t / threads, hi = count * (t + 1) / threads
                        let s = sum8(shared.pointer + lo, count: hi - lo)
                        total.withLock { $0 += s }
                    }
                    consume(total.withLock { $0 })
                }
            }
            let gb = Double(count * 8) / seconds / 1e9
            results.rates["bandwidth", default: [:]][threads] = gb
            machine.add(["sum of 256 MiB, 8 accumulators", "\(threads)", fmt(seconds, 4), "\(fmt(gb, 1)) GB/s", fmt(gb / Double(threads), 1)])
        }
        results.tables.append(machine)
        return results
    }
}

/// Sum with eight independent accumulators (a streaming-read bandwidth probe).
@inline(never)
func sum8(_ x: UnsafeMutablePointer<Double>, count: Int) -> Double {
    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0, s5 = 0.0, s6 = 0.0, s7 = 0.0
    var i = 0
    while i + 8 <= count {
        s0 += x[i]; s1 += x[i + 1]; s2 += x[i + 2]; s3 += x[i + 3]
        s4 += x[i + 4]; s5 += x[i + 5]; s6 += x[i + 6]; s7 += x[i + 7]
        i += 8
    }
    while i < count {
        s0 += x[i]
        i += 1
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))
}
