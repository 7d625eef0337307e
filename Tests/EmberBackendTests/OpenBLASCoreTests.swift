// OpenBLASCoreTests.swift
//
// OpenBLAS's kernels after Ember's first product (see Note [OpenBLAS on CPUs newer than itself]): never
// a pre-AVX2 fallback on a CPU with AVX2, unless the user forced one with OPENBLAS_CORETYPE.

import Glibc
import Testing
@testable import EmberCPU
@testable import EmberBackend

@Suite("OpenBLAS core")
struct OpenBLASCoreTests {
    @Test(.enabled(if: CPUFeatures.avx2FMA && getenv("OPENBLAS_CORETYPE") == nil))
    func noFallbackOnAVX2() {
        _ = BLASThreads.singleThreaded
        #expect(!OpenBLASCore.preAVX2.contains(OpenBLASCore.current.lowercased()), "\(OpenBLASCore.current)")
    }

}
