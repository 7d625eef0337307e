#include "CEmberSIMD.h"

#include <stdint.h>
#include <string.h>

// The per-plane loops of Note [Sliding windows] (CPUBackend+Windows.swift), in C: one unfold
// (im2col) per element size and one fold (col2im) per floating type. Small feature maps (a CNN's
// 8 x 8 or 4 x 4) make a row a handful of elements, so the cost is per row: here a row is a few
// compares and a short loop, and `no_builtin` keeps the compiler from turning its copies into
// calls to memcpy and memset.

// The output positions lo..<hi of one spatial dim whose kernel element reads inside the input:
// o * stride + offset in 0..<input.
static inline void ember_valid(ptrdiff_t offset, ptrdiff_t stride, ptrdiff_t input, ptrdiff_t output, ptrdiff_t *lo,
                               ptrdiff_t *hi) {
    ptrdiff_t l = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
    ptrdiff_t h = input - offset <= 0 ? 0 : (input - offset + stride - 1) / stride;
    if (h > output) h = output;
    if (l > h) l = h;
    *lo = l;
    *hi = h;
}

// Walks the rows of one plane's columns: for every kernel element (kd, kh, kw), `lo`..<`hi` its
// output columns that read inside the input, `s` the width stride, and for each output row
// (od, oh) `row` (the columns' row, of `outRow` elements, advancing) and either INSIDE, with
// `src` the input row shifted by the kernel element's column offset (`src + o * s` is output
// column o's input), or OUTSIDE when the row reads the padding. COLUMNS is the columns'
// pointer expression, advanced a plane per kernel element.
#define EMBER_WINDOW_ROWS(ROW_T, COLUMNS, INPUT, INSIDE, OUTSIDE)                                             \
    const ptrdiff_t outRow = w->output[2], outPlane = w->output[0] * w->output[1] * w->output[2];              \
    for (ptrdiff_t kd = 0; kd < w->kernel[0]; kd++) {                                                         \
        const ptrdiff_t offD = kd * w->dilation[0] - w->padding[0];                                             \
        for (ptrdiff_t kh = 0; kh < w->kernel[1]; kh++) {                                                     \
            const ptrdiff_t offH = kh * w->dilation[1] - w->padding[1];                                         \
            for (ptrdiff_t kw = 0; kw < w->kernel[2]; kw++, COLUMNS += outPlane) {                              \
                const ptrdiff_t offW = kw * w->dilation[2] - w->padding[2], s = w->stride[2];                   \
                ptrdiff_t lo, hi;                                                                             \
                ember_valid(offW, s, w->input[2], outRow, &lo, &hi);                                          \
                ROW_T *row = COLUMNS;                                                                         \
                for (ptrdiff_t od = 0; od < w->output[0]; od++) {                                             \
                    const ptrdiff_t id = od * w->stride[0] + offD;                                              \
                    for (ptrdiff_t oh = 0; oh < w->output[1]; oh++, row += outRow) {                           \
                        const ptrdiff_t ih = oh * w->stride[1] + offH;                                          \
                        if (id < 0 || id >= w->input[0] || ih < 0 || ih >= w->input[1]) {                     \
                            OUTSIDE;                                                                          \
                        } else {                                                                              \
                            __typeof__(INPUT) src = INPUT + (id * w->input[1] + ih) * w->input[2] + offW;     \
                            INSIDE;                                                                           \
                        }                                                                                     \
                    }                                                                                         \
                }                                                                                             \
            }                                                                                                 \
        }                                                                                                     \
    }

// Note [Same-size windows as shifted planes]
//
// With stride 1 along both dims of a 2-D window whose output rows are as wide as the input's (a
// convolution with 'same' padding, the common 3 x 3 with padding 1), each kernel element's
// columns are the input plane shifted by (offH, offW): column position (oh, o) reads input
// (oh + offH, o + offW). So the positions that read inside the input, rows hlo..<hhi and columns
// lo..<hi of each, are one run of the flat plane, from (hlo, lo) to (hhi - 1, hi), read from the
// input at a constant distance; within it only the gaps between one row's hi and the next row's
// lo read the padding. Unfold copies the run and then zeroes the gaps and what lies outside it;
// fold adds row by row (a gap's column must not reach the next row's input), without the
// per-row bounds checks of the general walk. On an 8 x 8 map this does per kernel element what
// the general walk does per row.
static inline int ember_window_same_size(const ember_window *w) {
    return w->input[0] == 1 && w->output[0] == 1 && w->kernel[0] == 1 && w->padding[0] == 0 &&
           w->stride[1] == 1 && w->stride[2] == 1 && w->output[2] == w->input[2];
}

