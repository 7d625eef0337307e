// BinaryCrossEntropyTests.swift
//
// BCELoss and BCEWithLogitsLoss (fused, one node each, with input and target gradients) against
// what PyTorch 2.15 printed for this script (each case: loss.grad_fn.name(), the loss, x.grad and
// t.grad after loss.sum().backward() on float64 leaves):
//
//     import torch, torch.nn.functional as F
//     p0 = [[0.2, 0.9, 0.5], [0.01, 0.7, 1.0]]; z0 = [[0.3, -2.0, 4.0], [-0.5, 1.2, 0.0]]
//     t0 = [[0.0, 1.0, 0.3], [1.0, 0.6, 0.0]]
//     w = torch.tensor([2.0, 0.5, 1.0], dtype=torch.float64); pw = torch.tensor([1.5, 0.25, 3.0], dtype=torch.float64)
//     def case(x0, f):
//         x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
//         t = torch.tensor(t0, dtype=torch.float64, requires_grad=True)
//         l = f(x, t); l.sum().backward()
//         print(l.grad_fn.name(), l.flatten().tolist(), x.grad.flatten().tolist(), t.grad.flatten().tolist())
//     for r in ['mean', 'sum', 'none']:
//         case(p0, lambda x, t: F.binary_cross_entropy(x, t, reduction=r))
//         case(p0, lambda x, t: F.binary_cross_entropy(x, t, weight=w, reduction=r))
//     for r in ['mean', 'sum', 'none']:
//         case(z0, lambda x, t: F.binary_cross_entropy_with_logits(x, t, reduction=r))
//         case(z0, lambda x, t: F.binary_cross_entropy_with_logits(x, t, weight=w, reduction=r))
//         case(z0, lambda x, t: F.binary_cross_entropy_with_logits(x, t, pos_weight=pw, reduction=r))
//         case(z0, lambda x, t: F.binary_cross_entropy_with_logits(x, t, weight=w, pos_weight=pw, reduction=r))
//     x = torch.tensor([0.0, 1.0, 0.0, 1.0], dtype=torch.float64, requires_grad=True)
//     l = F.binary_cross_entropy(x, torch.tensor([1.0, 0.0, 0.0, 1.0], dtype=torch.float64), reduction='none')
//     l.sum().backward(); print(l.tolist(), x.grad.tolist())   # the log clamped at -100
//     x = torch.tensor(z0, dtype=torch.float64, requires_grad=True)
//     l = F.binary_cross_entropy_with_logits(x, torch.tensor(t0, dtype=torch.float64),
//             weight=torch.tensor([[2.0], [0.5]], dtype=torch.float64), pos_weight=pw); l.backward()
//     print(l.item(), x.grad.flatten().tolist())
//     x = torch.tensor([1000.0, -1000.0, 1000.0, -1000.0], requires_grad=True); t = torch.tensor([0.0, 1.0, 1.0, 0.0])
//     l = F.binary_cross_entropy_with_logits(x, t, reduction='none'); l.sum().backward(); print(l.tolist(), x.grad.tolist())
//     x.grad = None; l = F.binary_cross_entropy_with_logits(x, t, pos_weight=torch.tensor(2.0)); l.backward()
//     print(l.item(), x.grad.tolist())
//     x = torch.tensor(z0, requires_grad=True)   # float32
//     l = F.binary_cross_entropy_with_logits(x, torch.tensor(t0)); l.backward(); print(l.item(), x.grad.flatten().tolist())
//     e = torch.zeros(0, dtype=torch.float64)    # nan nan 0.0
//     print(F.binary_cross_entropy(e, e).item(), F.binary_cross_entropy_with_logits(e, e).item(),
//           F.binary_cross_entropy_with_logits(e, e, reduction='sum').item())
//     x = torch.tensor(p0, dtype=torch.float64)
//     F.binary_cross_entropy(x, x[0])   # ValueError: Using a target size (torch.Size([3])) that is different to the
//                                       # input size (torch.Size([2, 3])) is deprecated. Please ensure they have the same size.
//     F.binary_cross_entropy(x * 2, x)  # RuntimeError: all elements of input should be between 0 and 1 (also for NaN)
//     F.binary_cross_entropy_with_logits(x, x[:, :2])
//     # ValueError: Target size (torch.Size([2, 2])) must be the same as input size (torch.Size([2, 3]))

