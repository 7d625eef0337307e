// NanReductionsTests.swift
//
// nansum, nanmean, aminmax, var_mean and std_mean against what PyTorch 2.15 printed:
//
//     import torch; nan = float('nan')
//     x = torch.tensor([[1., nan, 3.], [nan, nan, 6.]], dtype=torch.float64, requires_grad=True)
//     r = x.nansum(); print(r.grad_fn.name(), r.item()); r.backward(); print(x.grad.tolist())
//     r = x.nansum(dim=1, keepdim=True); r.sum().backward()                 # [[4.], [6.]], same gradient
//     r = x.nanmean(); print(r.grad_fn.name(), r.item())                    # DivBackward0 3.3333333333333335
//     r = x.nanmean(dim=0); r.sum().backward(); print(r.tolist(), x.grad.tolist())
//     torch.tensor([1, 2, 3]).nansum(), torch.tensor([True, True]).nansum()  # 6, 2 (int64)
//     torch.tensor([1, 2, 3], dtype=torch.int32).nansum(dtype=torch.float32)  # 6.
//     torch.tensor([1., 2.]).nansum(dtype=torch.int64)                      # 3
//     torch.tensor([]).nansum(), torch.tensor([]).nanmean(), torch.zeros(2, 0).nanmean(1)  # 0., nan, [nan, nan]
//     x = torch.tensor([1., nan], dtype=torch.float64, requires_grad=True); x.nansum().backward(torch.tensor(float('inf')))  # [inf, nan]
//     t = torch.tensor([[1., nan], [2., 5.], [nan, 7.]]).t(); t.nansum(dim=1), t.nanmean(dim=1)  # [3., 12.], [1.5, 6.]
//     torch.tensor([1, 2]).nanmean(); torch.tensor([1., 2.]).nanmean(dtype=torch.int64)   # errors below
//     a = torch.tensor([[1., 5., -2.], [4., 4., 0.]], dtype=torch.float64, requires_grad=True)
//     r = torch.aminmax(a); (r.min * 2 + r.max * 3).backward(); print(r.min.grad_fn.name(), a.grad.tolist())
//     r = torch.aminmax(a, dim=1, keepdim=True); (r.min.sum() + r.max.sum()).backward()
//     n = torch.tensor([[1., nan, 3.], [2., 5., 5.]], dtype=torch.float64, requires_grad=True)
//     r = torch.aminmax(n, dim=1); (r.min.sum() + r.max.sum()).backward(); print(r.min.tolist(), n.grad.tolist())
//     torch.aminmax(torch.tensor([])); torch.aminmax(torch.zeros(2, 0), dim=1)   # errors below
//     v = torch.tensor([[1., 2., 4.], [3., -1., 0.5]], dtype=torch.float64, requires_grad=True)
//     r = torch.var_mean(v); (r[0] * 2 + r[1] * 3).backward(); print(r[0].grad_fn.name(), r[0].item(), r[1].item(), v.grad.tolist())
//     r = torch.var_mean(v, dim=1, correction=0, keepdim=True); (r[0].sum() + r[1].sum() * 5).backward()
//     r = torch.std_mean(v, dim=0); (r[0].sum() + r[1].sum() * 5).backward()
//     torch.var_mean(torch.tensor([[1., 2], [3, 5]], dtype=torch.float64), dim=[0, 1])  # 2.9166666666666665, 2.75

import Testing
import Ember
import EmberTestSupport

@Suite struct NanReductionsTests {
    static func withNaN() -> Tensor {
        Tensor([[1.0, .nan, 3.0], [.nan, .nan, 6.0]], dtype: .float64, requiresGrad: true)
    }

    @Test func nansumAllAndAlongADim() throws {
        let x = Self.withNaN()
        let r = x.nansum()
        #expect(r.gradFn?.name == "NansumBackward0")
        expectClose(r, shape: [], [10])
        try r.backward()
        expectGrad(x.grad, shape: [2, 3], [1, 0, 1, 0, 0, 1])
        let y = Self.withNaN()
        let s = y.nansum(dim: 1, keepdim: true)
        expectClose(s, shape: [2, 1], [4, 6])
        try s.sum().backward()
        expectGrad(y.grad, shape: [2, 3], [1, 0, 1, 0, 0, 1])
        // An infinite gradient times the zero at a NaN is NaN, as in PyTorch.
        let z = Tensor([1.0, .nan], dtype: .float64, requiresGrad: true)
        try z.nansum().backward(gradient: Tensor(Double.infinity, dtype: .float64))
        expectGrad(z.grad, shape: [2], [.infinity, .nan])
    }

