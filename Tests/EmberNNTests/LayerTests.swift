// LayerTests.swift
//
// Bilinear, Unflatten, Mish and the functional activations against what PyTorch 2.15 printed for:
//
//     import torch, torch.nn as nn, torch.nn.functional as F
//     torch.manual_seed(0); b = nn.Bilinear(3, 2, 4)
//     print(repr(b), b.weight.flatten()[:5].tolist(), b.weight.sum().item(), b.bias.tolist())
//     w = torch.arange(24.).reshape(4, 3, 2) / 10 - 1; bias = torch.tensor([0.5, -1., 2., 0.])
//     x1 = torch.tensor([[1., -2., 0.5], [0., 1., 3.]], requires_grad=True)
//     x2 = torch.tensor([[2., -1.], [0.5, 1.5]], requires_grad=True)
//     wp = w.clone().requires_grad_(); bp = bias.clone().requires_grad_()
//     y = F.bilinear(x1, x2, wp, bp); print(y.flatten().tolist(), y.grad_fn.name(),
//         y.grad_fn.next_functions[0][0].name(), y.grad_fn.next_functions[0][0].next_functions[0][0].name())
//     (y * torch.tensor([[1., 2., 3., 4.], [-1., 0., 1., 2.]])).sum().backward()
//     print(x1.grad.flatten().tolist(), x2.grad.flatten().tolist(), wp.grad.flatten().tolist(), bp.grad.tolist())
//     print(F.bilinear(torch.tensor([1., 2., 3.]), torch.tensor([1., -1.]), w).tolist())
//     print(F.bilinear(x1.detach().reshape(1, 2, 3), x2.detach().reshape(1, 2, 2), w).shape)
//     m = nn.Unflatten(1, (2, 3)); print(repr(m), repr(nn.Unflatten(0, (4,))), m(torch.zeros(4, 6)).shape,
//         nn.Unflatten(-1, (2, -1))(torch.zeros(2, 8)).shape)
//     x = torch.tensor([-3., -0.5, 0., 0.7, 4.], requires_grad=True); y = F.mish(x)
//     print(y.tolist(), y.grad_fn.name()); y.backward(torch.tensor([1., 2., 3., 4., 5.])); print(x.grad.tolist())
//     # the reprs of nn.Mish(), nn.GELU('tanh'), nn.ELU(), ... and the bilinear() RuntimeErrors printed directly

import Testing
import Ember
import EmberTestSupport