import Testing
import Ember
import EmberTestSupport

@Suite struct BinaryCrossEntropyTests {
    static let probabilities = [[0.2, 0.9, 0.5], [0.01, 0.7, 1.0]]
    static let logits = [[0.3, -2.0, 4.0], [-0.5, 1.2, 0.0]]
    static let target = [[0.0, 1.0, 0.3], [1.0, 0.6, 0.0]]

    static let probabilityCases: [LossCase] = [
        .init("bce mean", "BinaryCrossEntropyBackward0",
              [17.720402586935613],
              [0.2083333333333333, -0.1851851851851852, 0.13333333333333333, -16.666666666666664, 0.07936507936507935, 166666667332.63382],
              [0.23104906018664842, -0.3662040962227033, -0.0, 0.7658533083557649, -0.14121631006453392, -inf]) { BCELoss(reduction: .mean)($0, $1) },
        .init("bce weighted mean", "BinaryCrossEntropyBackward0",
              [18.45837532617338],
              [0.4166666666666666, -0.0925925925925926, 0.13333333333333333, -33.33333333333333, 0.03968253968253967, 166666667332.63382],
              [0.46209812037329684, -0.18310204811135164, -0.0, 1.5317066167115299, -0.07060815503226696, -inf]) { Functional.binaryCrossEntropy($0, $1, weight: Tensor([2.0, 0.5, 1.0], dtype: .float64), reduction: .mean) },
        .init("bce sum", "BinaryCrossEntropyBackward0",
              [106.32241552161368],
              [1.2499999999999998, -1.1111111111111112, 0.8, -99.99999999999999, 0.47619047619047605, 1000000003995.8029],
              [1.3862943611198906, -2.1972245773362196, -0.0, 4.59511985013459, -0.8472978603872034, -inf]) { BCELoss(reduction: .sum)($0, $1) },
        .init("bce weighted sum", "BinaryCrossEntropyBackward0",
              [110.75025195704026],
              [2.4999999999999996, -0.5555555555555556, 0.8, -199.99999999999997, 0.23809523809523803, 1000000003995.8029],
              [2.772588722239781, -1.0986122886681098, -0.0, 9.19023970026918, -0.4236489301936017, -inf]) { Functional.binaryCrossEntropy($0, $1, weight: Tensor([2.0, 0.5, 1.0], dtype: .float64), reduction: .sum) },
        .init("bce none", "BinaryCrossEntropyBackward0",
              [0.22314355131420976, 0.10536051565782628, 0.6931471805599453, 4.605170185988091, 0.6955940880936138, 100.0],
              [1.2499999999999998, -1.1111111111111112, 0.8, -99.99999999999999, 0.47619047619047605, 1000000003995.8029],
              [1.3862943611198906, -2.1972245773362196, -0.0, 4.59511985013459, -0.8472978603872034, -inf]) { BCELoss(reduction: .none)($0, $1) },
        .init("bce weighted none", "BinaryCrossEntropyBackward0",
              [0.44628710262841953, 0.05268025782891314, 0.6931471805599453, 9.210340371976182, 0.3477970440468069, 100.0],
              [2.4999999999999996, -0.5555555555555556, 0.8, -199.99999999999997, 0.23809523809523803, 1000000003995.8029],
              [2.772588722239781, -1.0986122886681098, -0.0, 9.19023970026918, -0.4236489301936017, -inf]) { Functional.binaryCrossEntropy($0, $1, weight: Tensor([2.0, 0.5, 1.0], dtype: .float64), reduction: .none) },
    ]

