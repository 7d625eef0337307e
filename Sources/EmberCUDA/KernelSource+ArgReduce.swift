import EmberBackend

// MARK: - Max and min with indices along a dim

// Note [CUDA arg reductions]
// `max(dim:)` and `min(dim:)` with their indices run one thread per slice (the slices of Note
// [CUDA slice kernels], with the input, the indices and the values as the outer indexer's three
// operands): the thread walks its slice in order and keeps the first element that no later one
// beats, with the CPU backend's comparators (`FloatArgMax` and friends): for floats a larger (or
// smaller) value or a NaN where the best is not NaN takes the place, so the first NaN wins and
// ties keep the first index; integers and bools compare as numbers. One thread per slice makes a
// single very long slice slow, but the result is the CPU's exactly, whatever the launch.

extension KernelSources {
    /// The kernel of `op` over `dtype` (every dtype has one).
    package static func argReduceKernel(_ op: ArgReduceOp, _ dtype: DType) -> String {
        entry("argreduce", op == .max ? "max" : "min", dtype)
    }

    /// The max and min kernels of `dtype` (Note [CUDA arg reductions]).
    package static func argReduceModule(_ dtype: DType) -> KernelModule {
        var text = prelude(dtype)
        var names: [String] = []
        for op in [ArgReduceOp.max, .min] {
            let name = argReduceKernel(op, dtype)
            names.append(name)
            let compare = op == .max ? ">" : "<"
            let better = dtype.isFloatingPoint ? "v \(compare) b || (v != v && b == b)" : "v \(compare) b"
            text += """

            extern "C" __global__ void \(name)(const T* __restrict__ a, i64* __restrict__ indices, T* __restrict__ values,
                    i64 rows, i64 n, i64 sa, EmberIndexer outer) {
                EMBER_GRID_STRIDE_LOOP(r, rows) {
                    if (n <= 0) continue;
                    i64 base[\(maxOperands)];
                    ember_offsets(outer, r, base);
                    const T* x = a + base[0];
                    T b = x[0];
                    i64 at = 0;
                    for (i64 k = 1; k < n; ++k) {
                        const T v = x[k * sa];
                        if (\(better)) { b = v; at = k; }
                    }
                    indices[base[1]] = at;
                    if (values) values[base[2]] = b;
                }
            }

            """
        }
        return KernelModule(name: "argreduce_\(dtype.kernelName)", kernels: names, source: text)
    }
}
