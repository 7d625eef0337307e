// CrossEntropyTargetsTests.swift
//
// Cross entropy with class-probability targets and with label smoothing (weights, ignore_index,
// [N, C, d1, d2] inputs) against what PyTorch 2.15 printed for this script (each case:
// loss.grad_fn.name(), the loss, x.grad and, for probabilities, p.grad after loss.sum().backward()):
//
//     import torch, torch.nn.functional as F
//     x0 = [[1.0, 2.0, 0.5], [0.1, -1.0, 3.0], [2.0, 2.0, 2.0], [0.0, 1.5, -0.5]]
//     p0 = [[0.2, 0.5, 0.3], [0.0, 0.1, 0.9], [1.0, 0.0, 0.0], [0.25, 0.25, 0.5]]
//     w = torch.tensor([1.0, 2.0, 0.5], dtype=torch.float64)
//     for r in ['mean', 'sum', 'none']:
//         for weight in [None, w]:
//             for ls in [0.0, 0.2]:
//                 x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
//                 p = torch.tensor(p0, dtype=torch.float64, requires_grad=True)
//                 l = F.cross_entropy(x, p, weight=weight, reduction=r, label_smoothing=ls); l.sum().backward()
//                 print(l.grad_fn.name(), l.flatten().tolist(), x.grad.flatten().tolist(), p.grad.flatten().tolist())
//             x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
//             l = F.cross_entropy(x, torch.tensor([1, 2, 0, -100]), weight=weight, reduction=r, label_smoothing=0.3)
//             l.sum().backward(); print(l.grad_fn.name(), l.flatten().tolist(), x.grad.flatten().tolist())
//     y = torch.arange(24., dtype=torch.float64).reshape(2, 3, 2, 2).sin().requires_grad_()
//     q = torch.arange(24., dtype=torch.float64).reshape(2, 3, 2, 2).cos().softmax(1).requires_grad_()
//     l = F.cross_entropy(y, q, weight=w, label_smoothing=0.1); l.backward()
//     print(l.item(), y.grad.flatten().tolist(), q.grad.flatten().tolist())
//     print(F.cross_entropy(y, q, reduction='none').flatten().tolist())
//     y.grad = None; ti = torch.tensor([[[0, 2], [1, -100]], [[2, 2], [0, 1]]])
//     l = F.cross_entropy(y, ti, weight=w, label_smoothing=0.25); l.backward(); print(l.item(), y.grad.flatten().tolist())
//     print(F.cross_entropy(y, ti, label_smoothing=0.25, reduction='none').flatten().tolist())
//     v = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64, requires_grad=True)
//     l = F.cross_entropy(v, torch.tensor([0.1, 0.2, 0.7], dtype=torch.float64)); l.backward(); print(l.item(), v.grad.tolist())
//     v.grad = None; l = F.cross_entropy(v, torch.tensor(1), label_smoothing=0.4); l.backward(); print(l.item(), v.grad.tolist())
//     x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
//     l = F.cross_entropy(x, torch.tensor([-100] * 4), label_smoothing=0.1); l.backward(); print(l.item(), x.grad.flatten().tolist())
//     e = torch.zeros(0, 3, dtype=torch.float64)   # nan nan -0.0
//     print(F.cross_entropy(e, torch.zeros(0, dtype=torch.long)).item(), F.cross_entropy(e, e).item(),
//           F.cross_entropy(e, e, reduction='sum').item())
//     x = x.detach(); p = torch.tensor(p0, dtype=torch.float64); t = torch.tensor([1, 2, 0, -100])
//     F.cross_entropy(x, torch.zeros(4, 3, dtype=torch.long))
//     # RuntimeError: Expected floating point type for target with class probabilities, got Long
//     F.cross_entropy(x, p, ignore_index=1)  # RuntimeError: ignore_index is not supported for floating point target
//     F.cross_entropy(x, p, weight=torch.ones(2, dtype=torch.float64))
//     # RuntimeError: cross_entropy: weight tensor should be defined either for all 3 classes or no classes but got weight tensor of shape: [2]
//     F.cross_entropy(x, p, label_smoothing=1.5)  # RuntimeError: label_smoothing must be between 0.0 and 1.0. Got: 1.5
//     F.cross_entropy(x, t, label_smoothing=2.0)  # RuntimeError: label_smoothing must be between 0.0 and 1.0. Got: 2
//
// PyTorch's C++ divides the probability-target mean by an integer and so records DivBackward1;
// Ember's division of a tensor by a number always records DivBackward0 (what Python's `/`
// records), so the cases below expect DivBackward0 there.

