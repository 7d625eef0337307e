// ModuleTests.swift
//
// Module discovery, names, modes, state and printing, Linear's seeded initialization and forward,
// ReLU and Sequential, against what PyTorch 2.15 printed for this script:
//
//     import torch, torch.nn as nn
//     class Net(nn.Module):
//         def __init__(self):
//             super().__init__()
//             self.fc1 = nn.Linear(3, 4)
//             self.act = nn.ReLU()
//             self.fc2 = nn.Linear(4, 2, bias=False)
//         def forward(self, x): return self.fc2(self.act(self.fc1(x)))
//     torch.manual_seed(0); n = Net()
//     print(repr(n), [k for k, _ in n.named_parameters()], [k for k, _ in n.named_modules()],
//           list(n.state_dict().keys()), n(torch.ones(1, 3)).tolist())
//     n.register_buffer('running', torch.zeros(2))
//     n.register_buffer('tmp', torch.ones(1), persistent=False)
//     print(list(n.state_dict().keys()), [k for k, _ in n.named_buffers()])
//     torch.manual_seed(0); lin = nn.Linear(3, 2)
//     print(lin.weight.flatten().tolist(), lin.bias.tolist())
//     y = lin(torch.arange(6.).reshape(2, 3)); print(y.grad_fn.name(), y.flatten().tolist())
//     torch.manual_seed(0); big = nn.Linear(1000, 100); w = big.weight.flatten()
//     print(w[0].item(), w[12345].item(), w[-1].item(), big.bias[0].item(), big.bias[-1].item(),
//           w.double().sum().item(), big.bias.double().sum().item())
//     print(repr(nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))))

import Testing
import Ember
import EmberTestSupport

/// The module of the script above.
private final class Net: Module {
    let fc1 = Linear(3, 4)
    let act = ReLU()
    var fc2 = Linear(4, 2, bias: false)
    override func forward(_ x: Tensor) -> Tensor { fc2(act(fc1(x))) }
}

@Suite(.serialized) struct ModuleTests {
    @Test func namesAndOrder() {
        let net = Net()
        #expect(net.namedParameters().map(\.name) == ["fc1.weight", "fc1.bias", "fc2.weight"])
        #expect(net.namedModules().map(\.name) == ["", "fc1", "act", "fc2"])
        #expect(net.namedChildren().map(\.name) == ["fc1", "act", "fc2"])
        #expect(Array(net.stateDict().keys) == ["fc1.weight", "fc1.bias", "fc2.weight"])
        #expect(net.parameters().count == 3 && net.modules().count == 4 && net.children().count == 3)
    }

    @Test func buffers() {
        let net = Net()
        net.registerBuffer("running", Tensor.zeros(2))
        net.registerBuffer("tmp", Tensor.ones(1), persistent: false)
        #expect(Array(net.stateDict().keys) == ["running", "fc1.weight", "fc1.bias", "fc2.weight"])
        #expect(net.namedBuffers().map(\.name) == ["running", "tmp"])
    }

    @Test func registrationErrors() {
        let net = Net()
        expectTensorError(.keyError, "attribute 'fc1' already exists") { net.registerBuffer("fc1", Tensor.zeros(1)) }
        expectTensorError(.keyError, "parameter name can't contain \".\"") { net.registerParameter("a.b", nil) }
        expectTensorError(.keyError, "module name can't contain \".\", got: a.b") { net.registerModule("a.b", nil) }
        expectTensorError(.keyError, "buffer name can't be empty string \"\"") { net.registerBuffer("", nil) }
        expectTensorError(.notImplementedError, "Module [Module] is missing the required \"forward\" function") {
            _ = Module()(Tensor.ones(1))
        }
    }

