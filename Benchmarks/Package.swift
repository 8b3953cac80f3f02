// swift-tools-version:6.1
// The benchmark suite: its own package, so that benchmark-only dependencies never reach
// the library's users. Build with `swift build -c release` in this folder.
import PackageDescription

let package = Package(
    name: "mlfit-benchmarks",
    products: [
        .executable(name: "mlfit-benchmarks", targets: ["MLFitBenchmarks"]),
    ],
    dependencies: [
        .package(name: "mlfit", path: ".."),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .executableTarget(
            name: "MLFitBenchmarks",
            dependencies: [
                .product(name: "MLFit", package: "mlfit"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
    ]
)
