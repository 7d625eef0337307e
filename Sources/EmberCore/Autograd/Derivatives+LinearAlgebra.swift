import EmberBackend

// MARK: - Derivatives of the matrix products
//
// The gradients of mm, mv, dot, bmm, addmm, baddbmm and matmul, each a product of the incoming
// gradient with the other operand (transposed). Batched gradients come back in the broadcast
// batch shape; the engine sums them to each input's shape. A product's gradient is computed only
// for the operands that required grad when it was recorded (PyTorch's `needs_input_grad`): the
// other products are as costly as the forward one, and a layer's input usually needs none.

extension Tensor {
    /// `mm`: `MmBackward0`.
    package static func recordMm(_ a: Tensor, _ b: Tensor, _ out: Tensor) {
        let needs = (a.requiresGrad, b.requiresGrad)
        record("MmBackward0", inputs: [a, b], outputs: [out], saving: [a, b]) { g, s in
            [needs.0 ? mmMat1Backward(g[0], s[0], s[1]) : nil, needs.1 ? mmMat2Backward(g[0], s[0], s[1]) : nil]
        }
    }

    // Note [Product gradient layouts]
    // The gradient of a column-major operand of `mm` or `addmm` (a transposed contiguous matrix,
    // as a Linear layer's `weight.t()` is) is computed transposed, `(other^T @ g^T)^T` instead of
    // `g @ other^T`, so that it comes out column-major too, as PyTorch's `mm_mat1_backward` and
    // `mm_mat2_backward` do: after the transpose's own backward the weight's gradient is then
    // contiguous like the weight, and `.grad` takes it without a copy (see Note [Gradient layout
    // contract]).

    /// `t * factor`, or `t` itself for a factor of 1 (addmm's `alpha` and `beta`).
    private static func scaled(_ t: Tensor, _ factor: Double) -> Tensor { factor == 1 ? t : t * factor }

    /// Whether `m` is a column-major matrix (PyTorch's test: strides `[1, rows]`).
    private static func isColumnMajor(_ m: Tensor) -> Bool {
        m.layout.strides[0] == 1 && m.layout.strides[1] == m.layout.shape[0]
    }

    /// The gradient of `mat1` in `mat1 @ mat2` (see Note [Product gradient layouts]).
    static func mmMat1Backward(_ g: Tensor, _ mat1: Tensor, _ mat2: Tensor) -> Tensor {
        isColumnMajor(mat1) ? mat2.mm(g.t()).t() : g.mm(mat2.t())
    }

    /// The gradient of `mat2` in `mat1 @ mat2` (see Note [Product gradient layouts]).
    static func mmMat2Backward(_ g: Tensor, _ mat1: Tensor, _ mat2: Tensor) -> Tensor {
        isColumnMajor(mat2) ? g.t().mm(mat1).t() : mat1.t().mm(g)
    }

    /// `mv`: `MvBackward0`.
    package static func recordMv(_ m: Tensor, _ v: Tensor, _ out: Tensor) {
        let needs = (m.requiresGrad, v.requiresGrad)
        record("MvBackward0", inputs: [m, v], outputs: [out], saving: [m, v]) { g, s in
            [needs.0 ? g[0].outer(s[1]) : nil, needs.1 ? s[0].t().mv(g[0]) : nil]
        }
    }

    /// `dot`: `DotBackward0`.
    package static func recordDot(_ a: Tensor, _ b: Tensor, _ out: Tensor) {
        record("DotBackward0", inputs: [a, b], outputs: [out], saving: [a, b]) { g, s in
            [g[0] * s[1], g[0] * s[0]]
        }
    }

