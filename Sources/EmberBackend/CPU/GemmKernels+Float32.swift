import CEmberSIMD
import Synchronization

// MARK: - float32 products on Ember's own kernel

extension GemmKernels {
    /// Multiply-adds of one product from which a float32 product goes to OpenBLAS's threads
    /// instead. Below it, this kernel split by rows across Ember's pool is faster (measured here,
    /// best of nine: 256^3 at 164 GFLOP/s against OpenBLAS's 104-150); from 512^3 up, where each
    /// half re-packing all of B costs more than OpenBLAS's shared packing, OpenBLAS is (1024^3 at
    /// 135-155 against 104-122).
    static let float32OwnKernelWork = 512 * 512 * 512

    /// Scratch for packed panels, cached apart from tensors' memory so that products neither
    /// page-fault on every call nor show up in `CPUAllocator.shared`'s statistics.
    static let workspaceAllocator = CPUAllocator(cacheLimit: 64 << 20)

    /// Runs a float32 problem on `ember_simd_sgemm_avx2` (Note: the float32 product kernel,
    /// Gemm.c) when the CPU has AVX2 and FMA and the output's rows are contiguous: a batch handed
    /// out to the pool's threads a matrix at a time, or each matrix split by rows across them.
    /// Returns false, having done nothing, otherwise, and for products of `float32OwnKernelWork`
    /// multiply-adds or more on several threads, which go to OpenBLAS. Operands are read through
    /// their strides (transposed, sliced or expanded), so nothing is copied.
    static func float32(_ p: GemmProblem, alpha: Float, beta: Float) -> Bool {
        guard CPUFeatures.avx2FMA, p.sc.cols == 1, p.k > 0 else { return false }
        let threads = Parallel.threadCount
        let work = p.m * p.n * p.k
        let batches = p.batchCount
        if threads > 1 && batches >= 2 * threads && work * batches >= parallelWork {
            // One worker per thread, each with its own workspace, taking the next matrix until none
            // is left, so that a core slowed by other work takes fewer.
            let next = Atomic<Int>(0)
            return withWorkspaces(p, rows: p.m, count: threads) { workspaces in
                Parallel.perform(threads) { worker in
                    while case let i = next.add(1, ordering: .relaxed).oldValue, i < batches {
                        let (oa, ob, oc) = p.offsets(ofBatch: i)
                        run(p, rows: 0..<p.m, alpha, beta, oa, ob, oc, workspaces.value[worker])
                    }
                }
            }
        }
        if threads > 1 && work >= float32OwnKernelWork { return false }
        // Matrix by matrix, each split into whole 6-row tiles across the threads when large.
        let tiles = (p.m + 5) / 6
        let parts = threads > 1 && work >= parallelWork ? min(threads, tiles) : 1
        return withWorkspaces(p, rows: (tiles + parts - 1) / parts * 6, count: parts) { workspaces in
            for i in 0..<batches {
                let (oa, ob, oc) = p.offsets(ofBatch: i)
                Parallel.perform(parts) { part in
                    let rows = min(p.m, tiles * part / parts * 6)..<min(p.m, tiles * (part + 1) / parts * 6)
                    run(p, rows: rows, alpha, beta, oa, ob, oc, workspaces.value[part])
                }
            }
        }
    }

    /// Rows `rows` of one matrix (offsets in elements from the operands' starts).
    @inline(__always)
    private static func run(_ p: GemmProblem, rows: Range<Int>, _ alpha: Float, _ beta: Float,
                            _ oa: Int, _ ob: Int, _ oc: Int, _ workspace: UnsafeMutablePointer<Float>?) {
        if rows.isEmpty { return }
        let a = p.a.assumingMemoryBound(to: Float.self) + oa + rows.lowerBound * p.sa.rows
        let b = p.b.assumingMemoryBound(to: Float.self) + ob
        let c = p.c.assumingMemoryBound(to: Float.self) + oc + rows.lowerBound * p.sc.rows
        ember_simd_sgemm_avx2(rows.count, p.n, p.k, alpha, a, p.sa.rows, p.sa.cols, b, p.sb.rows, p.sb.cols,
                              beta, c, p.sc.rows, workspace)
    }

    /// Runs `body` with `count` workspaces, each large enough for `rows` rows of one matrix of
    /// `p`; false when they cannot be allocated.
    private static func withWorkspaces(_ p: GemmProblem, rows: Int, count: Int,
                                       _ body: (UnsafeSendableBox<UnsafeBufferPointer<UnsafeMutablePointer<Float>?>>) -> Void) -> Bool {
        let floats = ember_simd_sgemm_workspace(rows, p.n, p.k, p.sa.cols, p.sb.cols)
        let bytes = floats * MemoryLayout<Float>.stride
        let allocator = workspaceAllocator
        var blocks = [UnsafeMutablePointer<Float>?](repeating: nil, count: count)
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
        blocks.withUnsafeBufferPointer { body(UnsafeSendableBox($0)) }
        for block in blocks {
            if let block { allocator.deallocate(UnsafeMutableRawPointer(block), byteCount: bytes) }
        }
        return true
    }
}