@Suite struct LayerTests {
    @Test func bilinearSeededWeights() async {
        await #expect(processExitsWith: .success) {
            manualSeed(0)
            let b = Bilinear(3, 2, 4)
            precondition(b.weight.shape == [4, 3, 2])
            precondition(Array(b.weight.scalars(as: Float.self).prefix(5)) == [
                -0.004322517663240433, 0.3097158372402191, -0.4751853346824646, -0.4248946011066437, -0.2223689705133438])
            precondition(Swift.abs(b.weight.sum().item() - -0.6186870336532593) < 1e-6)
            precondition(b.bias?.scalars(as: Float.self) == [
                -0.09305925667285919, 0.06109179928898811, 0.5227769017219543, -0.5355907082557678])
        }
    }

    @Test func bilinearForwardAndGradients() throws {
        let w = Tensor.arange(24.0).reshape(4, 3, 2) / 10 - 1
        let bias = Tensor([0.5, -1.0, 2.0, 0.0])
        let x1 = Tensor([[1.0, -2.0, 0.5], [0.0, 1.0, 3.0]], requiresGrad: true)
        let x2 = Tensor([[2.0, -1.0], [0.5, 1.5]], requiresGrad: true)
        let wp = Parameter(w.clone()), bp = Parameter(bias.clone())
        let y = Functional.bilinear(x1, x2, wp, bias: bp)
        expectClose(y, shape: [2, 4], [0.8500000238418579, -0.9500000476837158, 1.750000238418579, -0.5500001907348633,
                                       -4.100000381469727, -0.7999999523162842, 7.0, 9.800000190734863], tolerance: 1e-6)
        #expect(y.gradFn?.name == "AddBackward0")
        let view = try #require(y.gradFn?.nextFunctions.first??.node)
        #expect(view.name == "ViewBackward0")
        #expect(view.nextFunctions.first??.node.name == "TrilinearBackward0")
        try (y * Tensor([[1.0, 2.0, 3.0, 4.0], [-1.0, 0.0, 1.0, 2.0]])).sum().backward()
        expectClose(x1.grad, shape: [2, 3], [1.000000238418579, 3.000000238418579, 5.000000476837158, 5.899999618530273,
                                             6.699999809265137, 7.5], tolerance: 1e-6)
        expectClose(x2.grad, shape: [2, 2], [-2.999999761581421, -3.499999523162842, 14.000000953674316,
                                             14.800000190734863], tolerance: 1e-6)
        expectClose(wp.grad, shape: [4, 3, 2], [2.0, -1.0, -4.5, 0.5, -0.5, -5.0, 4.0, -2.0, -8.0, 4.0, 2.0, -1.0, 6.0,
                                                -3.0, -11.5, 7.5, 4.5, 3.0, 8.0, -4.0, -15.0, 11.0, 7.0, 7.0], tolerance: 1e-6)
        expectClose(bp.grad, shape: [4], [0.0, 2.0, 4.0, 6.0])
        // 1-D inputs give a 1-D result; leading dims are kept.
        expectClose(Functional.bilinear(Tensor([1.0, 2.0, 3.0]), Tensor([1.0, -1.0]), w), shape: [4],
                    [-0.6000001430511475, -0.5999999642372131, -0.5999999046325684, -0.5999999046325684], tolerance: 1e-6)
        #expect(Functional.bilinear(x1.detach().reshape(1, 2, 3), x2.detach().reshape(1, 2, 2), w).shape == [1, 2, 4])
    }

    @Test func bilinearModuleAndErrors() throws {
        let b = Bilinear(3, 2, 4)
        #expect(b.description == "Bilinear(in1_features=3, in2_features=2, out_features=4, bias=True)")
        #expect(Bilinear(3, 2, 4, bias: false).description == "Bilinear(in1_features=3, in2_features=2, out_features=4, bias=False)")
        #expect(b.namedParameters().map(\.name) == ["weight", "bias"])
        let x1 = Tensor.randn(5, 3), x2 = Tensor.randn(5, 2)
        let y = b(x1, x2)
        expectClose(y, shape: [5, 4], Functional.bilinear(x1, x2, b.weight, bias: b.bias).scalars(as: Double.self))
        let w = b.weight.detach()
        expectTensorError(.runtimeError, "bilinear(): input dimensions do not match: got 2 and 3") {
            _ = Functional.bilinear(Tensor.randn(5, 3), Tensor.randn(5, 2, 1), w)
        }
        expectTensorError(.runtimeError, "bilinear(): input batch dimensions do not match at dim 0: got 5 and 4") {
            _ = Functional.bilinear(Tensor.randn(5, 3), Tensor.randn(4, 2), w)
        }
        expectTensorError(.runtimeError, "bilinear(): input1 size does not match weight size: got 4 but expected 3") {
            _ = Functional.bilinear(Tensor.randn(5, 4), Tensor.randn(5, 2), w)
        }
        expectTensorError(.runtimeError, "bilinear(): input2 size does not match weight size: got 3 but expected 2") {
            _ = Functional.bilinear(Tensor.randn(5, 3), Tensor.randn(5, 3), w)
        }
        expectTensorError(.runtimeError, "bilinear(): bias size does not match weight size: got 3 but expected 4") {
            _ = Functional.bilinear(Tensor.randn(5, 3), Tensor.randn(5, 2), w, bias: Tensor.randn(3))
        }
    }

    @Test func gradcheckBilinear() throws {
        let x1 = Tensor([[0.3, -1.2, 2.0], [1.1, 0.4, -0.7]], dtype: .float64, requiresGrad: true)
        let x2 = Tensor([[0.5, -0.25], [1.5, 0.75]], dtype: .float64, requiresGrad: true)
        let w = Tensor(shape: [2, 3, 2], data: gradientTestValues(count: 12, range: -1...1), dtype: .float64, requiresGrad: true)
        let b = Tensor([0.2, -0.1], dtype: .float64, requiresGrad: true)
        let f: ([Tensor]) -> Tensor = { Functional.bilinear($0[0], $0[1], $0[2], bias: $0[3]) }
        try gradcheck(f, inputs: [x1, x2, w, b])
        try gradgradcheck(f, inputs: [x1, x2, w, b])
    }

    @Test func unflatten() {
        let m = Unflatten(dim: 1, unflattenedSize: [2, 3])
        #expect(m.description == "Unflatten(dim=1, unflattened_size=(2, 3))")
        #expect(Unflatten(dim: 0, unflattenedSize: [4]).description == "Unflatten(dim=0, unflattened_size=(4,))")
        #expect(m(Tensor.zeros(4, 6)).shape == [4, 2, 3])
        #expect(Unflatten(dim: -1, unflattenedSize: [2, -1])(Tensor.zeros(2, 8)).shape == [2, 2, 4])
    }

    @Test func mish() throws {
        let x = Tensor([-3.0, -0.5, 0.0, 0.7, 4.0], requiresGrad: true)
        let y = Mish()(x)
        expectClose(y, shape: [5], [-0.14564746618270874, -0.22074376046657562, 0.0, 0.5611483454704285,
                                    3.997412919998169], tolerance: 1e-6)
        #expect(y.gradFn?.name == "MishBackward0")
        try y.backward(gradient: Tensor([1.0, 2.0, 3.0, 4.0, 5.0]))
        expectClose(x.grad, shape: [5], [-0.09339312463998795, 0.5790212750434875, 1.8000000715255737,
                                         3.8751795291900635, 5.022163391113281], tolerance: 1e-6)
        let z = Tensor([-3.0, -0.5, 0.0, 0.7, 4.0])
        #expect(Functional.mish(z, inplace: true) === z)
        expectClose(z, shape: [5], y.scalars(as: Double.self))
        expectTensorError(.notImplementedError, "\"mish_cpu\" not implemented for 'Long'") { _ = Tensor([1]).mish() }
        let d = Tensor([-2.0, 0.3, 1.7], dtype: .float64, requiresGrad: true)
        try gradcheck({ $0[0].mish() }, inputs: [d])
        try gradgradcheck({ $0[0].mish() }, inputs: [d])
    }

    /// Every activation the layers list has a module with PyTorch's repr and a functional form
    /// that computes what the module computes.
    @Test func activationReprsAndFunctionalForms() {
        let reprs: [(Module, String)] = [
            (ReLU(), "ReLU()"), (LeakyReLU(), "LeakyReLU(negative_slope=0.01)"), (GELU(), "GELU(approximate='none')"),
            (GELU(approximate: .tanh), "GELU(approximate='tanh')"), (SiLU(), "SiLU()"), (Mish(), "Mish()"),
            (Sigmoid(), "Sigmoid()"), (Tanh(), "Tanh()"), (Softmax(dim: 1), "Softmax(dim=1)"),
            (LogSoftmax(dim: 0), "LogSoftmax(dim=0)"), (ELU(), "ELU(alpha=1.0)"),
            (Softplus(), "Softplus(beta=1.0, threshold=20.0)"), (Hardtanh(), "Hardtanh(min_val=-1.0, max_val=1.0)"),
            (Identity(), "Identity()"), (Flatten(), "Flatten(start_dim=1, end_dim=-1)"),
        ]
        for (module, repr) in reprs { #expect(module.description == repr) }
        let x = Tensor([[-2.5, -0.5, 0.0], [0.25, 1.5, 30.0]])
        let pairs: [(Module, (Tensor) -> Tensor)] = [
            (ReLU(), { Functional.relu($0) }), (LeakyReLU(negativeSlope: 0.2), { Functional.leakyRelu($0, negativeSlope: 0.2) }),
            (GELU(approximate: .tanh), { Functional.gelu($0, approximate: .tanh) }), (SiLU(), { Functional.silu($0) }),
            (Mish(), { Functional.mish($0) }), (Sigmoid(), { Functional.sigmoid($0) }), (Tanh(), { Functional.tanh($0) }),
            (Softmax(dim: 1), { Functional.softmax($0, dim: 1) }), (LogSoftmax(dim: 0), { Functional.logSoftmax($0, dim: 0) }),
            (ELU(alpha: 0.5), { Functional.elu($0, alpha: 0.5) }),
            (Softplus(beta: 2, threshold: 10), { Functional.softplus($0, beta: 2, threshold: 10) }),
            (Hardtanh(minValue: -2, maxValue: 1), { Functional.hardtanh($0, minValue: -2, maxValue: 1) }),
        ]
        for (module, functional) in pairs {
            #expect(module(x).scalars(as: Double.self) == functional(x).scalars(as: Double.self), "\(module)")
        }
        let y = x.clone()
        #expect(Functional.relu(y, inplace: true) === y)
        expectTensor(y, shape: [2, 3], values: [0, 0, 0, 0.25, 1.5, 30])
    }
}