import Testing
import Ember
import EmberTestSupport

@Suite struct CrossEntropyTargetsTests {
    static let logits = [[1.0, 2.0, 0.5], [0.1, -1.0, 3.0], [2.0, 2.0, 2.0], [0.0, 1.5, -0.5]]
    static let probabilities = [[0.2, 0.5, 0.3], [0.0, 0.1, 0.9], [1.0, 0.0, 0.0], [0.25, 0.25, 0.5]]

    static let probabilityCases: [LossCase] = [
        .init("probabilities mean smoothing 0.0", "DivBackward0",
              [1.091277750991423],
              [0.007805974405537257, 0.03213292980294061, -0.03993890420847788, 0.01281590142708592, -0.020733957003398147, 0.007918055576312227, -0.16666666666666669, 0.08333333333333333, 0.08333333333333333, -0.02143709309372805, 0.12153118107814845, -0.10009408798442043],
              [0.3660921960269862, 0.11609219602698623, 0.4910921960269862, 0.7426935547401228, 1.017693554740123, 0.01769355474012283, 0.27465307216702745, 0.27465307216702745, 0.27465307216702745, 0.4515889280572867, 0.07658892805728666, 0.5765889280572867]) { Functional.crossEntropy($0, $1, reduction: .mean, labelSmoothing: 0.0) },
        .init("probabilities mean smoothing 0.2", "DivBackward0",
              [1.185027750991423],
              [0.0011393077388705888, 0.04046626313627394, -0.04160557087514454, -0.0038507652395807467, -0.03240062367006481, 0.03625138890964555, -0.13333333333333336, 0.06666666666666667, 0.06666666666666667, -0.025603759760394716, 0.11736451441148178, -0.0917607546510871],
              [0.292873756821589, 0.09287375682158899, 0.392873756821589, 0.5941548437920983, 0.8141548437920983, 0.014154843792098266, 0.21972245773362198, 0.21972245773362198, 0.21972245773362198, 0.36127114244582936, 0.06127114244582933, 0.46127114244582934]) { Functional.crossEntropy($0, $1, reduction: .mean, labelSmoothing: 0.2) },
        .init("probabilities mean weighted smoothing 0.0", "DivBackward0",
              [1.0444672754418254],
              [0.02803806544747529, -0.037870544766030204, 0.009832479318554858, 0.008330335927605848, -0.0472270720522088, 0.038896736124602954, -0.16666666666666669, 0.08333333333333333, 0.08333333333333333, -0.02143709309372805, 0.05903118107814845, -0.037594087984420425],
              [0.3660921960269862, 0.23218439205397245, 0.2455460980134931, 0.7426935547401228, 2.035387109480246, 0.008846777370061416, 0.27465307216702745, 0.5493061443340549, 0.13732653608351372, 0.4515889280572867, 0.15317785611457332, 0.28829446402864334]) { Functional.crossEntropy($0, $1, weight: Tensor([1.0, 2.0, 0.5], dtype: .float64), reduction: .mean, labelSmoothing: 0.0) },
        .init("probabilities mean weighted smoothing 0.2", "DivBackward0",
              [1.201246962251459],
              [0.019251846385938937, -0.026965418858804654, 0.007713572472865724, -0.007012020924928606, -0.07011958094255993, 0.07713160186748856, -0.13055555555555556, 0.052777777777777785, 0.07777777777777778, -0.024234996196852314, 0.05683222044742008, -0.03259722425056777],
              [0.292873756821589, 0.18574751364317799, 0.1964368784107945, 0.5941548437920983, 1.6283096875841967, 0.007077421896049133, 0.21972245773362198, 0.43944491546724396, 0.10986122886681099, 0.36127114244582936, 0.12254228489165866, 0.23063557122291467]) { Functional.crossEntropy($0, $1, weight: Tensor([1.0, 2.0, 0.5], dtype: .float64), reduction: .mean, labelSmoothing: 0.2) },
        .init("probabilities sum smoothing 0.0", "NegBackward0",
              [4.365111003965692],
              [0.031223897622149027, 0.12853171921176243, -0.1597556168339115, 0.05126360570834368, -0.08293582801359259, 0.03167222230524891, -0.6666666666666667, 0.3333333333333333, 0.3333333333333333, -0.0857483723749122, 0.4861247243125938, -0.40037635193768173],
              [1.464368784107945, 0.4643687841079449, 1.964368784107945, 2.970774218960491, 4.070774218960492, 0.07077421896049133, 1.0986122886681098, 1.0986122886681098, 1.0986122886681098, 1.8063557122291467, 0.30635571222914665, 2.3063557122291467]) { Functional.crossEntropy($0, $1, reduction: .sum, labelSmoothing: 0.0) },
        .init("probabilities sum smoothing 0.2", "NegBackward0",
              [4.740111003965692],
              [0.004557230955482355, 0.16186505254509576, -0.16642228350057817, -0.015403060958322987, -0.12960249468025925, 0.1450055556385822, -0.5333333333333334, 0.26666666666666666, 0.26666666666666666, -0.10241503904157886, 0.46945805764592713, -0.3670430186043484],
              [1.171495027286356, 0.37149502728635597, 1.571495027286356, 2.376619375168393, 3.2566193751683934, 0.05661937516839306, 0.8788898309344879, 0.8788898309344879, 0.8788898309344879, 1.4450845697833175, 0.24508456978331733, 1.8450845697833174]) { Functional.crossEntropy($0, $1, reduction: .sum, labelSmoothing: 0.2) },
        .init("probabilities sum weighted smoothing 0.0", "NegBackward0",
              [4.1778691017673015],
              [0.11215226178990116, -0.15148217906412081, 0.03932991727421943, 0.03332134371042339, -0.1889082882088352, 0.15558694449841182, -0.6666666666666667, 0.3333333333333333, 0.3333333333333333, -0.0857483723749122, 0.2361247243125938, -0.1503763519376817],
              [1.464368784107945, 0.9287375682158898, 0.9821843920539725, 2.970774218960491, 8.141548437920983, 0.03538710948024566, 1.0986122886681098, 2.1972245773362196, 0.5493061443340549, 1.8063557122291467, 0.6127114244582933, 1.1531778561145734]) { Functional.crossEntropy($0, $1, weight: Tensor([1.0, 2.0, 0.5], dtype: .float64), reduction: .sum, labelSmoothing: 0.0) },
        .init("probabilities sum weighted smoothing 0.2", "NegBackward0",
              [4.804987849005836],
              [0.07700738554375575, -0.10786167543521862, 0.030854289891462897, -0.028048083699714423, -0.28047832377023973, 0.30852640746995424, -0.5222222222222223, 0.21111111111111114, 0.3111111111111111, -0.09693998478740926, 0.22732888178968033, -0.13038889700227108],
              [1.171495027286356, 0.7429900545727119, 0.785747513643178, 2.376619375168393, 6.513238750336787, 0.02830968758419653, 0.8788898309344879, 1.7577796618689758, 0.43944491546724396, 1.4450845697833175, 0.49016913956663466, 0.9225422848916587]) { Functional.crossEntropy($0, $1, weight: Tensor([1.0, 2.0, 0.5], dtype: .float64), reduction: .sum, labelSmoothing: 0.2) },
        .init("probabilities none smoothing 0.0", "NegBackward0",
              [1.114368784107945, 0.4707742189604914, 1.0986122886681098, 1.6813557122291467],
              [0.031223897622149027, 0.12853171921176243, -0.1597556168339115, 0.05126360570834368, -0.08293582801359259, 0.03167222230524891, -0.6666666666666667, 0.3333333333333333, 0.3333333333333333, -0.0857483723749122, 0.4861247243125938, -0.40037635193768173],
              [1.464368784107945, 0.4643687841079449, 1.964368784107945, 2.970774218960491, 4.070774218960492, 0.07077421896049133, 1.0986122886681098, 1.0986122886681098, 1.0986122886681098, 1.8063557122291467, 0.30635571222914665, 2.3063557122291467]) { Functional.crossEntropy($0, $1, reduction: .none, labelSmoothing: 0.0) },
        .init("probabilities none smoothing 0.2", "NegBackward0",
              [1.1510354507746117, 0.8507742189604914, 1.0986122886681098, 1.6396890455624802],
              [0.004557230955482355, 0.16186505254509576, -0.16642228350057817, -0.015403060958322987, -0.12960249468025925, 0.1450055556385822, -0.5333333333333334, 0.26666666666666666, 0.26666666666666666, -0.10241503904157886, 0.46945805764592713, -0.3670430186043484],
              [1.171495027286356, 0.37149502728635597, 1.571495027286356, 2.376619375168393, 3.2566193751683934, 0.05661937516839306, 0.8788898309344879, 0.8788898309344879, 0.8788898309344879, 1.4450845697833175, 0.24508456978331733, 1.8450845697833174]) { Functional.crossEntropy($0, $1, reduction: .none, labelSmoothing: 0.2) },
        .init("probabilities none weighted smoothing 0.0", "NegBackward0",
              [1.0518978585457257, 0.8460032423243194, 1.0986122886681098, 1.1813557122291467],
              [0.11215226178990116, -0.15148217906412081, 0.03932991727421943, 0.03332134371042339, -0.1889082882088352, 0.15558694449841182, -0.6666666666666667, 0.3333333333333333, 0.3333333333333333, -0.0857483723749122, 0.2361247243125938, -0.1503763519376817],
              [1.464368784107945, 0.9287375682158898, 0.9821843920539725, 2.970774218960491, 8.141548437920983, 0.03538710948024566, 1.0986122886681098, 2.1972245773362196, 0.5493061443340549, 1.8063557122291467, 0.6127114244582933, 1.1531778561145734]) { Functional.crossEntropy($0, $1, weight: Tensor([1.0, 2.0, 0.5], dtype: .float64), reduction: .none, labelSmoothing: 0.0) },
        .init("probabilities none weighted smoothing 0.2", "NegBackward0",
              [1.066537669795101, 1.419983244950237, 1.1352326982903802, 1.1832342359701182],
              [0.07700738554375575, -0.10786167543521862, 0.030854289891462897, -0.028048083699714423, -0.28047832377023973, 0.30852640746995424, -0.5222222222222223, 0.21111111111111114, 0.3111111111111111, -0.09693998478740926, 0.22732888178968033, -0.13038889700227108],
              [1.171495027286356, 0.7429900545727119, 0.785747513643178, 2.376619375168393, 6.513238750336787, 0.02830968758419653, 0.8788898309344879, 1.7577796618689758, 0.43944491546724396, 1.4450845697833175, 0.49016913956663466, 0.9225422848916587]) { Functional.crossEntropy($0, $1, weight: Tensor([1.0, 2.0, 0.5], dtype: .float64), reduction: .none, labelSmoothing: 0.2) },
    ]