    static let logitCases: [LossCase] = [
        .init("logits mean", "BinaryCrossEntropyWithLogitsBackward0",
              [1.3683233025845656],
              [0.09574041946860984, -0.14679951299631375, 0.11366896500631807, -0.10374322186697577, 0.028087463916502926, 0.08333333333333333],
              [-0.049999999999999996, 0.3333333333333333, -0.6666666666666666, 0.08333333333333333, -0.19999999999999998, -0.0]) { BCEWithLogitsLoss(reduction: .mean)($0, $1) },
        .init("logits weighted mean", "BinaryCrossEntropyWithLogitsBackward0",
              [1.4338778008275874],
              [0.19148083893721968, -0.07339975649815687, 0.11366896500631807, -0.20748644373395153, 0.014043731958251463, 0.08333333333333333],
              [-0.09999999999999999, 0.16666666666666666, -0.6666666666666666, 0.16666666666666666, -0.09999999999999999, -0.0]) { BCEWithLogitsLoss(weight: Tensor([2.0, 0.5, 1.0], dtype: .float64), reduction: .mean)($0, $1) },
        .init("logits posWeight mean", "BinaryCrossEntropyWithLogitsBackward0",
              [1.1656991909606313],
              [0.09574041946860984, -0.03669987824907844, 0.11187034401010891, -0.15561483280046365, 0.0454481051540766, 0.08333333333333333],
              [-0.0038037296276227464, 0.06746733195296178, -0.6606166906940634, 0.16450641534834223, -0.23291030841725388, 0.2310490601866484]) { BCEWithLogitsLoss(reduction: .mean, posWeight: Tensor([1.5, 0.25, 3.0], dtype: .float64))($0, $1) },
        .init("logits both mean", "BinaryCrossEntropyWithLogitsBackward0",
              [1.4552328644340242],
              [0.19148083893721968, -0.01834993912453922, 0.11187034401010891, -0.3112296656009273, 0.0227240525770383, 0.08333333333333333],
              [-0.007607459255245493, 0.03373366597648089, -0.6606166906940634, 0.32901283069668447, -0.11645515420862694, 0.2310490601866484]) { Functional.binaryCrossEntropyWithLogits($0, $1, weight: Tensor([2.0, 0.5, 1.0], dtype: .float64), reduction: .mean, posWeight: Tensor([1.5, 0.25, 3.0], dtype: .float64)) },
        .init("logits sum", "BinaryCrossEntropyWithLogitsBackward0",
              [8.209939815507393],
              [0.574442516811659, -0.8807970779778824, 0.6820137900379084, -0.6224593312018546, 0.16852478349901756, 0.5],
              [-0.3, 2.0, -4.0, 0.5, -1.2, -0.0]) { BCEWithLogitsLoss(reduction: .sum)($0, $1) },
        .init("logits weighted sum", "BinaryCrossEntropyWithLogitsBackward0",
              [8.603266804965525],
              [1.148885033623318, -0.4403985389889412, 0.6820137900379084, -1.2449186624037092, 0.08426239174950878, 0.5],
              [-0.6, 1.0, -4.0, 1.0, -0.6, -0.0]) { BCEWithLogitsLoss(weight: Tensor([2.0, 0.5, 1.0], dtype: .float64), reduction: .sum)($0, $1) },
        .init("logits posWeight sum", "BinaryCrossEntropyWithLogitsBackward0",
              [6.994195145763788],
              [0.574442516811659, -0.2201992694944706, 0.6712220640606534, -0.933688996802782, 0.2726886309244596, 0.5],
              [-0.02282237776573648, 0.4048039917177707, -3.96370014416438, 0.9870384920900535, -1.3974618505035232, 1.3862943611198904]) { BCEWithLogitsLoss(reduction: .sum, posWeight: Tensor([1.5, 0.25, 3.0], dtype: .float64))($0, $1) },
        .init("logits both sum", "BinaryCrossEntropyWithLogitsBackward0",
              [8.731397186604145],
              [1.148885033623318, -0.1100996347472353, 0.6712220640606534, -1.867377993605564, 0.1363443154622298, 0.5],
              [-0.04564475553147296, 0.20240199585888535, -3.96370014416438, 1.974076984180107, -0.6987309252517616, 1.3862943611198904]) { Functional.binaryCrossEntropyWithLogits($0, $1, weight: Tensor([2.0, 0.5, 1.0], dtype: .float64), reduction: .sum, posWeight: Tensor([1.5, 0.25, 3.0], dtype: .float64)) },
        .init("logits none", "BinaryCrossEntropyWithLogitsBackward0",
              [0.8543552444685272, 2.1269280110429727, 2.8181499279178097, 0.9740769841801067, 0.7432824673380312, 0.6931471805599453],
              [0.574442516811659, -0.8807970779778824, 0.6820137900379084, -0.6224593312018546, 0.16852478349901756, 0.5],
              [-0.3, 2.0, -4.0, 0.5, -1.2, -0.0]) { BCEWithLogitsLoss(reduction: .none)($0, $1) },
        .init("logits weighted none", "BinaryCrossEntropyWithLogitsBackward0",
              [1.7087104889370544, 1.0634640055214863, 2.8181499279178097, 1.9481539683602134, 0.3716412336690156, 0.6931471805599453],
              [1.148885033623318, -0.4403985389889412, 0.6820137900379084, -1.2449186624037092, 0.08426239174950878, 0.5],
              [-0.6, 1.0, -4.0, 1.0, -0.6, -0.0]) { BCEWithLogitsLoss(weight: Tensor([2.0, 0.5, 1.0], dtype: .float64), reduction: .none)($0, $1) },
        .init("logits posWeight none", "BinaryCrossEntropyWithLogitsBackward0",
              [0.8543552444685272, 0.5317320027607432, 2.829039884668495, 1.4611154762701601, 0.6248053570359171, 0.6931471805599453],
              [0.574442516811659, -0.2201992694944706, 0.6712220640606534, -0.933688996802782, 0.2726886309244596, 0.5],
              [-0.02282237776573648, 0.4048039917177707, -3.96370014416438, 0.9870384920900535, -1.3974618505035232, 1.3862943611198904]) { BCEWithLogitsLoss(reduction: .none, posWeight: Tensor([1.5, 0.25, 3.0], dtype: .float64))($0, $1) },
        .init("logits both none", "BinaryCrossEntropyWithLogitsBackward0",
              [1.7087104889370544, 0.2658660013803716, 2.829039884668495, 2.9222309525403203, 0.31240267851795855, 0.6931471805599453],
              [1.148885033623318, -0.1100996347472353, 0.6712220640606534, -1.867377993605564, 0.1363443154622298, 0.5],
              [-0.04564475553147296, 0.20240199585888535, -3.96370014416438, 1.974076984180107, -0.6987309252517616, 1.3862943611198904]) { Functional.binaryCrossEntropyWithLogits($0, $1, weight: Tensor([2.0, 0.5, 1.0], dtype: .float64), reduction: .none, posWeight: Tensor([1.5, 0.25, 3.0], dtype: .float64)) },
    ]

