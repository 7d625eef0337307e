#include "CEmberSIMD.h"

#include <math.h>
#include <stdint.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>

int ember_simd_has_avx2_fma(void) {
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    const int fma = (c >> 12) & 1, osxsave = (c >> 27) & 1, avx = (c >> 28) & 1;
    if (!fma || !osxsave || !avx) return 0;
    // The OS must save YMM state: XCR0 bits 1 (SSE) and 2 (AVX).
    unsigned int xcr0_lo, xcr0_hi;
    __asm__ volatile("xgetbv" : "=a"(xcr0_lo), "=d"(xcr0_hi) : "c"(0));
    if ((xcr0_lo & 6) != 6) return 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b >> 5) & 1;  // AVX2
}

int ember_simd_avx512_level(void) {
    if (!ember_simd_has_avx2_fma()) return 0;
    unsigned int a, b, c, d;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    // F (16), DQ (17), BW (30), VL (31).
    const unsigned int needed = (1u << 16) | (1u << 17) | (1u << 30) | (1u << 31);
    if ((b & needed) != needed) return 0;
    // The OS must save opmask and ZMM state too: XCR0 bits 5, 6 and 7.
    unsigned int xcr0_lo, xcr0_hi;
    __asm__ volatile("xgetbv" : "=a"(xcr0_lo), "=d"(xcr0_hi) : "c"(0));
    if ((xcr0_lo & 0xe6) != 0xe6) return 0;
    if (!__get_cpuid_count(7, 1, &a, &b, &c, &d)) return 1;
    return (a >> 5) & 1 ? 2 : 1;  // AVX512_BF16
}

__attribute__((target("avx2,fma")))
void ember_simd_transpose32_avx2(const void *source, size_t srcStride, void *destination, size_t dstStride,
                                 size_t rows, size_t cols) {
    const float *src = (const float *)source;
    float *dst = (float *)destination;
    size_t i = 0;
    for (; i + 8 <= rows; i += 8) {
        size_t j = 0;
        for (; j + 8 <= cols; j += 8) {
            const float *s = src + i * srcStride + j;
            __m256 r0 = _mm256_loadu_ps(s), r1 = _mm256_loadu_ps(s + srcStride);
            __m256 r2 = _mm256_loadu_ps(s + 2 * srcStride), r3 = _mm256_loadu_ps(s + 3 * srcStride);
            __m256 r4 = _mm256_loadu_ps(s + 4 * srcStride), r5 = _mm256_loadu_ps(s + 5 * srcStride);
            __m256 r6 = _mm256_loadu_ps(s + 6 * srcStride), r7 = _mm256_loadu_ps(s + 7 * srcStride);
            __m256 t0 = _mm256_unpacklo_ps(r0, r1), t1 = _mm256_unpackhi_ps(r0, r1);
            __m256 t2 = _mm256_unpacklo_ps(r2, r3), t3 = _mm256_unpackhi_ps(r2, r3);
            __m256 t4 = _mm256_unpacklo_ps(r4, r5), t5 = _mm256_unpackhi_ps(r4, r5);
            __m256 t6 = _mm256_unpacklo_ps(r6, r7), t7 = _mm256_unpackhi_ps(r6, r7);
            __m256 u0 = _mm256_shuffle_ps(t0, t2, 0x44), u1 = _mm256_shuffle_ps(t0, t2, 0xEE);
            __m256 u2 = _mm256_shuffle_ps(t1, t3, 0x44), u3 = _mm256_shuffle_ps(t1, t3, 0xEE);
            __m256 u4 = _mm256_shuffle_ps(t4, t6, 0x44), u5 = _mm256_shuffle_ps(t4, t6, 0xEE);
            __m256 u6 = _mm256_shuffle_ps(t5, t7, 0x44), u7 = _mm256_shuffle_ps(t5, t7, 0xEE);
            float *d = dst + j * dstStride + i;
            _mm256_storeu_ps(d, _mm256_permute2f128_ps(u0, u4, 0x20));
            _mm256_storeu_ps(d + dstStride, _mm256_permute2f128_ps(u1, u5, 0x20));
            _mm256_storeu_ps(d + 2 * dstStride, _mm256_permute2f128_ps(u2, u6, 0x20));
            _mm256_storeu_ps(d + 3 * dstStride, _mm256_permute2f128_ps(u3, u7, 0x20));
            _mm256_storeu_ps(d + 4 * dstStride, _mm256_permute2f128_ps(u0, u4, 0x31));
            _mm256_storeu_ps(d + 5 * dstStride, _mm256_permute2f128_ps(u1, u5, 0x31));
            _mm256_storeu_ps(d + 6 * dstStride, _mm256_permute2f128_ps(u2, u6, 0x31));
            _mm256_storeu_ps(d + 7 * dstStride, _mm256_permute2f128_ps(u3, u7, 0x31));
        }
        for (; j < cols; j++)
            for (size_t k = i; k < i + 8; k++) dst[j * dstStride + k] = src[k * srcStride + j];
    }
    for (; i < rows; i++)
        for (size_t j = 0; j < cols; j++) dst[j * dstStride + i] = src[i * srcStride + j];
}

