// Kernels that need instructions Swift cannot ask for without compiler flags (a package used as
// a dependency may not set any): AVX2 and FMA, compiled per function with `target` attributes
// and chosen at run time, as PyTorch dispatches its kernels by CPU capability.
#ifndef CEMBER_SIMD_H
#define CEMBER_SIMD_H

#include <stddef.h>
#include <stdint.h>

#include "VectorMath.h"

/// 1 when the CPU and the operating system support AVX2 and FMA (YMM state enabled), else 0.
int ember_simd_has_avx2_fma(void);

/// 0 without AVX-512 (or without the OS saving ZMM state); 1 with AVX-512 F, DQ, BW and VL (a
/// Skylake-SP-class core); 2 when AVX512_BF16 comes too (Cooper Lake, Sapphire Rapids and later).
int ember_simd_avx512_level(void);

/// dst[j * dstStride + i] = src[i * srcStride + j] for i < rows, j < cols: a block of 4-byte
/// elements transposed in 8 x 8 AVX2 tiles (the rest element by element). Strides are in
/// elements. Call only when ember_simd_has_avx2_fma() is 1.
void ember_simd_transpose32_avx2(const void *src, size_t srcStride, void *dst, size_t dstStride,
                                 size_t rows, size_t cols);

/// acc plus the sum of n floats, in Ember's block order (see Note [Float sums in blocks] in SIMD.c): blocks
/// of 2048 summed in float lanes, block sums added in double. Call only when
/// ember_simd_has_avx2_fma() is 1.
double ember_simd_sum_f32_avx2(const float *p, size_t n, double acc);

/// ember_simd_sum_f32_avx2's result, reading one stream instead of four (see Note [Streams per
/// thread in float sums] in SIMD.c). Call only when ember_simd_avx512_level() is at least 1.
double ember_simd_sum_f32_avx512(const float *p, size_t n, double acc);

/// acc[j] += the sum over rows r < rows of p[r * rowStride + j], for j < n: four rows at a time
/// summed in float as ((r0 + r1) + (r2 + r3)), then added in double; the last rows one at a time.
/// Call only when ember_simd_has_avx2_fma() is 1.
void ember_simd_accumulate_rows_f32_avx2(double *acc, const float *p, size_t rowStride, size_t rows, size_t n);

/// Floats of workspace that ember_simd_sgemm_avx2 needs for an m x n x k product whose A and B
/// have column strides acs and bcs.
size_t ember_simd_sgemm_workspace_avx2(size_t m, size_t n, size_t k, ptrdiff_t acs, ptrdiff_t bcs);

/// c = alpha * a @ b + beta * c on one thread (see Note [The float32 product kernel] in Gemm.c): a(i, q)
/// at a[i * ars + q * acs], b(q, j) at b[q * brs + j * bcs], c(i, j) at c[i * ldc + j]. k > 0.
/// With beta == 0, c is not read. `workspace` holds ember_simd_sgemm_workspace_avx2(m, n, k, acs,
/// bcs) floats. Call only when ember_simd_has_avx2_fma() is 1.
void ember_simd_sgemm_avx2(size_t m, size_t n, size_t k, float alpha, const float *a, ptrdiff_t ars, ptrdiff_t acs,
                           const float *b, ptrdiff_t brs, ptrdiff_t bcs, float beta, float *c, ptrdiff_t ldc,
                           float *workspace);

/// Floats of workspace that ember_simd_sgemm_avx512 needs (as ember_simd_sgemm_workspace_avx2).
size_t ember_simd_sgemm_workspace_avx512(size_t m, size_t n, size_t k, ptrdiff_t acs, ptrdiff_t bcs);

/// ember_simd_sgemm_avx2 on 12 x 32 tiles of AVX-512 registers; the same contract, with the same
/// summation order. Call only when ember_simd_avx512_level() is at least 1.
void ember_simd_sgemm_avx512(size_t m, size_t n, size_t k, float alpha, const float *a, ptrdiff_t ars,
                             ptrdiff_t acs, const float *b, ptrdiff_t brs, ptrdiff_t bcs, float beta, float *c,
                             ptrdiff_t ldc, float *workspace);

