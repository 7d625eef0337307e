// CUDAAvailabilityTests.swift
//
// CUDA where there is none: PyTorch 2.15 (a CUDA build) on a machine without a driver says
//
//     torch.cuda.is_available()     # False
//     torch.cuda.device_count()     # 0
//     torch.ones(2).to('cuda')      # RuntimeError: Found no NVIDIA driver on your system. Please check that you
//                                   # have an NVIDIA GPU and installed a driver from http://www.nvidia.com/Download/index.aspx
//     torch.cuda.synchronize()      # the same error
//
// These tests run only where CUDA cannot be used (the skip says why not); the loader's reason is
// checked too. The NVRTC search is tested where a Python wheel holds libnvrtc.

import Testing
import Ember
@testable import EmberCUDA
import EmberTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Why CUDA cannot be used here, or `nil` where a driver and a device exist.
let cudaUnavailableReason = CUDALibraries.unavailableReason

let noDriverMessage =
    "Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed a driver from http://www.nvidia.com/Download/index.aspx"

@Suite struct CUDAAvailabilityTests {
    @Test(.enabled(if: cudaUnavailableReason != nil, "this machine has a CUDA device"))
    func noDevice() {
        #expect(!Device.cuda.isAvailable)
        #expect(!Device.cuda(1).isAvailable)
        #expect(Device.cpu.isAvailable)
        #expect(cudaDeviceCount() == 0)
        #expect(CUDALibraries.deviceCount == 0)
    }

    /// `to(.cuda)` and `cudaSynchronize()` fail with PyTorch's message, inside the capture scope.
    @Test(.enabled(if: cudaUnavailableReason != nil, "this machine has a CUDA device"))
    func moveToCUDAFails() {
        expectTensorError(.runtimeError, noDriverMessage) { _ = Tensor.ones([2]).to(.cuda) }
        expectTensorError(.runtimeError, noDriverMessage) { _ = Tensor.ones([2], device: .cuda) }
        expectTensorError(.runtimeError, noDriverMessage) { cudaSynchronize() }
    }

    /// Without libcuda.so.1, the loader says so (the reason skip messages carry).
    @Test(.enabled(if: dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL) == nil, "libcuda.so.1 loads here"))
    func loaderReportsMissingDriver() throws {
        guard case .failure(let failure) = CUDALibraries.driver else {
            Issue.record("the driver loaded without libcuda.so.1")
            return
        }
        #expect(failure.reason.hasPrefix("libcuda.so.1 could not be loaded"))
        #expect(failure.reason.contains("EMBER_CUDA_PATH"))
        #expect(cudaUnavailableReason == failure.reason)
    }

    /// A name that exists nowhere: the failure names it and the places searched.
    @Test func missingLibraryReason() {
        guard case .failure(let failure) = CUDALibrarySearch.open(["libember-no-such-library.so.1"]) else {
            Issue.record("opened a library that does not exist")
            return
        }
        #expect(failure.reason.hasPrefix("libember-no-such-library.so.1 could not be loaded ("))
    }
}

/// The lib folder of a PyTorch wheel on this machine holding libnvrtc, if any.
let wheelNVRTCDirectory: String? = CUDALibrarySearch.pythonWheelDirectories().first {
    access($0 + "/libnvrtc.so.13", F_OK) == 0 || access($0 + "/libnvrtc.so.12", F_OK) == 0
}

@Suite struct CUDALibrarySearchTests {
    /// The wheel search finds NVIDIA's `site-packages/nvidia/*/lib` folders, and NVRTC loads
    /// from one of them (or from EMBER_CUDA_PATH, which comes first).
    @Test(.enabled(if: wheelNVRTCDirectory != nil || getenv("EMBER_CUDA_PATH") != nil,
                   "no NVIDIA Python wheel with libnvrtc here and EMBER_CUDA_PATH is not set"))
    func nvrtcLoadsFromSearchPath() throws {
        guard case .success(let nvrtc) = CUDALibraries.nvrtc else {
            Issue.record("NVRTC did not load: \(CUDALibraries.unavailableNVRTCReason)")
            return
        }
        #expect(nvrtc.library.path.contains("libnvrtc.so"))
        let version = nvrtc.version
        #expect(version.major >= 12)
        // EMBER_CUDA_PATH comes first (CI points it at the NVRTC wheel it installs).
        if let directory = CUDALibrarySearch.environmentDirectories().first(where: {
            access($0 + "/libnvrtc.so.13", F_OK) == 0 || access($0 + "/libnvrtc.so.12", F_OK) == 0
        }) {
            #expect(nvrtc.library.path.hasPrefix(directory + "/"))
        } else if let wheelNVRTCDirectory {
            #expect(nvrtc.library.path.hasPrefix(wheelNVRTCDirectory + "/") || !nvrtc.library.path.contains("/"))
        }
    }

    /// EMBER_CUDA_PATH splits on colons and drops empty entries.
    @Test func environmentDirectories() async {
        await #expect(processExitsWith: .success) {
            setenv("EMBER_CUDA_PATH", "/a/lib::/b/lib:", 1)
            guard CUDALibrarySearch.environmentDirectories() == ["/a/lib", "/b/lib"] else { fatalError("wrong split") }
        }
    }
}
