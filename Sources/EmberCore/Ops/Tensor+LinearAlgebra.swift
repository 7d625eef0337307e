import EmberBackend

// MARK: - Matrix products

extension Tensor {
    /// The matrix product of two tensors, with NumPy's rules (`torch.matmul`, Python's `@`).
    ///
    /// - 1-D · 1-D: the dot product, a 0-dim tensor.
    /// - 2-D × 2-D: the matrix product. 2-D × 1-D and 1-D × 2-D: the vector dim is dropped.
    /// - Otherwise (one side at least 3-D) a batched product: the dims before the last two
    ///   broadcast, `(5, 1, 2, 3) @ (4, 3, 6)` is `(5, 4, 2, 6)`; a 1-D side takes part as a
    ///   matrix and its dim is dropped from the result.
    ///
    /// Both sides must have one dtype (no promotion, as in PyTorch); float32 and float64 go to
    /// Ember's float32 kernel or OpenBLAS without copying transposed or sliced operands, integer
    /// dtypes to a plain kernel.
    /// Errors are PyTorch's, e.g. `mm: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)`.
    public func matmul(_ other: Tensor) -> Tensor {
        let out = attempt { try matmulChecked(other) }
        if Tensor.recording(self, other) { recordMatmul(other, out) }
        return out
    }

    /// The product of two matrices, `[m, k] x [k, n] -> [m, n]` (`torch.mm`).
    public func mm(_ mat2: Tensor) -> Tensor {
        let out = attempt { try mmChecked(mat2) }
        if Tensor.recording(self, mat2) { Tensor.recordMm(self, mat2, out) }
        return out
    }

    /// The product of two batches of matrices, `[b, m, k] x [b, k, n] -> [b, m, n]`, without
    /// broadcasting (`torch.bmm`).
    public func bmm(_ mat2: Tensor) -> Tensor {
        let out = attempt { try bmmChecked(mat2, kernelName: "bmm") }
        if Tensor.recording(self, mat2) { Tensor.recordBmm(self, mat2, out) }
        return out
    }

    /// The product of a matrix and a vector, `[m, k] x [k] -> [m]` (`torch.mv`).
    public func mv(_ vec: Tensor) -> Tensor {
        let out = attempt { try mvChecked(vec) }
        if Tensor.recording(self, vec) { Tensor.recordMv(self, vec, out) }
        return out
    }

    /// The dot product of two 1-D tensors of one length and dtype, as a 0-dim tensor (`torch.dot`).
    public func dot(_ other: Tensor) -> Tensor {
        let out = attempt { try dotChecked(other) }
        if Tensor.recording(self, other) { Tensor.recordDot(self, other, out) }
        return out
    }

    /// The outer product of two 1-D tensors, `[n] x [m] -> [n, m]`, with type promotion
    /// (`torch.outer`, `torch.ger`).
    public func outer(_ vec2: Tensor) -> Tensor {
        attempt {
            try checkLinearAlgebraDevice(vec2)
            guard dim == 1 else { throw TensorError.runtime("outer: Expected 1-D argument self, but got \(dim)-D") }
            guard vec2.dim == 1 else {
                throw TensorError.runtime("outer: Expected 1-D argument vec2, but got \(vec2.dim)-D")
            }
            if Tensor.recording(self, vec2) {
                // As PyTorch composes it: `self.reshape(n, 1) * vec2` (MulBackward0).
                return try Tensor.binary(.mul, .tensor(reshape([layout.shape[0], 1])), .tensor(vec2))
            }
            let l = layout
            let column = try makeView(Layout(shape: dims(l.shape[0], 1), strides: dims(l.strides[0], 1), offset: l.offset))
            return try Tensor.binary(.mul, .tensor(column), .tensor(vec2))
        }
    }

