// ModuleConversionTests.swift
//
// Module.to(dtype:) and double(): parameters keep their identity (an optimizer made before
// still updates them), gradients and floating buffers are converted, integer buffers are not,
// against what PyTorch 2.15 printed for this script:
//
//     import torch, torch.nn as nn
//     torch.manual_seed(0); lin = nn.Linear(2, 2)
//     print(lin.weight.flatten().tolist(), lin.bias.tolist())   # copied in below (no global seed in tests)
//     w = lin.weight; opt = torch.optim.SGD(lin.parameters(), lr=0.5)
//     lin(torch.tensor([[1., 2.]])).sum().backward()
//     lin.register_buffer('count', torch.tensor([3])); lin.register_buffer('avg', torch.tensor([0.25]))
//     lin.double()
//     print(lin.weight is w, w.dtype, w.grad.dtype, lin.count.dtype, lin.avg.dtype, w.requires_grad)
//     opt.step(); print(w.tolist(), lin.bias.tolist())
//     print(lin(torch.tensor([[1., -1.]], dtype=torch.float64)).tolist())
//     try: lin.to(torch.int64)
//     except Exception as e: print(type(e).__name__, e)

import Testing
import Ember
import EmberTestSupport

@Suite struct ModuleConversionTests {
    @Test func doubleKeepsParametersAndConvertsGradients() throws {
        let linear = Linear(2, 2)
        withNoGrad {
            _ = linear.weight.copy_(Tensor([[-0.005293981172144413, 0.37932288646698], [-0.5819807648658752, -0.5203874707221985]]))
            _ = linear.bias!.copy_(Tensor([-0.27234524488449097, 0.1896158903837204]))
        }
        let weight = linear.weight
        let optimizer = SGD(linear.parameters(), lr: 0.5)
        try linear(Tensor([[1.0, 2.0]])).sum().backward()
        linear.registerBuffer("count", Tensor([3]))
        linear.registerBuffer("avg", Tensor([0.25]))
        linear.double()
        #expect(linear.weight === weight && weight.dtype == .float64 && weight.grad?.dtype == .float64)
        #expect(try linear.getBuffer("count").dtype == .int64 && linear.getBuffer("avg").dtype == .float64)
        #expect(weight.requiresGrad && linear.parameters().allSatisfy { $0.dtype == .float64 })
        optimizer.step()
        expectTensor(weight, shape: [2, 2], values: [-0.5052939811721444, -0.62067711353302, -1.0819807648658752, -1.5203874707221985])
        expectTensor(linear.bias!, shape: [2], values: [-0.772345244884491, -0.3103841096162796])
        expectTensor(linear(Tensor([[1.0, -1.0]], dtype: .float64)), shape: [1, 2],
                     values: [-0.6569621125236154, 0.12802259624004364], dtype: .float64)
        // And back: float32 again, the same objects.
        linear.float()
        #expect(linear.weight === weight && weight.dtype == .float32 && weight.grad?.dtype == .float32)
        linear.to(device: .cpu)
        #expect(linear.weight === weight)
    }

    @Test func nonFloatingDtypeFails() {
        expectTensorError(.typeError, "nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=torch.int64") {
            _ = Linear(2, 2).to(dtype: .int64)
        }
    }
}
