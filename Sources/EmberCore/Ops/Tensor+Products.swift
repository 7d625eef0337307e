import EmberBackend

// MARK: - Accumulated products

extension Tensor {
    /// `beta * self + alpha * (mat @ vec)`, with `self` broadcast to `[m]` (`torch.addmv`).
    ///
    /// As `addmm`: with `beta` zero `self` is not read (NaN in it does not show), and integer
    /// dtypes truncate `beta` and `alpha`. Recorded as `AddmvBackward0`.
    public func addmv(_ mat: Tensor, _ vec: Tensor, beta: Scalar = 1, alpha: Scalar = 1) -> Tensor {
        attempt {
            try checkLinearAlgebraDevice(mat)
            try checkLinearAlgebraDevice(vec)
            guard mat.dim == 2 && vec.dim == 1 && dim <= 1 else {
                throw TensorError.runtime("vector + matrix @ vector expected, got \(dim), \(mat.dim), \(vec.dim)")
            }
            let m = mat.layout.shape[0], k = mat.layout.shape[1]
            guard vec.layout.shape[0] == k && (numel == 1 || layout.shape[0] == m) else {
                throw TensorError.runtime(
                    "size mismatch, got input (\(try checkedSize(0))), mat (\(m)x\(k)), vec (\(vec.layout.shape[0]))")
            }
            guard dtype == mat.dtype && dtype == vec.dtype else {
                throw TensorError.runtime(
                    "addmv input tensors must have the same dtype, but got \(dtype.scalarTypeName), \(mat.dtype.scalarTypeName), and \(vec.dtype.scalarTypeName)")
            }
            guard dtype != .bool else { throw TensorError.notImplemented("\"addmv_impl_cpu\" not implemented for 'Bool'") }
            // As an addmm of `[m, k] x [k, 1]` into `self` seen as a column.
            let input = try expandedLayout([m])
            let column = Layout(shape: [m, 1], strides: [input.strides[0], 1], offset: input.offset)
            let v = vec.layout
            let product = try Tensor.accumulateProduct(
                input: self, inputLayout: column, mat, mat.layout, vec,
                Layout(shape: [k, 1], strides: [v.strides[0], 1], offset: v.offset),
                shape: [m, 1], beta: beta, alpha: alpha)
            let out = Tensor(storage: product.storage, layout: Layout(contiguous: [m]), dtype: dtype)
            if Tensor.recording([self, mat, vec]) { Tensor.recordAddmv(self, mat, vec, beta: beta, alpha: alpha, out) }
            return out
        }
    }

    /// `beta * self + alpha * sum over b of batch1[b] @ batch2[b]`, with `self` broadcast to
    /// `[n, p]` (`torch.addbmm`). Recorded as `AddbmmBackward0`.
    public func addbmm(_ batch1: Tensor, _ batch2: Tensor, beta: Scalar = 1, alpha: Scalar = 1) -> Tensor {
        attempt {
            try checkLinearAlgebraDevice(batch1)
            try checkLinearAlgebraDevice(batch2)
            let rows = try batch1.checkedSize(1), columns = try batch2.checkedSize(2)
            let shape: Dims = [rows, columns]
            let input = try expandedLayout(shape)
            guard batch1.dim == 3 else { throw TensorError.runtime("batch1 must be a 3D tensor") }
            guard batch2.dim == 3 else { throw TensorError.runtime("batch2 must be a 3D tensor") }
            let a = batch1.layout.shape, b = batch2.layout.shape
            guard a[0] == b[0] else {
                throw TensorError.runtime("batch1 and batch2 must have same number of batches, got \(a[0]) and \(b[0])")
            }
            guard a[2] == b[1] else {
                throw TensorError.runtime("Incompatible matrix sizes for bmm (\(a[1])x\(a[2]) and \(b[1])x\(b[2]))")
            }
            // PyTorch adds the products one by one with `addmm_`, whose dtype checks these are.
            guard dtype == batch2.dtype else {
                throw TensorError.runtime(
                    "self and mat2 must have the same dtype, but got \(dtype.scalarTypeName) and \(batch2.dtype.scalarTypeName)")
            }
            guard batch1.dtype == batch2.dtype else {
                throw TensorError.runtime(
                    "mat1 and mat2 must have the same dtype, but got \(batch1.dtype.scalarTypeName) and \(batch2.dtype.scalarTypeName)")
            }
            guard dtype != .bool else { throw TensorError.notImplemented("\"addmm_impl_cpu_\" not implemented for 'Bool'") }
            // One product of `[n, b*k] x [b*k, p]` sums the batches.
            let (mat1, mat2) = withNoGrad {
                (batch1.permute(1, 0, 2).reshape([a[1], a[0] * a[2]]), batch2.reshape([b[0] * b[1], b[2]]))
            }
            let out = try Tensor.accumulateProduct(input: self, inputLayout: input, mat1, mat1.layout, mat2, mat2.layout,
                                                   shape: shape, beta: beta, alpha: alpha)
            if Tensor.recording([self, batch1, batch2]) {
                Tensor.recordAddbmm(self, batch1, batch2, beta: beta, alpha: alpha, out)
            }
            return out
        }
    }

