import EmberBackend
#if canImport(Glibc)
import Glibc
#endif

// MARK: - Copy and fill

extension CPUBackend {
    @usableFromInline package func copy(_ source: StridedBuffer, into destination: StridedBuffer) {
        let layout = destination.layout
        if layout.count == 0 { return }
        // Same dtype, both contiguous: one memcpy (split across threads when large).
        if source.dtype == destination.dtype && source.layout.isContiguous && layout.isContiguous
            && source.layout.shape == layout.shape
        {
            let itemSize = source.dtype.itemSize
            let src = UnsafeSendableBox(source.start), dst = UnsafeSendableBox(destination.start)
            Parallel.forRange(layout.count, grain: 1 << 20) { range in
                memmove(dst.value + range.lowerBound * itemSize, src.value + range.lowerBound * itemSize,
                        range.count * itemSize)
            }
            return
        }
        let plan = LoopPlan(shape: layout.shape, strides: layout.strides, source.layout.strides)
        source.dtype.dispatch(CopySourceVisitor(plan: plan, source: source, destination: destination))
    }

    @usableFromInline package func fill(_ destination: StridedBuffer, with value: Scalar) {
        if destination.layout.count == 0 { return }
        destination.dtype.dispatch(FillVisitor(destination: destination, value: value))
    }
}

struct CopySourceVisitor: ScalarTypeVisitor {
    let plan: LoopPlan
    let source: StridedBuffer
    let destination: StridedBuffer

    func visit<S: TensorScalar>(_ type: S.Type) {
        destination.dtype.dispatch(CopyVisitor<S>(plan: plan, source: source, destination: destination))
    }
}

struct CopyVisitor<S: TensorScalar>: ScalarTypeVisitor {
    let plan: LoopPlan
    let source: StridedBuffer
    let destination: StridedBuffer

    func visit<D: TensorScalar>(_ type: D.Type) {
        let src = UnsafeSendableBox(source.pointer(as: S.self))
        let dst = UnsafeSendableBox(destination.pointer(as: D.self))
        let ds = plan.innerStride(0), ss = plan.innerStride(1)
        // Transposed 2-D walk: the destination is row-contiguous and the source steps 1 along the
        // outer dim. Copy in square tiles so both sides stay in cache.
        if plan.shape.count == 2 && ds == 1 && plan.strides[1][0] == 1 && ss != 1 {
            copyTiled(src.value, dst.value, rows: plan.shape[0], cols: plan.shape[1],
                      dstRowStride: plan.strides[0][0], srcColStride: ss)
            return
        }
        plan.forEachRowParallel { offsets, count in
            let d = dst.value + offsets[0], s = src.value + offsets[1]
            if ds == 1 && ss == 1 {
                for i in 0..<count { d[i] = D(converting: s[i]) }
            } else if ds == 1 && ss == 0 {
                let v = D(converting: s[0])
                for i in 0..<count { d[i] = v }
            } else {
                for i in 0..<count { d[i * ds] = D(converting: s[i * ss]) }
            }
        }
    }

    /// dst[r, c] = src[r + c * srcColStride], tiles of 32 x 32, rows split across threads.
    func copyTiled<D: TensorScalar>(_ src: UnsafeMutablePointer<S>, _ dst: UnsafeMutablePointer<D>, rows: Int, cols: Int,
                   dstRowStride: Int, srcColStride: Int) {
        let tile = 32
        let srcBox = UnsafeSendableBox(src), dstBox = UnsafeSendableBox(dst)
        let tileRows = (rows + tile - 1) / tile
        Parallel.forRange(tileRows, grain: max(1, 16_384 / max(cols * tile, 1))) { range in
            let src = srcBox.value, dst = dstBox.value
            for tr in range {
                let r0 = tr * tile, r1 = min(r0 + tile, rows)
                var c0 = 0
                while c0 < cols {
                    let c1 = min(c0 + tile, cols)
                    for r in r0..<r1 {
                        let drow = dst + r * dstRowStride
                        let scol = src + r
                        for c in c0..<c1 { drow[c] = D(converting: scol[c * srcColStride]) }
                    }
                    c0 = c1
                }
            }
        }
    }
}

struct FillVisitor: ScalarTypeVisitor {
    let destination: StridedBuffer
    let value: Scalar

    func visit<T: TensorScalar>(_ type: T.Type) {
        let v: T = value.converted()
        let dst = UnsafeSendableBox(destination.pointer(as: T.self))
        let layout = destination.layout
        if layout.isContiguous {
            Parallel.forRange(layout.count, grain: 1 << 16) { range in
                (dst.value + range.lowerBound).update(repeating: v, count: range.count)
            }
            return
        }
        let plan = LoopPlan(shape: layout.shape, strides: layout.strides)
        let stride = plan.innerStride(0)
        plan.forEachRowParallel { offsets, count in
            let d = dst.value + offsets[0]
            for i in 0..<count { d[i * stride] = v }
        }
    }
}
