// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Ember",
    products: [
        .library(name: "Ember", targets: ["Ember"]),
        .executable(name: "ember-bench", targets: ["EmberBench"]),
    ],
    targets: [
        // OpenBLAS from Debian's libopenblas-dev (cblas.h), found through pkg-config.
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // AVX2/FMA kernels chosen at run time (per-function target attributes, no compiler flags).
        .target(name: "CEmberSIMD"),
        // The intra-op thread pool: spinning workers, in C for its atomics and pause instruction.
        .target(name: "CEmberThreads"),
        // Value types (DType, Device, Layout), storage, allocators, the Backend protocol and the CPU kernels.
        .target(name: "EmberBackend", dependencies: ["COpenBLAS", "CEmberSIMD", "CEmberThreads"]),
        // Tensor, the operator front end, autograd, printing.
        .target(name: "EmberCore", dependencies: ["EmberBackend"]),
        // The one import users need.
        .target(name: "Ember", dependencies: ["EmberCore"]),
        .executableTarget(name: "EmberBench", dependencies: ["Ember"], path: "Benchmarks/EmberBench"),
        // Shared helpers for the test targets.
        .target(name: "EmberTestSupport", dependencies: ["Ember"], path: "Tests/EmberTestSupport"),
        .testTarget(name: "EmberBackendTests", dependencies: ["EmberBackend", "EmberTestSupport"]),
        .testTarget(name: "EmberCoreTests", dependencies: ["EmberCore", "EmberTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