// The output positions lo..<hi of a stride-1 dim whose kernel element reads input o + offset.
static inline void ember_valid_unit(ptrdiff_t offset, ptrdiff_t input, ptrdiff_t output, ptrdiff_t *lo,
                                    ptrdiff_t *hi) {
    ptrdiff_t l = offset < 0 ? -offset : 0, h = input - offset;
    if (h > output) h = output;
    if (l > h) l = h;
    *lo = l;
    *hi = h;
}

// Walks the kernel elements of a same-size window (see Note [Same-size windows as shifted
// planes]): for each, `col` its plane of the columns (OH x W), `delta` the flat distance from a
// column position to the input element it reads, and `hlo`, `hhi`, `lo`, `hi` the rows and
// columns that read inside the input (empty when hlo == hhi).
#define EMBER_SAME_SIZE_PLANES(COL_T, COLUMNS, ...)                                                            \
    const ptrdiff_t H = w->input[1], W = w->input[2], OH = w->output[1], plane = OH * W;                     \
    COL_T *col = COLUMNS;                                                                                     \
    for (ptrdiff_t kh = 0; kh < w->kernel[1]; kh++) {                                                         \
        const ptrdiff_t offH = kh * w->dilation[1] - w->padding[1];                                             \
        ptrdiff_t rowsLo, rowsHi;                                                                             \
        ember_valid_unit(offH, H, OH, &rowsLo, &rowsHi);                                                      \
        for (ptrdiff_t kw = 0; kw < w->kernel[2]; kw++, col += plane) {                                       \
            const ptrdiff_t offW = kw * w->dilation[2] - w->padding[2], delta = offH * W + offW;              \
            ptrdiff_t lo, hi;                                                                                 \
            ember_valid_unit(offW, W, W, &lo, &hi);                                                           \
            const ptrdiff_t hlo = rowsLo, hhi = lo == hi ? rowsLo : rowsHi;                                   \
            __VA_ARGS__                                                                                       \
        }                                                                                                     \
    }

#define EMBER_UNFOLD(NAME, T)                                                                                   \
    __attribute__((no_builtin("memcpy", "memset"))) void NAME(const T *restrict x, T *restrict y,              \
                                                              const ember_window *w) {                        \
        if (ember_window_same_size(w)) {                                                                      \
            EMBER_SAME_SIZE_PLANES(T, y, {                                                                    \
                if (hlo == hhi) {                                                                             \
                    for (ptrdiff_t i = 0; i < plane; i++) col[i] = 0;                                         \
                    continue;                                                                                 \
                }                                                                                             \
                const ptrdiff_t first = hlo * W + lo, last = (hhi - 1) * W + hi;                              \
                for (ptrdiff_t i = 0; i < first; i++) col[i] = 0;                                             \
                for (ptrdiff_t i = first; i < last; i++) col[i] = x[i + delta];                               \
                for (ptrdiff_t i = last; i < plane; i++) col[i] = 0;                                          \
                if (lo > 0 || hi < W)                                                                         \
                    for (ptrdiff_t r = hlo; r + 1 < hhi; r++)                                                 \
                        for (ptrdiff_t i = r * W + hi; i < (r + 1) * W + lo; i++) col[i] = 0;                 \
            })                                                                                                \
            return;                                                                                           \
        }                                                                                                     \
        EMBER_WINDOW_ROWS(T, y, x, {                                                                          \
            ptrdiff_t o = 0;                                                                                  \
            for (; o < lo; o++) row[o] = 0;                                                                   \
            if (s == 1)                                                                                       \
                for (; o < hi; o++) row[o] = src[o];                                                          \
            else                                                                                              \
                for (; o < hi; o++) row[o] = src[o * s];                                                      \
            for (; o < outRow; o++) row[o] = 0;                                                               \
        }, {                                                                                                  \
            for (ptrdiff_t o = 0; o < outRow; o++) row[o] = 0;                                                \
        })                                                                                                    \
    }

