// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "mlfit",
    products: [
        .library(name: "MLFit", targets: ["MLFit"]),
        .executable(name: "mlfit", targets: ["mlfit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C libraries, reached only through MLNumerics.
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .systemLibrary(
            name: "CLAPACKE",
            pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev"])]
        ),

        .systemLibrary(name: "CMalloc"),

        // Library layers, lowest first. A layer imports only the layers above it in this list.
        .target(name: "MLNumerics", dependencies: ["CBLAS", "CLAPACKE", "CMalloc"]),
        .target(name: "MLEngine", dependencies: ["MLNumerics"]),
        .target(name: "MLData", dependencies: ["MLNumerics", "MLEngine"]),
        .target(name: "MLModels", dependencies: ["MLNumerics", "MLEngine", "MLData"]),
        .target(name: "MLFit", dependencies: ["MLNumerics", "MLEngine", "MLData", "MLModels"]),

        .executableTarget(
            name: "mlfit",
            dependencies: [
                "MLFit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(name: "MLNumericsTests", dependencies: ["MLNumerics"]),
        .testTarget(name: "MLEngineTests", dependencies: ["MLEngine"]),
        .testTarget(name: "MLDataTests", dependencies: ["MLData"]),
        .testTarget(name: "MLModelsTests", dependencies: ["MLModels"]),
        .testTarget(name: "MLFitTests", dependencies: ["MLFit"]),
        // Snapshots/ holds the expected --help texts, read by the tests from the source tree.
        .testTarget(name: "CLITests", dependencies: ["mlfit"], exclude: ["Snapshots"]),
    ]
)
