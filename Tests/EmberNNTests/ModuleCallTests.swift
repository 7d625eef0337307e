// ModuleCallTests.swift
//
// Modules with several inputs and outputs (Module.call), their forward hooks, and full backward
// hooks, against what PyTorch 2.15 printed for this script:
//
//     import torch, torch.nn as nn
//     class Mix(nn.Module):
//         def forward(self, a, b): return a * b, a + 2 * b
//     def show(tag, ts): print(tag, [None if t is None else t.tolist() for t in ts])
//     m = Mix(); order = []
//     def pre(mod, go): order.append('pre'); show('pre gradOutputs', go); return None
//     def full(mod, gi, go):
//         order.append('full'); show('full gradInputs', gi); show('full gradOutputs', go); return None
//     h1 = m.register_full_backward_pre_hook(pre); h2 = m.register_full_backward_hook(full)
//     a = torch.tensor([1., 2.], requires_grad=True); b = torch.tensor([3., -1.], requires_grad=True)
//     x, y = m(a, b)
//     print(x.grad_fn.name(), x.grad_fn.next_functions[0][0].name(), x.grad_fn.next_functions[0][0].next_functions)
//     (x.sum() * 2 + (y * y).sum()).backward(); print(order, a.grad.tolist(), b.grad.tolist())
//     a.grad = None; b.grad = None; order.clear()
//     x, y = m(a, b); x.sum().backward(); print(order, a.grad.tolist(), b.grad.tolist())
//     c = torch.tensor([5., 6.]); order.clear(); x, y = m(a, c); (x + y).sum().backward(); print(order)
//     h1.remove(); h2.remove()
//     m.register_full_backward_pre_hook(lambda mod, go: (go[0] * 10, go[1]))
//     m.register_full_backward_hook(lambda mod, gi, go: (gi[0] + 1, None))
//     a.grad = None; b.grad = None
//     x, y = m(a, b); (x + y).sum().backward(); print(a.grad.tolist(), b.grad)
//     m2 = Mix(); m2.register_full_backward_hook(lambda mod, gi, go: (gi[0],))
//     x, y = m2(a, b)
//     try: (x + y).sum().backward()
//     except Exception as e: print(type(e).__name__, e)
//     m3 = Mix(); m3.register_full_backward_pre_hook(lambda mod, go: (go[0],))
//     x, y = m3(a, b)
//     try: (x + y).sum().backward()
//     except Exception as e: print(type(e).__name__, e)
//     lin = nn.Linear(2, 1); lin.register_full_backward_hook(lambda mod, gi, go: (torch.ones(2),))
//     try: lin(torch.ones(1, 2)).sum().backward()
//     except Exception as e: print(type(e).__name__, e)
//     class Inp(nn.Module):
//         def forward(self, x): return x
//     ii = Inp(); ii.register_full_backward_hook(lambda mod, gi, go: None)
//     z = ii(torch.ones(2, requires_grad=True) * 1)
//     try: z.mul_(2)
//     except Exception as e: print(type(e).__name__, e)
//     torch.manual_seed(0); l = nn.Linear(3, 2); seen = []
//     l.register_full_backward_hook(lambda mod, gi, go: seen.append((gi[0].tolist(), go[0].tolist())))
//     inp = torch.tensor([[1., 2., 3.]], requires_grad=True)
//     (l(inp) ** 2).sum().backward(); print(seen, inp.grad.tolist())

import Testing
import Ember
import EmberTestSupport

/// A module with two inputs and two outputs, called through `Module.call`.
private final class Mix: Module {
    func callAsFunction(_ a: Tensor, _ b: Tensor) -> (Tensor, Tensor) {
        let out = call([a, b]) { x in
            let (product, sum) = forward(x[0], x[1])
            return [product, sum]
        }
        return (out[0], out[1])
    }

    func forward(_ a: Tensor, _ b: Tensor) -> (Tensor, Tensor) { (a * b, a + b * 2) }
}

/// The module returning its input as it is (the script's `Inp`).
private final class Passthrough: Module {
    override func forward(_ input: Tensor) -> Tensor { input }
}

/// The values of optional gradients, `nil` kept.
private func values(_ tensors: [Tensor?]) -> [[Double]?] { tensors.map { $0?.scalars(as: Double.self) } }

