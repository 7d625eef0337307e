// BackendDefaultsTests.swift
//
// A backend that implements no kernel yet: every op fails with PyTorch's dispatcher message
// (`Could not run 'aten::X' with arguments from the 'CUDA' backend.`), captured inside
// `withErrorCapture` and a stop outside it, and `synchronize()` does nothing.

import Testing
import EmberBackend

/// A CUDA backend with memory but no kernels (host memory stands in for the device's).
fileprivate final class EmptyBackend: Backend {
    var kind: Device.Kind { .cuda }
    var deviceCount: Int { 1 }
    func allocator(for device: Device) -> any DeviceAllocator { HostMemory.shared }
}

fileprivate final class HostMemory: DeviceAllocator {
    static let shared = HostMemory()
    func allocate(byteCount: Int) throws(TensorError) -> UnsafeMutableRawPointer {
        .allocate(byteCount: Swift.max(byteCount, 1), alignment: 64)
    }
    func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int) { pointer.deallocate() }
    func stats() -> MemoryStats { MemoryStats(bytesInUse: 0, bytesCached: 0, peakBytesInUse: 0, cacheHits: 0, cacheMisses: 0) }
    func emptyCache() {}
}

/// PyTorch's message for `op` on a backend that lacks it.
private func couldNotRun(_ op: String) -> String {
    "Could not run 'aten::\(op)' with arguments from the 'CUDA' backend. This could be because the operator doesn't exist for this backend, or was omitted during the selective/custom build process (if using custom build)."
}

@Suite struct BackendDefaultsTests {
    private static let backend = EmptyBackend()

    /// Runs `body` against a 4-element float32 buffer of the empty backend and returns the error.
    private static func failure(_ body: (EmptyBackend, StridedBuffer) -> Void) -> TensorError? {
        let storage = try! backend.makeStorage(byteCount: 16, device: .cuda)
        let buffer = StridedBuffer(base: storage.data, layout: Layout(contiguous: [4]), dtype: .float32)
        do {
            try withErrorCapture { withExtendedLifetime(storage) { body(backend, buffer) } }
            return nil
        } catch {
            return error as? TensorError
        }
    }

    /// Calls the kernel PyTorch names `op` on `x`.
    private static func call(_ op: String, _ b: EmptyBackend, _ x: StridedBuffer) {
        switch op {
        case "copy_": b.copy(x, into: x)
        case "fill_.Scalar": b.fill(x, with: 1)
        case "exp": b.unary(.exp, x, into: x)
        case "leaky_relu": b.unary(.leakyRelu(slope: 0.01), x, into: x)
        case "add.Tensor": b.binary(.add, .buffer(x), .scalar(1), into: x)
        case "floor_divide": b.binary(.floorDivide, .buffer(x), .buffer(x), into: x)
        case "sum.IntList_out": b.reduce(.sum, x, into: x)
        case "_softmax": b.softmax(x, dim: 0, log: false, into: x)
        case "cumsum": b.scan(.sum, x, dim: 0, into: x)
        case "count_nonzero": _ = b.countNonzero(x)
        case "cat": b.cat([x], dim: 0, into: x)
        case "sort.stable": b.sort(x, dim: 0, descending: false, values: x, indices: x)
        case "addmm": b.gemm(x, x, into: x, alpha: 1, beta: 0)
        case "uniform_": b.random(.uniform(from: 0, to: 1), into: x, generator: Generator(seed: 0))
        case "randperm": b.random(.permutation, into: x, generator: Generator(seed: 0))
        case "index.Tensor": try? b.index(x, [], into: x)
        default: Issue.record("no call for \(op)")
        }
    }

    @Test(arguments: ["copy_", "fill_.Scalar", "exp", "leaky_relu", "add.Tensor", "floor_divide", "sum.IntList_out",
                      "_softmax", "cumsum", "count_nonzero", "cat", "sort.stable", "addmm", "uniform_", "randperm",
                      "index.Tensor"])
    func missingKernelFails(op: String) {
        let error = Self.failure { b, x in Self.call(op, b, x) }
        #expect(error?.message == couldNotRun(op))
        #expect(error?.kind == .notImplementedError)
    }

    @Test func synchronizeDoesNothing() {
        #expect(Self.failure { b, _ in b.synchronize() } == nil)
    }

    /// Outside an error-capturing scope the failure stops the process with the same message.
    @Test func missingKernelStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let backend = EmptyBackend()
            let storage = try! backend.makeStorage(byteCount: 16, device: .cuda)
            backend.fill(StridedBuffer(base: storage.data, layout: Layout(contiguous: [4]), dtype: .float32), with: 0)
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains(couldNotRun("fill_.Scalar")))
    }
}
