import COpenBLAS

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
/// batch of matrices is handed out to Ember's own threads (libdispatch, as every Ember kernel),
/// a few matrices at a time, so that a core taken by other work does not hold the batch up. A
/// single product of some size runs on OpenBLAS's threads for the duration of the call: they
/// share the packed panels, which splitting the product into independent calls cannot (measured
/// here: 256^3 float32 at about 125 GFLOP/s that way against about 100 in row pieces).
enum BLASThreads {
    /// OpenBLAS held at one thread; evaluated once, before the first product.
    static let singleThreaded: Void = { openblas_set_num_threads(1) }()

    /// Runs `body` with OpenBLAS on `count` threads, then back to one.
    static func withThreads(_ count: Int, _ body: () -> Void) {
        openblas_set_num_threads(Int32(count))
        body()
        openblas_set_num_threads(1)
    }
}
