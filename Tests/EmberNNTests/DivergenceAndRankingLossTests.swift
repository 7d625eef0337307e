// DivergenceAndRankingLossTests.swift
//
// KLDivLoss (with batchmean and log targets), CosineEmbeddingLoss and MarginRankingLoss, composed
// as PyTorch composes them, against what PyTorch 2.15 printed for this script (each case:
// loss.grad_fn.name(), the loss, and the gradients of both float64 leaves after
// loss.sum().backward()):
//
//     import torch, torch.nn.functional as F
//     def case(a0, b0, f):
//         a = torch.tensor(a0, dtype=torch.float64, requires_grad=True)
//         b = torch.tensor(b0, dtype=torch.float64, requires_grad=True)
//         l = f(a, b); l.sum().backward()
//         print(l.grad_fn.name(), l.flatten().tolist(), a.grad.flatten().tolist(), b.grad.flatten().tolist())
//     lp0 = [[-1.2, -0.4, -2.0], [-0.3, -1.9, -0.8]]; q0 = [[0.2, 0.5, 0.3], [0.0, 0.1, 0.9]]
//     lq0 = (torch.tensor(q0, dtype=torch.float64) + 0.05).log().tolist()
//     for r in ['mean', 'sum', 'none', 'batchmean']:
//         case(lp0, q0, lambda a, b: F.kl_div(a, b, reduction=r))
//         case(lp0, lq0, lambda a, b: F.kl_div(a, b, reduction=r, log_target=True))
//     a0 = [[0.5, -1.0, 2.0], [1.0, 1.0, 0.0], [0.3, 0.2, -0.1], [-1.0, 0.5, 0.5]]
//     b0 = [[1.0, -0.5, 1.5], [-1.0, 0.2, 0.3], [0.3, 0.25, -0.1], [2.0, 0.1, 0.4]]
//     for r in ['mean', 'sum', 'none']:
//         for m in [0.0, 0.3]:
//             case(a0, b0, lambda a, b: F.cosine_embedding_loss(a, b, torch.tensor([1, -1, -1, 1]), margin=m, reduction=r))
//     for r in ['mean', 'sum', 'none']:
//         for m in [0.0, 0.4]:
//             case([[0.5, -1.0, 2.0, 0.3]], [[1.0, -0.5, 1.5, 0.3]], lambda a, b: F.margin_ranking_loss(
//                 a, b, torch.tensor([[1.0, -1.0, -1.0, 1.0]], dtype=torch.float64), margin=m, reduction=r))
//     s = torch.tensor([1.0, -1.0, -1.0, 1.0], dtype=torch.float64, requires_grad=True)
//     F.margin_ranking_loss(torch.tensor([0.5, -1.0, 2.0, 0.3], dtype=torch.float64),
//                           torch.tensor([1.0, -0.5, 1.5, 0.3], dtype=torch.float64), s, margin=0.4).backward()
//     print(s.grad.tolist())
//     x = torch.tensor([-1.0, -0.5], dtype=torch.float64, requires_grad=True)
//     l = F.kl_div(x[0], torch.tensor(0.3, dtype=torch.float64), reduction='batchmean'); print(l.grad_fn.name(), l.item())
//     print(F.kl_div(x, torch.tensor([0.4, 0.6], dtype=torch.float64, requires_grad=True), reduction='none')
//           .grad_fn.next_functions[0][0].name())   # XlogyBackward0
//     a = torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64, requires_grad=True)
//     l = F.cosine_embedding_loss(a, torch.tensor([1.0, -0.5, 1.5], dtype=torch.float64), torch.tensor(-1), margin=0.5)
//     l.backward(); print(l.item(), a.grad.tolist())
//     e = torch.zeros(0, 3, dtype=torch.float64)   # nan nan nan nan
//     print(F.kl_div(e, e).item(), F.kl_div(e, e, reduction='batchmean').item(),
//           F.margin_ranking_loss(e[:, 0], e[:, 0], e[:, 0]).item(), F.cosine_embedding_loss(e, e, torch.zeros(0)).item())
//     a = torch.tensor(a0, dtype=torch.float64)
//     F.cosine_embedding_loss(a, a, torch.ones(4, 1))
//     # RuntimeError: 0D or 1D target tensor expected, multi-target not supported
//     F.cosine_embedding_loss(a, a[0], torch.ones(4))
//     # RuntimeError: 1D target tensor expects 2D input tensors, but found inputs with sizes [4, 3] and [3].
//     F.cosine_embedding_loss(a, a, torch.tensor(1))
//     # RuntimeError: 0D target tensor expects 1D input tensors, but found inputs with sizes [4, 3] and [4, 3].
//     F.margin_ranking_loss(a[0], a[0], a)   # RuntimeError: margin_ranking_loss : All input tensors should have same
//     # dimension but got sizes: input1: torch.Size([3]), input2: torch.Size([3]), target: torch.Size([4, 3])
//     F.margin_ranking_loss(a[0], a[0], a[0], reduction='batchmean')  # ValueError: batchmean is not a valid value for reduction
//     F.kl_div(a, a, reduction='avg')        # ValueError: avg is not a valid value for reduction
//     F.kl_div(torch.ones(2, dtype=torch.long), torch.ones(2))  # RuntimeError: kl_div: Integral inputs not supported.

