import EmberBackend
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

// MARK: - Kernels

extension CPUBackend {
    @usableFromInline package func select(_ condition: StridedBuffer, _ a: BinaryOperand, _ b: BinaryOperand, into output: StridedBuffer) {
        if output.layout.count == 0 { return }
        output.dtype.dispatch(SelectVisitor(condition: condition, a: a, b: b, output: output))
    }

    @usableFromInline package func lerp(_ start: StridedBuffer, _ end: StridedBuffer, weight: BinaryOperand, into output: StridedBuffer) {
        if output.layout.count == 0 { return }
        switch output.dtype {
        case .float32: IndexKernels.lerp(Float.self, start, end, weight, output)
        case .float64: IndexKernels.lerp(Double.self, start, end, weight, output)
        default: fatalError("Ember internal error: lerp on \(output.dtype)")
        }
    }

    @usableFromInline package func index(_ input: StridedBuffer, _ indices: [IndexOperand], into output: StridedBuffer) throws(IndexOutOfRange) {
        if output.layout.count == 0 { return }
        if let failure = output.dtype.dispatch(IndexVisitor(input: input, indices: indices, output: output)) {
            throw failure
        }
    }

    @usableFromInline package func indexPut(_ values: BinaryOperand, _ indices: [IndexOperand], into output: StridedBuffer,
                         reduce: IndexReduction) throws(IndexOutOfRange) {
        if output.layout.count == 0 { return }
        if let failure = IndexKernels.validate(indices, shape: output.layout.shape) { throw failure }
        output.dtype.dispatch(IndexPutVisitor(values: values, indices: indices, output: output, reduce: reduce))
    }

    @usableFromInline package func countNonzero(_ input: StridedBuffer) -> Int {
        if input.layout.count == 0 { return 0 }
        return input.dtype.dispatch(CountNonzeroVisitor(input: input))
    }

    @usableFromInline package func nonzero(_ input: StridedBuffer, into output: StridedBuffer) {
        if input.layout.count == 0 || output.layout.count == 0 { return }
        input.dtype.dispatch(NonzeroVisitor(input: input, output: output))
    }

    @usableFromInline package func maskedSelect(_ input: StridedBuffer, mask: StridedBuffer, into output: StridedBuffer) {
        if output.layout.count == 0 || input.layout.count == 0 { return }
        input.dtype.dispatch(MaskedSelectVisitor(input: input, mask: mask, output: output))
    }

    @usableFromInline package func cat(_ inputs: [StridedBuffer], dim: Int, into output: StridedBuffer) {
        let outShape = output.layout.shape
        if output.layout.count == 0 { return }
        let itemSize = output.dtype.itemSize
        let fast = output.layout.isContiguous
            && inputs.allSatisfy { $0.layout.isContiguous && $0.dtype == output.dtype }
        if !fast {
            // One strided copy per input into its slab of the output.
            var position = 0
            for input in inputs where input.layout.count > 0 {
                let size = input.layout.shape[dim]
                var shape = outShape
                shape[dim] = size
                let slab = Layout(shape: shape, strides: output.layout.strides,
                                  offset: output.layout.offset + position * output.layout.strides[dim])
                copy(input, into: output.with(layout: slab))
                position += size
            }
            return
        }
        // Contiguous: each input contributes one block of `size * inner` elements per outer index.
        var outer = 1
        for d in 0..<dim { outer *= outShape[d] }
        var inner = 1
        for d in (dim + 1)..<outShape.count { inner *= outShape[d] }
        let rowBytes = outShape[dim] * inner * itemSize
        var blocks: [(source: UnsafeSendableBox<UnsafeMutableRawPointer>, bytes: Int, at: Int)] = []
        var at = 0
        for input in inputs where input.layout.count > 0 {
            let bytes = input.layout.shape[dim] * inner * itemSize
            blocks.append((UnsafeSendableBox(input.start), bytes, at))
            at += bytes
        }
        let destination = UnsafeSendableBox(output.start)
        if outer == 1 || rowBytes >= 1 << 18 {
            // Few large blocks: split each block's bytes across threads.
            for row in 0..<outer {
                for block in blocks {
                    let dst = destination.value + row * rowBytes + block.at
                    let src = block.source.value + row * block.bytes
                    Parallel.forRange(block.bytes, grain: 1 << 20) { r in
                        memcpy(dst + r.lowerBound, src + r.lowerBound, r.count)
                    }
                }
            }
            return
        }
        // Many small rows: split the rows across threads.
        Parallel.forRange(outer, grain: max(1, (1 << 20) / max(rowBytes, 1))) { rows in
            for row in rows {
                let base = destination.value + row * rowBytes
                for block in blocks {
                    memcpy(base + block.at, block.source.value + row * block.bytes, block.bytes)
                }
            }
        }
    }
}

// MARK: - Kernel bodies

