// OptimizerTests.swift
//
// SGD, Adam and AdamW: five steps on a fixed loss compared with PyTorch's parameters, zeroGrad,
// skipped parameters, parameter groups and the argument errors, against what PyTorch 2.15
// printed for this script:
//
//     import torch
//     torch.set_printoptions(precision=17)
//     def run(make, steps=5):
//         w = torch.tensor([[0.5, -1.0, 1.5], [2.0, -0.5, 0.25]], dtype=torch.float64, requires_grad=True)
//         b = torch.tensor([0.1, -0.2, 0.3], dtype=torch.float64, requires_grad=True)
//         c = torch.tensor([[1.0, -2.0, 0.5], [0.25, 3.0, -1.0]], dtype=torch.float64)
//         opt = make([w, b])
//         for _ in range(steps):
//             opt.zero_grad()
//             loss = (w * c).sum() + (w * w * b).sum() + (b * b * b).sum() * 0.5 + (w * w).sum()
//             loss.backward()
//             opt.step()
//         return w.detach().flatten().tolist() + b.detach().tolist()
//     O = torch.optim
//     cases = {
//         "sgdPlain": lambda p: O.SGD(p, lr=0.1),
//         "sgdMomentum": lambda p: O.SGD(p, lr=0.1, momentum=0.9),
//         "sgdDampening": lambda p: O.SGD(p, lr=0.1, momentum=0.9, dampening=0.3),
//         "sgdNesterov": lambda p: O.SGD(p, lr=0.1, momentum=0.9, nesterov=True),
//         "sgdWeightDecay": lambda p: O.SGD(p, lr=0.1, momentum=0.5, weight_decay=0.2),
//         "sgdMaximize": lambda p: O.SGD(p, lr=0.01, momentum=0.9, maximize=True),
//         "adamPlain": lambda p: O.Adam(p, lr=0.1),
//         "adamWeightDecay": lambda p: O.Adam(p, lr=0.1, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.3),
//         "adamAmsgrad": lambda p: O.Adam(p, lr=0.5, betas=(0.5, 0.6), amsgrad=True),
//         "adamNoAmsgrad": lambda p: O.Adam(p, lr=0.5, betas=(0.5, 0.6)),
//         "adamMaximize": lambda p: O.Adam(p, lr=0.05, maximize=True),
//         "adamW": lambda p: O.AdamW(p, lr=0.1),
//         "adamWAmsgrad": lambda p: O.AdamW(p, lr=0.1, weight_decay=0.5, amsgrad=True),
//     }
//     for k, f in cases.items():
//         print(k, run(f))
//     # Two groups with different lr.
//     def groups(p):
//         return O.SGD([{"params": [p[0]]}, {"params": [p[1]], "lr": 0.01}], lr=0.1, momentum=0.9)
//     print("twoGroups", run(groups))
//     # Adam state after 5 steps (plain) for b
//     w = torch.tensor([0.5, -1.0], dtype=torch.float64, requires_grad=True)
//     opt = O.Adam([w], lr=0.1)
//     for _ in range(2):
//         opt.zero_grad(); (w * w * w).sum().backward(); opt.step()
//     s = opt.state[w]; print("adamState", s["step"], s["exp_avg"].tolist(), s["exp_avg_sq"].tolist())
//     for make in [lambda: O.SGD([w], lr=-1.0), lambda: O.SGD([w], lr=0.1, momentum=-0.5),
//                  lambda: O.SGD([w], lr=0.1, weight_decay=-1e-2), lambda: O.SGD([w], lr=0.1, nesterov=True),
//                  lambda: O.SGD([w], lr=0.1, momentum=0.9, dampening=0.1, nesterov=True),
//                  lambda: O.Adam([w], lr=-1e-3), lambda: O.Adam([w], eps=-1.0), lambda: O.Adam([w], betas=(1.0, 0.999)),
//                  lambda: O.Adam([w], betas=(0.9, -0.5)), lambda: O.Adam([w], weight_decay=-0.1),
//                  lambda: O.AdamW([w], lr=float('nan')), lambda: O.SGD([], lr=0.1),
//                  lambda: O.SGD([w * 2], lr=0.1), lambda: O.SGD([{"params": [w]}, {"params": [w]}], lr=0.1)]:
//         try: make(); print("no error")
//         except Exception as e: print(type(e).__name__, repr(str(e)))

import Testing
import Ember
import EmberTestSupport

