// XlogyClampMinTests.swift
//
// xlogy and clamp_min (added for the composed losses) against what PyTorch 2.15 printed:
//
//     import torch
//     x = torch.tensor([0., 0., 2., -1., 0., 1.5], dtype=torch.float64, requires_grad=True)
//     y = torch.tensor([0., float('nan'), 3., 0.5, float('inf'), 2.0], dtype=torch.float64, requires_grad=True)
//     r = torch.xlogy(x, y); print(r.grad_fn.name(), r.tolist()); r.sum().backward(); print(x.grad.tolist(), y.grad.tolist())
//     print(torch.xlogy(torch.tensor([0, 2]), torch.tensor([3, 4])).dtype, ...)   # torch.float32 [0.0, 2.7725887298583984]
//     c = torch.tensor([-1.0, 0.5, 0.5, 2.0], requires_grad=True); o = c.clamp_min(0.5); o.sum().backward()
//     print(o.grad_fn.name(), o.tolist(), c.grad.tolist())

import Testing
import Ember
import EmberTestSupport

@Suite struct XlogyClampMinTests {
    @Test func xlogy() throws {
        let x = Tensor([0.0, 0.0, 2.0, -1.0, 0.0, 1.5], dtype: .float64, requiresGrad: true)
        let y = Tensor([0.0, .nan, 3.0, 0.5, .infinity, 2.0], dtype: .float64, requiresGrad: true)
        let r = x.xlogy(y)
        #expect(r.gradFn?.name == "XlogyBackward0")
        expectClose(r, shape: [6], [0.0, .nan, 2.1972245773362196, 0.6931471805599453, 0.0, 1.0397207708399179])
        try r.sum().backward()
        expectGrad(x.grad, shape: [6], [0.0, .nan, 1.0986122886681098, -0.6931471805599453, .infinity, 0.6931471805599453])
        expectGrad(y.grad, shape: [6], [.nan, .nan, 0.6666666666666666, -2.0, 0.0, 0.75])
        let ints = Tensor([0, 2]).xlogy(Tensor([3, 4]))
        expectFloats(ints, shape: [2], [0, 2.7725887298583984])
    }

    @Test func clampMin() throws {
        let c = Tensor([-1.0, 0.5, 0.5, 2.0], requiresGrad: true)
        let o = c.clampMin(0.5)
        #expect(o.gradFn?.name == "ClampMinBackward0")
        expectFloats(o, shape: [4], [0.5, 0.5, 0.5, 2.0])
        try o.sum().backward()
        expectFloats(c.grad!, shape: [4], [0, 0, 0, 1])
    }
}
