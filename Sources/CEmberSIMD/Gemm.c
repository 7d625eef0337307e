#include "CEmberSIMD.h"

// Note: the float32 product kernel.
//
// C (m x n, row stride ldc, unit column stride) = alpha * A @ B + beta * C, with A and B read
// through any strides, on one thread. Blocked as BLIS (Van Zee and van de Geijn, "BLIS: A
// Framework for Rapidly Instantiating BLAS Functionality") and OpenBLAS block it:
//
// - k in blocks of KC; B's KC x NC block packed into panels NR columns wide (one panel, 16 KiB,
//   stays in L1 while every row panel of A passes it);
// - A's rows in blocks of MC, packed into panels MR rows tall (a 144 x 256 block, 144 KiB, stays
//   in L2);
// - a 6 x 16 register tile: 12 ymm accumulators, two loads of B and six broadcasts of A feeding
//   12 FMAs per step of k, which keeps both FMA pipes of a Zen 3 or Haswell-class core busy.
//
// Operands of at most 64 x 64 whose rows are contiguous are read in place, without packing: they
// sit in L1 anyway, and for a 64^3 product packing would cost a tenth of the time. Edge tiles
// (fewer than 6 rows or 16 columns) are computed whole from zero-padded panels, or with the last
// row repeated when A is read in place, and only their valid part is stored.
//
// With beta == 0, C is written without being read (NaN in C does not leak into the result), as
// BLAS and PyTorch specify. Summation order within a dot product is k ascending, in float, per
// block of KC; blocks are added to C in float.

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#include <math.h>

enum { MR = 6, NR = 16, KC = 256, MC = 144, NC = 3072, IN_PLACE = 64 * 64 };

typedef struct {
    int aInPlace, bInPlace;
    size_t aFloats, bFloats;
} GemmPlan;

static GemmPlan gemm_plan(size_t m, size_t n, size_t k, ptrdiff_t acs, ptrdiff_t bcs) {
    GemmPlan p;
    p.aInPlace = acs == 1 && m * k <= IN_PLACE;
    p.bInPlace = bcs == 1 && k * n <= IN_PLACE && n % NR == 0;
    const size_t kc = k < KC ? k : KC, nc = n < NC ? n : NC, mc = m < MC ? m : MC;
    p.bFloats = p.bInPlace ? 0 : kc * ((nc + NR - 1) / NR * NR);
    p.aFloats = p.aInPlace ? 0 : kc * ((mc + MR - 1) / MR * MR);
    return p;
}

size_t ember_simd_sgemm_workspace(size_t m, size_t n, size_t k, ptrdiff_t acs, ptrdiff_t bcs) {
    const GemmPlan p = gemm_plan(m, n, k, acs, bcs);
    return p.aFloats + p.bFloats;
}