private let cases: [OptimCase] = [
        OptimCase("sgdPlain", [-0.16358216131229186, 0.2903237872408158, 0.31687336599211546, 1.0861435243793975, -1.5550660330446937, 0.4363587287277484, -1.3315674393280155, -1.0008987354731256, -0.23027259599320474]) { p in SGD(p, lr: 0.1) },
        OptimCase("sgdMomentum", [-1.9043813726285341, 2.803456114573181, -1.637840235449172, -0.8834421612957861, -3.84017474665683, 0.892872354160389, -5.512364110003523, -3.7830228399110446, -1.7013604038343184]) { p in SGD(p, lr: 0.1, momentum: 0.9) },
        OptimCase("sgdDampening", [-1.2759083037326882, 1.9940018529417287, -1.2623548060389471, -0.5579278995713256, -2.8917848203308085, 0.7231527571130075, -3.832042219134791, -2.3408876325456593, -1.302963315188225]) { p in SGD(p, lr: 0.1, momentum: 0.9, dampening: 0.3) },
        OptimCase("sgdNesterov", [-5.206566467856905, 6.4243809916647745, -1.7040798147537555, -0.5135811036947794, -9.716433181125305, 1.3025435249297939, -15.325277070239881, -13.853919051006, -2.5682464806795022]) { p in SGD(p, lr: 0.1, momentum: 0.9, nesterov: true) },
        OptimCase("sgdWeightDecay", [-0.6713507158081875, 1.1232784375580025, -0.32517248552240674, 0.39094771767719094, -2.1466751444708874, 0.5454895815723814, -2.2348498622518744, -1.7078442940520324, -0.5583913061422915]) { p in SGD(p, lr: 0.1, momentum: 0.5, weightDecay: 0.2) },
        OptimCase("sgdMaximize", [0.8080888023256627, -1.5014708912982413, 2.143229074496094, 2.7074850515077373, -0.20298457208176468, 0.20489134477188428, 0.7422943774679941, -0.01083863289542857, 0.676161468197136]) { p in SGD(p, lr: 0.01, momentum: 0.9, maximize: true) },
        OptimCase("adamPlain", [0.011157382608854904, -0.5059479494260523, 1.0097112179513108, 1.510728462920809, -1.0000680942057516, 0.6151761885974154, -0.39223601509441136, -0.7014993411327712, -0.19206630564253874]) { p in Adam(p, lr: 0.1) },
        OptimCase("adamWeightDecay", [0.01870201321315261, -0.5102655628258203, 1.0146749226919118, 1.5153202597173372, -0.9988941245989172, 0.48304105211587334, -0.3860842337100431, -0.7025924093460687, -0.1840106537815605]) { p in Adam(p, lr: 0.1, betas: (0.8, 0.99), eps: 1e-6, weightDecay: 0.3) },
        OptimCase("adamAmsgrad", [-1.7200387292491939, 1.4146676446411717, 0.02868151205323402, 0.8113158989967943, -3.003735498071466, 1.9832565348324451, -2.2990464603657133, -2.656231657135791, -2.1411352307878464]) { p in Adam(p, lr: 0.5, betas: (0.5, 0.6), amsgrad: true) },
        OptimCase("adamNoAmsgrad", [-1.866561403122332, 1.43843756037573, -0.4386886385607721, 0.5713133519207869, -3.003737702014895, 1.9822800631995228, -2.3341800116692495, -2.6560481439008456, -2.140080519542904]) { p in Adam(p, lr: 0.5, betas: (0.5, 0.6)) },
        OptimCase("adamMaximize", [0.7510326842443611, -1.2508249055330323, 1.7509320804685142, 2.250951974183247, -0.2496023437954316, 0.000357589019705791, 0.3509432209397225, 0.05062710683832611, 0.5510189448105666]) { p in Adam(p, lr: 0.05, maximize: true) },
        OptimCase("adamW", [0.009699507084680273, -0.5019655637904904, 1.00332229607685, 1.5018359672849542, -0.9965759616913964, 0.6147087198202108, -0.3915468217892679, -0.6994613365988613, -0.19238513673702368]) { p in AdamW(p, lr: 0.1) },
        OptimCase("adamWAmsgrad", [-0.052544737997874943, -0.3277876217203152, 0.7230351972402504, 1.1105354969784895, -0.8395131043261819, 0.5827145110812493, -0.3561744203649962, -0.6050808377762417, -0.20193877869902405]) { p in AdamW(p, lr: 0.1, weightDecay: 0.5, amsgrad: true) },
]

