import EmberBackend
import CEmberSIMD

// MARK: - Element-wise loop engine

// Note [Function objects, not closures, across threads]
// A loop that runs on several threads
// is handed to `Parallel.forRange` as a closure, which the compiler emits as a function of its
// own; an element function it captures as a closure value stays an indirect call per element
// there (no inlining, no vectorization: `a + b` on 2^24 floats ran at 6 GB/s on two threads
// against 12.5 on one). An element function given as a type (`ElementFunction1`/`2`) is part
// of the loop's generic signature instead, so every thread's copy of the loop is specialized
// and inlined. Hot ops are written as such types (see `CPUBackend+Binary.swift`); the closure
// forms below stay for the rest and wrap their closure in `ClosureFunction1`/`2`.

/// The loops every element-wise kernel runs: a contiguous fast path the compiler vectorizes, and
/// a strided path over a `LoopPlan` with the common inner-stride cases specialized.
@usableFromInline
enum Elementwise {
    /// Elements per thread below which work stays on the calling thread.
    @usableFromInline static let grain = 32_768

    // MARK: Closure forms

    /// `out[i] = f(a[i])`; `a` and `out` have the same shape.
    @inlinable @inline(__always)
    static func map<A, O>(_ a: StridedBuffer, _ out: StridedBuffer, _ f: (A) -> O) {
        withoutActuallyEscaping(f) { f in map(a, out, ClosureFunction1(f)) }
    }

    /// `out[i] = f(a[i], b[i])`; all three have the same shape (inputs may be broadcast, stride 0).
    @inlinable @inline(__always)
    static func zip<A, B, O>(_ a: StridedBuffer, _ b: StridedBuffer, _ out: StridedBuffer, _ f: (A, B) -> O) {
        withoutActuallyEscaping(f) { f in zip(a, b, out, ClosureFunction2(f)) }
    }

    // MARK: Function-object forms

    /// `out[i] = f(a[i])` for `n` contiguous elements, split across threads above the grain.
    @inlinable @inline(__always)
    static func mapFlat<F: ElementFunction1>(_ pa: UnsafePointer<F.Input>, _ po: UnsafeMutablePointer<F.Output>,
                                             _ n: Int, _ f: F) {
        if n < grain * 2 {
            for i in 0..<n { po[i] = f(pa[i]) }
            return
        }
        Parallel.forRange(n, grain: grain) { r in
            let x = pa + r.lowerBound, o = po + r.lowerBound
            for i in 0..<r.count { o[i] = f(x[i]) }
        }
    }

    /// `out[i] = f(a[i])`; `a` and `out` have the same shape.
    @inlinable @inline(__always)
    static func map<F: ElementFunction1>(_ a: StridedBuffer, _ out: StridedBuffer, _ f: F) {
        let n = out.layout.count
        if n == 0 { return }
        let pa = a.pointer(as: F.Input.self), po = out.pointer(as: F.Output.self)
        if a.layout.isContiguous && out.layout.isContiguous {
            mapFlat(pa, po, n, f)
            return
        }
        let plan = LoopPlan(shape: out.layout.shape, strides: out.layout.strides, a.layout.strides)
        let so = plan.innerStride(0), sa = plan.innerStride(1)
        plan.forEachRowParallel(grain: grain) { offsets, count in
            let o = po + offsets[0], x = pa + offsets[1]
            if so == 1 && sa == 1 {
                for i in 0..<count { o[i] = f(x[i]) }
            } else {
                for i in 0..<count { o[i * so] = f(x[i * sa]) }
            }
        }
    }

    /// `out[i] = f(a[i], b[i])` for `n` contiguous elements, split across threads above the grain.
    @inlinable @inline(__always)
    static func zipFlat<F: ElementFunction2>(_ pa: UnsafePointer<F.First>, _ pb: UnsafePointer<F.Second>,
                                             _ po: UnsafeMutablePointer<F.Output>, _ n: Int, _ f: F) {
        if n < grain * 2 {
            for i in 0..<n { po[i] = f(pa[i], pb[i]) }
            return
        }
        Parallel.forRange(n, grain: grain) { r in
            let x = pa + r.lowerBound, y = pb + r.lowerBound, o = po + r.lowerBound
            for i in 0..<r.count { o[i] = f(x[i], y[i]) }
        }
    }

    /// `out[i] = f(a[i], b[i])`; all three have the same shape (inputs may be broadcast, stride 0).
    @inlinable @inline(__always)
    static func zip<F: ElementFunction2>(_ a: StridedBuffer, _ b: StridedBuffer, _ out: StridedBuffer, _ f: F) {
        let n = out.layout.count
        if n == 0 { return }
        let pa = a.pointer(as: F.First.self), pb = b.pointer(as: F.Second.self), po = out.pointer(as: F.Output.self)
        if a.layout.isContiguous && b.layout.isContiguous && out.layout.isContiguous {
            zipFlat(pa, pb, po, n, f)
            return
        }
        let plan = LoopPlan(shape: out.layout.shape, strides: out.layout.strides, a.layout.strides, b.layout.strides)
        let so = plan.innerStride(0), sa = plan.innerStride(1), sb = plan.innerStride(2)
        // A transposed operand with a contiguous output: walk in tiles so both stay in cache.
        if plan.shape.count == 2 && so == 1 && (sa != 1 && sa != 0 || sb != 1 && sb != 0) {
            zipTiled(plan, pa, pb, po, f)
            return
        }
        plan.forEachRowParallel(grain: grain) { offsets, count in
            let o = po + offsets[0], x = pa + offsets[1], y = pb + offsets[2]
            if so == 1 && sa == 1 && sb == 1 {
                for i in 0..<count { o[i] = f(x[i], y[i]) }
            } else if so == 1 && sa == 1 && sb == 0 {
                let v = y[0]
                for i in 0..<count { o[i] = f(x[i], v) }
            } else if so == 1 && sa == 0 && sb == 1 {
                let v = x[0]
                for i in 0..<count { o[i] = f(v, y[i]) }
            } else {
                for i in 0..<count { o[i * so] = f(x[i * sa], y[i * sb]) }
            }
        }
    }

