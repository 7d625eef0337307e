// OptimizerStateDictTests.swift
//
// Optimizer state dicts: a run saved after three steps and resumed on fresh parameters and a fresh
// optimizer agrees exactly with the uninterrupted run; the layout, the option names and the load
// errors against what PyTorch 2.15 printed for this script:
//
//     import torch
//     O = torch.optim
//     skip = {"foreach", "differentiable", "capturable", "fused", "params"}
//     w = torch.tensor([0.5, -1.0], dtype=torch.float64, requires_grad=True)
//     for cls in [O.SGD, O.Adam, O.AdamW, O.Adamax, O.NAdam, O.RAdam, O.Adadelta, O.Adagrad, O.RMSprop]:
//         print(cls.__name__, sorted(set(cls([w], lr=0.1).state_dict()["param_groups"][0]) - skip))
//     # Two groups, a parameter without a gradient: state keyed by index through the groups.
//     a = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
//     b = torch.tensor([3.0], dtype=torch.float64, requires_grad=True)
//     c = torch.tensor([[4.0]], dtype=torch.float64, requires_grad=True)
//     opt = O.SGD([a, b], lr=0.1, momentum=0.9)
//     opt.add_param_group({"params": [c], "lr": 0.01, "nesterov": True})
//     ((a * a).sum() + (c * c).sum()).backward()
//     opt.step()
//     sd = opt.state_dict()
//     print({k: {n: t.tolist() for n, t in v.items()} for k, v in sd["state"].items()})
//     print([{k: v for k, v in g.items() if k not in skip - {"params"}} for g in sd["param_groups"]])
//     print(sd["state"][0]["momentum_buffer"] is opt.state[a]["momentum_buffer"])
//     for bad in [lambda: O.SGD([a], lr=0.1).load_state_dict(sd),
//                 lambda: O.SGD([{"params": [a]}, {"params": [b, c]}], lr=0.1).load_state_dict(sd)]:
//         try: bad(); print("no error")
//         except Exception as e: print(type(e).__name__, repr(str(e)))
//
// NAdam resumed (its `mu_product` comes back as float64):
//
//     import torch, copy
//     O = torch.optim
//     def params():
//         w = torch.tensor([[0.5, -1.0, 1.5], [2.0, -0.5, 0.25]], dtype=torch.float64, requires_grad=True)
//         b = torch.tensor([0.1, -0.2, 0.3], dtype=torch.float64, requires_grad=True)
//         return w, b
//     c = torch.tensor([[1.0, -2.0, 0.5], [0.25, 3.0, -1.0]], dtype=torch.float64)
//     def train(opt, w, b, n):
//         for _ in range(n):
//             opt.zero_grad()
//             loss = (w * c).sum() + (w * w * b).sum() + (b * b * b).sum() * 0.5 + (w * w).sum()
//             loss.backward(); opt.step()
//     w, b = params()
//     opt = O.NAdam([w, b], lr=0.2, betas=(0.5, 0.7), weight_decay=0.2, momentum_decay=0.3)
//     train(opt, w, b, 3)
//     sd = copy.deepcopy(opt.state_dict())
//     w2, b2 = w.detach().clone().requires_grad_(), b.detach().clone().requires_grad_()
//     opt2 = O.NAdam([w2, b2]); opt2.load_state_dict(sd)
//     train(opt2, w2, b2, 2)
//     print(w2.detach().flatten().tolist() + b2.detach().tolist(), opt2.state[w2]["mu_product"].dtype, opt2.state[w2]["mu_product"].item())
//     train(opt, w, b, 2)
//     print(w.detach().flatten().tolist() + b.detach().tolist(), opt.state[w]["mu_product"].item())

import Testing
import Ember
import EmberTestSupport

/// An optimizer configuration to save and resume, and a fresh optimizer of the same kind built
/// with its default options (the loaded dict must bring the options back).
struct ResumeCase: Sendable, CustomTestStringConvertible {
    let name: String
    let make: @Sendable ([Tensor]) -> any Stepping
    let fresh: @Sendable ([Tensor]) -> any Stepping
    /// 0 where the resumed run must agree exactly: NAdam's `mu_product` comes back as float64
    /// (see `nadamResumesAsPyTorchDoes`), so its later products round differently.
    let tolerance: Double

