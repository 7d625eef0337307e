// LRSchedulerTests.swift
//
// The learning-rate schedulers: the learning rates (and OneCycleLR's momentums) from construction
// through every step, for an SGD optimizer with two groups (lr 0.1 and 0.01) or an Adam one,
// ReduceLROnPlateau on sequences of metrics, SequentialLR, and the argument errors, against what
// PyTorch 2.15 printed for this script:
//
//     import torch
//     from torch.optim import SGD, Adam
//     from torch.optim import lr_scheduler as S
//     def opt(kind="sgd", lrs=(0.1, 0.01), **kw):
//         a, b = torch.zeros(2, requires_grad=True), torch.zeros(3, requires_grad=True)
//         groups = [{"params": [a], "lr": lrs[0]}, {"params": [b], "lr": lrs[1]}]
//         return SGD(groups, momentum=0.9, **kw) if kind == "sgd" else Adam(groups, betas=(0.8, 0.99))
//     def run(name, make, steps, kind="sgd", momentum=False):
//         o = opt(kind); s = make(o)
//         lrs = [s.get_last_lr()]; moms = []
//         key = (lambda g: g["momentum"]) if kind == "sgd" else (lambda g: g["betas"][0])
//         moms.append([key(g) for g in o.param_groups])
//         for _ in range(steps):
//             o.step(); s.step(); lrs.append(s.get_last_lr()); moms.append([key(g) for g in o.param_groups])
//         print(name, "lastEpoch", s.last_epoch)
//         print(name, "lrs", [x for l in lrs for x in l])
//         if momentum: print(name, "momentums", [x for m in moms for x in m])
//     run("step", lambda o: S.StepLR(o, step_size=3, gamma=0.5), 20)
//     run("multiStep", lambda o: S.MultiStepLR(o, milestones=[2, 5, 5, 9], gamma=0.3), 15)
//     run("exponential", lambda o: S.ExponentialLR(o, gamma=0.9), 20)
//     run("cosine", lambda o: S.CosineAnnealingLR(o, T_max=7, eta_min=0.001), 25)
//     run("linear", lambda o: S.LinearLR(o, start_factor=0.25, end_factor=0.9, total_iters=6), 12)
//     run("lambda", lambda o: S.LambdaLR(o, lambda e: 0.95 ** e * (1 + e % 3)), 15)
//     run("lambdas", lambda o: S.LambdaLR(o, [lambda e: 1 / (e + 1), lambda e: 0.5 * e]), 15)
//     run("oneCycleCos", lambda o: S.OneCycleLR(o, max_lr=[1.0, 0.1], total_steps=20), 20, momentum=True)
//     run("oneCycleLinear3", lambda o: S.OneCycleLR(o, max_lr=0.5, epochs=3, steps_per_epoch=5, pct_start=0.4,
//         anneal_strategy="linear", three_phase=True, div_factor=10.0, final_div_factor=100.0,
//         base_momentum=0.7, max_momentum=0.9), 15, kind="adam", momentum=True)
//     run("oneCycleNoMomentum", lambda o: S.OneCycleLR(o, max_lr=0.3, total_steps=12, pct_start=0.25, cycle_momentum=False), 12, momentum=True)
//     def seq1(o):
//         return S.SequentialLR(o, [S.LinearLR(o, start_factor=0.1, total_iters=3), S.CosineAnnealingLR(o, T_max=5, eta_min=0.002)], milestones=[3])
//     run("sequential", seq1, 16)
//     def seq2(o):
//         return S.SequentialLR(o, [S.ConstantLR(o, factor=0.5, total_iters=2) if False else S.LinearLR(o, start_factor=0.5, total_iters=2),
//                                   S.ExponentialLR(o, gamma=0.9), S.StepLR(o, step_size=2, gamma=0.5)], milestones=[3, 7])
//     run("sequential3", seq2, 14)
//     # Two schedulers on one optimizer: base lrs are the shared initial_lr.
//     def two(o):
//         S.LinearLR(o, start_factor=0.5, total_iters=4)
//         return S.ExponentialLR(o, gamma=0.8)
//     run("chained", two, 8)
//     # ReduceLROnPlateau
//     def plateau(name, metrics, **kw):
//         o = opt(); s = S.ReduceLROnPlateau(o, **kw); out = []
//         for m in metrics:
//             s.step(m); out += s.get_last_lr()
//         print(name, "lastEpoch", s.last_epoch, "best", repr(s.best), "bad", s.num_bad_epochs, "cooldown", s.cooldown_counter)
//         print(name, "lrs", out)
//     ms = [1.0, 0.95, 0.96, 0.97, 0.9, 0.91, 0.92, 0.93, 0.94, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 0.49, 0.5, 0.5, 0.5]
//     plateau("plateauMinRel", ms, patience=2, cooldown=1, threshold=0.05, factor=0.5)
//     plateau("plateauMaxAbs", ms, mode="max", threshold_mode="abs", patience=1, threshold=0.02, factor=0.3, min_lr=[0.005, 0.002])
//     plateau("plateauEps", ms, patience=0, factor=0.5, min_lr=0.004, eps=0.003)
//     plateau("plateauMinAbsNaN", [1.0, float('nan'), 0.8, 0.8, 0.8, float('nan'), 0.7], patience=1, threshold_mode="abs", threshold=0.1)
//     # Resuming: a later scheduler with last_epoch >= 0 uses the initial_lr the first one stored.
//     o = opt(); S.StepLR(o, step_size=2, gamma=0.5); o.param_groups[0]["lr"] = 0.07
//     s = S.StepLR(o, step_size=2, gamma=0.5, last_epoch=3)
//     print("resume", s.base_lrs, s.last_epoch, s.get_last_lr())
//     # A custom scheduler.
//     class Halving(S.LRScheduler):
//         def get_lr(self):
//             lrs = [g["lr"] for g in self.optimizer.param_groups]
//             return lrs if self._is_initial else [lr * 0.5 + self.last_epoch * 1e-3 for lr in lrs]
//     run("custom", lambda o: Halving(o), 5)
//     # OneCycleLR on Adam keeps betas[1].
//     o = opt("adam"); S.OneCycleLR(o, max_lr=0.5, total_steps=10); print("adamBetas", [g["betas"] for g in o.param_groups])
//
// and the errors for this one:
//
//     import torch
//     from torch.optim import SGD, Adam, Adagrad
//     from torch.optim import lr_scheduler as S
//     def opt():
//         a, b = torch.zeros(2, requires_grad=True), torch.zeros(3, requires_grad=True)
//         return SGD([{"params": [a], "lr": 0.1}, {"params": [b], "lr": 0.01}], momentum=0.9)
//     o = opt()
//     cases = {
//      "linearStart0": lambda: S.LinearLR(o, start_factor=0),
//      "linearStartBig": lambda: S.LinearLR(o, start_factor=1.5),
//      "linearEnd": lambda: S.LinearLR(o, end_factor=-0.5),
//      "oneCycleTotal": lambda: S.OneCycleLR(o, max_lr=1.0, total_steps=0),
//      "oneCycleEpochs": lambda: S.OneCycleLR(o, max_lr=1.0, epochs=0, steps_per_epoch=3),
//      "oneCycleSPE": lambda: S.OneCycleLR(o, max_lr=1.0, epochs=2, steps_per_epoch=-1),
//      "oneCycleNone": lambda: S.OneCycleLR(o, max_lr=1.0, epochs=2),
//      "oneCyclePct": lambda: S.OneCycleLR(o, max_lr=1.0, total_steps=10, pct_start=1.5),
//      "oneCyclePctNeg": lambda: S.OneCycleLR(o, max_lr=1.0, total_steps=10, pct_start=-0.25),
//      "oneCycleMaxLr": lambda: S.OneCycleLR(o, max_lr=[1.0], total_steps=10),
//      "oneCycleBaseMom": lambda: S.OneCycleLR(o, max_lr=1.0, total_steps=10, base_momentum=[0.8, 0.8, 0.8]),
//      "oneCycleNoMomentum": lambda: S.OneCycleLR(Adagrad([torch.zeros(1, requires_grad=True)]), max_lr=1.0, total_steps=10),
//      "plateauFactor": lambda: S.ReduceLROnPlateau(o, factor=1.0),
//      "plateauMinLrs": lambda: S.ReduceLROnPlateau(o, min_lr=[0.1, 0.2, 0.3]),
//      "plateauNoMetric": lambda: S.ReduceLROnPlateau(o).step(),
//      "lambdaCount": lambda: S.LambdaLR(o, [lambda e: 1.0]),
//      "seqEmpty": lambda: S.SequentialLR(o, [], milestones=[]),
//      "seqMilestones": lambda: S.SequentialLR(o, [S.StepLR(o, 2), S.StepLR(o, 3)], milestones=[1, 2]),
//      "seqPlateau": lambda: S.SequentialLR(o, [S.StepLR(o, 2), S.ReduceLROnPlateau(o)], milestones=[1]),
//      "seqOtherOpt": lambda: S.SequentialLR(o, [S.StepLR(opt(), 2)], milestones=[]),
//      "resume": lambda: S.StepLR(opt(), 2, last_epoch=3),
//     }
//     for k, f in cases.items():
//         try: f(); print(k, "no error")
//         except Exception as e: print(k, type(e).__name__, repr(str(e)), repr(e.args[0]))
//     o2 = opt(); s = S.OneCycleLR(o2, max_lr=1.0, total_steps=3)
//     for i in range(4):
//         try: s.step(); print("step ok", s.last_epoch, s.get_last_lr())
//         except Exception as e: print("past", type(e).__name__, repr(str(e)), s.last_epoch, s._step_count, s.get_last_lr())
//     import sys
//     print(sys.version)
//     try: 1 % 0
//     except Exception as e: print(repr(e))
//     o3 = opt(); s = S.StepLR(o3, step_size=0)
//     try: s.step()
//     except Exception as e: print(repr(e))
//     o3 = opt(); s = S.CosineAnnealingLR(o3, T_max=0)
//     for i in range(3):
//       try: s.step(); print(s.get_last_lr())
//       except Exception as e: print(repr(e))