/// A right-hand side packed once for many products: floats of the panels of a k x n matrix B.
size_t ember_simd_sgemm_panels_floats_avx2(size_t k, size_t n);
/// Packs b(q, j) at b[q * brs + j * bcs] into ember_simd_sgemm_panels_floats_avx2(k, n) floats of
/// panels 16 columns wide (k rows deep each, zero-padded past n). Call only with AVX2 and FMA.
void ember_simd_sgemm_pack_panels_avx2(size_t k, size_t n, const float *b, ptrdiff_t brs, ptrdiff_t bcs,
                                       float *panels);
/// Floats of workspace that ember_simd_sgemm_panels_avx2 needs for m rows of an A with column
/// stride acs.
size_t ember_simd_sgemm_panels_workspace_avx2(size_t m, size_t k, ptrdiff_t acs);
/// ember_simd_sgemm_avx2 with B given as packed panels: `panels` points to the panel of this
/// call's first column (a multiple of 16 from the packed matrix's first), `k` is the packed
/// matrix's depth. The same tiles and summation order, so the same bits.
void ember_simd_sgemm_panels_avx2(size_t m, size_t n, size_t k, float alpha, const float *a, ptrdiff_t ars,
                                  ptrdiff_t acs, const float *panels, float beta, float *c, ptrdiff_t ldc,
                                  float *workspace);
/// The AVX-512 instances of the four above: panels 32 columns wide.
size_t ember_simd_sgemm_panels_floats_avx512(size_t k, size_t n);
void ember_simd_sgemm_pack_panels_avx512(size_t k, size_t n, const float *b, ptrdiff_t brs, ptrdiff_t bcs,
                                         float *panels);
size_t ember_simd_sgemm_panels_workspace_avx512(size_t m, size_t k, ptrdiff_t acs);
void ember_simd_sgemm_panels_avx512(size_t m, size_t n, size_t k, float alpha, const float *a, ptrdiff_t ars,
                                    ptrdiff_t acs, const float *panels, float beta, float *c, ptrdiff_t ldc,
                                    float *workspace);

// MARK: - Fused optimizer updates (Optim.c; see Note [Fused optimizer arithmetic] there)

/// The settings of one SGD update (torch.optim.SGD's group options).
typedef struct {
    double lr, momentum, dampening, weight_decay;
    int nesterov, maximize;
    /// The momentum buffer is new: it becomes the gradient instead of being updated.
    int first_step;
} ember_sgd_config;

/// One SGD update of the n contiguous elements of p from grad, with the momentum buffer buf
/// (unused without momentum). The _avx2 variants need ember_simd_has_avx2_fma() == 1.
void ember_sgd_step_f32(float *p, const float *grad, float *buf, size_t n, const ember_sgd_config *c);
void ember_sgd_step_f64(double *p, const double *grad, double *buf, size_t n, const ember_sgd_config *c);
void ember_sgd_step_f32_avx2(float *p, const float *grad, float *buf, size_t n, const ember_sgd_config *c);
void ember_sgd_step_f64_avx2(double *p, const double *grad, double *buf, size_t n, const ember_sgd_config *c);

/// The settings of one Adam update; step_size = lr / (1 - beta1^t) and bias_correction2_sqrt =
/// sqrt(1 - beta2^t) for the parameter's step count t.
typedef struct {
    double lr, beta1, beta2, eps, weight_decay, step_size, bias_correction2_sqrt;
    int decoupled, maximize;
} ember_adam_config;

/// One Adam update of the n contiguous elements of p from grad, with the moment averages m and v
/// and, for amsgrad, their running maximum vmax (NULL otherwise). The _avx2 variants need
/// ember_simd_has_avx2_fma() == 1.
void ember_adam_step_f32(float *p, const float *grad, float *m, float *v, float *vmax, size_t n,
                         const ember_adam_config *c);
void ember_adam_step_f64(double *p, const double *grad, double *m, double *v, double *vmax, size_t n,
                         const ember_adam_config *c);
void ember_adam_step_f32_avx2(float *p, const float *grad, float *m, float *v, float *vmax, size_t n,
                              const ember_adam_config *c);
void ember_adam_step_f64_avx2(double *p, const double *grad, double *m, double *v, double *vmax, size_t n,
                              const ember_adam_config *c);