    init(_ name: String, tolerance: Double = 0, _ make: @escaping @Sendable ([Tensor]) -> any Stepping,
         fresh: @escaping @Sendable ([Tensor]) -> any Stepping) {
        self.name = name
        self.tolerance = tolerance
        self.make = make
        self.fresh = fresh
    }

    var testDescription: String { name }
}

private let resumeCases: [ResumeCase] = [
    ResumeCase("sgdMomentum", { SGD($0, lr: 0.1, momentum: 0.9, dampening: 0.2, weightDecay: 0.1) },
               fresh: { SGD($0) }),
    ResumeCase("sgdNesterov", { SGD($0, lr: 0.05, momentum: 0.5, nesterov: true) }, fresh: { SGD($0) }),
    ResumeCase("adamAmsgrad", { Adam($0, lr: 0.5, betas: (0.5, 0.6), weightDecay: 0.1, amsgrad: true) },
               fresh: { Adam($0) }),
    ResumeCase("adamW", { AdamW($0, lr: 0.1, weightDecay: 0.5, maximize: true) }, fresh: { AdamW($0) }),
    ResumeCase("adamax", { Adamax($0, lr: 0.2, betas: (0.5, 0.7), eps: 1e-3, weightDecay: 0.2) },
               fresh: { Adamax($0) }),
    ResumeCase("nadam", tolerance: 1e-10,
               { NAdam($0, lr: 0.2, betas: (0.5, 0.7), weightDecay: 0.2, momentumDecay: 0.3) },
               fresh: { NAdam($0) }),
    ResumeCase("nadamDecoupled", tolerance: 1e-10, { NAdam($0, lr: 0.1, weightDecay: 0.5, decoupledWeightDecay: true) },
               fresh: { NAdam($0) }),
    ResumeCase("radam", { RAdam($0, lr: 0.2, betas: (0.5, 0.9), weightDecay: 0.2, decoupledWeightDecay: true) },
               fresh: { RAdam($0) }),
    ResumeCase("adadelta", { Adadelta($0, lr: 0.5, rho: 0.5, eps: 1e-3, weightDecay: 0.1, maximize: true) },
               fresh: { Adadelta($0) }),
    ResumeCase("adagrad", { Adagrad($0, lr: 0.2, lrDecay: 0.1, weightDecay: 0.2, initialAccumulatorValue: 0.5) },
               fresh: { Adagrad($0) }),
    ResumeCase("rmsprop", { RMSprop($0, lr: 0.01, alpha: 0.9, weightDecay: 0.1) }, fresh: { RMSprop($0) }),
    ResumeCase("rmspropCenteredMomentum", { RMSprop($0, lr: 0.01, alpha: 0.9, momentum: 0.5, centered: true) },
               fresh: { RMSprop($0) }),
]

/// The values of `w` and `b`, one after the other.
private func values(_ w: Tensor, _ b: Tensor) -> [Double] { w.scalars(as: Double.self) + b.scalars(as: Double.self) }

/// Expects exactly equal values (NaN equal to NaN), or within `tolerance` when it is not 0.
private func expectSame(_ got: [Double], _ expected: [Double], tolerance: Double = 0,
                        sourceLocation: SourceLocation = #_sourceLocation) {
    if tolerance != 0 { return expectValues(got, expected, tolerance: tolerance, sourceLocation: sourceLocation) }
    #expect(got.count == expected.count && zip(got, expected).allSatisfy { sameValue($0, $1) },
            "got \(got), expected \(expected)", sourceLocation: sourceLocation)
}

/// A deep copy of `dict` (what saving and reading it back gives; PyTorch's `copy.deepcopy`).
private func snapshot(_ dict: OptimizerStateDict) -> OptimizerStateDict {
    OptimizerStateDict(state: dict.state.mapValues { $0.mapValues { $0.clone() } }, paramGroups: dict.paramGroups)
}