import Testing
import Ember
import EmberTestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The script's optimizer: two groups with learning rates 0.1 and 0.01, SGD with momentum 0.9 or
/// Adam with betas (0.8, 0.99).
enum ScheduledOptimizer: Sendable {
    case sgd, adam

    func make() -> any LearningRateScheduling {
        let a = Parameter(Tensor.zeros([2])), b = Parameter(Tensor.zeros([3]))
        switch self {
        case .sgd:
            let opt = SGD([a], lr: 0.1, momentum: 0.9)
            opt.addParamGroup([b]) { $0.lr = 0.01 }
            return opt
        case .adam:
            let opt = Adam([a], lr: 0.1, betas: (0.8, 0.99))
            opt.addParamGroup([b]) { $0.lr = 0.01 }
            return opt
        }
    }
}

/// The script's two-group SGD optimizer.
private func sgd() -> any LearningRateScheduling { ScheduledOptimizer.sgd.make() }

/// An optimizer without momentum (as Adagrad is for PyTorch's OneCycleLR).
private final class NoMomentum: LearningRateScheduling {
    var learningRates: [Double] = [0.01]
}

/// One scheduler and PyTorch's learning rates (both groups, flattened) after construction and
/// after each of `steps` steps; the momentums too where given.
struct ScheduleCase: Sendable, CustomTestStringConvertible {
    let name: String
    let optimizer: ScheduledOptimizer
    let steps: Int
    let lastEpoch: Int
    let lrs: [Double]
    let momentums: [Double]?
    let make: @Sendable (any LearningRateScheduling) -> LRScheduler