    /// `beta * self + alpha * outer(vec1, vec2)`, with `self` broadcast to `[n, m]` and the
    /// three dtypes promoted (`torch.addr`). With `beta` zero `self` is not read; a bool result
    /// is `(beta and self) or (alpha and vec1 and vec2)`. Recorded as `AddrBackward0`.
    public func addr(_ vec1: Tensor, _ vec2: Tensor, beta: Scalar = 1, alpha: Scalar = 1) -> Tensor {
        attempt {
            try checkSameDevice(vec1)
            try checkSameDevice(vec2)
            guard vec1.dim == 1 else { throw TensorError.runtime("addr: Expected 1-D argument vec1, but got \(vec1.dim)-D") }
            guard vec2.dim == 1 else { throw TensorError.runtime("addr: Expected 1-D argument vec2, but got \(vec2.dim)-D") }
            let shape = [vec1.layout.shape[0], vec2.layout.shape[0]]
            _ = try expandedLayout(Dims(shape))
            let dt = DType.promote(resultType(self, vec1), vec2.dtype)
            for (label, scalar) in [("beta", beta), ("alpha", alpha)] {
                if case .bool = scalar, dt != .bool {
                    throw TensorError.runtime("Boolean \(label) only supported for Boolean results.")
                }
                if case .float = scalar, !dt.isFloatingPoint {
                    throw TensorError.runtime(
                        "For integral input tensors, argument \(label) must not be a floating point number.")
                }
            }
            let out = withNoGrad { addrValues(vec1, vec2, shape: shape, dtype: dt, beta: beta, alpha: alpha) }
            if Tensor.recording([self, vec1, vec2]) { Tensor.recordAddr(self, vec1, vec2, beta: beta, alpha: alpha, out) }
            return out
        }
    }

    /// The values of `addr` in `dtype` (checked).
    private func addrValues(_ vec1: Tensor, _ vec2: Tensor, shape: [Int], dtype dt: DType, beta: Scalar,
                            alpha: Scalar) -> Tensor {
        let u = vec1.to(dt).unsqueeze(dim: 1), v = vec2.to(dt)
        let input = expand(shape).to(dt)
        if dt == .bool {
            let product = alpha.converted(to: Bool.self) ? u .& v : Tensor.zeros(shape, dtype: .bool, device: device)
            return beta.converted(to: Bool.self) ? input .| product : product.contiguous()
        }
        func scaled(_ t: Tensor, _ factor: Scalar) -> Tensor {
            dt.isFloatingPoint ? t * factor.converted(to: Double.self) : t * Int(factor.converted(to: Int64.self))
        }
        let product = scaled(u * v, alpha)
        return beta.isZero(in: dt) ? product : scaled(input, beta) + product
    }
}

// MARK: - Dot products

extension Tensor {
    /// The dot product of two 1-D tensors, the first conjugated (`torch.vdot`); for Ember's
    /// real dtypes, `dot`. Recorded as `VdotBackward0`.
    public func vdot(_ other: Tensor) -> Tensor {
        attempt {
            let out = try dotChecked(other)
            if Tensor.recording(self, other) { Tensor.recordVdot(self, other, out) }
            return out
        }
    }

    /// The sum of products over the last dims of two tensors, `[..., k] x [..., k]` giving
    /// `self.shape.dropLast() + other.shape.dropLast()`; a 0-dim side multiplies (`torch.inner`).
    public func inner(_ other: Tensor) -> Tensor {
        if dim == 0 || other.dim == 0 { return self * other }
        return attempt {
            let k1 = layout.shape[dim - 1], k2 = other.layout.shape[other.dim - 1]
            guard k1 == k2 else {
                throw TensorError.runtime(
                    "inner() the last dimension must match on both input tensors but got shapes \(layout.shape) and \(other.layout.shape)")
            }
            return try tensordotChecked(other, [-1], [-1])
        }
    }