// One 6 x 16 tile of C from kc steps: a(r, q) at a[r * ars + q * acs] for r < rows (rows past
// `rows` repeat the last one), b(q, 0..<16) at b[q * brs]. Stores the top-left mr x nr of
// alpha * acc + beta * C.
__attribute__((target("avx2,fma"), always_inline)) static inline void
gemm_tile(size_t kc, const float *a, ptrdiff_t ars, ptrdiff_t acs, size_t rows, const float *b, ptrdiff_t brs,
          float alpha, float beta, float *c, ptrdiff_t ldc, size_t mr, size_t nr) {
    __m256 c00 = _mm256_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
    __m256 c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
    const ptrdiff_t o1 = (rows > 1 ? 1 : 0) * ars, o2 = (rows > 2 ? 2 : rows - 1) * ars;
    const ptrdiff_t o3 = (rows > 3 ? 3 : rows - 1) * ars, o4 = (rows > 4 ? 4 : rows - 1) * ars;
    const ptrdiff_t o5 = (rows > 5 ? 5 : rows - 1) * ars;
    for (size_t q = 0; q < kc; q++) {
        const __m256 b0 = _mm256_loadu_ps(b), b1 = _mm256_loadu_ps(b + 8);
        __m256 x = _mm256_broadcast_ss(a);
        c00 = _mm256_fmadd_ps(x, b0, c00);
        c01 = _mm256_fmadd_ps(x, b1, c01);
        x = _mm256_broadcast_ss(a + o1);
        c10 = _mm256_fmadd_ps(x, b0, c10);
        c11 = _mm256_fmadd_ps(x, b1, c11);
        x = _mm256_broadcast_ss(a + o2);
        c20 = _mm256_fmadd_ps(x, b0, c20);
        c21 = _mm256_fmadd_ps(x, b1, c21);
        x = _mm256_broadcast_ss(a + o3);
        c30 = _mm256_fmadd_ps(x, b0, c30);
        c31 = _mm256_fmadd_ps(x, b1, c31);
        x = _mm256_broadcast_ss(a + o4);
        c40 = _mm256_fmadd_ps(x, b0, c40);
        c41 = _mm256_fmadd_ps(x, b1, c41);
        x = _mm256_broadcast_ss(a + o5);
        c50 = _mm256_fmadd_ps(x, b0, c50);
        c51 = _mm256_fmadd_ps(x, b1, c51);
        a += acs;
        b += brs;
    }
    const __m256 acc[MR][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}, {c40, c41}, {c50, c51}};
    const __m256 va = _mm256_set1_ps(alpha), vb = _mm256_set1_ps(beta);
    if (nr == NR) {
        for (size_t r = 0; r < mr; r++) {
            float *row = c + r * ldc;
            __m256 lo = _mm256_mul_ps(acc[r][0], va), hi = _mm256_mul_ps(acc[r][1], va);
            if (beta != 0) {
                lo = _mm256_fmadd_ps(_mm256_loadu_ps(row), vb, lo);
                hi = _mm256_fmadd_ps(_mm256_loadu_ps(row + 8), vb, hi);
            }
            _mm256_storeu_ps(row, lo);
            _mm256_storeu_ps(row + 8, hi);
        }
    } else {
        float t[NR];
        for (size_t r = 0; r < mr; r++) {
            _mm256_storeu_ps(t, _mm256_mul_ps(acc[r][0], va));
            _mm256_storeu_ps(t + 8, _mm256_mul_ps(acc[r][1], va));
            float *row = c + r * ldc;
            for (size_t j = 0; j < nr; j++) row[j] = beta != 0 ? fmaf(row[j], beta, t[j]) : t[j];
        }
    }
}

// Packs b(q, j) = b[q * rs + j * cs], q < kc, j < nc, into panels of NR columns (kc x NR each,
// columns past nc zero).
__attribute__((target("avx2,fma"))) static void
gemm_pack_b(size_t kc, size_t nc, const float *b, ptrdiff_t rs, ptrdiff_t cs, float *out) {
    for (size_t j0 = 0; j0 < nc; j0 += NR) {
        const size_t w = nc - j0 < NR ? nc - j0 : NR;
        const float *src = b + j0 * cs;
        if (cs == 1 && w == NR) {
            for (size_t q = 0; q < kc; q++, src += rs, out += NR) {
                _mm256_storeu_ps(out, _mm256_loadu_ps(src));
                _mm256_storeu_ps(out + 8, _mm256_loadu_ps(src + 8));
            }
        } else {
            for (size_t q = 0; q < kc; q++, src += rs, out += NR) {
                size_t j = 0;
                for (; j < w; j++) out[j] = src[j * cs];
                for (; j < NR; j++) out[j] = 0;
            }
        }
    }
}