@Suite struct ModuleCallTests {
    @Test func forwardHooksSeeEveryInputAndOutput() {
        let mix = Mix()
        var seen: [[[Double]]] = []
        mix.registerForwardPreHook { _, inputs in
            seen.append(inputs.map { $0.scalars(as: Double.self) })
            return [inputs[0], inputs[1] * 10]
        }
        mix.registerForwardHook { _, inputs, outputs in
            seen.append(inputs.map { $0.scalars(as: Double.self) })
            seen.append(outputs.map { $0.scalars(as: Double.self) })
            return [outputs[1], outputs[0]]
        }
        let (x, y) = mix(Tensor([1.0, 2.0]), Tensor([3.0, -1.0]))
        #expect(seen == [[[1, 2], [3, -1]], [[1, 2], [30, -10]], [[30, -20], [61, -18]]])
        expectTensor(x, shape: [2], values: [61, -18])
        expectTensor(y, shape: [2], values: [30, -20])
    }

    @Test func singleInputCallErrors() {
        let relu = ReLU()
        relu.registerForwardPreHook { _, x in x + x }
        expectTensorError(.typeError, "forward() takes 2 positional arguments but 3 were given") {
            _ = relu(Tensor([1.0]))
        }
    }

    @Test func fullBackwardHooksSeeTheGradients() throws {
        let mix = Mix()
        var order: [String] = []
        var preSeen: [[[Double]?]] = [], gradInputsSeen: [[[Double]?]] = [], gradOutputsSeen: [[[Double]?]] = []
        let h1 = mix.registerFullBackwardPreHook { module, gradOutputs in
            #expect(module === mix)
            order.append("pre")
            preSeen.append(values(gradOutputs))
            return nil
        }
        let h2 = mix.registerFullBackwardHook { _, gradInputs, gradOutputs in
            order.append("full")
            gradInputsSeen.append(values(gradInputs))
            gradOutputsSeen.append(values(gradOutputs))
            return nil
        }
        let a = Tensor([1.0, 2.0], requiresGrad: true), b = Tensor([3.0, -1.0], requiresGrad: true)
        var (x, y) = mix(a, b)
        let hookNode = x.gradFn?.nextFunctions[0]?.node
        #expect(x.gradFn?.name == "BackwardHookFunctionBackward" && hookNode?.name == "MulBackward0")
        #expect(hookNode?.nextFunctions.map { $0?.node.name } == ["BackwardHookFunctionBackward", "BackwardHookFunctionBackward"])
        #expect(hookNode?.nextFunctions.map { $0?.inputIndex } == [0, 1])
        #expect(hookNode?.nextFunctions[0]?.node === hookNode?.nextFunctions[1]?.node)
        try (x.sum() * 2 + (y * y).sum()).backward()
        #expect(order == ["pre", "full"])
        #expect(preSeen == [[[2, 2], [14, 0]]] && gradOutputsSeen == preSeen)
        #expect(gradInputsSeen == [[[20, -2], [30, 4]]])
        expectTensor(a.grad!, shape: [2], values: [20, -2])
        expectTensor(b.grad!, shape: [2], values: [30, 4])

        // An output without a gradient is nil; the inputs' gradients are complete.
        a.grad = nil; b.grad = nil; order = []; preSeen = []; gradInputsSeen = []; gradOutputsSeen = []
        (x, y) = mix(a, b)
        try x.sum().backward()
        #expect(order == ["pre", "full"])
        #expect(preSeen == [[[1, 1], nil]] && gradOutputsSeen == preSeen)
        #expect(gradInputsSeen == [[[3, -1], [1, 2]]])

        // An input that does not require grad gets zeros when another does.
        order = []; gradInputsSeen = []
        (x, y) = mix(a, Tensor([5.0, 6.0]))
        try (x + y).sum().backward()
        #expect(order == ["pre", "full"] && gradInputsSeen == [[[6, 7], [0, 0]]])

        // Removed hooks do not run.
        h1.remove(); h2.remove()
        order = []
        (x, y) = mix(a, b)
        try (x + y).sum().backward()
        #expect(order.isEmpty && x.gradFn?.name == "MulBackward0")
    }

