import EmberBackend
import CEmberSIMD

// MARK: - CPU features

/// What the CPU can run beyond the baseline x86-64 that Swift code is compiled for; kernels in
/// `CEmberSIMD` that need more are chosen by these flags at run time.
@usableFromInline
enum CPUFeatures {
    /// AVX2 and FMA, with the operating system saving YMM state.
    @usableFromInline static let avx2FMA: Bool = ember_simd_has_avx2_fma() != 0

    /// AVX-512 F, DQ, BW and VL, with the operating system saving ZMM state: 0 without, 1 with,
    /// 2 with AVX512_BF16 as well.
    @usableFromInline static let avx512Level: Int = Int(ember_simd_avx512_level())
}
