// The float32 product kernel, written once for any vector width (see Note [The float32 product kernel] in Gemm.c). Gemm.c includes this file once per instruction set, after defining:
//
//   GEMM_SUFFIX           appended to every function name (avx2, avx512)
//   GEMM_TARGET           the `target` attribute string for that instruction set
//   GEMM_MR, GEMM_NR      the register tile: GEMM_MR rows of C by GEMM_NR columns
//   GEMM_KC, GEMM_MC, GEMM_NC, GEMM_B_IN_PLACE   blocking, and the most floats of B read in place
//   VEC, VW               the vector type and its float lanes
//   V_ZERO(), V_LOAD(p), V_STORE(p, v), V_SET1(x), V_FMA(a, b, c), V_MUL(a, b)
//
// Loops over the tile's rows and vectors have constant bounds and are fully unrolled, so the
// accumulators live in registers: GEMM_MR * GEMM_NR / VW of them, plus GEMM_NR / VW loads of B
// and one broadcast of A per row, feeding GEMM_MR * GEMM_NR / VW FMAs per step of k.

#define GEMM_CAT_(a, b) a##_##b
#define GEMM_CAT(a, b) GEMM_CAT_(a, b)
#define GEMM_FN(name) GEMM_CAT(name, GEMM_SUFFIX)
#define GEMM_NV (GEMM_NR / VW)

typedef struct {
    int aInPlace, bInPlace;
    size_t aFloats, bFloats;
} GEMM_FN(GemmPlan);

static GEMM_FN(GemmPlan) GEMM_FN(gemm_plan)(size_t m, size_t n, size_t k, ptrdiff_t acs, ptrdiff_t bcs) {
    GEMM_FN(GemmPlan) p;
    p.aInPlace = acs == 1;
    p.bInPlace = bcs == 1 && k * n <= GEMM_B_IN_PLACE && n % GEMM_NR == 0;
    const size_t kc = k < GEMM_KC ? k : GEMM_KC, nc = n < GEMM_NC ? n : GEMM_NC, mc = m < GEMM_MC ? m : GEMM_MC;
    p.bFloats = p.bInPlace ? 0 : kc * ((nc + GEMM_NR - 1) / GEMM_NR * GEMM_NR);
    p.aFloats = p.aInPlace ? 0 : kc * ((mc + GEMM_MR - 1) / GEMM_MR * GEMM_MR);
    return p;
}

size_t GEMM_FN(ember_simd_sgemm_workspace)(size_t m, size_t n, size_t k, ptrdiff_t acs, ptrdiff_t bcs) {
    const GEMM_FN(GemmPlan) p = GEMM_FN(gemm_plan)(m, n, k, acs, bcs);
    return p.aFloats + p.bFloats;
}