import Testing
import Ember
import EmberTestSupport

@Suite struct DivergenceAndRankingLossTests {
    static let logProbabilities = [[-1.2, -0.4, -2.0], [-0.3, -1.9, -0.8]]
    static let probabilities = [[0.2, 0.5, 0.3], [0.0, 0.1, 0.9]]
    static let logTargets = [[-1.3862943611198906, -0.5978370007556204, -1.0498221244986778],
                             [-2.995732273553991, -1.897119984885881, -0.05129329438755046]]

    static let klCases: [LossCase] = [
        .init("kl mean", "MeanBackward0",
              [0.09921066875732971],
              [-0.03333333333333333, -0.08333333333333333, -0.049999999999999996, -0.0, -0.016666666666666666, -0.15],
              [0.09842701459431663, 0.11780880324000911, 0.2993378659456773, nan, 0.0995691511676591, 0.28243991405702895]) { KLDivLoss(reduction: .mean)($0, $1) },
        .init("kl sum", "SumBackward0",
              [0.5952640125439783],
              [-0.2, -0.5, -0.3, -0.0, -0.1, -0.9],
              [0.5905620875658997, 0.7068528194400547, 1.7960271956740639, nan, 0.5974149070059545, 1.6946394843421737]) { KLDivLoss(reduction: .sum)($0, $1) },
        .init("kl none", "SubBackward0",
              [-0.0818875824868201, -0.14657359027997263, 0.23880815870221916, 0.0, -0.040258509299404555, 0.6251755359079564],
              [-0.2, -0.5, -0.3, -0.0, -0.1, -0.9],
              [0.5905620875658997, 0.7068528194400547, 1.7960271956740639, nan, 0.5974149070059545, 1.6946394843421737]) { KLDivLoss(reduction: .none)($0, $1) },
        .init("kl batchmean", "DivBackward0",
              [0.29763200627198916],
              [-0.1, -0.25, -0.15, -0.0, -0.05, -0.45],
              [0.29528104378294984, 0.35342640972002737, 0.8980135978370319, nan, 0.2987074535029772, 0.8473197421710869]) { KLDivLoss(reduction: .batchmean)($0, $1) },
    ]

    static let logTargetCases: [LossCase] = [
        .init("kl log target mean", "MeanBackward0",
              [0.12568251244185735],
              [-0.041666666666666664, -0.09166666666666667, -0.05833333333333332, -0.008333333333333335, -0.025, -0.15833333333333333],
              [0.033904401620004555, 0.07353160826406814, 0.11376037607091044, -0.014131102279616593, 0.02507200037785297, 0.2768785617219712]) { Functional.klDiv($0, $1, reduction: .mean, logTarget: true) },
        .init("kl log target sum", "SumBackward0",
              [0.7540950746511441],
              [-0.25, -0.55, -0.3499999999999999, -0.05000000000000001, -0.15000000000000002, -0.9500000000000001],
              [0.20342640972002735, 0.4411896495844088, 0.6825622564254625, -0.08478661367769957, 0.15043200226711784, 1.6612713703318271]) { Functional.klDiv($0, $1, reduction: .sum, logTarget: true) },
        .init("kl log target none", "MulBackward0",
              [-0.046573590279972654, -0.10881035041559121, 0.33256225642546267, -0.1347866136776996, 0.0004320022671178259, 0.7112713703318271],
              [-0.25, -0.55, -0.3499999999999999, -0.05000000000000001, -0.15000000000000002, -0.9500000000000001],
              [0.20342640972002735, 0.4411896495844088, 0.6825622564254625, -0.08478661367769957, 0.15043200226711784, 1.6612713703318271]) { Functional.klDiv($0, $1, reduction: .none, logTarget: true) },
        .init("kl log target batchmean", "DivBackward0",
              [0.37704753732557206],
              [-0.125, -0.275, -0.17499999999999996, -0.025000000000000005, -0.07500000000000001, -0.47500000000000003],
              [0.10171320486001367, 0.2205948247922044, 0.34128112821273127, -0.04239330683884979, 0.07521600113355892, 0.8306356851659136]) { Functional.klDiv($0, $1, reduction: .batchmean, logTarget: true) },
    ]

