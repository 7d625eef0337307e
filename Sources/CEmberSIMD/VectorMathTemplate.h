// One instruction set's element-wise kernels for one element type, included by VectorMath.c once
// per (instruction set, type) with the VM_* macros defined (see Note [Vector math kernels] there).
// Every formula is written once, here, in the operation order of PyTorch's vectorized kernel for
// the op (so the results are PyTorch's bits wherever SLEEF gives both the same bits).

// MARK: - SLEEF's functions (libsleef), called through the trampolines of SleefCall.S

extern void VM_SLEEF(exp, u10)(void);
extern void VM_SLEEF(exp2, u10)(void);
extern void VM_SLEEF(expm1, u10)(void);
extern void VM_SLEEF(log, u10)(void);
extern void VM_SLEEF(log2, u10)(void);
extern void VM_SLEEF(log10, u10)(void);
extern void VM_SLEEF(log1p, u10)(void);
extern void VM_SLEEF(sin, u10)(void);
extern void VM_SLEEF(cos, u10)(void);
extern void VM_SLEEF(tan, u10)(void);
extern void VM_SLEEF(asin, u10)(void);
extern void VM_SLEEF(acos, u10)(void);
extern void VM_SLEEF(atan, u10)(void);
extern void VM_SLEEF(sinh, u10)(void);
extern void VM_SLEEF(cosh, u10)(void);
extern void VM_SLEEF(tanh, u10)(void);
extern void VM_SLEEF(asinh, u10)(void);
extern void VM_SLEEF(acosh, u10)(void);
extern void VM_SLEEF(atanh, u10)(void);
extern void VM_SLEEF(erf, u10)(void);
extern void VM_SLEEF(erfc, u15)(void);
extern void VM_SLEEF(pow, u10)(void);
extern void VM_SLEEF(atan2, u10)(void);
extern void VM_SLEEF(hypot, u05)(void);
extern void VM_SLEEF_EXACT(fmod)(void);

/// SLEEF's function `fn` of one vector.
VM_TARGET static inline VM_V VM_NAME(vm_call1)(void (*fn)(void), VM_V x) {
    VM_T in[VM_W], out[VM_W];
    VM_STORE(in, x);
    VM_TRAMPOLINE((const void *)fn, in, NULL, out);
    return VM_LOAD(out);
}

/// SLEEF's function `fn` of two vectors.
VM_TARGET static inline VM_V VM_NAME(vm_call2)(void (*fn)(void), VM_V x, VM_V y) {
    VM_T a[VM_W], b[VM_W], out[VM_W];
    VM_STORE(a, x);
    VM_STORE(b, y);
    VM_TRAMPOLINE((const void *)fn, a, b, out);
    return VM_LOAD(out);
}

// MARK: - Loops

/// Runs `BODY` (which reads the vector `x` and writes `r`) over n elements of `src` into `dst`:
/// whole vectors, then the tail through a zero-padded vector, so that an element's result never
/// depends on its position.
#define VM_MAP1(BODY)                                                                               \
    do {                                                                                            \
        size_t i = 0;                                                                               \
        for (; i + VM_W <= n; i += VM_W) {                                                          \
            const VM_V x = VM_LOAD(src + i);                                                        \
            VM_V r;                                                                                 \
            BODY;                                                                                   \
            VM_STORE(dst + i, r);                                                                   \
        }                                                                                           \
        if (i < n) {                                                                                \
            VM_T bx[VM_W] = {0}, br[VM_W];                                                          \
            memcpy(bx, src + i, (n - i) * sizeof(VM_T));                                            \
            const VM_V x = VM_LOAD(bx);                                                             \
            VM_V r;                                                                                 \
            BODY;                                                                                   \
            VM_STORE(br, r);                                                                        \
            memcpy(dst + i, br, (n - i) * sizeof(VM_T));                                            \
        }                                                                                           \
    } while (0)

/// VM_MAP1 over two inputs, `x` from `xs` and `y` from `ys`; a `scalar` side is its element 0 for
/// every i.
#define VM_MAP2(BODY)                                                                               \
    do {                                                                                            \
        const int xScalar = operands == EMBER_VM_LEFT_SCALAR, yScalar = operands == EMBER_VM_RIGHT_SCALAR; \
        const VM_V xFixed = VM_SET1(xs[0]), yFixed = VM_SET1(ys[0]);                                \
        size_t i = 0;                                                                               \
        for (; i + VM_W <= n; i += VM_W) {                                                          \
            const VM_V x = xScalar ? xFixed : VM_LOAD(xs + i);                                      \
            const VM_V y = yScalar ? yFixed : VM_LOAD(ys + i);                                      \
            VM_V r;                                                                                 \
            BODY;                                                                                   \
            VM_STORE(dst + i, r);                                                                   \
        }                                                                                           \
        if (i < n) {                                                                                \
            VM_T bx[VM_W] = {0}, by[VM_W] = {0}, br[VM_W];                                          \
            if (!xScalar) memcpy(bx, xs + i, (n - i) * sizeof(VM_T));                               \
            if (!yScalar) memcpy(by, ys + i, (n - i) * sizeof(VM_T));                               \
            const VM_V x = xScalar ? xFixed : VM_LOAD(bx);                                          \
            const VM_V y = yScalar ? yFixed : VM_LOAD(by);                                          \
            VM_V r;                                                                                 \
            BODY;                                                                                   \
            VM_STORE(br, r);                                                                        \
            memcpy(dst + i, br, (n - i) * sizeof(VM_T));                                            \
        }                                                                                           \
    } while (0)

/// Runs an op built around one SLEEF function `FN` over n elements of `src` into `dst`, in blocks
/// of VM_BLOCK elements: `PRE` computes the function's argument `t` from `x` for a whole block,
/// the function runs over the block in one call of the map trampoline, and `POST` computes the
/// result `r` from `x` and `t` (now the function's value). The last partial vector is padded with
/// zeros, as in VM_MAP1.
#define VM_BLOCK 256
#define VM_BLOCKS(PRE, FN, POST)                                                                    \
    do {                                                                                            \
        VM_T tb[VM_BLOCK], xb[VM_BLOCK];                                                            \
        for (size_t b0 = 0; b0 < n; b0 += VM_BLOCK) {                                               \
            const size_t m = n - b0 < VM_BLOCK ? n - b0 : VM_BLOCK, vectors = (m + VM_W - 1) / VM_W; \
            const VM_T *xp = src + b0;                                                              \
            if (m % VM_W != 0) {                                                                    \
                memset(xb + m - m % VM_W, 0, VM_W * sizeof(VM_T));                                  \
                memcpy(xb, xp, m * sizeof(VM_T));                                                   \
                xp = xb;                                                                            \
            }                                                                                       \
            for (size_t j = 0; j < vectors; j++) {                                                  \
                const VM_V x = VM_LOAD(xp + j * VM_W);                                              \
                VM_V t;                                                                             \
                PRE;                                                                                \
                VM_STORE(tb + j * VM_W, t);                                                         \
            }                                                                                       \
            VM_MAP_VECTORS((const void *)(FN), tb, tb, vectors);                                    \
            for (size_t j = 0; j < vectors; j++) {                                                  \
                const VM_V x = VM_LOAD(xp + j * VM_W), t = VM_LOAD(tb + j * VM_W);                  \
                (void)x;                                                                            \
                VM_V r;                                                                             \
                POST;                                                                               \
                if ((j + 1) * VM_W <= m) {                                                          \
                    VM_STORE(dst + b0 + j * VM_W, r);                                               \
                } else {                                                                            \
                    VM_T rb[VM_W];                                                                  \
                    VM_STORE(rb, r);                                                                \
                    memcpy(dst + b0 + j * VM_W, rb, (m - j * VM_W) * sizeof(VM_T));                 \
                }                                                                                   \
            }                                                                                       \
        }                                                                                           \
    } while (0)