    init(_ name: String, _ optimizer: ScheduledOptimizer, steps: Int, lastEpoch: Int, lrs: [Double],
         momentums: [Double]?, _ make: @escaping @Sendable (any LearningRateScheduling) -> LRScheduler) {
        self.name = name
        self.optimizer = optimizer
        self.steps = steps
        self.lastEpoch = lastEpoch
        self.lrs = lrs
        self.momentums = momentums
        self.make = make
    }

    var testDescription: String { name }
}

private let scheduleCases: [ScheduleCase] = [
    ScheduleCase("step", .sgd, steps: 20, lastEpoch: 20,
                 lrs: [0.1, 0.01, 0.1, 0.01, 0.1, 0.01, 0.05, 0.005, 0.05, 0.005, 0.05, 0.005, 0.025, 0.0025, 0.025, 0.0025, 0.025, 0.0025, 0.0125, 0.00125, 0.0125, 0.00125, 0.0125, 0.00125, 0.00625, 0.000625, 0.00625, 0.000625, 0.00625, 0.000625, 0.003125, 0.0003125, 0.003125, 0.0003125, 0.003125, 0.0003125, 0.0015625, 0.00015625, 0.0015625, 0.00015625, 0.0015625, 0.00015625],
                 momentums: nil) { StepLR($0, stepSize: 3, gamma: 0.5) },
    ScheduleCase("multiStep", .sgd, steps: 15, lastEpoch: 15,
                 lrs: [0.1, 0.01, 0.1, 0.01, 0.03, 0.003, 0.03, 0.003, 0.03, 0.003, 0.0026999999999999997, 0.00027, 0.0026999999999999997, 0.00027, 0.0026999999999999997, 0.00027, 0.0026999999999999997, 0.00027, 0.0008099999999999998, 8.1e-05, 0.0008099999999999998, 8.1e-05, 0.0008099999999999998, 8.1e-05, 0.0008099999999999998, 8.1e-05, 0.0008099999999999998, 8.1e-05, 0.0008099999999999998, 8.1e-05, 0.0008099999999999998, 8.1e-05],
                 momentums: nil) { MultiStepLR($0, milestones: [2, 5, 5, 9], gamma: 0.3) },
    ScheduleCase("exponential", .sgd, steps: 20, lastEpoch: 20,
                 lrs: [0.1, 0.01, 0.09000000000000001, 0.009000000000000001, 0.08100000000000002, 0.008100000000000001, 0.07290000000000002, 0.007290000000000001, 0.06561000000000002, 0.006561000000000002, 0.05904900000000002, 0.005904900000000002, 0.05314410000000002, 0.005314410000000002, 0.04782969000000002, 0.004782969000000002, 0.043046721000000024, 0.004304672100000002, 0.03874204890000002, 0.003874204890000002, 0.03486784401000002, 0.003486784401000002, 0.03138105960900001, 0.003138105960900002, 0.028242953648100012, 0.0028242953648100018, 0.025418658283290013, 0.0025418658283290017, 0.022876792454961013, 0.0022876792454961017, 0.020589113209464913, 0.0020589113209464917, 0.01853020188851842, 0.0018530201888518425, 0.01667718169966658, 0.0016677181699666583, 0.015009463529699923, 0.0015009463529699924, 0.013508517176729932, 0.0013508517176729932, 0.01215766545905694, 0.001215766545905694],
                 momentums: nil) { ExponentialLR($0, gamma: 0.9) },
    ScheduleCase("cosine", .sgd, steps: 25, lastEpoch: 25,
                 lrs: [0.1, 0.01, 0.09509795896116975, 0.009554359905560885, 0.08136274519200731, 0.0083057041083643, 0.061514786230837566, 0.006501344202803415, 0.03948521376916245, 0.0044986557971965855, 0.019637254807992697, 0.0026942958916356995, 0.005902041038830259, 0.0014456400944391143, 0.001, 0.001, 0.005902041038830253, 0.0014456400944391139, 0.019637254807992683, 0.002694295891635698, 0.03948521376916243, 0.004498655797196585, 0.061514786230837525, 0.00650134420280341, 0.08136274519200731, 0.0083057041083643, 0.09509795896116978, 0.009554359905560889, 0.10000000000000002, 0.010000000000000002, 0.09509795896116978, 0.009554359905560889, 0.08136274519200734, 0.008305704108364302, 0.06151478623083755, 0.006501344202803413, 0.03948521376916246, 0.004498655797196587, 0.019637254807992707, 0.002694295891635701, 0.005902041038830264, 0.001445640094439115, 0.001, 0.001, 0.005902041038830253, 0.0014456400944391139, 0.019637254807992846, 0.002694295891635713, 0.03948521376916277, 0.004498655797196615, 0.0615147862308381, 0.0065013442028034624],
                 momentums: nil) { CosineAnnealingLR($0, tMax: 7, etaMin: 0.001) },
    ScheduleCase("linear", .sgd, steps: 12, lastEpoch: 12,
                 lrs: [0.025, 0.0025, 0.035833333333333335, 0.0035833333333333333, 0.046666666666666676, 0.004666666666666667, 0.057500000000000016, 0.005750000000000001, 0.06833333333333334, 0.006833333333333334, 0.07916666666666669, 0.007916666666666667, 0.09000000000000002, 0.009000000000000001, 0.09000000000000002, 0.009000000000000001, 0.09000000000000002, 0.009000000000000001, 0.09000000000000002, 0.009000000000000001, 0.09000000000000002, 0.009000000000000001, 0.09000000000000002, 0.009000000000000001, 0.09000000000000002, 0.009000000000000001],
                 momentums: nil) { LinearLR($0, startFactor: 0.25, endFactor: 0.9, totalIters: 6) },
    ScheduleCase("lambda", .sgd, steps: 15, lastEpoch: 15,
                 lrs: [0.1, 0.01, 0.19, 0.019, 0.27075, 0.027075000000000002, 0.0857375, 0.00857375, 0.16290125, 0.016290125, 0.23213428124999994, 0.023213428124999994, 0.07350918906249998, 0.007350918906249998, 0.13966745921874996, 0.013966745921874996, 0.1990261293867187, 0.01990261293867187, 0.0630249409724609, 0.006302494097246091, 0.11974738784767575, 0.011974738784767574, 0.1706400276829379, 0.017064002768293788, 0.05403600876626367, 0.005403600876626367, 0.10266841665590097, 0.010266841665590096, 0.14630249373465887, 0.014630249373465886, 0.046329123015975304, 0.00463291230159753],
                 momentums: nil) { LambdaLR($0, lrLambda: { e in pow(0.95, Double(e)) * Double(1 + e % 3) }) },
    ScheduleCase("lambdas", .sgd, steps: 15, lastEpoch: 15,
                 lrs: [0.1, 0.0, 0.05, 0.005, 0.03333333333333333, 0.01, 0.025, 0.015, 0.020000000000000004, 0.02, 0.016666666666666666, 0.025, 0.014285714285714285, 0.03, 0.0125, 0.035, 0.011111111111111112, 0.04, 0.010000000000000002, 0.045, 0.009090909090909092, 0.05, 0.008333333333333333, 0.055, 0.007692307692307693, 0.06, 0.007142857142857143, 0.065, 0.006666666666666667, 0.07, 0.00625, 0.075],
                 momentums: nil) { LambdaLR($0, lrLambdas: [{ e in 1 / Double(e + 1) }, { e in 0.5 * Double(e) }]) },
    ScheduleCase("oneCycleCos", .sgd, steps: 20, lastEpoch: 20,
                 lrs: [0.040000000000000036, 0.0040000000000000036, 0.1316718427000253, 0.013167184270002533, 0.3716718427000253, 0.037167184270002526, 0.6683281572999747, 0.06683281572999747, 0.9083281572999747, 0.09083281572999748, 1.0, 0.1, 0.9874640062350873, 0.09874640062350874, 0.9504846320134737, 0.09504846320134738, 0.89091617757105, 0.089091617757105, 0.8117456539497631, 0.0811745653949763, 0.7169430017913008, 0.07169430017913009, 0.6112620219362893, 0.06112620219362893, 0.500002, 0.0500002, 0.38874197806371075, 0.03887419780637107, 0.28306099820869923, 0.028306099820869922, 0.18825834605023697, 0.0188258346050237, 0.10908782242895004, 0.010908782242895003, 0.049519367986526286, 0.004951936798652629, 0.012539993764912554, 0.0012539993764912555, 4e-06, 4e-07, 0.012539993764912554, 0.0012539993764912555],
                 momentums: [0.95, 0.95, 0.9404508497187474, 0.9404508497187474, 0.9154508497187474, 0.9154508497187474, 0.8845491502812526, 0.8845491502812526, 0.8595491502812526, 0.8595491502812526, 0.85, 0.85, 0.8512536043909088, 0.8512536043909088, 0.854951556604879, 0.854951556604879, 0.8609084258765984, 0.8609084258765984, 0.8688255099070633, 0.8688255099070633, 0.878305813044122, 0.878305813044122, 0.8888739533021842, 0.8888739533021842, 0.8999999999999999, 0.8999999999999999, 0.9111260466978157, 0.9111260466978157, 0.9216941869558779, 0.9216941869558779, 0.9311744900929366, 0.9311744900929366, 0.9390915741234015, 0.9390915741234015, 0.945048443395121, 0.945048443395121, 0.9487463956090911, 0.9487463956090911, 0.95, 0.95, 0.9487463956090911, 0.9487463956090911]) { OneCycleLR($0, maxLr: [1.0, 0.1], totalSteps: 20) },
    ScheduleCase("oneCycleLinear3", .adam, steps: 15, lastEpoch: 15,
                 lrs: [0.05, 0.05, 0.14, 0.14, 0.23000000000000004, 0.23000000000000004, 0.32, 0.32, 0.41000000000000003, 0.41000000000000003, 0.5, 0.5, 0.41, 0.41, 0.31999999999999995, 0.31999999999999995, 0.22999999999999998, 0.22999999999999998, 0.13999999999999996, 0.13999999999999996, 0.04999999999999999, 0.04999999999999999, 0.037625000000000006, 0.037625000000000006, 0.02525, 0.02525, 0.012874999999999998, 0.012874999999999998, 0.0005000000000000004, 0.0005000000000000004, -0.011874999999999997, -0.011874999999999997],
                 momentums: [0.9, 0.9, 0.86, 0.86, 0.82, 0.82, 0.78, 0.78, 0.74, 0.74, 0.7, 0.7, 0.74, 0.74, 0.78, 0.78, 0.82, 0.82, 0.86, 0.86, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9]) { OneCycleLR($0, maxLr: 0.5, epochs: 3, stepsPerEpoch: 5, pctStart: 0.4, annealStrategy: .linear,
                   baseMomentum: 0.7, maxMomentum: 0.9, divFactor: 10, finalDivFactor: 100, threePhase: true) },
    ScheduleCase("oneCycleNoMomentum", .sgd, steps: 12, lastEpoch: 12,
                 lrs: [0.01200000000000001, 0.01200000000000001, 0.156, 0.156, 0.3, 0.3, 0.2909539293023138, 0.2909539293023138, 0.2649068068411808, 0.2649068068411808, 0.22500030000000001, 0.22500030000000001, 0.17604772246113298, 0.17604772246113298, 0.12395347753886707, 0.12395347753886707, 0.07500090000000004, 0.07500090000000004, 0.03509439315881919, 0.03509439315881919, 0.009047270697686224, 0.009047270697686224, 1.2e-06, 1.2e-06, 0.009047270697686207, 0.009047270697686207],
                 momentums: [0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9]) { OneCycleLR($0, maxLr: 0.3, totalSteps: 12, pctStart: 0.25, cycleMomentum: false) },
    ScheduleCase("sequential", .sgd, steps: 16, lastEpoch: 16,
                 lrs: [0.010000000000000002, 0.001, 0.04, 0.003999999999999999, 0.07, 0.006999999999999998, 0.1, 0.01, 0.09064183272437243, 0.00923606797749979, 0.06614183272437242, 0.00723606797749979, 0.03585816727562757, 0.00476393202250021, 0.011358167275627579, 0.0027639320225002107, 0.002, 0.002, 0.011358167275627575, 0.0027639320225002102, 0.035858167275627593, 0.004763932022500211, 0.06614183272437246, 0.007236067977499792, 0.09064183272437248, 0.009236067977499793, 0.10000000000000006, 0.010000000000000004, 0.09064183272437251, 0.009236067977499797, 0.06614183272437248, 0.007236067977499794, 0.035858167275627614, 0.004763932022500214],
                 momentums: nil) { SequentialLR($0, schedulers: [LinearLR($0, startFactor: 0.1, totalIters: 3),
                                     CosineAnnealingLR($0, tMax: 5, etaMin: 0.002)], milestones: [3]) },
    ScheduleCase("sequential3", .sgd, steps: 14, lastEpoch: 14,
                 lrs: [0.05, 0.005, 0.07500000000000001, 0.0075, 0.1, 0.009999999999999998, 0.1, 0.01, 0.09000000000000001, 0.009000000000000001, 0.08100000000000002, 0.008100000000000001, 0.07290000000000002, 0.007290000000000001, 0.1, 0.01, 0.1, 0.01, 0.05, 0.005, 0.05, 0.005, 0.025, 0.0025, 0.025, 0.0025, 0.0125, 0.00125, 0.0125, 0.00125],
                 momentums: nil) { SequentialLR($0, schedulers: [LinearLR($0, startFactor: 0.5, totalIters: 2), ExponentialLR($0, gamma: 0.9),
                                     StepLR($0, stepSize: 2, gamma: 0.5)], milestones: [3, 7]) },
    ScheduleCase("chained", .sgd, steps: 8, lastEpoch: 8,
                 lrs: [0.05, 0.005, 0.04000000000000001, 0.004, 0.03200000000000001, 0.0032, 0.025600000000000008, 0.00256, 0.02048000000000001, 0.0020480000000000003, 0.016384000000000006, 0.0016384000000000004, 0.013107200000000006, 0.0013107200000000005, 0.010485760000000005, 0.0010485760000000005, 0.008388608000000004, 0.0008388608000000005],
                 momentums: nil) { _ = LinearLR($0, startFactor: 0.5, totalIters: 4); return ExponentialLR($0, gamma: 0.8) },
]