    /// The sum of products over the last `dims` dims of `self` and the first `dims` of `other`
    /// (`torch.tensordot(a, b, dims=2)`); `dims: 0` is the outer product.
    public func tensordot(_ other: Tensor, dims: Int = 2) -> Tensor {
        attempt {
            guard dims >= 0 else { throw TensorError.runtime("tensordot expects dims >= 0, but got dims=\(dims)") }
            guard dims <= Swift.min(dim, other.dim) else {
                throw TensorError.runtime("tensordot expects dims < ndim_a or ndim_b, but got dims=\(dims)")
            }
            return try tensordotChecked(other, Array(-dims..<0), Array(0..<dims))
        }
    }

    /// The sum of products over the dims `dims.0` of `self` paired with `dims.1` of `other`
    /// (`torch.tensordot(a, b, dims=([1, 2], [0, 1]))`). Size-1 dims broadcast.
    public func tensordot(_ other: Tensor, dims: ([Int], [Int])) -> Tensor {
        attempt { try tensordotChecked(other, dims.0, dims.1) }
    }

    /// PyTorch's `at::tensordot`: permute both sides so the contracted dims meet, one `mm`,
    /// then a view in the result's shape (`ViewBackward0`).
    private func tensordotChecked(_ other: Tensor, _ dims1: [Int], _ dims2: [Int]) throws(TensorError) -> Tensor {
        guard dims1.count == dims2.count else { throw TensorError.runtime("both dimension lists should have same length") }
        guard dtype == other.dtype else { throw TensorError.runtime("both inputs should have same dtype") }
        var t1 = self, t2 = other
        var contracted = 1
        for (d1, d2) in zip(dims1, dims2) {
            let w1 = try normalizeDim(d1, rank: dim), w2 = try normalizeDim(d2, rank: other.dim)
            let s1 = layout.shape[w1], s2 = other.layout.shape[w2]
            if s2 == 1 {
                t1 = t1.sum(dim: d1, keepdim: true, dtype: dtype)
            } else if s1 == 1 {
                t2 = t2.sum(dim: d2, keepdim: true, dtype: dtype)
            } else {
                guard s1 == s2 else {
                    throw TensorError.runtime(
                        "contracted dimensions need to match, but first has size \(s1) in dim \(d1) and second has size \(s2) in dim \(d2)")
                }
                contracted *= s1
            }
        }
        let c1 = try Tensor.dimSet(dims1, rank: dim), c2 = try Tensor.dimSet(dims2, rank: other.dim)
        let kept1 = (0..<dim).filter { !c1.contains($0) }, kept2 = (0..<other.dim).filter { !c2.contains($0) }
        let size1 = kept1.reduce(1) { $0 * t1.layout.shape[$1] }, size2 = kept2.reduce(1) { $0 * t2.layout.shape[$1] }
        let resultShape = kept1.map { t1.layout.shape[$0] } + kept2.map { t2.layout.shape[$0] }
        if dtype == .bool {
            let kernel = size1 == 1 && size2 == 1 ? "dot" : "addmm_impl_cpu_"
            throw TensorError.notImplemented("\"\(kernel)\" not implemented for 'Bool'")
        }
        let a = t1.permute(kept1 + c1).reshape([size1, contracted])
        let b = t2.permute(c2 + kept2).reshape([contracted, size2])
        return a.mm(b).view(resultShape)
    }

    /// The wrapped dims of a list, in its order, refusing a repeat with PyTorch's message.
    private static func dimSet(_ dims: [Int], rank: Int) throws(TensorError) -> [Int] {
        var ordered: [Int] = []
        for d in dims {
            let w = try normalizeDim(d, rank: rank)
            if ordered.contains(w) { throw TensorError.runtime("dim \(w) appears multiple times in the list of dims") }
            ordered.append(w)
        }
        return ordered
    }
}

// MARK: - Kronecker product

extension Tensor {
    /// The Kronecker product, `[a0, a1] x [b0, b1] -> [a0 * b0, a1 * b1]`; the shorter shape
    /// takes leading 1s and the dtypes promote (`torch.kron`). Composed as PyTorch composes it,
    /// a product of interleaved views, recorded last as `UnsafeViewBackward0`.
    public func kron(_ other: Tensor) -> Tensor {
        let rank = Swift.max(dim, other.dim)
        let padSelf = rank - dim, padOther = rank - other.dim
        var aShape: [Int] = [], bShape: [Int] = [], resultShape: [Int] = []
        for i in 0..<rank {
            let a = i >= padSelf ? layout.shape[i - padSelf] : 1
            let b = i >= padOther ? other.layout.shape[i - padOther] : 1
            aShape += [a, 1]
            bShape += [1, b]
            resultShape.append(a * b)
        }
        let product = reshape(aShape) * other.reshape(bShape)
        return product.unsafeView(resultShape)
    }

