import EmberBackend
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

// MARK: - CUDA devices

/// One CUDA device: its primary context, its one stream, its allocator and its loaded kernels.
/// Unverified on a GPU (see the CUDA article).
package final class CUDADevice: @unchecked Sendable {
    let api: CUDADriverAPI
    /// The device ordinal.
    package let index: Int
    /// `sm_XY` of the device's compute capability: what NVRTC compiles for.
    package let architecture: String
    let context: CUhandle?
    /// The device's one stream: every kernel, copy and cuBLAS call of the device is queued here.
    let stream: CUhandle?
    /// The device's caching allocator.
    package private(set) lazy var allocator = CUDAAllocator(device: self)
    private let functions = Mutex<[String: UInt]>([:])  // CUfunction handles as integers (Sendable)
    private let staging = Mutex<UnsafeMutableRawPointer?>(nil)
    /// The size of the pinned buffer that large host copies go through.
    static let stagingBytes = 8 << 20

    init(api: CUDADriverAPI, index: Int) throws(CUDALoadFailure) {
        self.api = api
        self.index = index
        var device: Int32 = 0, major: Int32 = 0, minor: Int32 = 0
        var context: CUhandle?, stream: CUhandle?
        for (what, result) in [
            ("cuDeviceGet", api.cuDeviceGet(&device, Int32(index))),
            ("cuDeviceGetAttribute", api.cuDeviceGetAttribute(&major, CUDADriverAPI.computeCapabilityMajor, device)),
            ("cuDeviceGetAttribute", api.cuDeviceGetAttribute(&minor, CUDADriverAPI.computeCapabilityMinor, device)),
            ("cuDevicePrimaryCtxRetain", api.cuDevicePrimaryCtxRetain(&context, device)),
        ] where result != 0 {
            throw CUDALoadFailure("\(what) failed for device \(index): \(api.message(result))")
        }
        self.context = context
        _ = api.cuCtxSetCurrent(context)
        let created = api.cuStreamCreate(&stream, 1)  // CU_STREAM_NON_BLOCKING
        guard created == 0 else { throw CUDALoadFailure("cuStreamCreate failed: \(api.message(created))") }
        self.stream = stream
        architecture = "sm_\(major)\(minor)"
    }

    /// Runs `body` with this device's context current on the calling thread.
    func withContext<R>(_ body: () -> R) -> R {
        _ = api.cuCtxSetCurrent(context)
        return body()
    }

    /// Waits for the device's stream.
    package func synchronize() {
        withContext { api.check(api.cuStreamSynchronize(stream), "cuStreamSynchronize") }
    }

    /// The kernel `name` of `module`, compiled (or found in the cache) and loaded on first use.
    func function(_ name: String, in module: @autoclosure () -> KernelModule) -> CUhandle {
        if let loaded = functions.withLock({ $0[name] }) { return CUhandle(bitPattern: loaded)! }
        let module = module()
        guard case .success(let nvrtc) = CUDALibraries.nvrtc else {
            fatalError("CUDA kernels need NVRTC: \(CUDALibraries.unavailableNVRTCReason)")
        }
        let cubin: [UInt8]
        do {
            cubin = try KernelCache.shared.binary(for: module, architecture: architecture, nvrtc: nvrtc)
        } catch {
            fatalError("Ember internal error: \(error)")
        }
        return withContext {
            var handle: CUhandle?
            api.check(cubin.withUnsafeBytes { api.cuModuleLoadData(&handle, $0.baseAddress) }, "cuModuleLoadData \(module.name)")
            var loaded: [String: UInt] = [:]
            for kernel in module.kernels {
                var function: CUhandle?
                api.check(api.cuModuleGetFunction(&function, handle, kernel), "cuModuleGetFunction \(kernel)")
                loaded[kernel] = UInt(bitPattern: function)
            }
            let entry = loaded[name]!
            functions.withLock { $0.merge(loaded) { old, _ in old } }
            return CUhandle(bitPattern: entry)!
        }
    }

    /// Queues `kernel` over `count` elements (grid-stride, at most 65,536 blocks) with its
    /// arguments, each given as the 64-bit words of its C value.
    func launch(_ kernel: CUhandle, count: Int, blocks: Int? = nil, _ arguments: [[UInt64]]) {
        let threads = KernelSources.blockSize
        let grid = blocks ?? min(max((count + threads - 1) / threads, 1), 65_536)
        let storage = arguments.map { words -> UnsafeMutableRawPointer in
            let pointer = UnsafeMutableRawPointer.allocate(byteCount: words.count * 8, alignment: 8)
            words.withUnsafeBytes { pointer.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            return pointer
        }
        defer { storage.forEach { $0.deallocate() } }
        var parameters: [UnsafeMutableRawPointer?] = storage
        withContext {
            api.check(api.cuLaunchKernel(kernel, UInt32(grid), 1, 1, UInt32(threads), 1, 1, 0, stream, &parameters, nil),
                      "cuLaunchKernel")
        }
    }

    /// Copies host memory to the device: large copies go through a pinned staging buffer in
    /// chunks, small ones straight from the caller's memory.
    func copyFromHost(_ source: UnsafeRawPointer, to destination: CUdeviceptr, byteCount: Int) {
        staged(byteCount, direct: {
            api.check(api.cuMemcpyHtoDAsync(destination, source, byteCount, stream), "cuMemcpyHtoDAsync")
        }, chunk: { pinned, done, n in
            pinned.copyMemory(from: source + done, byteCount: n)
            api.check(api.cuMemcpyHtoDAsync(destination + CUdeviceptr(done), pinned, n, stream), "cuMemcpyHtoDAsync")
        }, after: { _, _, _ in })
    }

    /// Copies device memory to the host after the queued work, through the pinned staging buffer
    /// when large.
    func copyToHost(_ source: CUdeviceptr, to destination: UnsafeMutableRawPointer, byteCount: Int) {
        staged(byteCount, direct: {
            api.check(api.cuMemcpyDtoHAsync(destination, source, byteCount, stream), "cuMemcpyDtoHAsync")
        }, chunk: { pinned, done, n in
            api.check(api.cuMemcpyDtoHAsync(pinned, source + CUdeviceptr(done), n, stream), "cuMemcpyDtoHAsync")
        }, after: { pinned, done, n in
            (destination + done).copyMemory(from: pinned, byteCount: n)
        })
    }

    /// One host-device copy in this device's context, each step followed by a stream
    /// synchronization: `direct` for a copy under 1 MiB (or without a pinned buffer), else
    /// `chunk` and then `after` for each staging-buffer-sized piece (pinned buffer, offset, bytes).
    private func staged(_ byteCount: Int, direct: () -> Void,
                        chunk: (UnsafeMutableRawPointer, Int, Int) -> Void,
                        after: (UnsafeMutableRawPointer, Int, Int) -> Void) {
        withContext {
            guard byteCount >= 1 << 20, let pinned = pinnedBuffer() else {
                direct()
                api.check(api.cuStreamSynchronize(stream), "cuStreamSynchronize")
                return
            }
            var done = 0
            while done < byteCount {
                let n = min(CUDADevice.stagingBytes, byteCount - done)
                chunk(pinned, done, n)
                api.check(api.cuStreamSynchronize(stream), "cuStreamSynchronize")
                after(pinned, done, n)
                done += n
            }
        }
    }

    /// The device's pinned staging buffer, allocated on first use (`nil` if pinned memory is refused).
    private func pinnedBuffer() -> UnsafeMutableRawPointer? {
        staging.withLock { buffer in
            if buffer == nil {
                var pointer: UnsafeMutableRawPointer?
                if api.cuMemAllocHost(&pointer, CUDADevice.stagingBytes) == 0 { buffer = pointer }
            }
            return buffer
        }
    }
}

// MARK: - Backend

/// The CUDA backend: kernels generated as CUDA C and compiled with NVRTC (see Note [CUDA kernel
/// templates]), matrix products through cuBLAS, memory through a caching allocator per device.
///
/// Registered by the front end the first time a CUDA device is asked for, where a driver and a
/// device exist (`CUDABackend.load()`). Unverified on a GPU (see the CUDA article): the NVRTC
/// compile of every kernel is tested without one, the launches are not.
package final class CUDABackend: Backend, @unchecked Sendable {
    /// The devices, by ordinal.
    package let devices: [CUDADevice]

    private init(devices: [CUDADevice]) { self.devices = devices }

    /// The backend of this machine's CUDA devices, or why there is none.
    package static func load() -> Result<CUDABackend, CUDALoadFailure> {
        switch CUDALibraries.driver {
        case .failure(let failure): return .failure(failure)
        case .success(let api):
            guard CUDALibraries.deviceCount > 0 else { return .failure(CUDALoadFailure("the CUDA driver reports no device")) }
            do throws(CUDALoadFailure) {
                let devices = try (0..<CUDALibraries.deviceCount).map { i throws(CUDALoadFailure) in
                    try CUDADevice(api: api, index: i)
                }
                return .success(CUDABackend(devices: devices))
            } catch {
                return .failure(error)
            }
        }
    }

    package var kind: Device.Kind { .cuda }
    package var deviceCount: Int { devices.count }
    package func allocator(for device: Device) -> any DeviceAllocator { devices[device.index].allocator }

    /// The device holding `pointer` (with one device, that one; with several, the one whose
    /// allocator handed it out).
    func device(of pointer: UnsafeRawPointer) -> CUDADevice {
        devices.count == 1 ? devices[0] : devices.first { $0.allocator.owns(pointer) } ?? devices[0]
    }

    package func copyFromHost(_ source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer, byteCount: Int) {
        guard byteCount > 0 else { return }
        device(of: destination).copyFromHost(source, to: CUdeviceptr(UInt(bitPattern: destination)), byteCount: byteCount)
    }

    package func copyToHost(_ source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer, byteCount: Int) {
        guard byteCount > 0 else { return }
        device(of: source).copyToHost(CUdeviceptr(UInt(bitPattern: source)), to: destination, byteCount: byteCount)
    }

    /// Waits for every device's stream (`torch.cuda.synchronize()`).
    package func synchronize() {
        for device in devices { device.synchronize() }
    }
}

extension CUDALibraries {
    /// Why NVRTC cannot be used, for messages.
    static var unavailableNVRTCReason: String {
        if case .failure(let failure) = nvrtc { return failure.reason }
        return "NVRTC loaded"
    }
}