/// The settings of one Adamax, NAdam, RAdam, Adadelta, Adagrad or RMSprop update (OptimMore.c):
/// the group's options and the per-step scalars the caller computes in double as PyTorch does
/// in Python. Each kernel reads the fields its optimizer uses.
typedef struct {
    /// The learning rate; the betas (Adamax, NAdam, RAdam); alpha (RMSprop) or rho (Adadelta).
    double lr, beta1, beta2, alpha, eps, weight_decay, momentum;
    /// Adamax's lr / (1 - beta1^t) or Adagrad's lr / (1 + (t - 1) * lr_decay).
    double step_size;
    /// RAdam's 1 - beta1^t and sqrt(1 - beta2^t); NAdam's 1 - beta2^t (bias_correction2 only).
    double bias_correction1, bias_correction2;
    /// NAdam's addcdiv values: -lr * (1 - mu) / (1 - mu_product) for the gradient and
    /// -lr * mu_next / (1 - mu_product * mu_next) for exp_avg.
    double grad_coefficient, avg_coefficient;
    /// RAdam's rectification term, used when rectified (rho_t > 5).
    double rect;
    int decoupled, maximize, rectified;
} ember_optim_config;

/// Declares a fused update's float, double and AVX2 kernels. Each updates the n contiguous
/// elements of p from grad with up to three state buffers, in the order OptimMore.c documents per
/// optimizer (an absent optional buffer is NULL). The _avx2 variants need
/// ember_simd_has_avx2_fma() == 1.
#define EMBER_DECLARE_OPTIM_STEP(NAME)                                                              \
    void NAME##_f32(float *p, const float *grad, float *s0, float *s1, float *s2, size_t n,           \
                    const ember_optim_config *c);                                                    \
    void NAME##_f64(double *p, const double *grad, double *s0, double *s1, double *s2, size_t n,      \
                    const ember_optim_config *c);                                                    \
    void NAME##_f32_avx2(float *p, const float *grad, float *s0, float *s1, float *s2, size_t n,      \
                         const ember_optim_config *c);                                               \
    void NAME##_f64_avx2(double *p, const double *grad, double *s0, double *s1, double *s2, size_t n, \
                         const ember_optim_config *c);

EMBER_DECLARE_OPTIM_STEP(ember_adamax_step)
EMBER_DECLARE_OPTIM_STEP(ember_nadam_step)
EMBER_DECLARE_OPTIM_STEP(ember_radam_step)
EMBER_DECLARE_OPTIM_STEP(ember_adadelta_step)
EMBER_DECLARE_OPTIM_STEP(ember_adagrad_step)
EMBER_DECLARE_OPTIM_STEP(ember_rmsprop_step)

// MARK: - Batch norm's sums (Normalization.c)

/// Adds the sum of `x[0..<n]` to `*sum` and of `(x[i] - center)^2` to `*squares`, in double
/// (AVX2; call only where the CPU has it).
void ember_bn_sums_f32_avx2(const float *x, ptrdiff_t n, double center, double *sum, double *squares);
/// Adds the sum of `g[0..<n]` to `*sum` and of `(x[i] - center) * g[i]` to `*dot`, in double (AVX2).
void ember_bn_backward_sums_f32_avx2(const float *x, const float *g, ptrdiff_t n, double center, double *sum,
                                     double *dot);

// MARK: - Sliding windows (Windows.c)

/// A sliding window over three spatial dims (missing leading dims of size 1): see SlidingWindow in
/// EmberBackend.
typedef struct {
    ptrdiff_t kernel[3], dilation[3], padding[3], stride[3], input[3], output[3];
} ember_window;

/// Floats of workspace that ember_simd_sconv_avx2 needs for n columns and k rows.
size_t ember_simd_sconv_workspace_avx2(size_t n, size_t k);