    /// Records `matmul` by its route: dot, mv, mm, else a batched product (`UnsafeViewBackward0`,
    /// `SqueezeBackward4` for 1-D @ 2-D) whose gradients come back in the broadcast batch shape
    /// (the engine sums them to each input's shape), except a matrix or vector on the right of a
    /// batch, whose gradient is one product over the folded batch.
    package func recordMatmul(_ other: Tensor, _ out: Tensor) {
        let d1 = dim, d2 = other.dim
        if d1 == 1 && d2 == 1 { return Tensor.recordDot(self, other, out) }
        if d1 == 2 && d2 == 1 { return Tensor.recordMv(self, other, out) }
        if d1 == 2 && d2 == 2 { return Tensor.recordMm(self, other, out) }
        let name = d1 == 1 && d2 == 2 ? "SqueezeBackward4" : "UnsafeViewBackward0"
        let needs = (requiresGrad, other.requiresGrad)
        Tensor.record(name, inputs: [self, other], outputs: [out], saving: [self, other]) { g, s in
            let a = d1 == 1 ? s[0].unsqueeze(dim: 0) : s[0]
            let b = d2 == 1 ? s[1].unsqueeze(dim: 1) : s[1]
            var grad = g[0]
            if d2 == 1 { grad = grad.unsqueeze(dim: grad.dim) }
            if d1 == 1 { grad = grad.unsqueeze(dim: grad.dim - 1) }
            var ga = needs.0 ? grad.matmul(b.mT) : nil, gb: Tensor? = nil
            if needs.1 && d1 >= 3 && d2 <= 2 {
                // The forward folded the batch into the rows (`[..., m, k] @ [k, n]` as one mm, as
                // PyTorch's matmul does), so the right side's gradient is that mm's: one product
                // over all the rows, `a^T @ grad` with the batch inside its sum, rather than a
                // product per matrix summed afterwards (`[batch, k, n]` written and read again).
                let k = a.shape[a.dim - 1], n = grad.shape[grad.dim - 1], rows = grad.numel / Swift.max(n, 1)
                gb = a.reshape([rows, k]).mT.matmul(grad.reshape([rows, n]))
            } else if needs.1 {
                gb = a.mT.matmul(grad)
            }
            if d1 == 1 { ga = ga?.squeeze(dim: ga!.dim - 2) }
            if d2 == 1 { gb = gb?.squeeze(dim: gb!.dim - 1) }
            return [ga, gb]
        }
    }

    /// `bmm`: `BmmBackward0`.
    package static func recordBmm(_ a: Tensor, _ b: Tensor, _ out: Tensor) {
        let needs = (a.requiresGrad, b.requiresGrad)
        record("BmmBackward0", inputs: [a, b], outputs: [out], saving: [a, b]) { g, s in
            [needs.0 ? g[0].bmm(s[1].mT) : nil, needs.1 ? s[0].mT.bmm(g[0]) : nil]
        }
    }

    /// `beta * input + alpha * (mat1 @ mat2)`: `AddmmBackward0`.
    package static func recordAddmm(_ input: Tensor, _ mat1: Tensor, _ mat2: Tensor, beta: Scalar, alpha: Scalar, _ out: Tensor) {
        let b = beta.converted(to: Double.self), a = alpha.converted(to: Double.self)
        let needs = (input.requiresGrad, mat1.requiresGrad, mat2.requiresGrad)
        record("AddmmBackward0", inputs: [input, mat1, mat2], outputs: [out], saving: [mat1, mat2]) { g, s in
            [needs.0 ? scaled(g[0], b) : nil,
             needs.1 ? scaled(mmMat1Backward(g[0], s[0], s[1]), a) : nil,
             needs.2 ? scaled(mmMat2Backward(g[0], s[0], s[1]), a) : nil]
        }
    }

    /// `beta * input + alpha * (batch1 @ batch2)`: `BaddbmmBackward0`; the engine sums `input`'s
    /// gradient back to its broadcast shape.
    package static func recordBaddbmm(
        _ input: Tensor, _ batch1: Tensor, _ batch2: Tensor, beta: Scalar, alpha: Scalar, _ out: Tensor
    ) {
        let b = beta.converted(to: Double.self), a = alpha.converted(to: Double.self)
        let needs = (input.requiresGrad, batch1.requiresGrad, batch2.requiresGrad)
        record("BaddbmmBackward0", inputs: [input, batch1, batch2], outputs: [out], saving: [batch1, batch2]) { g, s in
            [needs.0 ? scaled(g[0], b) : nil,
             needs.1 ? scaled(g[0].bmm(s[1].mT), a) : nil,
             needs.2 ? scaled(s[0].mT.bmm(g[0]), a) : nil]
        }
    }
}

// MARK: - Bilinear form

extension Tensor {
    /// The contraction `F.bilinear` computes, `out[n, o] = sum over i, j of x1[n, i] * weight[o, i,
    /// j] * x2[n, j]` for `x1` `[N, I]`, `weight` `[O, I, J]` and `x2` `[N, J]` (PyTorch's
    /// `_trilinear(x1, weight, x2, [1, 3], [0], [1, 2], [2, 3])`), recorded as `TrilinearBackward0`
    /// with each gradient the contraction of the incoming gradient with the other two operands.
    /// The caller has checked the shapes.
    package static func trilinear(_ x1: Tensor, _ weight: Tensor, _ x2: Tensor) -> Tensor {
        let out = withNoGrad { einsum("ni,oij,nj->no", x1, weight, x2) }
        if recording([x1, weight, x2]) {
            record("TrilinearBackward0", inputs: [x1, weight, x2], outputs: [out], saving: [x1, weight, x2]) { g, s in
                [einsum("no,oij,nj->ni", g[0], s[1], s[2]),
                 einsum("no,ni,nj->oij", g[0], s[0], s[2]),
                 einsum("no,oij,ni->nj", g[0], s[1], s[0])]
            }
        }
        return out
    }
}

