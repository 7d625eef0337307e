// ModuleStateTests.swift
//
// loadStateDict, lookup by dotted path, apply, ModuleList and MSELoss, against what PyTorch 2.15
// printed for this script:
//
//     import torch, torch.nn as nn
//     lin = nn.Linear(3, 2)
//     lin.load_state_dict({'weight': torch.zeros(3, 2), 'foo': torch.zeros(1), 'bar': torch.ones(2)})
//     lin.load_state_dict({'weight': torch.zeros(2, 3)})
//     print(lin.load_state_dict({'weight': torch.zeros(2, 3), 'x': torch.ones(1)}, strict=False))
//     seq = nn.Sequential(nn.Linear(2, 2), nn.ReLU())
//     for f, a in [(seq.get_submodule, '1.foo'), (seq.get_submodule, '3'), (seq.get_parameter, '0.foo'),
//                  (seq.get_parameter, '0'), (seq.get_buffer, '0.weight')]:
//         try: f(a)
//         except AttributeError as e: print(e)
//     class Hold(nn.Module):
//         def __init__(self):
//             super().__init__()
//             self.layers = nn.ModuleList([nn.Linear(2, 2) for _ in range(3)])
//             self.head = nn.Linear(2, 1)
//     print(repr(Hold()), [k for k, _ in Hold().named_parameters()])
//     x = torch.tensor([[1., 2.], [3., 5.]], requires_grad=True); t = torch.tensor([[0., 2.], [1., 1.]])
//     for r in ['mean', 'sum', 'none']:
//         l = nn.MSELoss(reduction=r)(x, t); print(l.grad_fn.name(), l.tolist())
//     nn.MSELoss()(x, t).backward(); print(x.grad.tolist())
//     nn.MSELoss(reduction='avg')(x, t)   # ValueError

import Testing
import Ember
import EmberTestSupport

/// The module of the script above.
private final class Hold: Module {
    let layers = ModuleList((0..<3).map { _ in Linear(2, 2) })
    let head = Linear(2, 1)
}

