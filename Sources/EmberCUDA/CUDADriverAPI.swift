#if canImport(Glibc)
import Glibc
#endif

// MARK: - The CUDA driver API (libcuda.so.1)

// The few C types of cuda.h that Ember uses, declared here so that no CUDA header is needed to
// build: handles are opaque pointers, `CUdeviceptr` is a 64-bit integer, results are `int32`.

/// `CUresult`: 0 is `CUDA_SUCCESS`.
package typealias CUresult = Int32
/// `CUdeviceptr`, a device address.
package typealias CUdeviceptr = UInt64
/// `CUcontext`, `CUstream`, `CUmodule`, `CUfunction`: opaque handles.
package typealias CUhandle = OpaquePointer

/// The driver API's functions that Ember calls, resolved with `dlsym` (the `_v2` entry points
/// where the driver has them, as cuda.h's macros would pick).
package struct CUDADriverAPI: @unchecked Sendable {
    package typealias Status = @convention(c) () -> CUresult
    package let library: OpenedLibrary
    package let cuInit: @convention(c) (UInt32) -> CUresult
    package let cuDriverGetVersion: @convention(c) (UnsafeMutablePointer<Int32>) -> CUresult
    package let cuDeviceGetCount: @convention(c) (UnsafeMutablePointer<Int32>) -> CUresult
    package let cuDeviceGet: @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> CUresult
    package let cuDeviceGetAttribute: @convention(c) (UnsafeMutablePointer<Int32>, Int32, Int32) -> CUresult
    package let cuDeviceGetName: @convention(c) (UnsafeMutablePointer<CChar>, Int32, Int32) -> CUresult
    package let cuDevicePrimaryCtxRetain: @convention(c) (UnsafeMutablePointer<CUhandle?>, Int32) -> CUresult
    package let cuCtxSetCurrent: @convention(c) (CUhandle?) -> CUresult
    package let cuCtxSynchronize: Status
    package let cuStreamCreate: @convention(c) (UnsafeMutablePointer<CUhandle?>, UInt32) -> CUresult
    package let cuStreamSynchronize: @convention(c) (CUhandle?) -> CUresult
    package let cuMemAlloc: @convention(c) (UnsafeMutablePointer<CUdeviceptr>, Int) -> CUresult
    package let cuMemFree: @convention(c) (CUdeviceptr) -> CUresult
    package let cuMemAllocHost: @convention(c) (UnsafeMutablePointer<UnsafeMutableRawPointer?>, Int) -> CUresult
    package let cuMemFreeHost: @convention(c) (UnsafeMutableRawPointer?) -> CUresult
    package let cuMemGetInfo: @convention(c) (UnsafeMutablePointer<Int>, UnsafeMutablePointer<Int>) -> CUresult
    package let cuMemcpyHtoDAsync: @convention(c) (CUdeviceptr, UnsafeRawPointer?, Int, CUhandle?) -> CUresult
    package let cuMemcpyDtoHAsync: @convention(c) (UnsafeMutableRawPointer?, CUdeviceptr, Int, CUhandle?) -> CUresult
    package let cuMemcpyDtoDAsync: @convention(c) (CUdeviceptr, CUdeviceptr, Int, CUhandle?) -> CUresult
    package let cuModuleLoadData: @convention(c) (UnsafeMutablePointer<CUhandle?>, UnsafeRawPointer?) -> CUresult
    package let cuModuleGetFunction: @convention(c) (UnsafeMutablePointer<CUhandle?>, CUhandle?, UnsafePointer<CChar>) -> CUresult
    package let cuLaunchKernel: @convention(c) (
        CUhandle?, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, CUhandle?,
        UnsafeMutablePointer<UnsafeMutableRawPointer?>?, UnsafeMutablePointer<UnsafeMutableRawPointer?>?
    ) -> CUresult
    package let cuGetErrorString: @convention(c) (CUresult, UnsafeMutablePointer<UnsafePointer<CChar>?>) -> CUresult

    /// Resolves every function of `library`.
    package init(_ library: OpenedLibrary) throws(CUDALoadFailure) {
        self.library = library
        cuInit = try library.function("cuInit")
        cuDriverGetVersion = try library.function("cuDriverGetVersion")
        cuDeviceGetCount = try library.function("cuDeviceGetCount")
        cuDeviceGet = try library.function("cuDeviceGet")
        cuDeviceGetAttribute = try library.function("cuDeviceGetAttribute")
        cuDeviceGetName = try library.function("cuDeviceGetName")
        cuDevicePrimaryCtxRetain = try library.function("cuDevicePrimaryCtxRetain")
        cuCtxSetCurrent = try library.function("cuCtxSetCurrent")
        cuCtxSynchronize = try library.function("cuCtxSynchronize")
        cuStreamCreate = try library.function("cuStreamCreate")
        cuStreamSynchronize = try library.function("cuStreamSynchronize")
        cuMemAlloc = try library.function("cuMemAlloc_v2")
        cuMemFree = try library.function("cuMemFree_v2")
        cuMemAllocHost = try library.function("cuMemAllocHost_v2")
        cuMemFreeHost = try library.function("cuMemFreeHost")
        cuMemGetInfo = try library.function("cuMemGetInfo_v2")
        cuMemcpyHtoDAsync = try library.function("cuMemcpyHtoDAsync_v2")
        cuMemcpyDtoHAsync = try library.function("cuMemcpyDtoHAsync_v2")
        cuMemcpyDtoDAsync = try library.function("cuMemcpyDtoDAsync_v2")
        cuModuleLoadData = try library.function("cuModuleLoadData")
        cuModuleGetFunction = try library.function("cuModuleGetFunction")
        cuLaunchKernel = try library.function("cuLaunchKernel")
        cuGetErrorString = try library.function("cuGetErrorString")
    }

    /// `cuDeviceGetAttribute`'s numbers for the compute capability.
    package static let computeCapabilityMajor: Int32 = 75
    package static let computeCapabilityMinor: Int32 = 76

    /// The driver's name and description of a result (`CUDA_ERROR_OUT_OF_MEMORY` prints as PyTorch's "out of memory").
    package func message(_ result: CUresult) -> String {
        var text: UnsafePointer<CChar>?
        if cuGetErrorString(result, &text) == 0, let text { return String(cString: text) }
        return "unknown error \(result)"
    }

    /// Stops with PyTorch's "CUDA error: ..." when `result` is not success.
    package func check(_ result: CUresult, _ what: @autoclosure () -> String = "") {
        guard result != 0 else { return }
        fatalError("CUDA error: \(message(result))\(what().isEmpty ? "" : " (\(what()))")")
    }
}