// MARK: - trace and cross

extension Tensor {
    /// `trace`: `TraceBackward0`, the gradient on the diagonal (differentiable in the gradient).
    package func recordTrace(_ out: Tensor) {
        let rows = layout.shape[0], columns = layout.shape[1]
        Tensor.record("TraceBackward0", inputs: [self], outputs: [out]) { g, _ in
            [Tensor.eye(rows, columns, dtype: g[0].dtype, device: g[0].device) * g[0]]
        }
    }

    /// `cross` along `d`: `LinalgCrossBackward0`, each gradient a cross product with the other
    /// operand (summed to each input's shape by the engine).
    package static func recordCross(_ a: Tensor, _ b: Tensor, dim d: Int, _ out: Tensor) {
        let needs = (a.requiresGrad, b.requiresGrad)
        record("LinalgCrossBackward0", inputs: [a, b], outputs: [out], saving: [a, b]) { g, s in
            [needs.0 ? s[1].cross(g[0], dim: d) : nil, needs.1 ? g[0].cross(s[0], dim: d) : nil]
        }
    }
}

// MARK: - addmv, addbmm, addr, vdot

extension Tensor {
    /// `beta * input + alpha * (mat @ vec)`: `AddmvBackward0`.
    package static func recordAddmv(_ input: Tensor, _ mat: Tensor, _ vec: Tensor, beta: Scalar, alpha: Scalar, _ out: Tensor) {
        let b = beta.converted(to: Double.self), a = alpha.converted(to: Double.self)
        let needs = (input.requiresGrad, mat.requiresGrad, vec.requiresGrad)
        record("AddmvBackward0", inputs: [input, mat, vec], outputs: [out], saving: [mat, vec]) { g, s in
            [needs.0 ? scaled(g[0], b) : nil,
             needs.1 ? scaled(g[0].outer(s[1]), a) : nil,
             needs.2 ? scaled(s[0].t().mv(g[0]), a) : nil]
        }
    }

    /// `beta * input + alpha * sum of batch1[b] @ batch2[b]`: `AddbmmBackward0`.
    package static func recordAddbmm(_ input: Tensor, _ batch1: Tensor, _ batch2: Tensor, beta: Scalar, alpha: Scalar,
                                     _ out: Tensor) {
        let b = beta.converted(to: Double.self), a = alpha.converted(to: Double.self)
        let needs = (input.requiresGrad, batch1.requiresGrad, batch2.requiresGrad)
        let batches = batch1.shape[0]
        record("AddbmmBackward0", inputs: [input, batch1, batch2], outputs: [out], saving: [batch1, batch2]) { g, s in
            let expanded = g[0].unsqueeze(dim: 0).expand([batches] + g[0].shape)
            return [needs.0 ? scaled(g[0], b) : nil,
                    needs.1 ? scaled(expanded.bmm(s[1].mT), a) : nil,
                    needs.2 ? scaled(s[0].mT.bmm(expanded), a) : nil]
        }
    }

    /// `beta * input + alpha * outer(vec1, vec2)`: `AddrBackward0`.
    package static func recordAddr(_ input: Tensor, _ vec1: Tensor, _ vec2: Tensor, beta: Scalar, alpha: Scalar, _ out: Tensor) {
        let b = beta.converted(to: Double.self), a = alpha.converted(to: Double.self)
        let needs = (input.requiresGrad, vec1.requiresGrad, vec2.requiresGrad)
        record("AddrBackward0", inputs: [input, vec1, vec2], outputs: [out], saving: [vec1, vec2]) { g, s in
            let grad = g[0]
            return [needs.0 ? scaled(grad, b) : nil,
                    needs.1 ? scaled(grad.mv(s[1].to(grad.dtype)), a) : nil,
                    needs.2 ? scaled(grad.t().mv(s[0].to(grad.dtype)), a) : nil]
        }
    }

    /// `vdot`: `VdotBackward0` (for real dtypes, `dot`'s gradients).
    package static func recordVdot(_ a: Tensor, _ b: Tensor, _ out: Tensor) {
        record("VdotBackward0", inputs: [a, b], outputs: [out], saving: [a, b]) { g, s in
            [g[0] * s[1], g[0] * s[0]]
        }
    }
}
