import EmberBackend

// MARK: - Stream compaction: count_nonzero, nonzero, masked_select

// Note [CUDA stream compaction]
// `countNonzero`, `nonzero` and `maskedSelect` keep the elements that pass a test (nonzero, or
// true in the mask) in row-major order, in three passes over the same split of the positions
// into `blocks` chunks of `chunk` consecutive positions (a multiple of the block size; see
// `KernelCompaction`):
//
// 1. count: each block counts the kept elements of its chunk, tile by tile of `blockSize`
//    positions, into `counts[block]`;
// 2. scan: one thread turns the at most `maxBlocks` counts into exclusive starts, in place, and
//    writes the total after them (`counts[blocks]`);
// 3. write: each block walks its chunk again, tile by tile; a kept element's place is its
//    block's start, plus the kept elements of the tiles before, plus those before it in its tile
//    (a warp ballot and the counts of the warps before it), so the order is row-major.
//
// `countNonzero` runs passes 1 and 2 and reads the total back, which waits for the stream, as
// PyTorch's does. `nonzero` and `maskedSelect` are given an output sized from that count by the
// caller and run the three passes without waiting. `maskedSelect` counts its mask with the bool
// module's count kernel. The test is the CPU backend's: `x != 0` (so NaN is kept, -0.0 is not).

extension KernelSources {
    /// The kernels of the compaction module of `dtype`: count, scan, nonzero, masked write.
    package static func compactKernels(_ dtype: DType) -> [String] {
        ["count", "scan", "nonzero", "masked"].map { entry("compact", $0, dtype) }
    }

    /// `ember_tile_place`: where in its tile of `blockSize` positions a kept element goes, by a
    /// warp ballot and the counts of the warps before it (shared by the compaction and unique
    /// modules).
    static var tilePlaceText: String {
        """
        // Where in its tile (of blockDim.x == \(blockSize) positions) a kept element goes, and how
        // many the tile keeps (in *total); every thread of the block calls it.
        __device__ __forceinline__ i64 ember_tile_place(bool keep, i64* total) {
            __shared__ int warps[\(blockSize / 32)];
            const unsigned ballot = __ballot_sync(0xffffffffu, keep);
            const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
            if (lane == 0) warps[warp] = __popc(ballot);
            __syncthreads();
            int before = __popc(ballot & ((1u << lane) - 1u)), all = 0;
            for (int w = 0; w < \(blockSize / 32); ++w) {
                if (w < warp) before += warps[w];
                all += warps[w];
            }
            __syncthreads();
            *total = all;
            return before;
        }

        """
    }

