// TranscriptAutogradTests.swift
//
// The autograd engine's behaviour and errors: backward twice, implicit gradients, in-place on
// leaves and views, retain_grad, hooks, retain_graph, autograd.grad with unused inputs, detach.
//
// Transcript tests (EmberTestSupport's Transcripts.swift): each case is a line of PyTorch, what
// PyTorch 2.15 printed for it, and the same line in Ember, which must print the same. The Python
// lines use `T = torch.tensor`; each case is a function body whose result (or `None`) is printed.

import Testing
import Ember
import EmberTestSupport

private func X() -> Tensor { Tensor([1.0, 2], requiresGrad: true) }

@Suite struct TranscriptAutogradTests {
    static let cases: [TranscriptCase] = [
        transcript("c1", "x=T([1.,2.],requires_grad=True); y=(x*x).sum(); y.backward(); y.backward()",
                   "ERROR: Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.") { let x = X(); let y = (x * x).sum(); try y.backward(); try y.backward(); return "" },
        transcript("c2", "x=T([1.,2.],requires_grad=True); y=x*2; y.backward()",
                   "ERROR: grad can be implicitly created only for scalar outputs") { let x = X(); let y = x * 2; try y.backward(); return "" },
        transcript("c3", "x=T([1.,2.],requires_grad=True); x.add_(1)",
                   "ERROR: a leaf Variable that requires grad is being used in an in-place operation.") { let x = X(); x.add_(1); return "" },
        transcript("c4", "x=T([1.,2.],requires_grad=True); y=x*1; z=y.exp(); y.add_(1); z.sum().backward()",
                   "None") { let x = X(); let y = x * 1; let z = y.exp(); y.add_(1); try z.sum().backward(); return "None" },
        transcript("c5", "x=T([1.,2.],requires_grad=True); y=x.sigmoid(); y.mul_(2); return y.grad_fn.name()",
                   "'MulBackward0'") { let x = X(); let y = x.sigmoid(); y.mul_(2); return "'\(y.gradFn!.name)'" },
        transcript("c6", "x=T([1.,2.],requires_grad=True); y=x[0]; return y.grad_fn.name()",
                   "'SelectBackward0'") { let x = X(); let y = x[0]; return "'\(y.gradFn!.name)'" },
        transcript("c7", "x=T([1,2]); x.requires_grad_()",
                   "ERROR: only Tensors of floating point dtype can require gradients") { let x = Tensor([1, 2]); x.requiresGrad_(); return "" },
        transcript("c8", "x=T([1.,2.],requires_grad=True); y=x*2; y.requires_grad_(False)",
                   "ERROR: you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().") { let x = X(); let y = x * 2; y.requiresGrad_(false); return "" },
        transcript("c9", "x=T([1.,2.],requires_grad=True); y=(x**3).sum(); g,=torch.autograd.grad(y, x, create_graph=True); g.sum().backward(); return x.grad",
                   "tensor([ 6., 12.])") { let x = X(); let y = x.pow(3).sum(); let g = try gradients(of: [y], with: [x], createGraph: true)[0]!; try g.sum().backward(); return "\(x.grad!)" },
        transcript("c10", "x=T([1.,2.],requires_grad=True); y=x*2; y.retain_grad(); y.sum().backward(); return y.grad",
                   "tensor([1., 1.])") { let x = X(); let y = x * 2; y.retainGrad(); try y.sum().backward(); return "\(y.grad!)" },
        transcript("c11", "x=T([1.,2.],requires_grad=True); y=x.detach(); y.add_(1); return x",
                   "tensor([2., 3.], requires_grad=True)") { let x = X(); let y = x.detach(); y.add_(1); return "\(x)" },
        transcript("c12", "x=T([1.,2.],requires_grad=True); with torch.no_grad(): y=x*2; return y.requires_grad",
                   "False") { let x = X(); let y = withNoGrad { x * 2 }; return y.requiresGrad ? "True" : "False" },
        transcript("c13", "x=T([1.,2.],requires_grad=True); h=x.register_hook(lambda g: g*10); (x*3).sum().backward(); return x.grad",
                   "tensor([30., 30.])") { let x = X(); _ = x.registerHook { $0 * 10 }; try (x * 3).sum().backward(); return "\(x.grad!)" },
        transcript("c14", "x=T([1.,2.],requires_grad=True); y=x.exp(); y.sum().backward(retain_graph=True); y.sum().backward(); return x.grad",
                   "tensor([ 5.4366, 14.7781])") { let x = X(); let y = x.exp(); try y.sum().backward(retainGraph: true); try y.sum().backward(); return "\(x.grad!)" },
        transcript("c15", "x=T([1.,2.],requires_grad=True); y=x*x; y.backward(T([1.,1.,1.]))",
                   "ERROR: Mismatch in shape: grad_output[0] has a shape of torch.Size([3]) and output[0] has a shape of torch.Size([2]).") { let x = X(); let y = x * x; try y.backward(gradient: Tensor([1.0, 1, 1])); return "" },
        transcript("c16", "x=T([1.,2.],requires_grad=True); return (x.view(2,1)*1).grad_fn.next_functions[0][0].name()",
                   "'ViewBackward0'") { let x = X(); return "'\((x.view(2, 1) * 1).gradFn!.nextFunctions[0]!.node.name)'" },
        transcript("c17", "x=T([1.,2.],requires_grad=True); y=x.clone(); y[0]=5; y.sum().backward(); return x.grad",
                   "tensor([0., 1.])") { let x = X(); let y = x.clone(); y[0] = Tensor(5.0); try y.sum().backward(); return "\(x.grad!)" },
        transcript("c18", "x=T([1.,2.,3.],requires_grad=True); y=x*1; y[1:].mul_(2); y.sum().backward(); return x.grad",
                   "tensor([1., 2., 2.])") { let x = Tensor([1.0, 2, 3], requiresGrad: true); let y = x * 1; y[1...].mul_(2); try y.sum().backward(); return "\(x.grad!)" },
        transcript("c19", "a=T([1.,2.],requires_grad=True); b=a.view(2); b.mul_(2)",
                   "ERROR: a view of a leaf Variable that requires grad is being used in an in-place operation.") { let a = X(); let b = a.view(2); b.mul_(2); return "" },
        transcript("c20", "x=T([1.,2.],requires_grad=True); y=x.view(2); return y.is_leaf, y._base is x",
                   "(False, True)") { let x = X(); let y = x.view(2); return "(\(y.isLeaf ? "True" : "False"), True)" },
        transcript("c21", "x=T([1.,2.],requires_grad=True); return torch.autograd.grad((x*2).sum(), [x, T([1.], requires_grad=True)])",
                   "ERROR: The differentiated Tensor at index 1 appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.") { let x = X(); let r = try gradients(of: [(x * 2).sum()], with: [x, Tensor([1.0], requiresGrad: true)]); return "\(r)" },
        transcript("c22", "x=T([1.,2.],requires_grad=True); y=torch.ones(2, requires_grad=True); return torch.autograd.grad((x*2).sum(), [x, y], allow_unused=True)",
                   "(tensor([2., 2.]), None)") { let x = X(); let y = Tensor.ones(2, requiresGrad: true); let r = try gradients(of: [(x * 2).sum()], with: [x, y], allowUnused: true); return "(\(r[0]!), \(r[1].map { "\($0)" } ?? "None"))" },
        transcript("c23", "x=T([1.,2.],requires_grad=True); (x*0).sum().backward(inputs=[x]); return x.grad",
                   "tensor([0., 0.])") { let x = X(); try (x * 0).sum().backward(inputs: [x]); return "\(x.grad!)" },
        transcript("c24", "x=T([1.,2.],requires_grad=True); z=x.sum(); z.backward(); z2=(x*2).sum(); z2.backward(); return x.grad",
                   "tensor([3., 3.])") { let x = X(); try x.sum().backward(); try (x * 2).sum().backward(); return "\(x.grad!)" },
        transcript("c25", "x=T([1.,2.],requires_grad=True); x.grad = T([1., 1.]); (x*2).sum().backward(); return x.grad",
                   "tensor([3., 3.])") { let x = X(); x.grad = Tensor([1.0, 1]); try (x * 2).sum().backward(); return "\(x.grad!)" },
    ]

    @Test(arguments: cases) func matchesPyTorch(_ c: TranscriptCase) {
        expectTranscript(c)
    }
}
