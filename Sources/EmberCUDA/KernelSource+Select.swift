import EmberBackend

// MARK: - Select family (where, lerp)

extension KernelSources {
    /// The `where` kernel of `dtype`.
    package static func selectKernel(_ dtype: DType) -> String { entry("select", "where", dtype) }

    /// The `lerp` kernel of a floating `dtype`.
    package static func lerpKernel(_ dtype: DType) -> String? {
        dtype.isFloatingPoint ? entry("select", "lerp", dtype) : nil
    }

    /// The module of `where` (and, for floating dtypes, `lerp`) of `dtype`.
    ///
    /// `where`: operand 0 is the bool condition, 1 and 2 the two choices, 3 the output; a choice
    /// flagged scalar in `p.i[3]` (`lhsScalarFlag`, `rhsScalarFlag`) is read from parameter 0
    /// or 1. `lerp`: operand 0 is the start, 1 the end, 2 the weight, 3 the output; the weight
    /// flagged scalar (`rhsScalarFlag`) is parameter 1. Its formula is the CPU backend's
    /// (PyTorch's two branches, each one fused multiply-add): `fma(w, end - start, start)` when
    /// `|w| < 0.5`, else `fma(w - 1, end - start, end)`.
    package static func selectModule(_ dtype: DType) -> KernelModule {
        var text = prelude(dtype)
        let name = selectKernel(dtype)
        var names = [name]
        text += """

        extern "C" __global__ void \(name)(const bool* __restrict__ c, const T* __restrict__ a, const T* __restrict__ b,
                T* __restrict__ o, i64 n, EmberIndexer ix, EmberParams p) {
            const bool aScalar = (p.i[3] & \(lhsScalarFlag)) != 0, bScalar = (p.i[3] & \(rhsScalarFlag)) != 0;
            const T as = \(dtype.parameter(0)), bs = \(dtype.parameter(1));
            EMBER_GRID_STRIDE_LOOP(i, n) {
                i64 off[\(maxOperands)];
                ember_offsets(ix, i, off);
                o[off[3]] = c[off[0]] ? (aScalar ? as : a[off[1]]) : (bScalar ? bs : b[off[2]]);
            }
        }

        """
        if let lerp = lerpKernel(dtype) {
            names.append(lerp)
            let m = dtype.math
            text += """

            extern "C" __global__ void \(lerp)(const T* __restrict__ s, const T* __restrict__ e, const T* __restrict__ w,
                    T* __restrict__ o, i64 n, EmberIndexer ix, EmberParams p) {
                const bool wScalar = (p.i[3] & \(rhsScalarFlag)) != 0;
                const T ws = \(dtype.parameter(1));
                EMBER_GRID_STRIDE_LOOP(i, n) {
                    i64 off[\(maxOperands)];
                    ember_offsets(ix, i, off);
                    const T x = s[off[0]], y = e[off[1]], t = wScalar ? ws : w[off[2]];
                    const T d = y - x;
                    o[off[3]] = \(m("fabs"))(t) < (T)0.5 ? \(m("fma"))(t, d, x) : \(m("fma"))(t - (T)1, d, y);
                }
            }

            """
        }
        return KernelModule(name: "select_\(dtype.kernelName)", kernels: names, source: text)
    }
}