    /// `beta * self + alpha * (mat1 @ mat2)`, with `self` broadcast to `[m, n]` (`torch.addmm`,
    /// what `nn.Linear` computes as `addmm(bias, x, weight.t())`).
    ///
    /// With `beta` zero, `self` is not read (NaN in it does not show). For integer dtypes
    /// `beta` and `alpha` are truncated to integers, as in PyTorch.
    public func addmm(_ mat1: Tensor, _ mat2: Tensor, beta: Scalar = 1, alpha: Scalar = 1) -> Tensor {
        let out = attempt { try addmmChecked(mat1, mat2, beta: beta, alpha: alpha) }
        if Tensor.recording([self, mat1, mat2]) { Tensor.recordAddmm(self, mat1, mat2, beta: beta, alpha: alpha, out) }
        return out
    }

    /// `beta * self + alpha * (batch1 @ batch2)` for batches of matrices, with `self` broadcast
    /// to `[b, m, n]` (`torch.baddbmm`).
    public func baddbmm(_ batch1: Tensor, _ batch2: Tensor, beta: Scalar = 1, alpha: Scalar = 1) -> Tensor {
        let out = attempt { try baddbmmChecked(batch1, batch2, beta: beta, alpha: alpha) }
        if Tensor.recording([self, batch1, batch2]) {
            Tensor.recordBaddbmm(self, batch1, batch2, beta: beta, alpha: alpha, out)
        }
        return out
    }
}

// MARK: - Checked implementations

extension Tensor {
    /// `matmul` with PyTorch's dispatch (`at::native::_matmul_impl`): dot, mv, mm, a folded mm or
    /// mv when the batched side collapses to a matrix without copying, else a broadcast batched
    /// product. Each route reports the errors of the op PyTorch routes to.
    package func matmulChecked(_ other: Tensor) throws(TensorError) -> Tensor {
        let d1 = dim, d2 = other.dim
        guard d1 > 0 && d2 > 0 else {
            throw TensorError.runtime("both arguments to matmul need to be at least 1D, but they are \(d1)D and \(d2)D")
        }
        if d1 == 1 && d2 == 1 { return try dotChecked(other) }
        if d1 == 2 && d2 == 1 { return try mvChecked(other) }
        if d1 == 1 && d2 == 2 {
            let l = layout
            let row = try makeView(Layout(shape: dims(1, l.shape[0]), strides: dims(0, l.strides[0]), offset: l.offset))
            let product = try row.mmChecked(other, op: "mm")
            return Tensor(storage: product.storage, layout: Layout(contiguous: dims(product.layout.shape[1])),
                          dtype: product.dtype)
        }
        if d1 == 2 && d2 == 2 { return try mmChecked(other) }
        if shouldFoldMatmul(other) { return try foldedMatmul(other) }
        return try batchedMatmul(other)
    }

    /// PyTorch's `should_fold`: whether the larger side can be seen as one matrix (its batch dims
    /// merged into its rows) without a copy, so that one mm or mv does the work.
    private func shouldFoldMatmul(_ other: Tensor) -> Bool {
        let larger = dim >= other.dim
        let t1 = larger ? layout : other.layout.swappingLastTwo
        let dimT1 = t1.rank, dimT2 = larger ? other.dim : dim
        guard dimT1 >= 3 && dimT2 <= 2 else { return false }
        if larger ? other.requiresGrad : requiresGrad { return true }
        if dim == 2 { return false }
        if t1.count == 0 { return true }
        for i in 0..<(dimT1 - 2) where t1.strides[i] != t1.strides[i + 1] * t1.shape[i + 1] {
            return false
        }
        return true
    }

    /// The folded route: `[..., n, k] @ [k, p]` as one `[(...) * n, k] x [k, p]` mm (or mv), or
    /// its transpose when the larger side is on the right.
    private func foldedMatmul(_ other: Tensor) throws(TensorError) -> Tensor {
        let transpose = other.dim > dim
        let t1 = transpose ? try other.makeView(other.layout.swappingLastTwo) : self
        let t2: Tensor
        if !transpose {
            t2 = other
        } else {
            t2 = dim == 2 ? try makeView(layout.swappingLastTwo) : self
        }
        let sizes1 = t1.layout.shape
        var outputShape = Dims(sizes1.dropLast())
        let folded = outputShape.product
        let t2IsMatrix = t2.dim == 2
        if t2IsMatrix { outputShape.append(t2.layout.shape[1]) }
        let t1Folded = try t1.reshapedForProduct([folded, sizes1[sizes1.count - 1]])
        if t2IsMatrix {
            let product = try t1Folded.mmChecked(t2, op: "mm")
            let output = Tensor(storage: product.storage, layout: Layout(contiguous: outputShape), dtype: product.dtype)
            return transpose ? try output.makeView(output.layout.swappingLastTwo).cloned() : output
        }
        let product = try t1Folded.mvChecked(t2)
        return Tensor(storage: product.storage, layout: Layout(contiguous: outputShape), dtype: product.dtype)
    }

