import Foundation
import MLFit

/// A tree level's histogram pass against the machine's streaming memory bandwidth, on the
/// binary task in memory (`n × p`, labels as the classes `0`, `1`).
///
/// The histogram kernel (`NodeHistogramStatistics`, over the binned rows) is internal to the
/// library, so this times public fits of `DecisionTreeClassifier` on a loaded `Dataset`:
///
/// - `maxDepth: 1` — the candidate sample pass, the binning pass and one histogram pass over
///   the root (then its split): a one-level fit from memory, binning included;
/// - `maxDepth: 10` minus `maxDepth: 1`, divided by 9 — the mean of levels 2 to 10 (the
///   benchmark case's depth; one level alone is within the timing noise): every row routed to
///   its node, then the histograms of the smaller child of each split (its rows' bin reads,
///   each adding a class weight and a count; the larger child is its parent's histogram minus
///   the smaller's, exact for unweighted classes), and the split search of the level's nodes.
///
/// Rates are rows × features per second per core. A level reads each row's `p` bins (one byte
/// each up to 256 bins), its node (4 bytes) and its label (8 bytes): its GB/s of those reads
/// is set against the streaming bandwidth measured in the same run (``KernelBenchmarks``).
enum TreeKernelBenchmarks {
    struct Results {
        var table: Table
        /// `tree level GB/s` by threads, for the limits table.
        var rates: [String: [Int: Double]] = [:]
    }

    static func run(
        rows n: Int, features p: Int, seed: UInt64, repeats: Int, bandwidth: [Int: Double], maxBins: Int = 32
    ) throws -> Results {
        log("kernels: generating \(n) × \(p) binary classification in memory for the tree level")
        let data = try classes(ClassificationData(DataShape(rows: n, features: p, seed: seed), classes: 2).dataset())
        var table = Table(
            "Tree level pass: \(n) × \(p) binary classification in memory, \(maxBins) bins, against memory bandwidth",
            ["kernel", "threads", "seconds", "M rows × features / s", "per core", "bytes read GB/s", "vs bandwidth"])
        var rates: [String: [Int: Double]] = [:]
        let cells = Double(n) * Double(p)
        let levelBytes = Double(n) * Double((maxBins <= 256 ? 1 : 2) * p + 4 + 8)
        var passes: [Int: Int] = [:]
        for threads in [1, 2] {
            let options = ExecutionOptions(threads: threads)
            func fitSeconds(depth: Int) throws -> Double {
                let estimator = DecisionTreeClassifier(maxDepth: depth, maxBins: maxBins)
                return try best(repeats) {
                    let model = try estimator.fit(data, options: options)
                    passes[depth] = model.summary.levelPasses
                    consume(model)
                }
            }
            let one = try fitSeconds(depth: 1), deep = try fitSeconds(depth: Self.deepDepth)
            let level = (deep - one) / Double(Self.deepDepth - 1)
            table.add(["one-level fit (`maxDepth: 1`: sample, binning, root histograms)", "\(threads)", fmt(one, 4),
                       fmt(cells / one / 1e6, 0), fmt(cells / one / 1e6 / Double(threads), 0), "", ""])
            guard level > 0 else {
                table.add([Self.levelName, "\(threads)", fmt(level, 4), "", "", "", "within noise"])
                continue
            }
            let gb = levelBytes / level / 1e9
            rates["tree level GB/s", default: [:]][threads] = gb
            table.add([Self.levelName, "\(threads)", fmt(level, 4), fmt(cells / level / 1e6, 0), fmt(cells / level / 1e6 / Double(threads), 0),
                       fmt(gb, 2), bandwidth[threads].map { fmt(gb / $0, 2) } ?? ""])
        }
        table.notes = [
            "The histogram kernel is internal to the library, so these are public `DecisionTreeClassifier` fits on a "
                + "loaded `Dataset` (level passes: \(passes[1] ?? 0) at `maxDepth: 1`, \(passes[Self.deepDepth] ?? 0) at "
                + "`maxDepth: \(Self.deepDepth)`). Best of \(repeats) after a warm-up; a level is the difference of the two "
                + "bests divided by the \(Self.deepDepth - 1) levels between them.",
            "Bytes read per level: n·(p bins + 4 node + 8 label), an upper bound: with histogram subtraction only the "
                + "smaller child's rows are added (the larger child is parent − sibling). `vs bandwidth` divides by "
                + "the streaming sum's GB/s (Machine references, same run) at the same thread count. Histogram adds hit a small per-node table "
                + "(p × bins × 3 doubles), so the level is bound by the adds, not by memory, when the fraction is low.",
            "1-minute load average at the end: \(loadAverage()).",
        ]
        return Results(table: table, rates: rates)
    }

    /// The deeper fit whose extra levels are averaged: the benchmark case's depth.
    static let deepDepth = 10
    static let levelName =
        "mean level, 2 to \(deepDepth) ((`maxDepth: \(deepDepth)` − `maxDepth: 1`) / \(deepDepth - 1): route, smaller children's histograms)"

    /// The same rows with the numeric labels 0 and 1 as the classes `0`, `1` (checked once
    /// here, so that no fit spends a pass on it).
    static func classes(_ data: Dataset) throws -> Dataset {
        var schema = data.schema
        schema.labelKind = .categorical(levels: ["0", "1"])
        return try Dataset(schema: schema, chunks: data.chunks)
    }
}
