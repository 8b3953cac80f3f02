import Dispatch
import Foundation
import MLFit
import Synchronization
#if canImport(Glibc)
    import Glibc
#endif

/// The synthetic regression problem: features ~ N(0, 1), y = β₀ + Xβ + σ·ε with ε ~ N(0, 1).
///
/// Every value is rounded to `Float` precision, so that written in shortest round-trip form
/// a value takes about 10 characters (500,000 × 50 is about 300 MB of CSV), and the data in
/// memory equal what a parser reads back from the file. Row `i` depends only on the seed and
/// `i` (a counter-based generator), so the output does not depend on the thread count.
struct Synthetic: Sendable {
    let rows: Int
    let features: Int
    let seed: UInt64
    let coefficients: [Double]
    let intercept: Double
    let noise = 0.5

    init(rows: Int, features: Int, seed: UInt64) {
        self.rows = rows
        self.features = features
        self.seed = seed
        var rng = SplitMix64(seed: seed, purpose: 1, index: 0)
        coefficients = (0..<features).map { _ in Double(Float(4 * rng.uniform() - 2)) }
        intercept = 1.5
    }

    /// Writes row `i`'s features into `x` and returns its label.
    @inline(__always)
    func row(_ i: Int, into x: UnsafeMutablePointer<Double>) -> Double {
        var rng = SplitMix64(seed: seed, purpose: 2, index: UInt64(i))
        var j = 0
        var y = intercept
        while j < features {
            let (a, b) = rng.normalPair()
            let va = Double(Float(a))
            x[j] = va
            y += coefficients[j] * va
            if j + 1 < features {
                let vb = Double(Float(b))
                x[j + 1] = vb
                y += coefficients[j + 1] * vb
            }
            j += 2
        }
        let (e, _) = rng.normalPair()
        return Double(Float(y + noise * e))
    }

    var header: String {
        ((1...max(1, features)).map { "x\($0)" } + ["y"]).joined(separator: ",") + "\n"
    }

    /// The rows `range` as CSV text.
    func csv(rows range: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(range.count * (features + 1) * 12)
        let x = UnsafeMutablePointer<Double>.allocate(capacity: max(1, features))
        defer { x.deallocate() }
        for i in range {
            let y = row(i, into: x)
            for j in 0..<features {
                var text = Float(x[j]).description
                text.withUTF8 { out.append(contentsOf: $0) }
                out.append(UInt8(ascii: ","))
            }
            var text = Float(y).description
            text.withUTF8 { out.append(contentsOf: $0) }
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    /// Writes the CSV file with `threads` formatting threads; returns the bytes written.
    func write(to path: String, threads: Int) throws -> Int {
        guard let file = fopen(path, "wb") else {
            throw BenchmarkError("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var total = 0
        func put(_ bytes: [UInt8]) throws {
            let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
            guard written == bytes.count else {
                throw BenchmarkError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            total += written
        }
        try put(Array(header.utf8))
        let blockRows = 8192
        let blocks = (rows + blockRows - 1) / blockRows
        let batch = max(1, threads) * 4
        var first = 0
        while first < blocks {
            let count = min(batch, blocks - first)
            let slots = Mutex([[UInt8]](repeating: [], count: count))
            let start = first
            DispatchQueue.concurrentPerform(iterations: count) { k in
                let b = start + k
                let text = csv(rows: (b * blockRows)..<min(rows, (b + 1) * blockRows))
                slots.withLock { $0[k] = text }
            }
            let texts = slots.withLock { s -> [[UInt8]] in
                defer { s = [] }
                return s
            }
            for text in texts { try put(text) }
            first += count
        }
        guard fflush(file) == 0 else {
            throw BenchmarkError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        return total
    }

    /// The data in memory as a ``Dataset`` cut into the library's default chunks.
    func dataset() throws -> Dataset {
        var elements = [Double](repeating: 0, count: rows * features)
        var labels = [Double](repeating: 0, count: rows)
        elements.withUnsafeMutableBufferPointer { x in
            labels.withUnsafeMutableBufferPointer { y in
                guard let xb = x.baseAddress, let yb = y.baseAddress else { return }
                let px = UnsafeSendable(xb), py = UnsafeSendable(yb)
                let parts = 64
                DispatchQueue.concurrentPerform(iterations: parts) { part in
                    let lo = rows * part / parts, hi = rows * (part + 1) / parts
                    for i in lo..<hi { py.pointer[i] = row(i, into: px.pointer + i * features) }
                }
            }
        }
        let matrix = try Matrix(rows: rows, columns: features, elements: elements)
        return try Dataset(features: matrix, labels: labels)
    }
}

/// A pointer handed to worker threads that write disjoint parts of it.
struct UnsafeSendable<Pointee>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Pointee>
    init(_ pointer: UnsafeMutablePointer<Pointee>) { self.pointer = pointer }
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
