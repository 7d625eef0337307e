import EmberBackend
import CEmberSIMD
import Synchronization

// MARK: - float32 products on Ember's own kernel

extension GemmKernels {
    /// Multiply-adds of one product from which a float32 product goes to OpenBLAS's threads
    /// instead. Below it, this kernel split across Ember's pool is faster (best of nine on a Zen 3
    /// guest: 256^3 at 164 GFLOP/s against OpenBLAS's 104-150; on an AVX-512 Xeon, 281-287
    /// against 243); from 512^3 up, where each thread's packing of its own panels costs more than
    /// OpenBLAS's shared packing, OpenBLAS is (1024^3: 135-155 against 104-122 on Zen 3, 300 on
    /// the Xeon). OpenBLAS then runs in row or column pieces on Ember's threads, one
    /// single-threaded call each (see `GemmKernels.multiplyInPieces`).
    static let float32OwnKernelWork = 512 * 512 * 512

    /// Column pieces per thread when one product is split by columns: 256^3 on two threads read
    /// 297 GFLOP/s with two (three runs, AVX-512 Xeon), 285 with one and 287 with four.
    static let float32ColumnPiecesPerThread = 2

    /// Scratch for packed panels, cached apart from tensors' memory so that products neither
    /// page-fault on every call nor show up in `CPUAllocator.shared`'s statistics.
    static let workspaceAllocator = CPUAllocator(cacheLimit: 64 << 20)

    /// Runs a float32 problem on Ember's own kernel (see Note [The float32 product kernel] in Gemm.c),
    /// the widest instance the CPU runs, when it has AVX2 and FMA at least and the output's rows
    /// are contiguous: a batch handed out to the pool's threads a matrix at a time, or each matrix
    /// split by columns or rows across them. Returns false, having done nothing, otherwise, and
    /// for products of `float32OwnKernelWork` multiply-adds or more on several threads, which go
    /// to OpenBLAS. Operands are read through their strides (transposed, sliced or expanded), so
    /// nothing is copied.
    static func float32(_ p: GemmProblem, alpha: Float, beta: Float) -> Bool {
        guard let best = Float32Kernel.best, p.sc.cols == 1, p.k > 0 else { return false }
        let kernel = best.narrowest(forColumns: p.n)
        let threads = Parallel.threadCount
        let work = p.m * p.n * p.k
        let batches = p.batchCount
        if threads > 1 && batches >= 2 * threads && work * batches >= parallelWork {
            // One worker per thread, each with its own workspace, taking the next matrix until none
            // is left, so that a core slowed by other work takes fewer.
            let next = Atomic<Int>(0)
            let floats = kernel.workspace(m: p.m, n: p.n, k: p.k, p.sa.cols, p.sb.cols)
            return withWorkspaces(floats: floats, count: threads) { workspaces in
                Parallel.perform(threads) { worker in
                    while case let i = next.add(1, ordering: .relaxed).oldValue, i < batches {
                        let (oa, ob, oc) = p.offsets(ofBatch: i)
                        run(kernel, p, rows: 0..<p.m, columns: 0..<p.n, alpha, beta, oa, ob, oc,
                            workspaces.value[worker])
                    }
                }
            }
        }
        if threads > 1 && work >= float32OwnKernelWork { return false }
        // Matrix by matrix, each split across the threads when large: by whole tiles of columns
        // when A is read in place, so that each piece packs only its columns of B (256^3 on two
        // threads: 10-15% faster than by rows, where each thread packs all of B), else by rows.
        // Column pieces cost nothing extra, so there are several per thread, taken in turn, and a
        // core slowed by other work takes fewer; row pieces each pack all of B, so one per thread.
        let byColumns = p.sa.cols == 1 && p.n >= 2 * kernel.tileColumns
        let grain = byColumns ? kernel.tileColumns : kernel.tileRows, extent = byColumns ? p.n : p.m
        let tiles = (extent + grain - 1) / grain
        let workers = threads > 1 && work >= parallelWork ? min(threads, tiles) : 1
        let pieces = Pieces(extent: extent, grain: grain,
                            count: workers > 1 && byColumns ? float32ColumnPiecesPerThread * workers : workers)
        // The largest need over the pieces: a narrower last piece may have to pack a B that a
        // wider one reads in place.
        var floats = 0
        for part in 0..<pieces.count {
            let count = pieces[part].count
            floats = max(floats, kernel.workspace(m: byColumns ? p.m : count, n: byColumns ? count : p.n, k: p.k,
                                                  p.sa.cols, p.sb.cols))
        }
        return withWorkspaces(floats: floats, count: workers) { workspaces in
            for i in 0..<batches {
                let (oa, ob, oc) = p.offsets(ofBatch: i)
                let next = Atomic<Int>(0)
                Parallel.perform(workers) { worker in
                    while case let part = next.add(1, ordering: .relaxed).oldValue, part < pieces.count {
                        let range = pieces[part]
                        run(kernel, p, rows: byColumns ? 0..<p.m : range, columns: byColumns ? range : 0..<p.n,
                            alpha, beta, oa, ob, oc, workspaces.value[worker])
                    }
                }
            }
        }
    }