// Note [Float sums in blocks]
// The sum kernels keep Ember's portable summation order exactly
// (FloatSum in CPUBackend+Reducers.swift): blocks of 2048 floats summed in four 8-lane float
// accumulators, lanes folded as ((l0+l4)+(l1+l5))+((l2+l6)+(l3+l7)), the tail added in order,
// block sums added in double. So a result never depends on which kernel ran.
__attribute__((target("avx2,fma")))
static inline float fold_lanes(__m256 a0, __m256 a1, __m256 a2, __m256 a3) {
    const __m256 lanes = _mm256_add_ps(_mm256_add_ps(a0, a1), _mm256_add_ps(a2, a3));
    float l[8];
    _mm256_storeu_ps(l, lanes);
    return ((l[0] + l[4]) + (l[1] + l[5])) + ((l[2] + l[6]) + (l[3] + l[7]));
}

__attribute__((target("avx2,fma")))
static float block_sum_f32_avx2(const float *p, size_t n) {
    __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        a0 = _mm256_add_ps(a0, _mm256_loadu_ps(p + i));
        a1 = _mm256_add_ps(a1, _mm256_loadu_ps(p + i + 8));
        a2 = _mm256_add_ps(a2, _mm256_loadu_ps(p + i + 16));
        a3 = _mm256_add_ps(a3, _mm256_loadu_ps(p + i + 24));
    }
    for (; i + 8 <= n; i += 8) a0 = _mm256_add_ps(a0, _mm256_loadu_ps(p + i));
    float s = fold_lanes(a0, a1, a2, a3);
    for (; i < n; i++) s += p[i];
    return s;
}

// The sums of four full blocks at p, p + d, p + 2d and p + 3d, each in block_sum_f32_avx2's order.
// Sixteen accumulators, four per stream: the loops are fully unrolled and every load folds into
// its add, so the accumulators stay in the sixteen ymm registers.
__attribute__((target("avx2,fma")))
static void four_block_sums(const float *p, size_t d, float *out) {
    __m256 a[4][4];
    for (int s = 0; s < 4; s++) for (int k = 0; k < 4; k++) a[s][k] = _mm256_setzero_ps();
    for (size_t i = 0; i < 2048; i += 32)
        for (int s = 0; s < 4; s++)
            for (int k = 0; k < 4; k++) a[s][k] = _mm256_add_ps(a[s][k], _mm256_loadu_ps(p + s * d + i + 8 * k));
    for (int s = 0; s < 4; s++) out[s] = fold_lanes(a[s][0], a[s][1], a[s][2], a[s][3]);
}

// Blocks are read four streams at a time: a group of up to 1024 blocks (8 MiB) is cut in
// quarters and block j of every quarter summed together, which keeps four sequential streams in
// flight instead of one. Measured on a 2-core Zen 3 guest summing 64 MiB on two threads: 33-50
// GB/s (median of 15) against 23-31 with one stream (on the AVX-512 Xeon that followed, both
// read at the memory's limit, 53-57). The block sums are kept and added in double
// in block order, so the result is bit for bit the one-stream (and portable) result.
__attribute__((target("avx2,fma")))
double ember_simd_sum_f32_avx2(const float *p, size_t n, double acc) {
    enum { GROUP = 1024 };
    const size_t blocks = n / 2048;
    size_t b = 0;
    float sums[GROUP];
    while (blocks - b >= 4) {
        const size_t group = blocks - b < GROUP ? (blocks - b) / 4 * 4 : GROUP, quarter = group / 4;
        for (size_t j = 0; j < quarter; j++) {
            float four[4];
            four_block_sums(p + (b + j) * 2048, quarter * 2048, four);
            for (size_t s = 0; s < 4; s++) sums[s * quarter + j] = four[s];
        }
        for (size_t j = 0; j < group; j++) acc += (double)sums[j];
        b += group;
    }
    for (size_t start = b * 2048; start < n; start += 2048) {
        const size_t count = n - start < 2048 ? n - start : 2048;
        acc += (double)block_sum_f32_avx2(p + start, count);
    }
    return acc;
}

