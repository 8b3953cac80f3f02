import ArgumentParser
import Foundation
import MLFit

struct All: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate data, run every benchmark, and write the Markdown report and its SVG charts.")
    @OptionGroup var shapeOptions: ShapeOptions
    @Option(help: "Where the generated CSV files go.")
    var dataDirectory = "/tmp/mlfit-benchmarks"
    @Option(help: "The larger file for the memory check has this many times the rows.")
    var memoryScale: Int = 4
    @Option(help: "Timed repetitions of the in-process benchmarks.")
    var repeats: Int = 3
    @Option(help: "Write the report (Markdown) to this file, e.g. ../docs/benchmarks.md; the charts go to benchmarks/ beside it.")
    var markdown: String?
    @Flag(help: "Regenerate the CSV files even when they exist.")
    var regenerate = false
    @Flag(help: "Skip the scaling series.")
    var noScaling = false
    @OptionGroup var sizes: ScalingOptions
    @OptionGroup var runner: RunnerOptions
    @OptionGroup var cases: CaseOptions

    func run() throws {
        let loadBefore = loadAverage()
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let threads = runner.threads
        let shape = shapeOptions.shape
        var bigShape = shape
        bigShape.rows = shape.rows * max(1, memoryScale)
        let benchmarks = try CaseName.allCases.map { try cases.make($0) }

        // Each task's file once, however many cases read it; the larger one only for a memory check.
        var generation = Table("Data generation (`generate`)", ["file", "rows", "MB", "seconds", "MB/s"])
        var generated: Set<String> = []
        for benchmark in benchmarks {
            let task = benchmark.task
            let caseShape = benchmark.dataShape(shape), caseBig = benchmark.dataShape(bigShape)
            let shapes = benchmark.memoryCheck != nil && memoryScale > 1 ? [caseShape, caseBig] : [caseShape]
            for s in shapes {
                let path = task.path(s, in: dataDirectory)
                guard generated.insert(path).inserted else { continue }
                if regenerate || fileSize(path) == nil {
                    log("generating \(path)")
                    let (bytes, seconds) = try task.write(s, to: path, threads: threads)
                    generation.add([path, "\(s.rows)", fmt(Double(bytes) / 1e6, 1), fmt(seconds, 2),
                                    fmt(Double(bytes) / 1e6 / seconds, 0)])
                } else {
                    generation.add([path, "\(s.rows)", fmt(Double(fileSize(path) ?? 0) / 1e6, 1), "(existing)", ""])
                }
            }
        }
        generation.notes = ["\(threads) formatting threads; values rounded to Float and written in shortest round-trip form."]
        generation.print()

        // The library's kernels, CSV parsing and scaling series run on the regression data.
        let regressionFile = GeneratorTask.regression.path(shape, in: dataDirectory)
        var kernels = try KernelBenchmarks.run(rows: shape.rows, features: shape.features, seed: shape.seed, repeats: repeats)
        let logisticKernels = try LogisticKernelBenchmarks.run(
            rows: shape.rows, features: shape.features, seed: shape.seed, repeats: repeats)
        kernels.tables.append(logisticKernels.table)
        kernels.rates.merge(logisticKernels.rates) { _, new in new }
        let kmeansKernels = try KMeansKernelBenchmarks.run(
            rows: shape.rows, features: shape.features, seed: shape.seed, repeats: repeats)
        kernels.tables.append(kmeansKernels.table)
        kernels.rates.merge(kmeansKernels.rates) { _, new in new }
        let treeKernels = try TreeKernelBenchmarks.run(
            rows: shape.rows, features: shape.features, seed: shape.seed, repeats: repeats,
            bandwidth: kernels.rates["bandwidth"] ?? [:], maxBins: cases.tree.treeMaxBins)
        kernels.tables.append(treeKernels.table)
        kernels.rates.merge(treeKernels.rates) { _, new in new }
        for t in kernels.tables { t.print() }
        let csv = try CSVBenchmarks.run(
            file: regressionFile, label: GeneratorTask.regression.labelColumn,
            threadCounts: threads > 1 ? [1, threads] : [1], repeats: repeats, regParam: cases.linear.regParam)
        for t in csv.tables { t.print() }
        var compared: [CaseResults] = []
        for benchmark in benchmarks {
            let file = benchmark.task.path(benchmark.dataShape(shape), in: dataDirectory)
            let big = benchmark.task.path(benchmark.dataShape(bigShape), in: dataDirectory)
            let setup = try runner.setup(
                file: file, label: benchmark.task.labelColumn, libraries: benchmark.pythonLibraries)
            var results = try CompareRunner.run(benchmark, setup, memoryFiles: memoryScale > 1 ? [file, big] : [file])
            results.shape = benchmark.dataShape(shape)
            for t in results.tables { t.print() }
            compared.append(results)
        }
        var scaling: ScalingResults?
        if !noScaling {
            let setup = try runner.setup(file: regressionFile, label: GeneratorTask.regression.labelColumn)
            let s = try ScalingBenchmarks.run(
                try sizes.setup(runner: setup, settings: cases.linear.settings, seed: shape.seed, dataDirectory: dataDirectory))
            for t in s.tables { t.print() }
            scaling = s
        }

        guard let markdown else { return }
        let folder = URL(fileURLWithPath: markdown).deletingLastPathComponent()
        let chartFolder = folder.appendingPathComponent("benchmarks")
        try FileManager.default.createDirectory(at: chartFolder, withIntermediateDirectories: true)
        var charts: [(String, String)] = []
        func save(_ svg: String, _ file: String, _ caption: String) throws {
            try svg.write(to: chartFolder.appendingPathComponent(file), atomically: true, encoding: .utf8)
            charts.append(("benchmarks/" + file, caption))
        }
        let items = compared.flatMap(\.ratios).map { (label: "\($0.group) vs \($0.peer)", values: [
            (series: "whole process", value: $0.whole), (series: "fit in memory", value: $0.fit),
        ]) }
        if !items.isEmpty {
            try save(SVGChart.bars(title: "mlfit time ÷ peer time (below 1: mlfit faster)", axis: "mlfit ÷ peer (log scale)", items: items),
                     "speed-ratios.svg", "mlfit ÷ peer time per model and peer")
        }
        if let scaling, !scaling.series.isEmpty {
            try save(SVGChart.lines(title: "Ridge, p = 10: seconds against rows",
                                    xAxis: "rows", yAxis: "seconds", series: scaling.series),
                     "time-vs-rows.svg", "seconds against rows (log-log), mlfit and peers")
        }
        let command = CommandLine.arguments.dropFirst().joined(separator: " ")
        let report = Report(
            command: "swift run -c release mlfit-benchmarks " + command, shape: shape, threads: threads,
            generation: generation, kernels: kernels, csv: csv, cases: compared,
            scaling: scaling, charts: charts, loadBefore: loadBefore)
        try report.text.write(toFile: markdown, atomically: true, encoding: .utf8)
        log("wrote \(markdown) and \(charts.count) charts in \(chartFolder.path)")
    }
}
