import EmberBackend

// MARK: - Integer matrix products

// Note [CUDA integer gemm]
// cuBLAS multiplies floats only, so `int32` and `int64` products take a tiled kernel of their
// own: each block of 256 threads computes one 16 x 16 tile of one output matrix, stepping along
// the depth 16 at a time through two 16 x 16 tiles of `a` and `b` in shared memory (zero past
// the edges). Tiles are numbered batch-major, then by row tile, then by column tile, and blocks
// step through them grid-stride. Operands are read in place through their row and column
// strides, and each matrix of the batch is found through an `EmberIndexerOf<3>` over the batch
// dims (the output, `a` and `b`), so broadcast and transposed operands need no copies. The
// arithmetic is unsigned, so it wraps as the CPU backend's does; modulo 2^bits the order of the
// products and sums does not change the result, which is therefore the CPU backend's exactly:
// `alpha * sum + beta * c`, with `c` not read when `beta` is 0.

extension KernelSources {
    /// The tile's side.
    package static let gemmTile = 16

    /// The dtypes with an integer gemm kernel.
    package static let gemmIntegerDTypes: [DType] = [.int32, .int64]

    /// The tiled gemm kernel of `dtype` (`nil` for the float dtypes, which use cuBLAS, and bool).
    package static func gemmKernel(_ dtype: DType) -> String? {
        gemmIntegerDTypes.contains(dtype) ? entry("gemm", "tiled", dtype) : nil
    }

    /// The tiled gemm of `dtype` (Note [CUDA integer gemm]).
    package static func gemmModule(_ dtype: DType) -> KernelModule {
        let name = entry("gemm", "tiled", dtype), tile = gemmTile
        var text = prelude(dtype)
        text += """

        // c = alpha * (a @ b) + beta * c for every matrix of the batch; s holds the row and column
        // strides of a, b and c; p.i holds alpha and beta.
        extern "C" __global__ void \(name)(const T* __restrict__ a, const T* __restrict__ b, T* __restrict__ c,
                i64 m, i64 n, i64 k, i64 batches, EmberIndexerOf<3> ix, EmberParams p, i64 sam, i64 sak, i64 sbk,
                i64 sbn, i64 scm, i64 scn) {
            __shared__ T as[\(tile)][\(tile)];
            __shared__ T bs[\(tile)][\(tile)];
            const U alpha = (U)(T)p.i[0], beta = (U)(T)p.i[1];
            const int tx = threadIdx.x % \(tile), ty = threadIdx.x / \(tile);
            const i64 rowTiles = (m + \(tile - 1)) / \(tile), colTiles = (n + \(tile - 1)) / \(tile);
            const i64 tiles = batches * rowTiles * colTiles;
            for (i64 t = blockIdx.x; t < tiles; t += gridDim.x) {
                const i64 batch = t / (rowTiles * colTiles), within = t % (rowTiles * colTiles);
                const i64 row = within / colTiles * \(tile) + ty, col = within % colTiles * \(tile) + tx;
                i64 off[3];
                ember_offsets(ix, batch, off);
                U acc = 0;
                for (i64 k0 = 0; k0 < k; k0 += \(tile)) {
                    as[ty][tx] = row < m && k0 + tx < k ? a[off[1] + row * sam + (k0 + tx) * sak] : (T)0;
                    bs[ty][tx] = k0 + ty < k && col < n ? b[off[2] + (k0 + ty) * sbk + col * sbn] : (T)0;
                    __syncthreads();
                    #pragma unroll
                    for (int q = 0; q < \(tile); ++q) acc += (U)as[ty][q] * (U)bs[q][tx];
                    __syncthreads();
                }
                if (row < m && col < n) {
                    T* out = c + off[0] + row * scm + col * scn;
                    *out = (T)(alpha * acc + (beta == 0 ? (U)0 : beta * (U)*out));
                }
            }
        }

        """
        return KernelModule(name: "gemm_\(dtype.kernelName)", kernels: [name], source: text)
    }
}

// MARK: - Arguments

/// The arguments of the tiled gemm kernel for `c = a @ b` over a batch (Note [CUDA integer
/// gemm]).
package struct KernelGemm: Sendable {
    /// The matrices' sizes: `a` is `[m, k]`, `b` `[k, n]`, `c` `[m, n]`.
    package var m: Int, n: Int, k: Int
    /// Matrices in the batch.
    package var batches: Int
    /// The row and column strides of `a`, `b` and `c`, in that order.
    package var strides: [Int]
    /// The `EmberIndexerOf<3>` words over the batch dims: the output's, `a`'s and `b`'s strides.
    package var indexer: [UInt64]
    /// Output tiles, and blocks (at most 65,536) that step through them.
    package var tiles: Int, blocks: Int

    /// The arguments for these layouts (one rank of at least 2), or `nil` when the batch dims do
    /// not fit the indexer.
    package init?(a: Layout, b: Layout, c: Layout) {
        let rank = c.rank
        m = c.shape[rank - 2]
        n = c.shape[rank - 1]
        k = a.shape[rank - 1]
        let batchShape = Dims(c.shape.prefix(rank - 2))
        batches = batchShape.reduce(1, *)
        strides = [a, b, c].flatMap { [$0.strides[rank - 2], $0.strides[rank - 1]] }
        guard let words = KernelIndexer.words(batchShape, [c, a, b].map { Dims($0.strides.prefix(rank - 2)) },
                                              operands: 3) else { return nil }
        indexer = words
        let tile = KernelSources.gemmTile
        tiles = batches * ((m + tile - 1) / tile) * ((n + tile - 1) / tile)
        blocks = min(max(tiles, 1), 65_536)
    }
}