    static let smoothingCases: [LossCase] = [
        .init("indices mean smoothing 0.3", "AddBackward0",
              [0.8579184305788485],
              [0.04374129920738301, -0.0571560935960792, 0.013414794388696158, -0.016245464763885442, -0.02764527600453086, 0.0438907407684163, -0.15555555555555556, 0.07777777777777777, 0.07777777777777777, 0.0, 0.0, 0.0],
              nil) { x, _ in CrossEntropyLoss(reduction: .mean, labelSmoothing: 0.3)(x, Tensor([1, 2, 0, -100])) },
        .init("indices mean weighted smoothing 0.3", "AddBackward0",
              [0.9373514938750751],
              [0.08704052023964595, -0.1428769975369759, 0.055836477297329955, -0.018318707429759835, -0.05373002274557566, 0.07204873017533552, -0.1285714285714286, 0.04285714285714285, 0.0857142857142857, 0.0, 0.0, 0.0],
              nil) { x, _ in CrossEntropyLoss(weight: Tensor([1.0, 2.0, 0.5], dtype: .float64), reduction: .mean, labelSmoothing: 0.3)(x, Tensor([1, 2, 0, -100])) },
        .init("indices sum smoothing 0.3", "AddBackward0",
              [2.573755291736546],
              [0.13122389762214903, -0.1714682807882376, 0.04024438316608847, -0.04873639429165632, -0.08293582801359259, 0.1316722223052489, -0.4666666666666667, 0.23333333333333328, 0.23333333333333328, 0.0, 0.0, 0.0],
              nil) { x, _ in CrossEntropyLoss(reduction: .sum, labelSmoothing: 0.3)(x, Tensor([1, 2, 0, -100])) },
        .init("indices sum weighted smoothing 0.3", "AddBackward0",
              [3.2807302285627626],
              [0.30464182083876085, -0.5000694913794156, 0.19542767054065485, -0.06411547600415941, -0.18805507960951479, 0.25217055561367424, -0.45, 0.14999999999999994, 0.29999999999999993, 0.0, 0.0, 0.0],
              nil) { x, _ in CrossEntropyLoss(weight: Tensor([1.0, 2.0, 0.5], dtype: .float64), reduction: .sum, labelSmoothing: 0.3)(x, Tensor([1, 2, 0, -100])) },
        .init("indices none smoothing 0.3", "AddBackward0",
              [0.7143687841079448, 0.7607742189604912, 1.0986122886681096, 0.0],
              [0.13122389762214903, -0.1714682807882376, 0.04024438316608847, -0.04873639429165632, -0.08293582801359259, 0.1316722223052489, -0.4666666666666667, 0.23333333333333328, 0.23333333333333328, 0.0, 0.0, 0.0],
              nil) { x, _ in CrossEntropyLoss(reduction: .none, labelSmoothing: 0.3)(x, Tensor([1, 2, 0, -100])) },
        .init("indices none weighted smoothing 0.3", "AddBackward0",
              [0.9876453721889035, 1.1395419532723439, 1.1535429031015152, 0.0],
              [0.30464182083876085, -0.5000694913794156, 0.19542767054065485, -0.06411547600415941, -0.18805507960951479, 0.25217055561367424, -0.45, 0.14999999999999994, 0.29999999999999993, 0.0, 0.0, 0.0],
              nil) { x, _ in CrossEntropyLoss(weight: Tensor([1.0, 2.0, 0.5], dtype: .float64), reduction: .none, labelSmoothing: 0.3)(x, Tensor([1, 2, 0, -100])) },
    ]