    @Test func nansumDtypes() {
        expectInts(Tensor([1, 2, 3]).nansum(), shape: [], [6], dtype: .int64)
        expectInts(Tensor([true, true]).nansum(), shape: [], [2], dtype: .int64)
        expectFloats(Tensor([1, 2, 3], dtype: .int32).nansum(dtype: .float32), shape: [], [6])
        expectInts(Tensor([1.0, 2.0]).nansum(dtype: .int64), shape: [], [3], dtype: .int64)
        expectFloats(Tensor.zeros([0]).nansum(), shape: [], [0])
        expectClose(Tensor([Double.infinity, -Double.infinity]).nansum(), shape: [], [.nan])
    }

    @Test func nanmean() throws {
        let x = Self.withNaN()
        let r = x.nanmean()
        #expect(r.gradFn?.name == "DivBackward0")
        expectClose(r, shape: [], [3.3333333333333335])
        let y = Self.withNaN()
        let m = y.nanmean(dim: 0)
        expectClose(m, shape: [3], [1, .nan, 4.5])
        try m.sum().backward()
        expectGrad(y.grad, shape: [2, 3], [1, .nan, 0.5, 0, .nan, 0.5])
        expectClose(Self.withNaN().nanmean(dim: 1, keepdim: true, dtype: .float64), shape: [2, 1], [2, 6], dtype: .float64)
        expectFloats(Tensor([[1.0, 2], [3, 4]]).nanmean(dims: [0, 1]), shape: [], [2.5])
        expectClose(Tensor([1.0, 2.0]).nanmean(dtype: .float64), shape: [], [1.5], dtype: .float64)
        expectClose(Tensor.zeros([0]).nanmean(), shape: [], [.nan], dtype: .float32)
        expectClose(Tensor.zeros([2, 0]).nanmean(dim: 1), shape: [2], [.nan, .nan])
    }

    @Test func nanReductionsOfATransposedInput() {
        let t = Tensor([[1.0, .nan], [2.0, 5.0], [.nan, 7.0]]).t()
        expectFloats(t.nansum(dim: 1), shape: [2], [3, 12])
        expectFloats(t.nanmean(dim: 1), shape: [2], [1.5, 6])
        let r = t.aminmax(dim: 1)
        expectClose(r.min, shape: [2], [.nan, .nan])
        expectClose(r.max, shape: [2], [.nan, .nan])
    }

    @Test func nanmeanErrors() {
        expectTensorError(.notImplementedError,
                          "nanmean(): expected input to have floating point or complex dtype but got Long") {
            _ = Tensor([1, 2]).nanmean()
        }
        expectTensorError(.runtimeError,
                          "nanmean(): could not infer output dtype. Optional dtype must be either a floating point or complex dtype. Got: Long") {
            _ = Tensor([1.0, 2.0]).nanmean(dtype: .int64)
        }
    }

    @Test func aminmax() throws {
        let a = Tensor([[1.0, 5, -2], [4, 4, 0]], dtype: .float64, requiresGrad: true)
        let r = a.aminmax()
        #expect(r.min.gradFn?.name == "AminmaxBackward0")
        #expect(r.max.gradFn?.name == "AminmaxBackward0")
        expectClose(r.min, shape: [], [-2])
        expectClose(r.max, shape: [], [5])
        try (r.min * 2 + r.max * 3).backward()
        expectGrad(a.grad, shape: [2, 3], [0, 3, 2, 0, 0, 0])
        let b = Tensor([[1.0, 5, -2], [4, 4, 0]], dtype: .float64, requiresGrad: true)
        let k = b.aminmax(dim: 1, keepdim: true)
        expectClose(k.min, shape: [2, 1], [-2, 0])
        expectClose(k.max, shape: [2, 1], [5, 4])
        try (k.min.sum() + k.max.sum()).backward()
        expectGrad(b.grad, shape: [2, 3], [0, 1, 1, 0.5, 0.5, 1])
        let n = Tensor([[1.0, .nan, 3], [2, 5, 5]], dtype: .float64, requiresGrad: true)
        let m = n.aminmax(dim: 1)
        expectClose(m.min, shape: [2], [.nan, 2])
        try (m.min.sum() + m.max.sum()).backward()
        expectGrad(n.grad, shape: [2, 3], [.nan, .nan, .nan, 1, 0.5, 0.5])
    }