    static let cosineCases: [LossCase] = [
        .init("cosine mean margin 0.0", "MeanBackward0",
              [0.6902678836118447],
              [-0.03610359031312638, -0.015274595901697056, 0.0013885996274108359, 0.0, 0.0, 0.0, -0.03551751128873332, 0.05919585215676798, 0.011839170429577744, -0.08330001998671599, -0.06830601638900449, -0.09829402358419426],
              [0.037492189940530884, 0.024994793293709468, -0.01666319552916186, 0.0, 0.0, 0.0, 0.03824962754863537, -0.05099950339206066, -0.012749875849545123, 0.01606072327801944, -0.05417497702728027, -0.06675987213317224]) { CosineEmbeddingLoss(margin: 0.0, reduction: .mean)($0, $1, Tensor([1, -1, -1, 1])) },
        .init("cosine mean margin 0.3", "MeanBackward0",
              [0.6152678836118447],
              [-0.03610359031312638, -0.015274595901697056, 0.0013885996274108359, 0.0, 0.0, 0.0, -0.03551751128873332, 0.05919585215676798, 0.011839170429577744, -0.08330001998671599, -0.06830601638900449, -0.09829402358419426],
              [0.037492189940530884, 0.024994793293709468, -0.01666319552916186, 0.0, 0.0, 0.0, 0.03824962754863537, -0.05099950339206066, -0.012749875849545123, 0.01606072327801944, -0.05417497702728027, -0.06675987213317224]) { CosineEmbeddingLoss(margin: 0.3, reduction: .mean)($0, $1, Tensor([1, -1, -1, 1])) },
        .init("cosine sum margin 0.0", "SumBackward0",
              [2.7610715344473786],
              [-0.1444143612525055, -0.06109838360678822, 0.0055543985096433435, 0.0, 0.0, 0.0, -0.14207004515493327, 0.23678340862707192, 0.04735668171831098, -0.33320007994686396, -0.27322406555601797, -0.393176094336777],
              [0.14996875976212354, 0.09997917317483787, -0.06665278211664744, 0.0, 0.0, 0.0, 0.15299851019454147, -0.20399801356824265, -0.05099950339818049, 0.06424289311207776, -0.21669990810912107, -0.26703948853268894]) { CosineEmbeddingLoss(margin: 0.0, reduction: .sum)($0, $1, Tensor([1, -1, -1, 1])) },
        .init("cosine sum margin 0.3", "SumBackward0",
              [2.461071534447379],
              [-0.1444143612525055, -0.06109838360678822, 0.0055543985096433435, 0.0, 0.0, 0.0, -0.14207004515493327, 0.23678340862707192, 0.04735668171831098, -0.33320007994686396, -0.27322406555601797, -0.393176094336777],
              [0.14996875976212354, 0.09997917317483787, -0.06665278211664744, 0.0, 0.0, 0.0, 0.15299851019454147, -0.20399801356824265, -0.05099950339818049, 0.06424289311207776, -0.21669990810912107, -0.26703948853268894]) { CosineEmbeddingLoss(margin: 0.3, reduction: .sum)($0, $1, Tensor([1, -1, -1, 1])) },
        .init("cosine none margin 0.0", "AddBackward0",
              [0.06686105036853529, 0.0, 0.9944903161910822, 1.6997201678877611],
              [-0.1444143612525055, -0.06109838360678822, 0.0055543985096433435, 0.0, 0.0, 0.0, -0.14207004515493327, 0.23678340862707192, 0.04735668171831098, -0.33320007994686396, -0.27322406555601797, -0.393176094336777],
              [0.14996875976212354, 0.09997917317483787, -0.06665278211664744, 0.0, 0.0, 0.0, 0.15299851019454147, -0.20399801356824265, -0.05099950339818049, 0.06424289311207776, -0.21669990810912107, -0.26703948853268894]) { CosineEmbeddingLoss(margin: 0.0, reduction: .none)($0, $1, Tensor([1, -1, -1, 1])) },
        .init("cosine none margin 0.3", "AddBackward0",
              [0.06686105036853529, 0.0, 0.6944903161910823, 1.6997201678877611],
              [-0.1444143612525055, -0.06109838360678822, 0.0055543985096433435, 0.0, 0.0, 0.0, -0.14207004515493327, 0.23678340862707192, 0.04735668171831098, -0.33320007994686396, -0.27322406555601797, -0.393176094336777],
              [0.14996875976212354, 0.09997917317483787, -0.06665278211664744, 0.0, 0.0, 0.0, 0.15299851019454147, -0.20399801356824265, -0.05099950339818049, 0.06424289311207776, -0.21669990810912107, -0.26703948853268894]) { CosineEmbeddingLoss(margin: 0.3, reduction: .none)($0, $1, Tensor([1, -1, -1, 1])) },
    ]

