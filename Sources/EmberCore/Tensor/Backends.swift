import EmberCPU
import EmberCUDA

// MARK: - Backends

/// Where the front end finds a device's kernels: the one place that knows the CPU backend by name.
///
/// Every op reaches its kernels through `Tensor.backend` (or `Backends.backend(for:)` for a new
/// tensor), which returns the backend of the tensor's own device and nothing else. The few hot
/// paths that skip the `any Backend` dispatch for CPU tensors (see Note [CPU fast paths]) take
/// `Backends.cpu`, so they are easy to find.
package enum Backends {
    // Note [CPU fast paths]
    // A call through `any Backend` costs a witness-table dispatch and an existential box for its
    // operands; for a 4-element `add` or an autograd step that is a measurable part of the op
    // (`add_small`, `autograd_small` in Benchmarks). The same-shape binary loops and the copy of
    // one tensor into another therefore call the CPU backend directly, after checking that every
    // operand is on the CPU. Nothing else may name `CPUBackend`.

    /// The CPU backend, for the fast paths of Note [CPU fast paths].
    @inlinable package static var cpu: CPUBackend { CPUBackend.shared }

    /// The backend for a device kind, if it is loaded (the first question about CUDA loads it).
    package static func backend(for kind: Device.Kind) -> (any Backend)? {
        if kind == .cpu { return CPUBackend.shared }
        _ = cudaLoaded
        return BackendRegistry.backend(for: kind)
    }

    /// Registers the CUDA backend where a driver and a device exist; runs once, on the first
    /// question about CUDA (Swift runs a static's initializer once, thread-safely). A backend
    /// registered before that (a test's stand-in) is kept. See Note [CUDA library search].
    private static let cudaLoaded: Bool = {
        guard BackendRegistry.backend(for: .cuda) == nil, case .success(let backend) = CUDABackend.load() else {
            return false
        }
        BackendRegistry.register(backend)
        return true
    }()

    /// The backend for a device, or PyTorch's error when it cannot be used.
    package static func backend(for device: Device) throws(TensorError) -> any Backend {
        if device.kind == .cpu { return CPUBackend.shared }
        guard let backend = backend(for: device.kind) else {
            throw TensorError.runtime(
                "Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed a driver from http://www.nvidia.com/Download/index.aspx"
            )
        }
        guard device.index < backend.deviceCount else {
            throw TensorError.runtime(
                "CUDA error: invalid device ordinal (device \(device.index) requested, \(backend.deviceCount) available)")
        }
        return backend
    }
}

// MARK: - CPU

/// The instruction set the CPU kernels use: `"AVX512"`, `"AVX2"` or `"DEFAULT"`
/// (`torch.backends.cpu.get_cpu_capability()`).
///
/// It is what the processor supports, lowered by the environment variable
/// `EMBER_CPU_CAPABILITY` (`default`, `avx2` or `avx512`, as PyTorch's `ATEN_CPU_CAPABILITY`),
/// which is read once, before the first kernel runs.
public func cpuCapability() -> String {
    CPUFeatures.capability.name
}

/// The number of threads the CPU kernels split work across (`torch.get_num_threads()`): the
/// number of cores, or `EMBER_NUM_THREADS` where it is set.
public func numThreads() -> Int {
    Parallel.threadCount
}

/// Sets the number of threads the CPU kernels split work across (`torch.set_num_threads(n)`);
/// a value below 1 stands for 1. Call it between operations, not while another thread runs one.
public func setNumThreads(_ count: Int) {
    Parallel.threadCount = count
}

// MARK: - CUDA

extension Device {
    /// Whether tensors can be placed on this device now (`torch.cuda.is_available()` for CUDA):
    /// for CUDA, whether a driver and a device with this index exist. The first question about
    /// CUDA loads its libraries (see the CUDA article of Ember's documentation).
    public var isAvailable: Bool {
        switch kind {
        case .cpu: true
        case .cuda: Backends.backend(for: .cuda).map { index < $0.deviceCount } ?? false
        }
    }
}

/// The number of CUDA devices: 0 where there is no driver or no device
/// (`torch.cuda.device_count()`).
public func cudaDeviceCount() -> Int {
    Backends.backend(for: .cuda)?.deviceCount ?? 0
}

/// Waits until every kernel queued on the CUDA devices has finished
/// (`torch.cuda.synchronize()`); PyTorch's "Found no NVIDIA driver" error where CUDA cannot be used.
public func cudaSynchronize() {
    attemptVoid { try Backends.backend(for: Device.cuda).synchronize() }
}

// MARK: - Memory statistics

/// Memory figures for a device's allocator (`torch.cuda.memory_stats()` analogue; CPU by default).
public func memoryStats(device: Device = .cpu) -> MemoryStats {
    Backends.backend(for: device.kind)?.allocator(for: device).stats()
        ?? MemoryStats(bytesInUse: 0, bytesCached: 0, peakBytesInUse: 0, cacheHits: 0, cacheMisses: 0)
}

/// Releases the cached blocks of a device's allocator to the system (`torch.cuda.empty_cache()`).
public func emptyCache(device: Device = .cpu) {
    Backends.backend(for: device.kind)?.allocator(for: device).emptyCache()
}