    /// The count, scan, nonzero and masked-select kernels of `dtype` (Note [CUDA stream compaction]).
    package static func compactModule(_ dtype: DType) -> KernelModule {
        let names = compactKernels(dtype)
        var text = prelude(dtype)
        text += """

        \(tilePlaceText)
        // Walks this block's chunk of the n positions tile by tile: `test(off)` says whether the
        // element at operand offsets `off` is kept, `write(place, i, off)` stores a kept one at
        // `place` (counted from `start`). Returns the block's start plus the elements it kept.
        template <class Test, class Write>
        __device__ __forceinline__ i64 ember_compact(i64 n, i64 chunk, const EmberIndexer& ix, i64 start, Test test,
                Write write) {
            const i64 begin = (i64)blockIdx.x * chunk, end = min(n, begin + chunk);
            i64 base = start;
            for (i64 t = begin; t < end; t += blockDim.x) {
                const i64 i = t + threadIdx.x;
                bool keep = false;
                i64 off[\(maxOperands)];
                if (i < end) {
                    ember_offsets(ix, i, off);
                    keep = test(off);
                }
                i64 total = 0;
                const i64 place = ember_tile_place(keep, &total);
                if (keep) write(base + place, i, off);
                base += total;
            }
            return base;
        }

        extern "C" __global__ void \(names[0])(const T* __restrict__ a, i64 n, i64 chunk, EmberIndexer ix,
                i64* __restrict__ counts) {
            const i64 kept = ember_compact(n, chunk, ix, 0, [&](const i64* off) { return a[off[0]] != (T)0; },
                                           [](i64, i64, const i64*) {});
            if (threadIdx.x == 0) counts[blockIdx.x] = kept;
        }

        extern "C" __global__ void \(names[1])(i64* counts, i64 blocks) {
            if (blockIdx.x != 0 || threadIdx.x != 0) return;
            i64 running = 0;
            for (i64 b = 0; b < blocks; ++b) {
                const i64 c = counts[b];
                counts[b] = running;
                running += c;
            }
            counts[blocks] = running;
        }

        // The multi-index of each kept element: `coords` holds the input's dims of size other
        // than 1 (shape) and the output column of each (strides[0]); the other columns are 0.
        extern "C" __global__ void \(names[2])(const T* __restrict__ a, i64* __restrict__ out, i64 n, i64 chunk,
                EmberIndexer ix, const i64* __restrict__ starts, EmberIndexer coords, i64 columns) {
            ember_compact(n, chunk, ix, starts[blockIdx.x], [&](const i64* off) { return a[off[0]] != (T)0; },
                [&](i64 place, i64 i, const i64*) {
                    i64* row = out + place * columns;
                    for (i64 c = 0; c < columns; ++c) row[c] = 0;
                    for (int d = (int)coords.rank - 1; d >= 0; --d) {
                        const i64 size = coords.shape[d];
                        row[coords.strides[0][d]] = i % size;
                        i /= size;
                    }
                });
        }

        // The elements of `a` where `m` is true: `ix` holds the input's strides, then the mask's.
        extern "C" __global__ void \(names[3])(const T* __restrict__ a, const bool* __restrict__ m, T* __restrict__ out,
                i64 n, i64 chunk, EmberIndexer ix, const i64* __restrict__ starts) {
            ember_compact(n, chunk, ix, starts[blockIdx.x], [&](const i64* off) { return m[off[1]]; },
                          [&](i64 place, i64, const i64* off) { out[place] = a[off[0]]; });
        }

        """
        return KernelModule(name: "compact_\(dtype.kernelName)", kernels: names, source: text)
    }
}

// MARK: - Geometry

/// The split of a compaction's positions into chunks, one per block (Note [CUDA stream
/// compaction]), and the coordinates `nonzero` writes.
package struct KernelCompaction: Equatable, Sendable {
    /// The most blocks, so that one thread scans their counts.
    package static let maxBlocks = 1024
    /// Positions per block: a multiple of the block size.
    package var chunk: Int
    /// Blocks (at least one).
    package var blocks: Int

    /// The split of `count` positions: as few tiles per block as `maxBlocks` allows.
    package init(count: Int) {
        let tile = KernelSources.blockSize
        let tiles = max((count + tile - 1) / tile, 1)
        let tilesPerBlock = (tiles + Self.maxBlocks - 1) / Self.maxBlocks
        chunk = tilesPerBlock * tile
        blocks = max((count + chunk - 1) / chunk, 1)
    }

    /// The `coords` indexer of the nonzero kernel for an input of `shape`: its dims of size
    /// other than 1, each with its output column as operand 0's stride, not merged; `nil` when
    /// more than `maxRank` remain.
    package static func coordinates(_ shape: Dims) -> [UInt64]? {
        let kept = shape.indices.filter { shape[$0] != 1 }
        guard kept.count <= KernelSources.maxRank else { return nil }
        var words = [UInt64](repeating: 0, count: 1 + KernelSources.maxRank * (1 + KernelSources.maxOperands))
        words[0] = UInt64(kept.count)
        for (d, column) in kept.enumerated() {
            words[1 + d] = UInt64(shape[column])
            words[1 + KernelSources.maxRank + d] = UInt64(column)
        }
        return words
    }
}
