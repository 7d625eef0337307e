import EmberBackend

// MARK: - Sliding-window family (im2col, col2im, max pooling)

// Note [CUDA sliding windows]
// The CUDA forms of Note [Sliding windows] (CPUBackend+Windows.swift) and of the CPU's
// `ember_max_pool_plane_*`. The window travels by value as an `EmberWindow`: one to three spatial
// dims padded to three, the missing leading ones of size 1 (as `WindowKernels.geometry` pads
// them), eighteen int64s. `unfold` runs one thread per element of the columns `[planes, kernel...,
// output...]`, reading its input element or writing zero in the padding. `fold` runs one thread
// per element of the output `[planes, input...]`, summing the columns that were read from it:
// in each spatial dim a kernel element reads a given input position from at most one output
// position, so the thread visits the kernel elements in order and adds at most one column each,
// starting from zero — the order in which the CPU's plane loop adds them, so the sums round
// alike, with no atomics and no dependence on the launch. `maxPool` (two spatial dims, the
// CPU's geometry) runs one thread per output element with the CPU's rule: the window clipped to
// the input, a larger value or a NaN taking the place, a window of nothing but -inf keeping its
// first position inside the input.

extension KernelSources {
    /// The im2col kernel of `dtype` (any dtype).
    package static func unfoldKernel(_ dtype: DType) -> String { entry("window", "unfold", dtype) }
    /// The col2im kernel of `dtype`; `nil` unless floating.
    package static func foldKernel(_ dtype: DType) -> String? { dtype.isFloatingPoint ? entry("window", "fold", dtype) : nil }
    /// The max pooling kernel of `dtype`; `nil` unless floating.
    package static func maxPoolKernel(_ dtype: DType) -> String? { dtype.isFloatingPoint ? entry("window", "max_pool", dtype) : nil }

