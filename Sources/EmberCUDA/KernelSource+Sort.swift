import EmberBackend

// MARK: - sort, kthvalue, searchsorted

// Note [CUDA sort]
// `sort` orders each slice along the dim by the CPU backend's keys, widened to 64 bits: NaN is
// the largest (every NaN alike), -0.0 equals 0.0, and descending complements the key, so NaN
// comes first. Each element carries its position, and the pairs are ordered by key, then by
// position: all pairs differ, so any correct sort of them gives the stable order, and a bitonic
// network does (the slice padded to a power of two `p2` with keys after every element). A slice
// of up to `sortBlockCapacity` elements is sorted by one block in shared memory (all the
// network's stages, with `__syncthreads` between them), which writes the first `kept` values
// and positions. A longer slice is sorted in global scratch: one kernel fills the keys and
// positions of every slice, one launch per stage of the network exchanges pairs across all
// slices, and one kernel writes the kept entries.
//
// `kthvalue` runs, one thread per slice, PyTorch's `quick_select_template` step for step, as the
// CPU backend does, on a scratch copy of the slice's keys and positions, so that among equal
// values the same position is returned (correct, not fast, for a single long slice).

// Note [CUDA searchsorted]
// One thread per value: a binary search of its row of the boundaries (the last dim; one row for
// all values when the boundaries are 1-D, else the row at the value's leading indices), through
// the sorter's positions when there is one, with the CPU backend's comparisons (PyTorch's
// `cus_lower_bound` / `cus_upper_bound`): go right while `!(m >= v)`, or `!(m > v)` for
// `right`, so a NaN value lands at the end. The indexer's operands are the output, the values,
// the start of each value's boundary row and of its sorter row (stride 0 for 1-D boundaries).

extension KernelSources {
    /// The flag of `right` (upper bound) in the searchsorted kernel's flags.
    package static let searchRightFlag: Int64 = 1
    /// The flag of an int32 output in the searchsorted kernel's flags.
    package static let searchInt32Flag: Int64 = 2

    /// The searchsorted kernel of `dtype`; `nil` for bool.
    package static func searchsortedKernel(_ dtype: DType) -> String? {
        dtype == .bool ? nil : entry("sort", "searchsorted", dtype)
    }

    /// The most elements of a slice that one block sorts in shared memory (Note [CUDA sort]).
    package static let sortBlockCapacity = 2048

    /// The sorting kernels of `dtype`: the block sort, the three passes of the global sort and
    /// kthvalue (Note [CUDA sort]).
    package static func sortKernels(_ dtype: DType) -> [String] {
        ["block", "fill", "step", "write", "kthvalue"].map { entry("sort", $0, dtype) }
    }

    /// How a kernel turns an element `x` of `dtype` into its 64-bit sort key (the CPU
    /// backend's `sortKey`, widened).
    static func sortKeyText(_ dtype: DType) -> String {
        switch dtype {
        case .bool: "return x ? 1ull : 0ull;"
        case .int32: "return (u64)((unsigned int)x ^ 0x80000000u);"
        case .int64: "return (u64)x ^ 0x8000000000000000ull;"
        case .float32: """
            if (x != x) return 0xffffffffull;
                const unsigned int bits = __float_as_uint(x == 0.0f ? 0.0f : x);
                return (u64)((bits & 0x80000000u) ? ~bits : (bits | 0x80000000u));
            """
        case .float64: """
            if (x != x) return ~0ull;
                const u64 bits = (u64)__double_as_longlong(x == 0.0 ? 0.0 : x);
                return (bits & 0x8000000000000000ull) ? ~bits : (bits | 0x8000000000000000ull);
            """
        }
    }