// One R x GEMM_NR tile of C (R <= GEMM_MR, a constant once inlined) from kc steps: a(r, q) at
// a[r * ars + q * acs] for r < rows (rows past `rows` repeat the last one), b(q, 0..<GEMM_NR) at
// b[q * brs]. Stores the top-left mr x nr of alpha * acc + beta * C. Every loop over rows or
// vectors is unrolled, so the accumulators never leave registers, not even to be stored.
__attribute__((target(GEMM_TARGET), always_inline)) static inline void
GEMM_FN(gemm_tile)(const int R, size_t kc, const float *a, ptrdiff_t ars, ptrdiff_t acs, size_t rows,
                   const float *b, ptrdiff_t brs, float alpha, float beta, float *c, ptrdiff_t ldc, size_t mr,
                   size_t nr) {
    VEC acc[GEMM_MR][GEMM_NV];
    ptrdiff_t offset[GEMM_MR];
#pragma clang loop unroll(full)
    for (int r = 0; r < R; r++) {
        offset[r] = (ptrdiff_t)((size_t)r < rows ? (size_t)r : rows - 1) * ars;
#pragma clang loop unroll(full)
        for (int v = 0; v < GEMM_NV; v++) acc[r][v] = V_ZERO();
    }
    for (size_t q = 0; q < kc; q++) {
        // B's rows 16 steps ahead, into L1: a B read in place comes from L2 or L3 the first time
        // (+6% on a batch of 128^3 products whose operands are not in L2; prefetching A or C
        // measured no gain or a loss).
#pragma clang loop unroll(full)
        for (int line = 0; line < GEMM_NR * 4; line += 64) _mm_prefetch((const char *)(b + 16 * brs) + line, _MM_HINT_T0);
        VEC bv[GEMM_NV];
#pragma clang loop unroll(full)
        for (int v = 0; v < GEMM_NV; v++) bv[v] = V_LOAD(b + v * VW);
#pragma clang loop unroll(full)
        for (int r = 0; r < R; r++) {
            const VEC x = V_SET1(a[offset[r]]);
#pragma clang loop unroll(full)
            for (int v = 0; v < GEMM_NV; v++) acc[r][v] = V_FMA(x, bv[v], acc[r][v]);
        }
        a += acs;
        b += brs;
    }
    const VEC va = V_SET1(alpha), vb = V_SET1(beta);
    float t[GEMM_NR];
#pragma clang loop unroll(full)
    for (int r = 0; r < R; r++) {
        if ((size_t)r >= mr) break;
        float *row = c + r * ldc;
        if (nr == GEMM_NR) {
#pragma clang loop unroll(full)
            for (int v = 0; v < GEMM_NV; v++) {
                VEC out = V_MUL(acc[r][v], va);
                if (beta != 0) out = V_FMA(V_LOAD(row + v * VW), vb, out);
                V_STORE(row + v * VW, out);
            }
        } else {
#pragma clang loop unroll(full)
            for (int v = 0; v < GEMM_NV; v++) V_STORE(t + v * VW, V_MUL(acc[r][v], va));
            for (size_t j = 0; j < nr; j++) row[j] = beta != 0 ? fmaf(row[j], beta, t[j]) : t[j];
        }
    }
}

// A tile of mr valid rows on the smallest of three register tiles that holds them (GEMM_MR,
// two thirds and one third of it), so that the last rows of a matrix (64 = 5 x 12 + 4) do not
// cost a whole tile.
__attribute__((target(GEMM_TARGET), always_inline)) static inline void
GEMM_FN(gemm_rows)(size_t kc, const float *a, ptrdiff_t ars, ptrdiff_t acs, size_t rows, const float *b,
                   ptrdiff_t brs, float alpha, float beta, float *c, ptrdiff_t ldc, size_t mr, size_t nr) {
    if (mr > GEMM_MR * 2 / 3)
        GEMM_FN(gemm_tile)(GEMM_MR, kc, a, ars, acs, rows, b, brs, alpha, beta, c, ldc, mr, nr);
    else if (mr > GEMM_MR / 3)
        GEMM_FN(gemm_tile)(GEMM_MR * 2 / 3, kc, a, ars, acs, rows, b, brs, alpha, beta, c, ldc, mr, nr);
    else
        GEMM_FN(gemm_tile)(GEMM_MR / 3, kc, a, ars, acs, rows, b, brs, alpha, beta, c, ldc, mr, nr);
}

// Packs b(q, j) = b[q * rs + j * cs], q < kc, j < nc, into panels of GEMM_NR columns (kc x
// GEMM_NR each, columns past nc zero).
__attribute__((target(GEMM_TARGET))) static void
GEMM_FN(gemm_pack_b)(size_t kc, size_t nc, const float *b, ptrdiff_t rs, ptrdiff_t cs, float *out) {
    for (size_t j0 = 0; j0 < nc; j0 += GEMM_NR) {
        const size_t w = nc - j0 < GEMM_NR ? nc - j0 : GEMM_NR;
        const float *src = b + j0 * cs;
        if (cs == 1 && w == GEMM_NR) {
            for (size_t q = 0; q < kc; q++, src += rs, out += GEMM_NR)
#pragma clang loop unroll(full)
                for (int v = 0; v < GEMM_NV; v++) V_STORE(out + v * VW, V_LOAD(src + v * VW));
        } else {
            for (size_t q = 0; q < kc; q++, src += rs, out += GEMM_NR) {
                size_t j = 0;
                for (; j < w; j++) out[j] = src[j * cs];
                for (; j < GEMM_NR; j++) out[j] = 0;
            }
        }
    }
}