    @Test func aminmaxDtypesAndShapes() {
        let ints = Tensor([3, 1, 2]).aminmax()
        expectInts(ints.min, shape: [], [1], dtype: .int64)
        expectInts(ints.max, shape: [], [3], dtype: .int64)
        let bools = Tensor([true, false]).aminmax()
        expectBools(bools.min, shape: [], [false])
        expectBools(bools.max, shape: [], [true])
        let kept = Tensor([[1.0, 2], [3, 4]]).aminmax(keepdim: true)
        expectFloats(kept.min, shape: [1, 1], [1])
        expectFloats(kept.max, shape: [1, 1], [4])
        let empty = Tensor.zeros([2, 0]).aminmax(dim: 0)
        #expect(empty.min.shape == [0] && empty.max.shape == [0])
        let scalar = Tensor(5.0).aminmax(dim: 0, keepdim: true)
        expectFloats(scalar.min, shape: [], [5])
    }

    @Test func aminmaxErrors() {
        expectTensorError(.runtimeError,
                          "aminmax(): cannot compute aminmax over an empty dimension as the operation has no identity.") {
            _ = Tensor.zeros([0]).aminmax()
        }
        expectTensorError(.indexError, "aminmax: Expected reduction dim 1 to have non-zero size.") {
            _ = Tensor.zeros([2, 0]).aminmax(dim: 1)
        }
    }

    @Test func varMean() throws {
        let v = Tensor([[1.0, 2, 4], [3, -1, 0.5]], dtype: .float64, requiresGrad: true)
        let r = v.varMean()
        #expect(r.var.gradFn?.name == "VarMeanBackward0")
        expectClose(r.var, shape: [], [3.2416666666666663])
        expectClose(r.mean, shape: [], [1.5833333333333335])
        try (r.var * 2 + r.mean * 3).backward()
        expectGrad(v.grad, shape: [2, 3], [0.03333333333333338, 0.8333333333333335, 2.4333333333333336,
                                           1.6333333333333335, -1.5666666666666664, -0.3666666666666667])
        let w = Tensor([[1.0, 2, 4], [3, -1, 0.5]], dtype: .float64, requiresGrad: true)
        let k = w.varMean(dim: 1, correction: 0, keepdim: true)
        expectClose(k.var, shape: [2, 1], [1.5555555555555554, 2.722222222222222])
        expectClose(k.mean, shape: [2, 1], [2.3333333333333335, 0.8333333333333334])
        try (k.var.sum() + k.mean.sum() * 5).backward()
        expectGrad(w.grad, shape: [2, 3], [0.7777777777777778, 1.4444444444444444, 2.7777777777777777,
                                           3.1111111111111107, 0.4444444444444444, 1.4444444444444444])
        let u = Tensor([[1.0, 2, 4], [3, -1, 0.5]], dtype: .float64, requiresGrad: true)
        try u.varMean().mean.backward()  // only the mean's gradient arrives
        expectGrad(u.grad, shape: [2, 3], [Double](repeating: 1.0 / 6, count: 6))
        let all = Tensor([[1.0, 2], [3, 5]], dtype: .float64).varMean(dims: [0, 1])
        expectClose(all.var, shape: [], [2.9166666666666665])
        expectClose(all.mean, shape: [], [2.75])
    }

    @Test func stdMean() throws {
        let v = Tensor([[1.0, 2, 4], [3, -1, 0.5]], dtype: .float64, requiresGrad: true)
        let r = v.stdMean(dim: 0)
        #expect(r.std.gradFn?.name == "StdMeanBackward0")
        expectClose(r.std, shape: [3], [1.4142135623730951, 2.1213203435596424, 2.4748737341529163])
        expectClose(r.mean, shape: [3], [2, 0.5, 2.25])
        try (r.std.sum() + r.mean.sum() * 5).backward()
        expectGrad(v.grad, shape: [2, 3], [1.7928932188134525, 3.2071067811865475, 3.2071067811865475,
                                           3.2071067811865475, 1.7928932188134525, 1.7928932188134525])
        let one = Tensor([2.0]).stdMean()
        expectClose(one.std, shape: [], [.nan], dtype: .float32)
        expectFloats(one.mean, shape: [], [2])
        let empty = Tensor.zeros([0]).varMean()
        expectClose(empty.var, shape: [], [.nan], dtype: .float32)
        expectClose(empty.mean, shape: [], [.nan], dtype: .float32)
    }

    @Test func varMeanErrors() {
        expectTensorError(.notImplementedError, "var_mean only support floating point and complex dtypes") {
            _ = Tensor([1, 2]).varMean()
        }
        expectTensorError(.notImplementedError, "std_mean only support floating point and complex dtypes") {
            _ = Tensor([1, 2]).stdMean()
        }
    }
}