@Suite struct OptimizerStateDictTests {
    /// Three steps, save, load into a fresh optimizer (default options) on copies of the
    /// parameters, two more steps on both: the same parameters and state as five steps in a row.
    /// The saved copy's tensors are overwritten after loading: the resumed run must not share them.
    @Test(arguments: resumeCases) func resumeMatchesUninterruptedRun(_ c: ResumeCase) throws {
        let (w, b) = parameters()
        let original = c.make([w, b])
        try train(original, w, b, steps: 3)
        let saved = snapshot(original.stateDict())

        let w2 = Parameter(w.detach().clone()), b2 = Parameter(b.detach().clone())
        let resumed = c.fresh([w2, b2])
        resumed.loadStateDict(saved)
        try train(original, w, b, steps: 2)
        for (_, s) in saved.state { for (_, t) in s { t.fill_(.float(.nan)) } }
        try train(resumed, w2, b2, steps: 2)

        expectSame(values(w2, b2), values(w, b), tolerance: c.tolerance)
        let five = try run(c.make, steps: 5)
        expectSame(values(w, b), five)
        #expect(values(w, b) != values(parameters().w, parameters().b))
        let (end, resumedEnd) = (original.stateDict(), resumed.stateDict())
        #expect(resumedEnd.paramGroups == end.paramGroups)
        #expect(Set(resumedEnd.state.keys) == [0, 1])
        for (index, s) in end.state {
            #expect(Set(resumedEnd.state[index]?.keys ?? [:].keys) == Set(s.keys))
            for (name, t) in s {
                guard let r = resumedEnd.state[index]?[name] else { continue }
                #expect(r.dtype == t.dtype || name == "mu_product", "\(name)")
                #expect(r.shape == t.shape, "\(name)")
                expectSame(r.scalars(as: Double.self), t.scalars(as: Double.self), tolerance: c.tolerance)
            }
        }
    }

    /// PyTorch converts every loaded state tensor but `step` to the parameter's dtype, NAdam's
    /// float32 `mu_product` included, so a resumed NAdam run differs from the uninterrupted one in
    /// the last digits; Ember's resumed run is PyTorch's (the second script).
    @Test func nadamResumesAsPyTorchDoes() throws {
        let (w, b) = parameters()
        let original = NAdam([w, b], lr: 0.2, betas: (0.5, 0.7), weightDecay: 0.2, momentumDecay: 0.3)
        try train(original, w, b, steps: 3)
        let w2 = Parameter(w.detach().clone()), b2 = Parameter(b.detach().clone())
        let resumed = NAdam([w2, b2])
        resumed.loadStateDict(original.stateDict())
        #expect(resumed.state(for: w2)["mu_product"]?.dtype == .float64)
        #expect(resumed.state(for: w2)["step"]?.dtype == .float32)
        try train(resumed, w2, b2, steps: 2)
        expectValues(values(w2, b2), [-0.34077159373240395, -0.08873221382526877, 0.6605937173344991,
                                      1.1815840185533164, -1.5624659555848706, 0.7933842343702523,
                                      -0.8000326585617138, -1.3365475753884166, -0.5792196520557567])
        expectClose(resumed.state(for: w2)["mu_product"], shape: [], [0.0011643049841492824])
        try train(original, w, b, steps: 2)
        expectValues(values(w, b), [-0.34077159372268123, -0.08873221383658084, 0.6605937173432215,
                                    1.1815840185611828, -1.562465955568573, 0.7933842343582557,
                                    -0.8000326585501802, -1.3365475753699059, -0.579219652044485])
        expectTensor(original.state(for: w)["mu_product"] ?? Tensor(-1.0), shape: [], values: [0.0011643049074336886],
                     dtype: .float32)
    }