EMBER_UNFOLD(ember_unfold_plane_u8, uint8_t)
EMBER_UNFOLD(ember_unfold_plane_u32, uint32_t)
EMBER_UNFOLD(ember_unfold_plane_u64, uint64_t)

#define EMBER_FOLD(NAME, T)                                                                                     \
    __attribute__((no_builtin("memcpy", "memset"))) void NAME(const T *restrict c, T *restrict y,              \
                                                              const ember_window *w) {                        \
        const ptrdiff_t inPlane = w->input[0] * w->input[1] * w->input[2];                                      \
        for (ptrdiff_t i = 0; i < inPlane; i++) y[i] = 0;                                                     \
        if (ember_window_same_size(w)) {                                                                      \
            EMBER_SAME_SIZE_PLANES(const T, c, {                                                              \
                for (ptrdiff_t r = hlo; r < hhi; r++) {                                                       \
                    const T *restrict from = col + r * W;                                                     \
                    T *restrict to = y + r * W + delta;                                                       \
                    for (ptrdiff_t i = lo; i < hi; i++) to[i] += from[i];                                     \
                }                                                                                             \
            })                                                                                                \
            return;                                                                                           \
        }                                                                                                     \
        EMBER_WINDOW_ROWS(const T, c, y, {                                                                    \
            if (s == 1)                                                                                       \
                for (ptrdiff_t o = lo; o < hi; o++) src[o] += row[o];                                         \
            else                                                                                              \
                for (ptrdiff_t o = lo; o < hi; o++) src[o * s] += row[o];                                     \
        }, {})                                                                                                \
    }

EMBER_FOLD(ember_fold_plane_f32, float)
EMBER_FOLD(ember_fold_plane_f64, double)

// One step of max pooling's rule: `v`, at `at`, takes the place of `best` (at `where`) when it
// is larger or NaN. Which element wins is data, so the select is done with masks: a compiler
// turns the plain conditional into branches that random values mispredict half the time (a
// third of the pool's time in a small CNN's step).
#if defined(__x86_64__)
#include <emmintrin.h>
static inline void ember_take_f32(float v, ptrdiff_t at, float *best, ptrdiff_t *where) {
    const __m128 vv = _mm_set_ss(v), bb = _mm_set_ss(*best);
    const __m128 m = _mm_or_ps(_mm_cmpgt_ss(vv, bb), _mm_cmpunord_ss(vv, vv));
    *best = _mm_cvtss_f32(_mm_or_ps(_mm_and_ps(m, vv), _mm_andnot_ps(m, bb)));
    const ptrdiff_t mask = (ptrdiff_t)(int32_t)_mm_cvtsi128_si32(_mm_castps_si128(m));
    *where = (at & mask) | (*where & ~mask);
}
static inline void ember_take_f64(double v, ptrdiff_t at, double *best, ptrdiff_t *where) {
    const __m128d vv = _mm_set_sd(v), bb = _mm_set_sd(*best);
    const __m128d m = _mm_or_pd(_mm_cmpgt_sd(vv, bb), _mm_cmpunord_sd(vv, vv));
    *best = _mm_cvtsd_f64(_mm_or_pd(_mm_and_pd(m, vv), _mm_andnot_pd(m, bb)));
    const ptrdiff_t mask = (ptrdiff_t)_mm_cvtsi128_si64(_mm_castpd_si128(m));
    *where = (at & mask) | (*where & ~mask);
}
#else
static inline void ember_take_f32(float v, ptrdiff_t at, float *best, ptrdiff_t *where) {
    const int takes = (v > *best) | (v != v);
    *best = takes ? v : *best;
    *where = takes ? at : *where;
}
static inline void ember_take_f64(double v, ptrdiff_t at, double *best, ptrdiff_t *where) {
    const int takes = (v > *best) | (v != v);
    *best = takes ? v : *best;
    *where = takes ? at : *where;
}
#endif

