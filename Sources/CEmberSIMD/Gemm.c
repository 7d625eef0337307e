#include "CEmberSIMD.h"

// Note [The float32 product kernel]
//
// C (m x n, row stride ldc, unit column stride) = alpha * A @ B + beta * C, with A and B read
// through any strides, on one thread. Blocked as BLIS (Van Zee and van de Geijn, "BLIS: A
// Framework for Rapidly Instantiating BLAS Functionality") and OpenBLAS block it:
//
// - k in blocks of KC; B's KC x NC block packed into panels NR columns wide (one panel, 16 or
//   32 KiB, stays in L1 while every row panel of A passes it);
// - A's rows in blocks of MC;
// - a register tile of C: with AVX2, 6 x 16, 12 ymm accumulators, two loads of B and six
//   broadcasts of A feeding 12 FMAs per step of k, which keeps both FMA pipes of a Zen 3 or
//   Haswell-class core busy; with AVX-512, 12 x 32, 24 zmm accumulators fed by two loads and
//   twelve broadcasts (BLIS's Skylake-X kernel, transposed: 32 x 12 on column-major C). The
//   last rows of a matrix go to a tile of two thirds or one third the height when they fit.
//
// A whose rows are contiguous is read in place rather than packed: the tile broadcasts MR
// streams of single floats, each cache line serving 16 steps of k, which the prefetchers follow
// as well as a packed panel, and packing A costs 10-25% of a product up to 256^3 (measured on a
// Xeon with AVX-512, one thread: 128^3 at 157-166 GFLOP/s in place against 120 packed; 64^3 to
// 1024^3 no worse). B is read in place when it is at most 128 x 128 with contiguous rows and NR
// divides its width: it sits in L1 or L2 anyway. Edge tiles (fewer rows or columns than the
// tile) are computed from zero-padded panels, or with the last row repeated when A is read in
// place, and only their valid part is stored.
//
// The kernel is written once, for any vector width, in GemmTemplate.h, and instantiated here for
// AVX2 and for AVX-512; Swift picks one by the CPU's features.
//
// With beta == 0, C is written without being read (NaN in C does not leak into the result), as
// BLAS and PyTorch specify. Summation order within a dot product is k ascending, in float, per
// block of KC; blocks are added to C in float.

// Note [Convolutions without unfolding]
//
// A convolution is the product of its weight [Co, C * K] with the unfolded input [C * K, L] of
// each image (Note [Convolution as unfold and matrix products]), but unfolding first writes K
// times the input to memory and the product then reads it back to pack it: a ResNet block's 16 x
// 64 x 32 x 32 input unfolds to 38 MB, more than the L3 cache, twice a step. ember_simd_sconv
// packs B's panels from the image instead (gemm_pack_b_windows in GemmTemplate.h): the same
// panels, so the same tiles, blocking and summation order as ember_simd_sgemm on the unfolded
// matrix, bit for bit; only the memory traffic goes. A panel's row is a run of output positions
// of one kernel element, which reads one input row shifted (a 16-float or 32-float copy when the
// run is inside it); output rows under 16 wide make runs short, and there the unfold's map of
// Note [Window maps for small planes] is faster, so the caller unfolds (`directConvolution`).
// The input gradient of a stride-1 convolution is itself such a convolution (of the output
// gradient with the weight flipped and transposed), so it skips the unfolded matrix and the fold
// too, and so does a stride-1 transposed convolution, which computes the same thing.
// `conv2d_resnet_block` on a 2-core Zen 4 guest: 31 ms a step before, 24-25 after.

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#include <math.h>

// MARK: - AVX2 and FMA: 6 x 16 tiles of ymm

