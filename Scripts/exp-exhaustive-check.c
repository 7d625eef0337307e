// Checks Ember's float32 exp kernel (VectorMath.c) against the correctly rounded exp for every
// float with |x| < 110 (2^31 inputs; beyond that the result is 0 or infinity), on the CPU's
// instruction set: prints the largest distance in ulps and how many results are not correctly
// rounded. About half a minute on one core.
//
//   clang -O2 -I Sources/CEmberSIMD/include Scripts/exp-exhaustive-check.c \
//       Sources/CEmberSIMD/VectorMath.c Sources/CEmberSIMD/SIMD.c Sources/CEmberSIMD/SleefCall.S -lsleef -lm \
//       -o /tmp/exp-check
//   /tmp/exp-check
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

int main(void) {
    enum { BATCH = 1 << 16 };
    static float x[BATCH], y[BATCH];
    const int avx512 = ember_simd_avx512_level() > 0;
    if (!avx512 && !ember_simd_has_avx2_fma()) {
        puts("no AVX2: the kernel does not run on this CPU");
        return 0;
    }
    int64_t worst = 0;
    float worstInput = 0;
    uint64_t checked = 0, inexact = 0;
    for (uint64_t start = 0; start < 0x100000000ull; start += BATCH) {
        for (uint32_t k = 0; k < BATCH; k++) {
            const uint32_t bits = (uint32_t)(start + k);
            memcpy(&x[k], &bits, 4);
        }
        if (!(fabsf(x[0]) < 110) && !(fabsf(x[BATCH - 1]) < 110)) continue;
        if (avx512) ember_vm_unary_f32_avx512(EMBER_VM_EXP, NULL, x, y, BATCH);
        else ember_vm_unary_f32_avx2(EMBER_VM_EXP, NULL, x, y, BATCH);
        for (uint32_t k = 0; k < BATCH; k++) {
            if (!(fabsf(x[k]) < 110)) continue;
            const float exact = (float)exp((double)x[k]);
            int64_t d = position(y[k]) - position(exact);
            if (d < 0) d = -d;
            if (d > worst) { worst = d; worstInput = x[k]; }
            inexact += d != 0;
            checked++;
        }
    }
    printf("%s: %llu inputs, %llu not correctly rounded, at most %lld ulp (at %.9g)\n", avx512 ? "AVX-512" : "AVX2",
           (unsigned long long)checked, (unsigned long long)inexact, (long long)worst, worstInput);
    return worst <= 1 ? 0 : 1;
}
