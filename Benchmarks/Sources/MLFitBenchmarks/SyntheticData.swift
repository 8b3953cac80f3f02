import Dispatch
import Foundation
import MLFit
import Synchronization
#if canImport(Glibc)
    import Glibc
#endif

/// A generated data set: what one generator task (``GeneratorTask``) draws row by row.
///
/// Row `i` must depend only on the seed and `i` — draw it from
/// `SeededRandom(seed: shape.seed, purpose: …, index: UInt64(i))` — so the file does not
/// depend on the thread count or on how rows are split. Values are rounded to `Float`, so
/// that written in shortest round-trip form a value takes about 10 characters and the data
/// in memory equal what a parser reads back from the file. Writing the CSV and building the
/// in-memory `Dataset` are written once, below.
protocol SyntheticData: Sendable {
    var shape: DataShape { get }
    /// The label column's name, written last (`y`); empty when the task writes none (blobs
    /// for clustering), and the value `row` returns is then not written.
    var labelColumn: String { get }
    /// Writes row `i`'s features into `x` (`shape.features` values) and returns its label
    /// (a class or cluster as its index).
    func row(_ i: Int, into x: UnsafeMutablePointer<Double>) -> Double
    /// The label as CSV text (a number for regression; a class name for classification).
    func labelText(_ label: Double) -> String
}

extension SyntheticData {
    func labelText(_ label: Double) -> String { Float(label).description }

    var header: String {
        ((1...max(1, shape.features)).map { "x\($0)" } + (labelColumn.isEmpty ? [] : [labelColumn]))
            .joined(separator: ",") + "\n"
    }

    /// The rows `range` as CSV text.
    func csv(rows range: Range<Int>) -> [UInt8] {
        let features = shape.features
        var out: [UInt8] = []
        out.reserveCapacity(range.count * (features + 1) * 12)
        let x = UnsafeMutablePointer<Double>.allocate(capacity: max(1, features))
        defer { x.deallocate() }
        let labelled = !labelColumn.isEmpty
        for i in range {
            let y = row(i, into: x)
            for j in 0..<features {
                if j > 0 { out.append(UInt8(ascii: ",")) }
                var text = Float(x[j]).description
                text.withUTF8 { out.append(contentsOf: $0) }
            }
            if labelled {
                var text = labelText(y)
                out.append(UInt8(ascii: ","))
                text.withUTF8 { out.append(contentsOf: $0) }
            }
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
        let rows = shape.rows
        let blockRows = 8192
        let blocks = (rows + blockRows - 1) / blockRows
        // Blocks are formatted in parallel a batch at a time and written in order.
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

    /// The data in memory as a ``Dataset`` cut into the library's default chunks (labels as
    /// numbers: the in-memory benchmarks time numeric kernels only).
    func dataset() throws -> Dataset {
        let rows = shape.rows, features = shape.features
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
