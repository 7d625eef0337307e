// Fused updates of Adamax, NAdam, RAdam, Adadelta, Adagrad and RMSprop: one pass over a
// parameter, its gradient and its state, with the element arithmetic of PyTorch's
// single-tensor path in the element type, rounded op by op as Note [Fused optimizer arithmetic]
// (Optim.c) describes, and with loops unswitched on optional state as in Note [Unswitched
// optimizer loops].

#include "CEmberSIMD.h"

#include <math.h>

#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)

#define EMBER_SQRT(x) __builtin_elementwise_sqrt(x)
#define EMBER_FMA(a, b, c) __builtin_elementwise_fma(a, b, c)
#define EMBER_ABS(x) __builtin_elementwise_abs(x)

#define EMBER_OPTIM_PARAMS(T)                                                                        \
    T *restrict p, const T *restrict grad, T *restrict s0, T *restrict s1, T *restrict s2, size_t n,   \
        const ember_optim_config *c

// MARK: - Shared pieces

/// The group options every kernel reads: the weight decay (an L2 penalty `wd`, or the decoupled
/// factor `decay` = 1 - lr * weight_decay) and maximize.
#define EMBER_OPTIM_COMMON(T)                                                                       \
    const T wd = (T)c->weight_decay, decay = (T)(1 - c->lr * c->weight_decay);                       \
    const int maximize = c->maximize, hasDecay = c->weight_decay != 0, decoupled = c->decoupled;     \
    (void)decay; (void)decoupled;

/// The gradient `g` of element i and the parameter `x` it updates: `grad` negated when
/// maximizing, then `grad.add(param, alpha=weight_decay)` or `param.mul_(1 - lr * weight_decay)`.
#define EMBER_OPTIM_GRAD(T)                                                                         \
    T g = maximize ? -grad[i] : grad[i];                                                             \
    T x = p[i];                                                                                      \
    if (hasDecay) {                                                                                  \
        if (decoupled) x = x * decay;                                                                \
        else g = EMBER_FMA(x, wd, g);                                                                \
    }

/// The constants of `start.lerp_(end, W)` (PyTorch's vectorized two-branch form).
#define EMBER_LERP_SETUP(T, W)                                                                      \
    const T w = (T)(W);                                                                              \
    const int small = EMBER_ABS(w) < (T)0.5;                                                         \
    const T coeff = small ? w : w - (T)1;

#define EMBER_LERP(start, end) EMBER_FMA(coeff, (end) - (start), small ? (start) : (end))

/// `a.mul_(s).addcmul_(b, b, value=1 - s)` with oneMinusS = 1 - s.
#define EMBER_DECAYED_SQUARE(a, s, oneMinusS, b) EMBER_FMA((oneMinusS) * (b), b, (a) * (s))

/// torch.maximum: a NaN on either side wins.
#define EMBER_MAXIMUM(a, b) (((a) != (a) || (a) > (b)) ? (a) : (b))

// MARK: - Adamax (s0 = exp_avg, s1 = exp_inf)

#define EMBER_DEFINE_ADAMAX(NAME, T, ATTR)                                                          \
    ATTR void NAME(EMBER_OPTIM_PARAMS(T)) {                                                          \
        (void)s2;                                                                                    \
        EMBER_OPTIM_COMMON(T)                                                                        \
        EMBER_LERP_SETUP(T, 1 - c->beta1)                                                            \
        const T beta2 = (T)c->beta2, eps = (T)c->eps, negStep = (T)(-c->step_size);                  \
        for (size_t i = 0; i < n; i++) {                                                             \
            EMBER_OPTIM_GRAD(T)                                                                      \
            const T m = EMBER_LERP(s0[i], g);                                                        \
            s0[i] = m;                                                                               \
            const T scaled = s1[i] * beta2, bound = EMBER_ABS(g) + eps;                              \
            const T u = EMBER_MAXIMUM(scaled, bound);                                                \
            s1[i] = u;                                                                               \
            p[i] = x + negStep * m / u;                                                              \
        }                                                                                            \
    }

// MARK: - NAdam (s0 = exp_avg, s1 = exp_avg_sq)

