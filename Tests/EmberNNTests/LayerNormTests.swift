// LayerNormTests.swift
//
// LayerNorm against what PyTorch 2.15 printed for:
//
//     import torch, torch.nn as nn, torch.nn.functional as F
//     x = torch.tensor([[1., 2., 4., -1.], [0.5, 0.5, 3., 2.], [-2., 1., 0., 7.]], requires_grad=True)
//     w = torch.tensor([1.5, -0.5, 2., 1.], requires_grad=True); b = torch.tensor([0.1, 0.2, -0.3, 0.], requires_grad=True)
//     y = F.layer_norm(x, (4,), w, b); print(y.flatten().tolist(), y.grad_fn.name())
//     g = torch.tensor([[1., -2., 0.5, 3.], [2., 1., -1., 0.], [0., 0.5, 1., -1.]])
//     y.backward(g); print(x.grad.flatten().tolist(), w.grad.tolist(), b.grad.tolist())
//     x2 = x.detach().reshape(2, 2, 3).requires_grad_(); y2 = F.layer_norm(x2, (2, 3), eps=1e-3); print(y2.flatten().tolist())
//     y2.backward(g.reshape(2, 2, 3)); print(x2.grad.flatten().tolist())
//     x3 = torch.tensor([3., -1., 2.], requires_grad=True); w3 = torch.tensor([2., 1., 0.5], requires_grad=True)
//     y3 = F.layer_norm(x3, (3,), w3); y3.backward(torch.tensor([1., 2., -1.])); print(y3.tolist(), x3.grad.tolist(), w3.grad.tolist())
//     xd = torch.tensor([[0.3, -1.2, 2.0], [1.1, 0.4, -0.7]], dtype=torch.float64, requires_grad=True)
//     wd = torch.tensor([1.2, -0.8, 0.5], dtype=torch.float64, requires_grad=True)
//     bd = torch.tensor([0.1, 0.0, -0.2], dtype=torch.float64, requires_grad=True)
//     yd = F.layer_norm(xd, (3,), wd, bd); gx, = torch.autograd.grad((yd * yd * yd).sum(), xd, create_graph=True)
//     (gx * torch.tensor([[1., -2., 0.5], [3., 0., -1.]], dtype=torch.float64)).sum().backward()
//     print(gx.flatten().tolist(), xd.grad.flatten().tolist(), wd.grad.tolist())
//     torch.manual_seed(0); l = nn.LayerNorm(4); print(repr(l), l.weight.tolist(), l.bias.tolist())
//     print(repr(nn.LayerNorm([3, 4], eps=1e-6, elementwise_affine=False)), repr(nn.LayerNorm(4, bias=False)))
//     # and the RuntimeErrors of F.layer_norm printed directly

import Testing
import Ember
import EmberTestSupport

@Suite struct LayerNormTests {
    @Test func forwardAndBackward() throws {
        let x = Tensor([[1.0, 2.0, 4.0, -1.0], [0.5, 0.5, 3.0, 2.0], [-2.0, 1.0, 0.0, 7.0]], requiresGrad: true)
        let w = Tensor([1.5, -0.5, 2.0, 1.0], requiresGrad: true), b = Tensor([0.1, 0.2, -0.3, 0.0], requiresGrad: true)
        let y = Functional.layerNorm(x, normalizedShape: [4], weight: w, bias: b)
        expectClose(y, shape: [3, 4], [
            -0.316024512052536, 0.06132516264915466, 2.473496913909912, -1.3867484331130981, -1.3142073154449463,
            0.6714024543762207, 2.528414726257324, 0.47140243649482727, -1.4652469158172607, 0.27453556656837463,
            -1.1944267749786377, 1.639782428741455], tolerance: 1e-6)
        #expect(y.gradFn?.name == "NativeLayerNormBackward0")
        try y.backward(gradient: Tensor([[1.0, -2.0, 0.5, 3.0], [2.0, 1.0, -1.0, 0.0], [0.0, 0.5, 1.0, -1.0]]))
        expectClose(x.grad, shape: [3, 4], [
            -0.181343674659729, -0.23468077182769775, 0.21334421634674072, 0.20268034934997559, 1.5582573413848877,
            -1.7415598630905151, -0.2750002145767212, 0.45830273628234863, -0.2501080334186554, -0.15818101167678833,
            0.45715153217315674, -0.04886250197887421], tolerance: 1e-5)
        expectClose(w.grad, shape: [4], [-2.162959575653076, -1.5720399618148804, -1.1680463552474976, -5.800027370452881],
                    tolerance: 1e-5)
        expectClose(b.grad, shape: [4], [3.0, -0.5, 0.5, 2.0])

        // Two normalized dims, no affine map, another eps.
        let x2 = x.detach().reshape(2, 2, 3).requiresGrad_()
        let y2 = Functional.layerNorm(x2, normalizedShape: [2, 3], eps: 1e-3)
        expectClose(y2, shape: [2, 2, 3], [
            -0.10781019181013107, 0.5390511155128479, 1.8327738046646118, -1.401532769203186, -0.43124085664749146,
            -0.43124085664749146, 0.4175582528114319, 0.0596512034535408, -1.3719769716262817, -0.2982558608055115,
            -0.6561629176139832, 1.8491865396499634], tolerance: 1e-6)
        try y2.backward(gradient: Tensor([[1.0, -2.0, 0.5, 3.0], [2.0, 1.0, -1.0, 0.0], [0.0, 0.5, 1.0, -1.0]]).reshape(2, 2, 3))
        expectClose(x2.grad, shape: [2, 2, 3], [
            -0.01313483715057373, -1.5514792203903198, 0.8701531887054443, 0.4761086702346802, 0.43260669708251953,
            -0.21425461769104004, -0.25156369805336, 0.0407567024230957, -0.22158992290496826, 0.15412357449531555,
            0.2674904465675354, 0.01078292727470398], tolerance: 1e-5)

        // No batch dims: the weight's gradient is the per-element product.
        let x3 = Tensor([3.0, -1.0, 2.0], requiresGrad: true), w3 = Tensor([2.0, 1.0, 0.5], requiresGrad: true)
        let y3 = Functional.layerNorm(x3, normalizedShape: [3], weight: w3)
        try y3.backward(gradient: Tensor([1.0, 2.0, -1.0]))
        expectClose(y3, shape: [3], [1.9611579179763794, -1.3728106021881104, 0.19611577689647675], tolerance: 1e-6)
        expectClose(x3.grad, shape: [3], [0.6788616180419922, 0.2262883186340332, -0.9051501154899597], tolerance: 1e-5)
        expectClose(w3.grad, shape: [3], [0.9805789589881897, -2.7456212043762207, -0.3922315835952759], tolerance: 1e-6)
    }