    @Test func fullBackwardHooksReplaceGradients() throws {
        let mix = Mix()
        mix.registerFullBackwardPreHook { _, gradOutputs in [gradOutputs[0]! * 10, gradOutputs[1]] }
        mix.registerFullBackwardHook { _, gradInputs, _ in [gradInputs[0]! + 1, nil] }
        let a = Tensor([1.0, 2.0], requiresGrad: true), b = Tensor([3.0, -1.0], requiresGrad: true)
        let (x, y) = mix(a, b)
        try (x + y).sum().backward()
        expectTensor(a.grad!, shape: [2], values: [32, -8])
        #expect(b.grad == nil)
    }

    @Test func fullBackwardHookErrors() {
        let a = Tensor([1.0, 2.0], requiresGrad: true), b = Tensor([3.0, -1.0], requiresGrad: true)
        let tooFewInputs = Mix()
        tooFewInputs.registerFullBackwardHook { _, gradInputs, _ in [gradInputs[0]] }
        var (x, y) = tooFewInputs(a, b)
        expectBackwardError("Backward hook returned an invalid number of grad_input, got 1, but expected 2", (x + y).sum())
        let tooFewOutputs = Mix()
        tooFewOutputs.registerFullBackwardPreHook { _, gradOutputs in [gradOutputs[0]] }
        (x, y) = tooFewOutputs(a, b)
        expectBackwardError("Backward pre hook returned an invalid number of grad_output, got 1, but expected 2", (x + y).sum())
        let linear = Linear(2, 1)
        linear.registerFullBackwardHook { _, _, _ in [Tensor.ones(2)] }
        expectBackwardError(
            "Backward hook for Modules where no input requires gradient should always return None or None for all gradients.",
            linear(Tensor.ones(1, 2)).sum())
        let passthrough = Passthrough()
        passthrough.registerFullBackwardHook { _, _, _ in nil }
        let z = passthrough(Tensor.ones(2, requiresGrad: true) * 1)
        expectTensorError(
            .runtimeError, "Output 0 of BackwardHookFunction is a view and is being modified inplace. This view was created inside a custom Function (or because an input was returned as-is) and the autograd logic to handle view+inplace would override the custom backward associated with the custom Function, leading to incorrect gradients. This behavior is forbidden. You can fix this by cloning the output of the custom Function."
        ) { _ = z.mul_(2) }
    }

    @Test func fullBackwardHookOnLinear() throws {
        let linear = Linear(3, 2)  // the weights of `torch.manual_seed(0); nn.Linear(3, 2)` (see ModuleTests)
        withNoGrad {
            _ = linear.weight.copy_(Tensor([[-0.004322517663240433, 0.3097158372402191, -0.4751853346824646],
                                            [-0.4248946011066437, -0.2223689705133438, 0.15482072532176971]]))
            _ = linear.bias!.copy_(Tensor([-0.011439144611358643, 0.45777493715286255]))
        }
        var seen: [([Double], [Double])] = []
        linear.registerFullBackwardHook { _, gradInputs, gradOutputs in
            seen.append((gradInputs[0]!.scalars(as: Double.self), gradOutputs[0]!.scalars(as: Double.self)))
            return nil
        }
        let input = Tensor([[1.0, 2.0, 3.0]], requiresGrad: true)
        try linear(input).pow(2).sum().backward()
        let expectedInput: [Float] = [-0.03759755194187164, -0.5324974060058594, 0.7973848581314087]
        #expect(seen.count == 1)
        #expect(seen.first?.0 == expectedInput.map(Double.init))
        #expect(seen.first?.1 == ([-1.6437718868255615, 0.1052091121673584] as [Float]).map(Double.init))
        expectFloats(input.grad!, shape: [1, 3], expectedInput)
    }
}

/// Expects `loss.backward()` to throw PyTorch's `RuntimeError` with `message`.
private func expectBackwardError(_ message: String, _ loss: Tensor, sourceLocation: SourceLocation = #_sourceLocation) {
    let error = #expect(throws: TensorError.self, sourceLocation: sourceLocation) { try loss.backward() }
    #expect(error?.message == message, sourceLocation: sourceLocation)
}
