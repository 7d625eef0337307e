// Note [Vector math kernels]
// Every floating element-wise op whose scalar form calls libm, and the first-order backward
// formulas of the activations, run here over contiguous arrays, 8 or 16 float lanes (4 or 8
// double lanes) at a time. The transcendental functions are SLEEF's 1.0-ulp vector functions (the
// ones PyTorch's CPU kernels call: `Sleef_expf8_u10` and so on; erfc is SLEEF's 1.5-ulp one, as
// in PyTorch), the rest plain vector arithmetic in the operation order of PyTorch's vectorized
// kernels. Three functions are computed inline for float instead, exp, log and tanh, which the
// activations spend most of their time in and where a call costs as much as the function (or,
// for tanh, SLEEF's double-float algorithm twice as much as exp): each is within 1 ulp of the correctly rounded value for every float, as SLEEF's,
// which Scripts/math-exhaustive-check.c verifies over all of them. One template (VectorMathTemplate.h) is compiled four times, for AVX2 with FMA and for
// AVX-512 (F, DQ, BW, VL), each for float and double, with per-function `target` attributes: the
// package sets no compiler flags, and the caller (VectorMath.swift) picks the instance from the
// CPU's features at run time, as the rest of CEmberSIMD does. Without AVX2 the Swift loops in
// CPUBackend+Unary.swift and CPUBackend+Binary.swift compute the same ops with libm.
//
// The tail of an array goes through one zero-padded vector, so an element's result does not depend
// on its position or on which thread computed it. SLEEF's AVX2 and AVX-512 functions implement
// the same algorithm with FMA and give the same bits, so the two instruction sets agree too.
//
// SLEEF's AVX2 and AVX-512 functions take their vectors in ymm and zmm registers, and a
// translation unit compiled for baseline x86-64 cannot call them directly: clang lowers a call
// with the unit's features, not the calling function's `target` attribute, and would pass the
// vectors in memory (the functions would read whatever the registers held). So every call goes
// through a trampoline of SleefCall.S that takes pointers, loads the registers and calls the
// function; the kernels store the operand and load the result around it, in L1. The template
// declares the functions it uses by name only (their addresses are all it needs); sleef.h
// itself declares them only for units compiled for the instruction set. The library is linked
// through the CSleef system library target.

#include "CEmberSIMD.h"

#include <math.h>
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>

// SleefCall.S
void ember_vm_call_ymm(const void *fn, const void *a, const void *b, void *out);
void ember_vm_call_zmm(const void *fn, const void *a, const void *b, void *out);
void ember_vm_map_ymm(const void *fn, const void *in, void *out, size_t count);
void ember_vm_map_zmm(const void *fn, const void *in, void *out, size_t count);

// MARK: - AVX2 and FMA

#define VM_TARGET __attribute__((target("avx2,fma")))
#define VM_TRAMPOLINE ember_vm_call_ymm
#define VM_MAP_VECTORS ember_vm_map_ymm
#define VM_CMP(a, b, predicate) _mm256_cmp_ps(a, b, predicate)
#define VM_ANY(m) (_mm256_movemask_ps(m) != 0)

#define VM_T float
#define VM_W 8
#define VM_V __m256
#define VM_M __m256
#define VM_NAME(base) base##_f32_avx2
#define VM_SLEEF(f, u) Sleef_##f##f8_##u##avx2
#define VM_SLEEF_EXACT(f) Sleef_##f##f8_avx2
#define VM_LOAD _mm256_loadu_ps
#define VM_STORE _mm256_storeu_ps
#define VM_SET1 _mm256_set1_ps
#define VM_ADD _mm256_add_ps
#define VM_SUB _mm256_sub_ps
#define VM_MUL _mm256_mul_ps
#define VM_DIV _mm256_div_ps
#define VM_SQRT _mm256_sqrt_ps
#define VM_XOR _mm256_xor_ps
#define VM_I __m256i
#define VM_TO_INT _mm256_cvtps_epi32
#define VM_INT_SHIFT_RIGHT _mm256_srai_epi32
#define VM_INT_SUB _mm256_sub_epi32
#define VM_AS_INT _mm256_castps_si256
#define VM_AS_FLOAT _mm256_castsi256_ps
#define VM_INT_TO_FLOAT _mm256_cvtepi32_ps
#define VM_INT_SHIFT_RIGHT_LOGICAL _mm256_srli_epi32
#define VM_INT_AND _mm256_and_si256
#define VM_INT_OR _mm256_or_si256
#define VM_INT_C _mm256_set1_epi32
#define VM_POW2(k) _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(k, _mm256_set1_epi32(127)), 23))
#define VM_AND _mm256_and_ps
#define VM_FMA _mm256_fmadd_ps
#define VM_MAX _mm256_max_ps
#define VM_IS_FLOAT 1
#define VM_HUGE 1e18
#define VM_ANDNOT _mm256_andnot_ps
#define VM_SELECT(m, a, b) _mm256_blendv_ps(b, a, m)
#define VM_MAND _mm256_and_ps
#define VM_MXOR _mm256_xor_ps
#define VM_ROUND(x, mode) _mm256_round_ps(x, (mode) | _MM_FROUND_NO_EXC)
#include "VectorMathTemplate.h"
#undef VM_ANY
#undef VM_MAND
#undef VM_MXOR

