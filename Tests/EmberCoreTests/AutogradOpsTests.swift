import Testing
import EmberTestSupport
@testable import EmberCore

/// Derivatives of the linear algebra and softmax ops, checked against PyTorch's gradients
/// (computed with PyTorch and written as literals).
@Suite struct AutogradOpsTests {
    /// Checks shape and values to a float32 tolerance.
    private func expectClose(_ t: Tensor?, shape: [Int], _ values: [Double],
                             sourceLocation: SourceLocation = #_sourceLocation) {
        expectGrad(t, shape: shape, values, tolerance: 1e-5, sourceLocation: sourceLocation)
    }

    private func matA() -> Tensor { Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requiresGrad: true) }
    private func matB() -> Tensor { Tensor([[1.0, -1.0], [2.0, 0.5], [0.0, 3.0]], requiresGrad: true) }

    @Test func mm() throws {
        let a = matA(), b = matB()
        let o = a.mm(b)
        #expect(o.gradFn?.name == "MmBackward0")
        try (o * Tensor([[1.0, 2.0], [3.0, 4.0]])).sum().backward()
        expectClose(a.grad, shape: [2, 3], [-1, 3, 6, -1, 8, 12])
        expectClose(b.grad, shape: [3, 2], [13, 18, 17, 24, 21, 30])
    }

    @Test func matmulDotAndMv() throws {
        let a = Tensor([1.0, 2.0, 3.0], requiresGrad: true), b = Tensor([4.0, -1.0, 2.0], requiresGrad: true)
        let d = a.matmul(b)
        #expect(d.gradFn?.name == "DotBackward0")
        try (d * 2).backward()
        expectClose(a.grad, shape: [3], [8, -2, 4])
        expectClose(b.grad, shape: [3], [2, 4, 6])

        let m = matA(), v = Tensor([1.0, 2.0, 3.0], requiresGrad: true)
        let o = m.matmul(v)
        #expect(o.gradFn?.name == "MvBackward0")
        try (o * Tensor([1.0, -2.0])).sum().backward()
        expectClose(m.grad, shape: [2, 3], [1, 2, 3, -2, -4, -6])
        expectClose(v.grad, shape: [3], [-7, -8, -9])
    }

    @Test func matmulVectorMatrix() throws {
        let a = Tensor([1.0, 2.0, 3.0], requiresGrad: true), b = matB()
        let o = a.matmul(b)
        #expect(o.gradFn?.name == "SqueezeBackward4")
        try (o * Tensor([1.0, -2.0])).sum().backward()
        expectClose(a.grad, shape: [3], [3, 1, -6])
        expectClose(b.grad, shape: [3, 2], [1, -2, 2, -4, 3, -6])
    }

    @Test func matmulBatched() throws {
        let x = Tensor.arange(12.0).reshape(2, 2, 3).detach().requiresGrad_(), w = matB()
        let o = x.matmul(w)
        #expect(o.gradFn?.name == "UnsafeViewBackward0")
        try (o * o).sum().backward()
        expectClose(x.grad, shape: [2, 2, 3], [-9, 14.5, 39, -6, 58, 84, -3, 101.5, 129, 0, 145, 174])
        expectClose(w.grad, shape: [3, 2], [828, 864, 952, 1006, 1076, 1148])

        let x2 = Tensor.arange(12.0).reshape(2, 2, 3).detach().requiresGrad_()
        let y = (Tensor.arange(12.0).reshape(2, 3, 2) * 0.5).detach().requiresGrad_()
        let p = x2.matmul(y)
        try (p * p).sum().backward()
        let xGrad: [Double] = [6.5, 29.5, 52.5, 20, 88, 156, 1191.5, 1556.5, 1921.5, 1691, 2209, 2727]
        let yGrad: [Double] = [84, 120, 122, 173, 160, 226, 3228, 3624, 3644, 4091, 4060, 4558]
        expectClose(x2.grad, shape: [2, 2, 3], xGrad)
        expectClose(y.grad, shape: [2, 3, 2], yGrad)

        let x3 = Tensor.arange(12.0).reshape(2, 2, 3).detach().requiresGrad_()
        let y3 = (Tensor.arange(12.0).reshape(2, 3, 2) * 0.5).detach().requiresGrad_()
        let q = x3.bmm(y3)
        #expect(q.gradFn?.name == "BmmBackward0")
        try (q * q).sum().backward()
        expectClose(x3.grad, shape: [2, 2, 3], xGrad)
        expectClose(y3.grad, shape: [2, 3, 2], yGrad)

        let x4 = Tensor.arange(12.0).reshape(2, 2, 3).detach().requiresGrad_()
        let v = Tensor([1.0, 2.0, -1.0], requiresGrad: true)
        let r = x4.matmul(v)
        try (r * r).sum().backward()
        expectClose(x4.grad, shape: [2, 2, 3], [0, 0, 0, 12, 24, -12, 24, 48, -24, 36, 72, -36])
        expectClose(v.grad, shape: [3], [504, 576, 648])
    }

    /// A matrix on the right of a non-contiguous 4-D batch: its gradient (one product over the
    /// folded rows) against the definition, sum over every row r of a[r, i] * g[r, j], in Double.
    @Test(arguments: [DType.float32, .float64])
    func matmulFoldedRightGradient(dtype: DType) throws {
        let a = Tensor.arange(60.0, dtype: dtype).reshape(2, 5, 3, 2).transpose(1, 2).detach()  // [2, 3, 5, 2]
        let w = Tensor(shape: [2, 4], data: [1, -2, 3, 0.5, -1, 2, 0, 4] as [Double], dtype: dtype).requiresGrad_()
        let g = Tensor.arange(120.0, dtype: dtype).reshape(2, 3, 5, 4) - 60
        try a.matmul(w).backward(gradient: g)
        let av = a.contiguous().scalars(as: Double.self), gv = g.scalars(as: Double.self)
        let expected = (0..<2).flatMap { i in
            (0..<4).map { j in (0..<30).reduce(0.0) { $0 + av[$1 * 2 + i] * gv[$1 * 4 + j] } }
        }
        EmberTestSupport.expectClose(w.grad, shape: [2, 4], expected, tolerance: 0)
    }

    @Test func addmmAndOuter() throws {
        let bias = Tensor([1.0, 2.0], requiresGrad: true), a = matA(), b = matB()
        let o = bias.addmm(a, b, beta: 0.5, alpha: 2)
        #expect(o.gradFn?.name == "AddmmBackward0")
        try (o * o).sum().backward()
        expectClose(bias.grad, shape: [2], [39, 53])
        expectClose(a.grad, shape: [2, 3], [-34, 122, 228, -22, 296, 408])
        expectClose(b.grad, shape: [3, 2], [498, 620, 654, 832, 810, 1044])

        let u = Tensor([1.0, 2.0, 3.0], requiresGrad: true), c = Tensor([1.0, -2.0], requiresGrad: true)
        let p = u.outer(c)
        #expect(p.gradFn?.name == "MulBackward0")
        try (p * p).sum().backward()
        expectClose(u.grad, shape: [3], [10, 20, 30])
        expectClose(c.grad, shape: [2], [28, -56])
    }

    @Test func softmaxFamily() throws {
        let values: [[Double]] = [[1, 2, 3], [0, -1, 0.5]]
        let w = Tensor([[1.0, 0.0, 2.0], [-1.0, 3.0, 1.0]])
        let x = Tensor(values, requiresGrad: true)
        let s = x.softmax(dim: 1)
        #expect(s.gradFn?.name == "SoftmaxBackward0")
        try (s * w).sum().backward()
        expectClose(x.grad, shape: [2, 3], [-0.03785897418856621, -0.3476398289203644, 0.38549885153770447,
                                            -0.5240684747695923, 0.29501259326934814, 0.22905586659908295])

        let x2 = Tensor(values, requiresGrad: true)
        let l = x2.logSoftmax(dim: 0)
        #expect(l.gradFn?.name == "LogSoftmaxBackward0")
        try (l * w).sum().backward()
        expectClose(x2.grad, shape: [2, 3], [1, -2.857722282409668, -0.7724254727363586,
                                             -1, 2.857722282409668, 0.7724254727363586])

        let x3 = Tensor(values, requiresGrad: true)
        let e = x3.logsumexp(dim: 1)
        #expect(e.gradFn?.name == "LogsumexpBackward0")
        try (e * Tensor([1.0, 2.0])).sum().backward()
        expectClose(x3.grad, shape: [2, 3], [0.09003058075904846, 0.24472849071025848, 0.665241003036499,
                                             0.6629979014396667, 0.2439032644033432, 1.093098759651184])
    }

    @Test func extremes() throws {
        let values: [[Double]] = [[1, 3, 3], [0, -1, 0.5]]
        let x = Tensor(values, requiresGrad: true)
        let (v, i) = x.max(dim: 1)
        #expect(v.gradFn?.name == "MaxBackward0")
        #expect(!i.requiresGrad)
        try (v * Tensor([2.0, -1.0])).sum().backward()
        expectClose(x.grad, shape: [2, 3], [0, 2, 0, 0, 0, -1])

        let x2 = Tensor(values, requiresGrad: true)
        let m = x2.min(dim: 0, keepdim: true).values
        #expect(m.gradFn?.name == "MinBackward0")
        try (m * Tensor([[2.0, -1.0, 3.0]])).sum().backward()
        expectClose(x2.grad, shape: [2, 3], [0, 0, 0, 2, -1, 3])

        let x3 = Tensor(values, requiresGrad: true)
        let a = x3.amax(dim: 1)
        #expect(a.gradFn?.name == "AmaxBackward0")
        try (a * Tensor([2.0, -1.0])).sum().backward()
        expectClose(x3.grad, shape: [2, 3], [0, 1, 1, 0, 0, -1])

        let x4 = Tensor(values, requiresGrad: true)
        let all = x4.max()
        #expect(all.gradFn?.name == "MaxBackward1")
        try (all * 3).backward()
        expectClose(x4.grad, shape: [2, 3], [0, 1.5, 1.5, 0, 0, 0])

        let x5 = Tensor(values, requiresGrad: true)
        let b = x5.amin(dims: [0, 1])
        #expect(b.gradFn?.name == "AminBackward0")
        try (b * 3).backward()
        expectClose(x5.grad, shape: [2, 3], [0, 0, 0, 0, 3, 0])
    }

    @Test func varianceAndStd() throws {
        let values: [[Double]] = [[1, 3, 3], [0, -1, 0.5]]
        let x = Tensor(values, requiresGrad: true)
        let v = x.var(dim: 1)
        #expect(v.gradFn?.name == "VarBackward0")
        try (v * Tensor([2.0, -1.0])).sum().backward()
        expectClose(x.grad, shape: [2, 3], [-2.6666665077209473, 1.3333334922790527, 1.3333334922790527,
                                            -0.1666666716337204, 0.8333333134651184, -0.6666666865348816])

        let x2 = Tensor(values, requiresGrad: true)
        let s = x2.std(dim: 0, correction: 0, keepdim: true)
        #expect(s.gradFn?.name == "StdBackward0")
        try (s * Tensor([[1.0, 0.0, 2.0]])).sum().backward()
        expectClose(x2.grad, shape: [2, 3], [0.5, 0, 1, -0.5, 0, -1])

        let x3 = Tensor(values, requiresGrad: true)
        try (x3.std() * 2).backward()
        expectClose(x3.grad, shape: [2, 3], [-0.020508786663413048, 0.47170183062553406, 0.47170183062553406,
                                             -0.2666141092777252, -0.512719452381134, -0.1435614377260208])
    }

    @Test func catAndStack() throws {
        let a = Tensor([[1.0, 2.0], [3.0, 4.0]], requiresGrad: true), b = Tensor([[5.0, 6.0]], requiresGrad: true)
        let o = Tensor.cat([a, b], dim: 0)
        #expect(o.gradFn?.name == "CatBackward0")
        try (o * o).sum().backward()
        expectClose(a.grad, shape: [2, 2], [2, 4, 6, 8])
        expectClose(b.grad, shape: [1, 2], [10, 12])

        let a2 = Tensor([[1.0, 2.0], [3.0, 4.0]], requiresGrad: true)
        let c = Tensor([[1.0, -1.0], [2.0, 0.0]], requiresGrad: true)
        let s = Tensor.stack([a2, c], dim: 1)
        #expect(s.gradFn?.name == "StackBackward0")
        try (s * Tensor.arange(8.0).reshape(2, 2, 2)).sum().backward()
        expectClose(a2.grad, shape: [2, 2], [0, 1, 4, 5])
        expectClose(c.grad, shape: [2, 2], [2, 3, 6, 7])
    }

    @Test func splitChunkUnbind() throws {
        let x = Tensor.arange(10.0).reshape(2, 5).detach().requiresGrad_()
        let p = x.split(2, dim: 1)
        #expect(p[0].gradFn?.name == "SplitBackward0")
        try (p[0] * 2).sum().backward(retainGraph: true)
        try (p[2] * p[2]).sum().backward()
        expectClose(x.grad, shape: [2, 5], [2, 2, 0, 0, 8, 2, 2, 0, 0, 18])

        let x2 = Tensor.arange(10.0).reshape(2, 5).detach().requiresGrad_()
        let q = x2.split([1, 4], dim: 1)
        #expect(q[1].gradFn?.name == "SplitWithSizesBackward0")
        try (q[1] * 3).sum().backward()
        expectClose(x2.grad, shape: [2, 5], [0, 3, 3, 3, 3, 0, 3, 3, 3, 3])

        let x3 = Tensor.arange(10.0).reshape(2, 5).detach().requiresGrad_()
        let r = x3.chunk(2, dim: 0)
        #expect(r[1].gradFn?.name == "SplitBackward0")
        try (r[1] * r[1]).sum().backward()
        expectClose(x3.grad, shape: [2, 5], [0, 0, 0, 0, 0, 10, 12, 14, 16, 18])

        let x4 = Tensor.arange(10.0).reshape(2, 5).detach().requiresGrad_()
        let u = x4.unbind(dim: 1)
        #expect(u[1].gradFn?.name == "UnbindBackward0")
        try (u[1] * 2 + u[4]).sum().backward()
        expectClose(x4.grad, shape: [2, 5], [0, 2, 0, 0, 1, 0, 2, 0, 0, 1])
    }

    @Test func indexSelectAndGather() throws {
        let x = Tensor.arange(6.0).reshape(2, 3).detach().requiresGrad_()
        let o = x.indexSelect(dim: 1, index: Tensor([2, 0, 2]))
        #expect(o.gradFn?.name == "IndexSelectBackward0")
        try (o * Tensor.arange(6.0).reshape(2, 3)).sum().backward()
        expectClose(x.grad, shape: [2, 3], [1, 0, 2, 4, 0, 8])

        let x2 = Tensor.arange(6.0).reshape(2, 3).detach().requiresGrad_()
        let p = x2.gather(dim: 1, index: Tensor([[0, 0], [2, 1]]))
        #expect(p.gradFn?.name == "GatherBackward0")
        try (p * Tensor([[1.0, 2.0], [3.0, 4.0]])).sum().backward()
        expectClose(x2.grad, shape: [2, 3], [3, 0, 0, 0, 4, 3])
    }

    @Test func whereAndMaskedFill() throws {
        let x = Tensor.arange(6.0).reshape(2, 3).detach().requiresGrad_()
        let y = Tensor([1.0, -1.0, 2.0], requiresGrad: true)
        let o = Tensor.where(x .> 2.5, x, y)
        #expect(o.gradFn?.name == "WhereBackward0")
        try (o * o).sum().backward()
        expectClose(x.grad, shape: [2, 3], [0, 0, 0, 6, 8, 10])
        expectClose(y.grad, shape: [3], [2, -2, 4])

        let x2 = Tensor.arange(6.0).reshape(2, 3).detach().requiresGrad_()
        let m = x2.maskedFill(Tensor([true, false, true]), 5.0)
        #expect(m.gradFn?.name == "MaskedFillBackward0")
        try (m * m).sum().backward()
        expectClose(x2.grad, shape: [2, 3], [0, 2, 0, 0, 8, 0])
    }

    @Test func product() throws {
        let values: [[Double]] = [[1, 2, 3], [0, -1, 0.5]]
        let x = Tensor(values, requiresGrad: true)
        let o = x.prod(dim: 1)
        #expect(o.gradFn?.name == "ProdBackward1")
        try (o * Tensor([2.0, -1.0])).sum().backward()
        expectClose(x.grad, shape: [2, 3], [12, 6, 4, 0.5, 0, 0])

        let x2 = Tensor(values, requiresGrad: true)
        try (x2.prod(dim: 0, keepdim: true) * Tensor([[1.0, 2.0, 3.0]])).sum().backward()
        expectClose(x2.grad, shape: [2, 3], [0, -2, 1.5, 1, 4, 9])

        let x3 = Tensor(values, requiresGrad: true)
        let all = x3.prod()
        #expect(all.gradFn?.name == "ProdBackward0")
        try (all * 2).backward()
        expectClose(x3.grad, shape: [2, 3], [0, 0, 0, -6, 0, 0])

        let y = Tensor([[1.0, 2.0, 3.0], [4.0, -1.0, 0.5]], requiresGrad: true)
        try (y.prod() * 2).backward()
        expectClose(y.grad, shape: [2, 3], [-24, -12, -8, -6, 24, -48])
    }
}