#define EMBER_DEFINE_NADAM(NAME, T, ATTR)                                                           \
    ATTR void NAME(EMBER_OPTIM_PARAMS(T)) {                                                          \
        (void)s2;                                                                                    \
        EMBER_OPTIM_COMMON(T)                                                                        \
        EMBER_LERP_SETUP(T, 1 - c->beta1)                                                            \
        const T beta2 = (T)c->beta2, oneMinusBeta2 = (T)(1 - c->beta2), eps = (T)c->eps;             \
        const T bc2 = (T)c->bias_correction2, gradCoeff = (T)c->grad_coefficient;                    \
        const T avgCoeff = (T)c->avg_coefficient;                                                    \
        for (size_t i = 0; i < n; i++) {                                                             \
            EMBER_OPTIM_GRAD(T)                                                                      \
            const T m = EMBER_LERP(s0[i], g);                                                        \
            s0[i] = m;                                                                               \
            const T v = EMBER_DECAYED_SQUARE(s1[i], beta2, oneMinusBeta2, g);                        \
            s1[i] = v;                                                                               \
            const T denom = EMBER_SQRT(v / bc2) + eps;                                               \
            x = x + gradCoeff * g / denom;                                                           \
            p[i] = x + avgCoeff * m / denom;                                                         \
        }                                                                                            \
    }

// MARK: - RAdam (s0 = exp_avg, s1 = exp_avg_sq)

#define EMBER_RADAM_LOOP(T, RECTIFIED)                                                              \
    for (size_t i = 0; i < n; i++) {                                                                 \
        EMBER_OPTIM_GRAD(T)                                                                          \
        const T m = EMBER_LERP(s0[i], g);                                                            \
        s0[i] = m;                                                                                   \
        const T v = EMBER_DECAYED_SQUARE(s1[i], beta2, oneMinusBeta2, g);                            \
        s1[i] = v;                                                                                   \
        T change = m / bc1;                                                                          \
        change = change * lr;                                                                        \
        if (RECTIFIED) {                                                                             \
            const T adaptive = ((T)1 / (EMBER_SQRT(v) + eps)) * bc2Sqrt;                             \
            change = change * adaptive;                                                              \
            change = change * rect;                                                                  \
        }                                                                                            \
        p[i] = x - change;                                                                           \
    }

#define EMBER_DEFINE_RADAM(NAME, T, ATTR)                                                           \
    ATTR void NAME(EMBER_OPTIM_PARAMS(T)) {                                                          \
        (void)s2;                                                                                    \
        EMBER_OPTIM_COMMON(T)                                                                        \
        EMBER_LERP_SETUP(T, 1 - c->beta1)                                                            \
        const T beta2 = (T)c->beta2, oneMinusBeta2 = (T)(1 - c->beta2), eps = (T)c->eps;             \
        const T lr = (T)c->lr, bc1 = (T)c->bias_correction1, bc2Sqrt = (T)c->bias_correction2;       \
        const T rect = (T)c->rect;                                                                   \
        if (c->rectified) { EMBER_RADAM_LOOP(T, 1) } else { EMBER_RADAM_LOOP(T, 0) }                 \
    }

// MARK: - Adadelta (s0 = square_avg, s1 = acc_delta)

#define EMBER_DEFINE_ADADELTA(NAME, T, ATTR)                                                        \
    ATTR void NAME(EMBER_OPTIM_PARAMS(T)) {                                                          \
        (void)s2;                                                                                    \
        EMBER_OPTIM_COMMON(T)                                                                        \
        const T rho = (T)c->alpha, oneMinusRho = (T)(1 - c->alpha), eps = (T)c->eps;                 \
        const T negLr = (T)(-c->lr);                                                                 \
        for (size_t i = 0; i < n; i++) {                                                             \
            EMBER_OPTIM_GRAD(T)                                                                      \
            const T v = EMBER_DECAYED_SQUARE(s0[i], rho, oneMinusRho, g);                            \
            s0[i] = v;                                                                               \
            const T std = EMBER_SQRT(v + eps);                                                       \
            T delta = EMBER_SQRT(s1[i] + eps);                                                       \
            delta = delta / std;                                                                     \
            delta = delta * g;                                                                       \
            s1[i] = EMBER_DECAYED_SQUARE(s1[i], rho, oneMinusRho, delta);                            \
            p[i] = EMBER_FMA(delta, negLr, x);                                                       \
        }                                                                                            \
    }

// MARK: - Adagrad (s0 = sum)

