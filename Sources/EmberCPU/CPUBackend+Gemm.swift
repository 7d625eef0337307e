import EmberBackend
import COpenBLAS

// MARK: - Matrix product kernels

extension CPUBackend {
    /// `c = alpha * (a @ b) + beta * c` over a batch of matrices (see `Backend.gemm`).
    ///
    /// float32 products with contiguous output rows run on Ember's own kernel (AVX2 or AVX-512;
    /// see Note [The float32 product kernel] in Gemm.c), except single products of 512^3 multiply-adds
    /// and more on several threads. The rest of float32, and float64, go to OpenBLAS:
    /// `cblas_?gemm`, or `cblas_?gemv` / `cblas_?dot` when one side is a vector. An operand
    /// whose matrix dims are row-major with a row stride of at least
    /// its width, or column-major likewise (a transpose), is passed as it is with `CblasNoTrans` /
    /// `CblasTrans` and its leading dimension; only other layouts (a stride-0 or doubly strided
    /// matrix) are copied, one matrix at a time. A batch of matrices is split across the cores with
    /// OpenBLAS held to one thread, while a single large product uses OpenBLAS's own threads.
    /// Integer dtypes use a blocked loop kernel with wrapping arithmetic, as PyTorch's does.
    @usableFromInline package func gemm(_ a: StridedBuffer, _ b: StridedBuffer, into c: StridedBuffer, alpha: Scalar, beta: Scalar) {
        guard var problem = GemmProblem(a, b, c) else { return }
        if problem.tooDeep {
            // More batch dims than a problem holds: one product per entry of the first dim.
            for i in 0..<c.layout.shape[0] {
                gemm(a.selecting(i), b.selecting(i), into: c.selecting(i), alpha: alpha, beta: beta)
            }
            return
        }
        switch c.dtype {
        case .float32:
            GemmKernels.floating(&problem, alpha: alpha.converted(to: Float.self), beta: beta.converted(to: Float.self))
        case .float64:
            GemmKernels.floating(&problem, alpha: alpha.converted(to: Double.self), beta: beta.converted(to: Double.self))
        case .int32:
            GemmKernels.integer(problem, alpha: alpha.converted(to: Int32.self), beta: beta.converted(to: Int32.self))
        case .int64:
            GemmKernels.integer(problem, alpha: alpha.converted(to: Int64.self), beta: beta.converted(to: Int64.self))
        case .bool:
            fatalError("Ember internal error: a matrix product of bool tensors reached the kernel")
        }
    }
}

extension StridedBuffer {
    /// Entry `index` of the first dim, which is removed.
    fileprivate func selecting(_ index: Int) -> StridedBuffer {
        let l = layout
        let shape = Dims(l.shape.dropFirst()), strides = Dims(l.strides.dropFirst())
        return with(layout: Layout(shape: shape, strides: strides, offset: l.offset + index * l.strides[0]))
    }
}

// MARK: - Problem description

/// The strides of one matrix: element (i, j) sits at `i * rows + j * cols`.
struct MatrixStrides: Sendable {
    var rows: Int
    var cols: Int

    init(rows: Int, cols: Int) {
        self.rows = rows
        self.cols = cols
    }

    /// The same matrix seen transposed.
    var transposed: MatrixStrides { MatrixStrides(rows: cols, cols: rows) }
}

/// How BLAS can read a `rows x cols` matrix in place (row-major calls).
enum BLASForm: Sendable {
    /// Row-major with leading dimension `ld` (`CblasNoTrans`).
    case normal(ld: Int)
    /// Column-major with leading dimension `ld`: BLAS reads its transpose (`CblasTrans`).
    case transposed(ld: Int)
    /// Not expressible: copy first.
    case unsupported