/// Expects `got` to equal `expected` element by element within `tolerance`, relative to the
/// expected value (schedules compute in doubles as PyTorch does, so they agree to the last bit
/// or so, however small the learning rate).
func expectRelativelyClose(_ got: [Double], _ expected: [Double], tolerance: Double = 1e-12,
                           sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(got.count == expected.count, "\(got.count) values, expected \(expected.count)",
            sourceLocation: sourceLocation)
    for (i, (g, e)) in zip(got, expected).enumerated() where !(abs(g - e) <= tolerance * abs(e)) {
        Issue.record("element \(i): got \(g), expected \(e) (all: \(got))", sourceLocation: sourceLocation)
        return
    }
}

/// The script's metric sequence.
private let metrics = [1.0, 0.95, 0.96, 0.97, 0.9, 0.91, 0.92, 0.93, 0.94, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 0.49, 0.5, 0.5, 0.5]

/// One ReduceLROnPlateau, the metrics it is stepped with, and PyTorch's learning rates after each
/// step and state after the last.
struct PlateauCase: Sendable, CustomTestStringConvertible {
    let name: String
    let metrics: [Double]
    let lastEpoch: Int
    let best: Double
    let numBadEpochs: Int
    let cooldownCounter: Int
    let lrs: [Double]
    let make: @Sendable (any LearningRateScheduling) -> ReduceLROnPlateau

