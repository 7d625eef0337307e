// Element-wise math kernels over contiguous float32 and float64 arrays (VectorMath.c; see Note
// [Vector math kernels] there): the transcendental functions from SLEEF's 1.0-ulp vector
// functions, the rest in AVX2 or AVX-512 arithmetic, chosen by the caller at run time.
#ifndef CEMBER_VECTOR_MATH_H
#define CEMBER_VECTOR_MATH_H

#include <stddef.h>

/// The element-wise functions of one input (`ember_vm_unary_*`), and the first-order backward
/// formulas of those that have one (`ember_vm_backward_*`, marked "backward" below).
typedef enum {
    EMBER_VM_NEG, EMBER_VM_ABS, EMBER_VM_SIGN, EMBER_VM_SQUARE, EMBER_VM_RECIPROCAL,
    EMBER_VM_SQRT, EMBER_VM_RSQRT,
    EMBER_VM_EXP, EMBER_VM_EXP2, EMBER_VM_EXPM1, EMBER_VM_LOG, EMBER_VM_LOG2, EMBER_VM_LOG10,
    EMBER_VM_LOG1P,
    EMBER_VM_SIN, EMBER_VM_COS, EMBER_VM_TAN, EMBER_VM_ASIN, EMBER_VM_ACOS, EMBER_VM_ATAN,
    EMBER_VM_SINH, EMBER_VM_COSH, EMBER_VM_TANH, EMBER_VM_ASINH, EMBER_VM_ACOSH, EMBER_VM_ATANH,
    EMBER_VM_ERF, EMBER_VM_ERFC,
    EMBER_VM_SIGMOID, EMBER_VM_SILU, EMBER_VM_MISH,
    /// Exact (erf) gelu; EMBER_VM_GELU_TANH is PyTorch's approximate='tanh'.
    EMBER_VM_GELU, EMBER_VM_GELU_TANH,
    /// a = beta, b = threshold.
    EMBER_VM_SOFTPLUS,
    /// a = alpha.
    EMBER_VM_ELU,
    /// a = negative slope.
    EMBER_VM_LEAKY_RELU,
    EMBER_VM_RELU,
    EMBER_VM_FLOOR, EMBER_VM_CEIL, EMBER_VM_ROUND, EMBER_VM_TRUNC, EMBER_VM_FRAC,
    /// a, b, c = the replacements of NaN, +inf and -inf.
    EMBER_VM_NAN_TO_NUM,
    /// a = min, b = max (neither NaN; -inf or +inf where absent).
    EMBER_VM_CLAMP,
    /// log(x / (1 - x)).
    EMBER_VM_LOGIT,
    /// log(z / (1 - z)) with z = x clamped to [a, b] (NaN kept).
    EMBER_VM_LOGIT_EPS,
} ember_vm_unary_op;

/// The element-wise functions of two inputs that call libm in a scalar loop.
typedef enum {
    EMBER_VM_POW, EMBER_VM_ATAN2, EMBER_VM_FMOD, EMBER_VM_REMAINDER, EMBER_VM_HYPOT,
} ember_vm_binary_op;

/// How a binary kernel reads its operands.
typedef enum {
    /// a[i] and b[i].
    EMBER_VM_BOTH_ARRAYS,
    /// a[i] and b[0] for every i.
    EMBER_VM_RIGHT_SCALAR,
    /// a[0] for every i and b[i].
    EMBER_VM_LEFT_SCALAR,
} ember_vm_operands;

/// The numbers an op takes (see ember_vm_unary_op), in the element type's precision.
typedef struct {
    double a, b, c;
} ember_vm_params;

/// Declares one instruction set's kernels for one element type. Each returns 1, or 0 for an op it
/// does not have (nothing written then). Arrays may be the same array (in place).
///
/// - unary: out[i] = f(x[i]).
/// - binary: out[i] = f(a[i], b[i]) as `operands` says.
/// - backward: out[i] = the gradient of x for an op's output gradient g[i], where s[i] is what
///   the op's derivative saves: its result for tanh, sigmoid, relu, elu, sqrt, rsqrt,
///   reciprocal, tan, exp2, expm1; its input otherwise.
/// - lstm_cell, lstm_cell_backward, gru_cell, gru_cell_backward: one LSTM or GRU step's cell over
///   `rows` rows, forward and backward (see Note [Fused LSTM] and Note [Fused GRU] in EmberNN; the
///   comments in VectorMathTemplate.h say what each reads and writes). Every array contiguous.
#define EMBER_DECLARE_VECTOR_MATH(T, SUFFIX)                                                        \
    int ember_vm_unary_##SUFFIX(int op, const ember_vm_params *p, const T *x, T *out, size_t n);    \
    int ember_vm_binary_##SUFFIX(int op, int operands, const T *a, const T *b, T *out, size_t n);   \
    int ember_vm_backward_##SUFFIX(int op, const ember_vm_params *p, const T *g, const T *s, T *out, \
                                   size_t n);                                                       \
    void ember_vm_lstm_cell_##SUFFIX(size_t rows, size_t hidden, T *gates, const T *projected,      \
                                     const T *bias, const T *cPrev, T *cell, T *tanhCell, T *h);    \
    void ember_vm_lstm_cell_backward_##SUFFIX(size_t rows, size_t hidden, const T *acts,            \
                                              const T *tanhCell, const T *cPrev, const T *dh,       \
                                              const T *dout, T *dc, T *dGates);                    \
    void ember_vm_gru_cell_##SUFFIX(size_t rows, size_t hidden, T *gates, const T *projected,       \
                                    const T *biasInput, const T *biasHidden, const T *hPrev,        \
                                    T *hiddenGate, T *h);                                           \
    void ember_vm_gru_cell_backward_##SUFFIX(size_t rows, size_t hidden, const T *acts,             \
                                             const T *hiddenGate, const T *hPrev, const T *dh,      \
                                             const T *dout, T *dGatesInput, T *dGatesHidden,        \
                                             T *dhPrev);

/// AVX2 and FMA: call only when ember_simd_has_avx2_fma() is 1.
EMBER_DECLARE_VECTOR_MATH(float, f32_avx2)
EMBER_DECLARE_VECTOR_MATH(double, f64_avx2)
/// AVX-512 F, DQ, BW, VL: call only when ember_simd_avx512_level() is at least 1.
EMBER_DECLARE_VECTOR_MATH(float, f32_avx512)
EMBER_DECLARE_VECTOR_MATH(double, f64_avx512)

#endif