    /// PyTorch's rule: inner stride 1 and an outer stride of at least the inner size, either way
    /// round. Strides of size-1 dims do not matter.
    init(rows: Int, cols: Int, _ s: MatrixStrides) {
        let limit = Int(Int32.max)
        if s.cols == 1 || cols == 1 {
            let ld = rows == 1 ? max(cols, 1) : s.rows
            if ld >= max(cols, 1) && ld <= limit {
                self = .normal(ld: ld)
                return
            }
        }
        if s.rows == 1 || rows == 1 {
            let ld = cols == 1 ? max(rows, 1) : s.cols
            if ld >= max(rows, 1) && ld <= limit {
                self = .transposed(ld: ld)
                return
            }
        }
        self = .unsupported
    }

    var isSupported: Bool {
        if case .unsupported = self { return false }
        return true
    }
}

/// A batched product with its dims coalesced and its operands' matrix strides. Trivially
/// copyable: the batch dims live inline, so passing a problem around costs no reference counting.
struct GemmProblem: @unchecked Sendable {
    /// The most coalesced batch dims a problem holds; deeper batches are split first.
    static let maxBatchRank = 8

    var m: Int
    var n: Int
    var k: Int
    var a: UnsafeMutableRawPointer
    var b: UnsafeMutableRawPointer
    var c: UnsafeMutableRawPointer
    var sa: MatrixStrides
    var sb: MatrixStrides
    var sc: MatrixStrides
    /// Batch sizes after dropping size-1 dims and merging dims that every operand steps evenly.
    var batchRank = 0
    var batchShape = InlineArray<8, Int>(repeating: 0)
    /// Batch strides of a, b and c, aligned with `batchShape`.
    var batchA = InlineArray<8, Int>(repeating: 0)
    var batchB = InlineArray<8, Int>(repeating: 0)
    var batchC = InlineArray<8, Int>(repeating: 0)
    var batchCount = 1
    let itemSize: Int
    /// More than `maxBatchRank` batch dims remain after coalescing (the caller splits the batch).
    private(set) var tooDeep = false

    /// Reads the operands; nil when the output is empty.
    init?(_ a: StridedBuffer, _ b: StridedBuffer, _ c: StridedBuffer) {
        let rank = c.layout.rank
        precondition(rank >= 2 && a.layout.rank == rank && b.layout.rank == rank,
                     "Ember internal error: gemm operands need one rank of at least 2")
        let la = a.layout, lb = b.layout, lc = c.layout
        m = lc.shape[rank - 2]
        n = lc.shape[rank - 1]
        k = la.shape[rank - 1]
        precondition(la.shape[rank - 2] == m && lb.shape[rank - 2] == k && lb.shape[rank - 1] == n,
                     "Ember internal error: gemm operand shapes do not agree")
        if lc.count == 0 { return nil }
        itemSize = c.dtype.itemSize
        self.a = a.start
        self.b = b.start
        self.c = c.start
        sa = MatrixStrides(rows: la.strides[rank - 2], cols: la.strides[rank - 1])
        sb = MatrixStrides(rows: lb.strides[rank - 2], cols: lb.strides[rank - 1])
        sc = MatrixStrides(rows: lc.strides[rank - 2], cols: lc.strides[rank - 1])
        for d in 0..<(rank - 2) {
            precondition(la.shape[d] == lc.shape[d] && lb.shape[d] == lc.shape[d],
                         "Ember internal error: gemm batch sizes differ")
            let size = lc.shape[d]
            if size == 1 { continue }
            let ta = la.strides[d], tb = lb.strides[d], tc = lc.strides[d]
            let last = batchRank - 1
            if last >= 0 && batchA[last] == ta * size && batchB[last] == tb * size && batchC[last] == tc * size {
                batchShape[last] *= size
                batchA[last] = ta
                batchB[last] = tb
                batchC[last] = tc
            } else if batchRank == GemmProblem.maxBatchRank {
                tooDeep = true
                return
            } else {
                batchShape[batchRank] = size
                batchA[batchRank] = ta
                batchB[batchRank] = tb
                batchC[batchRank] = tc
                batchRank += 1
            }
            batchCount *= size
        }
    }