    /// The batched route: batch dims broadcast (stride 0, never copied), then one gemm per matrix.
    private func batchedMatmul(_ other: Tensor) throws(TensorError) -> Tensor {
        try checkLinearAlgebraDevice(other)
        let d1 = dim, d2 = other.dim
        let s1 = layout.shape, s2 = other.layout.shape
        let n = d1 > 1 ? s1[d1 - 2] : 1
        let m1 = s1[d1 - 1]
        let m2 = d2 > 1 ? s2[d2 - 2] : s2[0]
        let p = d2 > 1 ? s2[d2 - 1] : 1
        let batch = try broadcastShapes(Dims(s1.prefix(max(d1 - 2, 0))), Dims(s2.prefix(max(d2 - 2, 0))))
        let batchCount = batch.product
        guard m1 == m2 else {
            throw TensorError.runtime(
                "Expected size for first two dimensions of batch2 tensor to be: [\(batchCount), \(m1)] but got: [\(batchCount), \(m2)].")
        }
        guard dtype == other.dtype else {
            throw TensorError.runtime("expected scalar type \(dtype.scalarTypeName) but found \(other.dtype.scalarTypeName)")
        }
        guard dtype != .bool else { throw TensorError.notImplemented("\"bmm\" not implemented for 'Bool'") }
        // Each side as [batch..., rows, cols], a vector as a one-row (left) or one-column (right) matrix.
        let left = d1 == 1
            ? Layout(shape: dims(1, m1), strides: dims(0, layout.strides[0]), offset: layout.offset) : layout
        let right = d2 == 1
            ? Layout(shape: dims(m2, 1), strides: dims(other.layout.strides[0], 0), offset: other.layout.offset) : other.layout
        var aShape = batch, bShape = batch, cShape = batch
        aShape.append(n); aShape.append(m1)
        bShape.append(m2); bShape.append(p)
        cShape.append(n); cShape.append(p)
        guard let aLayout = left.broadcast(to: aShape), let bLayout = right.broadcast(to: bShape) else {
            throw TensorError.runtime("matmul: batch dims do not broadcast")
        }
        let out = try Tensor.uninitialized(cShape, dtype: dtype, device: device)
        out.backend.gemm(buffer.with(layout: aLayout), other.buffer.with(layout: bLayout), into: out.buffer,
                         alpha: 1, beta: 0)
        var shape = batch
        if d1 > 1 { shape.append(n) }
        if d2 > 1 { shape.append(p) }
        return Tensor(storage: out.storage, layout: Layout(contiguous: shape), dtype: dtype)
    }

    /// `mm` with its checks; `op` names the op in the messages (`mm`, `addmm`).
    package func mmChecked(_ mat2: Tensor, op: String = "mm") throws(TensorError) -> Tensor {
        // Each class property is read once: small products are dominated by such overheads.
        let a = buffer, b = mat2.buffer
        let device = self.device
        try checkLinearAlgebraDevice(device, mat2.device)
        try Tensor.checkMatrixOperands(a.layout, b.layout, op: op)
        guard a.dtype == b.dtype else {
            throw TensorError.runtime(
                "expected m1 and m2 to have the same dtype, but got: \(a.dtype.cppTypeName) != \(b.dtype.cppTypeName)")
        }
        guard a.dtype != .bool else { throw TensorError.notImplemented("\"addmm_impl_cpu_\" not implemented for 'Bool'") }
        let out = try Tensor.uninitialized(dims(a.layout.shape[0], b.layout.shape[1]), dtype: a.dtype, device: device)
        out.backend.gemm(a, b, into: out.buffer, alpha: 1, beta: 0)
        return out
    }

