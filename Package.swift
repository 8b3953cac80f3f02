// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "mlfit",
    products: [
        .library(name: "MLFit", targets: ["MLFit"]),
        .executable(name: "mlfit", targets: ["mlfit"]),
    ],
    // `swift build --traits MPI` (scripts/build-mpi) builds mlfit for `mpirun`; the default
    // build, `import MLFit` and the tests need no MPI.
    traits: [
        .trait(name: "MPI", description: "Run fits across processes under MPI (Open MPI or MPICH, pkg-config 'mpi-c')."),
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
        // C kernels chosen at run time by CPUID: e^x and log x over arrays (glibc's libmvec
        // with AVX2), a block's centred column squares, software prefetch.
        .target(
            name: "CVectorMath",
            linkerSettings: [.linkedLibrary("mvec", .when(platforms: [.linux])), .linkedLibrary("m")]
        ),
        // MPI (trait `MPI` only), reached only through MLDistributed.
        .systemLibrary(
            name: "CMPI",
            pkgConfig: "mpi-c",
            providers: [.apt(["libopenmpi-dev"])]
        ),

        // Library layers, lowest first. A layer imports only the layers above it in this list.
        .target(name: "MLNumerics", dependencies: ["CBLAS", "CLAPACKE", "CMalloc", "CVectorMath"]),
        .target(name: "MLEngine", dependencies: ["MLNumerics"]),
        .target(name: "MLData", dependencies: ["MLNumerics", "MLEngine"]),
        .target(name: "MLModels", dependencies: ["MLNumerics", "MLEngine", "MLData"]),
        .target(name: "MLFit", dependencies: ["MLNumerics", "MLEngine", "MLData", "MLModels"]),
        // The MPI communicator: empty unless built with the trait `MPI`, so the default build
        // needs no MPI installed.
        .target(
            name: "MLDistributed",
            dependencies: ["MLEngine", .target(name: "CMPI", condition: .when(traits: ["MPI"]))]
        ),

        .executableTarget(
            name: "mlfit",
            dependencies: [
                "MLFit",
                .target(name: "MLDistributed", condition: .when(traits: ["MPI"])),
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