    /// Element offsets of batch `index` in a, b and c.
    @inline(__always)
    func offsets(ofBatch index: Int) -> (Int, Int, Int) {
        var rest = index
        var oa = 0, ob = 0, oc = 0
        var d = batchRank - 1
        while d >= 0 {
            let size = batchShape[d]
            let i = rest % size
            rest /= size
            oa += i * batchA[d]
            ob += i * batchB[d]
            oc += i * batchC[d]
            d -= 1
        }
        return (oa, ob, oc)
    }

    /// Swaps to computing `c^T = b^T a^T`, so a column-major output becomes row-major.
    mutating func transpose() {
        swap(&m, &n)
        swap(&a, &b)
        let oldA = sa
        sa = sb.transposed
        sb = oldA.transposed
        sc = sc.transposed
        swap(&batchA, &batchB)
    }

    /// Matrix `batch` alone, as a problem of its own.
    func single(_ batch: Int) -> GemmProblem {
        let (oa, ob, oc) = offsets(ofBatch: batch)
        var q = self
        q.a += oa * itemSize
        q.b += ob * itemSize
        q.c += oc * itemSize
        q.batchRank = 0
        q.batchCount = 1
        return q
    }
}

// MARK: - Kernels

enum GemmKernels {
    /// Multiply-adds (`m * n * k`) below which work stays on the calling thread.
    static let parallelWork = 1 << 20
    /// Pieces per thread when a batch is handed out, so that a slow core gets fewer of them.
    static let piecesPerThread = 16

    // MARK: Floating (BLAS)

    /// What the BLAS path calls for every matrix of a problem.
    enum Route {
        /// `c = alpha * dot(a row, b column) + beta * c`.
        case dot
        /// `c column = alpha * a @ b column + beta * c` (n == 1).
        case gemvA
        /// `c row = alpha * a row @ b + beta * c` (m == 1).
        case gemvB
        /// The general case.
        case gemm
    }

    static func floating<T: BLASScalar>(_ p: inout GemmProblem, alpha: T, beta: T) {
        if p.k == 0 {
            scaleOutput(p, beta: beta, *)
            return
        }
        // A column-major output is computed as its row-major transpose.
        if p.m > 1 && p.n > 1, case .transposed = BLASForm(rows: p.m, cols: p.n, p.sc) { p.transpose() }
        let route: Route = p.m == 1 && p.n == 1 ? .dot : p.n == 1 ? .gemvA : p.m == 1 ? .gemvB : .gemm
        // Which operands BLAS cannot read in place (each such matrix is copied before its call).
        let copyA: Bool, copyB: Bool, copyC: Bool
        switch route {
        case .dot:
            copyA = p.k > 1 && !validIncrement(p.sa.cols)
            copyB = p.k > 1 && !validIncrement(p.sb.rows)
            copyC = false
        case .gemvA:
            copyA = !BLASForm(rows: p.m, cols: p.k, p.sa).isSupported
            copyB = p.k > 1 && !validIncrement(p.sb.rows)
            copyC = !validIncrement(p.sc.rows)
        case .gemvB:
            copyA = p.k > 1 && !validIncrement(p.sa.cols)
            copyB = !BLASForm(rows: p.k, cols: p.n, p.sb).isSupported
            copyC = !validIncrement(p.sc.cols)
        case .gemm:
            copyA = !BLASForm(rows: p.m, cols: p.k, p.sa).isSupported
            copyB = !BLASForm(rows: p.k, cols: p.n, p.sb).isSupported
            if case .normal = BLASForm(rows: p.m, cols: p.n, p.sc) { copyC = false } else { copyC = true }
        }
        if T.self == Float.self && route == .gemm && !copyC
            && float32(p, alpha: unsafeBitCast(alpha, to: Float.self), beta: unsafeBitCast(beta, to: Float.self)) {
            return
        }
        _ = BLASThreads.singleThreaded
        let problem = p
        if !copyA && !copyB && !copyC {
            runInPlace(problem, route, alpha, beta)
        } else if problem.batchCount == 1 {
            // One matrix: copy what BLAS cannot read, then run it like any other.
            withScratch(problem, copyA, copyB, copyC, T.self) { scratch in
                let copied = copying(problem, batch: 0, copyA, copyB, copyC, beta: beta, into: scratch)
                runInPlace(copied, route, alpha, beta)
                if copyC { scatter(copied, into: problem, batch: 0, T.self) }
            }
        } else {
            // Copies per matrix: the matrices are handed out in pieces, each with its own scratch.
            let batches = problem.batchCount, threads = Parallel.threadCount
            let work = problem.m * problem.n * problem.k
            let pieces = threads > 1 && work * batches >= parallelWork ? min(batches, piecesPerThread * threads) : 1
            Parallel.perform(pieces) { piece in
                withScratch(problem, copyA, copyB, copyC, T.self) { scratch in
                    for i in (batches * piece / pieces)..<(batches * (piece + 1) / pieces) {
                        let copied = copying(problem, batch: i, copyA, copyB, copyC, beta: beta, into: scratch)
                        multiply(copied, route, alpha, beta, 0, 0, 0)
                        if copyC { scatter(copied, into: problem, batch: i, T.self) }
                    }
                }
            }
        }
    }

