// Micro-benchmarks of mlfit's hot kernels, so that a regression in one shows up on its own:
// CSV parsing, the Gram pass, the QR pass and the tree reduction of chunk statistics.
// (GEMM distances and histograms come with k-means and trees.) Run from Benchmarks/:
//     swift package --allow-writing-to-package-directory benchmark
import Benchmark
import Foundation
import MLFit

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(2), maxIterations: 100)

    // The data are built once, outside the measured parts; a failure here is reported as a
    // failed benchmark instead of a crash.
    let rows = 100_000, features = 50
    let data: Dataset
    let csvPath: String
    do {
        data = try KernelData.dataset(rows: rows, features: features)
        csvPath = try KernelData.csvFile(rows: 20_000, features: features)
    } catch {
        Benchmark("setup failed: \(error)") { _ in }
        return
    }
    let single = ExecutionOptions(threads: 1)

    Benchmark("CSV parse, 20k × 50, 1 thread",
              configuration: .init(scalingFactor: .one)) { benchmark in
        var options = CSVOptions()
        options.label = "y"
        for _ in benchmark.scaledIterations {
            let source = try CSVSource(path: csvPath, options: options)
            blackHole(try source.pass(options: single, shape: 0) { RowCount(rows: $0.rowCount) })
        }
    }

    for form in [LeastSquaresStatistics.Form.gram, .triangular] {
        let name = form == .gram ? "Gram pass (.gram)" : "QR pass (.triangular)"
        Benchmark("\(name), 100k × 50, 1 thread") { benchmark in
            let shape = LeastSquaresStatistics.Shape(featureCount: features, form: form)
            for _ in benchmark.scaledIterations {
                blackHole(try data.pass(options: single, shape: shape) { try LeastSquaresStatistics(chunk: $0, form: form) })
            }
        }
    }

    // The merge tree alone: 256 chunk statistics computed beforehand, then reduced.
    for form in [LeastSquaresStatistics.Form.gram, .triangular] {
        let shape = LeastSquaresStatistics.Shape(featureCount: features, form: form)
        let leaves: [LeastSquaresStatistics]
        do {
            leaves = try data.rechunked(into: 256).chunks.map { try LeastSquaresStatistics(chunk: $0, form: form) }
        } catch {
            continue
        }
        Benchmark("tree reduction of 256 \(form == .gram ? "Gram" : "QR") statistics, p = 50") { benchmark in
            for _ in benchmark.scaledIterations {
                let reducer = TreeReducer<LeastSquaresStatistics>(shape: shape)
                for (i, leaf) in leaves.enumerated() { try reducer.add(leaf, index: i) }
                blackHole(try reducer.result())
            }
        }
    }
}

/// Counts rows: the trivial statistics that leave parsing alone in a pass.
struct RowCount: PartialStatistics {
    var rows = 0
    init(zeroFor shape: Int) {}
    init(rows: Int) { self.rows = rows }
    mutating func merge(_ other: RowCount) { rows += other.rows }
}