#define VM_CMP(a, b, predicate) _mm256_cmp_pd(a, b, predicate)
#define VM_ANY(m) (_mm256_movemask_pd(m) != 0)
#define VM_T double
#define VM_W 4
#define VM_V __m256d
#define VM_M __m256d
#define VM_NAME(base) base##_f64_avx2
#define VM_SLEEF(f, u) Sleef_##f##d4_##u##avx2
#define VM_SLEEF_EXACT(f) Sleef_##f##d4_avx2
#define VM_LOAD _mm256_loadu_pd
#define VM_STORE _mm256_storeu_pd
#define VM_SET1 _mm256_set1_pd
#define VM_ADD _mm256_add_pd
#define VM_SUB _mm256_sub_pd
#define VM_MUL _mm256_mul_pd
#define VM_DIV _mm256_div_pd
#define VM_SQRT _mm256_sqrt_pd
#define VM_XOR _mm256_xor_pd
#define VM_AND _mm256_and_pd
#define VM_FMA _mm256_fmadd_pd
#define VM_IS_FLOAT 0
#define VM_HUGE 1e150
#define VM_ANDNOT _mm256_andnot_pd
#define VM_SELECT(m, a, b) _mm256_blendv_pd(b, a, m)
#define VM_MAND _mm256_and_pd
#define VM_MXOR _mm256_xor_pd
#define VM_ROUND(x, mode) _mm256_round_pd(x, (mode) | _MM_FROUND_NO_EXC)
#include "VectorMathTemplate.h"
#undef VM_ANY
#undef VM_MAND
#undef VM_MXOR
#undef VM_TARGET
#undef VM_TRAMPOLINE
#undef VM_MAP_VECTORS

// MARK: - AVX-512

#define VM_TARGET __attribute__((target("avx512f,avx512dq,avx512bw,avx512vl,avx2,fma")))
#define VM_TRAMPOLINE ember_vm_call_zmm
#define VM_MAP_VECTORS ember_vm_map_zmm
#define VM_MAND(a, b) ((a) & (b))
#define VM_MXOR(a, b) ((a) ^ (b))
#define VM_ANY(m) ((m) != 0)

#define VM_CMP(a, b, predicate) _mm512_cmp_ps_mask(a, b, predicate)
#define VM_T float
#define VM_W 16
#define VM_V __m512
#define VM_M __mmask16
#define VM_NAME(base) base##_f32_avx512
#define VM_SLEEF(f, u) Sleef_##f##f16_##u##avx512f
#define VM_SLEEF_EXACT(f) Sleef_##f##f16_avx512f
#define VM_LOAD _mm512_loadu_ps
#define VM_STORE _mm512_storeu_ps
#define VM_SET1 _mm512_set1_ps
#define VM_ADD _mm512_add_ps
#define VM_SUB _mm512_sub_ps
#define VM_MUL _mm512_mul_ps
#define VM_DIV _mm512_div_ps
#define VM_SQRT _mm512_sqrt_ps
#define VM_XOR _mm512_xor_ps
#define VM_I __m512i
#define VM_TO_INT _mm512_cvtps_epi32
#define VM_INT_SHIFT_RIGHT _mm512_srai_epi32
#define VM_INT_SUB _mm512_sub_epi32
#define VM_AS_INT _mm512_castps_si512
#define VM_AS_FLOAT _mm512_castsi512_ps
#define VM_INT_TO_FLOAT _mm512_cvtepi32_ps
#define VM_INT_SHIFT_RIGHT_LOGICAL _mm512_srli_epi32
#define VM_INT_AND _mm512_and_si512
#define VM_INT_OR _mm512_or_si512
#define VM_INT_C _mm512_set1_epi32
#define VM_POW2(k) _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_add_epi32(k, _mm512_set1_epi32(127)), 23))
#define VM_AND _mm512_and_ps
#define VM_FMA _mm512_fmadd_ps
#define VM_MAX _mm512_max_ps
#define VM_IS_FLOAT 1
#define VM_HUGE 1e18
#define VM_ANDNOT _mm512_andnot_ps
#define VM_SELECT(m, a, b) _mm512_mask_blend_ps(m, b, a)
#define VM_ROUND(x, mode) _mm512_roundscale_ps(x, (mode) | _MM_FROUND_NO_EXC)
#include "VectorMathTemplate.h"