    /// Two groups and a parameter without a gradient: the state is keyed by the index counted
    /// through the groups, and holds the optimizer's own tensors, as PyTorch's does.
    @Test func layout() throws {
        let a = Parameter(Tensor([1.0, 2.0], dtype: .float64))
        let b = Parameter(Tensor([3.0], dtype: .float64))
        let c = Parameter(Tensor([[4.0]], dtype: .float64))
        let opt = SGD([a, b], lr: 0.1, momentum: 0.9)
        opt.addParamGroup([c]) { $0.lr = 0.01; $0.nesterov = true }
        try ((a * a).sum() + (c * c).sum()).backward()
        opt.step()
        let sd = opt.stateDict()
        #expect(Set(sd.state.keys) == [0, 2])
        expectTensor(sd.state[0]?["momentum_buffer"] ?? Tensor(-1.0), shape: [2], values: [2, 4])
        expectTensor(sd.state[2]?["momentum_buffer"] ?? Tensor(-1.0), shape: [1, 1], values: [8])
        #expect(sd.state[0]?["momentum_buffer"] === opt.state(for: a)["momentum_buffer"])
        #expect(sd.paramGroups == [
            ["lr": 0.1, "momentum": 0.9, "dampening": 0.0, "weight_decay": 0.0, "nesterov": false, "maximize": false,
             "params": .ints([0, 1])],
            ["lr": 0.01, "momentum": 0.9, "dampening": 0.0, "weight_decay": 0.0, "nesterov": true, "maximize": false,
             "params": .ints([2])],
        ])
    }

    /// Each optimizer's group options under PyTorch's names (PyTorch's keys less `foreach`,
    /// `differentiable`, `capturable` and `fused`).
    @Test func optionNames() {
        let w = Parameter(Tensor([0.5, -1.0], dtype: .float64))
        let adamFamily: Set = ["amsgrad", "betas", "decoupled_weight_decay", "eps", "lr", "maximize", "weight_decay"]
        let expected: [(any Stepping, Set<String>)] = [
            (SGD([w]), ["dampening", "lr", "maximize", "momentum", "nesterov", "weight_decay"]),
            (Adam([w]), adamFamily),
            (AdamW([w]), adamFamily),
            (Adamax([w]), ["betas", "eps", "lr", "maximize", "weight_decay"]),
            (NAdam([w]), ["betas", "decoupled_weight_decay", "eps", "lr", "maximize", "momentum_decay",
                          "weight_decay"]),
            (RAdam([w]), ["betas", "decoupled_weight_decay", "eps", "lr", "maximize", "weight_decay"]),
            (Adadelta([w]), ["eps", "lr", "maximize", "rho", "weight_decay"]),
            (Adagrad([w]), ["eps", "initial_accumulator_value", "lr", "lr_decay", "maximize", "weight_decay"]),
            (RMSprop([w]), ["alpha", "centered", "eps", "lr", "maximize", "momentum", "weight_decay"]),
        ]
        for (opt, names) in expected {
            #expect(Set(opt.stateDict().paramGroups[0].keys) == names.union(["params"]), "\(type(of: opt))")
        }
    }

    /// Loading sets every option from the dict (an int where a float is expected included) and
    /// leaves those the dict does not name.
    @Test func loadRestoresOptions() {
        let w = Parameter(Tensor([0.5, -1.0], dtype: .float64))
        let opt = Adam([w], lr: 0.5, eps: 1e-3)
        opt.loadStateDict(OptimizerStateDict(state: [:], paramGroups: [
            ["lr": 0.25, "betas": [0.5, 0.6], "weight_decay": 2, "amsgrad": true, "params": .ints([0])],
        ]))
        let o = opt.paramGroups[0].options
        #expect(o.lr == 0.25 && o.betas == (0.5, 0.6) && o.weightDecay == 2 && o.amsgrad && o.eps == 1e-3)
        #expect(!o.maximize && !o.decoupledWeightDecay)
    }

    /// The loaded tensors are copies, floating-point ones converted to the parameter's dtype
    /// except `step`.
    @Test func loadCopiesAndConverts() {
        let w = Parameter(Tensor([0.5, -1.0], dtype: .float32))
        let opt = Adam([w])
        let step = Tensor(3.0, dtype: .float64)
        let expAvg = Tensor([0.25, 0.5], dtype: .float64)
        opt.loadStateDict(OptimizerStateDict(state: [0: ["step": step, "exp_avg": expAvg, "exp_avg_sq": expAvg]],
                                             paramGroups: [["params": .ints([0])]]))
        let s = opt.state(for: w)
        #expect(s["step"].map { $0 !== step && $0.dtype == .float64 } == true)
        #expect(s["exp_avg"].map { $0 !== expAvg && $0.dtype == .float32 } == true)
        expectTensor(s["exp_avg"] ?? Tensor(-1.0), shape: [2], values: [0.25, 0.5], dtype: .float32)
        expAvg.fill_(7.0)
        expectTensor(s["exp_avg_sq"] ?? Tensor(-1.0), shape: [2], values: [0.25, 0.5])
    }

    /// A failed load changes nothing.
    @Test func failedLoadLeavesTheOptimizer() throws {
        let (w, b) = parameters()
        let opt = SGD([w], lr: 0.1, momentum: 0.9)
        opt.addParamGroup([b])
        try loss(w, b).backward()
        opt.step()
        let before = opt.stateDict()
        let bad = OptimizerStateDict(state: [:], paramGroups: [
            ["lr": 0.5, "params": .ints([0])], ["lr": 0.5, "nesterov": 1.0, "params": .ints([1])],
        ])
        expectTensorError(.typeError, "param_groups option 'nesterov' must be a bool, not 1.0") {
            opt.loadStateDict(bad)
        }
        #expect(opt.paramGroups.map(\.options.lr) == [0.1, 0.1])
        #expect(opt.state(for: w)["momentum_buffer"] === before.state[0]?["momentum_buffer"])
    }

    @Test func valueDescriptions() {
        let values: [OptimizerValue] = [0.001, 1e-08, 3, true, false, [0.9, 0.999], .ints([0, 1]), .double(.nan),
                                        .double(-.infinity), 1e16]
        #expect(values.map(\.description)
                == ["0.001", "1e-08", "3", "True", "False", "(0.9, 0.999)", "[0, 1]", "nan", "-inf", "1e+16"])
    }

    @Test(arguments: StateDictErrors.all) func errorCaptured(_ c: OpErrorCase) { expectCaptured(c) }

    @Test(arguments: StateDictErrors.all) func errorStops(_ c: OpErrorCase) async {
        await expectStops(c, in: StateDictErrors.self)
    }
}