    /// The sorting family's module of `dtype` (Notes [CUDA sort] and [CUDA searchsorted]).
    package static func sortModule(_ dtype: DType) -> KernelModule {
        var text = prelude(dtype) + sortText(dtype)
        var names = sortKernels(dtype)
        if let search = searchsortedKernel(dtype) {
            names.append(search)
            text += """

            extern "C" __global__ void \(search)(const T* __restrict__ b, const T* __restrict__ v,
                    const i64* __restrict__ sorter, void* out, i64 count, i64 n, i64 bStep, i64 sStep,
                    EmberIndexer ix, i64 flags) {
                const bool right = (flags & \(searchRightFlag)) != 0;
                EMBER_GRID_STRIDE_LOOP(i, count) {
                    i64 off[\(maxOperands)];
                    ember_offsets(ix, i, off);
                    const T value = v[off[1]];
                    const T* row = b + off[2];
                    const i64* sortRow = sorter ? sorter + off[3] : 0;
                    i64 low = 0, high = n;
                    while (low < high) {
                        const i64 mid = low + ((high - low) >> 1);
                        const i64 position = sortRow ? sortRow[mid * sStep] : mid;
                        const T m = row[position * bStep];
                        const bool goRight = right ? !(m > value) : !(m >= value);
                        if (goRight) low = mid + 1; else high = mid;
                    }
                    if (flags & \(searchInt32Flag)) ((int*)out)[off[0]] = (int)low;
                    else ((i64*)out)[off[0]] = low;
                }
            }

            """
        }
        return KernelModule(name: "sort_\(dtype.kernelName)", kernels: names, source: text)
    }
}

