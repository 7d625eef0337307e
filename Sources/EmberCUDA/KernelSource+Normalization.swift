import EmberBackend

// MARK: - Batch norm family

extension KernelSources {
    /// A block-wide sum of one double per thread through `shared` (`blockSize` doubles), in a
    /// fixed tree order; every thread gets the total.
    static let blockSum = """
    __device__ double ember_block_sum(double v, double* shared) {
        shared[threadIdx.x] = v;
        __syncthreads();
        for (unsigned int s = blockDim.x / 2; s > 0; s >>= 1) {
            if (threadIdx.x < s) shared[threadIdx.x] += shared[threadIdx.x + s];
            __syncthreads();
        }
        const double total = shared[0];
        __syncthreads();
        return total;
    }

    """

    /// `flags` bits of the batch norm backward kernel.
    package static let batchNormTraining: Int64 = 1, batchNormNeedsSums: Int64 = 2

    /// The batch norm kernel `stage` (`statistics`, `apply` or `backward`) of a floating `dtype`.
    package static func batchNormKernel(_ stage: String, _ dtype: DType) -> String { entry("batchnorm", stage, dtype) }

    /// The module of the fused batch norm kernels of a floating `dtype`, on the contiguous `[N,
    /// C, S]` input of `Backend.batchNormStatistics` and its siblings, as the CPU backend computes
    /// them (Note [Fused batch norm and pooling kernels] in EmberCPU): sums in double, one block
    /// per channel for the statistics and the backward pass (grid-stride over the channels),
    /// one thread per element for `apply`. A null `weight` reads as one, a null `bias` as zero,
    /// and a null gradient buffer is not written. Products that PyTorch's CPU kernels round
    /// before an add are `__fmul_rn` / `__dmul_rn`, so NVRTC does not contract them.
    package static func batchNormModule(_ dtype: DType) -> KernelModule {
        precondition(dtype.isFloatingPoint, "batch norm kernels are floating")
        let mul = dtype == .float32 ? "__fmul_rn" : "__dmul_rn"
        let names = ["statistics", "apply", "backward"].map { batchNormKernel($0, dtype) }
        let text = prelude(dtype) + blockSum + """

        extern "C" __global__ void __launch_bounds__(\(blockSize)) \(names[0])(const T* x, T* mean, T* variance, T* invstd,
                i64 n, i64 c, i64 s, double eps) {
            __shared__ double shared[\(blockSize)];
            const double count = (double)(n * s);
            for (i64 ch = blockIdx.x; ch < c; ch += gridDim.x) {
                double total = 0;
                for (i64 b = 0; b < n; ++b) {
                    const T* xs = x + (b * c + ch) * s;
                    for (i64 i = threadIdx.x; i < s; i += blockDim.x) total += (double)xs[i];
                }
                const double mu = ember_block_sum(total, shared) / count;
                double squares = 0;
                for (i64 b = 0; b < n; ++b) {
                    const T* xs = x + (b * c + ch) * s;
                    for (i64 i = threadIdx.x; i < s; i += blockDim.x) {
                        const double d = (double)xs[i] - mu;
                        squares += __dmul_rn(d, d);
                    }
                }
                const double sigma2 = ember_block_sum(squares, shared) / count;
                if (threadIdx.x == 0) {
                    mean[ch] = (T)mu;
                    variance[ch] = (T)sigma2;
                    invstd[ch] = (T)(1 / sqrt(sigma2 + eps));
                }
            }
        }

        extern "C" __global__ void \(names[1])(const T* x, const T* mean, const T* invstd, const T* weight, const T* bias,
                T* y, i64 total, i64 c, i64 s) {
            EMBER_GRID_STRIDE_LOOP(i, total) {
                const i64 ch = (i / s) % c;
                // PyTorch's batch_norm_cpu_transform_input: y = x * alpha + beta.
                const T alpha = \(mul)(invstd[ch], weight ? weight[ch] : (T)1);
                const T beta = (bias ? bias[ch] : (T)0) - \(mul)(mean[ch], alpha);
                y[i] = \(mul)(x[i], alpha) + beta;
            }
        }

        extern "C" __global__ void __launch_bounds__(\(blockSize)) \(names[2])(const T* dy, const T* x, const T* mean,
                const T* invstd, const T* weight, T* dx, T* dw, T* db, i64 n, i64 c, i64 s, i64 flags) {
            __shared__ double shared[\(blockSize)];
            const bool training = (flags & \(batchNormTraining)) != 0, needsSums = (flags & \(batchNormNeedsSums)) != 0;
            const double count = (double)(n * s);
            for (i64 ch = blockIdx.x; ch < c; ch += gridDim.x) {
                const T mu = mean[ch], rstd = invstd[ch];
                // sum(dy) and sum((x - mean) * dy), PyTorch's `sum` and `dotp`.
                double sum = 0, dot = 0;
                if (needsSums) {
                    const double center = (double)mu;
                    for (i64 b = 0; b < n; ++b) {
                        const T* xs = x + (b * c + ch) * s;
                        const T* gs = dy + (b * c + ch) * s;
                        for (i64 i = threadIdx.x; i < s; i += blockDim.x) {
                            const double g = (double)gs[i];
                            sum += g;
                            dot += __dmul_rn((double)xs[i] - center, g);
                        }
                    }
                    sum = ember_block_sum(sum, shared);
                    dot = ember_block_sum(dot, shared);
                }
                const T scale = \(mul)(rstd, weight ? weight[ch] : (T)1);
                if (dx) {
                    // dx = (dy - mean(dy) - (x - mean) * k) * invstd * w, k = dotp * invstd^2 / count.
                    const T k = (T)(dot * (double)rstd * (double)rstd / count), gradMean = (T)(sum / count);
                    for (i64 b = 0; b < n; ++b) {
                        const T* xs = x + (b * c + ch) * s;
                        const T* gs = dy + (b * c + ch) * s;
                        T* to = dx + (b * c + ch) * s;
                        for (i64 i = threadIdx.x; i < s; i += blockDim.x) {
                            to[i] = training ? \(mul)(gs[i] - gradMean - \(mul)(xs[i] - mu, k), scale) : \(mul)(gs[i], scale);
                        }
                    }
                }
                if (threadIdx.x == 0) {
                    if (dw) dw[ch] = (T)(dot * (double)rstd);
                    if (db) db[ch] = (T)sum;
                }
            }
        }

        """
        return KernelModule(name: "batchnorm_\(dtype.kernelName)", kernels: names, source: text)
    }
}