@Suite struct ModuleStateTests {
    @Test func loadStateDictErrorsLeaveTheModuleUnchanged() {
        let lin = Linear(3, 2)
        let before = lin.stateDict().values.map { $0.clone() }
        let error = #expect(throws: TensorError.self) {
            try lin.loadStateDict(["weight": Tensor.zeros(3, 2), "foo": Tensor.zeros(1), "bar": Tensor.ones(2)])
        }
        #expect(error?.message == """
            Error(s) in loading state_dict for Linear:
            \tMissing key(s) in state_dict: "bias". \n\tUnexpected key(s) in state_dict: "foo", "bar". \n\
            \tsize mismatch for weight: copying a param with shape torch.Size([3, 2]) from checkpoint, the shape in current model is torch.Size([2, 3]).
            """)
        let partial = #expect(throws: TensorError.self) { try lin.loadStateDict(["weight": Tensor.zeros(2, 3)]) }
        #expect(partial?.message == "Error(s) in loading state_dict for Linear:\n\tMissing key(s) in state_dict: \"bias\". ")
        // Nothing was written, not even the weight that matched.
        for (now, then) in zip(lin.stateDict().values, before) {
            #expect(now.scalars(as: Double.self) == then.scalars(as: Double.self))
        }
    }

    @Test func loadStateDictCopies() throws {
        let lin = Linear(3, 2)
        let keys = try lin.loadStateDict(["weight": Tensor.zeros(2, 3), "x": Tensor.ones(1)], strict: false)
        #expect(keys == Module.IncompatibleKeys(missingKeys: ["bias"], unexpectedKeys: ["x"]))
        expectTensor(lin.weight, shape: [2, 3], values: [0, 0, 0, 0, 0, 0])
        // Values are copied (converted to the parameter's dtype), not shared.
        let source = Tensor([[1, 2, 3], [4, 5, 6]])
        try lin.loadStateDict(["weight": source, "bias": Tensor([7, 8])])
        expectTensor(lin.weight, shape: [2, 3], values: [1, 2, 3, 4, 5, 6], dtype: .float32)
        expectTensor(try #require(lin.bias), shape: [2], values: [7, 8], dtype: .float32)
        #expect(lin.weight.requiresGrad && lin.weight.isLeaf)
        let copy = Linear(3, 2)
        try copy.loadStateDict(lin.stateDict())
        #expect(copy.weight.scalars(as: Float.self) == lin.weight.scalars(as: Float.self))
    }

    @Test func lookup() throws {
        let seq = Sequential(Linear(2, 2), ReLU())
        #expect(try seq.getSubmodule("") === seq)
        #expect(try seq.getSubmodule("1") is ReLU)
        #expect(try seq.getParameter("0.weight") === (seq[0] as! Linear).weight)
        for (call, message) in [
            ({ _ = try seq.getSubmodule("1.foo") }, "ReLU has no attribute `foo`"),
            ({ _ = try seq.getSubmodule("3") }, "Sequential has no attribute `3`"),
            ({ _ = try seq.getParameter("0.foo") }, "Linear has no attribute `foo`"),
            ({ _ = try seq.getParameter("0") }, "`0` is not an nn.Parameter"),
            ({ _ = try seq.getBuffer("0.weight") }, "`weight` is not a buffer"),
        ] as [(() throws -> Void, String)] {
            let error = #expect(throws: TensorError.self) { try call() }
            #expect(error?.message == message)
            #expect(error?.kind == .attributeError)
        }
    }

    @Test func applyVisitsChildrenFirst() {
        let inner = Sequential(ReLU())
        let outer = Sequential(inner, Linear(1, 1))
        var order: [String] = []
        outer.apply { order.append($0.typeName) }
        #expect(order == ["ReLU", "Sequential", "Linear", "Sequential"])
    }

    @Test func moduleList() {
        let hold = Hold()
        #expect(hold.description == """
            Hold(
              (layers): ModuleList(
                (0-2): 3 x Linear(in_features=2, out_features=2, bias=True)
              )
              (head): Linear(in_features=2, out_features=1, bias=True)
            )
            """)
        #expect(hold.namedParameters().map(\.name) == ["layers.0.weight", "layers.0.bias", "layers.1.weight",
                                                       "layers.1.bias", "layers.2.weight", "layers.2.bias",
                                                       "head.weight", "head.bias"])
        #expect(hold.layers.count == 3 && hold.layers[2] is Linear)
        #expect(ModuleList().description == "ModuleList()")
        #expect(ModuleList([ReLU(), Linear(1, 1), ReLU()]).description
                == "ModuleList(\n  (0): ReLU()\n  (1): Linear(in_features=1, out_features=1, bias=True)\n  (2): ReLU()\n)")
    }

    @Test func mseLoss() throws {
        let x = Tensor([[1.0, 2], [3, 5]], requiresGrad: true), t = Tensor([[0.0, 2], [1, 1]])
        let mean = MSELoss()(x, t), sum = MSELoss(reduction: .sum)(x, t), none = MSELoss(reduction: "none")(x, t)
        #expect(mean.gradFn?.name == "MseLossBackward0" && sum.gradFn?.name == "MseLossBackward0")
        expectTensor(mean, shape: [], values: [5.25])
        expectTensor(sum, shape: [], values: [21])
        expectTensor(none, shape: [2, 2], values: [1, 0, 4, 16])
        try mean.backward()
        expectTensor(try #require(x.grad), shape: [2, 2], values: [0.5, 0, 1, 2])
        expectTensorError(.valueError, "avg is not a valid value for reduction") { _ = MSELoss(reduction: "avg")(x, t) }
        #expect(MSELoss().description == "MSELoss()")
    }

    /// L1Loss is composed as PyTorch composes it: `nn.L1Loss(reduction=r)(x, t)` gives 1.75
    /// (MeanBackward0), 7.0 (SumBackward0) and [[1, 0], [2, 4]] (AbsBackward0); the mean's
    /// gradient is [[0.25, 0], [0.25, 0.25]] (0 where x equals t).
    @Test func l1Loss() throws {
        let x = Tensor([[1.0, 2], [3, 5]], requiresGrad: true), t = Tensor([[0.0, 2], [1, 1]])
        let mean = L1Loss()(x, t), sum = L1Loss(reduction: .sum)(x, t), none = L1Loss(reduction: .none)(x, t)
        #expect(mean.gradFn?.name == "MeanBackward0" && sum.gradFn?.name == "SumBackward0"
                && none.gradFn?.name == "AbsBackward0")
        expectTensor(mean, shape: [], values: [1.75])
        expectTensor(sum, shape: [], values: [7])
        expectTensor(none, shape: [2, 2], values: [1, 0, 2, 4])
        try mean.backward()
        expectTensor(try #require(x.grad), shape: [2, 2], values: [0.25, 0, 0.25, 0.25])
        expectTensorError(.valueError, "avg is not a valid value for reduction") { _ = L1Loss(reduction: "avg")(x, t) }
        #expect(L1Loss().description == "L1Loss()")
    }

    /// The loss's gradient, including the target's and second order, against finite differences.
    @Test func mseLossGradcheck() throws {
        let x = Tensor([[0.5, -1.0], [2.0, 0.25]], dtype: .float64, requiresGrad: true)
        let t = Tensor([[1.0, 0.0], [-1.0, 0.75]], dtype: .float64, requiresGrad: true)
        for reduction in [LossReduction.mean, .sum] {
            try gradcheck({ Functional.mseLoss($0[0], $0[1], reduction: reduction) }, inputs: [x, t])
            try gradgradcheck({ Functional.mseLoss($0[0], $0[1], reduction: reduction) }, inputs: [x, t])
        }
        try gradcheck({ Functional.mseLoss($0[0], $0[1], reduction: .none).sum() }, inputs: [x, t])
    }
}