extension KernelSources {
    /// The sort and kthvalue kernels of `dtype` (Note [CUDA sort]); `sortKernels` names them.
    static func sortText(_ dtype: DType) -> String {
        let names = sortKernels(dtype)
        let capacity = sortBlockCapacity
        return """

        __device__ __forceinline__ u64 ember_sort_key(T x) {
            \(sortKeyText(dtype))
        }
        // Orders the pair at i and the pair at l (> i): ascending when `up`, else descending.
        __device__ __forceinline__ void ember_exchange(u64* keys, i64* pos, i64 i, i64 l, bool up) {
            const bool lFirst = keys[l] < keys[i] || (keys[l] == keys[i] && pos[l] < pos[i]);
            if (lFirst == up) {
                const u64 k = keys[i]; keys[i] = keys[l]; keys[l] = k;
                const i64 p = pos[i]; pos[i] = pos[l]; pos[l] = p;
            }
        }
        // The key and position of element j of a slice of n at x (padding past n).
        __device__ __forceinline__ void ember_sort_load(const T* x, i64 j, i64 n, i64 sa, bool descending,
                u64* key, i64* pos) {
            if (j < n) {
                const u64 k = ember_sort_key(x[j * sa]);
                *key = descending ? ~k : k;
            } else {
                *key = ~0ull;
            }
            *pos = j;
        }

        extern "C" __global__ void \(names[0])(const T* __restrict__ a, T* __restrict__ values, i64* __restrict__ indices,
                i64 rows, i64 n, i64 kept, i64 p2, i64 sa, i64 sv, i64 sx, EmberIndexer outer, i64 descending) {
            __shared__ u64 keys[\(capacity)];
            __shared__ i64 pos[\(capacity)];
            for (i64 r = blockIdx.x; r < rows; r += gridDim.x) {
                i64 base[\(maxOperands)];
                ember_offsets(outer, r, base);
                const T* x = a + base[0];
                for (i64 j = threadIdx.x; j < p2; j += blockDim.x) ember_sort_load(x, j, n, sa, descending != 0, &keys[j], &pos[j]);
                __syncthreads();
                for (i64 k = 2; k <= p2; k <<= 1) {
                    for (i64 j = k >> 1; j > 0; j >>= 1) {
                        for (i64 i = threadIdx.x; i < p2; i += blockDim.x) {
                            const i64 l = i ^ j;
                            if (l > i) ember_exchange(keys, pos, i, l, (i & k) == 0);
                        }
                        __syncthreads();
                    }
                }
                for (i64 j = threadIdx.x; j < kept; j += blockDim.x) {
                    const i64 p = pos[j];
                    values[base[1] + j * sv] = x[p * sa];
                    indices[base[2] + j * sx] = p;
                }
                __syncthreads();
            }
        }

        extern "C" __global__ void \(names[1])(const T* __restrict__ a, u64* __restrict__ keys, i64* __restrict__ pos,
                i64 rows, i64 n, i64 p2, i64 sa, EmberIndexer outer, i64 descending) {
            EMBER_GRID_STRIDE_LOOP(t, rows * p2) {
                const i64 r = t / p2, j = t - r * p2;
                i64 base[\(maxOperands)];
                ember_offsets(outer, r, base);
                ember_sort_load(a + base[0], j, n, sa, descending != 0, &keys[t], &pos[t]);
            }
        }

        extern "C" __global__ void \(names[2])(u64* keys, i64* pos, i64 rows, i64 p2, i64 k, i64 j) {
            EMBER_GRID_STRIDE_LOOP(t, rows * p2) {
                const i64 r = t / p2, i = t - r * p2, l = i ^ j;
                if (l > i) ember_exchange(keys + r * p2, pos + r * p2, i, l, (i & k) == 0);
            }
        }

        extern "C" __global__ void \(names[3])(const T* __restrict__ a, T* __restrict__ values, i64* __restrict__ indices,
                const i64* __restrict__ pos, i64 rows, i64 kept, i64 p2, i64 sa, i64 sv, i64 sx, EmberIndexer outer) {
            EMBER_GRID_STRIDE_LOOP(t, rows * kept) {
                const i64 r = t / kept, j = t - r * kept;
                i64 base[\(maxOperands)];
                ember_offsets(outer, r, base);
                const i64 p = pos[r * p2 + j];
                values[base[1] + j * sv] = a[base[0] + p * sa];
                indices[base[2] + j * sx] = p;
            }
        }

        // PyTorch's quick_select_template on a scratch copy of each slice's keys and positions.
        extern "C" __global__ void \(names[4])(const T* __restrict__ a, T* __restrict__ values, i64* __restrict__ indices,
                u64* __restrict__ scratchKeys, i64* __restrict__ scratchPos, i64 rows, i64 n, i64 k, i64 sa,
                EmberIndexer outer) {
            EMBER_GRID_STRIDE_LOOP(r, rows) {
                i64 base[\(maxOperands)];
                ember_offsets(outer, r, base);
                const T* x = a + base[0];
                u64* K = scratchKeys + r * n;
                i64* P = scratchPos + r * n;
                for (i64 j = 0; j < n; ++j) { K[j] = ember_sort_key(x[j * sa]); P[j] = j; }
                #define EMBER_SWAP(i, j) { const u64 tk = K[i]; K[i] = K[j]; K[j] = tk; const i64 tp = P[i]; P[i] = P[j]; P[j] = tp; }
                i64 low = 0, high = n - 1;
                while (high > low) {
                    if (high == low + 1) {
                        if (K[low] > K[high]) EMBER_SWAP(low, high);
                        break;
                    }
                    EMBER_SWAP(low + (high - low) / 2, low + 1);
                    if (K[low + 1] > K[high]) EMBER_SWAP(low + 1, high);
                    if (K[low] > K[high]) EMBER_SWAP(low, high);
                    if (K[low + 1] > K[low]) EMBER_SWAP(low + 1, low);
                    i64 i = low + 1, j = high;
                    const u64 pivot = K[low];
                    while (true) {
                        do { ++i; } while (pivot > K[i]);
                        do { --j; } while (K[j] > pivot);
                        if (j < i) break;
                        EMBER_SWAP(i, j);
                    }
                    EMBER_SWAP(low, j);
                    if (j <= k) low = i;
                    if (j >= k) high = j - 1;
                }
                #undef EMBER_SWAP
                values[base[1]] = x[P[k] * sa];
                indices[base[2]] = P[k];
            }
        }

        """
    }
}