// Note [Streams per thread in float sums]
// How many sequential streams a thread should read at once depends on the core. On a 2-core
// Zen 3 guest four streams read 64 MiB (two threads) at 33-50 GB/s against 23-31 with one; on
// the Zen 4 guest that followed, one stream is the faster: a standalone loop read 37-42 GB/s
// (medians of 40) with one against 31-35 with four and 32-35 with eight, and `ember-bench
// --filter sum_16M`, alternating builds 10 times each in two runs, read medians of 53.6 and 48.6
// GB/s with one against 49.2 and 44.4 with four; on the AVX-512 Xeon before it both read at the
// memory's limit. So the AVX-512 machines take the one-stream instance below, whose result is
// bit for bit the four-stream one (see Note [Float sums in blocks]).
__attribute__((target("avx512f,avx512vl,avx2,fma")))
double ember_simd_sum_f32_avx512(const float *p, size_t n, double acc) {
    for (size_t start = 0; start < n; start += 2048) {
        const size_t count = n - start < 2048 ? n - start : 2048;
        acc += (double)block_sum_f32_avx2(p + start, count);
    }
    return acc;
}

__attribute__((target("avx2,fma")))
void ember_simd_accumulate_rows_f32_avx2(double *acc, const float *p, size_t rowStride, size_t rows, size_t n) {
    size_t r = 0;
    for (; r + 4 <= rows; r += 4) {
        const float *p0 = p + r * rowStride, *p1 = p0 + rowStride, *p2 = p1 + rowStride, *p3 = p2 + rowStride;
        size_t j = 0;
        for (; j + 8 <= n; j += 8) {
            __m256 s = _mm256_add_ps(_mm256_add_ps(_mm256_loadu_ps(p0 + j), _mm256_loadu_ps(p1 + j)),
                                     _mm256_add_ps(_mm256_loadu_ps(p2 + j), _mm256_loadu_ps(p3 + j)));
            __m256d lo = _mm256_cvtps_pd(_mm256_castps256_ps128(s));
            __m256d hi = _mm256_cvtps_pd(_mm256_extractf128_ps(s, 1));
            _mm256_storeu_pd(acc + j, _mm256_add_pd(_mm256_loadu_pd(acc + j), lo));
            _mm256_storeu_pd(acc + j + 4, _mm256_add_pd(_mm256_loadu_pd(acc + j + 4), hi));
        }
        for (; j < n; j++) acc[j] += (double)((p0[j] + p1[j]) + (p2[j] + p3[j]));
    }
    for (; r < rows; r++) {
        const float *q = p + r * rowStride;
        for (size_t j = 0; j < n; j++) acc[j] += (double)q[j];
    }
}

#else

int ember_simd_has_avx2_fma(void) { return 0; }

int ember_simd_avx512_level(void) { return 0; }

void ember_simd_transpose32_avx2(const void *source, size_t srcStride, void *destination, size_t dstStride,
                                 size_t rows, size_t cols) {
    const unsigned int *src = (const unsigned int *)source;
    unsigned int *dst = (unsigned int *)destination;
    for (size_t i = 0; i < rows; i++)
        for (size_t j = 0; j < cols; j++) dst[j * dstStride + i] = src[i * srcStride + j];
}

double ember_simd_sum_f32_avx2(const float *p, size_t n, double acc) {
    for (size_t i = 0; i < n; i++) acc += (double)p[i];
    return acc;
}

double ember_simd_sum_f32_avx512(const float *p, size_t n, double acc) { return ember_simd_sum_f32_avx2(p, n, acc); }

void ember_simd_accumulate_rows_f32_avx2(double *acc, const float *p, size_t rowStride, size_t rows, size_t n) {
    for (size_t r = 0; r < rows; r++)
        for (size_t j = 0; j < n; j++) acc[j] += (double)p[r * rowStride + j];
}
#endif
