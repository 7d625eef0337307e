import EmberBackend

// MARK: - Advanced indexing: index and index_put

// Note [CUDA advanced indexing]
// `index` (a gather) and `indexPut` (a scatter, with an optional reduction) take one thread per
// element of the iteration shape (the output's for `index`, the restrided destination's for
// `indexPut`). Their operands do not fit the four of an `EmberIndexer`: the output, the data (or
// the values) and one int64 tensor per index, so they take an `EmberIndexerOf<indexOperands>`
// (operand 0 the output, 1 the data or values, 2 + k index k) and an `EmberIndexes` describing
// each index: its address, the data's stride for one step of it, the indexed dim's size and the
// lowest valid position (`-size`, or 0 where negative positions are out of range).
//
// Bounds: PyTorch's CUDA kernels check each position on the device and stop the program with a
// device-side assert. Here a kernel that meets a position out of range records it in an int64
// flag with `atomicMin` on a key and skips the element; the host reads the flag back (which waits
// for the stream) and throws the CPU backend's `IndexOutOfRange`, for the position the CPU
// backend reports: `index` reports the first failing element in row-major order (key
// `position * indexCount + k`), `indexPut` checks every index before writing anything, operand
// by operand (key `k * count + position`), in a pass of its own before the write pass.
//
// `indexPut` without a reduction stores; where positions repeat, which write lands is not
// defined (the CPU backend's last write wins; PyTorch's CUDA kernel does not define it either).
// Add is `atomicAdd` (on the unsigned type of the same width for integers, so it wraps); multiply,
// maximum and minimum are compare-and-swap loops with the CPU backend's formulas (a NaN on
// either side wins the float maximum and minimum). For bool, add and maximum store `true` where
// the value is true and multiply and minimum store `false` where it is false: every racing
// write stores the same value, so no atomics are needed. Accumulated floats are added in an
// order that depends on the schedule, so where positions repeat they can differ from the CPU
// backend's in the last bits.

extension KernelSources {
    /// The most index tensors of one `index` or `indexPut`.
    package static let maxIndexes = 6
    /// The operands of their indexer: the output, the data or values, and the indexes.
    package static let indexOperands = maxIndexes + 2
    /// The largest value of an int64 flag: no position out of range.
    package static let noFailure = Int64.max

    /// The gather kernel of `dtype` (every dtype has one).
    package static func indexKernel(_ dtype: DType) -> String { entry("index", "gather", dtype) }

    /// The bounds-check pass of `indexPut`, in the module of `dtype`.
    package static func indexCheckKernel(_ dtype: DType) -> String { entry("index", "check", dtype) }

    /// The `indexPut` kernel of `reduce` over `dtype` (every dtype has each).
    package static func indexPutKernel(_ reduce: IndexReduction, _ dtype: DType) -> String {
        entry("index", "put_\(caseName(reduce))", dtype)
    }

    /// The reductions of `indexPut`, in kernel order.
    package static let indexReductions: [IndexReduction] = [.none, .add, .multiply, .maximum, .minimum]

    /// The text shared by the index kernels: the `EmberIndexes` struct and the read of the
    /// storage offset the indexes add to one element (or the failure's operand).
    static var indexesText: String {
        """

        struct EmberIndexes {
            i64 count;
            const i64* pointer[\(maxIndexes)];
            i64 stride[\(maxIndexes)];
            i64 size[\(maxIndexes)];
            i64 lowest[\(maxIndexes)];
        };
        typedef EmberIndexerOf<\(indexOperands)> EmberIndexIndexer;
        // The offset the indexes add at the element whose operand offsets are `off`; the failing
        // operand in `bad` (which the caller sets to -1) when one is out of range.
        __device__ __forceinline__ i64 ember_indexed(const EmberIndexes& ix, const i64* off, int* bad) {
            i64 total = 0;
            for (int k = 0; k < ix.count; ++k) {
                i64 v = ix.pointer[k][off[2 + k]];
                if (v < ix.lowest[k] || v >= ix.size[k]) { *bad = k; return 0; }
                if (v < 0) v += ix.size[k];
                total += v * ix.stride[k];
            }
            return total;
        }

        """
    }