    /// `extent` rows or columns split into `count` pieces of whole `grain`s (at most one piece
    /// per grain), as even as the grain allows; the last may end short of a grain.
    struct Pieces {
        let extent: Int, grain: Int, tiles: Int, count: Int

        init(extent: Int, grain: Int, count: Int) {
            self.extent = extent
            self.grain = grain
            tiles = (extent + grain - 1) / grain
            self.count = min(tiles, count)
        }

        subscript(part: Int) -> Range<Int> {
            min(extent, tiles * part / count * grain)..<min(extent, tiles * (part + 1) / count * grain)
        }
    }

    /// Rows `rows` and columns `columns` of one matrix's product (offsets in elements from the
    /// operands' starts).
    @inline(__always)
    private static func run(_ kernel: Float32Kernel, _ p: GemmProblem, rows: Range<Int>, columns: Range<Int>,
                            _ alpha: Float, _ beta: Float, _ oa: Int, _ ob: Int, _ oc: Int,
                            _ workspace: UnsafeMutablePointer<Float>?) {
        if rows.isEmpty || columns.isEmpty { return }
        let a = p.a.assumingMemoryBound(to: Float.self) + oa + rows.lowerBound * p.sa.rows
        let b = p.b.assumingMemoryBound(to: Float.self) + ob + columns.lowerBound * p.sb.cols
        let c = p.c.assumingMemoryBound(to: Float.self) + oc + rows.lowerBound * p.sc.rows + columns.lowerBound
        kernel.multiply(m: rows.count, n: columns.count, k: p.k, alpha: alpha, a, p.sa.rows, p.sa.cols, b,
                        p.sb.rows, p.sb.cols, beta: beta, c, p.sc.rows, workspace: workspace)
    }

    /// Runs `body` with `count` workspaces of `floats` floats each (nil pointers when zero); false
    /// when they cannot be allocated.
    static func withWorkspaces(floats: Int, count: Int,
                               _ body: (UnsafeSendableBox<UnsafeBufferPointer<UnsafeMutablePointer<Float>?>>) -> Void) -> Bool {
        let bytes = floats * MemoryLayout<Float>.stride
        let allocator = workspaceAllocator
        // On the stack, so that a small product allocates nothing here.
        return withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<Float>?.self, capacity: count) { blocks in
            blocks.initialize(repeating: nil)
            if bytes > 0 {
                for i in 0..<count {
                    guard let raw = try? allocator.allocate(byteCount: bytes) else {
                        for block in blocks.prefix(i) {
                            if let block { allocator.deallocate(UnsafeMutableRawPointer(block), byteCount: bytes) }
                        }
                        return false
                    }
                    blocks[i] = raw.bindMemory(to: Float.self, capacity: floats)
                }
            }
            body(UnsafeSendableBox(UnsafeBufferPointer(blocks)))
            for block in blocks {
                if let block { allocator.deallocate(UnsafeMutableRawPointer(block), byteCount: bytes) }
            }
            return true
        }
    }
}

// MARK: - Instances

/// An instance of Ember's float32 kernel (see Note [The float32 product kernel] in Gemm.c), by the
/// instructions it needs.
enum Float32Kernel: CaseIterable, Sendable {
    /// 6 x 16 tiles of AVX2 registers, with FMA.
    case avx2
    /// 12 x 32 tiles of AVX-512 registers.
    case avx512