    init(_ name: String, _ metrics: [Double], lastEpoch: Int, best: Double, numBadEpochs: Int, cooldownCounter: Int,
         lrs: [Double], _ make: @escaping @Sendable (any LearningRateScheduling) -> ReduceLROnPlateau) {
        self.name = name
        self.metrics = metrics
        self.lastEpoch = lastEpoch
        self.best = best
        self.numBadEpochs = numBadEpochs
        self.cooldownCounter = cooldownCounter
        self.lrs = lrs
        self.make = make
    }

    var testDescription: String { name }
}

private let plateauCases: [PlateauCase] = [
    PlateauCase("plateauMinRel", metrics, lastEpoch: 20, best: 0.5, numBadEpochs: 2, cooldownCounter: 0,
                lrs: [0.1, 0.01, 0.1, 0.01, 0.1, 0.01, 0.05, 0.005, 0.05, 0.005, 0.05, 0.005, 0.05, 0.005, 0.025, 0.0025, 0.025, 0.0025, 0.025, 0.0025, 0.025, 0.0025, 0.025, 0.0025, 0.0125, 0.00125, 0.0125, 0.00125, 0.0125, 0.00125, 0.0125, 0.00125, 0.00625, 0.000625, 0.00625, 0.000625, 0.00625, 0.000625, 0.00625, 0.000625]) {
        ReduceLROnPlateau($0, factor: 0.5, patience: 2, threshold: 0.05, cooldown: 1)
    },
    PlateauCase("plateauMaxAbs", metrics, lastEpoch: 20, best: 1.1, numBadEpochs: 0, cooldownCounter: 0,
                lrs: [0.1, 0.01, 0.1, 0.01, 0.03, 0.003, 0.03, 0.003, 0.009, 0.002, 0.009, 0.002, 0.005, 0.002, 0.005, 0.002, 0.005, 0.002, 0.005, 0.002, 0.005, 0.002, 0.005, 0.002, 0.005, 0.002, 0.005, 0.002, 0.005, 0.002, 0.005, 0.002, 0.005, 0.002, 0.005, 0.002, 0.005, 0.002, 0.005, 0.002]) {
        ReduceLROnPlateau($0, mode: .max, factor: 0.3, patience: 1, threshold: 0.02, thresholdMode: .abs,
                              minLr: [0.005, 0.002])
    },
    PlateauCase("plateauEps", metrics, lastEpoch: 20, best: 0.49, numBadEpochs: 0, cooldownCounter: 0,
                lrs: [0.1, 0.01, 0.1, 0.01, 0.05, 0.005, 0.025, 0.005, 0.025, 0.005, 0.0125, 0.005, 0.00625, 0.005, 0.00625, 0.005, 0.00625, 0.005, 0.00625, 0.005, 0.00625, 0.005, 0.00625, 0.005, 0.00625, 0.005, 0.00625, 0.005, 0.00625, 0.005, 0.00625, 0.005, 0.00625, 0.005, 0.00625, 0.005, 0.00625, 0.005, 0.00625, 0.005]) {
        ReduceLROnPlateau($0, factor: 0.5, patience: 0, minLr: 0.004, eps: 0.003)
    },
    PlateauCase("plateauMinAbsNaN", [1.0, .nan, 0.8, 0.8, 0.8, .nan, 0.7], lastEpoch: 7, best: 0.7, numBadEpochs: 0, cooldownCounter: 0,
                lrs: [0.1, 0.01, 0.1, 0.01, 0.1, 0.01, 0.1, 0.01, 0.010000000000000002, 0.001, 0.010000000000000002, 0.001, 0.010000000000000002, 0.001]) {
        ReduceLROnPlateau($0, patience: 1, threshold: 0.1, thresholdMode: .abs)
    },
]