/// The function alone: the whole vectors in one call of the map trampoline, straight from `src`
/// to `dst`, then the tail through a zero-padded vector.
#define VM_SLEEF_MAP(FN)                                                                            \
    do {                                                                                            \
        const size_t whole = n / VM_W, rest = n % VM_W;                                             \
        VM_MAP_VECTORS((const void *)(FN), src, dst, whole);                                        \
        if (rest != 0) {                                                                            \
            VM_T bx[VM_W] = {0};                                                                    \
            memcpy(bx, src + whole * VM_W, rest * sizeof(VM_T));                                    \
            VM_MAP_VECTORS((const void *)(FN), bx, bx, 1);                                          \
            memcpy(dst + whole * VM_W, bx, rest * sizeof(VM_T));                                    \
        }                                                                                           \
    } while (0)

#define VM_C(value) VM_SET1((VM_T)(value))
#define VM_NEGATE(v) VM_XOR(v, VM_C(-0.0))
#define VM_LT(a, b) VM_CMP(a, b, _CMP_LT_OQ)
#define VM_LE(a, b) VM_CMP(a, b, _CMP_LE_OQ)
#define VM_GT(a, b) VM_CMP(a, b, _CMP_GT_OQ)
#define VM_EQ(a, b) VM_CMP(a, b, _CMP_EQ_OQ)

#if VM_IS_FLOAT
/// exp(x) = y 2^n with y = exp(r), r = x - n ln 2 in [-ln 2 / 2, ln 2 / 2]: the reduction and
/// polynomial of `vm_exp`, returning y and setting `n`, which the caller applies.
VM_TARGET static inline VM_V VM_NAME(vm_exp_reduced)(VM_V x, VM_V *n_out) {
    const VM_V n = VM_ROUND(VM_MUL(x, VM_C(1.44269504088896341)), _MM_FROUND_TO_NEAREST_INT);
    VM_V r = VM_FMA(n, VM_C(-0.693359375), x);
    r = VM_FMA(n, VM_C(2.12194440e-4), r);
    VM_V p = VM_FMA(VM_C(1.9875691500e-4), r, VM_C(1.3981999507e-3));
    p = VM_FMA(p, r, VM_C(8.3334519073e-3));
    p = VM_FMA(p, r, VM_C(4.1665795894e-2));
    p = VM_FMA(p, r, VM_C(1.6666665459e-1));
    p = VM_FMA(p, r, VM_C(5.0000001201e-1));
    *n_out = n;
    return VM_ADD(VM_C(1), VM_FMA(VM_MUL(r, r), p, r));
}
#endif

/// exp(x): for float, computed inline (a call costs as much as the function): Cody and Waite's
/// reduction x = n ln 2 + r, Cephes' degree-6 polynomial for exp(r) in fused multiply-adds, and
/// 2^n applied in two halves so that subnormal results and n = 128 come out right. Within 1 ulp
/// of the correctly rounded value for every float (checked exhaustively: 2^31 inputs with
/// |x| < 110, 0.8% of them 1 ulp off, none more), as SLEEF's 1.0-ulp expf. For double, SLEEF's.
VM_TARGET static inline VM_V VM_NAME(vm_exp)(VM_V x) {
#if VM_IS_FLOAT
    VM_V n;
    VM_V y = VM_NAME(vm_exp_reduced)(x, &n);
    const VM_I k = VM_TO_INT(n), k1 = VM_INT_SHIFT_RIGHT(k, 1), k2 = VM_INT_SUB(k, k1);
    y = VM_MUL(VM_MUL(y, VM_POW2(k1)), VM_POW2(k2));
    y = VM_SELECT(VM_GT(x, VM_C(88.72283935546875)), VM_C(INFINITY), y);
    y = VM_SELECT(VM_LT(x, VM_C(-104)), VM_C(0), y);
    return VM_SELECT(VM_CMP(x, x, _CMP_UNORD_Q), x, y);
#else
    return VM_NAME(vm_call1)(VM_SLEEF(exp, u10), x);
#endif
}

/// log(x): for float, computed inline, as exp: x = m 2^e with m in [sqrt(1/2), sqrt(2)) (subnormals
/// scaled by 2^23 first), Cephes' degree-8 polynomial for log(1 + f) in fused multiply-adds, and e
/// ln 2 added in two parts. Within 1 ulp of the correctly rounded value for every positive float
/// (checked exhaustively, 0.6% of them 1 ulp off, none more); log(0) = -inf, log(x < 0) = NaN. For
/// double, SLEEF's.
VM_TARGET static inline VM_V VM_NAME(vm_log)(VM_V x0) {
#if VM_IS_FLOAT
    const VM_M tiny = VM_LT(x0, VM_C(1.17549435e-38));
    const VM_V x = VM_SELECT(tiny, VM_MUL(x0, VM_C(8388608.0)), x0);
    const VM_I bits = VM_AS_INT(x);
    VM_V e = VM_INT_TO_FLOAT(VM_INT_SUB(VM_INT_SHIFT_RIGHT_LOGICAL(bits, 23), VM_INT_C(127)));
    e = VM_SUB(e, VM_SELECT(tiny, VM_C(23), VM_C(0)));
    VM_V m = VM_AS_FLOAT(VM_INT_OR(VM_INT_AND(bits, VM_INT_C(0x007fffff)), VM_INT_C(0x3f800000)));
    const VM_M big = VM_GT(m, VM_C(1.41421356237309504880));
    m = VM_SELECT(big, VM_MUL(m, VM_C(0.5)), m);
    e = VM_ADD(e, VM_SELECT(big, VM_C(1), VM_C(0)));
    const VM_V f = VM_SUB(m, VM_C(1)), z = VM_MUL(f, f);
    VM_V p = VM_FMA(VM_C(7.0376836292E-2), f, VM_C(-1.1514610310E-1));
    p = VM_FMA(p, f, VM_C(1.1676998740E-1));
    p = VM_FMA(p, f, VM_C(-1.2420140846E-1));
    p = VM_FMA(p, f, VM_C(1.4249322787E-1));
    p = VM_FMA(p, f, VM_C(-1.6668057665E-1));
    p = VM_FMA(p, f, VM_C(2.0000714765E-1));
    p = VM_FMA(p, f, VM_C(-2.4999993993E-1));
    p = VM_FMA(p, f, VM_C(3.3333331174E-1));
    VM_V y = VM_MUL(VM_MUL(p, f), z);
    y = VM_FMA(e, VM_C(-2.12194440e-4), y);
    y = VM_FMA(z, VM_C(-0.5), y);
    VM_V r = VM_FMA(e, VM_C(0.693359375), VM_ADD(f, y));
    r = VM_SELECT(VM_EQ(x0, VM_C(0)), VM_C(-INFINITY), r);
    r = VM_SELECT(VM_EQ(x0, VM_C(INFINITY)), VM_C(INFINITY), r);
    r = VM_SELECT(VM_LT(x0, VM_C(0)), VM_C(NAN), r);
    return VM_SELECT(VM_CMP(x0, x0, _CMP_UNORD_Q), x0, r);
#else
    return VM_NAME(vm_call1)(VM_SLEEF(log, u10), x0);
#endif
}

