#include "CEmberSIMD.h"

// The per-channel sums of batch norm's statistics and backward pass over float32 (Note [Fused
// batch norm and pooling kernels], CPUBackend+Normalization.swift), with AVX2: each float is
// widened to double and summed in double, as PyTorch's CPU kernels accumulate, in eight partial
// sums (two vectors of four). Fused multiply-adds are off, so every product rounds to double
// before its sum, as in the scalar loops.

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

__attribute__((target("avx2"))) static inline double ember_hsum(__m256d a, __m256d b) {
    const __m256d s = _mm256_add_pd(a, b);
    const __m128d lo = _mm256_castpd256_pd128(s), hi = _mm256_extractf128_pd(s, 1);
    const __m128d t = _mm_add_pd(lo, hi);
    return _mm_cvtsd_f64(_mm_add_sd(t, _mm_unpackhi_pd(t, t)));
}

__attribute__((target("avx2"))) void ember_bn_sums_f32_avx2(const float *x, ptrdiff_t n, double center, double *sum,
                                                           double *squares) {
#pragma clang fp contract(off)
    const __m256d c = _mm256_set1_pd(center);
    __m256d s0 = _mm256_setzero_pd(), s1 = s0, q0 = s0, q1 = s0;
    ptrdiff_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256d a = _mm256_cvtps_pd(_mm_loadu_ps(x + i)), b = _mm256_cvtps_pd(_mm_loadu_ps(x + i + 4));
        const __m256d da = _mm256_sub_pd(a, c), db = _mm256_sub_pd(b, c);
        s0 = _mm256_add_pd(s0, a);
        s1 = _mm256_add_pd(s1, b);
        q0 = _mm256_add_pd(q0, _mm256_mul_pd(da, da));
        q1 = _mm256_add_pd(q1, _mm256_mul_pd(db, db));
    }
    double s = ember_hsum(s0, s1), q = ember_hsum(q0, q1);
    for (; i < n; i++) {
        const double a = x[i], d = a - center;
        s += a;
        q += d * d;
    }
    *sum += s;
    *squares += q;
}

__attribute__((target("avx2"))) void ember_bn_backward_sums_f32_avx2(const float *x, const float *g, ptrdiff_t n,
                                                                    double center, double *sum, double *dot) {
#pragma clang fp contract(off)
    const __m256d c = _mm256_set1_pd(center);
    __m256d s0 = _mm256_setzero_pd(), s1 = s0, d0 = s0, d1 = s0;
    ptrdiff_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256d ga = _mm256_cvtps_pd(_mm_loadu_ps(g + i)), gb = _mm256_cvtps_pd(_mm_loadu_ps(g + i + 4));
        const __m256d xa = _mm256_cvtps_pd(_mm_loadu_ps(x + i)), xb = _mm256_cvtps_pd(_mm_loadu_ps(x + i + 4));
        s0 = _mm256_add_pd(s0, ga);
        s1 = _mm256_add_pd(s1, gb);
        d0 = _mm256_add_pd(d0, _mm256_mul_pd(_mm256_sub_pd(xa, c), ga));
        d1 = _mm256_add_pd(d1, _mm256_mul_pd(_mm256_sub_pd(xb, c), gb));
    }
    double s = ember_hsum(s0, s1), d = ember_hsum(d0, d1);
    for (; i < n; i++) {
        const double gi = g[i];
        s += gi;
        d += ((double)x[i] - center) * gi;
    }
    *sum += s;
    *dot += d;
}

#else

void ember_bn_sums_f32_avx2(const float *x, ptrdiff_t n, double center, double *sum, double *squares) {
    __builtin_trap();
}
void ember_bn_backward_sums_f32_avx2(const float *x, const float *g, ptrdiff_t n, double center, double *sum,
                                     double *dot) {
    __builtin_trap();
}

#endif