    @Test(arguments: probabilityCases)
    func probabilityTargets(_ c: LossCase) throws {
        try c.check(input: Self.logits, target: Self.probabilities, lossShape: c.loss.count == 1 ? [] : [4])
    }

    @Test(arguments: smoothingCases)
    func labelSmoothing(_ c: LossCase) throws {
        try c.check(input: Self.logits, target: [[0.0]], lossShape: c.loss.count == 1 ? [] : [4])
    }

    static func spatial() -> (logits: Tensor, probabilities: Tensor) {
        let y = Tensor.arange(24.0, dtype: .float64).reshape(2, 3, 2, 2).sin().requiresGrad_()
        let q = Tensor.arange(24.0, dtype: .float64).reshape(2, 3, 2, 2).cos().softmax(dim: 1).requiresGrad_()
        return (y, q)
    }

    @Test func spatialProbabilities() throws {
        let (y, q) = Self.spatial()
        let loss = Functional.crossEntropy(y, q, weight: Tensor([1.0, 2.0, 0.5], dtype: .float64), labelSmoothing: 0.1)
        expectClose(loss, shape: [], [1.8484894414979196], tolerance: 1e-14)
        try loss.backward()
        expectGrad(y.grad, shape: [2, 3, 2, 2], [
            -0.047560933694785236, 0.03003173922988663, 0.1057140622523012, 0.04374739204187508, -0.02224822225600999,
            -0.0801183230798318, -0.1274414733706214, -0.044648279242768936, 0.06980915595079523, 0.05008658384994518,
            0.021727411118320154, 0.0009008872008938486, -0.04833994599437719, -0.026301672243220803, 0.07779717579934368,
            0.09053299466616273, -0.005851824287691083, -0.04032413836341565, -0.11364636672440648, -0.10398092930847135,
            0.05419177028206828, 0.06662581060663646, 0.035849190925062814, 0.0134479346423086,
        ], tolerance: 1e-13)
        expectGrad(q.grad, shape: [2, 3, 2, 2], [
            0.16033452946006563, 0.06713174082863099, 0.048459032801412526, 0.12338945839525382, 0.49094962036441514,
            0.5393524150382448, 0.3643784737333618, 0.13070893389225025, 0.024515863357467593, 0.05771694851491087,
            0.10597868414717791, 0.12588217876947153, 0.21132604445549932, 0.11453142450287791, 0.048817748027748936,
            0.06799736668478375, 0.3667014286105405, 0.5399148679646504, 0.48949428161047087, 0.24858712523075452,
            0.024127625236796145, 0.03383822840528436, 0.08062842391929616, 0.11817727208608304,
        ], tolerance: 1e-13)
        expectClose(Functional.crossEntropy(y, q, reduction: .none), shape: [2, 2, 2], [
            1.3126590467174342, 1.3405150616769843, 1.4386429809232413, 1.111021961032158, 1.338364883270386,
            1.2299154412273499, 1.5175803599424464, 1.1984992098621576,
        ], tolerance: 1e-14)
    }