#define EMBER_DEFINE_ADAGRAD(NAME, T, ATTR)                                                         \
    ATTR void NAME(EMBER_OPTIM_PARAMS(T)) {                                                          \
        (void)s1; (void)s2;                                                                          \
        EMBER_OPTIM_COMMON(T)                                                                        \
        const T eps = (T)c->eps, negStep = (T)(-c->step_size);                                       \
        for (size_t i = 0; i < n; i++) {                                                             \
            EMBER_OPTIM_GRAD(T)                                                                      \
            const T sum = EMBER_FMA(g, g, s0[i]);                                                    \
            s0[i] = sum;                                                                             \
            const T std = EMBER_SQRT(sum) + eps;                                                     \
            p[i] = x + negStep * g / std;                                                            \
        }                                                                                            \
    }

// MARK: - RMSprop (s0 = square_avg, s1 = momentum_buffer or NULL, s2 = grad_avg or NULL)

#define EMBER_RMSPROP_LOOP(T, MOMENTUM, CENTERED)                                                   \
    for (size_t i = 0; i < n; i++) {                                                                 \
        EMBER_OPTIM_GRAD(T)                                                                          \
        const T v = EMBER_DECAYED_SQUARE(s0[i], alpha, oneMinusAlpha, g);                            \
        s0[i] = v;                                                                                   \
        T avg;                                                                                       \
        if (CENTERED) {                                                                              \
            const T ga = EMBER_LERP(s2[i], g);                                                       \
            s2[i] = ga;                                                                              \
            avg = EMBER_SQRT(EMBER_FMA(-ga, ga, v));                                                 \
        } else {                                                                                     \
            avg = EMBER_SQRT(v);                                                                     \
        }                                                                                            \
        avg = avg + eps;                                                                             \
        if (MOMENTUM) {                                                                              \
            const T b = s1[i] * momentum + g / avg;                                                  \
            s1[i] = b;                                                                               \
            p[i] = EMBER_FMA(b, negLr, x);                                                           \
        } else {                                                                                     \
            p[i] = x + negLr * g / avg;                                                              \
        }                                                                                            \
    }

#define EMBER_DEFINE_RMSPROP(NAME, T, ATTR)                                                         \
    ATTR void NAME(EMBER_OPTIM_PARAMS(T)) {                                                          \
        EMBER_OPTIM_COMMON(T)                                                                        \
        EMBER_LERP_SETUP(T, 1 - c->alpha)                                                            \
        const T alpha = (T)c->alpha, oneMinusAlpha = (T)(1 - c->alpha), eps = (T)c->eps;             \
        const T momentum = (T)c->momentum, negLr = (T)(-c->lr);                                      \
        if (s1) {                                                                                    \
            if (s2) { EMBER_RMSPROP_LOOP(T, 1, 1) } else { EMBER_RMSPROP_LOOP(T, 1, 0) }             \
        } else {                                                                                     \
            if (s2) { EMBER_RMSPROP_LOOP(T, 0, 1) } else { EMBER_RMSPROP_LOOP(T, 0, 0) }             \
        }                                                                                            \
    }

// MARK: - Definitions

#define EMBER_DEFINE_ALL(DEFINE, NAME)                                                              \
    DEFINE(NAME##_f32, float, )                                                                      \
    DEFINE(NAME##_f64, double, )                                                                     \
    EMBER_AVX2_VARIANTS(DEFINE, NAME)

#if defined(__x86_64__)
#define EMBER_AVX2_VARIANTS(DEFINE, NAME)                                                           \
    DEFINE(NAME##_f32_avx2, float, __attribute__((target("avx2,fma"))))                               \
    DEFINE(NAME##_f64_avx2, double, __attribute__((target("avx2,fma"))))
#else
// Elsewhere the _avx2 names exist too (never chosen at run time), so that the package links.
#define EMBER_AVX2_VARIANTS(DEFINE, NAME)                                                           \
    DEFINE(NAME##_f32_avx2, float, )                                                                  \
    DEFINE(NAME##_f64_avx2, double, )
#endif

EMBER_DEFINE_ALL(EMBER_DEFINE_ADAMAX, ember_adamax_step)
EMBER_DEFINE_ALL(EMBER_DEFINE_NADAM, ember_nadam_step)
EMBER_DEFINE_ALL(EMBER_DEFINE_RADAM, ember_radam_step)
EMBER_DEFINE_ALL(EMBER_DEFINE_ADADELTA, ember_adadelta_step)
EMBER_DEFINE_ALL(EMBER_DEFINE_ADAGRAD, ember_adagrad_step)
EMBER_DEFINE_ALL(EMBER_DEFINE_RMSPROP, ember_rmsprop_step)