/// tanh(x): for float, computed inline from the inline exp: 1 - 2 / (exp(2|x|) + 1) for
/// |x| >= 0.625, Cephes' odd polynomial below, the sign put back. Within 1 ulp of the correctly
/// rounded value for every float (checked exhaustively, 0.2% of them 1 ulp off). For double,
/// SLEEF's.
VM_TARGET static inline VM_V VM_NAME(vm_tanh)(VM_V x) {
#if VM_IS_FLOAT
    const VM_V sign = VM_AND(VM_C(-0.0), x), a = VM_XOR(sign, x);
    const VM_V e = VM_NAME(vm_exp)(VM_ADD(a, a));
    const VM_V large = VM_SUB(VM_C(1), VM_DIV(VM_C(2), VM_ADD(e, VM_C(1))));
    const VM_V z = VM_MUL(x, x);
    VM_V p = VM_FMA(VM_C(-5.70498872745E-3), z, VM_C(2.06390887954E-2));
    p = VM_FMA(p, z, VM_C(-5.37397155531E-2));
    p = VM_FMA(p, z, VM_C(1.33314422036E-1));
    p = VM_FMA(p, z, VM_C(-3.33332819422E-1));
    const VM_V small = VM_FMA(VM_MUL(p, z), a, a);
    const VM_V r = VM_XOR(VM_SELECT(VM_LT(a, VM_C(0.625)), small, large), sign);
    return VM_SELECT(VM_CMP(x, x, _CMP_UNORD_Q), x, r);
#else
    return VM_NAME(vm_call1)(VM_SLEEF(tanh, u10), x);
#endif
}

// MARK: - Shared formulas

/// 1 / (1 + exp(-x)): PyTorch's vectorized sigmoid (also inside silu and mish).
VM_TARGET static inline VM_V VM_NAME(vm_sigmoid)(VM_V x) {
    return VM_DIV(VM_C(1), VM_ADD(VM_C(1), VM_NAME(vm_exp)(VM_NEGATE(x))));
}

/// tanh(log1p(exp(x))): mish's factor.
VM_TARGET static inline VM_V VM_NAME(vm_tanh_softplus)(VM_V x) {
    return VM_NAME(vm_tanh)(VM_NAME(vm_call1)(VM_SLEEF(log1p, u10), VM_NAME(vm_exp)(x)));
}

/// erf as gelu and its backward compute it: for float, PyTorch's `Vectorized<float>::erf`
/// (Abramowitz and Stegun's 7.1.26 with SLEEF's exp, absolute error below 1.5e-7), so that
/// `gelu` gives PyTorch's bits at the speed of one exp; for double, SLEEF's erf, as PyTorch's.
/// (`erf` itself is SLEEF's 1.0-ulp function for both.)
#if VM_IS_FLOAT
/// exp(x) for x <= 0 (or NaN) as `vm_exp` computes it, but with arguments below -87 taken as -87
/// (a result of about 1.6e-38 where the true one is smaller or subnormal), which saves the
/// overflow, underflow and NaN selects and the second scaling: for erf's factor exp(-v * v),
/// which matters only through 1 - t r exp(-v * v), already exactly 1 (in float) once
/// exp(-v * v) < 2^-25, so no erf result changes.
VM_TARGET static inline VM_V VM_NAME(vm_exp_erf_factor)(VM_V x) {
    VM_V n;
    // NaN stays NaN: max returns its second operand when one is NaN.
    const VM_V y = VM_NAME(vm_exp_reduced)(VM_MAX(VM_C(-87), x), &n);
    return VM_MUL(y, VM_POW2(VM_TO_INT(n)));
}

/// Abramowitz and Stegun's erf(v) from e = exp(-v * v), as PyTorch's `Vectorized<float>::erf`.
VM_TARGET static inline VM_V VM_NAME(vm_fast_erf)(VM_V v, VM_V e) {
    const VM_V sign = VM_AND(VM_C(-0.0), v), magnitude = VM_XOR(sign, v), one = VM_C(1);
    const VM_V t = VM_DIV(one, VM_FMA(VM_C(0.3275911), magnitude, one));
    VM_V r = VM_FMA(VM_C(1.061405429), t, VM_C(-1.453152027));
    r = VM_FMA(r, t, VM_C(1.421413741));
    r = VM_FMA(r, t, VM_C(-0.284496736));
    r = VM_FMA(r, t, VM_C(0.254829592));
    return VM_XOR(sign, VM_FMA(VM_MUL(VM_NEGATE(e), t), r, one));
}
#endif

VM_TARGET static inline VM_V VM_NAME(vm_gelu_erf)(VM_V x) {
#if VM_IS_FLOAT
    return VM_NAME(vm_fast_erf)(x, VM_NAME(vm_exp_erf_factor)(VM_NEGATE(VM_MUL(x, x))));
#else
    return VM_NAME(vm_call1)(VM_SLEEF(erf, u10), x);
#endif
}

// MARK: - One input

