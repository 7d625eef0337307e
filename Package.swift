// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Ember",
    products: [
        .library(name: "Ember", targets: ["Ember"]),
        .executable(name: "ember-bench", targets: ["EmberBench"]),
        .executable(name: "ember-examples", targets: ["EmberExamplesCLI"]),
        .executable(name: "ember-cuda-check", targets: ["EmberCUDACheck"]),
    ],
    dependencies: [
        // `swift package generate-documentation` for the DocC catalog (Sources/Ember/Ember.docc).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
        // OrderedDictionary for module state (`stateDict()`).
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        // The command line of `ember-examples`.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Generators for the error-scope fuzz test (EmberRobustnessTests).
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        // The zip archives of NumPy's `.npz` files (EmberIO); it links Debian's zlib (zlib1g-dev).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // OpenBLAS from Debian's libopenblas-dev (cblas.h), found through pkg-config.
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // SLEEF, the vectorized math library of PyTorch's CPU kernels, from Debian's libsleef-dev.
        .systemLibrary(
            name: "CSleef",
            pkgConfig: "sleef",
            providers: [.apt(["libsleef-dev"])]
        ),
        // AVX2/FMA and AVX-512 kernels chosen at run time (per-function target attributes, no
        // compiler flags), SLEEF's vector functions among them.
        .target(name: "CEmberSIMD", dependencies: ["CSleef"]),
        // The intra-op thread pool: spinning workers, in C for its atomics and pause instruction.
        .target(name: "CEmberThreads"),
        // What every backend shares: the Backend protocol, its op families, and the value types
        // (DType, Device, Dims, Layout, Storage, TensorError, Generator).
        .target(name: "EmberBackend"),
        // The CPU backend: kernels, allocator, thread pool bindings, BLAS and random-number kernels.
        // Later backends (CUDA) are peers of this target.
        .target(name: "EmberCPU", dependencies: ["EmberBackend", "COpenBLAS", "CSleef", "CEmberSIMD", "CEmberThreads"]),
        // The CUDA backend: the driver, NVRTC and cuBLAS opened with dlopen at first use (nothing
        // CUDA is linked at build time), kernels generated as CUDA C and compiled with NVRTC.
        .target(name: "EmberCUDA", dependencies: ["EmberBackend"]),
        // Tensor, the operator front end, autograd, printing.
        .target(name: "EmberCore", dependencies: ["EmberBackend", "EmberCPU", "EmberCUDA"]),
        // Neural-network modules and layers (torch.nn), above the core.
        .target(name: "EmberNN", dependencies: ["EmberCore", .product(name: "OrderedCollections", package: "swift-collections")]),
        // Optimizers (torch.optim), above the core.
        .target(name: "EmberOptim", dependencies: ["EmberCore"]),
        // Data loading (torch.utils.data) and the training progress bar, above the core.
        .target(name: "EmberData", dependencies: ["EmberCore"]),
        // Checkpoint files: safetensors (memory-mapped reads, atomic writes) and NumPy's .npy/.npz.
        .target(name: "EmberIO", dependencies: [
            "EmberCore", "EmberNN", "EmberOptim",
            .product(name: "OrderedCollections", package: "swift-collections"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        // The one import users need.
        .target(name: "Ember", dependencies: ["EmberCore", "EmberNN", "EmberOptim", "EmberData", "EmberIO"]),
        // PyTorch's "Learning PyTorch with Examples" tutorials ported line by line, as functions.
        .target(name: "EmberExamples", dependencies: ["Ember"],
                // The 8x8 digits of `ember-examples digits` (Scripts/make-digits.py; CC BY 4.0) and
                // the text of `ember-examples charlm` (Scripts/make-charlm-text.py; Ember's own sources).
                resources: [.copy("Resources/digits.u8"), .copy("Resources/charlm.txt")]),
        // `ember-examples`: runs the examples from the command line.
        .executableTarget(name: "EmberExamplesCLI", dependencies: [
            "EmberExamples", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // `ember-cuda-check`: every CUDA kernel against the CPU backend, and the seed network and
        // the digits CNN trained on both, on a machine with a GPU.
        .executableTarget(name: "EmberCUDACheck",
                          dependencies: ["EmberBackend", "EmberCPU", "EmberCUDA", "Ember", "EmberExamples"]),
        .executableTarget(name: "EmberBench", dependencies: ["Ember", "EmberCPU"], path: "Benchmarks/EmberBench"),
        // Shared helpers for the front end's tests.
        .target(name: "EmberTestSupport", dependencies: ["Ember", "EmberBackendTestSupport"], path: "Tests/EmberTestSupport"),
        // Shared helpers for the backend tests, which do not link the front end.
        .target(name: "EmberBackendTestSupport", dependencies: ["EmberBackend", "EmberCPU"],
                path: "Tests/EmberBackendTestSupport"),
        .testTarget(name: "EmberBackendTests",
                    dependencies: ["EmberBackend", "EmberCPU", "EmberBackendTestSupport"]),
        // The CUDA loader and kernel sources (every kernel compiled with NVRTC where it loads);
        // the tests that need a GPU run only where one exists.
        .testTarget(name: "EmberCUDATests", dependencies: ["EmberCUDA", "EmberBackend", "EmberTestSupport"]),
        .testTarget(name: "EmberCoreTests", dependencies: ["EmberCore", "EmberCPU", "EmberTestSupport"]),
        .testTarget(name: "EmberNNTests", dependencies: ["EmberNN", "EmberTestSupport"]),
        .testTarget(name: "EmberOptimTests", dependencies: ["EmberOptim", "EmberTestSupport"]),
        .testTarget(name: "EmberDataTests", dependencies: ["EmberData", "EmberTestSupport"]),
        // Round trips, hostile files, and fixtures that PyTorch, safetensors and NumPy wrote
        // (made by Scripts/make-io-fixtures.py).
        .testTarget(name: "EmberIOTests", dependencies: ["EmberIO", "EmberTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "EmberExamplesTests", dependencies: ["EmberExamples", "EmberTestSupport"]),
        // Random and extreme arguments thrown at every public op inside `withErrorCapture`.
        .testTarget(name: "EmberRobustnessTests", dependencies: [
            "Ember", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