// MARK: - Loading

/// The CUDA libraries of this process, each opened at most once (see Note [CUDA library search]).
package enum CUDALibraries {
    /// The driver API, initialized (`cuInit(0)` succeeded), or why not.
    package static let driver: Result<CUDADriverAPI, CUDALoadFailure> = {
        let opened = CUDALibrarySearch.open(CUDALibrarySearch.driverNames)
        return opened.flatMap { library in
            do throws(CUDALoadFailure) {
                let api = try CUDADriverAPI(library)
                let result = api.cuInit(0)
                guard result == 0 else {
                    return .failure(CUDALoadFailure("cuInit failed: \(api.message(result))"))
                }
                return .success(api)
            } catch {
                return .failure(error)
            }
        }
    }()

    /// NVRTC, or why not.
    package static let nvrtc: Result<NVRTCAPI, CUDALoadFailure> = {
        CUDALibrarySearch.open(CUDALibrarySearch.nvrtcNames).flatMap { library in
            Result { () throws(CUDALoadFailure) in try NVRTCAPI(library) }
        }
    }()

    /// cuBLAS (with cuBLASLt opened first), or why not.
    package static let cublas: Result<CUBLASAPI, CUDALoadFailure> = {
        // cuBLAS finds cuBLASLt by its soname once it is loaded; a failure here is reported by
        // cuBLAS's own dlopen below.
        _ = CUDALibrarySearch.open(CUDALibrarySearch.cublasLtNames)
        return CUDALibrarySearch.open(CUDALibrarySearch.cublasNames).flatMap { library in
            Result { () throws(CUDALoadFailure) in try CUBLASAPI(library) }
        }
    }()

    /// The number of CUDA devices: 0 without a driver (`torch.cuda.device_count()`).
    package static let deviceCount: Int = {
        guard case .success(let api) = driver else { return 0 }
        var count: Int32 = 0
        return api.cuDeviceGetCount(&count) == 0 ? Int(count) : 0
    }()

    /// Why CUDA cannot be used, or `nil` when a driver and a device exist.
    package static var unavailableReason: String? {
        switch driver {
        case .failure(let failure): failure.reason
        case .success: deviceCount == 0 ? "the CUDA driver reports no device" : nil
        }
    }
}
