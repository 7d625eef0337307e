import EmberBackend
import CEmberThreads
import COpenBLAS
#if canImport(Glibc)
import Glibc
#endif

// MARK: - BLAS element types

/// float32 and float64, with their OpenBLAS routines.
protocol BLASScalar: FloatingScalar {
    static func gemm(_ ta: CBLAS_TRANSPOSE, _ tb: CBLAS_TRANSPOSE, _ m: Int, _ n: Int, _ k: Int, _ alpha: Self,
                     _ a: UnsafePointer<Self>, _ lda: Int, _ b: UnsafePointer<Self>, _ ldb: Int, _ beta: Self,
                     _ c: UnsafeMutablePointer<Self>, _ ldc: Int)
    static func gemv(_ t: CBLAS_TRANSPOSE, _ m: Int, _ n: Int, _ alpha: Self, _ a: UnsafePointer<Self>, _ lda: Int,
                     _ x: UnsafePointer<Self>, _ incx: Int, _ beta: Self, _ y: UnsafeMutablePointer<Self>, _ incy: Int)
    static func dot(_ n: Int, _ x: UnsafePointer<Self>, _ incx: Int, _ y: UnsafePointer<Self>, _ incy: Int) -> Self
}

extension Float: BLASScalar {
    @inline(__always)
    static func gemm(_ ta: CBLAS_TRANSPOSE, _ tb: CBLAS_TRANSPOSE, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
                     _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int, _ beta: Float,
                     _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
        cblas_sgemm(CblasRowMajor, ta, tb, blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b,
                    blasint(ldb), beta, c, blasint(ldc))
    }
    @inline(__always)
    static func gemv(_ t: CBLAS_TRANSPOSE, _ m: Int, _ n: Int, _ alpha: Float, _ a: UnsafePointer<Float>, _ lda: Int,
                     _ x: UnsafePointer<Float>, _ incx: Int, _ beta: Float, _ y: UnsafeMutablePointer<Float>, _ incy: Int) {
        cblas_sgemv(CblasRowMajor, t, blasint(m), blasint(n), alpha, a, blasint(lda), x, blasint(incx), beta, y,
                    blasint(incy))
    }
    @inline(__always)
    static func dot(_ n: Int, _ x: UnsafePointer<Float>, _ incx: Int, _ y: UnsafePointer<Float>, _ incy: Int) -> Float {
        cblas_sdot(blasint(n), x, blasint(incx), y, blasint(incy))
    }
}

extension Double: BLASScalar {
    @inline(__always)
    static func gemm(_ ta: CBLAS_TRANSPOSE, _ tb: CBLAS_TRANSPOSE, _ m: Int, _ n: Int, _ k: Int, _ alpha: Double,
                     _ a: UnsafePointer<Double>, _ lda: Int, _ b: UnsafePointer<Double>, _ ldb: Int, _ beta: Double,
                     _ c: UnsafeMutablePointer<Double>, _ ldc: Int) {
        cblas_dgemm(CblasRowMajor, ta, tb, blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b,
                    blasint(ldb), beta, c, blasint(ldc))
    }
    @inline(__always)
    static func gemv(_ t: CBLAS_TRANSPOSE, _ m: Int, _ n: Int, _ alpha: Double, _ a: UnsafePointer<Double>, _ lda: Int,
                     _ x: UnsafePointer<Double>, _ incx: Int, _ beta: Double, _ y: UnsafeMutablePointer<Double>, _ incy: Int) {
        cblas_dgemv(CblasRowMajor, t, blasint(m), blasint(n), alpha, a, blasint(lda), x, blasint(incx), beta, y,
                    blasint(incy))
    }
    @inline(__always)
    static func dot(_ n: Int, _ x: UnsafePointer<Double>, _ incx: Int, _ y: UnsafePointer<Double>, _ incy: Int) -> Double {
        cblas_ddot(blasint(n), x, blasint(incx), y, blasint(incy))
    }
}

// MARK: - Threads