    @Test(arguments: probabilityCases)
    func probabilities(_ c: LossCase) throws {
        try c.check(input: Self.probabilities, target: Self.target)
    }

    @Test(arguments: logitCases)
    func logits(_ c: LossCase) throws {
        try c.check(input: Self.logits, target: Self.target)
    }

    @Test func logClampedAtMinus100() throws {
        let x = Tensor([0.0, 1.0, 0.0, 1.0], dtype: .float64, requiresGrad: true)
        let loss = Functional.binaryCrossEntropy(x, Tensor([1.0, 0.0, 0.0, 1.0], dtype: .float64), reduction: .none)
        expectClose(loss, shape: [4], [100.0, 100.0, 0.0, 0.0])
        try loss.sum().backward()
        expectGrad(x.grad, shape: [4], [-1000000003995.8029, 1000000003995.8029, 0.0, 0.0])
    }

    @Test func broadcastWeightsAndExtremeLogits() throws {
        let x = Tensor(Self.logits, dtype: .float64, requiresGrad: true)
        let loss = BCEWithLogitsLoss(weight: Tensor([[2.0], [0.5]], dtype: .float64),
                                     posWeight: Tensor([1.5, 0.25, 3.0], dtype: .float64))(x, Tensor(Self.target, dtype: .float64))
        expectClose(loss, shape: [], [1.6366313784547568])
        try loss.backward()
        expectGrad(x.grad, shape: [2, 3], [0.19148083893721968, -0.07339975649815687, 0.22374068802021782,
                                           -0.07780741640023182, 0.0227240525770383, 0.041666666666666664])
        // Logits of ±1000 stay finite in float32, loss and gradient.
        let z = Tensor([1000.0, -1000.0, 1000.0, -1000.0], requiresGrad: true)
        let t = Tensor([0.0, 1.0, 1.0, 0.0])
        let each = Functional.binaryCrossEntropyWithLogits(z, t, reduction: .none)
        expectFloats(each, shape: [4], [1000, 1000, 0, 0])
        try each.sum().backward()
        expectFloats(z.grad!, shape: [4], [1, -1, 0, 0])
        z.grad = nil
        let weighted = Functional.binaryCrossEntropyWithLogits(z, t, posWeight: Tensor(2.0))
        expectFloats(weighted, shape: [], [750])
        try weighted.backward()
        expectFloats(z.grad!, shape: [4], [0.25, -0.5, 0, 0])
    }