    static let rankingCases: [LossCase] = [
        .init("ranking mean margin 0.0", "MeanBackward0",
              [0.25],
              [-0.25, 0.0, 0.25, -0.0],
              [0.25, -0.0, -0.25, 0.0]) { MarginRankingLoss(margin: 0.0, reduction: .mean)($0, $1, Tensor([[1.0, -1.0, -1.0, 1.0]], dtype: .float64)) },
        .init("ranking mean margin 0.4", "MeanBackward0",
              [0.55],
              [-0.25, 0.0, 0.25, -0.25],
              [0.25, -0.0, -0.25, 0.25]) { MarginRankingLoss(margin: 0.4, reduction: .mean)($0, $1, Tensor([[1.0, -1.0, -1.0, 1.0]], dtype: .float64)) },
        .init("ranking sum margin 0.0", "SumBackward0",
              [1.0],
              [-1.0, 0.0, 1.0, -0.0],
              [1.0, -0.0, -1.0, 0.0]) { MarginRankingLoss(margin: 0.0, reduction: .sum)($0, $1, Tensor([[1.0, -1.0, -1.0, 1.0]], dtype: .float64)) },
        .init("ranking sum margin 0.4", "SumBackward0",
              [2.2],
              [-1.0, 0.0, 1.0, -1.0],
              [1.0, -0.0, -1.0, 1.0]) { MarginRankingLoss(margin: 0.4, reduction: .sum)($0, $1, Tensor([[1.0, -1.0, -1.0, 1.0]], dtype: .float64)) },
        .init("ranking none margin 0.0", "ClampMinBackward0",
              [0.5, 0.0, 0.5, 0.0],
              [-1.0, 0.0, 1.0, -0.0],
              [1.0, -0.0, -1.0, 0.0]) { MarginRankingLoss(margin: 0.0, reduction: .none)($0, $1, Tensor([[1.0, -1.0, -1.0, 1.0]], dtype: .float64)) },
        .init("ranking none margin 0.4", "ClampMinBackward0",
              [0.9, 0.0, 0.9, 0.4],
              [-1.0, 0.0, 1.0, -1.0],
              [1.0, -0.0, -1.0, 1.0]) { MarginRankingLoss(margin: 0.4, reduction: .none)($0, $1, Tensor([[1.0, -1.0, -1.0, 1.0]], dtype: .float64)) },
    ]

    @Test(arguments: klCases)
    func klDivergence(_ c: LossCase) throws {
        try c.check(input: Self.logProbabilities, target: Self.probabilities)
    }

    @Test(arguments: logTargetCases)
    func klDivergenceOfLogTargets(_ c: LossCase) throws {
        try c.check(input: Self.logProbabilities, target: Self.logTargets)
    }

    @Test(arguments: cosineCases)
    func cosineEmbedding(_ c: LossCase) throws {
        try c.check(input: [[0.5, -1.0, 2.0], [1.0, 1.0, 0.0], [0.3, 0.2, -0.1], [-1.0, 0.5, 0.5]],
                    target: [[1.0, -0.5, 1.5], [-1.0, 0.2, 0.3], [0.3, 0.25, -0.1], [2.0, 0.1, 0.4]],
                    lossShape: c.loss.count == 1 ? [] : [4])
    }

