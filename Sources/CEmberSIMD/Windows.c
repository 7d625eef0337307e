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

// Note [Window maps for small planes]
//
// On a small map (a CNN's 8 x 8 or 4 x 4) even the same-size walk spends most of its time
// starting loops: a 4 x 4 plane's kernel element is 16 elements in four short loops. Every plane
// of a call has the same geometry, so for small planes the walk is done once per call instead:
// `ember_window_map` writes, for each column position (kernel element major, as the columns
// are laid out), the flat input position it reads or -1 for the padding. Unfold and fold then run
// one flat loop per plane over the map, and take a run of planes per call. Fold adds in the
// map's order, which is the walk's (kernel element, then output position), so its sums round
// exactly as the walk's do.
void ember_window_map(const ember_window *w, int32_t *map) {
    for (ptrdiff_t kd = 0; kd < w->kernel[0]; kd++)
        for (ptrdiff_t kh = 0; kh < w->kernel[1]; kh++)
            for (ptrdiff_t kw = 0; kw < w->kernel[2]; kw++)
                for (ptrdiff_t od = 0; od < w->output[0]; od++) {
                    const ptrdiff_t id = od * w->stride[0] + kd * w->dilation[0] - w->padding[0];
                    for (ptrdiff_t oh = 0; oh < w->output[1]; oh++) {
                        const ptrdiff_t ih = oh * w->stride[1] + kh * w->dilation[1] - w->padding[1];
                        for (ptrdiff_t ow = 0; ow < w->output[2]; ow++) {
                            const ptrdiff_t iw = ow * w->stride[2] + kw * w->dilation[2] - w->padding[2];
                            const int inside = id >= 0 && id < w->input[0] && ih >= 0 && ih < w->input[1] && iw >= 0 &&
                                               iw < w->input[2];
                            *map++ = inside ? (int32_t)((id * w->input[1] + ih) * w->input[2] + iw) : -1;
                        }
                    }
                }
}

#define EMBER_UNFOLD_MAPPED(NAME, T)                                                                            \
    void NAME(const T *restrict x, T *restrict y, const int32_t *restrict map, ptrdiff_t count, ptrdiff_t planes, \
              ptrdiff_t inPlane) {                                                                            \
        for (ptrdiff_t p = 0; p < planes; p++, x += inPlane, y += count)                                      \
            for (ptrdiff_t i = 0; i < count; i++) {                                                           \
                const int32_t m = map[i];                                                                     \
                const T v = x[m < 0 ? 0 : m];                                                                 \
                y[i] = m < 0 ? 0 : v;                                                                         \
            }                                                                                                 \
    }

EMBER_UNFOLD_MAPPED(ember_unfold_mapped_u8, uint8_t)
EMBER_UNFOLD_MAPPED(ember_unfold_mapped_u32, uint32_t)
EMBER_UNFOLD_MAPPED(ember_unfold_mapped_u64, uint64_t)

#define EMBER_FOLD_MAPPED(NAME, T)                                                                              \
    __attribute__((no_builtin("memset"))) void NAME(const T *restrict c, T *restrict y,                       \
                                                    const int32_t *restrict map, ptrdiff_t count,             \
                                                    ptrdiff_t planes, ptrdiff_t inPlane) {                    \
        for (ptrdiff_t p = 0; p < planes; p++, c += count, y += inPlane) {                                    \
            for (ptrdiff_t i = 0; i < inPlane; i++) y[i] = 0;                                                 \
            for (ptrdiff_t i = 0; i < count; i++) {                                                           \
                const int32_t m = map[i];                                                                     \
                if (m >= 0) y[m] += c[i];                                                                     \
            }                                                                                                 \
        }                                                                                                     \
    }

EMBER_FOLD_MAPPED(ember_fold_mapped_f32, float)
EMBER_FOLD_MAPPED(ember_fold_mapped_f64, double)

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

// The 2 x 2, stride 2 pool of float32 four outputs at a time (SSE2, the x86-64 baseline): the
// outputs of a row when its width is a multiple of 4, or of two rows when it is 2 (a CNN's 4 x 4
// map pooled to 2 x 2). Lanes hold consecutive outputs; the even and odd elements of the input
// rows are split by shuffles, and the rule of `ember_take_f32` is applied with masks to values
// and int32 positions together. Returns 0, doing nothing, for other widths.
#if defined(__x86_64__)
static inline void ember_take4(__m128 v, __m128i at, __m128 *best, __m128i *where) {
    const __m128 m = _mm_or_ps(_mm_cmpgt_ps(v, *best), _mm_cmpunord_ps(v, v));
    const __m128i mi = _mm_castps_si128(m);
    *best = _mm_or_ps(_mm_and_ps(m, v), _mm_andnot_ps(m, *best));
    *where = _mm_or_si128(_mm_and_si128(mi, at), _mm_andnot_si128(mi, *where));
}