VM_TARGET int VM_NAME(ember_vm_unary)(int op, const ember_vm_params *p, const VM_T *src, VM_T *dst, size_t n) {
    if (n == 0) return 1;
    const VM_V zero = VM_C(0), one = VM_C(1), half = VM_C(0.5);
    const VM_V a = VM_C(p ? p->a : 0), b = VM_C(p ? p->b : 0), c = VM_C(p ? p->c : 0);
    switch (op) {
    case EMBER_VM_NEG: VM_MAP1(r = VM_NEGATE(x)); break;
    case EMBER_VM_ABS: VM_MAP1(r = VM_ANDNOT(VM_C(-0.0), x)); break;
    case EMBER_VM_SIGN:
        // (x > 0) - (x < 0): NaN and both zeros give +0.
        VM_MAP1(r = VM_SUB(VM_SELECT(VM_GT(x, zero), one, zero), VM_SELECT(VM_LT(x, zero), one, zero)));
        break;
    case EMBER_VM_SQUARE: VM_MAP1(r = VM_MUL(x, x)); break;
    case EMBER_VM_RECIPROCAL: VM_MAP1(r = VM_DIV(one, x)); break;
    case EMBER_VM_SQRT: VM_MAP1(r = VM_SQRT(x)); break;
    case EMBER_VM_RSQRT: VM_MAP1(r = VM_DIV(one, VM_SQRT(x))); break;
    case EMBER_VM_EXP:
#if VM_IS_FLOAT
        VM_MAP1(r = VM_NAME(vm_exp)(x));
#else
        VM_SLEEF_MAP(VM_SLEEF(exp, u10));
#endif
        break;
    case EMBER_VM_EXP2: VM_SLEEF_MAP(VM_SLEEF(exp2, u10)); break;
    case EMBER_VM_EXPM1: VM_SLEEF_MAP(VM_SLEEF(expm1, u10)); break;
    case EMBER_VM_LOG:
#if VM_IS_FLOAT
        VM_MAP1(r = VM_NAME(vm_log)(x));
#else
        VM_SLEEF_MAP(VM_SLEEF(log, u10));
#endif
        break;
    case EMBER_VM_LOG2: VM_SLEEF_MAP(VM_SLEEF(log2, u10)); break;
    case EMBER_VM_LOG10: VM_SLEEF_MAP(VM_SLEEF(log10, u10)); break;
    case EMBER_VM_LOG1P: VM_SLEEF_MAP(VM_SLEEF(log1p, u10)); break;
    case EMBER_VM_SIN: VM_SLEEF_MAP(VM_SLEEF(sin, u10)); break;
    case EMBER_VM_COS: VM_SLEEF_MAP(VM_SLEEF(cos, u10)); break;
    case EMBER_VM_TAN: VM_SLEEF_MAP(VM_SLEEF(tan, u10)); break;
    case EMBER_VM_ASIN: VM_SLEEF_MAP(VM_SLEEF(asin, u10)); break;
    case EMBER_VM_ACOS: VM_SLEEF_MAP(VM_SLEEF(acos, u10)); break;
    case EMBER_VM_ATAN: VM_SLEEF_MAP(VM_SLEEF(atan, u10)); break;
    case EMBER_VM_SINH: VM_SLEEF_MAP(VM_SLEEF(sinh, u10)); break;
    case EMBER_VM_COSH: VM_SLEEF_MAP(VM_SLEEF(cosh, u10)); break;
    case EMBER_VM_TANH:
#if VM_IS_FLOAT
        VM_MAP1(r = VM_NAME(vm_tanh)(x));
#else
        VM_SLEEF_MAP(VM_SLEEF(tanh, u10));
#endif
        break;
    // SLEEF's asinh and acosh overflow above 1.8e19 (float) and 1.3e154 (double), where the
    // functions equal log(2|x|) = log|x| + log 2 to the last bit.
    case EMBER_VM_ASINH:
        VM_MAP1(r = VM_NAME(vm_call1)(VM_SLEEF(asinh, u10), x);
                const VM_V m = VM_ANDNOT(VM_C(-0.0), x);
                if (VM_ANY(VM_GT(m, VM_C(VM_HUGE)))) {
                    const VM_V big = VM_ADD(VM_NAME(vm_call1)(VM_SLEEF(log, u10), m), VM_C(M_LN2));
                    r = VM_SELECT(VM_GT(m, VM_C(VM_HUGE)), VM_XOR(VM_AND(VM_C(-0.0), x), big), r);
                });
        break;
    case EMBER_VM_ACOSH:
        VM_MAP1(r = VM_NAME(vm_call1)(VM_SLEEF(acosh, u10), x);
                if (VM_ANY(VM_GT(x, VM_C(VM_HUGE)))) {
                    const VM_V big = VM_ADD(VM_NAME(vm_call1)(VM_SLEEF(log, u10), x), VM_C(M_LN2));
                    r = VM_SELECT(VM_GT(x, VM_C(VM_HUGE)), big, r);
                });
        break;
    case EMBER_VM_ATANH: VM_SLEEF_MAP(VM_SLEEF(atanh, u10)); break;
    case EMBER_VM_ERF: VM_SLEEF_MAP(VM_SLEEF(erf, u10)); break;
    case EMBER_VM_ERFC: VM_SLEEF_MAP(VM_SLEEF(erfc, u15)); break;
    case EMBER_VM_SIGMOID:
#if VM_IS_FLOAT
        VM_MAP1(r = VM_NAME(vm_sigmoid)(x));
#else
        VM_BLOCKS(t = VM_NEGATE(x), VM_SLEEF(exp, u10), r = VM_DIV(one, VM_ADD(one, t)));
#endif
        break;
    case EMBER_VM_SILU:
#if VM_IS_FLOAT
        VM_MAP1(r = VM_DIV(x, VM_ADD(one, VM_NAME(vm_exp)(VM_NEGATE(x)))));
#else
        VM_BLOCKS(t = VM_NEGATE(x), VM_SLEEF(exp, u10), r = VM_DIV(x, VM_ADD(one, t)));
#endif
        break;
    case EMBER_VM_MISH: VM_MAP1(r = VM_MUL(x, VM_NAME(vm_tanh_softplus)(x))); break;
    case EMBER_VM_GELU:
#if VM_IS_FLOAT
        // h + h * erf(x / sqrt(2)) with h = x / 2 in one fused multiply-add, as PyTorch's float
        // kernel computes it (gelu(-0) and gelu(-100) are +0 in float, -0 in double).
        VM_MAP1(const VM_V h = VM_MUL(x, half); r = VM_FMA(h, VM_NAME(vm_gelu_erf)(VM_MUL(x, VM_C(M_SQRT1_2))), h));
#else
        // x * 0.5 * (1 + erf(x / sqrt(2)))
        VM_BLOCKS(t = VM_MUL(x, VM_C(M_SQRT1_2)), VM_SLEEF(erf, u10), r = VM_MUL(VM_MUL(x, half), VM_ADD(one, t)));
#endif
        break;
    case EMBER_VM_GELU_TANH: {
        // 0.5 * x * (1 + tanh(beta * (x + kappa * x^3)))
        const VM_V beta = VM_C(M_SQRT2 * M_2_SQRTPI * 0.5), kappa = VM_C(0.044715);
#if VM_IS_FLOAT
        VM_MAP1(const VM_V cube = VM_MUL(VM_MUL(x, x), x);
                const VM_V t = VM_NAME(vm_tanh)(VM_MUL(beta, VM_ADD(x, VM_MUL(kappa, cube))));
                r = VM_MUL(VM_MUL(half, x), VM_ADD(one, t)));
#else
        VM_BLOCKS(const VM_V cube = VM_MUL(VM_MUL(x, x), x); t = VM_MUL(beta, VM_ADD(x, VM_MUL(kappa, cube))),
                  VM_SLEEF(tanh, u10), r = VM_MUL(VM_MUL(half, x), VM_ADD(one, t)));
#endif
        break;
    }
    case EMBER_VM_SOFTPLUS:
        // x * beta > threshold ? x : log1p(exp(x * beta)) / beta
        VM_MAP1(const VM_V z = VM_MUL(x, a);
                r = VM_SELECT(VM_GT(z, b), x, VM_DIV(VM_NAME(vm_call1)(VM_SLEEF(log1p, u10), VM_NAME(vm_exp)(z)), a)));
        break;
    case EMBER_VM_ELU: VM_BLOCKS(t = x, VM_SLEEF(expm1, u10), r = VM_SELECT(VM_GT(x, zero), x, VM_MUL(t, a))); break;
    case EMBER_VM_LEAKY_RELU: VM_MAP1(r = VM_SELECT(VM_GT(x, zero), x, VM_MUL(x, a))); break;
    // max(x, 0) as PyTorch's clamp_min: x < 0 is false for NaN and -0, which pass.
    case EMBER_VM_RELU: VM_MAP1(r = VM_SELECT(VM_LT(x, zero), zero, x)); break;
    case EMBER_VM_FLOOR: VM_MAP1(r = VM_ROUND(x, _MM_FROUND_TO_NEG_INF)); break;
    case EMBER_VM_CEIL: VM_MAP1(r = VM_ROUND(x, _MM_FROUND_TO_POS_INF)); break;
    case EMBER_VM_ROUND: VM_MAP1(r = VM_ROUND(x, _MM_FROUND_TO_NEAREST_INT)); break;
    case EMBER_VM_TRUNC: VM_MAP1(r = VM_ROUND(x, _MM_FROUND_TO_ZERO)); break;
    case EMBER_VM_FRAC: VM_MAP1(r = VM_SUB(x, VM_ROUND(x, _MM_FROUND_TO_ZERO))); break;
    case EMBER_VM_NAN_TO_NUM: {
        const VM_V inf = VM_C(INFINITY), ninf = VM_C(-INFINITY);
        VM_MAP1(r = VM_SELECT(VM_CMP(x, x, _CMP_UNORD_Q), a,
                              VM_SELECT(VM_EQ(x, inf), b, VM_SELECT(VM_EQ(x, ninf), c, x))));
        break;
    }
    case EMBER_VM_CLAMP:
        // x < min ? min : x, then > max ? max: NaN passes both tests.
        VM_MAP1(const VM_V low = VM_SELECT(VM_LT(x, a), a, x); r = VM_SELECT(VM_GT(low, b), b, low));
        break;
    case EMBER_VM_LOGIT: VM_BLOCKS(t = VM_DIV(x, VM_SUB(one, x)), VM_SLEEF(log, u10), r = t); break;
    case EMBER_VM_LOGIT_EPS:
        VM_BLOCKS(const VM_V z = VM_SELECT(VM_LT(x, a), a, VM_SELECT(VM_GT(x, b), b, x)); t = VM_DIV(z, VM_SUB(one, z)),
                  VM_SLEEF(log, u10), r = t);
        break;
    default: return 0;
    }
    return 1;
}