    /// A contiguous tensor seen in another shape without becoming a view of it (PyTorch's
    /// `_unsafe_view`), recorded as `UnsafeViewBackward0`.
    package func unsafeView(_ shape: [Int]) -> Tensor {
        let source = contiguous()
        let out = Tensor(storage: source.storage, layout: Layout(contiguous: Dims(shape)).withOffset(source.layout.offset),
                         dtype: dtype)
        return source.recordUnsafeView(out)
    }
}

// MARK: - Chained products

extension Tensor {
    /// The product of a chain of matrices in the cheapest order (`torch.linalg.multi_dot`): the
    /// first may be a 1-D row vector and the last a 1-D column vector (their dims are dropped
    /// from the result); the others are 2-D, all of one dtype. The order is PyTorch's (its cost
    /// comparison for three matrices, its dynamic programme beyond), so results agree to
    /// rounding. Recorded last as `ViewBackward0`.
    public static func multiDot(_ tensors: [Tensor]) -> Tensor {
        attempt {
            let n = tensors.count
            guard n >= 2 else { throw TensorError.runtime("multi_dot(): expected at least 2 tensors but got \(n)") }
            var chain = tensors
            var outShape: [Int] = []
            switch tensors[0].dim {
            case 1: chain[0] = tensors[0].unsqueeze(dim: 0)
            case 2: outShape.append(tensors[0].layout.shape[0])
            default: throw TensorError.runtime("multi_dot(): the first tensor must be 1D or 2D but got \(tensors[0].dim)D")
            }
            switch tensors[n - 1].dim {
            case 1: chain[n - 1] = tensors[n - 1].unsqueeze(dim: -1)
            case 2: outShape.append(tensors[n - 1].layout.shape[1])
            default: throw TensorError.runtime("multi_dot(): the last tensor must be 1D or 2D but got \(tensors[n - 1].dim)D")
            }
            for i in 1..<(n - 1) where tensors[i].dim != 2 {
                throw TensorError.runtime("multi_dot(): tensor \(i) must be 2D but got \(tensors[i].dim)D")
            }
            for i in 1..<n {
                guard chain[i].dtype == chain[0].dtype else {
                    throw TensorError.runtime(
                        "multi_dot(): all tensors must have be the same dtype but tensor 0 is \(chain[0].dtype.cppTypeName) and tensor \(i) \(chain[i].dtype.cppTypeName)")
                }
                try chain[0].checkLinearAlgebraDevice(chain[i])
                guard chain[i - 1].layout.shape[1] == chain[i].layout.shape[0] else {
                    throw TensorError.runtime(
                        "multi_dot(): tensors \(i - 1) and \(i) with shapes \(tensors[i - 1].layout.shape) and \(tensors[i].layout.shape) cannot be multiplied")
                }
            }
            return chainProduct(chain).view(outShape)
        }
    }

    /// The product of checked matrices in PyTorch's order (`multi_dot_impl`).
    private static func chainProduct(_ m: [Tensor]) -> Tensor {
        let n = m.count
        if n == 2 { return m[0].mm(m[1]) }
        if n == 3 {
            let a = m[0].layout.shape[0], b = m[1].layout.shape[0], c = m[2].layout.shape[0], d = m[2].layout.shape[1]
            let cost1 = (a * c) * (b + d), cost2 = (b * d) * (a + c)
            return cost1 > cost2 ? m[0].mm(m[1].mm(m[2])) : m[0].mm(m[1]).mm(m[2])
        }
        // PyTorch's `matrix_chain_order`: the first split of least cost, by chain length.
        let p = m.map { $0.layout.shape[0] } + [m[n - 1].layout.shape[1]]
        var cost = Array(repeating: Array(repeating: 0, count: n), count: n)
        var split = cost
        for length in 1..<n {
            for i in 0..<(n - length) {
                let j = i + length
                cost[i][j] = Int.max
                for k in i..<j {
                    let q = cost[i][k] + cost[k + 1][j] + p[i] * p[k + 1] * p[j + 1]
                    if q < cost[i][j] {
                        cost[i][j] = q
                        split[i][j] = k
                    }
                }
            }
        }
        func product(_ i: Int, _ j: Int) -> Tensor {
            i == j ? m[i] : product(i, split[i][j]).mm(product(split[i][j] + 1, j))
        }
        return product(0, n - 1)
    }
}
