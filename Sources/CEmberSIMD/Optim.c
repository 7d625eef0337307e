// Fused optimizer updates: one pass over a parameter, its gradient and its state, with the
// element arithmetic of PyTorch's single-tensor (`foreach=False`) path in the element type.
//
// Note [Fused optimizer arithmetic]
// PyTorch's CPU optimizers run a chain of tensor ops per parameter (`exp_avg.lerp_(grad, 1 -
// beta1)`, `exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)`, ...). Each op rounds
// its result to the element type and converts its Python-float scalar to the element type first;
// these kernels do the same operations in the same order on each element, so they round as the
// chain does, without its temporaries and passes. Where PyTorch's kernels fuse, so do these:
// `a.add(b, alpha=s)` is `fma(b, s, a)` (its vectorized add), lerp is `fma(w, end - start,
// start)` for w < 0.5 and `fma(w - 1, end - start, end)` otherwise (its vectorized lerp), and
// `addcmul`'s `a + s * b * c` is `fma(s * b, c, a)` (GCC contracts PyTorch's expression);
// `addcdiv` and the rest are unfused, so this file turns the compiler's own contraction off.
// SGD's update thus matches PyTorch bit for bit. Adam's can differ in the last bit: PyTorch's
// float `sqrt` on x86 is MKL's vectorized one, which is not always correctly rounded, and this
// one is.

#include "CEmberSIMD.h"

#include <math.h>

#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)

#define EMBER_SQRT(x) __builtin_elementwise_sqrt(x)
#define EMBER_FMA(a, b, c) __builtin_elementwise_fma(a, b, c)

// MARK: - SGD

#define EMBER_SGD_LOOP(T, FMA, MOMENTUM)                                                             \
    for (size_t i = 0; i < n; i++) {                                                                \
        T g = maximize ? -grad[i] : grad[i];                                                         \
        if (decay) g = FMA(p[i], wd, g);                                                             \
        if (MOMENTUM) {                                                                              \
            T b;                                                                                     \
            if (first) b = g;                                                                        \
            else b = FMA(g, dampen, buf[i] * momentum);                                             \
            buf[i] = b;                                                                              \
            g = nesterov ? FMA(b, momentum, g) : b;                                                   \
        }                                                                                            \
        p[i] = FMA(g, -lr, p[i]);                                                                     \
    }

// Note [Unswitched optimizer loops]
// The loops are unswitched by hand on whether a state buffer exists. Left to itself the
// compiler guards a buffer's loads and stores with AVX masks, and on AMD cores a masked access
// whose disabled lanes point at NULL takes a microcode assist per vector (it ran Adam's update
// at a sixth of its speed).
#define EMBER_DEFINE_SGD(NAME, T, FMA, ATTR)                                                          \
    ATTR void NAME(T *restrict p, const T *restrict grad, T *restrict buf, size_t n,                 \
                   const ember_sgd_config *c) {                                                      \
        const T lr = (T)c->lr, momentum = (T)c->momentum, dampen = (T)(1 - c->dampening);            \
        const T wd = (T)c->weight_decay;                                                             \
        const int maximize = c->maximize, decay = c->weight_decay != 0;                              \
        const int first = c->first_step, nesterov = c->nesterov;                                     \
        if (c->momentum != 0) { EMBER_SGD_LOOP(T, FMA, 1) } else { EMBER_SGD_LOOP(T, FMA, 0) }       \
    }

EMBER_DEFINE_SGD(ember_sgd_step_f32, float, EMBER_FMA, )
EMBER_DEFINE_SGD(ember_sgd_step_f64, double, EMBER_FMA, )

// MARK: - Adam

// `step_size` is lr / (1 - beta1^t) and `bias_correction2_sqrt` is sqrt(1 - beta2^t), computed by
// the caller in double as PyTorch computes them in Python.
#define EMBER_ADAM_SETUP(T)                                                                         \
    const T wd = (T)c->weight_decay, decay = (T)(1 - c->lr * c->weight_decay);                        \
    const T w = (T)(1 - c->beta1), beta2 = (T)c->beta2, oneMinusBeta2 = (T)(1 - c->beta2);            \
    const T bc2 = (T)c->bias_correction2_sqrt, eps = (T)c->eps, negStep = (T)(-c->step_size);        \
    const int small = w < (T)0.5;                                                                    \
    const T coeff = small ? w : w - (T)1;                                                            \
    const int maximize = c->maximize, hasDecay = c->weight_decay != 0, decoupled = c->decoupled;

#define EMBER_ADAM_LOOP(T, FMA, AMSGRAD)                                                            \
    for (size_t i = 0; i < n; i++) {                                                                \
        T g = maximize ? -grad[i] : grad[i];                                                         \
        T x = p[i];                                                                                  \
        if (hasDecay) {                                                                              \
            if (decoupled) x = x * decay;                                                            \
            else g = FMA(x, wd, g);                                                                     \
        }                                                                                            \
        const T diff = g - m[i];                                                                     \
        const T mNew = FMA(coeff, diff, small ? m[i] : g);                                           \
        m[i] = mNew;                                                                                 \
        const T vNew = FMA(oneMinusBeta2 * g, g, v[i] * beta2);                                      \
        v[i] = vNew;                                                                                 \
        T second = vNew;                                                                             \
        if (AMSGRAD) {                                                                               \
            const T old = vmax[i];                                                                   \
            second = (old != old || old > vNew) ? old : vNew;                                        \
            vmax[i] = second;                                                                        \
        }                                                                                            \
        const T denom = EMBER_SQRT(second) / bc2 + eps;                                              \
        p[i] = x + negStep * mNew / denom;                                                           \
    }

#define EMBER_DEFINE_ADAM(NAME, T, FMA, ATTR)                                                        \
    ATTR void NAME(T *restrict p, const T *restrict grad, T *restrict m, T *restrict v,              \
                   T *restrict vmax, size_t n, const ember_adam_config *c) {                         \
        EMBER_ADAM_SETUP(T)                                                                          \
        if (vmax) { EMBER_ADAM_LOOP(T, FMA, 1) } else { EMBER_ADAM_LOOP(T, FMA, 0) }                 \
    }

EMBER_DEFINE_ADAM(ember_adam_step_f32, float, EMBER_FMA, )
EMBER_DEFINE_ADAM(ember_adam_step_f64, double, EMBER_FMA, )

#if defined(__x86_64__)
EMBER_DEFINE_SGD(ember_sgd_step_f32_avx2, float, EMBER_FMA, __attribute__((target("avx2,fma"))))
EMBER_DEFINE_SGD(ember_sgd_step_f64_avx2, double, EMBER_FMA, __attribute__((target("avx2,fma"))))
EMBER_DEFINE_ADAM(ember_adam_step_f32_avx2, float, EMBER_FMA, __attribute__((target("avx2,fma"))))
EMBER_DEFINE_ADAM(ember_adam_step_f64_avx2, double, EMBER_FMA, __attribute__((target("avx2,fma"))))
#else
// Elsewhere the _avx2 names exist too (never chosen at run time), so that the package links.
EMBER_DEFINE_SGD(ember_sgd_step_f32_avx2, float, EMBER_FMA, )
EMBER_DEFINE_SGD(ember_sgd_step_f64_avx2, double, EMBER_FMA, )
EMBER_DEFINE_ADAM(ember_adam_step_f32_avx2, float, EMBER_FMA, )
EMBER_DEFINE_ADAM(ember_adam_step_f64_avx2, double, EMBER_FMA, )
#endif
