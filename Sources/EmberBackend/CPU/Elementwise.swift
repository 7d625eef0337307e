// MARK: - Element-wise loop engine

/// The loops every element-wise kernel runs: a contiguous fast path the compiler vectorizes, and
/// a strided path over a `LoopPlan` with the common inner-stride cases specialized. `f` is inlined
/// into each loop, so each (op, dtype) pair gets its own machine code.
@usableFromInline
enum Elementwise {
    /// Elements per thread below which work stays on the calling thread.
    @usableFromInline static let grain = 32_768

    /// `out[i] = f(a[i])`; `a` and `out` have the same shape.
    @inlinable @inline(__always)
    static func map<A, O>(_ a: StridedBuffer, _ out: StridedBuffer, _ f: (A) -> O) {
        let n = out.layout.count
        if n == 0 { return }
        let pa = a.pointer(as: A.self), po = out.pointer(as: O.self)
        if a.layout.isContiguous && out.layout.isContiguous {
            if n < grain * 2 {
                for i in 0..<n { po[i] = f(pa[i]) }
                return
            }
            Parallel.forRange(n, grain: grain) { r in
                let x = pa + r.lowerBound, o = po + r.lowerBound
                for i in 0..<r.count { o[i] = f(x[i]) }
            }
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

    /// `out[i] = f(a[i], b[i])`; all three have the same shape (inputs may be broadcast, stride 0).
    @inlinable @inline(__always)
    static func zip<A, B, O>(_ a: StridedBuffer, _ b: StridedBuffer, _ out: StridedBuffer, _ f: (A, B) -> O) {
        let n = out.layout.count
        if n == 0 { return }
        let pa = a.pointer(as: A.self), pb = b.pointer(as: B.self), po = out.pointer(as: O.self)
        if a.layout.isContiguous && b.layout.isContiguous && out.layout.isContiguous {
            if n < grain * 2 {
                for i in 0..<n { po[i] = f(pa[i], pb[i]) }
                return
            }
            Parallel.forRange(n, grain: grain) { r in
                let x = pa + r.lowerBound, y = pb + r.lowerBound, o = po + r.lowerBound
                for i in 0..<r.count { o[i] = f(x[i], y[i]) }
            }
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

    /// The 2-D case with a row-contiguous output and a column-major input, in 32 x 32 tiles.
    @inlinable @inline(__always)
    static func zipTiled<A, B, O>(_ plan: LoopPlan, _ pa: UnsafeMutablePointer<A>, _ pb: UnsafeMutablePointer<B>,
                                  _ po: UnsafeMutablePointer<O>, _ f: (A, B) -> O) {
        let rows = plan.shape[0], cols = plan.shape[1], tile = 32
        let ro = plan.strides[0][0], ra = plan.strides[1][0], rb = plan.strides[2][0]
        let ca = plan.strides[1][1], cb = plan.strides[2][1]
        let tileRows = (rows + tile - 1) / tile
        Parallel.forRange(tileRows, grain: max(1, grain / max(cols * tile, 1))) { range in
            for tr in range {
                let r0 = tr * tile, r1 = Swift.min(r0 + tile, rows)
                var c0 = 0
                while c0 < cols {
                    let c1 = Swift.min(c0 + tile, cols)
                    for r in r0..<r1 {
                        let o = po + r * ro, x = pa + r * ra, y = pb + r * rb
                        for c in c0..<c1 { o[c] = f(x[c * ca], y[c * cb]) }
                    }
                    c0 = c1
                }
            }
        }
    }
}
