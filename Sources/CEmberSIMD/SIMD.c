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

// Cephes' polynomial for exp(r) - 1 - r over r^2 on [-ln 2 / 2, ln 2 / 2], in Horner form with
// the given vector FMA and broadcast: one set of coefficients for every vector width.
#define EMBER_EXP_POLYNOMIAL(r, FMA, SET1)                                                          \
    FMA(FMA(FMA(FMA(FMA(SET1(1.9875691500e-4f), r, SET1(1.3981999507e-3f)), r, SET1(8.3334519073e-3f)), r, \
                SET1(4.1665795894e-2f)),                                                           \
            r, SET1(1.6666665459e-1f)),                                                            \
        r, SET1(5.0000001201e-1f))

__attribute__((target("avx2,fma")))
void ember_simd_exp_f32_avx2(const float *x, float *out, size_t n) {
    const __m256 lo = _mm256_set1_ps(-87.3f), hi = _mm256_set1_ps(88.37f);
    const __m256 log2e = _mm256_set1_ps(1.44269504088896341f);
    const __m256 magic = _mm256_set1_ps(12582912.0f);  // 1.5 * 2^23
    const __m256 ln2hi = _mm256_set1_ps(0.693359375f), ln2lo = _mm256_set1_ps(-2.12194440e-4f);
    const __m256 one = _mm256_set1_ps(1.0f);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256 v = _mm256_loadu_ps(x + i);
        const __m256 inside = _mm256_and_ps(_mm256_cmp_ps(v, lo, _CMP_GE_OQ), _mm256_cmp_ps(v, hi, _CMP_LE_OQ));
        if (_mm256_movemask_ps(inside) != 0xFF) {
            for (size_t j = i; j < i + 8; j++) out[j] = expf(x[j]);
            continue;
        }
        const __m256 t = _mm256_fmadd_ps(v, log2e, magic);
        const __m256 k = _mm256_sub_ps(t, magic);
        const __m256i e = _mm256_sub_epi32(_mm256_castps_si256(t), _mm256_castps_si256(magic));
        __m256 r = _mm256_fnmadd_ps(k, ln2hi, v);
        r = _mm256_fnmadd_ps(k, ln2lo, r);
        const __m256 p = EMBER_EXP_POLYNOMIAL(r, _mm256_fmadd_ps, _mm256_set1_ps);
        const __m256 y = _mm256_add_ps(_mm256_fmadd_ps(_mm256_mul_ps(p, r), r, r), one);
        const __m256 scale = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(e, _mm256_set1_epi32(127)), 23));
        _mm256_storeu_ps(out + i, _mm256_mul_ps(y, scale));
    }
    for (; i < n; i++) out[i] = expf(x[i]);
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

// Note [Streaming exp]
// The AVX-512 exp is the AVX2 one lane for lane (the same operations in
// the same order, so the same bits wherever both take the vector path; a group with a lane out
// of range goes to expf whole, which is 16 lanes here and 8 there), sixteen lanes at a time:
// half the instructions per float, which matters because exp of a large array is as much compute as memory here (AVX2:
// 9 cycles per 8 floats in L1). For large outputs (the caller decides) the results are written
// with non-temporal stores, whole 64-byte lines that skip the read-for-ownership a normal store
// costs and do not evict the input from cache on the way out. Measured on a 2-core Xeon with
// AVX-512, 2^24 floats on two threads (median of 41, bytes read + written): AVX2 21 GB/s, AVX-512
// 26, AVX-512 streaming 42-48. The first and last partial vectors are done with masked loads and
// stores, so every in-range element takes the vector path wherever the array is cut, and a
// call with x == out (in place) is safe.
#define EMBER_AVX512 __attribute__((target("avx512f,avx512dq,avx512bw,avx512vl,avx2,fma")))

EMBER_AVX512 static inline void exp16_store(const float *x, float *out, __mmask16 lanes, int stream) {
    const __m512 v = _mm512_maskz_loadu_ps(lanes, x);
    const __mmask16 inside = _mm512_cmp_ps_mask(v, _mm512_set1_ps(-87.3f), _CMP_GE_OQ) &
                             _mm512_cmp_ps_mask(v, _mm512_set1_ps(88.37f), _CMP_LE_OQ);
    if ((inside & lanes) != lanes) {
        for (int j = 0; j < 16; j++)
            if ((lanes >> j) & 1) out[j] = expf(x[j]);
        return;
    }
    const __m512 magic = _mm512_set1_ps(12582912.0f);  // 1.5 * 2^23
    const __m512 t = _mm512_fmadd_ps(v, _mm512_set1_ps(1.44269504088896341f), magic);
    const __m512 k = _mm512_sub_ps(t, magic);
    const __m512i e = _mm512_sub_epi32(_mm512_castps_si512(t), _mm512_castps_si512(magic));
    __m512 r = _mm512_fnmadd_ps(k, _mm512_set1_ps(0.693359375f), v);
    r = _mm512_fnmadd_ps(k, _mm512_set1_ps(-2.12194440e-4f), r);
    const __m512 p = EMBER_EXP_POLYNOMIAL(r, _mm512_fmadd_ps, _mm512_set1_ps);
    const __m512 y = _mm512_add_ps(_mm512_fmadd_ps(_mm512_mul_ps(p, r), r, r), _mm512_set1_ps(1.0f));
    const __m512 scale = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_add_epi32(e, _mm512_set1_epi32(127)), 23));
    const __m512 result = _mm512_mul_ps(y, scale);
    if (stream && lanes == 0xFFFF)
        _mm512_stream_ps(out, result);
    else
        _mm512_mask_storeu_ps(out, lanes, result);
}