    @Test func spatialIndicesWithSmoothing() throws {
        let (y, _) = Self.spatial()
        let target = Tensor([[[0, 2], [1, -100]], [[2, 2], [0, 1]]])
        let loss = CrossEntropyLoss(weight: Tensor([1.0, 2.0, 0.5], dtype: .float64), labelSmoothing: 0.25)(y, target)
        expectClose(loss, shape: [], [1.2487076792553848], tolerance: 1e-14)
        try loss.backward()
        expectGrad(y.grad, shape: [2, 3, 2, 2], [
            -0.07771369832337546, 0.037832094914982156, 0.14417225022328606, 0.0, -0.006553352241366278,
            -0.014135161799138167, -0.17492088053735924, 0.0, 0.08426705056474175, -0.02369693311584399,
            0.030748630314073155, 0.0, 0.002473443022378374, 0.02100410832917604, -0.021117496870067944,
            0.11941555012909147, -0.0048025000385324415, -0.014155352511461114, -0.006451674812458055,
            -0.14308630256466984, 0.002329057016154055, -0.0068487558177149225, 0.02756917168252601, 0.02367075243557832,
        ], tolerance: 1e-13)
        expectClose(Functional.crossEntropy(y, target, reduction: .none, labelSmoothing: 0.25), shape: [2, 2, 2], [
            1.4058161714798512, 1.1045532730710894, 1.5424509405648719, 0.0, 0.6497994544419945, 0.7861136493265853,
            0.66235664364542, 1.1461389163042388,
        ], tolerance: 1e-14)
    }