/// How products use the cores. OpenBLAS is held at one thread (set once, process-wide) while a
/// batch of matrices is handed out to Ember's own threads (Parallel.perform, as every Ember
/// kernel), a few matrices at a time, so that a core taken by other work does not hold the
/// batch up, and while a single large product runs in row or column pieces on those threads
/// (`GemmKernels.multiplyInPieces`). Only a large matrix-vector product runs on OpenBLAS's
/// threads, for the duration of the call (`withThreads`).
enum BLASThreads {
    /// OpenBLAS held at one thread; evaluated once, before the first product.
    static let singleThreaded: Void = {
        OpenBLASCore.upgradeIfFallback()
        openblas_set_num_threads(1)
    }()

    /// Runs `body` with OpenBLAS on `count` threads, then back to one; Ember's own workers are
    /// parked first, so that they do not spin on the cores OpenBLAS's threads need (see Note [A
    /// spinning thread pool] in Pool.c).
    static func withThreads(_ count: Int, _ body: () -> Void) {
        ember_pool_park()
        openblas_set_num_threads(Int32(count))
        body()
        openblas_set_num_threads(1)
    }
}

// MARK: - Kernel selection

// Note [OpenBLAS on CPUs newer than itself]
// A DYNAMIC_ARCH OpenBLAS picks its kernels by CPU model when it loads. A model it does not know
// falls back to "Prescott", SSE3 kernels: Debian 12's OpenBLAS 0.3.21 does that on Emerald
// Rapids (family 6, model 207), where float32 1024^3 products then run at 61 GFLOP/s on two
// cores instead of 300. OpenBLAS honours `OPENBLAS_CORETYPE` only while it loads, before any of
// Ember's code runs, so before the first product Ember checks the core it chose: if it is a
// pre-AVX2 one on a CPU with AVX2 (or AVX-512), Ember sets `OPENBLAS_CORETYPE` to the newest core
// family the CPU's features allow and re-runs OpenBLAS's selection (`gotoblas_dynamic_quit`
// and `gotoblas_dynamic_init`, looked up at run time since only DYNAMIC_ARCH builds have them),
// then restores the variable. A core the user forced with `OPENBLAS_CORETYPE` is left alone.
enum OpenBLASCore {
    /// Cores OpenBLAS falls back to or that predate AVX2 (Excavator, AMD's last before Zen, has
    /// AVX2 and is not among them).
    static let preAVX2: Set<String> = ["prescott", "core2", "penryn", "dunnington", "nehalem", "atom", "unknown",
                                       "katmai", "coppermine", "northwood", "banias", "athlon", "opteron",
                                       "opteron_sse3", "barcelona", "nano", "sandybridge", "bobcat", "bulldozer",
                                       "piledriver", "steamroller"]

    /// The OpenBLAS core family the CPU's features allow, newest first; nil without AVX2.
    static var bestCoreType: String? {
        switch (CPUFeatures.avx512Level, CPUFeatures.avx2FMA) {
        case (2, _): "Cooperlake"
        case (1, _): "SkylakeX"
        case (_, true): "Haswell"
        default: nil
        }
    }

    /// The name of the core OpenBLAS is using, as `openblas_get_corename` reports it.
    static var current: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// Re-runs OpenBLAS's kernel selection with the best core the CPU allows when it fell back to
    /// a pre-AVX2 one (see Note [OpenBLAS on CPUs newer than itself]). Call once, before any product.
    static func upgradeIfFallback() {
        guard getenv("OPENBLAS_CORETYPE") == nil, let best = bestCoreType,
              preAVX2.contains(current.lowercased()),
              let quit = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "gotoblas_dynamic_quit"),
              let initialize = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "gotoblas_dynamic_init") else { return }
        typealias Entry = @convention(c) () -> Void
        setenv("OPENBLAS_CORETYPE", best, 1)
        unsafeBitCast(quit, to: Entry.self)()
        unsafeBitCast(initialize, to: Entry.self)()
        unsetenv("OPENBLAS_CORETYPE")
    }
}