@usableFromInline
enum IndexKernels {
    /// PyTorch's lerp: `start + weight * (end - start)` for `|weight| < 0.5`, else
    /// `end - (end - start) * (1 - weight)`, both fused as PyTorch's vectorized kernel does.
    @inline(__always)
    static func lerpValue<T: FloatingScalar>(_ s: T, _ e: T, _ w: T) -> T {
        let d = e - s
        return w.magnitude < 0.5 ? s.addingProduct(w, d) : e.addingProduct(w - 1, d)
    }

    static func lerp<T: FloatingScalar>(_: T.Type, _ start: StridedBuffer, _ end: StridedBuffer,
                                        _ weight: BinaryOperand, _ output: StridedBuffer) {
        switch weight {
        case .scalar(let s):
            let w: T = s.converted()
            Elementwise.zip(start, end, output) { (a: T, b: T) in lerpValue(a, b, w) }
        case .buffer(let wb):
            let ps = start.pointer(as: T.self), pe = end.pointer(as: T.self)
            let pw = wb.pointer(as: T.self), po = output.pointer(as: T.self)
            let walk = StridedWalk(shape: output.layout.shape,
                                   strides: [output.layout.strides, start.layout.strides,
                                             end.layout.strides, wb.layout.strides])
            let so = walk.innerStride(0), ss = walk.innerStride(1), se = walk.innerStride(2), sw = walk.innerStride(3)
            let boxes = UnsafeSendableBox((ps, pe, pw, po))
            walk.forEachRowParallel { offsets, count in
                let (ps, pe, pw, po) = boxes.value
                let o = po + offsets[0], s = ps + offsets[1], e = pe + offsets[2], w = pw + offsets[3]
                for i in 0..<count { o[i * so] = lerpValue(s[i * ss], e[i * se], w[i * sw]) }
            }
        }
    }

    /// The first out-of-range position over the iteration `shape`, checked before any write.
    static func validate(_ indices: [IndexOperand], shape: Dims) -> IndexOutOfRange? {
        for (k, operand) in indices.enumerated() {
            let walk = StridedWalk(shape: shape, strides: [operand.indices.layout.strides])
            let p = operand.indices.pointer(as: Int64.self)
            let stride = walk.innerStride(0)
            let size = Int64(operand.size), lowest = operand.lowest
            var failure: IndexOutOfRange?
            walk.forEachRow(in: 0..<walk.rowCount) { offsets, count in
                if failure != nil { return }
                let row = p + offsets[0]
                for i in 0..<count {
                    let v = row[i * stride]
                    if v < lowest || v >= size {
                        failure = IndexOutOfRange(value: v, operand: k, size: operand.size)
                        return
                    }
                }
            }
            if let failure { return failure }
        }
        return nil
    }
}

/// Reads the index operands of one element: the storage offset they add, or the failure.
@inline(__always)
private func indexedOffset(_ indices: UnsafeBufferPointer<(UnsafeMutablePointer<Int64>, Int, Int64, Int64)>,
                           _ offsets: UnsafeMutableBufferPointer<Int>, _ innerStrides: UnsafeBufferPointer<Int>,
                           element i: Int, failure: inout IndexOutOfRange?) -> Int {
    var total = 0
    for k in 0..<indices.count {
        let (pointer, stride, size, lowest) = indices[k]
        var v = pointer[offsets[k + 2] + i * innerStrides[k + 2]]
        if v < lowest || v >= size {
            failure = IndexOutOfRange(value: v, operand: k, size: Int(size))
            return 0
        }
        if v < 0 { v += size }
        total += Int(v) * stride
    }
    return total
}

private struct IndexVisitor: ScalarTypeVisitor {
    let input: StridedBuffer
    let indices: [IndexOperand]
    let output: StridedBuffer