/// The script's optimizer, as a state dict: groups of sizes 2 and 1.
private func twoGroupDict() -> OptimizerStateDict {
    let a = Parameter(Tensor([1.0, 2.0], dtype: .float64))
    let b = Parameter(Tensor([3.0], dtype: .float64))
    let c = Parameter(Tensor([[4.0]], dtype: .float64))
    let opt = SGD([a, b], lr: 0.1, momentum: 0.9)
    opt.addParamGroup([c]) { $0.lr = 0.01 }
    return opt.stateDict()
}

/// A fresh parameter for an error case.
private func param() -> Parameter { Parameter(Tensor([0.5, -1.0], dtype: .float64)) }

/// `loadStateDict`'s errors, with PyTorch's messages where PyTorch has them.
struct StateDictErrors: OpErrorTable {
    static let all: [OpErrorCase] = [
        OpErrorCase("groupCount", .valueError, "loaded state dict has a different number of parameter groups") {
            SGD([param()], lr: 0.1).loadStateDict(twoGroupDict())
        },
        OpErrorCase("groupSize", .valueError,
                    "loaded state dict contains a parameter group that doesn't match the size of optimizer's group") {
            let opt = SGD([param()], lr: 0.1)
            opt.addParamGroup([param(), param()])
            opt.loadStateDict(twoGroupDict())
        },
        OpErrorCase("noParams", .keyError, "'params'") {
            Adam([param()]).loadStateDict(OptimizerStateDict(state: [:], paramGroups: [["lr": 0.1]]))
        },
        OpErrorCase("betasNotAPair", .typeError,
                    "param_groups option 'betas' must be a tuple of 2 floats, not (0.9,)") {
            Adam([param()]).loadStateDict(OptimizerStateDict(state: [:], paramGroups: [
                ["betas": [0.9], "params": .ints([0])],
            ]))
        },
        OpErrorCase("lrNotAFloat", .typeError, "param_groups option 'lr' must be a float, not True") {
            RMSprop([param()]).loadStateDict(OptimizerStateDict(state: [:], paramGroups: [
                ["lr": true, "params": .ints([0])],
            ]))
        },
    ]
}
