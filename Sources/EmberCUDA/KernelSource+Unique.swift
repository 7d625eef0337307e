import EmberBackend

// MARK: - unique_consecutive and unique(dim:)

// Note [CUDA unique]
// Both ops find where runs of equal elements (or rows) start, with the CPU backend's `==` (so a
// NaN equals nothing and starts a run of its own), and number the runs by flag and compaction:
//
// 1. flag: `flags[i]` is true where position `i` starts a run (position 0 always does);
// 2. count and scan: the compaction module's passes 1 and 2 over the bool flags (Note [CUDA
//    stream compaction]) give each block's first run number and the number of runs, which the
//    host reads back (waiting for the stream) to return it;
// 3. runs: each block walks its chunk again; position `i`'s run number is the flags up to and
//    including it, minus one (written to `groups` when asked), and a run's first position is
//    written to `firsts` at its run number;
// 4. values (`unique_consecutive`): run `r`'s value is the element at `firsts[r]` and its count
//    `firsts[r + 1] - firsts[r]` (`n` for the last run).
//
// `unique(dim:)` first orders the rows: lexicographically, by a stable sort of one column at a
// time from the last to the first (an LSD sort through `sort`'s kernels, whose keys put NaN last
// and -0.0 with 0.0), gathering each column in the current order and composing the sort's
// positions into it. Rows that compare equal keep their row order, where the CPU backend keeps
// libstdc++ `std::sort`'s; a NaN row, which the CPU's `<` cannot order, sorts by its other
// columns with the NaN last. Flags compare each sorted row with the one before it.

extension KernelSources {
    /// The unique module's kernels of `dtype`: flag runs of elements, flag runs of rows, gather
    /// a column, compose orders, identity order, number runs, run values.
    package static func uniqueKernels(_ dtype: DType) -> [String] {
        ["flag_consecutive", "flag_rows", "gather_column", "compose", "iota", "runs", "values"]
            .map { entry("unique", $0, dtype) }
    }

    /// The kernels of Note [CUDA unique] for `dtype`.
    package static func uniqueModule(_ dtype: DType) -> KernelModule {
        let names = uniqueKernels(dtype)
        var text = prelude(dtype)
        text += """

        \(tilePlaceText)
        // Pass 1 of unique_consecutive: runs of equal elements of the strided vector a.
        extern "C" __global__ void \(names[0])(const T* __restrict__ a, i64 n, i64 step, bool* __restrict__ flags) {
            EMBER_GRID_STRIDE_LOOP(i, n) {
                flags[i] = i == 0 || !(a[i * step] == a[(i - 1) * step]);
            }
        }

        // Pass 1 of unique(dim:): runs of equal rows of the contiguous [n, m] a, in `order`.
        extern "C" __global__ void \(names[1])(const T* __restrict__ a, i64 n, i64 m, const i64* __restrict__ order,
                bool* __restrict__ flags) {
            EMBER_GRID_STRIDE_LOOP(i, n) {
                bool start = i == 0;
                if (!start) {
                    const T* x = a + order[i] * m;
                    const T* y = a + order[i - 1] * m;
                    for (i64 c = 0; c < m && !start; ++c) start = !(x[c] == y[c]);
                }
                flags[i] = start;
            }
        }

        // Column c of the rows of a, in `order`.
        extern "C" __global__ void \(names[2])(const T* __restrict__ a, i64 n, i64 m, i64 c, const i64* __restrict__ order,
                T* __restrict__ keys) {
            EMBER_GRID_STRIDE_LOOP(i, n) { keys[i] = a[order[i] * m + c]; }
        }

        // out[i] = order[positions[i]]: a stable sort's positions composed into the order.
        extern "C" __global__ void \(names[3])(const i64* __restrict__ order, const i64* __restrict__ positions,
                i64* __restrict__ out, i64 n) {
            EMBER_GRID_STRIDE_LOOP(i, n) { out[i] = order[positions[i]]; }
        }

        // out[i] = i.
        extern "C" __global__ void \(names[4])(i64* __restrict__ out, i64 n) {
            EMBER_GRID_STRIDE_LOOP(i, n) { out[i] = i; }
        }

        // Pass 3: run numbers (into groups, with stride gstep, when not null) and each run's
        // first position (into firsts, when not null), one chunk of the flags per block.
        extern "C" __global__ void \(names[5])(const bool* __restrict__ flags, i64 n, i64 chunk,
                const i64* __restrict__ starts, i64* __restrict__ groups, i64 gstep, i64* __restrict__ firsts) {
            const i64 begin = (i64)blockIdx.x * chunk, end = min(n, begin + chunk);
            i64 base = starts[blockIdx.x];
            for (i64 t = begin; t < end; t += blockDim.x) {
                const i64 i = t + threadIdx.x;
                const bool keep = i < end && flags[i];
                i64 total = 0;
                const i64 run = base + ember_tile_place(keep, &total) + (keep ? 1 : 0) - 1;
                if (i < end) {
                    if (groups) groups[i * gstep] = run;
                    if (keep && firsts) firsts[run] = i;
                }
                base += total;
            }
        }

        // Pass 4 of unique_consecutive: each run's value (values, stride vstep) and length
        // (counts, stride cstep, when not null).
        extern "C" __global__ void \(names[6])(const T* __restrict__ a, i64 step, const i64* __restrict__ firsts, i64 runs,
                i64 n, T* __restrict__ values, i64 vstep, i64* __restrict__ counts, i64 cstep) {
            EMBER_GRID_STRIDE_LOOP(r, runs) {
                values[r * vstep] = a[firsts[r] * step];
                if (counts) counts[r * cstep] = (r + 1 < runs ? firsts[r + 1] : n) - firsts[r];
            }
        }

        """
        return KernelModule(name: "unique_\(dtype.kernelName)", kernels: names, source: text)
    }
}

// MARK: - Plan

/// The passes of `uniqueRows` over an `[n, m]` input (Note [CUDA unique]): which column each
/// sort pass orders by, and which buffer each pass's composed order lands in.
package struct KernelUniqueRows: Equatable, Sendable {
    /// A pass of the LSD sort.
    package struct Pass: Equatable, Sendable {
        /// The column sorted on.
        package var column: Int
        /// Where the composed order is read from and written to: 0 is the scratch order, 1 the
        /// output `order`.
        package var source: Int, destination: Int
    }

    /// The passes in order (none for rows of no columns, which keep the identity order).
    package var passes: [Pass]
    /// Where the identity order starts (0 scratch, 1 output): chosen so that the last pass
    /// writes the output.
    package var first: Int

    /// The plan for rows of `columns` elements.
    package init(columns: Int) {
        // Each pass moves the order to the other buffer; the last must end in the output (1).
        first = columns % 2 == 0 ? 1 : 0
        var at = first
        passes = stride(from: columns - 1, through: 0, by: -1).map { column in
            defer { at = 1 - at }
            return Pass(column: column, source: at, destination: 1 - at)
        }
    }
}
