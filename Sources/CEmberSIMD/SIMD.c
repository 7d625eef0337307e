#include "CEmberSIMD.h"

#include <math.h>

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
        __m256 p = _mm256_set1_ps(1.9875691500e-4f);
        p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.3981999507e-3f));
        p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(8.3334519073e-3f));
        p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(4.1665795894e-2f));
        p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.6666665459e-1f));
        p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(5.0000001201e-1f));
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

#else

int ember_simd_has_avx2_fma(void) { return 0; }

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

#endif