@Suite struct LRSchedulerTests {
    @Test(arguments: scheduleCases) func sequence(_ c: ScheduleCase) {
        let opt = c.optimizer.make()
        let scheduler = c.make(opt)
        var lrs = scheduler.getLastLr(), momentums = opt.momentums
        #expect(opt.learningRates == lrs)
        for _ in 0..<c.steps {
            scheduler.step()
            lrs += scheduler.getLastLr()
            momentums += opt.momentums
        }
        expectRelativelyClose(lrs, c.lrs)
        if let expected = c.momentums { expectRelativelyClose(momentums, expected) }
        #expect(scheduler.lastEpoch == c.lastEpoch)
    }

    @Test(arguments: plateauCases) func plateau(_ c: PlateauCase) {
        let opt = sgd()
        let scheduler = c.make(opt)
        #expect(scheduler.getLastLr() == [0.1, 0.01] && scheduler.lastEpoch == 0)
        var lrs: [Double] = []
        for metric in c.metrics {
            scheduler.step(metric)
            lrs += scheduler.getLastLr()
        }
        expectRelativelyClose(lrs, c.lrs)
        #expect(scheduler.lastEpoch == c.lastEpoch)
        #expect(scheduler.best == c.best)
        #expect(scheduler.numBadEpochs == c.numBadEpochs)
        #expect(scheduler.cooldownCounter == c.cooldownCounter)
    }