    /// Runs a problem whose operands BLAS reads in place: many matrices are handed out to
    /// Ember's threads a few at a time, each product a single-threaded BLAS call; a single
    /// product of some size is split into pieces across Ember's threads (`multiplyInPieces`), and
    /// only a large matrix-vector product runs on OpenBLAS's threads.
    static func runInPlace<T: BLASScalar>(_ problem: GemmProblem, _ route: Route, _ alpha: T, _ beta: T) {
        let threads = Parallel.threadCount
        let work = problem.m * problem.n * problem.k
        let batches = problem.batchCount
        if batches >= 2 * threads && threads > 1 && work * batches >= parallelWork {
            let pieces = min(batches, piecesPerThread * threads)
            Parallel.perform(pieces) { piece in
                for i in (batches * piece / pieces)..<(batches * (piece + 1) / pieces) {
                    let (oa, ob, oc) = problem.offsets(ofBatch: i)
                    multiply(problem, route, alpha, beta, oa, ob, oc)
                }
            }
            return
        }
        for i in 0..<batches {
            let (oa, ob, oc) = problem.offsets(ofBatch: i)
            if threads > 1 && work >= parallelWork && route == .gemm {
                multiplyInPieces(problem, threads, alpha, beta, oa, ob, oc)
            } else if threads > 1 && work >= parallelWork {
                BLASThreads.withThreads(threads) { multiply(problem, route, alpha, beta, oa, ob, oc) }
            } else {
                multiply(problem, route, alpha, beta, oa, ob, oc)
            }
        }
    }

    /// One large product split across Ember's threads, by rows (or by columns when it is wider
    /// than tall), each piece a single-threaded BLAS call. OpenBLAS's own threads would share
    /// packed panels, which is up to 15% faster for one product alone (512^3 on a Zen 3 guest),
    /// but after each call they spin, yielding the CPU in a loop for about 0.1 s, while Ember's
    /// threads run the ops around the product: in an LSTM or a transformer step that churn
    /// took a sixth of the time. One pool of threads runs everything instead.
    static func multiplyInPieces<T: BLASScalar>(_ p: GemmProblem, _ threads: Int, _ alpha: T, _ beta: T,
                                                _ oa: Int, _ ob: Int, _ oc: Int) {
        let byRows = p.m >= p.n
        let extent = byRows ? p.m : p.n, pieces = min(threads, extent)
        Parallel.perform(pieces) { piece in
            let lo = extent * piece / pieces, hi = extent * (piece + 1) / pieces
            if lo == hi { return }
            let a = p.a.assumingMemoryBound(to: T.self) + oa + (byRows ? lo * p.sa.rows : 0)
            let b = p.b.assumingMemoryBound(to: T.self) + ob + (byRows ? 0 : lo * p.sb.cols)
            let c = p.c.assumingMemoryBound(to: T.self) + oc + (byRows ? lo * p.sc.rows : lo * p.sc.cols)
            call(.gemm, byRows ? hi - lo : p.m, byRows ? p.n : hi - lo, p.k, alpha, beta, a, p.sa, b, p.sb, c, p.sc)
        }
    }

