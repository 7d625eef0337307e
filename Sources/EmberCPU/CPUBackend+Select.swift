import EmberBackend
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

// MARK: - Selection and counting kernel bodies (where, countNonzero, nonzero, maskedSelect)

struct SelectVisitor: ScalarTypeVisitor {
    let condition: StridedBuffer
    let a: BinaryOperand
    let b: BinaryOperand
    let output: StridedBuffer

    /// `out[i] = condition[i] ? a[i] : b[i]` over `range` for elements of `U`'s size, through
    /// their bits (either side may be the scalar `va` / `vb` instead).
    @inline(__always)
    static func selectBits<T, U: FixedWidthInteger & UnsignedInteger>(
        _: U.Type, _ range: Range<Int>, _ pc: UnsafeMutablePointer<Bool>, _ pa: UnsafeMutablePointer<T>?, _ va: T,
        _ pb: UnsafeMutablePointer<T>?, _ vb: T, _ po: UnsafeMutablePointer<T>
    ) {
        let c = UnsafeRawPointer(pc).assumingMemoryBound(to: UInt8.self)
        let o = UnsafeMutableRawPointer(po).assumingMemoryBound(to: U.self)
        let sa = withUnsafeBytes(of: va) { $0.load(as: U.self) }, sb = withUnsafeBytes(of: vb) { $0.load(as: U.self) }
        let xa = pa.map { UnsafeRawPointer($0).assumingMemoryBound(to: U.self) }
        let xb = pb.map { UnsafeRawPointer($0).assumingMemoryBound(to: U.self) }
        @inline(__always) func mask(_ i: Int) -> U { U(0) &- U(truncatingIfNeeded: c[i] & 1) }
        switch (xa, xb) {
        case (let x?, let y?): for i in range { let m = mask(i); o[i] = (x[i] & m) | (y[i] & ~m) }
        case (let x?, nil): for i in range { let m = mask(i); o[i] = (x[i] & m) | (sb & ~m) }
        case (nil, let y?): for i in range { let m = mask(i); o[i] = (sa & m) | (y[i] & ~m) }
        case (nil, nil): for i in range { let m = mask(i); o[i] = (sa & m) | (sb & ~m) }
        }
    }

    func visit<T: TensorScalar>(_ type: T.Type) {
        var strides = [output.layout.strides, condition.layout.strides]
        var pa: UnsafeMutablePointer<T>?, pb: UnsafeMutablePointer<T>?
        var va: T = T(converting: false), vb: T = T(converting: false)
        switch a {
        case .buffer(let x): pa = x.pointer(as: T.self); strides.append(x.layout.strides)
        case .scalar(let s): va = s.converted(); strides.append(Dims(repeating: 0, count: output.layout.rank))
        }
        switch b {
        case .buffer(let x): pb = x.pointer(as: T.self); strides.append(x.layout.strides)
        case .scalar(let s): vb = s.converted(); strides.append(Dims(repeating: 0, count: output.layout.rank))
        }
        let pc = condition.pointer(as: Bool.self), po = output.pointer(as: T.self)
        let allContiguous = output.layout.isContiguous && condition.layout.isContiguous
            && (pa == nil || a.layout?.isContiguous == true) && (pb == nil || b.layout?.isContiguous == true)
        let box = UnsafeSendableBox((pc, pa, pb, po, va, vb))
        if allContiguous && (MemoryLayout<T>.size == 4 || MemoryLayout<T>.size == 8) {
            // Branch-free on the elements' bits (a mask from the condition byte), which the
            // compiler vectorizes; a branch per element mispredicts on a mask like relu's.
            Parallel.forRange(output.layout.count, grain: Elementwise.grain) { r in
                let (pc, pa, pb, po, va, vb) = box.value
                if MemoryLayout<T>.size == 4 {
                    Self.selectBits(UInt32.self, r, pc, pa, va, pb, vb, po)
                } else {
                    Self.selectBits(UInt64.self, r, pc, pa, va, pb, vb, po)
                }
            }
            return
        }
        if allContiguous {
            Parallel.forRange(output.layout.count, grain: Elementwise.grain) { r in
                let (pc, pa, pb, po, va, vb) = box.value
                switch (pa, pb) {
                case (let x?, let y?): for i in r { po[i] = pc[i] ? x[i] : y[i] }
                case (let x?, nil): for i in r { po[i] = pc[i] ? x[i] : vb }
                case (nil, let y?): for i in r { po[i] = pc[i] ? va : y[i] }
                case (nil, nil): for i in r { po[i] = pc[i] ? va : vb }
                }
            }
            return
        }
        let walk = StridedWalk(shape: output.layout.shape, strides: strides)
        let so = walk.innerStride(0), sc = walk.innerStride(1), sa = walk.innerStride(2), sb = walk.innerStride(3)
        walk.forEachRowParallel { offsets, count in
            let (pc, pa, pb, po, va, vb) = box.value
            let o = po + offsets[0], c = pc + offsets[1]
            switch (pa, pb) {
            case (let x?, let y?):
                let x = x + offsets[2], y = y + offsets[3]
                for i in 0..<count { o[i * so] = c[i * sc] ? x[i * sa] : y[i * sb] }
            case (let x?, nil):
                let x = x + offsets[2]
                for i in 0..<count { o[i * so] = c[i * sc] ? x[i * sa] : vb }
            case (nil, let y?):
                let y = y + offsets[3]
                for i in 0..<count { o[i * so] = c[i * sc] ? va : y[i * sb] }
            case (nil, nil):
                for i in 0..<count { o[i * so] = c[i * sc] ? va : vb }
            }
        }
    }
}