/// c = a @ cols + beta * c on one thread, where cols (k x L) is the unfold of one image x
/// [channels, w->input...] by the window w (k = channels * kernel elements, L = output
/// positions), read straight from the image (see Note [Convolutions without unfolding] in Gemm.c):
/// a(i, q) at a[i * ars + q], columns jBegin..<jBegin + n of cols, c(i, j) at c[i * ldc + j -
/// jBegin]. k > 0; with beta == 0, c is not read. `workspace` holds
/// ember_simd_sconv_workspace_avx2(n, k) floats. Call only when ember_simd_has_avx2_fma() is 1.
void ember_simd_sconv_avx2(size_t m, size_t n, size_t k, const float *a, ptrdiff_t ars, const float *x,
                           const ember_window *w, size_t jBegin, float beta, float *c, ptrdiff_t ldc,
                           float *workspace);

/// Floats of workspace that ember_simd_sconv_avx512 needs.
size_t ember_simd_sconv_workspace_avx512(size_t n, size_t k);

/// ember_simd_sconv_avx2 on AVX-512 tiles, with ember_simd_sgemm_avx512's summation order. Call
/// only when ember_simd_avx512_level() is at least 1.
void ember_simd_sconv_avx512(size_t m, size_t n, size_t k, const float *a, ptrdiff_t ars, const float *x,
                             const ember_window *w, size_t jBegin, float beta, float *c, ptrdiff_t ldc,
                             float *workspace);

/// im2col of one (batch, channel) plane: the contiguous `x` [input...] into the contiguous `y`
/// [kernel..., output...], zero where a window reaches past the input. By element size.
void ember_unfold_plane_u8(const uint8_t *x, uint8_t *y, const ember_window *w);
void ember_unfold_plane_u32(const uint32_t *x, uint32_t *y, const ember_window *w);
void ember_unfold_plane_u64(const uint64_t *x, uint64_t *y, const ember_window *w);
/// col2im of one plane: zeroes `y` [input...], then adds every element of `c` [kernel...,
/// output...] into the input position it was read from (padding dropped).
void ember_fold_plane_f32(const float *c, float *y, const ember_window *w);
void ember_fold_plane_f64(const double *c, double *y, const ember_window *w);
/// The map of Note [Window maps for small planes] (Windows.c): for each of the window's
/// kernelCount * outputCount column positions, the flat input position it reads, or -1.
void ember_window_map(const ember_window *w, int32_t *map);
/// im2col of `planes` contiguous planes of `inPlane` elements through `map` (`count` entries) into
/// `planes` contiguous runs of `count` columns. By element size.
void ember_unfold_mapped_u8(const uint8_t *x, uint8_t *y, const int32_t *map, ptrdiff_t count, ptrdiff_t planes,
                            ptrdiff_t inPlane);
void ember_unfold_mapped_u32(const uint32_t *x, uint32_t *y, const int32_t *map, ptrdiff_t count, ptrdiff_t planes,
                             ptrdiff_t inPlane);
void ember_unfold_mapped_u64(const uint64_t *x, uint64_t *y, const int32_t *map, ptrdiff_t count, ptrdiff_t planes,
                             ptrdiff_t inPlane);
/// col2im of `planes` runs of `count` columns through `map` into `planes` contiguous planes of
/// `inPlane` elements, each zeroed first.
void ember_fold_mapped_f32(const float *c, float *y, const int32_t *map, ptrdiff_t count, ptrdiff_t planes,
                           ptrdiff_t inPlane);
void ember_fold_mapped_f64(const double *c, double *y, const int32_t *map, ptrdiff_t count, ptrdiff_t planes,
                           ptrdiff_t inPlane);
/// Max pooling of one plane over the last two spatial dims of `w` into `values` and `indices`
/// [output...] (PyTorch's cpu_max_pool rule for NaN and all -inf windows).
void ember_max_pool_plane_f32(const float *x, float *values, int64_t *indices, const ember_window *w);
void ember_max_pool_plane_f64(const double *x, double *values, int64_t *indices, const ember_window *w);
/// Max pooling's backward for one plane: `out` [plane] zeroed, then `gradient[o]` added at
/// `indices[o]` for each of the `outputs` positions.
void ember_max_pool_backward_plane_f32(const float *gradient, const int64_t *indices, float *out, ptrdiff_t outputs,
                                       ptrdiff_t plane);
void ember_max_pool_backward_plane_f64(const double *gradient, const int64_t *indices, double *out, ptrdiff_t outputs,
                                       ptrdiff_t plane);

#endif