    @Test func plateauTakesATensorMetric() {
        let scheduler = ReduceLROnPlateau(sgd(), factor: 0.5, patience: 0)
        scheduler.step(Tensor(2.0, dtype: .float64))
        scheduler.step(Tensor(3.0))
        #expect(scheduler.best == 2 && scheduler.getLastLr() == [0.05, 0.005])
    }

    @Test func resumingUsesTheStoredInitialLearningRates() {
        let opt = sgd()
        _ = StepLR(opt, stepSize: 2, gamma: 0.5)
        opt.learningRates = [0.07, 0.01]
        let scheduler = StepLR(opt, stepSize: 2, gamma: 0.5, lastEpoch: 3)
        #expect(scheduler.baseLrs == [0.1, 0.01])
        #expect(scheduler.lastEpoch == 4)
        expectRelativelyClose(scheduler.getLastLr(), [0.035, 0.005])
        #expect(opt.initialLearningRates == [0.1, 0.01])
    }

    /// A scheduler written outside the module, as PyTorch users subclass `LRScheduler`.
    final class Halving: LRScheduler {
        override func getLr() throws -> [Double] {
            let lrs = optimizer.learningRates
            return isInitial ? lrs : lrs.map { $0 * 0.5 + Double(lastEpoch) * 1e-3 }
        }
    }

    @Test func customScheduler() {
        let scheduler = Halving(sgd())
        var lrs = scheduler.getLastLr()
        for _ in 0..<5 {
            scheduler.step()
            lrs += scheduler.getLastLr()
        }
        expectRelativelyClose(lrs, [0.1, 0.01, 0.051000000000000004, 0.006, 0.027500000000000004, 0.005, 0.01675,
                                    0.0055, 0.012375, 0.00675, 0.0111875, 0.008375])
        #expect(scheduler.lastEpoch == 5 && scheduler.stepCount == 6)
    }

    @Test func oneCycleKeepsAdamsSecondBeta() {
        let opt = Adam([Parameter(Tensor.zeros([2]))], lr: 0.1, betas: (0.8, 0.99))
        opt.addParamGroup([Parameter(Tensor.zeros([3]))]) { $0.lr = 0.01 }
        _ = OneCycleLR(opt, maxLr: 0.5, totalSteps: 10)
        #expect(opt.paramGroups.map(\.options.betas.0) == [0.95, 0.95])
        #expect(opt.paramGroups.map(\.options.betas.1) == [0.99, 0.99])
        #expect(opt.initialLearningRates == [0.02, 0.02])
    }

    @Test func oneCycleFailsPastTotalSteps() throws {
        let opt = sgd()
        let scheduler = OneCycleLR(opt, maxLr: 1.0, totalSteps: 3)
        for _ in 0..<3 { scheduler.step() }
        expectRelativelyClose(scheduler.getLastLr(), [0.4626371026669753, 0.4626371026669753])
        expectTensorError(.valueError, "Tried to step 4 times. The specified number of total steps is 3") {
            scheduler.step()
        }
        #expect(scheduler.lastEpoch == 4)
        expectRelativelyClose(scheduler.getLastLr(), [0.4626371026669753, 0.4626371026669753])
    }

    /// PyTorch's message prints the other optimizer's repr (its groups and options); Ember's
    /// names its type.
    @Test func sequentialOfAnotherOptimizer() {
        let error = capturedError { _ = SequentialLR(sgd(), schedulers: [StepLR(sgd(), stepSize: 2)], milestones: []) }
        #expect(error?.kind == .valueError)
        #expect(error?.message.hasPrefix(
            "SequentialLR expects all schedulers to belong to the same optimizer, but got scheduler StepLR at index 0 has "
        ) == true)
    }

    @Test func validArguments() {
        expectNoTensorError { _ = LinearLR(sgd(), startFactor: 1, endFactor: 0) }
        expectNoTensorError { _ = OneCycleLR(sgd(), maxLr: [1, 2], totalSteps: 1, pctStart: 0) }
        expectNoTensorError { _ = OneCycleLR(NoMomentum(), maxLr: 1, totalSteps: 5, cycleMomentum: false) }
        expectNoTensorError { _ = ReduceLROnPlateau(sgd(), factor: 0.99, minLr: [0, 0]) }
    }

    @Test(arguments: LRSchedulerErrors.all) func errorCaptured(_ c: OpErrorCase) { expectCaptured(c) }

    @Test(arguments: LRSchedulerErrors.all) func errorStops(_ c: OpErrorCase) async {
        await expectStops(c, in: LRSchedulerErrors.self)
    }
}