    @Test func gradcheckAndSecondOrder() throws {
        let xd = Tensor([[0.3, -1.2, 2.0], [1.1, 0.4, -0.7]], dtype: .float64, requiresGrad: true)
        let wd = Tensor([1.2, -0.8, 0.5], dtype: .float64, requiresGrad: true)
        let bd = Tensor([0.1, 0.0, -0.2], dtype: .float64, requiresGrad: true)
        let f: ([Tensor]) -> Tensor = { Functional.layerNorm($0[0], normalizedShape: [3], weight: $0[1], bias: $0[2]) }
        try gradcheck(f, inputs: [xd, wd, bd])
        try gradgradcheck(f, inputs: [xd, wd, bd])
        let transposed = Tensor([[0.3, 1.1], [-1.2, 0.4], [2.0, -0.7]], dtype: .float64, requiresGrad: true)
        try gradgradcheck({ Functional.layerNorm($0[0].t(), normalizedShape: [3]) }, inputs: [transposed])

        let yd = f([xd, wd, bd])
        let gx = try #require(try gradients(of: [(yd * yd * yd).sum()], with: [xd], createGraph: true)[0])
        expectClose(gx, shape: [2, 3], [0.5350761717428922, -0.28426466878167134, -0.25081150296122123,
                                        2.7577714245566565, -4.51259962156462, 1.7548281970079653], tolerance: 1e-10)
        try (gx * Tensor([[1.0, -2.0, 0.5], [3.0, 0.0, -1.0]], dtype: .float64)).sum().backward()
        expectClose(xd.grad, shape: [2, 3], [-0.3823871112645626, 0.5088337220459662, -0.12644661078140362,
                                             -8.873615893051117, 8.594378398303451, 0.27923749474767146], tolerance: 1e-10)
        expectClose(wd.grad, shape: [3], [14.093624258542043, -4.330724750117589, 1.8117533741316318], tolerance: 1e-10)
    }

    @Test func module() {
        let l = LayerNorm(4)
        #expect(l.description == "LayerNorm((4,), eps=1e-05, elementwise_affine=True, bias=True)")
        expectTensor(l.weight!, shape: [4], values: [1, 1, 1, 1])
        expectTensor(l.bias!, shape: [4], values: [0, 0, 0, 0])
        #expect(l.namedParameters().map(\.name) == ["weight", "bias"])
        let plain = LayerNorm([3, 4], eps: 1e-6, elementwiseAffine: false)
        #expect(plain.description == "LayerNorm((3, 4), eps=1e-06, elementwise_affine=False, bias=False)")
        #expect(plain.parameters().isEmpty)
        let noBias = LayerNorm(4, bias: false)
        #expect(noBias.description == "LayerNorm((4,), eps=1e-05, elementwise_affine=True, bias=False)")
        #expect(noBias.namedParameters().map(\.name) == ["weight"])
        let x = Tensor([[1.0, 2.0, 4.0, -1.0], [0.5, 0.5, 3.0, 2.0]])
        #expect(l(x).scalars(as: Double.self) == x.layerNorm(normalizedShape: [4]).scalars(as: Double.self))
        // Empty batches normalize to empty results.
        #expect(l(Tensor.zeros(0, 4)).shape == [0, 4])
        #expect(Functional.layerNorm(Tensor.ones(2, 0), normalizedShape: [0]).shape == [2, 0])
    }

    @Test func errors() {
        let x = Tensor.randn(2, 3)
        expectTensorError(.runtimeError, "Given normalized_shape=[4], expected input with shape [*, 4], but got input of size[2, 3]") {
            _ = Functional.layerNorm(x, normalizedShape: [4])
        }
        expectTensorError(.runtimeError, "Given normalized_shape=[1, 2, 3], expected input with shape [*, 1, 2, 3], but got input of size[2, 3]") {
            _ = Functional.layerNorm(x, normalizedShape: [1, 2, 3])
        }
        expectTensorError(.runtimeError, "Expected weight to be of same shape as normalized_shape, but got weight of shape [4] and normalized_shape = [3]") {
            _ = Functional.layerNorm(x, normalizedShape: [3], weight: Tensor.ones(4))
        }
        expectTensorError(.runtimeError, "Expected bias to be of same shape as normalized_shape, but got bias of shape [2, 2] and normalized_shape = [3]") {
            _ = Functional.layerNorm(x, normalizedShape: [3], bias: Tensor.ones(2, 2))
        }
        expectTensorError(.runtimeError, "Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = []") {
            _ = Functional.layerNorm(x, normalizedShape: [])
        }
        expectTensorError(.notImplementedError, "\"LayerNormKernelImpl\" not implemented for 'Long'") {
            _ = Functional.layerNorm(Tensor([1, 1, 1]), normalizedShape: [3])
        }
    }
}