// MARK: - Two inputs

VM_TARGET int VM_NAME(ember_vm_binary)(int op, int operands, const VM_T *xs, const VM_T *ys, VM_T *dst, size_t n) {
    if (n == 0) return 1;
    switch (op) {
    case EMBER_VM_POW: VM_MAP2(r = VM_NAME(vm_call2)(VM_SLEEF(pow, u10), x, y)); break;
    case EMBER_VM_ATAN2: VM_MAP2(r = VM_NAME(vm_call2)(VM_SLEEF(atan2, u10), x, y)); break;
    case EMBER_VM_FMOD: VM_MAP2(r = VM_NAME(vm_call2)(VM_SLEEF_EXACT(fmod), x, y)); break;
    case EMBER_VM_REMAINDER: {
        // Python's modulo from fmod: m + y where m != 0 and m, y differ in sign.
        const VM_V zero = VM_C(0);
        VM_MAP2(const VM_V m = VM_NAME(vm_call2)(VM_SLEEF_EXACT(fmod), x, y);
                const VM_M adjust = VM_MAND(VM_CMP(m, zero, _CMP_NEQ_UQ), VM_MXOR(VM_LT(y, zero), VM_LT(m, zero)));
                r = VM_SELECT(adjust, VM_ADD(m, y), m));
        break;
    }
    case EMBER_VM_HYPOT: VM_MAP2(r = VM_NAME(vm_call2)(VM_SLEEF(hypot, u05), x, y)); break;
    default: return 0;
    }
    return 1;
}

// MARK: - First-order backward formulas

/// The backward formulas as PyTorch's kernels compute them (tanh_backward, sigmoid_backward,
/// threshold_backward, gelu_backward, silu_backward, mish_backward, softplus_backward,
/// elu_backward from the result, leaky_relu_backward) and, for the rest, in the order of the
/// composite formulas in Derivatives+Unary.swift, so both paths give the same bits.
VM_TARGET int VM_NAME(ember_vm_backward)(int op, const ember_vm_params *p, const VM_T *gs, const VM_T *ss, VM_T *dst,
                                         size_t n) {
    if (n == 0) return 1;
    const VM_V zero = VM_C(0), one = VM_C(1), half = VM_C(0.5);
    const VM_V a = VM_C(p ? p->a : 0), b = VM_C(p ? p->b : 0);
    const int operands = EMBER_VM_BOTH_ARRAYS;
    const VM_T *xs = gs, *ys = ss;
#define g x
#define s y
    switch (op) {
    case EMBER_VM_TANH: VM_MAP2(r = VM_MUL(g, VM_SUB(one, VM_MUL(s, s)))); break;
    case EMBER_VM_SIGMOID: VM_MAP2(r = VM_MUL(VM_MUL(g, VM_SUB(one, s)), s)); break;
    case EMBER_VM_RELU: VM_MAP2(r = VM_SELECT(VM_LE(s, zero), zero, g)); break;
    case EMBER_VM_GELU: {
        const VM_V alpha = VM_C(M_2_SQRTPI * M_SQRT1_2 * 0.5), minusHalf = VM_C(-0.5);
        VM_MAP2(const VM_V cdf = VM_MUL(half, VM_ADD(one, VM_NAME(vm_gelu_erf)(VM_MUL(s, VM_C(M_SQRT1_2)))));
                const VM_V pdf = VM_MUL(alpha, VM_NAME(vm_exp)(VM_MUL(VM_MUL(s, s), minusHalf)));
                r = VM_MUL(g, VM_ADD(cdf, VM_MUL(s, pdf))));
        break;
    }
    case EMBER_VM_GELU_TANH: {
        const VM_V beta = VM_C(M_SQRT2 * M_2_SQRTPI * 0.5), kappa = VM_C(0.044715), threeKappa = VM_C(3 * 0.044715);
        VM_MAP2(const VM_V square = VM_MUL(s, s); const VM_V cube = VM_MUL(square, s);
                const VM_V t = VM_NAME(vm_tanh)(VM_MUL(beta, VM_ADD(s, VM_MUL(kappa, cube))));
                const VM_V left = VM_MUL(half, s);
                const VM_V leftDerivative = VM_MUL(half, VM_ADD(one, t));
                const VM_V innerDerivative = VM_MUL(beta, VM_ADD(one, VM_MUL(square, threeKappa)));
                const VM_V rightDerivative = VM_MUL(VM_MUL(left, VM_SUB(one, VM_MUL(t, t))), innerDerivative);
                r = VM_MUL(g, VM_ADD(leftDerivative, rightDerivative)));
        break;
    }
    case EMBER_VM_SILU:
        VM_MAP2(const VM_V sig = VM_NAME(vm_sigmoid)(s);
                r = VM_MUL(VM_MUL(g, sig), VM_ADD(one, VM_MUL(s, VM_SUB(one, sig)))));
        break;
    case EMBER_VM_MISH:
        VM_MAP2(const VM_V sig = VM_NAME(vm_sigmoid)(s); const VM_V t = VM_NAME(vm_tanh_softplus)(s);
                r = VM_MUL(g, VM_ADD(t, VM_MUL(VM_MUL(s, sig), VM_SUB(one, VM_MUL(t, t))))));
        break;
    case EMBER_VM_SOFTPLUS:
        // x * beta > threshold ? g : g * z / (z + 1) with z = exp(x * beta)
        VM_MAP2(const VM_V scaled = VM_MUL(s, a); const VM_V z = VM_NAME(vm_exp)(scaled);
                r = VM_SELECT(VM_GT(scaled, b), g, VM_DIV(VM_MUL(g, z), VM_ADD(z, one))));
        break;
    case EMBER_VM_ELU: VM_MAP2(r = VM_SELECT(VM_LE(s, zero), VM_MUL(g, VM_ADD(s, a)), g)); break;
    case EMBER_VM_LEAKY_RELU: VM_MAP2(r = VM_SELECT(VM_GT(s, zero), g, VM_MUL(g, a))); break;
    case EMBER_VM_SIN: VM_MAP2(r = VM_MUL(g, VM_NAME(vm_call1)(VM_SLEEF(cos, u10), s))); break;
    case EMBER_VM_COS: VM_MAP2(r = VM_MUL(VM_NEGATE(g), VM_NAME(vm_call1)(VM_SLEEF(sin, u10), s))); break;
    case EMBER_VM_TAN: VM_MAP2(r = VM_MUL(g, VM_ADD(VM_MUL(s, s), one))); break;
    case EMBER_VM_SINH: VM_MAP2(r = VM_MUL(g, VM_NAME(vm_call1)(VM_SLEEF(cosh, u10), s))); break;
    case EMBER_VM_COSH: VM_MAP2(r = VM_MUL(g, VM_NAME(vm_call1)(VM_SLEEF(sinh, u10), s))); break;
    case EMBER_VM_SQRT: VM_MAP2(r = VM_DIV(g, VM_MUL(s, VM_C(2)))); break;
    case EMBER_VM_RSQRT: VM_MAP2(r = VM_MUL(VM_MUL(g, VM_MUL(VM_MUL(s, s), s)), VM_C(-0.5))); break;
    case EMBER_VM_RECIPROCAL: VM_MAP2(r = VM_MUL(VM_MUL(VM_NEGATE(g), s), s)); break;
    case EMBER_VM_EXP2: VM_MAP2(r = VM_MUL(VM_MUL(g, s), VM_C(0.6931471805599453))); break;
    case EMBER_VM_EXPM1: VM_MAP2(r = VM_MUL(g, VM_ADD(s, one))); break;
    case EMBER_VM_LOG1P: VM_MAP2(r = VM_DIV(g, VM_ADD(s, one))); break;
    case EMBER_VM_LOG2: VM_MAP2(r = VM_DIV(g, VM_MUL(s, VM_C(0.6931471805599453)))); break;
    case EMBER_VM_LOG10: VM_MAP2(r = VM_DIV(g, VM_MUL(s, VM_C(2.302585092994046)))); break;
    case EMBER_VM_ASIN: VM_MAP2(r = VM_MUL(g, VM_DIV(one, VM_SQRT(VM_SUB(one, VM_MUL(s, s)))))); break;
    case EMBER_VM_ACOS:
        VM_MAP2(r = VM_MUL(VM_NEGATE(g), VM_DIV(one, VM_SQRT(VM_SUB(one, VM_MUL(s, s))))));
        break;
    case EMBER_VM_ATAN: VM_MAP2(r = VM_DIV(g, VM_ADD(VM_MUL(s, s), one))); break;
    case EMBER_VM_ASINH: VM_MAP2(r = VM_MUL(g, VM_DIV(one, VM_SQRT(VM_ADD(VM_MUL(s, s), one))))); break;
    case EMBER_VM_ACOSH: VM_MAP2(r = VM_MUL(g, VM_DIV(one, VM_SQRT(VM_SUB(VM_MUL(s, s), one))))); break;
    case EMBER_VM_ATANH: VM_MAP2(r = VM_DIV(g, VM_SUB(one, VM_MUL(s, s)))); break;
    case EMBER_VM_ERF:
        VM_MAP2(r = VM_MUL(VM_MUL(g, VM_NAME(vm_exp)(VM_NEGATE(VM_MUL(s, s)))), VM_C(1.1283791670955126)));
        break;
    case EMBER_VM_ERFC:
        VM_MAP2(r = VM_MUL(VM_MUL(VM_NAME(vm_exp)(VM_NEGATE(VM_MUL(s, s))), VM_C(-1.1283791670955126)), g));
        break;
    default: return 0;
    }
#undef g
#undef s
    return 1;
}