    /// The dims and shapes check of `mm` and `addmm`.
    private static func checkMatrixOperands(_ mat1: Layout, _ mat2: Layout, op: String) throws(TensorError) {
        guard mat1.rank == 2 else { throw TensorError.runtime("\(op): self must be a matrix, got \(mat1.rank)-D tensor") }
        guard mat2.rank == 2 else { throw TensorError.runtime("\(op): mat2 must be a matrix, got \(mat2.rank)-D tensor") }
        let a = mat1.shape, b = mat2.shape
        guard a[1] == b[0] else {
            throw TensorError.runtime(
                "\(op): mat1 and mat2 shapes cannot be multiplied (\(a[0])x\(a[1]) and \(b[0])x\(b[1]))")
        }
    }

    /// `bmm` with its checks; `kernelName` names the op in the bool message (`bmm`, `baddbmm`).
    package func bmmChecked(_ mat2: Tensor, kernelName: String) throws(TensorError) -> Tensor {
        try checkLinearAlgebraDevice(mat2)
        try Tensor.checkBatchOperands(self, mat2, kernelName: kernelName)
        let a = layout.shape, b = mat2.layout.shape
        let out = try Tensor.uninitialized(dims(a[0], a[1], b[2]), dtype: dtype, device: device)
        out.backend.gemm(buffer, mat2.buffer, into: out.buffer, alpha: 1, beta: 0)
        return out
    }

    /// The checks of `bmm` and `baddbmm`, in PyTorch's order.
    private static func checkBatchOperands(_ batch1: Tensor, _ batch2: Tensor, kernelName: String) throws(TensorError) {
        guard batch1.dim == 3 else { throw TensorError.runtime("batch1 must be a 3D tensor") }
        guard batch2.dim == 3 else { throw TensorError.runtime("batch2 must be a 3D tensor") }
        let a = batch1.layout.shape, b = batch2.layout.shape
        guard b[0] == a[0] && b[1] == a[2] else {
            throw TensorError.runtime(
                "Expected size for first two dimensions of batch2 tensor to be: [\(a[0]), \(a[2])] but got: [\(b[0]), \(b[1])].")
        }
        guard batch1.dtype == batch2.dtype else {
            throw TensorError.runtime(
                "expected scalar type \(batch1.dtype.scalarTypeName) but found \(batch2.dtype.scalarTypeName)")
        }
        guard batch1.dtype != .bool else {
            throw TensorError.notImplemented("\"\(kernelName)\" not implemented for 'Bool'")
        }
    }

    /// `mv` with its checks.
    package func mvChecked(_ vec: Tensor) throws(TensorError) -> Tensor {
        try checkLinearAlgebraDevice(vec)
        guard dim == 2 && vec.dim == 1 else {
            throw TensorError.runtime("vector + matrix @ vector expected, got 1, \(dim), \(vec.dim)")
        }
        let m = layout.shape[0], k = layout.shape[1]
        guard vec.layout.shape[0] == k else {
            throw TensorError.runtime("size mismatch, got input (\(m)), mat (\(m)x\(k)), vec (\(vec.layout.shape[0]))")
        }
        guard dtype == vec.dtype else {
            throw TensorError.runtime(
                "addmv input tensors must have the same dtype, but got \(vec.dtype.scalarTypeName), \(dtype.scalarTypeName), and \(vec.dtype.scalarTypeName)")
        }
        guard dtype != .bool else { throw TensorError.notImplemented("\"addmv_impl_cpu\" not implemented for 'Bool'") }
        let out = try Tensor.uninitialized(dims(m), dtype: dtype, device: device)
        let v = vec.layout
        let column = Layout(shape: dims(k, 1), strides: dims(v.strides[0], 1), offset: v.offset)
        out.backend.gemm(buffer, vec.buffer.with(layout: column),
                         into: out.buffer.with(layout: Layout(contiguous: dims(m, 1))), alpha: 1, beta: 0)
        return out
    }