    @Test func float32AndEmpty() throws {
        let x = Tensor(Self.logits, dtype: .float32, requiresGrad: true)
        let loss = Functional.binaryCrossEntropyWithLogits(x, Tensor(Self.target, dtype: .float32))
        expectClose(loss, shape: [], [1.3683233261108398], dtype: .float32, tolerance: 1e-7)
        try loss.backward()
        expectClose(x.grad, shape: [2, 3], [0.0957404151558876, -0.14679951965808868, 0.11366895586252213,
                                            -0.10374321788549423, 0.028087466955184937, 0.0833333358168602], tolerance: 1e-7)
        let e = Tensor.zeros([0], dtype: .float64)
        #expect(Functional.binaryCrossEntropy(e, e).item().isNaN)
        #expect(Functional.binaryCrossEntropyWithLogits(e, e).item().isNaN)
        #expect(Functional.binaryCrossEntropyWithLogits(e, e, reduction: .sum).item() == 0)
    }

    @Test func errorsAndNames() {
        let x = Tensor(Self.probabilities, dtype: .float64)
        expectTensorError(.valueError, "Using a target size (torch.Size([3])) that is different to the input size (torch.Size([2, 3])) is deprecated. Please ensure they have the same size.") {
            _ = BCELoss()(x, Tensor([0.0, 1.0, 0.3], dtype: .float64))
        }
        expectTensorError(.runtimeError, "all elements of input should be between 0 and 1") {
            _ = Functional.binaryCrossEntropy(x * 2, x)
        }
        expectTensorError(.runtimeError, "all elements of input should be between 0 and 1") {
            _ = Functional.binaryCrossEntropy(Tensor([Double.nan]), Tensor([0.5]))
        }
        expectTensorError(.valueError, "Target size (torch.Size([2, 2])) must be the same as input size (torch.Size([2, 3]))") {
            _ = BCEWithLogitsLoss()(x, x.narrow(dim: 1, start: 0, length: 2))
        }
        expectTensorError(.valueError, "batchmean is not a valid value for reduction") {
            _ = Functional.binaryCrossEntropy(x, x, reduction: .batchmean)
        }
        expectTensorError(.valueError, "avg is not a valid value for reduction") {
            _ = Functional.binaryCrossEntropyWithLogits(x, x, reduction: "avg")
        }
        #expect(BCELoss().description == "BCELoss()" && BCEWithLogitsLoss().description == "BCEWithLogitsLoss()")
    }
}
