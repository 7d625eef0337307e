import CEmberSIMD
import EmberBackend
import Synchronization

// MARK: - A right-hand side packed once for many products

// A product on Ember's float32 kernel packs B's panels on every call (Note [The float32 product
// kernel] in Gemm.c). For the 32-row products of a recurrent layer's steps, each packed panel
// serves only three row tiles, so packing the weight (1 MiB for an LSTM of 256 units) cost a
// quarter of every step's product. `packForProducts` packs it once into the same panels, k rows
// deep each, and `gemm(_:packed:into:alpha:beta:)` reads them in place: the same tiles and
// summation order, so the same bits as `gemm` with the matrix itself.

/// A float32 matrix in the product kernel's panels (`ember_simd_sgemm_pack_panels_*`), in memory
/// of its own.
final class PackedPanels: PackedMatrix, @unchecked Sendable {
    let kernel: Float32Kernel
    let rows: Int, columns: Int
    let panels: UnsafeMutablePointer<Float>
    private let byteCount: Int

    /// `b` packed for `kernel`; nil when it is empty or the memory cannot be had.
    init?(_ b: StridedBuffer, kernel: Float32Kernel) {
        let shape = b.layout.shape, strides = b.layout.strides
        guard shape.count == 2, shape[0] > 0, shape[1] > 0 else { return nil }
        let floats = kernel.panelFloats(k: shape[0], n: shape[1])
        guard floats <= Int.max / MemoryLayout<Float>.stride,
              let raw = try? GemmKernels.workspaceAllocator.allocate(byteCount: floats * MemoryLayout<Float>.stride)
        else { return nil }
        self.kernel = kernel
        rows = shape[0]
        columns = shape[1]
        byteCount = floats * MemoryLayout<Float>.stride
        panels = raw.bindMemory(to: Float.self, capacity: floats)
        kernel.packPanels(k: rows, n: columns, b.pointer(as: Float.self), strides[0], strides[1], panels)
    }

    deinit {
        GemmKernels.workspaceAllocator.deallocate(UnsafeMutableRawPointer(panels), byteCount: byteCount)
    }
}

extension CPUBackend {
    @usableFromInline package func packForProducts(_ b: StridedBuffer) -> (any PackedMatrix)? {
        guard b.dtype == .float32, let kernel = Float32Kernel.best else { return nil }
        return PackedPanels(b, kernel: kernel)
    }

    @usableFromInline package func gemm(_ a: StridedBuffer, packed b: any PackedMatrix, into c: StridedBuffer,
                                         alpha: Scalar, beta: Scalar) -> Bool {
        guard let b = b as? PackedPanels, a.dtype == .float32, c.dtype == .float32, a.layout.rank == 2,
              c.layout.rank == 2, a.layout.shape[1] == b.rows, c.layout.shape[0] == a.layout.shape[0],
              c.layout.shape[1] == b.columns, c.layout.strides[1] == 1 else { return false }
        return GemmKernels.float32(a, panels: b, into: c, alpha: alpha.converted(to: Float.self),
                                   beta: beta.converted(to: Float.self))
    }
}

extension GemmKernels {
    /// `c = alpha * a @ b + beta * c` with `b` packed: split by whole tiles of columns across the
    /// pool's threads when large, as `float32` splits a product whose A is read in place. False
    /// when the workspace for packing A cannot be had.
    static func float32(_ a: StridedBuffer, panels b: PackedPanels, into c: StridedBuffer, alpha: Float,
                        beta: Float) -> Bool {
        let m = a.layout.shape[0], k = b.rows, n = b.columns, kernel = b.kernel
        if m == 0 { return true }
        let ars = a.layout.strides[0], acs = a.layout.strides[1], ldc = c.layout.strides[0]
        let threads = Parallel.threadCount
        let tiles = (n + kernel.tileColumns - 1) / kernel.tileColumns
        let workers = threads > 1 && m * n * k >= parallelWork ? min(threads, tiles) : 1
        let pieces = Pieces(extent: n, grain: kernel.tileColumns,
                            count: workers > 1 ? float32ColumnPiecesPerThread * workers : 1)
        let pa = UnsafeSendableBox(UnsafePointer(a.pointer(as: Float.self)))
        let pc = UnsafeSendableBox(c.pointer(as: Float.self)), panels = UnsafeSendableBox(UnsafePointer(b.panels))
        return withWorkspaces(floats: kernel.panelWorkspace(m: m, k: k, acs), count: workers) { workspaces in
            let next = Atomic<Int>(0)
            Parallel.perform(workers) { worker in
                while case let part = next.add(1, ordering: .relaxed).oldValue, part < pieces.count {
                    let range = pieces[part]
                    kernel.multiply(m: m, n: range.count, k: k, alpha: alpha, pa.value, ars, acs,
                                    panels: panels.value + range.lowerBound * k, beta: beta,
                                    pc.value + range.lowerBound, ldc, workspace: workspaces.value[worker])
                }
            }
        }
    }
}

extension Float32Kernel {
    /// Floats of the panels of a k x n matrix.
    func panelFloats(k: Int, n: Int) -> Int {
        switch self {
        case .avx2: ember_simd_sgemm_panels_floats_avx2(k, n)
        case .avx512: ember_simd_sgemm_panels_floats_avx512(k, n)
        }
    }

    /// Packs b(q, j) at `b[q * brs + j * bcs]` into `panelFloats(k:n:)` floats at `panels`.
    func packPanels(k: Int, n: Int, _ b: UnsafePointer<Float>, _ brs: Int, _ bcs: Int,
                    _ panels: UnsafeMutablePointer<Float>) {
        switch self {
        case .avx2: ember_simd_sgemm_pack_panels_avx2(k, n, b, brs, bcs, panels)
        case .avx512: ember_simd_sgemm_pack_panels_avx512(k, n, b, brs, bcs, panels)
        }
    }

    /// Floats of workspace for `multiply(m:n:k:alpha:_:_:_:panels:beta:_:_:workspace:)`.
    func panelWorkspace(m: Int, k: Int, _ acs: Int) -> Int {
        switch self {
        case .avx2: ember_simd_sgemm_panels_workspace_avx2(m, k, acs)
        case .avx512: ember_simd_sgemm_panels_workspace_avx512(m, k, acs)
        }
    }

    /// `multiply` with B as packed panels, from the panel of this call's first column; `k` is
    /// the packed matrix's depth.
    @inline(__always)
    func multiply(m: Int, n: Int, k: Int, alpha: Float, _ a: UnsafePointer<Float>, _ ars: Int, _ acs: Int,
                  panels: UnsafePointer<Float>, beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int,
                  workspace: UnsafeMutablePointer<Float>?) {
        switch self {
        case .avx2: ember_simd_sgemm_panels_avx2(m, n, k, alpha, a, ars, acs, panels, beta, c, ldc, workspace)
        case .avx512: ember_simd_sgemm_panels_avx512(m, n, k, alpha, a, ars, acs, panels, beta, c, ldc, workspace)
        }
    }
}