    func visit<T: TensorScalar>(_ type: T.Type) -> IndexOutOfRange? {
        let walk = StridedWalk(shape: output.layout.shape,
                               strides: [output.layout.strides, input.layout.strides] + indices.map(\.indices.layout.strides))
        let operands = indices.map { ($0.indices.pointer(as: Int64.self), $0.stride, Int64($0.size), $0.lowest) }
        let innerStrides = (0..<(indices.count + 2)).map { walk.innerStride($0) }
        let pi = input.pointer(as: T.self), po = output.pointer(as: T.self)
        let box = UnsafeSendableBox((pi, po))
        let failure = Mutex<(row: Int, error: IndexOutOfRange)?>(nil)
        let so = innerStrides[0], si = innerStrides[1]
        let rowsPerGrain = max(1, 32_768 / max(walk.inner, 1))
        operands.withUnsafeBufferPointer { ops in
            innerStrides.withUnsafeBufferPointer { inner in
                let shared = UnsafeSendableBox((ops, inner))
                Parallel.forRange(walk.rowCount, grain: rowsPerGrain) { rows in
                    let (ops, inner) = shared.value
                    let (pi, po) = box.value
                    var local: IndexOutOfRange?
                    var row = rows.lowerBound
                    walk.forEachRow(in: rows) { offsets, count in
                        if local != nil { return }
                        let o = po + offsets[0], x = pi + offsets[1]
                        defer { row += 1 }
                        if ops.count == 1 {
                            // One index: a whole row from one position, or a gather along the row.
                            let (pointer, stride, size, lowest) = ops[0]
                            let sx = inner[2], p = pointer + offsets[2]
                            if sx == 0 {
                                var v = p[0]
                                if v < lowest || v >= size {
                                    local = IndexOutOfRange(value: v, operand: 0, size: Int(size))
                                    return
                                }
                                if v < 0 { v += size }
                                let source = x + Int(v) * stride
                                if so == 1 && si == 1 {
                                    for i in 0..<count { o[i] = source[i] }
                                } else {
                                    for i in 0..<count { o[i * so] = source[i * si] }
                                }
                            } else {
                                for i in 0..<count {
                                    var v = p[i * sx]
                                    if v < lowest || v >= size {
                                        local = IndexOutOfRange(value: v, operand: 0, size: Int(size))
                                        return
                                    }
                                    if v < 0 { v += size }
                                    o[i * so] = x[i * si + Int(v) * stride]
                                }
                            }
                            return
                        }
                        for i in 0..<count {
                            let extra = indexedOffset(ops, offsets, inner, element: i, failure: &local)
                            if local != nil { return }
                            o[i * so] = x[i * si + extra]
                        }
                    }
                    if let local {
                        failure.withLock { current in
                            if current == nil || current!.row > row { current = (row, local) }
                        }
                    }
                }
            }
        }
        return failure.withLock { $0?.error }
    }
}

private struct IndexPutVisitor: ScalarTypeVisitor {
    let values: BinaryOperand
    let indices: [IndexOperand]
    let output: StridedBuffer
    let reduce: IndexReduction

    func visit<T: TensorScalar>(_ type: T.Type) {
        switch (T.dtype.category, reduce) {
        case (_, .none): run(T.self) { _, v in v }
        case (.bool, .add), (.bool, .maximum): run(Bool.self) { a, b in a || b }
        case (.bool, .multiply), (.bool, .minimum): run(Bool.self) { a, b in a && b }
        default:
            switch T.dtype {
            case .float32: run(Float.self, floating(reduce))
            case .float64: run(Double.self, floating(reduce))
            case .int32: run(Int32.self, integer(reduce))
            default: run(Int64.self, integer(reduce))
            }
        }
    }

    /// PyTorch's scatter reductions on floats: `max`/`min` as `std::max`/`std::min`, with a NaN
    /// value taking over, so a NaN on either side wins.
    func floating<T: BinaryFloatingPoint>(_ reduce: IndexReduction) -> (T, T) -> T {
        switch reduce {
        case .none: { _, v in v }
        case .add: { $0 + $1 }
        case .multiply: { $0 * $1 }
        case .maximum: { a, v in v.isNaN || a < v ? v : a }
        case .minimum: { a, v in v.isNaN || v < a ? v : a }
        }
    }

    func integer<T: FixedWidthInteger>(_ reduce: IndexReduction) -> (T, T) -> T {
        switch reduce {
        case .none: { _, v in v }
        case .add: { $0 &+ $1 }
        case .multiply: { $0 &* $1 }
        case .maximum: { Swift.max($0, $1) }
        case .minimum: { Swift.min($0, $1) }
        }
    }

    /// Serial, in row-major order, so repeated positions combine deterministically.
    func run<T: TensorScalar>(_: T.Type, _ combine: (T, T) -> T) {
        var valueStrides = Dims(repeating: 0, count: output.layout.rank)
        var scalar: T?
        var pv: UnsafeMutablePointer<T>?
        switch values {
        case .buffer(let b):
            valueStrides = b.layout.strides
            pv = b.pointer(as: T.self)
        case .scalar(let s):
            scalar = s.converted()
        }
        let walk = StridedWalk(shape: output.layout.shape,
                               strides: [output.layout.strides, valueStrides] + indices.map(\.indices.layout.strides))
        let operands = indices.map { ($0.indices.pointer(as: Int64.self), $0.stride, Int64($0.size), $0.lowest) }
        let innerStrides = (0..<(indices.count + 2)).map { walk.innerStride($0) }
        let po = output.pointer(as: T.self)
        let so = innerStrides[0], sv = innerStrides[1]
        operands.withUnsafeBufferPointer { ops in
            innerStrides.withUnsafeBufferPointer { inner in
                var failure: IndexOutOfRange?
                walk.forEachRow(in: 0..<walk.rowCount) { offsets, count in
                    let o = po + offsets[0]
                    for i in 0..<count {
                        let extra = indexedOffset(ops, offsets, inner, element: i, failure: &failure)
                        let v = scalar ?? pv![offsets[1] + i * sv]
                        let target = o + i * so + extra
                        target.pointee = combine(target.pointee, v)
                    }
                }
            }
        }
    }
}