// Packs a(r, q) = a[r * rs + q * cs], r < mc, q < kc, into panels of GEMM_MR rows (kc x GEMM_MR
// each, rows past mc zero).
__attribute__((target(GEMM_TARGET))) static void
GEMM_FN(gemm_pack_a)(size_t mc, size_t kc, const float *a, ptrdiff_t rs, ptrdiff_t cs, float *out) {
    for (size_t i0 = 0; i0 < mc; i0 += GEMM_MR) {
        const size_t h = mc - i0 < GEMM_MR ? mc - i0 : GEMM_MR;
        const float *src = a + i0 * rs;
        if (h == GEMM_MR && cs == 1) {
            for (size_t q = 0; q < kc; q++, out += GEMM_MR)
#pragma clang loop unroll(full)
                for (int r = 0; r < GEMM_MR; r++) out[r] = src[r * rs + q];
        } else {
            for (size_t q = 0; q < kc; q++, out += GEMM_MR) {
                size_t r = 0;
                for (; r < h; r++) out[r] = src[r * rs + q * cs];
                for (; r < GEMM_MR; r++) out[r] = 0;
            }
        }
    }
}

// MARK: - B's panels from an image's windows (see Note [Convolutions without unfolding] in Gemm.c)

// Packs rows q0..<q0 + kc and columns j0..<j0 + nc of one image's unfolded input (the matrix
// `unfold` would write: row q = (channel, kernel element), column j = output position) straight
// from the image x [channels, w->input...] into panels of GEMM_NR columns, as gemm_pack_b packs a
// matrix. A panel's columns fall into runs along the last output dim (one run when that dim is a
// multiple of GEMM_NR wide); a run of a kernel element reads one input row, shifted, with zeros
// where it reaches the padding.
__attribute__((target(GEMM_TARGET))) static void
GEMM_FN(gemm_pack_b_windows)(size_t kc, size_t nc, size_t q0, size_t j0, const float *x, const ember_window *w,
                             float *out) {
    const ptrdiff_t in0 = w->input[0], in1 = w->input[1], in2 = w->input[2], inPlane = in0 * in1 * in2;
    const ptrdiff_t out1 = w->output[1], out2 = w->output[2], s2 = w->stride[2];
    const ptrdiff_t k0n = w->kernel[0], k1n = w->kernel[1], k2n = w->kernel[2];
    for (size_t jr = 0; jr < nc; jr += GEMM_NR) {
        const size_t width = nc - jr < GEMM_NR ? nc - jr : GEMM_NR;
        // The panel's runs: first column, length and the input position of kernel element zero.
        ptrdiff_t runT[GEMM_NR], runLen[GEMM_NR], runI0[GEMM_NR], runI1[GEMM_NR], runI2[GEMM_NR];
        int runs = 0;
        {
            const size_t j = j0 + jr;
            ptrdiff_t o2 = (ptrdiff_t)(j % (size_t)out2), rest = (ptrdiff_t)(j / (size_t)out2);
            ptrdiff_t o1 = rest % out1, o0 = rest / out1;
            for (size_t t = 0; t < width; runs++) {
                const ptrdiff_t len = (ptrdiff_t)(width - t) < out2 - o2 ? (ptrdiff_t)(width - t) : out2 - o2;
                runT[runs] = (ptrdiff_t)t;
                runLen[runs] = len;
                runI0[runs] = o0 * w->stride[0] - w->padding[0];
                runI1[runs] = o1 * w->stride[1] - w->padding[1];
                runI2[runs] = o2 * s2 - w->padding[2];
                t += (size_t)len;
                o2 = 0;
                if (++o1 == out1) { o1 = 0; o0++; }
            }
        }
        const ptrdiff_t perChannel = k0n * k1n * k2n;
        ptrdiff_t c = (ptrdiff_t)q0 / perChannel, e = (ptrdiff_t)q0 % perChannel;
        ptrdiff_t k0 = e / (k1n * k2n), k1 = e / k2n % k1n, k2 = e % k2n;
        float *dst = out + jr * kc;
        for (size_t q = 0; q < kc; q++, dst += GEMM_NR) {
            const float *plane = x + c * inPlane;
            const ptrdiff_t d0 = k0 * w->dilation[0], d1 = k1 * w->dilation[1], d2 = k2 * w->dilation[2];
            for (int r = 0; r < runs; r++) {
                float *d = dst + runT[r];
                const ptrdiff_t len = runLen[r], i0 = runI0[r] + d0, i1 = runI1[r] + d1, base = runI2[r] + d2;
                if (i0 < 0 || i0 >= in0 || i1 < 0 || i1 >= in1) {
                    for (ptrdiff_t u = 0; u < len; u++) d[u] = 0;
                    continue;
                }
                const float *row = plane + (i0 * in1 + i1) * in2;
                if (s2 == 1) {
                    ptrdiff_t lo = base < 0 ? -base : 0, hi = in2 - base;
                    if (lo > len) lo = len;
                    if (hi > len) hi = len;
                    if (hi < lo) hi = lo;
                    if (lo == 0 && hi == GEMM_NR) {
#pragma clang loop unroll(full)
                        for (int v = 0; v < GEMM_NV; v++) V_STORE(d + v * VW, V_LOAD(row + base + v * VW));
                        continue;
                    }
                    ptrdiff_t u = 0;
                    for (; u < lo; u++) d[u] = 0;
                    for (; u < hi; u++) d[u] = row[base + u];
                    for (; u < len; u++) d[u] = 0;
                } else {
                    for (ptrdiff_t u = 0; u < len; u++) {
                        const ptrdiff_t ix = base + u * s2;
                        d[u] = ix >= 0 && ix < in2 ? row[ix] : 0;
                    }
                }
            }
            for (size_t u = width; u < GEMM_NR; u++) dst[u] = 0;
            if (++k2 == k2n) {
                k2 = 0;
                if (++k1 == k1n) {
                    k1 = 0;
                    if (++k0 == k0n) { k0 = 0; c++; }
                }
            }
        }
    }
}