@Suite struct OptimizerTests {
    @Test(arguments: cases) func fiveSteps(_ c: OptimCase) throws {
        expectValues(try run(c.make, steps: c.steps), c.expected)
    }

    @Test func twoGroupsWithTheirOwnLearningRates() throws {
        let got = try run { p in
            let opt = SGD([p[0]], lr: 0.1, momentum: 0.9)
            opt.addParamGroup([p[1]]) { $0.lr = 0.01 }
            #expect(opt.paramGroups.map(\.options.lr) == [0.1, 0.01])
            #expect(opt.paramGroups.map { $0.options.momentum } == [0.9, 0.9])
            return opt
        }
        expectValues(got, [-1.132276214548521, 2.223017005856313, -1.4619062421736233, -1.468577099008783,
                           -2.54820230661072, 0.5179443777449355, -0.19441730703585644, -0.45167299742959943,
                           0.123231733048627])
    }

    @Test func adamState() throws {
        let w = Parameter(Tensor([0.5, -1.0], dtype: .float64))
        let opt = Adam([w], lr: 0.1)
        #expect(opt.state(for: w).isEmpty)
        for _ in 0..<2 {
            opt.zeroGrad()
            try (w * w * w).sum().backward()
            opt.step()
        }
        let s = opt.state(for: w)
        #expect(Set(s.keys) == ["step", "exp_avg", "exp_avg_sq"])
        if let step = s["step"] { expectTensor(step, shape: [], values: [2], dtype: .float32) }
        if let m = s["exp_avg"] { expectValues(m.scalars(as: Double.self), [0.11550000031999998, 0.63299999978]) }
        if let v = s["exp_avg_sq"] {
            expectValues(v.scalars(as: Double.self), [0.0007923375030720007, 0.022167899984028024])
        }
        #expect(AdamW([w]).defaults.weightDecay == 0.01)
        #expect(AdamW([w]).defaults.decoupledWeightDecay)
    }

    @Test func zeroGradBothWays() throws {
        let (w, b) = parameters()
        let opt = SGD([w, b], lr: 0.1)
        try loss(w, b).backward()
        let grad = w.grad
        opt.zeroGrad(setToNone: false)
        #expect(w.grad === grad)
        if let g = w.grad { expectTensor(g, shape: [2, 3], values: [0, 0, 0, 0, 0, 0]) }
        if let g = b.grad { expectTensor(g, shape: [3], values: [0, 0, 0]) }
        opt.zeroGrad()
        #expect(w.grad == nil && b.grad == nil)
        opt.zeroGrad()
        #expect(w.grad == nil)
    }

    @Test func parameterWithoutGradIsLeftAlone() throws {
        let (w, b) = parameters()
        let frozen = Parameter(Tensor([1.0, 2.0], dtype: .float64))
        for opt in [SGD([w, b, frozen], lr: 0.1, momentum: 0.9) as any Stepping, Adam([w, b, frozen], lr: 0.1)] {
            opt.zeroGrad(setToNone: true)
            try loss(w, b).backward()
            opt.step()
            expectTensor(frozen, shape: [2], values: [1, 2])
            #expect(frozen.grad == nil)
        }
        let sgd = SGD([w, frozen], lr: 0.1, momentum: 0.9)
        try loss(w, b).backward()
        sgd.step()
        #expect(sgd.state(for: frozen).isEmpty && sgd.state(for: w)["momentum_buffer"] != nil)
    }

    @Test func stepWithClosure() throws {
        let (w, b) = parameters()
        let opt = SGD([w, b], lr: 0.1, momentum: 0.9)
        var losses: [Double] = []
        for _ in 0..<5 {
            let l = try opt.step {
                opt.zeroGrad()
                let l = loss(w, b)
                try l.backward()
                return l
            }
            losses.append(l.item())
        }
        #expect(losses.count == 5 && losses[4] < losses[0])
        expectValues(w.scalars(as: Double.self) + b.scalars(as: Double.self), cases[1].expected)
        withNoGrad {
            _ = opt.step {
                #expect(isGradEnabled)
                return loss(w, b)
            }
        }
    }

    @Test func stepDoesNotRecord() throws {
        let (w, b) = parameters()
        let opt = Adam([w, b], lr: 0.1, weightDecay: 0.1)
        try loss(w, b).backward()
        opt.step()
        #expect(w.isLeaf && w.requiresGrad && w.gradFn == nil)
    }

