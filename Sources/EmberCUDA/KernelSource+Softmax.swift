import EmberBackend

// MARK: - Softmax family

// Note [CUDA slice kernels]
// Softmax and the scans work on the 1-D slices of their input along one dim. The host describes
// the slices with `KernelSlices`: the number of slices (`rows`), their length, each operand's
// stride along the dim, and an `outer` indexer over the other dims (the shape with size 1 at the
// dim; operand 0 the input, 1 the output) that gives each slice's first element. Strided inputs
// are read in place.

extension KernelSources {
    /// The softmax kernel of a floating `dtype` (`log` for log-softmax).
    package static func softmaxKernel(_ dtype: DType, log: Bool) -> String? {
        dtype.isFloatingPoint ? entry("softmax", log ? "log" : "softmax", dtype) : nil
    }

    /// The module of softmax and log-softmax of a floating `dtype` (see Note [CUDA slice kernels]).
    ///
    /// One block per slice (grid-stride over the slices), as the CPU backend computes it: the
    /// maximum (a NaN wins, so a slice with a NaN is all NaN, and an all -inf slice is NaN too,
    /// as in PyTorch) merged through shared memory, then the sum of `exp(x - max)` accumulated in
    /// double and merged the same way, then `exp(x - max) / sum` or `x - (max + log(sum))`. Each
    /// thread rescales the elements it wrote itself, so an in-place softmax is safe.
    package static func softmaxModule(_ dtype: DType) -> KernelModule {
        precondition(dtype.isFloatingPoint, "softmax kernels are floating")
        let m = dtype.math
        var text = prelude(dtype) + blockSum
        var names: [String] = []
        for log in [false, true] {
            let name = softmaxKernel(dtype, log: log)!
            names.append(name)
            let finish = log
                ? """
                const T shift = mx + (T)::log(total);
                        for (i64 k = threadIdx.x; k < n; k += blockDim.x) y[k * so] = x[k * sa] - shift;
                """
                : """
                const T scale = (T)(1.0 / total);
                        for (i64 k = threadIdx.x; k < n; k += blockDim.x) y[k * so] *= scale;
                """
            text += """

            extern "C" __global__ void __launch_bounds__(\(blockSize)) \(name)(const T* a, T* o,
                    i64 rows, i64 n, i64 sa, i64 so, EmberIndexer outer) {
                __shared__ T maxima[\(blockSize)];
                __shared__ double sums[\(blockSize)];
                for (i64 r = blockIdx.x; r < rows; r += gridDim.x) {
                    i64 base[\(maxOperands)];
                    ember_offsets(outer, r, base);
                    const T* x = a + base[0];
                    T* y = o + base[1];
                    T mx = -EMBER_INF;
                    for (i64 k = threadIdx.x; k < n; k += blockDim.x) {
                        const T v = x[k * sa];
                        if (!isnan(mx) && (isnan(v) || v > mx)) mx = v;
                    }
                    maxima[threadIdx.x] = mx;
                    __syncthreads();
                    for (unsigned int s = blockDim.x / 2; s > 0; s >>= 1) {
                        if (threadIdx.x < s) {
                            const T u = maxima[threadIdx.x], v = maxima[threadIdx.x + s];
                            if (!isnan(u) && (isnan(v) || v > u)) maxima[threadIdx.x] = v;
                        }
                        __syncthreads();
                    }
                    mx = maxima[0];
                    double sum = 0;
                    for (i64 k = threadIdx.x; k < n; k += blockDim.x) {
                        const T e = \(m("exp"))(x[k * sa] - mx);
                        \(log ? "" : "y[k * so] = e;")
                        sum += (double)e;
                    }
                    const double total = ember_block_sum(sum, sums);
                    \(finish)
                    __syncthreads();
                }
            }

            """
        }
        return KernelModule(name: "softmax_\(dtype.kernelName)", kernels: names, source: text)
    }
}

// MARK: - Slices along a dim

/// The host's description of the slices along one dim (see Note [CUDA slice kernels]).
package struct KernelSlices: Equatable, Sendable {
    /// How many slices.
    package var rows: Int
    /// Elements per slice.
    package var length: Int
    /// Each operand's stride along the dim.
    package var along: [Int]
    /// The `outer` indexer's words.
    package var outer: [UInt64]

    /// The slices along `dim` of `shape`, for operands with `strides`; `nil` when the other dims
    /// do not fit the indexer.
    package init?(shape: Dims, dim: Int, strides: [Dims]) {
        var others = shape
        others[dim] = 1
        guard let outer = KernelIndexer.words(others, strides) else { return nil }
        self.outer = outer
        rows = others.reduce(1, *)
        length = shape[dim]
        along = strides.map { $0[dim] }
    }

    /// The grid: one block per slice, at most 65,536.
    package var blocks: Int { min(max(rows, 1), 65_536) }
}