// MARK: - LSTM cells

/// One vector of an LSTM step's cell (Note [Fused LSTM] in EmberNN): the gates `i f g o` hold
/// `h @ W_hh^T` on entry, `p*` the step's input projection and `b*` the biases (NULL for none);
/// on return the gates hold σ(pi + i + bi), σ(pf + f + bf), tanh(pg + g + bg), σ(po + o + bo),
/// and c = σf cp + σi tanh g, tc = tanh c, h = σo tc.
VM_TARGET static inline VM_V VM_NAME(vm_lstm_gate)(const VM_T *p, const VM_T *g, const VM_T *b) {
    const VM_V sum = VM_ADD(VM_LOAD(p), VM_LOAD(g));
    return b ? VM_ADD(sum, VM_LOAD(b)) : sum;
}

VM_TARGET static inline void VM_NAME(vm_lstm_cell)(VM_T *i, VM_T *f, VM_T *g, VM_T *o, const VM_T *pi,
                                                   const VM_T *pf, const VM_T *pg, const VM_T *po,
                                                   const VM_T *bi, const VM_T *bf, const VM_T *bg,
                                                   const VM_T *bo, const VM_T *cp, VM_T *c, VM_T *tc, VM_T *h) {
    const VM_V si = VM_NAME(vm_sigmoid)(VM_NAME(vm_lstm_gate)(pi, i, bi));
    const VM_V sf = VM_NAME(vm_sigmoid)(VM_NAME(vm_lstm_gate)(pf, f, bf));
    const VM_V tg = VM_NAME(vm_tanh)(VM_NAME(vm_lstm_gate)(pg, g, bg));
    const VM_V so = VM_NAME(vm_sigmoid)(VM_NAME(vm_lstm_gate)(po, o, bo));
    const VM_V cell = VM_ADD(VM_MUL(sf, VM_LOAD(cp)), VM_MUL(si, tg));
    const VM_V tanhCell = VM_NAME(vm_tanh)(cell);
    VM_STORE(i, si);
    VM_STORE(f, sf);
    VM_STORE(g, tg);
    VM_STORE(o, so);
    VM_STORE(c, cell);
    VM_STORE(tc, tanhCell);
    VM_STORE(h, VM_MUL(so, tanhCell));
}

/// One vector of an LSTM step's backward: from the activated gates, tanh c, the previous cell,
/// the gradients of h (two parts: from the next step and from the output) and of c, the gates'
/// gradients, and dc replaced by the gradient of the previous cell.
VM_TARGET static inline void VM_NAME(vm_lstm_cell_backward)(const VM_T *i, const VM_T *f, const VM_T *g,
                                                            const VM_T *o, const VM_T *tc, const VM_T *cp,
                                                            const VM_T *dh, const VM_T *dout, VM_T *dc,
                                                            VM_T *di, VM_T *df, VM_T *dg, VM_T *dO) {
    const VM_V one = VM_C(1);
    const VM_V vi = VM_LOAD(i), vf = VM_LOAD(f), vg = VM_LOAD(g), vo = VM_LOAD(o), vtc = VM_LOAD(tc);
    const VM_V dhTotal = VM_ADD(VM_LOAD(dh), VM_LOAD(dout));
    const VM_V dct = VM_ADD(VM_LOAD(dc), VM_MUL(VM_MUL(dhTotal, vo), VM_SUB(one, VM_MUL(vtc, vtc))));
    VM_STORE(di, VM_MUL(VM_MUL(VM_MUL(dct, vg), vi), VM_SUB(one, vi)));
    VM_STORE(df, VM_MUL(VM_MUL(VM_MUL(dct, VM_LOAD(cp)), vf), VM_SUB(one, vf)));
    VM_STORE(dg, VM_MUL(VM_MUL(dct, vi), VM_SUB(one, VM_MUL(vg, vg))));
    VM_STORE(dO, VM_MUL(VM_MUL(VM_MUL(dhTotal, vtc), vo), VM_SUB(one, vo)));
    VM_STORE(dc, VM_MUL(dct, vf));
}

