// KernelCompileTests.swift
//
// Every generated CUDA kernel module compiles with NVRTC for sm_80 and sm_90, wherever libnvrtc
// can be loaded (no GPU or driver needed): a template that does not compile fails here, in CI,
// which installs the NVRTC wheel and points EMBER_CUDA_PATH at it (.ci/run).

import Testing
@testable import EmberCUDA
import EmberBackend

/// Why NVRTC cannot be used here, or `nil` when it loads.
let nvrtcUnavailable: String? = {
    if case .failure(let failure) = CUDALibraries.nvrtc { return failure.reason }
    return nil
}()

@Suite struct KernelCompileTests {
    static let modules = KernelSources.allModules
    static let architectures = ["sm_80", "sm_90"]

    /// Each module's source, compiled by NVRTC; its CUBIN is not empty. (Skipped where NVRTC does
    /// not load; the skip names the reason.)
    @Test(.enabled(if: nvrtcUnavailable == nil, "NVRTC is not available: \(nvrtcUnavailable ?? "")"),
          arguments: modules.map(\.name), architectures)
    func moduleCompiles(_ name: String, _ architecture: String) throws {
        guard case .success(let nvrtc) = CUDALibraries.nvrtc,
              let module = Self.modules.first(where: { $0.name == name }) else {
            Issue.record("no module \(name)")
            return
        }
        do {
            let cubin = try KernelCompiler.compile(module, architecture: architecture, nvrtc: nvrtc)
            #expect(cubin.count > 0)
            // An ELF file: "\x7fELF".
            #expect(Array(cubin.prefix(4)) == [0x7f, 0x45, 0x4c, 0x46])
        } catch {
            Issue.record("\(error)")
        }
    }
}