    /// Whether a vector stride can be passed to BLAS as an increment.
    @inline(__always)
    static func validIncrement(_ s: Int) -> Bool { s > 0 && s <= Int(Int32.max) }

    /// One BLAS call on matrices read in place (offsets in elements from the operands' starts).
    @inline(__always)
    static func multiply<T: BLASScalar>(_ p: GemmProblem, _ route: Route, _ alpha: T, _ beta: T,
                                        _ oa: Int, _ ob: Int, _ oc: Int) {
        let a = p.a.assumingMemoryBound(to: T.self) + oa
        let b = p.b.assumingMemoryBound(to: T.self) + ob
        let c = p.c.assumingMemoryBound(to: T.self) + oc
        call(route, p.m, p.n, p.k, alpha, beta, a, p.sa, b, p.sb, c, p.sc)
    }

    /// Calls BLAS for one matrix whose operands it can read.
    @inline(__always)
    static func call<T: BLASScalar>(_ route: Route, _ m: Int, _ n: Int, _ k: Int, _ alpha: T, _ beta: T,
                                    _ a: UnsafePointer<T>, _ sa: MatrixStrides, _ b: UnsafePointer<T>,
                                    _ sb: MatrixStrides, _ c: UnsafeMutablePointer<T>, _ sc: MatrixStrides) {
        switch route {
        case .dot:
            let d = T.dot(k, a, k > 1 ? sa.cols : 1, b, k > 1 ? sb.rows : 1)
            c[0] = beta == 0 ? alpha * d : alpha * d + beta * c[0]
        case .gemvA:
            let incy = sc.rows
            if beta == 0 { for i in 0..<m { c[i * incy] = 0 } }
            let incx = k > 1 ? sb.rows : 1
            switch BLASForm(rows: m, cols: k, sa) {
            case .normal(let ld): T.gemv(CblasNoTrans, m, k, alpha, a, ld, b, incx, beta, c, incy)
            case .transposed(let ld): T.gemv(CblasTrans, k, m, alpha, a, ld, b, incx, beta, c, incy)
            case .unsupported: fatalError("Ember internal error: gemv operand not readable by BLAS")
            }
        case .gemvB:
            let incy = sc.cols
            if beta == 0 { for j in 0..<n { c[j * incy] = 0 } }
            let incx = k > 1 ? sa.cols : 1
            switch BLASForm(rows: k, cols: n, sb) {
            case .normal(let ld): T.gemv(CblasTrans, k, n, alpha, b, ld, a, incx, beta, c, incy)
            case .transposed(let ld): T.gemv(CblasNoTrans, n, k, alpha, b, ld, a, incx, beta, c, incy)
            case .unsupported: fatalError("Ember internal error: gemv operand not readable by BLAS")
            }
        case .gemm:
            let (ta, lda) = transposeFlag(BLASForm(rows: m, cols: k, sa))
            let (tb, ldb) = transposeFlag(BLASForm(rows: k, cols: n, sb))
            guard case .normal(let ldc) = BLASForm(rows: m, cols: n, sc) else {
                fatalError("Ember internal error: gemm output not row-major")
            }
            T.gemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
        }
    }

    @inline(__always)
    static func transposeFlag(_ form: BLASForm) -> (CBLAS_TRANSPOSE, Int) {
        switch form {
        case .normal(let ld): (CblasNoTrans, ld)
        case .transposed(let ld): (CblasTrans, ld)
        case .unsupported: fatalError("Ember internal error: gemm operand not readable by BLAS")
        }
    }