    /// The `EmberWindow` struct and the module's kernels of `dtype`: unfold, and for a floating
    /// dtype fold and max pooling (Note [CUDA sliding windows]).
    package static func windowModule(_ dtype: DType) -> KernelModule {
        var text = prelude(dtype) + """
        struct EmberWindow {
            i64 kernel[3], dilation[3], padding[3], stride[3], input[3], output[3];
        };

        extern "C" __global__ void \(unfoldKernel(dtype))(const T* __restrict__ x, T* __restrict__ y, i64 count,
                EmberWindow w) {
            const i64 inPlane = w.input[0] * w.input[1] * w.input[2];
            EMBER_GRID_STRIDE_LOOP(i, count) {
                i64 r = i;
                const i64 ow = r % w.output[2]; r /= w.output[2];
                const i64 oh = r % w.output[1]; r /= w.output[1];
                const i64 od = r % w.output[0]; r /= w.output[0];
                const i64 kw = r % w.kernel[2]; r /= w.kernel[2];
                const i64 kh = r % w.kernel[1]; r /= w.kernel[1];
                const i64 kd = r % w.kernel[0]; r /= w.kernel[0];
                const i64 id = od * w.stride[0] + kd * w.dilation[0] - w.padding[0];
                const i64 ih = oh * w.stride[1] + kh * w.dilation[1] - w.padding[1];
                const i64 iw = ow * w.stride[2] + kw * w.dilation[2] - w.padding[2];
                const bool inside = id >= 0 && id < w.input[0] && ih >= 0 && ih < w.input[1] && iw >= 0 && iw < w.input[2];
                y[i] = inside ? x[r * inPlane + (id * w.input[1] + ih) * w.input[2] + iw] : (T)0;
            }
        }

        """
        var kernels = [unfoldKernel(dtype)]
        if let fold = foldKernel(dtype), let pool = maxPoolKernel(dtype) {
            kernels += [fold, pool]
            text += """

            // The output position o in 0..<size with o * stride + offset == i, or -1.
            __device__ __forceinline__ i64 ember_window_source(i64 i, i64 offset, i64 stride, i64 size) {
                const i64 t = i - offset;
                if (t < 0 || t % stride != 0) return -1;
                const i64 o = t / stride;
                return o < size ? o : -1;
            }

            extern "C" __global__ void \(fold)(const T* __restrict__ c, T* __restrict__ y, i64 count, EmberWindow w) {
                const i64 outPlane = w.output[0] * w.output[1] * w.output[2];
                const i64 columnsPlane = outPlane * w.kernel[0] * w.kernel[1] * w.kernel[2];
                EMBER_GRID_STRIDE_LOOP(i, count) {
                    i64 r = i;
                    const i64 iw = r % w.input[2]; r /= w.input[2];
                    const i64 ih = r % w.input[1]; r /= w.input[1];
                    const i64 id = r % w.input[0]; r /= w.input[0];
                    const T* plane = c + r * columnsPlane;
                    T sum = (T)0;
                    i64 k = 0;
                    for (i64 kd = 0; kd < w.kernel[0]; ++kd) {
                        const i64 od = ember_window_source(id, kd * w.dilation[0] - w.padding[0], w.stride[0], w.output[0]);
                        for (i64 kh = 0; kh < w.kernel[1]; ++kh) {
                            const i64 oh = ember_window_source(ih, kh * w.dilation[1] - w.padding[1], w.stride[1], w.output[1]);
                            for (i64 kw = 0; kw < w.kernel[2]; ++kw, ++k) {
                                const i64 ow = ember_window_source(iw, kw * w.dilation[2] - w.padding[2], w.stride[2], w.output[2]);
                                if (od < 0 || oh < 0 || ow < 0) continue;
                                sum += plane[k * outPlane + (od * w.output[1] + oh) * w.output[2] + ow];
                            }
                        }
                    }
                    y[i] = sum;
                }
            }

            extern "C" __global__ void \(pool)(const T* __restrict__ x, T* __restrict__ values, i64* __restrict__ indices,
                    i64 count, EmberWindow w) {
                const i64 H = w.input[1], W = w.input[2], kH = w.kernel[1], kW = w.kernel[2];
                const i64 sH = w.stride[1], sW = w.stride[2], pH = w.padding[1], pW = w.padding[2];
                const i64 dH = w.dilation[1], dW = w.dilation[2];
                EMBER_GRID_STRIDE_LOOP(i, count) {
                    i64 r = i;
                    const i64 ow = r % w.output[2]; r /= w.output[2];
                    const i64 oh = r % w.output[1]; r /= w.output[1];
                    const T* plane = x + r * H * W;
                    i64 h0 = oh * sH - pH;
                    const i64 h1 = h0 + (kH - 1) * dH + 1 < H ? h0 + (kH - 1) * dH + 1 : H;
                    while (h0 < 0) h0 += dH;
                    i64 w0 = ow * sW - pW;
                    const i64 w1 = w0 + (kW - 1) * dW + 1 < W ? w0 + (kW - 1) * dW + 1 : W;
                    while (w0 < 0) w0 += dW;
                    T best = -EMBER_INF;
                    i64 at = h0 * W + w0;
                    for (i64 h = h0; h < h1; h += dH) {
                        for (i64 cc = w0; cc < w1; cc += dW) {
                            const T v = plane[h * W + cc];
                            const bool takes = (v > best) | (v != v);
                            best = takes ? v : best;
                            at = takes ? h * W + cc : at;
                        }
                    }
                    values[i] = best;
                    indices[i] = at;
                }
            }

            """
        }
        return KernelModule(name: "window_\(dtype.kernelName)", kernels: kernels, source: text)
    }
}

// MARK: - Window geometry

/// The 64-bit words of a kernel's `EmberWindow` (Note [CUDA sliding windows]).
package enum KernelWindow {
    /// The window padded to three spatial dims, the missing leading ones of size 1 (padding 0):
    /// kernel, dilation, padding, stride, input size and output size, three words each.
    package static func words(_ window: SlidingWindow) -> [UInt64] {
        let missing = 3 - window.kernel.count
        func three(_ values: [Int], _ fill: Int) -> [UInt64] {
            (Array(repeating: fill, count: missing) + values).map { UInt64(bitPattern: Int64($0)) }
        }
        return three(window.kernel, 1) + three(window.dilation, 1) + three(window.padding, 0)
            + three(window.stride, 1) + three(window.inputSize, 1) + three(window.outputSize, 1)
    }
}