/// vm_lstm_cell over `rows` rows of `hidden` elements: gates and projected [rows, 4 hidden],
/// bias [4 hidden] or NULL, the rest [rows, hidden], all contiguous. The last partial vector of a
/// row goes through zero-padded copies, so an element's result does not depend on its position.
VM_TARGET void VM_NAME(ember_vm_lstm_cell)(size_t rows, size_t hidden, VM_T *gates, const VM_T *projected,
                                           const VM_T *bias, const VM_T *cPrev, VM_T *cell, VM_T *tanhCell,
                                           VM_T *h) {
    const size_t hh = hidden;
    for (size_t r = 0; r < rows; r++) {
        VM_T *gr = gates + r * 4 * hh;
        const VM_T *pr = projected + r * 4 * hh, *cpr = cPrev + r * hh;
        VM_T *cr = cell + r * hh, *tcr = tanhCell + r * hh, *hr = h + r * hh;
        size_t j = 0;
        for (; j + VM_W <= hh; j += VM_W) {
            VM_NAME(vm_lstm_cell)(gr + j, gr + hh + j, gr + 2 * hh + j, gr + 3 * hh + j, pr + j, pr + hh + j,
                                  pr + 2 * hh + j, pr + 3 * hh + j, bias ? bias + j : NULL,
                                  bias ? bias + hh + j : NULL, bias ? bias + 2 * hh + j : NULL,
                                  bias ? bias + 3 * hh + j : NULL, cpr + j, cr + j, tcr + j, hr + j);
        }
        if (j < hh) {
            const size_t m = (hh - j) * sizeof(VM_T);
            VM_T b[16][VM_W];
            memset(b, 0, sizeof(b));
            for (int k = 0; k < 4; k++) {
                memcpy(b[k], gr + k * hh + j, m);
                memcpy(b[4 + k], pr + k * hh + j, m);
                if (bias) memcpy(b[8 + k], bias + k * hh + j, m);
            }
            memcpy(b[12], cpr + j, m);
            VM_NAME(vm_lstm_cell)(b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], bias ? b[8] : NULL,
                                  bias ? b[9] : NULL, bias ? b[10] : NULL, bias ? b[11] : NULL, b[12], b[13], b[14],
                                  b[15]);
            for (int k = 0; k < 4; k++) memcpy(gr + k * hh + j, b[k], m);
            memcpy(cr + j, b[13], m);
            memcpy(tcr + j, b[14], m);
            memcpy(hr + j, b[15], m);
        }
    }
}

/// vm_lstm_cell_backward over `rows` rows: acts and dGates [rows, 4 hidden], the rest [rows,
/// hidden], all contiguous; dc in place.
VM_TARGET void VM_NAME(ember_vm_lstm_cell_backward)(size_t rows, size_t hidden, const VM_T *acts,
                                                    const VM_T *tanhCell, const VM_T *cPrev, const VM_T *dh,
                                                    const VM_T *dout, VM_T *dc, VM_T *dGates) {
    for (size_t r = 0; r < rows; r++) {
        const VM_T *ar = acts + r * 4 * hidden;
        VM_T *dgr = dGates + r * 4 * hidden;
        const size_t o = r * hidden;
        size_t j = 0;
        for (; j + VM_W <= hidden; j += VM_W) {
            VM_NAME(vm_lstm_cell_backward)(ar + j, ar + hidden + j, ar + 2 * hidden + j, ar + 3 * hidden + j,
                                           tanhCell + o + j, cPrev + o + j, dh + o + j, dout + o + j, dc + o + j,
                                           dgr + j, dgr + hidden + j, dgr + 2 * hidden + j, dgr + 3 * hidden + j);
        }
        if (j < hidden) {
            const size_t m = (hidden - j) * sizeof(VM_T);
            VM_T b[13][VM_W];
            memset(b, 0, sizeof(b));
            for (int k = 0; k < 4; k++) memcpy(b[k], ar + k * hidden + j, m);
            memcpy(b[4], tanhCell + o + j, m);
            memcpy(b[5], cPrev + o + j, m);
            memcpy(b[6], dh + o + j, m);
            memcpy(b[7], dout + o + j, m);
            memcpy(b[8], dc + o + j, m);
            VM_NAME(vm_lstm_cell_backward)(b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11],
                                           b[12]);
            memcpy(dc + o + j, b[8], m);
            for (int k = 0; k < 4; k++) memcpy(dgr + k * hidden + j, b[9 + k], m);
        }
    }
}

// MARK: - GRU cells

/// `p + b` for a bias pointer that may be NULL.
VM_TARGET static inline VM_V VM_NAME(vm_plus_bias)(VM_V v, const VM_T *b) {
    return b ? VM_ADD(v, VM_LOAD(b)) : v;
}

/// One vector of a GRU step (Note [Fused GRU] in EmberNN): the gates `r z n` hold
/// `h @ W_hh^T` on entry, `p*` the step's input projection, `bi*` and `bh*` the biases (NULL for
/// none); on return the gates hold r = σ(pr + bir + r + bhr), z likewise and
/// n = tanh(pn + bin + r (n + bhn)), `hn` holds n + bhn (the hidden part of n, for backward), and
/// h = n + z (hp - n), PyTorch's formula.
VM_TARGET static inline void VM_NAME(vm_gru_cell)(VM_T *r, VM_T *z, VM_T *n, const VM_T *pr, const VM_T *pz,
                                                  const VM_T *pn, const VM_T *bir, const VM_T *biz,
                                                  const VM_T *bin, const VM_T *bhr, const VM_T *bhz,
                                                  const VM_T *bhn, const VM_T *hp, VM_T *hn, VM_T *h) {
    const VM_V sr = VM_NAME(vm_sigmoid)(VM_ADD(VM_NAME(vm_plus_bias)(VM_LOAD(pr), bir),
                                               VM_NAME(vm_plus_bias)(VM_LOAD(r), bhr)));
    const VM_V sz = VM_NAME(vm_sigmoid)(VM_ADD(VM_NAME(vm_plus_bias)(VM_LOAD(pz), biz),
                                               VM_NAME(vm_plus_bias)(VM_LOAD(z), bhz)));
    const VM_V hiddenPart = VM_NAME(vm_plus_bias)(VM_LOAD(n), bhn);
    const VM_V tn = VM_NAME(vm_tanh)(VM_ADD(VM_NAME(vm_plus_bias)(VM_LOAD(pn), bin), VM_MUL(sr, hiddenPart)));
    VM_STORE(r, sr);
    VM_STORE(z, sz);
    VM_STORE(n, tn);
    VM_STORE(hn, hiddenPart);
    VM_STORE(h, VM_ADD(tn, VM_MUL(sz, VM_SUB(VM_LOAD(hp), tn))));
}