#define VM_CMP(a, b, predicate) _mm512_cmp_pd_mask(a, b, predicate)
#define VM_T double
#define VM_W 8
#define VM_V __m512d
#define VM_M __mmask8
#define VM_NAME(base) base##_f64_avx512
#define VM_SLEEF(f, u) Sleef_##f##d8_##u##avx512f
#define VM_SLEEF_EXACT(f) Sleef_##f##d8_avx512f
#define VM_LOAD _mm512_loadu_pd
#define VM_STORE _mm512_storeu_pd
#define VM_SET1 _mm512_set1_pd
#define VM_ADD _mm512_add_pd
#define VM_SUB _mm512_sub_pd
#define VM_MUL _mm512_mul_pd
#define VM_DIV _mm512_div_pd
#define VM_SQRT _mm512_sqrt_pd
#define VM_XOR _mm512_xor_pd
#define VM_AND _mm512_and_pd
#define VM_FMA _mm512_fmadd_pd
#define VM_IS_FLOAT 0
#define VM_HUGE 1e150
#define VM_ANDNOT _mm512_andnot_pd
#define VM_SELECT(m, a, b) _mm512_mask_blend_pd(m, b, a)
#define VM_ROUND(x, mode) _mm512_roundscale_pd(x, (mode) | _MM_FROUND_NO_EXC)
#include "VectorMathTemplate.h"

#else

// Other architectures have no instance: the callers never choose one (no AVX2 there).
#define EMBER_NO_VECTOR_MATH(T, SUFFIX)                                                             \
    int ember_vm_unary_##SUFFIX(int op, const ember_vm_params *p, const T *x, T *out, size_t n) { return 0; } \
    int ember_vm_binary_##SUFFIX(int op, int operands, const T *a, const T *b, T *out, size_t n) { return 0; } \
    int ember_vm_backward_##SUFFIX(int op, const ember_vm_params *p, const T *g, const T *s, T *out, size_t n) { \
        return 0;                                                                                   \
    }                                                                                               \
    void ember_vm_lstm_cell_##SUFFIX(size_t rows, size_t hidden, T *gates, const T *projected,      \
                                     const T *bias, const T *cPrev, T *cell, T *tanhCell, T *h) {}  \
    void ember_vm_lstm_cell_backward_##SUFFIX(size_t rows, size_t hidden, const T *acts,            \
                                              const T *tanhCell, const T *cPrev, const T *dh,       \
                                              const T *dout, T *dc, T *dGates) {}                  \
    void ember_vm_gru_cell_##SUFFIX(size_t rows, size_t hidden, T *gates, const T *projected,       \
                                    const T *biasInput, const T *biasHidden, const T *hPrev,        \
                                    T *hiddenGate, T *h) {}                                         \
    void ember_vm_gru_cell_backward_##SUFFIX(size_t rows, size_t hidden, const T *acts,             \
                                             const T *hiddenGate, const T *hPrev, const T *dh,      \
                                             const T *dout, T *dGatesInput, T *dGatesHidden,        \
                                             T *dhPrev) {}
EMBER_NO_VECTOR_MATH(float, f32_avx2)
EMBER_NO_VECTOR_MATH(double, f64_avx2)
EMBER_NO_VECTOR_MATH(float, f32_avx512)
EMBER_NO_VECTOR_MATH(double, f64_avx512)

#endif