    /// The widest instance this CPU runs; nil without AVX2 and FMA.
    static let best: Float32Kernel? = allCases.last(where: \.isSupported)

    /// Whether this CPU (and its operating system) runs the instance.
    var isSupported: Bool {
        switch self {
        case .avx2: CPUFeatures.avx2FMA
        case .avx512: CPUFeatures.avx512Level > 0
        }
    }

    /// The instance for products `columns` wide: AVX2's 16-column tiles rather than AVX-512's 32
    /// for 16 columns or fewer. A 32-wide tile would compute as many zero columns as real ones,
    /// while two AVX2 FMAs cost what one AVX-512 FMA does on cores that split 512-bit operations
    /// (Zen 4) and at most twice as much elsewhere, so the narrow tile is never slower; both keep
    /// the same summation order (Note [The float32 product kernel]), so results do not change. A
    /// CNN's last maps are 4 x 4: 16 output positions per image.
    func narrowest(forColumns columns: Int) -> Float32Kernel {
        self == .avx512 && columns <= 16 ? .avx2 : self
    }

    /// The height of the register tile, the grain in which rows are split across threads.
    var tileRows: Int {
        switch self {
        case .avx2: 6
        case .avx512: 12
        }
    }

    /// The width of the register tile, the grain in which columns are split across threads.
    var tileColumns: Int {
        switch self {
        case .avx2: 16
        case .avx512: 32
        }
    }

    /// Floats of workspace for `convolve`'s n columns of k rows.
    func convolutionWorkspace(n: Int, k: Int) -> Int {
        switch self {
        case .avx2: ember_simd_sconv_workspace_avx2(n, k)
        case .avx512: ember_simd_sconv_workspace_avx512(n, k)
        }
    }

    /// `c = a @ cols + beta * c` on the calling thread for columns `jBegin..<jBegin + n` of the
    /// unfold `cols` of one image `x` (`ember_simd_sconv_avx2`); `c` points to column `jBegin`.
    @inline(__always)
    func convolve(m: Int, n: Int, k: Int, _ a: UnsafePointer<Float>, _ ars: Int, _ x: UnsafePointer<Float>,
                  _ window: UnsafePointer<ember_window>, jBegin: Int, beta: Float, _ c: UnsafeMutablePointer<Float>,
                  _ ldc: Int, workspace: UnsafeMutablePointer<Float>?) {
        switch self {
        case .avx2: ember_simd_sconv_avx2(m, n, k, a, ars, x, window, jBegin, beta, c, ldc, workspace)
        case .avx512: ember_simd_sconv_avx512(m, n, k, a, ars, x, window, jBegin, beta, c, ldc, workspace)
        }
    }

    /// Floats of workspace for an m x n x k product whose A and B have column strides `acs`, `bcs`.
    func workspace(m: Int, n: Int, k: Int, _ acs: Int, _ bcs: Int) -> Int {
        switch self {
        case .avx2: ember_simd_sgemm_workspace_avx2(m, n, k, acs, bcs)
        case .avx512: ember_simd_sgemm_workspace_avx512(m, n, k, acs, bcs)
        }
    }

    /// `c = alpha * a @ b + beta * c` on the calling thread; a(i, q) at `a[i * ars + q * acs]`,
    /// b(q, j) at `b[q * brs + j * bcs]`, c(i, j) at `c[i * ldc + j]`. Requires k > 0 and
    /// `workspace(m:n:k:_:_:)` floats at `workspace`.
    @inline(__always)
    func multiply(m: Int, n: Int, k: Int, alpha: Float, _ a: UnsafePointer<Float>, _ ars: Int, _ acs: Int,
                  _ b: UnsafePointer<Float>, _ brs: Int, _ bcs: Int, beta: Float, _ c: UnsafeMutablePointer<Float>,
                  _ ldc: Int, workspace: UnsafeMutablePointer<Float>?) {
        switch self {
        case .avx2: ember_simd_sgemm_avx2(m, n, k, alpha, a, ars, acs, b, brs, bcs, beta, c, ldc, workspace)
        case .avx512: ember_simd_sgemm_avx512(m, n, k, alpha, a, ars, acs, b, brs, bcs, beta, c, ldc, workspace)
        }
    }
}