/// The schedulers' argument errors, PyTorch's messages (see the second script). A zero period
/// fails as Python's `ZeroDivisionError`, for which Ember has no kind: a `RuntimeError` with
/// its message.
enum LRSchedulerErrors: OpErrorTable {
    static let all: [OpErrorCase] = [
        OpErrorCase("linearStart0", .valueError,
                    "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.") {
            _ = LinearLR(sgd(), startFactor: 0)
        },
        OpErrorCase("linearStartBig", .valueError,
                    "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.") {
            _ = LinearLR(sgd(), startFactor: 1.5)
        },
        OpErrorCase("linearEnd", .valueError, "Ending multiplicative factor expected to be between 0 and 1.") {
            _ = LinearLR(sgd(), endFactor: -0.5)
        },
        OpErrorCase("oneCycleTotal", .valueError, "Expected positive integer total_steps, but got 0") {
            _ = OneCycleLR(sgd(), maxLr: 1.0, totalSteps: 0)
        },
        OpErrorCase("oneCycleEpochs", .valueError, "Expected positive integer epochs, but got 0") {
            _ = OneCycleLR(sgd(), maxLr: 1.0, epochs: 0, stepsPerEpoch: 3)
        },
        OpErrorCase("oneCycleSPE", .valueError, "Expected positive integer steps_per_epoch, but got -1") {
            _ = OneCycleLR(sgd(), maxLr: 1.0, epochs: 2, stepsPerEpoch: -1)
        },
        OpErrorCase("oneCycleNone", .valueError, "You must define either total_steps OR (epochs AND steps_per_epoch)") {
            _ = OneCycleLR(sgd(), maxLr: 1.0, epochs: 2)
        },
        OpErrorCase("oneCyclePct", .valueError, "Expected float between 0 and 1 pct_start, but got 1.5") {
            _ = OneCycleLR(sgd(), maxLr: 1.0, totalSteps: 10, pctStart: 1.5)
        },
        OpErrorCase("oneCyclePctNeg", .valueError, "Expected float between 0 and 1 pct_start, but got -0.25") {
            _ = OneCycleLR(sgd(), maxLr: 1.0, totalSteps: 10, pctStart: -0.25)
        },
        OpErrorCase("oneCycleMaxLr", .valueError,
                    "max_lr must have the same length as optimizer.param_groups. max_lr has 1 values, param_groups has 2.") {
            _ = OneCycleLR(sgd(), maxLr: [1.0], totalSteps: 10)
        },
        OpErrorCase("oneCycleBaseMom", .valueError,
                    "base_momentum must have the same length as optimizer.param_groups. base_momentum has 3 values, param_groups has 2.") {
            _ = OneCycleLR(sgd(), maxLr: 1.0, totalSteps: 10, baseMomentum: [0.8, 0.8, 0.8])
        },
        OpErrorCase("oneCycleNoMomentum", .valueError,
                    "optimizer must support momentum or beta1 with `cycle_momentum` option enabled") {
            _ = OneCycleLR(NoMomentum(), maxLr: 1.0, totalSteps: 10)
        },
        OpErrorCase("plateauFactor", .valueError, "Factor should be < 1.0.") {
            _ = ReduceLROnPlateau(sgd(), factor: 1.0)
        },
        OpErrorCase("plateauMinLrs", .valueError, "expected 2 min_lrs, got 3") {
            _ = ReduceLROnPlateau(sgd(), minLr: [0.1, 0.2, 0.3])
        },
        OpErrorCase("plateauNoMetric", .typeError, "ReduceLROnPlateau.step() missing 1 required positional argument: 'metrics'") {
            ReduceLROnPlateau(sgd()).step()
        },
        OpErrorCase("lambdaCount", .valueError, "Expected 2 lr_lambdas, but got 1") {
            _ = LambdaLR(sgd(), lrLambdas: [{ _ in 1.0 }])
        },
        OpErrorCase("seqEmpty", .valueError, "SequentialLR expects at least one scheduler, but got no scheduler.") {
            _ = SequentialLR(sgd(), schedulers: [], milestones: [])
        },
        OpErrorCase("seqMilestones", .valueError,
                    "Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers 2 and the number of milestones to be equal to 2") {
            let o = sgd()
            _ = SequentialLR(o, schedulers: [StepLR(o, stepSize: 2), StepLR(o, stepSize: 3)], milestones: [1, 2])
        },
        OpErrorCase("seqPlateau", .valueError,
                    "SequentialLR does not support `ReduceLROnPlateau` scheduler as it requires additional kwargs to be specified when calling `step`, but got one at index 1 in the given schedulers sequence.") {
            let o = sgd()
            _ = SequentialLR(o, schedulers: [StepLR(o, stepSize: 2), ReduceLROnPlateau(o)], milestones: [1])
        },
        OpErrorCase("resume", .keyError, """
            param 'initial_lr' is not specified in param_groups[0] when resuming scheduler with last_epoch >= 0.
            This typically happens when:
            1. You're trying to resume training from a checkpoint but haven't properly loaded the optimizer state
            2. You're using last_epoch >= 0 for a fresh training run (not recommended)
            """) {
            _ = StepLR(sgd(), stepSize: 2, lastEpoch: 3)
        },
        OpErrorCase("stepSizeZero", "integer modulo by zero") {
            StepLR(sgd(), stepSize: 0).step()
        },
        OpErrorCase("tMaxZero", "integer modulo by zero") {
            CosineAnnealingLR(sgd(), tMax: 0).step()
        },
    ]
}