    /// Contiguous buffers for the operands that must be copied, one set per thread.
    struct Scratch<T> {
        var a: UnsafeMutablePointer<T>?
        var b: UnsafeMutablePointer<T>?
        var c: UnsafeMutablePointer<T>?
    }

    static func withScratch<T: BLASScalar>(_ p: GemmProblem, _ copyA: Bool, _ copyB: Bool, _ copyC: Bool,
                                           _: T.Type, _ body: (Scratch<T>) -> Void) {
        let scratch = Scratch<T>(
            a: copyA ? .allocate(capacity: p.m * p.k) : nil,
            b: copyB ? .allocate(capacity: p.k * p.n) : nil,
            c: copyC ? .allocate(capacity: p.m * p.n) : nil)
        body(scratch)
        scratch.a?.deallocate()
        scratch.b?.deallocate()
        scratch.c?.deallocate()
    }

    /// Matrix `batch` of `p` as a one-matrix problem whose unreadable operands are copied to
    /// contiguous scratch (the output too, holding its old values when `beta` reads them).
    static func copying<T: BLASScalar>(_ p: GemmProblem, batch: Int, _ copyA: Bool, _ copyB: Bool, _ copyC: Bool,
                                       beta: T, into scratch: Scratch<T>) -> GemmProblem {
        var q = p.single(batch)
        if copyA, let buffer = scratch.a {
            gather(UnsafePointer(q.a.assumingMemoryBound(to: T.self)), p.sa, p.m, p.k, into: buffer)
            q.a = UnsafeMutableRawPointer(buffer)
            q.sa = MatrixStrides(rows: p.k, cols: 1)
        }
        if copyB, let buffer = scratch.b {
            gather(UnsafePointer(q.b.assumingMemoryBound(to: T.self)), p.sb, p.k, p.n, into: buffer)
            q.b = UnsafeMutableRawPointer(buffer)
            q.sb = MatrixStrides(rows: p.n, cols: 1)
        }
        if copyC, let buffer = scratch.c {
            if beta != 0 { gather(UnsafePointer(q.c.assumingMemoryBound(to: T.self)), p.sc, p.m, p.n, into: buffer) }
            q.c = UnsafeMutableRawPointer(buffer)
            q.sc = MatrixStrides(rows: p.n, cols: 1)
        }
        return q
    }

    /// Writes the contiguous output of `copied` back to matrix `batch` of `original`'s output.
    static func scatter<T: BLASScalar>(_ copied: GemmProblem, into original: GemmProblem, batch: Int, _: T.Type) {
        let (_, _, oc) = original.offsets(ofBatch: batch)
        let source = copied.c.assumingMemoryBound(to: T.self)
        let destination = original.c.assumingMemoryBound(to: T.self) + oc
        for i in 0..<original.m {
            for j in 0..<original.n {
                destination[i * original.sc.rows + j * original.sc.cols] = source[i * original.n + j]
            }
        }
    }

    /// Copies a strided `rows x cols` matrix into contiguous row-major storage.
    static func gather<T>(_ source: UnsafePointer<T>, _ s: MatrixStrides, _ rows: Int, _ cols: Int,
                          into destination: UnsafeMutablePointer<T>) {
        for i in 0..<rows {
            let row = source + i * s.rows, out = destination + i * cols
            for j in 0..<cols { out[j] = row[j * s.cols] }
        }
    }

    /// `c = beta * c` for every matrix (the product with `k == 0`); beta 0 writes zeros.
    static func scaleOutput<T: TensorScalar & Numeric>(_ p: GemmProblem, beta: T, _ multiply: (T, T) -> T) {
        let base = p.c.assumingMemoryBound(to: T.self)
        for batch in 0..<p.batchCount {
            let (_, _, oc) = p.offsets(ofBatch: batch)
            for i in 0..<p.m {
                let row = base + oc + i * p.sc.rows
                for j in 0..<p.n {
                    row[j * p.sc.cols] = beta == 0 ? 0 : multiply(beta, row[j * p.sc.cols])
                }
            }
        }
    }
}
