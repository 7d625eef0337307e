// Checks Ember's inline float32 exp, log and tanh kernels (VectorMath.c) against the correctly
// rounded values (libm's double functions, rounded) for every float with |x| < 110 (exp: beyond
// that the result is 0 or infinity), every positive float (log) and every float (tanh), on the
// CPU's instruction set: prints the largest distance in ulps and how many results are not
// correctly rounded. Then checks float gelu (PyTorch's Abramowitz-Stegun erf, whose exp factor
// the kernel computes without underflow handling) bit for bit against the same formula in scalar
// code with the full exp kernel, for every float. About three minutes on one core; exits non-zero
// if any result is more than 1 ulp off or any gelu differs.
//
//   clang -O2 -I Sources/CEmberSIMD/include Scripts/math-exhaustive-check.c \
//       Sources/CEmberSIMD/VectorMath.c Sources/CEmberSIMD/SIMD.c Sources/CEmberSIMD/SleefCall.S -lsleef -lm \
//       -o /tmp/math-check
//   /tmp/math-check
#include "CEmberSIMD.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

// A float's position among all floats: adjacent floats differ by 1, both zeros are 0.
static int64_t position(float f) {
    int32_t i;
    memcpy(&i, &f, 4);
    return i >= 0 ? i : -(int64_t)(i & 0x7fffffff);
}

/// Runs `op` over the inputs `from..<to` (bit patterns) that `domain` accepts and reports.
static int check(const char *name, int op, double (*exact)(double), uint64_t from, uint64_t to,
                 int (*domain)(float)) {
    enum { BATCH = 1 << 16 };
    static float x[BATCH], y[BATCH];
    const int avx512 = ember_simd_avx512_level() > 0;
    int64_t worst = 0;
    float worstInput = 0;
    uint64_t checked = 0, inexact = 0;
    for (uint64_t start = from; start < to; start += BATCH) {
        for (uint32_t k = 0; k < BATCH; k++) {
            const uint32_t bits = (uint32_t)(start + k);
            memcpy(&x[k], &bits, 4);
        }
        if (!domain(x[0]) && !domain(x[BATCH - 1])) continue;
        if (avx512) ember_vm_unary_f32_avx512(op, NULL, x, y, BATCH);
        else ember_vm_unary_f32_avx2(op, NULL, x, y, BATCH);
        for (uint32_t k = 0; k < BATCH && start + k < to; k++) {
            if (!domain(x[k])) continue;
            const float value = (float)exact((double)x[k]);
            int64_t d = position(y[k]) - position(value);
            if (d < 0) d = -d;
            if (d > worst) { worst = d; worstInput = x[k]; }
            inexact += d != 0;
            checked++;
        }
    }
    printf("%s %s: %llu inputs, %llu not correctly rounded, at most %lld ulp (at %.9g)\n", name,
           avx512 ? "AVX-512" : "AVX2", (unsigned long long)checked, (unsigned long long)inexact, (long long)worst,
           worstInput);
    return worst <= 1;
}

/// gelu(x) = h + h erf(x / sqrt 2), h = x / 2, with PyTorch's vectorized float erf (Abramowitz and
/// Stegun 7.1.26) in scalar fused multiply-adds, its factor exp(-v * v) from the exp kernel.
static float geluReference(float x, float e) {
    const float v = x * (float)M_SQRT1_2, magnitude = fabsf(v);
    const float t = 1.0f / fmaf(0.3275911f, magnitude, 1.0f);
    float r = fmaf(1.061405429f, t, -1.453152027f);
    r = fmaf(r, t, 1.421413741f);
    r = fmaf(r, t, -0.284496736f);
    r = fmaf(r, t, 0.254829592f);
    const float erf = copysignf(1.0f, v) * fmaf(-e * t, r, 1.0f);
    const float h = x * 0.5f;
    return fmaf(h, erf, h);
}

/// The gelu kernel against `geluReference` for every float but NaN: the same bits, or fails.
static int checkGelu(void) {
    enum { BATCH = 1 << 16 };
    static float x[BATCH], y[BATCH], e[BATCH];
    const int avx512 = ember_simd_avx512_level() > 0;
    uint64_t differing = 0;
    for (uint64_t start = 0; start < 0x100000000ull; start += BATCH) {
        for (uint32_t k = 0; k < BATCH; k++) {
            const uint32_t bits = (uint32_t)(start + k);
            memcpy(&x[k], &bits, 4);
            const float v = x[k] * (float)M_SQRT1_2;
            e[k] = -(v * v);
        }
        if (avx512) {
            ember_vm_unary_f32_avx512(EMBER_VM_GELU, NULL, x, y, BATCH);
            ember_vm_unary_f32_avx512(EMBER_VM_EXP, NULL, e, e, BATCH);
        } else {
            ember_vm_unary_f32_avx2(EMBER_VM_GELU, NULL, x, y, BATCH);
            ember_vm_unary_f32_avx2(EMBER_VM_EXP, NULL, e, e, BATCH);
        }
        for (uint32_t k = 0; k < BATCH; k++) {
            if (isnan(x[k])) continue;
            const float expected = geluReference(x[k], e[k]);
            if (memcmp(&expected, &y[k], 4) != 0) {
                if (differing < 5) printf("gelu(%a) = %a, expected %a\n", x[k], y[k], expected);
                differing++;
            }
        }
    }
    printf("gelu %s: %llu of 2^32 inputs differ from the reference\n", avx512 ? "AVX-512" : "AVX2",
           (unsigned long long)differing);
    return differing == 0;
}

static int expDomain(float x) { return fabsf(x) < 110; }
static int logDomain(float x) { return x > 0 && x < INFINITY; }
static int anyFloat(float x) { return !isnan(x); }

int main(void) {
    if (ember_simd_avx512_level() == 0 && !ember_simd_has_avx2_fma()) {
        puts("no AVX2: the kernels do not run on this CPU");
        return 0;
    }
    const int ok = check("exp", EMBER_VM_EXP, exp, 0, 0x100000000ull, expDomain)
                 & check("log", EMBER_VM_LOG, log, 0, 0x7f800000ull, logDomain)
                 & check("tanh", EMBER_VM_TANH, tanh, 0, 0x100000000ull, anyFloat)
                 & checkGelu();
    return ok ? 0 : 1;
}
