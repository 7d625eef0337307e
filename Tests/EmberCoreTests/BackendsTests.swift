// BackendsTests.swift
//
// How the front end finds a device's backend: the CPU's always, another device's only when it is
// loaded (PyTorch's messages otherwise), and the memory figures of a device without a backend.

import Testing
@testable import EmberCore
import EmberTestSupport

@Suite struct BackendsTests {
    @Test func cpuBackend() throws {
        let backend = try Backends.backend(for: Device.cpu)
        #expect(backend.kind == .cpu)
        #expect(backend.deviceCount == 1)
        #expect(Backends.backend(for: Device.Kind.cpu)?.kind == .cpu)
    }

    /// Moving to CUDA without a driver: PyTorch's message.
    @Test func cudaWithoutDriver() {
        guard Backends.backend(for: Device.Kind.cuda) == nil else { return }  // only where no CUDA backend is loaded
        let error = #expect(throws: TensorError.self) { try Backends.backend(for: Device.cuda) }
        #expect(error?.message
                == "Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed a driver from http://www.nvidia.com/Download/index.aspx")
        // torch.cuda.memory_stats() of a device with nothing allocated: all zeros.
        let stats = memoryStats(device: .cuda)
        #expect(stats.bytesInUse == 0 && stats.bytesCached == 0 && stats.peakBytesInUse == 0)
        #expect(stats.cacheHits == 0 && stats.cacheMisses == 0)
    }
}