    @Test(arguments: OptimizerErrors.all) func errorCaptured(_ c: OpErrorCase) { expectCaptured(c) }

    @Test(arguments: OptimizerErrors.all) func errorStops(_ c: OpErrorCase) async {
        await expectStops(c, in: OptimizerErrors.self)
    }

    @Test func validArguments() {
        let w = Parameter(Tensor([0.5, -1.0], dtype: .float64))
        expectNoTensorError { _ = SGD([w], lr: 0, momentum: 0.9, nesterov: true) }
        expectNoTensorError { _ = Adam([w], lr: 0, betas: (0, 0), eps: 0) }
        expectNoTensorError { _ = AdamW([w]) }
    }

    @Test func subclassOutsideTheModule() throws {
        let w = Parameter(Tensor([0.5, -1.0], dtype: .float64))
        let opt = SignDescent([w], defaults: SGDOptions(lr: 0.25))
        try (w * w).sum().backward()
        opt.step()
        expectTensor(w, shape: [2], values: [0.25, -0.75])
        expectTensorError(.notImplementedError, "NoStep does not implement step()") {
            NoStep([w], defaults: SGDOptions()).step()
        }
    }
}

/// An optimizer defined outside EmberOptim: `p -= lr * sign(grad)`.
private final class SignDescent: Optimizer<SGDOptions> {
    override func step() {
        withNoGrad {
            for group in paramGroups {
                for p in group.params { if let g = p.grad { p.sub_(g.sign().mul(group.options.lr)) } }
            }
        }
    }
}

/// An optimizer that forgot to override `step()`.
private final class NoStep: Optimizer<SGDOptions> {}

/// A fresh parameter for an error case.
private func w() -> Parameter { Parameter(Tensor([0.5, -1.0], dtype: .float64)) }

/// The constructors' argument errors, with PyTorch's messages.
struct OptimizerErrors: OpErrorTable {
    static let all: [OpErrorCase] = {
        [
            OpErrorCase("sgdLR", .valueError, "Invalid learning rate: -1.0") { _ = SGD([w()], lr: -1.0) },
            OpErrorCase("sgdMomentum", .valueError, "Invalid momentum value: -0.5") {
                _ = SGD([w()], lr: 0.1, momentum: -0.5)
            },
            OpErrorCase("sgdWeightDecay", .valueError, "Invalid weight_decay value: -0.01") {
                _ = SGD([w()], lr: 0.1, weightDecay: -1e-2)
            },
            OpErrorCase("sgdNesterovNoMomentum", .valueError, "Nesterov momentum requires a momentum and zero dampening") {
                _ = SGD([w()], lr: 0.1, nesterov: true)
            },
            OpErrorCase("sgdNesterovDampening", .valueError, "Nesterov momentum requires a momentum and zero dampening") {
                _ = SGD([w()], lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true)
            },
            OpErrorCase("adamLR", .valueError, "Invalid learning rate: -0.001") { _ = Adam([w()], lr: -1e-3) },
            OpErrorCase("adamEps", .valueError, "Invalid epsilon value: -1.0") { _ = Adam([w()], eps: -1.0) },
            OpErrorCase("adamBeta0", .valueError, "Invalid beta parameter at index 0: 1.0") {
                _ = Adam([w()], betas: (1.0, 0.999))
            },
            OpErrorCase("adamBeta1", .valueError, "Invalid beta parameter at index 1: -0.5") {
                _ = Adam([w()], betas: (0.9, -0.5))
            },
            OpErrorCase("adamWeightDecay", .valueError, "Invalid weight_decay value: -0.1") {
                _ = Adam([w()], weightDecay: -0.1)
            },
            OpErrorCase("adamWNaNLR", .valueError, "Invalid learning rate: nan") { _ = AdamW([w()], lr: .nan) },
            OpErrorCase("emptyParams", .valueError, "optimizer got an empty parameter list") { _ = SGD([], lr: 0.1) },
            OpErrorCase("nonLeaf", .valueError, "can't optimize a non-leaf Tensor") { _ = SGD([w() * 2], lr: 0.1) },
            OpErrorCase("sameParamTwice", .valueError, "some parameters appear in more than one parameter group") {
                let p = w()
                SGD([p], lr: 0.1).addParamGroup([p])
            },
        ]
    }()
}