// Where the blocked product takes B from: a strided matrix `b` (packed block by block into the
// workspace, or read in place), panels packed once for all of it (`panels`, from
// ember_simd_sgemm_pack_panels), or the windows of an image (`image` and `window`, packed block by
// block from the image, columns from `jBegin`; see Note [Convolutions without unfolding]).
typedef struct {
    const float *b;
    ptrdiff_t brs, bcs;
    const float *panels;
    const float *image;
    const ember_window *window;
    size_t jBegin;
} GEMM_FN(GemmB);

// The blocked product of ember_simd_sgemm, ember_simd_sgemm_panels and ember_simd_sconv. Panels
// packed once hold each block at a fixed place: a panel of GEMM_NR columns is k rows deep, so
// block (pc, jc + jr) starts at (jc + jr) * k + pc * GEMM_NR. The tiles and the summation order
// are the same whatever B's source, so are the bits.
__attribute__((target(GEMM_TARGET))) static inline void
GEMM_FN(gemm_driver)(size_t m, size_t n, size_t k, float alpha, const float *a, ptrdiff_t ars, ptrdiff_t acs,
                     const GEMM_FN(GemmB) *src, float beta, float *c, ptrdiff_t ldc, float *workspace) {
    GEMM_FN(GemmPlan) plan = GEMM_FN(gemm_plan)(m, n, k, acs, src->b ? src->bcs : 0);
    if (src->panels) {
        plan.bInPlace = 0;
        plan.bFloats = 0;
    }
    float *bPacked = workspace, *aPacked = workspace + plan.bFloats;
    for (size_t jc = 0; jc < n; jc += GEMM_NC) {
        const size_t nc = n - jc < GEMM_NC ? n - jc : GEMM_NC;
        for (size_t pc = 0; pc < k; pc += GEMM_KC) {
            const size_t kc = k - pc < GEMM_KC ? k - pc : GEMM_KC;
            const float betaHere = pc == 0 ? beta : 1.0f;
            const float *bBlock = src->b ? src->b + pc * src->brs + jc * src->bcs : NULL;
            if (src->window)
                GEMM_FN(gemm_pack_b_windows)(kc, nc, pc, src->jBegin + jc, src->image, src->window, bPacked);
            else if (src->b && !plan.bInPlace)
                GEMM_FN(gemm_pack_b)(kc, nc, bBlock, src->brs, src->bcs, bPacked);
            for (size_t ic = 0; ic < m; ic += GEMM_MC) {
                const size_t mc = m - ic < GEMM_MC ? m - ic : GEMM_MC;
                const float *aBlock = a + ic * ars + pc * acs;
                if (!plan.aInPlace) GEMM_FN(gemm_pack_a)(mc, kc, aBlock, ars, acs, aPacked);
                for (size_t jr = 0; jr < nc; jr += GEMM_NR) {
                    const size_t nr = nc - jr < GEMM_NR ? nc - jr : GEMM_NR;
                    const float *bPanel = src->panels ? src->panels + (jc + jr) * k + pc * GEMM_NR
                                          : plan.bInPlace ? bBlock + jr : bPacked + jr * kc;
                    const ptrdiff_t bStep = plan.bInPlace ? src->brs : GEMM_NR;
                    for (size_t ir = 0; ir < mc; ir += GEMM_MR) {
                        const size_t mr = mc - ir < GEMM_MR ? mc - ir : GEMM_MR;
                        float *tile = c + (ic + ir) * ldc + jc + jr;
                        if (plan.aInPlace)
                            GEMM_FN(gemm_rows)(kc, aBlock + ir * ars, ars, 1, mr, bPanel, bStep, alpha, betaHere,
                                               tile, ldc, mr, nr);
                        else
                            GEMM_FN(gemm_rows)(kc, aPacked + ir * kc, 1, GEMM_MR, GEMM_MR, bPanel, bStep, alpha,
                                               betaHere, tile, ldc, mr, nr);
                    }
                }
            }
        }
    }
}