    /// The 2-D case with a row-contiguous output and a column-major input, in 64 x 64 tiles
    /// (16 KiB of floats: a staged tile and the rows it meets stay in L1).
    /// Where the CPU has AVX2, a column-major operand of 4-byte elements is first transposed tile
    /// by tile into a small buffer (8 x 8 register transposes), so the loop itself runs over
    /// contiguous rows and vectorizes; otherwise it reads the operand with its stride.
    @inlinable @inline(__always)
    static func zipTiled<F: ElementFunction2>(_ plan: LoopPlan, _ pa: UnsafeMutablePointer<F.First>,
                                              _ pb: UnsafeMutablePointer<F.Second>,
                                              _ po: UnsafeMutablePointer<F.Output>, _ f: F) {
        let rows = plan.shape[0], cols = plan.shape[1], tile = 64
        let ro = plan.strides[0][0], ra = plan.strides[1][0], rb = plan.strides[2][0]
        let ca = plan.strides[1][1], cb = plan.strides[2][1]
        let stageA = CPUFeatures.avx2FMA && MemoryLayout<F.First>.stride == 4 && ra == 1 && ca != 1 && ca != 0
        let stageB = CPUFeatures.avx2FMA && MemoryLayout<F.Second>.stride == 4 && rb == 1 && cb != 1 && cb != 0
        let tileRows = (rows + tile - 1) / tile
        Parallel.forRange(tileRows, grain: max(1, grain / max(cols * tile, 1))) { range in
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: 2 * tile * tile * 4, alignment: 64)
            defer { buffer.deallocate() }
            let bufferA = buffer.bindMemory(to: F.First.self, capacity: tile * tile)
            let bufferB = (buffer + tile * tile * 4).bindMemory(to: F.Second.self, capacity: tile * tile)
            for tr in range {
                let r0 = tr * tile, r1 = Swift.min(r0 + tile, rows)
                var c0 = 0
                while c0 < cols {
                    let c1 = Swift.min(c0 + tile, cols)
                    // Staged: element (r, c) of the tile at buffer[(r - r0) * tile + (c - c0)].
                    if stageA {
                        ember_simd_transpose32_avx2(pa + c0 * ca + r0, ca, bufferA, tile, c1 - c0, r1 - r0)
                    }
                    if stageB {
                        ember_simd_transpose32_avx2(pb + c0 * cb + r0, cb, bufferB, tile, c1 - c0, r1 - r0)
                    }
                    let sa = stageA ? 1 : ca, sb = stageB ? 1 : cb
                    for r in r0..<r1 {
                        let o = po + r * ro + c0
                        let x = stageA ? bufferA + (r - r0) * tile : pa + r * ra + c0 * ca
                        let y = stageB ? bufferB + (r - r0) * tile : pb + r * rb + c0 * cb
                        if sa == 1 && sb == 1 {
                            for c in 0..<(c1 - c0) { o[c] = f(x[c], y[c]) }
                        } else {
                            for c in 0..<(c1 - c0) { o[c] = f(x[c * sa], y[c * sb]) }
                        }
                    }
                    c0 = c1
                }
            }
        }
    }
}

// MARK: - Element functions

/// A one-input element function as a type (see Note [Function objects, not closures, across threads]).
@usableFromInline
protocol ElementFunction1 {
    associatedtype Input
    associatedtype Output
    func callAsFunction(_ x: Input) -> Output
}

/// A two-input element function as a type.
@usableFromInline
protocol ElementFunction2 {
    associatedtype First
    associatedtype Second
    associatedtype Output
    func callAsFunction(_ x: First, _ y: Second) -> Output
}

/// A closure as a one-input element function.
@usableFromInline
struct ClosureFunction1<Input, Output>: ElementFunction1 {
    @usableFromInline let f: (Input) -> Output
    @inlinable init(_ f: @escaping (Input) -> Output) { self.f = f }
    @inlinable @inline(__always) func callAsFunction(_ x: Input) -> Output { f(x) }
}

/// A closure as a two-input element function.
@usableFromInline
struct ClosureFunction2<First, Second, Output>: ElementFunction2 {
    @usableFromInline let f: (First, Second) -> Output
    @inlinable init(_ f: @escaping (First, Second) -> Output) { self.f = f }
    @inlinable @inline(__always) func callAsFunction(_ x: First, _ y: Second) -> Output { f(x, y) }
}

/// A two-input function with its second input fixed (`tensor op scalar`).
@usableFromInline
struct BindSecond<F: ElementFunction2>: ElementFunction1 {
    @usableFromInline let f: F
    @usableFromInline let y: F.Second
    @inlinable init(_ f: F, _ y: F.Second) { self.f = f; self.y = y }
    @inlinable @inline(__always) func callAsFunction(_ x: F.First) -> F.Output { f(x, y) }
}

/// A two-input function with its first input fixed (`scalar op tensor`).
@usableFromInline
struct BindFirst<F: ElementFunction2>: ElementFunction1 {
    @usableFromInline let f: F
    @usableFromInline let x: F.First
    @inlinable init(_ f: F, _ x: F.First) { self.f = f; self.x = x }
    @inlinable @inline(__always) func callAsFunction(_ y: F.Second) -> F.Output { f(x, y) }
}
