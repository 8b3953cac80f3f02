// swift-tools-version:6.1
// The benchmark suite: its own package, so that benchmark-only dependencies (package-benchmark,
// argument parser) never reach the library's users. Build with `swift build -c release` in
// this folder; the micro-benchmarks run with
// `swift package --allow-writing-to-package-directory benchmark`.
import PackageDescription

let package = Package(
    name: "mlfit-benchmarks",
    products: [
        .executable(name: "mlfit-benchmarks", targets: ["MLFitBenchmarks"]),
    ],
    dependencies: [
        .package(name: "mlfit", path: ".."),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Only the malloc interposer (allocation counts), not the ARC runtime interposer.
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "MLFitBenchmarks",
            dependencies: [
                .product(name: "MLFit", package: "mlfit"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Micro-benchmarks of the hot kernels (package-benchmark discovers targets under Benchmarks/).
        .executableTarget(
            name: "MLFitKernels",
            dependencies: [
                .product(name: "MLFit", package: "mlfit"),
                .product(name: "Benchmark", package: "package-benchmark"),
            ],
            path: "Benchmarks/MLFitKernels",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ]
)