__attribute__((target(GEMM_TARGET))) void
GEMM_FN(ember_simd_sgemm)(size_t m, size_t n, size_t k, float alpha, const float *a, ptrdiff_t ars, ptrdiff_t acs,
                          const float *b, ptrdiff_t brs, ptrdiff_t bcs, float beta, float *c, ptrdiff_t ldc,
                          float *workspace) {
    const GEMM_FN(GemmB) src = {.b = b, .brs = brs, .bcs = bcs};
    GEMM_FN(gemm_driver)(m, n, k, alpha, a, ars, acs, &src, beta, c, ldc, workspace);
}

// MARK: - A right-hand side packed once for many products

size_t GEMM_FN(ember_simd_sgemm_panels_floats)(size_t k, size_t n) {
    return (n + GEMM_NR - 1) / GEMM_NR * GEMM_NR * k;
}

__attribute__((target(GEMM_TARGET))) void
GEMM_FN(ember_simd_sgemm_pack_panels)(size_t k, size_t n, const float *b, ptrdiff_t brs, ptrdiff_t bcs,
                                      float *panels) {
    GEMM_FN(gemm_pack_b)(k, n, b, brs, bcs, panels);
}

size_t GEMM_FN(ember_simd_sgemm_panels_workspace)(size_t m, size_t k, ptrdiff_t acs) {
    return GEMM_FN(gemm_plan)(m, GEMM_NR, k, acs, 1).aFloats;
}

__attribute__((target(GEMM_TARGET))) void
GEMM_FN(ember_simd_sgemm_panels)(size_t m, size_t n, size_t k, float alpha, const float *a, ptrdiff_t ars,
                                 ptrdiff_t acs, const float *panels, float beta, float *c, ptrdiff_t ldc,
                                 float *workspace) {
    const GEMM_FN(GemmB) src = {.panels = panels};
    GEMM_FN(gemm_driver)(m, n, k, alpha, a, ars, acs, &src, beta, c, ldc, workspace);
}

// MARK: - Convolutions as products over windows

size_t GEMM_FN(ember_simd_sconv_workspace)(size_t n, size_t k) {
    return GEMM_FN(gemm_plan)(1, n, k, 1, 0).bFloats;
}

__attribute__((target(GEMM_TARGET))) void
GEMM_FN(ember_simd_sconv)(size_t m, size_t n, size_t k, const float *a, ptrdiff_t ars, const float *x,
                          const ember_window *w, size_t jBegin, float beta, float *c, ptrdiff_t ldc,
                          float *workspace) {
    const GEMM_FN(GemmB) src = {.image = x, .window = w, .jBegin = jBegin};
    GEMM_FN(gemm_driver)(m, n, k, 1.0f, a, ars, 1, &src, beta, c, ldc, workspace);
}

#undef GEMM_CAT_
#undef GEMM_CAT
#undef GEMM_FN
#undef GEMM_NV