// Packs a(r, q) = a[r * rs + q * cs], r < mc, q < kc, into panels of MR rows (kc x MR each, rows
// past mc zero).
__attribute__((target("avx2,fma"))) static void
gemm_pack_a(size_t mc, size_t kc, const float *a, ptrdiff_t rs, ptrdiff_t cs, float *out) {
    for (size_t i0 = 0; i0 < mc; i0 += MR) {
        const size_t h = mc - i0 < MR ? mc - i0 : MR;
        const float *src = a + i0 * rs;
        if (h == MR && cs == 1) {
            const float *r0 = src, *r1 = src + rs, *r2 = src + 2 * rs, *r3 = src + 3 * rs;
            const float *r4 = src + 4 * rs, *r5 = src + 5 * rs;
            for (size_t q = 0; q < kc; q++, out += MR) {
                out[0] = r0[q];
                out[1] = r1[q];
                out[2] = r2[q];
                out[3] = r3[q];
                out[4] = r4[q];
                out[5] = r5[q];
            }
        } else {
            for (size_t q = 0; q < kc; q++, out += MR) {
                size_t r = 0;
                for (; r < h; r++) out[r] = src[r * rs + q * cs];
                for (; r < MR; r++) out[r] = 0;
            }
        }
    }
}

__attribute__((target("avx2,fma"))) void
ember_simd_sgemm_avx2(size_t m, size_t n, size_t k, float alpha, const float *a, ptrdiff_t ars, ptrdiff_t acs,
                      const float *b, ptrdiff_t brs, ptrdiff_t bcs, float beta, float *c, ptrdiff_t ldc,
                      float *workspace) {
    const GemmPlan plan = gemm_plan(m, n, k, acs, bcs);
    float *bPacked = workspace, *aPacked = workspace + plan.bFloats;
    for (size_t jc = 0; jc < n; jc += NC) {
        const size_t nc = n - jc < NC ? n - jc : NC;
        for (size_t pc = 0; pc < k; pc += KC) {
            const size_t kc = k - pc < KC ? k - pc : KC;
            const float betaHere = pc == 0 ? beta : 1.0f;
            const float *bBlock = b + pc * brs + jc * bcs;
            if (!plan.bInPlace) gemm_pack_b(kc, nc, bBlock, brs, bcs, bPacked);
            for (size_t ic = 0; ic < m; ic += MC) {
                const size_t mc = m - ic < MC ? m - ic : MC;
                const float *aBlock = a + ic * ars + pc * acs;
                if (!plan.aInPlace) gemm_pack_a(mc, kc, aBlock, ars, acs, aPacked);
                for (size_t jr = 0; jr < nc; jr += NR) {
                    const size_t nr = nc - jr < NR ? nc - jr : NR;
                    const float *bPanel = plan.bInPlace ? bBlock + jr : bPacked + jr * kc;
                    const ptrdiff_t bStep = plan.bInPlace ? brs : NR;
                    for (size_t ir = 0; ir < mc; ir += MR) {
                        const size_t mr = mc - ir < MR ? mc - ir : MR;
                        float *tile = c + (ic + ir) * ldc + jc + jr;
                        if (plan.aInPlace)
                            gemm_tile(kc, aBlock + ir * ars, ars, 1, mr, bPanel, bStep, alpha, betaHere, tile, ldc,
                                      mr, nr);
                        else
                            gemm_tile(kc, aPacked + ir * kc, 1, MR, MR, bPanel, bStep, alpha, betaHere, tile, ldc,
                                      mr, nr);
                    }
                }
            }
        }
    }
}

#else

size_t ember_simd_sgemm_workspace(size_t m, size_t n, size_t k, ptrdiff_t acs, ptrdiff_t bcs) { return 0; }

void ember_simd_sgemm_avx2(size_t m, size_t n, size_t k, float alpha, const float *a, ptrdiff_t ars, ptrdiff_t acs,
                           const float *b, ptrdiff_t brs, ptrdiff_t bcs, float beta, float *c, ptrdiff_t ldc,
                           float *workspace) {
    __builtin_trap();
}

#endif