    @Test func modesAndGradients() throws {
        let net = Net()
        #expect(net.isTraining && net.fc1.isTraining)
        net.eval()
        #expect(!net.isTraining && !net.fc1.isTraining && !net.act.isTraining)
        net.train()
        #expect(net.fc2.isTraining)
        try net(Tensor.ones(2, 3)).sum().backward()
        #expect(net.parameters().allSatisfy { $0.grad != nil })
        net.zeroGrad(setToNone: false)
        expectTensor(net.fc1.weight.grad!, shape: [4, 3], values: Array(repeating: 0, count: 12))
        net.zeroGrad()
        #expect(net.parameters().allSatisfy { $0.grad == nil })
        net.requiresGrad_(false)
        #expect(net.parameters().allSatisfy { !$0.requiresGrad })
    }

    @Test func printing() {
        #expect(Net().description == """
            Net(
              (fc1): Linear(in_features=3, out_features=4, bias=True)
              (act): ReLU()
              (fc2): Linear(in_features=4, out_features=2, bias=False)
            )
            """)
        #expect(Sequential(Linear(3, 4), ReLU(), Linear(4, 2)).description == """
            Sequential(
              (0): Linear(in_features=3, out_features=4, bias=True)
              (1): ReLU()
              (2): Linear(in_features=4, out_features=2, bias=True)
            )
            """)
        let nested = Sequential(Sequential(ReLU()), ReLU())
        #expect(nested.description == "Sequential(\n  (0): Sequential(\n    (0): ReLU()\n  )\n  (1): ReLU()\n)")
        #expect(Array(Sequential(Linear(3, 4), ReLU(), Linear(4, 2)).stateDict().keys)
                == ["0.weight", "0.bias", "2.weight", "2.bias"])
    }

    /// `manualSeed(0); Linear(3, 2)` holds PyTorch's float32 values bit for bit, and so does a model
    /// built from seeded layers. Seeded draws come from the process-wide generator, so they are
    /// checked in a child process, where no other test draws at the same time.
    @Test func seededInitialization() async {
        await #expect(processExitsWith: .success) {
            manualSeed(0)
            let lin = Linear(3, 2)
            precondition(lin.weight.scalars(as: Float.self) == [-0.004322517663240433, 0.3097158372402191, -0.4751853346824646,
                                                                -0.4248946011066437, -0.2223689705133438, 0.15482072532176971])
            precondition(lin.bias!.scalars(as: Float.self) == [-0.011439144611358643, 0.45777493715286255])
            let y = lin(Tensor.arange(6.0).reshape(2, 3))
            precondition(y.gradFn?.name == "AddmmBackward0")
            let expected = [-0.6520939469337463, 0.545047402381897, -1.1614701747894287, -0.9322811961174011]
            precondition(zip(y.scalars(as: Double.self), expected).allSatisfy { abs($0 - $1) < 1e-6 })

            manualSeed(0)
            let big = Linear(1000, 100)
            let w = big.weight.scalars(as: Double.self), b = big.bias!.scalars(as: Double.self)
            precondition(w[0] == -0.0002367540291743353 && w[12345] == 0.009501698426902294
                         && w[w.count - 1] == -0.024311594665050507)
            precondition(b[0] == 0.01626730151474476 && b[b.count - 1] == -0.005202251952141523)
            precondition(abs(w.reduce(0, +) - 1.7469844840917972) < 1e-9 && abs(b.reduce(0, +) - 0.08632429312274326) < 1e-12)

            manualSeed(0)
            let out = Net()(Tensor.ones(1, 3)).scalars(as: Double.self)
            precondition(abs(out[0] - -0.05325304716825485) < 1e-7 && abs(out[1] - -0.01616583950817585) < 1e-7)
        }
    }

    @Test func linear() {
        let lin = Linear(3, 2)
        #expect(lin.weight.shape == [2, 3] && lin.bias?.shape == [2])
        #expect(lin.weight.requiresGrad && lin.weight.isLeaf)
        // Every draw lies in PyTorch's bound, 1/sqrt(in_features).
        #expect(lin.weight.scalars(as: Double.self).allSatisfy { abs($0) <= 1 / 3.0.squareRoot() })
        let y = Linear(4, 2, bias: false)(Tensor.ones(5, 4))
        #expect(y.shape == [5, 2] && y.gradFn?.name == "MmBackward0")
        #expect(Linear(2, 3, bias: false).description == "Linear(in_features=2, out_features=3, bias=False)")
    }
}