EMBER_AVX512 void ember_simd_exp_f32_avx512(const float *x, float *out, size_t n, int streaming) {
    size_t i = 0;
    if (streaming) {
        // Up to the first 64-byte boundary of out, so that the stream stores are aligned.
        const size_t head = ((64 - ((uintptr_t)out & 63)) & 63) / sizeof(float);
        if (head > 0 && head < n) {
            exp16_store(x, out, (__mmask16)((1u << head) - 1), 0);
            i = head;
        }
    }
    for (; i + 16 <= n; i += 16) exp16_store(x + i, out + i, 0xFFFF, streaming);
    if (i < n) exp16_store(x + i, out + i, (__mmask16)((1u << (n - i)) - 1), 0);
    if (streaming) _mm_sfence();
}


// relu with NaN kept: an ordered `x <= 0` is false for NaN, so `andnot(x <= 0, x)` keeps NaN and
// positives and writes +0 for the rest (-0 included), as `x.isNaN ? x : (x > 0 ? x : 0)` does.
__attribute__((target("avx2,fma")))
void ember_simd_relu_f32_avx2(const float *x, float *out, size_t n) {
    const __m256 zero = _mm256_setzero_ps();
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256 v = _mm256_loadu_ps(x + i);
        _mm256_storeu_ps(out + i, _mm256_andnot_ps(_mm256_cmp_ps(v, zero, _CMP_LE_OQ), v));
    }
    for (; i < n; i++) out[i] = x[i] <= 0 ? 0.0f : x[i];
}

__attribute__((target("avx2,fma")))
void ember_simd_relu_f64_avx2(const double *x, double *out, size_t n) {
    const __m256d zero = _mm256_setzero_pd();
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        const __m256d v = _mm256_loadu_pd(x + i);
        _mm256_storeu_pd(out + i, _mm256_andnot_pd(_mm256_cmp_pd(v, zero, _CMP_LE_OQ), v));
    }
    for (; i < n; i++) out[i] = x[i] <= 0 ? 0.0 : x[i];
}

#else

int ember_simd_has_avx2_fma(void) { return 0; }

int ember_simd_avx512_level(void) { return 0; }

void ember_simd_exp_f32_avx512(const float *x, float *out, size_t n, int streaming) {
    for (size_t i = 0; i < n; i++) out[i] = expf(x[i]);
}

void ember_simd_transpose32_avx2(const void *source, size_t srcStride, void *destination, size_t dstStride,
                                 size_t rows, size_t cols) {
    const unsigned int *src = (const unsigned int *)source;
    unsigned int *dst = (unsigned int *)destination;
    for (size_t i = 0; i < rows; i++)
        for (size_t j = 0; j < cols; j++) dst[j * dstStride + i] = src[i * srcStride + j];
}

void ember_simd_exp_f32_avx2(const float *x, float *out, size_t n) {
    for (size_t i = 0; i < n; i++) out[i] = expf(x[i]);
}

double ember_simd_sum_f32_avx2(const float *p, size_t n, double acc) {
    for (size_t i = 0; i < n; i++) acc += (double)p[i];
    return acc;
}

void ember_simd_accumulate_rows_f32_avx2(double *acc, const float *p, size_t rowStride, size_t rows, size_t n) {
    for (size_t r = 0; r < rows; r++)
        for (size_t j = 0; j < n; j++) acc[j] += (double)p[r * rowStride + j];
}


void ember_simd_relu_f32_avx2(const float *x, float *out, size_t n) {
    for (size_t i = 0; i < n; i++) out[i] = x[i] <= 0 ? 0.0f : x[i];
}

void ember_simd_relu_f64_avx2(const double *x, double *out, size_t n) {
    for (size_t i = 0; i < n; i++) out[i] = x[i] <= 0 ? 0.0 : x[i];
}
#endif