extension BinaryOperand {
    /// The buffer's layout, or nil for a scalar.
    fileprivate var layout: Layout? {
        if case .buffer(let b) = self { return b.layout }
        return nil
    }
}

struct CountNonzeroVisitor: ScalarTypeVisitor {
    let input: StridedBuffer

    func visit<T: TensorScalar>(_ type: T.Type) -> Int {
        let zero = T(converting: false)
        let p = input.pointer(as: T.self)
        let walk = StridedWalk(shape: input.layout.shape, strides: [input.layout.strides])
        let stride = walk.innerStride(0)
        let total = Mutex(0)
        let box = UnsafeSendableBox(p)
        walk.forEachRowParallel { offsets, count in
            let row = box.value + offsets[0]
            var n = 0
            for i in 0..<count where row[i * stride] != zero { n += 1 }
            total.withLock { $0 += n }
        }
        return total.withLock { $0 }
    }
}

struct NonzeroVisitor: ScalarTypeVisitor {
    let input: StridedBuffer
    let output: StridedBuffer

    /// Walks the logical shape row by row (no dims merged, so the multi-index stays known).
    func visit<T: TensorScalar>(_ type: T.Type) {
        let zero = T(converting: false)
        let shape = input.layout.shape, strides = input.layout.strides
        let rank = shape.count
        if rank == 0 { return }  // [n, 0]: nothing to write
        let p = input.pointer(as: T.self)
        let out = output.pointer(as: Int64.self)
        let inner = shape[rank - 1], innerStride = strides[rank - 1]
        let rows = input.layout.count / inner
        withUnsafeTemporaryAllocation(of: Int64.self, capacity: rank) { index in
            index.initialize(repeating: 0)
            var offset = 0
            var written = 0
            for _ in 0..<rows {
                let row = p + offset
                for i in 0..<inner where row[i * innerStride] != zero {
                    let o = out + written * rank
                    for d in 0..<(rank - 1) { o[d] = index[d] }
                    o[rank - 1] = Int64(i)
                    written += 1
                }
                var d = rank - 2
                while d >= 0 {
                    index[d] += 1
                    offset += strides[d]
                    if index[d] < Int64(shape[d]) { break }
                    offset -= strides[d] * shape[d]
                    index[d] = 0
                    d -= 1
                }
            }
        }
    }
}

struct MaskedSelectVisitor: ScalarTypeVisitor {
    let input: StridedBuffer
    let mask: StridedBuffer
    let output: StridedBuffer

    /// Two passes over row ranges when large: count each range's true elements, then write each
    /// range at its running offset.
    func visit<T: TensorScalar>(_ type: T.Type) {
        let walk = StridedWalk(shape: input.layout.shape, strides: [input.layout.strides, mask.layout.strides])
        let si = walk.innerStride(0), sm = walk.innerStride(1)
        let box = UnsafeSendableBox((input.pointer(as: T.self), mask.pointer(as: Bool.self), output.pointer(as: T.self)))
        let grain = max(1, 65_536 / max(walk.inner, 1))
        let counts = Mutex<[Int: Int]>([:])
        Parallel.forRange(walk.rowCount, grain: grain) { rows in
            let (_, pm, _) = box.value
            var n = 0
            walk.forEachRow(in: rows) { offsets, count in
                let m = pm + offsets[1]
                for i in 0..<count where m[i * sm] { n += 1 }
            }
            counts.withLock { $0[rows.lowerBound] = n }
        }
        var starts: [Int: Int] = [:]
        var running = 0
        for (lower, n) in counts.withLock({ $0 }).sorted(by: { $0.key < $1.key }) {
            starts[lower] = running
            running += n
        }
        Parallel.forRange(walk.rowCount, grain: grain) { rows in
            let (pi, pm, po) = box.value
            var at = starts[rows.lowerBound]!
            walk.forEachRow(in: rows) { offsets, count in
                let x = pi + offsets[0], m = pm + offsets[1]
                for i in 0..<count where m[i * sm] {
                    po[at] = x[i * si]
                    at += 1
                }
            }
        }
    }
}
