import EmberBackend

// MARK: - Pooling family

extension KernelSources {
    /// The max pooling backward kernel of a floating `dtype`.
    package static func maxPoolBackwardKernel(_ dtype: DType) -> String { entry("pool", "max_backward", dtype) }

    /// The module of max pooling's backward pass of a floating `dtype`: one thread per `[N, C]`
    /// plane (grid-stride over the planes) zeroes its plane of the output, then adds each of the
    /// plane's gradients at the position its index names, in order, as the CPU backend's
    /// `ember_max_pool_backward_plane_*` does, so overlapping windows sum in the same order and
    /// round the same (no atomics); an index outside the plane is skipped.
    package static func poolModule(_ dtype: DType) -> KernelModule {
        precondition(dtype.isFloatingPoint, "pooling kernels are floating")
        let name = maxPoolBackwardKernel(dtype)
        let text = prelude(dtype) + """

        extern "C" __global__ void \(name)(const T* __restrict__ gradient, const i64* __restrict__ indices,
                T* __restrict__ out, i64 planes, i64 outputs, i64 plane) {
            EMBER_GRID_STRIDE_LOOP(q, planes) {
                const T* g = gradient + q * outputs;
                const i64* at = indices + q * outputs;
                T* o = out + q * plane;
                for (i64 i = 0; i < plane; ++i) o[i] = (T)0;
                for (i64 k = 0; k < outputs; ++k) {
                    const i64 j = at[k];
                    if (j >= 0 && j < plane) o[j] += g[k];
                }
            }
        }

        """
        return KernelModule(name: "pool_\(dtype.kernelName)", kernels: [name], source: text)
    }
}