    /// `dot` with its checks.
    package func dotChecked(_ other: Tensor) throws(TensorError) -> Tensor {
        try checkLinearAlgebraDevice(other)
        guard dim == 1 && other.dim == 1 else {
            throw TensorError.runtime("1D tensors expected, but got \(dim)D and \(other.dim)D tensors")
        }
        guard dtype == other.dtype else {
            throw TensorError.runtime(
                "dot : expected both vectors to have same dtype, but found \(dtype.scalarTypeName) and \(other.dtype.scalarTypeName)")
        }
        let n1 = layout.shape[0], n2 = other.layout.shape[0]
        guard n1 == n2 else {
            throw TensorError.runtime(
                "inconsistent tensor size, expected tensor [\(n1)] and src [\(n2)] to have the same number of elements, but got \(n1) and \(n2) elements respectively")
        }
        guard dtype != .bool else { throw TensorError.notImplemented("\"dot\" not implemented for 'Bool'") }
        let out = try Tensor.uninitialized(Dims(), dtype: dtype, device: device)
        let l1 = layout, l2 = other.layout
        let row = Layout(shape: dims(1, n1), strides: dims(0, l1.strides[0]), offset: l1.offset)
        let column = Layout(shape: dims(n1, 1), strides: dims(l2.strides[0], 0), offset: l2.offset)
        out.backend.gemm(buffer.with(layout: row), other.buffer.with(layout: column),
                         into: out.buffer.with(layout: Layout(contiguous: dims(1, 1))), alpha: 1, beta: 0)
        return out
    }

    /// `addmm` with its checks, in PyTorch's order: dtypes, dims, shapes, the broadcast of `self`.
    package func addmmChecked(_ mat1: Tensor, _ mat2: Tensor, beta: Scalar, alpha: Scalar) throws(TensorError) -> Tensor {
        try checkLinearAlgebraDevice(mat1)
        try checkLinearAlgebraDevice(mat2)
        guard dtype == mat2.dtype else {
            throw TensorError.runtime(
                "self and mat2 must have the same dtype, but got \(dtype.scalarTypeName) and \(mat2.dtype.scalarTypeName)")
        }
        guard mat1.dtype == mat2.dtype else {
            throw TensorError.runtime(
                "mat1 and mat2 must have the same dtype, but got \(mat1.dtype.scalarTypeName) and \(mat2.dtype.scalarTypeName)")
        }
        try Tensor.checkMatrixOperands(mat1.layout, mat2.layout, op: "addmm")
        let shape = dims(mat1.layout.shape[0], mat2.layout.shape[1])
        let input = try expandedLayout(shape)
        guard dtype != .bool else { throw TensorError.notImplemented("\"addmm_impl_cpu_\" not implemented for 'Bool'") }
        return try Tensor.accumulateProduct(input: self, inputLayout: input, mat1, mat1.layout, mat2, mat2.layout,
                                            shape: shape, beta: beta, alpha: alpha)
    }

    /// `baddbmm` with its checks, in PyTorch's order: the broadcast of `self`, its dtype against
    /// `batch1`'s, then `bmm`'s checks.
    package func baddbmmChecked(_ batch1: Tensor, _ batch2: Tensor, beta: Scalar, alpha: Scalar) throws(TensorError) -> Tensor {
        try checkLinearAlgebraDevice(batch1)
        try checkLinearAlgebraDevice(batch2)
        let shape = dims(try batch1.checkedSize(0), try batch1.checkedSize(1), try batch2.checkedSize(2))
        let input = try expandedLayout(shape)
        guard dtype == batch1.dtype else {
            throw TensorError.runtime(
                "Input dtypes must be the same, got: input \(dtype.cppTypeName), batch1: \(batch1.dtype.cppTypeName), batch2: \(batch2.dtype.cppTypeName)")
        }
        try Tensor.checkBatchOperands(batch1, batch2, kernelName: "baddbmm")
        return try Tensor.accumulateProduct(input: self, inputLayout: input, batch1, batch1.layout, batch2, batch2.layout,
                                            shape: shape, beta: beta, alpha: alpha)
    }