    @Test(arguments: rankingCases)
    func marginRanking(_ c: LossCase) throws {
        try c.check(input: [[0.5, -1.0, 2.0, 0.3]], target: [[1.0, -0.5, 1.5, 0.3]])
    }

    @Test func singleSamplesAndNodes() throws {
        let s = Tensor([1.0, -1.0, -1.0, 1.0], dtype: .float64, requiresGrad: true)
        try Functional.marginRankingLoss(Tensor([0.5, -1.0, 2.0, 0.3], dtype: .float64),
                                         Tensor([1.0, -0.5, 1.5, 0.3], dtype: .float64), s, margin: 0.4).backward()
        expectGrad(s.grad, shape: [4], [0.125, 0.0, -0.125, 0.0])
        let x = Tensor([-1.0, -0.5], dtype: .float64, requiresGrad: true)
        let scalar = Functional.klDiv(x[0] as Tensor, Tensor(0.3, dtype: .float64), reduction: .batchmean)
        #expect(scalar.gradFn?.name == "SumBackward0")
        expectClose(scalar, shape: [], [-0.061191841297780825])
        let each = Functional.klDiv(x, Tensor([0.4, 0.6], dtype: .float64, requiresGrad: true), reduction: .none)
        #expect(each.gradFn?.nextFunctions.first??.node.name == "XlogyBackward0")
        let a = Tensor([0.5, -1.0, 2.0], dtype: .float64, requiresGrad: true)
        let loss = CosineEmbeddingLoss(margin: 0.5)(a, Tensor([1.0, -0.5, 1.5], dtype: .float64), Tensor(-1))
        expectClose(loss, shape: [], [0.4331389496314647])
        try loss.backward()
        expectGrad(a.grad, shape: [3], [0.1444143612525055, 0.06109838360678822, -0.0055543985096433435])
    }

    @Test func emptyBatch() {
        let e = Tensor.zeros([0, 3], dtype: .float64)
        let column = Tensor.zeros([0], dtype: .float64)
        #expect(Functional.klDiv(e, e).item().isNaN)
        #expect(Functional.klDiv(e, e, reduction: .batchmean).item().isNaN)
        #expect(Functional.marginRankingLoss(column, column, column).item().isNaN)
        #expect(Functional.cosineEmbeddingLoss(e, e, column).item().isNaN)
    }

    @Test func errorsAndNames() {
        let a = Tensor([[0.5, -1.0, 2.0], [1.0, 1.0, 0.0], [0.3, 0.2, -0.1], [-1.0, 0.5, 0.5]], dtype: .float64)
        let row = Tensor([0.5, -1.0, 2.0], dtype: .float64)
        expectTensorError(.runtimeError, "0D or 1D target tensor expected, multi-target not supported") {
            _ = Functional.cosineEmbeddingLoss(a, a, Tensor.ones([4, 1]))
        }
        expectTensorError(.runtimeError, "1D target tensor expects 2D input tensors, but found inputs with sizes [4, 3] and [3].") {
            _ = Functional.cosineEmbeddingLoss(a, row, Tensor.ones([4]))
        }
        expectTensorError(.runtimeError, "0D target tensor expects 1D input tensors, but found inputs with sizes [4, 3] and [4, 3].") {
            _ = CosineEmbeddingLoss()(a, a, Tensor(1))
        }
        expectTensorError(.runtimeError, "margin_ranking_loss : All input tensors should have same dimension but got sizes: input1: torch.Size([3]), input2: torch.Size([3]), target: torch.Size([4, 3]) ") {
            _ = MarginRankingLoss()(row, row, a)
        }
        expectTensorError(.valueError, "batchmean is not a valid value for reduction") {
            _ = Functional.marginRankingLoss(row, row, row, reduction: .batchmean)
        }
        expectTensorError(.valueError, "avg is not a valid value for reduction") {
            _ = KLDivLoss(reduction: "avg")(a, a)
        }
        expectTensorError(.runtimeError, "kl_div: Integral inputs not supported.") {
            _ = Functional.klDiv(Tensor([1, 1]), Tensor([1.0, 1.0]))
        }
        #expect(KLDivLoss().description == "KLDivLoss()" && CosineEmbeddingLoss(margin: 0.5).description == "CosineEmbeddingLoss()"
                && MarginRankingLoss().description == "MarginRankingLoss()")
    }
}