/// One vector of a GRU step's backward, from the activated gates, the hidden part of n and the
/// previous hidden state: with d = dh + dout, the gradients of the gates' pre-activations on the
/// input side (`di*`) and on the hidden side (`dh*`, where n's is multiplied by r), and the
/// direct part of the previous hidden state's gradient, d z (the caller adds dh* @ W_hh).
VM_TARGET static inline void VM_NAME(vm_gru_cell_backward)(const VM_T *r, const VM_T *z, const VM_T *n,
                                                           const VM_T *hn, const VM_T *hp, const VM_T *dh,
                                                           const VM_T *dout, VM_T *dir, VM_T *diz, VM_T *din,
                                                           VM_T *dhr, VM_T *dhz, VM_T *dhn, VM_T *dhp) {
    const VM_V one = VM_C(1);
    const VM_V vr = VM_LOAD(r), vz = VM_LOAD(z), vn = VM_LOAD(n);
    const VM_V d = VM_ADD(VM_LOAD(dh), VM_LOAD(dout));
    const VM_V dnPre = VM_MUL(VM_MUL(d, VM_SUB(one, vz)), VM_SUB(one, VM_MUL(vn, vn)));
    const VM_V drPre = VM_MUL(VM_MUL(VM_MUL(dnPre, VM_LOAD(hn)), vr), VM_SUB(one, vr));
    const VM_V dzPre = VM_MUL(VM_MUL(VM_MUL(d, VM_SUB(VM_LOAD(hp), vn)), vz), VM_SUB(one, vz));
    VM_STORE(dir, drPre);
    VM_STORE(diz, dzPre);
    VM_STORE(din, dnPre);
    VM_STORE(dhr, drPre);
    VM_STORE(dhz, dzPre);
    VM_STORE(dhn, VM_MUL(dnPre, vr));
    VM_STORE(dhp, VM_MUL(d, vz));
}

/// vm_gru_cell over `rows` rows of `hidden` elements: gates and projected [rows, 3 hidden], the
/// biases [3 hidden] or NULL, the rest [rows, hidden], all contiguous; row tails zero-padded.
VM_TARGET void VM_NAME(ember_vm_gru_cell)(size_t rows, size_t hidden, VM_T *gates, const VM_T *projected,
                                          const VM_T *biasInput, const VM_T *biasHidden, const VM_T *hPrev,
                                          VM_T *hiddenGate, VM_T *h) {
    const size_t hh = hidden;
#define VM_B(b, k, j) ((b) ? (b) + (k) * hh + (j) : NULL)
    for (size_t r = 0; r < rows; r++) {
        VM_T *gr = gates + r * 3 * hh, *hnr = hiddenGate + r * hh, *hr = h + r * hh;
        const VM_T *pr = projected + r * 3 * hh, *hpr = hPrev + r * hh;
        size_t j = 0;
        for (; j + VM_W <= hh; j += VM_W) {
            VM_NAME(vm_gru_cell)(gr + j, gr + hh + j, gr + 2 * hh + j, pr + j, pr + hh + j, pr + 2 * hh + j,
                                 VM_B(biasInput, 0, j), VM_B(biasInput, 1, j), VM_B(biasInput, 2, j),
                                 VM_B(biasHidden, 0, j), VM_B(biasHidden, 1, j), VM_B(biasHidden, 2, j), hpr + j,
                                 hnr + j, hr + j);
        }
        if (j < hh) {
            const size_t m = (hh - j) * sizeof(VM_T);
            VM_T b[15][VM_W];
            memset(b, 0, sizeof(b));
            for (int k = 0; k < 3; k++) {
                memcpy(b[k], gr + k * hh + j, m);
                memcpy(b[3 + k], pr + k * hh + j, m);
                if (biasInput) memcpy(b[6 + k], biasInput + k * hh + j, m);
                if (biasHidden) memcpy(b[9 + k], biasHidden + k * hh + j, m);
            }
            memcpy(b[12], hpr + j, m);
            VM_NAME(vm_gru_cell)(b[0], b[1], b[2], b[3], b[4], b[5], biasInput ? b[6] : NULL,
                                 biasInput ? b[7] : NULL, biasInput ? b[8] : NULL, biasHidden ? b[9] : NULL,
                                 biasHidden ? b[10] : NULL, biasHidden ? b[11] : NULL, b[12], b[13], b[14]);
            for (int k = 0; k < 3; k++) memcpy(gr + k * hh + j, b[k], m);
            memcpy(hnr + j, b[13], m);
            memcpy(hr + j, b[14], m);
        }
    }
#undef VM_B
}

/// vm_gru_cell_backward over `rows` rows: acts, dGatesInput and dGatesHidden [rows, 3 hidden],
/// the rest [rows, hidden], all contiguous.
VM_TARGET void VM_NAME(ember_vm_gru_cell_backward)(size_t rows, size_t hidden, const VM_T *acts,
                                                   const VM_T *hiddenGate, const VM_T *hPrev, const VM_T *dh,
                                                   const VM_T *dout, VM_T *dGatesInput, VM_T *dGatesHidden,
                                                   VM_T *dhPrev) {
    const size_t hh = hidden;
    for (size_t r = 0; r < rows; r++) {
        const VM_T *ar = acts + r * 3 * hh;
        VM_T *dir = dGatesInput + r * 3 * hh, *dhr = dGatesHidden + r * 3 * hh;
        const size_t o = r * hh;
        size_t j = 0;
        for (; j + VM_W <= hh; j += VM_W) {
            VM_NAME(vm_gru_cell_backward)(ar + j, ar + hh + j, ar + 2 * hh + j, hiddenGate + o + j, hPrev + o + j,
                                          dh + o + j, dout + o + j, dir + j, dir + hh + j, dir + 2 * hh + j,
                                          dhr + j, dhr + hh + j, dhr + 2 * hh + j, dhPrev + o + j);
        }
        if (j < hh) {
            const size_t m = (hh - j) * sizeof(VM_T);
            VM_T b[14][VM_W];
            memset(b, 0, sizeof(b));
            for (int k = 0; k < 3; k++) memcpy(b[k], ar + k * hh + j, m);
            memcpy(b[3], hiddenGate + o + j, m);
            memcpy(b[4], hPrev + o + j, m);
            memcpy(b[5], dh + o + j, m);
            memcpy(b[6], dout + o + j, m);
            VM_NAME(vm_gru_cell_backward)(b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11],
                                          b[12], b[13]);
            for (int k = 0; k < 3; k++) {
                memcpy(dir + k * hh + j, b[7 + k], m);
                memcpy(dhr + k * hh + j, b[10 + k], m);
            }
            memcpy(dhPrev + o + j, b[13], m);
        }
    }
}

#undef VM_MAP1
#undef VM_MAP2
#undef VM_C
#undef VM_NEGATE
#undef VM_LT
#undef VM_LE
#undef VM_GT
#undef VM_EQ

// The instance's parameters (the instruction set's own, VM_TARGET, VM_TRAMPOLINE, VM_MAND,
// VM_MXOR and VM_ANY, are undefined by VectorMath.c when it switches instruction sets).
#undef VM_T
#undef VM_W
#undef VM_V
#undef VM_M
#undef VM_NAME
#undef VM_SLEEF
#undef VM_SLEEF_EXACT
#undef VM_LOAD
#undef VM_STORE
#undef VM_SET1
#undef VM_ADD
#undef VM_SUB
#undef VM_MUL
#undef VM_DIV
#undef VM_SQRT
#undef VM_XOR
#undef VM_AND
#undef VM_FMA
#undef VM_MAX
#undef VM_ANDNOT
#undef VM_SELECT
#undef VM_ROUND
#undef VM_CMP
#undef VM_IS_FLOAT
#undef VM_HUGE
#undef VM_I
#undef VM_TO_INT
#undef VM_INT_SHIFT_RIGHT
#undef VM_INT_SUB
#undef VM_POW2
#undef VM_AS_INT
#undef VM_AS_FLOAT
#undef VM_INT_TO_FLOAT
#undef VM_INT_SHIFT_RIGHT_LOGICAL
#undef VM_INT_AND
#undef VM_INT_OR
#undef VM_INT_C