    /// `beta * input + alpha * (a @ b)` into a new tensor of `shape`; `input` is not read when
    /// `beta` is zero in the dtype.
    package static func accumulateProduct(input: Tensor, inputLayout: Layout, _ a: Tensor, _ aLayout: Layout,
                                          _ b: Tensor, _ bLayout: Layout, shape: Dims, beta: Scalar,
                                          alpha: Scalar) throws(TensorError) -> Tensor {
        let out = try Tensor.uninitialized(shape, dtype: a.dtype, device: a.device)
        let readsInput = !beta.isZero(in: a.dtype)
        if readsInput { out.backend.copy(input.buffer.with(layout: inputLayout), into: out.buffer) }
        out.backend.gemm(a.buffer.with(layout: aLayout), b.buffer.with(layout: bLayout), into: out.buffer,
                         alpha: alpha, beta: readsInput ? beta : 0)
        return out
    }
}

// MARK: - Helpers

extension Tensor {
    /// Every operand of a product on one device (PyTorch's message).
    package func checkLinearAlgebraDevice(_ other: Tensor) throws(TensorError) {
        try checkLinearAlgebraDevice(device, other.device)
    }

    fileprivate func checkLinearAlgebraDevice(_ first: Device, _ second: Device) throws(TensorError) {
        guard first != second else { return }
        throw TensorError.runtime(
            "Expected all tensors to be on the same device, but found at least two devices, \(first) and \(second)!")
    }

    /// `size(d)` with PyTorch's errors (an IndexError for a dim out of range).
    package func checkedSize(_ d: Int) throws(TensorError) -> Int {
        guard dim > 0 else { throw TensorError.index("Dimension specified as \(d) but tensor has no dimensions") }
        return layout.shape[try normalizeDim(d, rank: dim)]
    }

    /// This tensor with a new shape: a view when the layout allows, else a contiguous copy.
    package func reshapedForProduct(_ shape: Dims) throws(TensorError) -> Tensor {
        if let strides = computeViewStrides(shape) {
            return try makeView(Layout(shape: shape, strides: strides, offset: layout.offset))
        }
        let copy = try cloned()
        return Tensor(storage: copy.storage, layout: Layout(contiguous: shape), dtype: dtype)
    }
}

/// A list of one size, without the array a literal would allocate.
fileprivate func dims(_ a: Int) -> Dims {
    var d = Dims()
    d.append(a)
    return d
}

/// A list of two sizes, without the array a literal would allocate.
fileprivate func dims(_ a: Int, _ b: Int) -> Dims {
    var d = Dims()
    d.append(a)
    d.append(b)
    return d
}

/// A list of three sizes, without the array a literal would allocate.
fileprivate func dims(_ a: Int, _ b: Int, _ c: Int) -> Dims {
    var d = Dims()
    d.append(a)
    d.append(b)
    d.append(c)
    return d
}

extension Layout {
    /// The layout with its last two dims swapped (`tensor.mT`).
    package var swappingLastTwo: Layout {
        var shape = self.shape, strides = self.strides
        let r = rank
        shape.swapAt(r - 2, r - 1)
        strides.swapAt(r - 2, r - 1)
        return Layout(shape: shape, strides: strides, offset: offset)
    }
}

extension Scalar {
    /// Whether the value is zero once converted to `dtype` (an integer product truncates 0.5 to 0).
    package func isZero(in dtype: DType) -> Bool {
        switch dtype {
        case .float32: converted(to: Float.self) == 0
        case .float64: converted(to: Double.self) == 0
        case .int32: converted(to: Int32.self) == 0
        case .int64: converted(to: Int64.self) == 0
        case .bool: !converted(to: Bool.self)
        }
    }
}

extension DType {
    /// The C++ type name PyTorch prints in some messages: `float`, `double`, `long int`, `int`, `bool`.
    package var cppTypeName: String {
        switch self {
        case .float32: "float"
        case .float64: "double"
        case .int64: "long int"
        case .int32: "int"
        case .bool: "bool"
        }
    }
}