    /// The gather, the check and the five `indexPut` kernels of `dtype` (Note [CUDA advanced
    /// indexing]).
    package static func indexModule(_ dtype: DType) -> KernelModule {
        var text = prelude(dtype) + indexesText
        let gather = indexKernel(dtype), check = indexCheckKernel(dtype)
        text += """

        extern "C" __global__ void \(gather)(const T* __restrict__ x, T* __restrict__ o, i64 n, EmberIndexIndexer ix,
                EmberIndexes idx, i64* flag) {
            EMBER_GRID_STRIDE_LOOP(i, n) {
                i64 off[\(indexOperands)];
                ember_offsets(ix, i, off);
                int bad = -1;
                const i64 extra = ember_indexed(idx, off, &bad);
                if (bad >= 0) { atomicMin(flag, i * idx.count + bad); continue; }
                o[off[0]] = x[off[1] + extra];
            }
        }

        extern "C" __global__ void \(check)(i64 n, EmberIndexIndexer ix, EmberIndexes idx, i64* flag) {
            EMBER_GRID_STRIDE_LOOP(i, n) {
                i64 off[\(indexOperands)];
                ember_offsets(ix, i, off);
                int bad = -1;
                ember_indexed(idx, off, &bad);
                if (bad >= 0) atomicMin(flag, bad * n + i);
            }
        }

        """
        text += atomicCombineText(dtype)
        var names = [gather, check]
        for reduce in indexReductions {
            let name = indexPutKernel(reduce, dtype)
            names.append(name)
            text += """

            extern "C" __global__ void \(name)(T* o, const T* __restrict__ v, i64 n, EmberIndexIndexer ix,
                    EmberIndexes idx, EmberParams p) {
                const bool scalar = (p.i[3] & \(lhsScalarFlag)) != 0;
                const T s = \(dtype.parameter(0));
                EMBER_GRID_STRIDE_LOOP(i, n) {
                    i64 off[\(indexOperands)];
                    ember_offsets(ix, i, off);
                    int bad = -1;
                    const i64 extra = ember_indexed(idx, off, &bad);
                    if (bad >= 0) continue;
                    const T value = scalar ? s : v[off[1]];
                    T* target = o + off[0] + extra;
                    \(indexPutStatement(reduce, dtype))
                }
            }

            """
        }
        return KernelModule(name: "index_\(dtype.kernelName)", kernels: names, source: text)
    }

    /// How one `indexPut` element lands on `*target` (Note [CUDA advanced indexing]).
    static func indexPutStatement(_ reduce: IndexReduction, _ dtype: DType) -> String {
        switch (reduce, dtype) {
        case (.none, _): "*target = value;"
        case (.add, .bool), (.maximum, .bool): "if (value) *target = true;"
        case (.multiply, .bool), (.minimum, .bool): "if (!value) *target = false;"
        case (.add, .float32), (.add, .float64): "atomicAdd(target, value);"
        case (.add, _): "atomicAdd((U*)target, (U)value);"
        case (.multiply, _): "ember_atomic_combine(target, value, 0);"
        case (.maximum, _): "ember_atomic_combine(target, value, 1);"
        case (.minimum, _): "ember_atomic_combine(target, value, 2);"
        }
    }

    /// `ember_atomic_combine(target, value, op)` for a numeric `dtype`: a compare-and-swap loop
    /// that replaces `*target` by its product (op 0), maximum (1) or minimum (2) with `value`,
    /// with the CPU backend's formulas; nothing for bool.
    static func atomicCombineText(_ dtype: DType) -> String {
        guard dtype != .bool else { return "" }
        let (bits, toBits, fromBits): (String, String, String) = switch dtype {
        case .float32: ("unsigned int", "__float_as_uint(next)", "__uint_as_float(assumed)")
        case .float64: ("u64", "(u64)__double_as_longlong(next)", "__longlong_as_double((i64)assumed)")
        case .int32: ("unsigned int", "(unsigned int)next", "(T)assumed")
        default: ("u64", "(u64)next", "(T)assumed")  // int64
        }
        let (product, maximum, minimum) = dtype.isFloatingPoint
            ? ("a * v", "v != v || a < v ? v : a", "v != v || v < a ? v : a")
            : ("(T)((U)a * (U)v)", "a < v ? v : a", "v < a ? v : a")
        return """

        __device__ __forceinline__ void ember_atomic_combine(T* target, T v, int op) {
            \(bits)* address = (\(bits)*)target;
            \(bits) old = *address, assumed;
            do {
                assumed = old;
                const T a = \(fromBits);
                const T next = op == 0 ? \(product) : op == 1 ? (\(maximum)) : (\(minimum));
                const \(bits) bits = \(toBits);
                if (bits == assumed) break;
                old = atomicCAS(address, assumed, bits);
            } while (old != assumed);
        }

        """
    }
}
