// KernelHostTests.swift
//
// The host side of the CUDA kernels that runs without a GPU: the indexer's dim merging, the
// parameters' conversion to the kernel's dtype, and the disk cache of compiled modules.

import Testing
@testable import EmberCUDA
import EmberBackend
#if canImport(Glibc)
import Glibc
#endif

@Suite struct KernelHostTests {
    /// A contiguous [2, 3, 4] merges into one dim of 24; a transposed [3, 4] view keeps two.
    @Test func indexerMergesDims() throws {
        let words = try #require(KernelIndexer.words([2, 3, 4], [[12, 4, 1], [12, 4, 1]]))
        #expect(words[0] == 1 && words[1] == 24)
        #expect(words[1 + 8] == 1 && words[1 + 16] == 1)
        let transposed = try #require(KernelIndexer.words([3, 4], [[1, 3], [4, 1]]))
        #expect(transposed[0] == 2 && Array(transposed[1...2]) == [3, 4])
        #expect(Array(transposed[9...10]) == [1, 3] && Array(transposed[17...18]) == [4, 1])
        // Size-1 dims are dropped; a broadcast operand keeps stride 0.
        let broadcast = try #require(KernelIndexer.words([1, 5], [[0, 0], [5, 1]]))
        #expect(broadcast[0] == 1 && broadcast[1] == 5 && broadcast[9] == 0 && broadcast[17] == 1)
        // Nine dims that cannot merge do not fit.
        let shape: Dims = [2, 2, 2, 2, 2, 2, 2, 2, 2]
        let strides: Dims = [1, 2, 4, 8, 16, 32, 64, 128, 256]
        #expect(KernelIndexer.words(shape, [strides]) == nil)
    }

    /// Parameters hold the value converted to the kernel's dtype (NaN to int32 is Int32.min, as on the CPU).
    @Test func parametersConvert() {
        var p = KernelParameters()
        p.set(0, .float(0.1), as: .float32)
        #expect(p.f[0] == Double(Float(0.1)))
        p.set(1, .float(.nan), as: .int32)
        #expect(p.i[1] == Int64(Int32.min))
        p.set(2, .float(-2.7), as: .int64)
        #expect(p.i[2] == -2)
        p.set(3, .int(5), as: .bool)
        #expect(p.i[3] == 1)
        let clamp = KernelSources.unaryParameters(.clamp(min: nil, max: 3), .int32)
        #expect(clamp.i[0] == Int64(Int32.min) && clamp.i[1] == 3)
    }

    /// A compiled module is written to the cache directory and read back by a fresh cache.
    @Test(.enabled(if: nvrtcUnavailable == nil, "NVRTC is not available: \(nvrtcUnavailable ?? "")"))
    func diskCache() throws {
        guard case .success(let nvrtc) = CUDALibraries.nvrtc else { return }
        let directory = "/tmp/ember-kernel-cache-test-\(getpid())/nested"
        let module = KernelSources.fillModule
        let first = try KernelCache(directory: directory).binary(for: module, architecture: "sm_80", nvrtc: nvrtc)
        let path = directory + "/" + KernelCache.fileName(module, architecture: "sm_80", version: nvrtc.version)
        #expect(access(path, F_OK) == 0)
        let stored = try #require(KernelCache.read(path))
        #expect(stored == first)
        let second = KernelCache(directory: directory)
        #expect(!second.isInMemory(module, architecture: "sm_80", nvrtc: nvrtc))
        #expect(try second.binary(for: module, architecture: "sm_80", nvrtc: nvrtc) == first)
        unlink(path)
        rmdir(directory)
        rmdir("/tmp/ember-kernel-cache-test-\(getpid())")
    }
}