// Max pooling of one plane over two spatial dims (input[1] x input[2]), PyTorch's cpu_max_pool:
// the window clipped to the input, a larger value or a NaN taking the place (`TAKE`), and a
// window of nothing but -inf keeping its first position inside the input.
#define EMBER_MAX_POOL(NAME, T, INF, TAKE)                                                                      \
    void NAME(const T *x, T *values, int64_t *indices, const ember_window *w) {                               \
        const ptrdiff_t H = w->input[1], W = w->input[2], kH = w->kernel[1], kW = w->kernel[2];               \
        const ptrdiff_t sH = w->stride[1], sW = w->stride[2], pH = w->padding[1], pW = w->padding[2];         \
        const ptrdiff_t dH = w->dilation[1], dW = w->dilation[2];                                             \
        if (kH == 2 && kW == 2 && sH == 2 && sW == 2 && pH == 0 && pW == 0 && dH == 1 && dW == 1 &&          \
            2 * w->output[1] <= H && 2 * w->output[2] <= W) {                                                 \
            /* The common 2 x 2 pool: the same rule, unrolled. */                                             \
            for (ptrdiff_t oh = 0; oh < w->output[1]; oh++) {                                                 \
                const T *r0 = x + 2 * oh * W, *r1 = r0 + W;                                                   \
                for (ptrdiff_t ow = 0; ow < w->output[2]; ow++) {                                             \
                    const ptrdiff_t at0 = 2 * oh * W + 2 * ow;                                                \
                    T best = r0[2 * ow];                                                                      \
                    ptrdiff_t at = at0;                                                                       \
                    TAKE(r0[2 * ow + 1], at0 + 1, &best, &at);                                                \
                    TAKE(r1[2 * ow], at0 + W, &best, &at);                                                    \
                    TAKE(r1[2 * ow + 1], at0 + W + 1, &best, &at);                                            \
                    *values++ = best;                                                                         \
                    *indices++ = (int64_t)at;                                                                 \
                }                                                                                             \
            }                                                                                                 \
            return;                                                                                           \
        }                                                                                                     \
        for (ptrdiff_t oh = 0; oh < w->output[1]; oh++) {                                                     \
            ptrdiff_t h0 = oh * sH - pH;                                                                      \
            const ptrdiff_t h1 = h0 + (kH - 1) * dH + 1 < H ? h0 + (kH - 1) * dH + 1 : H;                      \
            while (h0 < 0) h0 += dH;                                                                          \
            for (ptrdiff_t ow = 0; ow < w->output[2]; ow++) {                                                 \
                ptrdiff_t w0 = ow * sW - pW;                                                                  \
                const ptrdiff_t w1 = w0 + (kW - 1) * dW + 1 < W ? w0 + (kW - 1) * dW + 1 : W;                  \
                while (w0 < 0) w0 += dW;                                                                      \
                T best = -(INF);                                                                              \
                ptrdiff_t at = h0 * W + w0;                                                                   \
                for (ptrdiff_t h = h0; h < h1; h += dH) {                                                     \
                    for (ptrdiff_t c = w0; c < w1; c += dW) TAKE(x[h * W + c], h * W + c, &best, &at);        \
                }                                                                                             \
                *values++ = best;                                                                             \
                *indices++ = (int64_t)at;                                                                     \
            }                                                                                                 \
        }                                                                                                     \
    }

EMBER_MAX_POOL(ember_max_pool_plane_f32, float, __builtin_inff(), ember_take_f32)
EMBER_MAX_POOL(ember_max_pool_plane_f64, double, __builtin_inf(), ember_take_f64)

// Max pooling's backward for one plane: zeroes `out` [plane], then adds each output's gradient
// at the input position its index names (indices come from the forward, inside the plane).
#define EMBER_MAX_POOL_BACKWARD(NAME, T)                                                                        \
    __attribute__((no_builtin("memset"))) void NAME(const T *gradient, const int64_t *indices, T *out,        \
                                                    ptrdiff_t outputs, ptrdiff_t plane) {                     \
        for (ptrdiff_t i = 0; i < plane; i++) out[i] = 0;                                                     \
        for (ptrdiff_t o = 0; o < outputs; o++) {                                                             \
            const int64_t at = indices[o];                                                                    \
            if (at >= 0 && at < plane) out[at] += gradient[o];                                                \
        }                                                                                                     \
    }

EMBER_MAX_POOL_BACKWARD(ember_max_pool_backward_plane_f32, float)
EMBER_MAX_POOL_BACKWARD(ember_max_pool_backward_plane_f64, double)