// Four outputs whose windows' top rows are the element pairs of (a0, b0) and bottom rows those
// of (a1, b1); `at` holds their top-left positions in the plane.
static inline void ember_pool4(__m128 a0, __m128 b0, __m128 a1, __m128 b1, __m128i at, ptrdiff_t W, float *values,
                               int64_t *indices) {
    const __m128 e0 = _mm_shuffle_ps(a0, b0, _MM_SHUFFLE(2, 0, 2, 0)), o0 = _mm_shuffle_ps(a0, b0, _MM_SHUFFLE(3, 1, 3, 1));
    const __m128 e1 = _mm_shuffle_ps(a1, b1, _MM_SHUFFLE(2, 0, 2, 0)), o1 = _mm_shuffle_ps(a1, b1, _MM_SHUFFLE(3, 1, 3, 1));
    __m128 best = e0;
    __m128i where = at;
    ember_take4(o0, _mm_add_epi32(at, _mm_set1_epi32(1)), &best, &where);
    ember_take4(e1, _mm_add_epi32(at, _mm_set1_epi32((int)W)), &best, &where);
    ember_take4(o1, _mm_add_epi32(at, _mm_set1_epi32((int)W + 1)), &best, &where);
    _mm_storeu_ps(values, best);
    const __m128i zero = _mm_setzero_si128();
    _mm_storeu_si128((__m128i *)indices, _mm_unpacklo_epi32(where, zero));
    _mm_storeu_si128((__m128i *)(indices + 2), _mm_unpackhi_epi32(where, zero));
}

static int ember_max_pool_2x2_f32(const float *x, float *values, int64_t *indices, ptrdiff_t W, ptrdiff_t OH,
                                  ptrdiff_t OW) {
    if (W > 0x3fffffff / 4 || OH * W > 0x3fffffff) return 0;
    if (OW % 4 == 0) {
        for (ptrdiff_t oh = 0; oh < OH; oh++) {
            const float *r0 = x + 2 * oh * W, *r1 = r0 + W;
            for (ptrdiff_t ow = 0; ow < OW; ow += 4, values += 4, indices += 4) {
                const int at0 = (int)(2 * oh * W + 2 * ow);
                ember_pool4(_mm_loadu_ps(r0 + 2 * ow), _mm_loadu_ps(r0 + 2 * ow + 4), _mm_loadu_ps(r1 + 2 * ow),
                            _mm_loadu_ps(r1 + 2 * ow + 4), _mm_setr_epi32(at0, at0 + 2, at0 + 4, at0 + 6), W, values,
                            indices);
            }
        }
        return 1;
    }
    if (OW == 2 && OH % 2 == 0) {
        for (ptrdiff_t oh = 0; oh < OH; oh += 2, values += 4, indices += 4) {
            const float *r0 = x + 2 * oh * W, *r1 = r0 + W, *r2 = r1 + W, *r3 = r2 + W;
            const int at0 = (int)(2 * oh * W), at2 = (int)(2 * (oh + 1) * W);
            ember_pool4(_mm_loadu_ps(r0), _mm_loadu_ps(r2), _mm_loadu_ps(r1), _mm_loadu_ps(r3),
                        _mm_setr_epi32(at0, at0 + 2, at2, at2 + 2), W, values, indices);
        }
        return 1;
    }
    return 0;
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
            /* The common 2 x 2 pool: the same rule, unrolled (four outputs at a time for float32). */       \
            if (EMBER_MAX_POOL_2X2(x, values, indices, W, w->output[1], w->output[2])) return;                 \
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

#if defined(__x86_64__)
#define EMBER_MAX_POOL_2X2 ember_max_pool_2x2_f32
#else
#define EMBER_MAX_POOL_2X2(...) 0
#endif
EMBER_MAX_POOL(ember_max_pool_plane_f32, float, __builtin_inff(), ember_take_f32)
#undef EMBER_MAX_POOL_2X2
#define EMBER_MAX_POOL_2X2(...) 0
EMBER_MAX_POOL(ember_max_pool_plane_f64, double, __builtin_inf(), ember_take_f64)
#undef EMBER_MAX_POOL_2X2

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