    @Test func unbatchedAllIgnoredAndEmpty() throws {
        let v = Tensor([1.0, 2.0, 3.0], dtype: .float64, requiresGrad: true)
        let soft = Functional.crossEntropy(v, Tensor([0.1, 0.2, 0.7], dtype: .float64))
        expectClose(soft, shape: [], [0.8076059644443805], tolerance: 1e-14)
        try soft.backward()
        expectGrad(v.grad, shape: [3], [-0.009969426829619571, 0.04472847105479763, -0.03475904422517817])
        v.grad = nil
        let smoothed = Functional.crossEntropy(v, Tensor(1), labelSmoothing: 0.4)
        expectClose(smoothed, shape: [], [1.4076059644443806], tolerance: 1e-14)
        try smoothed.backward()
        expectGrad(v.grad, shape: [3], [-0.043302760162952904, -0.48860486227853567, 0.5319076224414884])

        let x = Tensor(Self.logits, dtype: .float64, requiresGrad: true)
        let ignored = Functional.crossEntropy(x, Tensor([-100, -100, -100, -100]), labelSmoothing: 0.1)
        #expect(ignored.item().isNaN)
        try ignored.backward()
        expectGrad(x.grad, shape: [4, 3], Array(repeating: 0.0, count: 12))

        let e = Tensor.zeros([0, 3], dtype: .float64)
        #expect(Functional.crossEntropy(e, Tensor.zeros([0], dtype: .int64)).item().isNaN)
        #expect(Functional.crossEntropy(e, e).item().isNaN)
        #expect(Functional.crossEntropy(e, e, reduction: .sum).item() == 0)
    }

    @Test func errors() {
        let x = Tensor(Self.logits, dtype: .float64)
        let p = Tensor(Self.probabilities, dtype: .float64)
        let t = Tensor([1, 2, 0, -100])
        expectTensorError(.runtimeError, "Expected floating point type for target with class probabilities, got Long") {
            _ = Functional.crossEntropy(x, Tensor.zeros([4, 3], dtype: .int64))
        }
        expectTensorError(.runtimeError, "ignore_index is not supported for floating point target") {
            _ = Functional.crossEntropy(x, p, ignoreIndex: 1)
        }
        expectTensorError(.runtimeError, "cross_entropy: weight tensor should be defined either for all 3 classes or no classes but got weight tensor of shape: [2]") {
            _ = Functional.crossEntropy(x, p, weight: Tensor.ones([2], dtype: .float64))
        }
        expectTensorError(.runtimeError, "label_smoothing must be between 0.0 and 1.0. Got: 1.5") {
            _ = Functional.crossEntropy(x, p, labelSmoothing: 1.5)
        }
        expectTensorError(.runtimeError, "label_smoothing must be between 0.0 and 1.0. Got: 2") {
            _ = CrossEntropyLoss(labelSmoothing: 2)(x, t)
        }
        expectTensorError(.valueError, "batchmean is not a valid value for reduction") {
            _ = Functional.crossEntropy(x, t, reduction: .batchmean)
        }
    }
}