#define GEMM_SUFFIX avx2
#define GEMM_TARGET "avx2,fma"
#define GEMM_MR 6
#define GEMM_NR 16
// Blocking, shared by both instances (MC a multiple of both tile heights, NC of both widths).
#define GEMM_KC 256
#define GEMM_MC 144
#define GEMM_NC 3072
#define GEMM_B_IN_PLACE (128 * 128)
#define VEC __m256
#define VW 8
#define V_ZERO() _mm256_setzero_ps()
#define V_LOAD(p) _mm256_loadu_ps(p)
#define V_STORE(p, v) _mm256_storeu_ps(p, v)
#define V_SET1(x) _mm256_set1_ps(x)
#define V_FMA(a, b, c) _mm256_fmadd_ps(a, b, c)
#define V_MUL(a, b) _mm256_mul_ps(a, b)
#include "GemmTemplate.h"
#undef GEMM_SUFFIX
#undef GEMM_TARGET
#undef GEMM_MR
#undef GEMM_NR
#undef VEC
#undef VW
#undef V_ZERO
#undef V_LOAD
#undef V_STORE
#undef V_SET1
#undef V_FMA
#undef V_MUL

// MARK: - AVX-512: 12 x 32 tiles of zmm

#define GEMM_SUFFIX avx512
#define GEMM_TARGET "avx512f,avx512dq,avx512bw,avx512vl,avx2,fma"
#define GEMM_MR 12
#define GEMM_NR 32
#define VEC __m512
#define VW 16
#define V_ZERO() _mm512_setzero_ps()
#define V_LOAD(p) _mm512_loadu_ps(p)
#define V_STORE(p, v) _mm512_storeu_ps(p, v)
#define V_SET1(x) _mm512_set1_ps(x)
#define V_FMA(a, b, c) _mm512_fmadd_ps(a, b, c)
#define V_MUL(a, b) _mm512_mul_ps(a, b)
#include "GemmTemplate.h"

#else

size_t ember_simd_sgemm_workspace_avx2(size_t m, size_t n, size_t k, ptrdiff_t acs, ptrdiff_t bcs) { return 0; }
size_t ember_simd_sgemm_workspace_avx512(size_t m, size_t n, size_t k, ptrdiff_t acs, ptrdiff_t bcs) { return 0; }

void ember_simd_sgemm_avx2(size_t m, size_t n, size_t k, float alpha, const float *a, ptrdiff_t ars, ptrdiff_t acs,
                           const float *b, ptrdiff_t brs, ptrdiff_t bcs, float beta, float *c, ptrdiff_t ldc,
                           float *workspace) {
    __builtin_trap();
}

void ember_simd_sgemm_avx512(size_t m, size_t n, size_t k, float alpha, const float *a, ptrdiff_t ars,
                             ptrdiff_t acs, const float *b, ptrdiff_t brs, ptrdiff_t bcs, float beta, float *c,
                             ptrdiff_t ldc, float *workspace) {
    __builtin_trap();
}

#define EMBER_NO_PANELS(SUFFIX)                                                                     \
    size_t ember_simd_sgemm_panels_floats_##SUFFIX(size_t k, size_t n) { return 0; }               \
    void ember_simd_sgemm_pack_panels_##SUFFIX(size_t k, size_t n, const float *b, ptrdiff_t brs,  \
                                               ptrdiff_t bcs, float *panels) { __builtin_trap(); } \
    size_t ember_simd_sgemm_panels_workspace_##SUFFIX(size_t m, size_t k, ptrdiff_t acs) { return 0; } \
    void ember_simd_sgemm_panels_##SUFFIX(size_t m, size_t n, size_t k, float alpha, const float *a, \
                                          ptrdiff_t ars, ptrdiff_t acs, const float *panels,       \
                                          float beta, float *c, ptrdiff_t ldc, float *workspace) { \
        __builtin_trap();                                                                           \
    }
EMBER_NO_PANELS(avx2)
EMBER_NO_PANELS(avx512)

size_t ember_simd_sconv_workspace_avx2(size_t n, size_t k) { return 0; }
size_t ember_simd_sconv_workspace_avx512(size_t n, size_t k) { return 0; }

void ember_simd_sconv_avx2(size_t m, size_t n, size_t k, const float *a, ptrdiff_t ars, const float *x,
                           const ember_window *w, size_t jBegin, float beta, float *c, ptrdiff_t ldc,
                           float *workspace) {
    __builtin_trap();
}

void ember_simd_sconv_avx512(size_t m, size_t n, size_t k, const float *a, ptrdiff_t ars, const float *x,
                             const ember_window *w, size_t jBegin, float beta, float *c, ptrdiff_t ldc,
                             float *workspace) {
    __builtin_trap();
}

#endif
