// FusedStepTests.swift
//
// The fused float32 updates (see Note [Fused optimizer steps]) against PyTorch 2.15's
// single-tensor path on 37 elements (vector lanes and a tail), and the composed
// path taken for a gradient the fused kernel does not accept (the other optimizers' cases are in
// FusedStepMoreTests.swift). PyTorch's values:
//
//     import torch, torch.optim as O
//     configs = {
//         "sgdMomentum": lambda p: O.SGD(p, lr=0.1, momentum=0.9),
//         "sgdNesterovDecay": lambda p: O.SGD(p, lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.1),
//         "sgdDampeningMaximize": lambda p: O.SGD(p, lr=0.1, momentum=0.9, dampening=0.3, maximize=True),
//         "sgdPlain": lambda p: O.SGD(p, lr=0.3),
//         "adamPlain": lambda p: O.Adam(p, lr=0.1),
//         "adamDecay": lambda p: O.Adam(p, lr=0.1, betas=(0.3, 0.99), eps=1e-3, weight_decay=0.3),
//         "adamAmsgradMaximize": lambda p: O.Adam(p, lr=0.05, betas=(0.5, 0.6), amsgrad=True, maximize=True),
//         "adamW": lambda p: O.AdamW(p, lr=0.1, weight_decay=0.5),
//     }
//     for name, make in configs.items():
//         p = (torch.arange(37, dtype=torch.float32) * 0.125 - 2).requires_grad_()
//         g0 = torch.arange(37, dtype=torch.float32) * 0.25 - 4.5
//         opt = make([p])
//         for step in range(5):
//             p.grad = g0 * (step % 3 + 1) - p.detach() * 0.5
//             opt.step()
//         print(name, [float(v) for v in p.detach().tolist()])

import Testing
import Ember
import EmberTestSupport

/// What these tests call on an optimizer, whatever its options type.
protocol FusedStepping {
    func step()
}

extension Optimizer: FusedStepping {}

/// One optimizer configuration and PyTorch's float32 parameter after `steps` steps (five unless
/// given); `exact` when the update must match bit for bit (SGD's unless given).
struct FusedCase: Sendable, CustomTestStringConvertible {
    let name: String
    let steps: Int
    let exact: Bool
    let expected: [Double]
    let make: @Sendable ([Tensor]) -> any FusedStepping

    init(_ name: String, steps: Int = 5, exact: Bool? = nil, _ expected: [Double],
         _ make: @escaping @Sendable ([Tensor]) -> any FusedStepping) {
        self.name = name
        self.steps = steps
        self.exact = exact ?? name.hasPrefix("sgd")
        self.expected = expected
        self.make = make
    }

    var testDescription: String { name }
}

private let fusedCases: [FusedCase] = [
    FusedCase("sgdMomentum",
        [7.985314846038818, 7.565824508666992, 7.146334171295166, 6.72684383392334, 6.307353973388672,
         5.88786506652832, 5.468375205993652, 5.048885345458984, 4.629395008087158, 4.209904670715332,
         3.790415048599243, 3.370924949645996, 2.9514353275299072, 2.53194522857666, 2.112455368041992,
         1.6929652690887451, 1.2734752893447876, 0.8539853692054749, 0.43449535965919495, 0.015005428344011307,
         -0.40448451042175293, -0.8239744901657104, -1.2434643507003784, -1.662954330444336,
         -2.082444190979004, -2.501934289932251, -2.921424388885498, -3.340914487838745, -3.760403871536255,
         -4.17989444732666, -4.59938383102417, -5.018873691558838, -5.438364028930664, -5.857853889465332,
         -6.277344226837158, -6.696834087371826, -7.116324424743652]) { p in SGD(p, lr: 0.1, momentum: 0.9) },
    FusedCase("sgdNesterovDecay",
        [3.4922709465026855, 3.3164174556732178, 3.140564203262329, 2.9647109508514404, 2.7888569831848145,
         2.613003730773926, 2.437150239944458, 2.2612967491149902, 2.0854430198669434, 1.9095897674560547,
         1.733736515045166, 1.5578830242156982, 1.3820295333862305, 1.2061762809753418, 1.030322790145874,
         0.854469358921051, 0.6786159873008728, 0.502762496471405, 0.3269091546535492, 0.1510557234287262,
         -0.024797700345516205, -0.200651153922081, -0.37650448083877563, -0.5523579716682434,
         -0.7282114624977112, -0.9040647745132446, -1.0799182653427124, -1.2557717561721802,
         -1.4316250085830688, -1.6074784994125366, -1.7833319902420044, -1.9591854810714722,
         -2.1350388526916504, -2.310892105102539, -2.486745834350586, -2.6625990867614746, -2.8384525775909424]) { p in SGD(p, lr: 0.05, momentum: 0.8, weightDecay: 0.1, nesterov: true) },
    FusedCase("sgdDampeningMaximize",
        [-8.256505012512207, -7.790530681610107, -7.324556827545166, -6.858582973480225, -6.392609119415283,
         -5.926635265350342, -5.4606614112854, -4.994687557220459, -4.528713703155518, -4.062739849090576,
         -3.596766233444214, -3.1307921409606934, -2.664818286895752, -2.1988444328308105, -1.7328706979751587,
         -1.2668967247009277, -0.8009229898452759, -0.3349491357803345, 0.13102473318576813,
         0.5969985723495483, 1.0629724264144897, 1.5289462804794312, 1.9949201345443726, 2.4608938694000244,
         2.926867961883545, 3.3928415775299072, 3.8588154315948486, 4.324789047241211, 4.7907633781433105,
         5.256736755371094, 5.722711086273193, 6.188684463500977, 6.654658317565918, 7.120632171630859,
         7.586606502532959, 8.052579879760742, 8.518553733825684]) { p in SGD(p, lr: 0.1, momentum: 0.9, dampening: 0.3, maximize: true) },
    FusedCase("sgdPlain",
        [12.05343246459961, 11.41173267364502, 10.77003288269043, 10.128334045410156, 9.486634254455566,
         8.844934463500977, 8.203234672546387, 7.561534881591797, 6.919835567474365, 6.278135776519775,
         5.6364359855651855, 4.994736671447754, 4.353037357330322, 3.7113373279571533, 3.0696377754211426,
         2.427938222885132, 1.7862385511398315, 1.1445388793945312, 0.5028393268585205, -0.1388603299856186,
         -0.7805598974227905, -1.4222594499588013, -2.0639591217041016, -2.7056589126586914,
         -3.347358465194702, -3.989057779312134, -4.630757808685303, -5.272457122802734, -5.914156436920166,
         -6.555856704711914, -7.197556018829346, -7.8392558097839355, -8.480955123901367, -9.12265396118164,
         -9.764354705810547, -10.406054496765137, -11.04775333404541]) { p in SGD(p, lr: 0.3) },
    FusedCase("adamPlain",
        [-1.530408501625061, -1.405325174331665, -1.2802320718765259, -1.1551268100738525, -1.0300074815750122,
         -0.9048705101013184, -0.779711902141571, -0.6545261144638062, -0.529305636882782, -0.4040394425392151,
         -0.27871188521385193, -0.15329906344413757, -0.027762606739997864, 0.0979624092578888,
         0.22399617731571198, 0.3505871891975403, 0.4783417582511902, 0.60916668176651, 0.7480930089950562,
         -0.07126429677009583, 0.04030658304691315, 0.16202262043952942, 0.2855684161186218,
         0.4097520411014557, 0.5342304706573486, 0.6588685512542725, 0.7836030721664429, 0.9083998203277588,
         1.033239483833313, 1.158109426498413, 1.2830021381378174, 1.4079121351242065, 1.5328353643417358,
         1.6577693223953247, 1.7827118635177612, 1.9076613187789917, 2.032616138458252]) { p in Adam(p, lr: 0.1) },
    FusedCase("adamDecay",
        [-1.4947259426116943, -1.3696690797805786, -1.2446050643920898, -1.1195324659347534,
         -0.9944499731063843, -0.8693550229072571, -0.7442443370819092, -0.6191139221191406,
         -0.49395814538002014, -0.3687683939933777, -0.24353265762329102, -0.11823144555091858,
         0.0071665942668914795, 0.13271714746952057, 0.25852859020233154, 0.3848439157009125,
         0.5123422145843506, 0.6439063549041748, 0.8195251226425171, -0.14060628414154053,
         -0.010083720088005066, 0.11682192981243134, 0.24278457462787628, 0.3683651089668274,
         0.4937531650066376, 0.6190309524536133, 0.7442395091056824, 0.8694020509719849, 0.9945319890975952,
         1.1196385622024536, 1.244727373123169, 1.3698023557662964, 1.4948667287826538, 1.6199227571487427,
         1.744971513748169, 1.8700146675109863, 1.9950532913208008]) { p in Adam(p, lr: 0.1, betas: (0.3, 0.99), eps: 1e-3, weightDecay: 0.3) },
    FusedCase("adamAmsgradMaximize",
        [-2.2206482887268066, -2.0956597328186035, -1.970672607421875, -1.8456871509552002,
         -1.7207038402557373, -1.5957226753234863, -1.4707448482513428, -1.3457708358764648,
         -1.220801591873169, -1.0958389043807983, -0.9708850979804993, -0.8459434509277344,
         -0.7210196852684021, -0.596123456954956, -0.47127288579940796, -0.34650617837905884,
         -0.22191902995109558, -0.09781275689601898, 0.04055044800043106, 0.5693802833557129,
         0.7096613645553589, 0.8386496305465698, 0.9654847383499146, 1.091539740562439, 1.2172245979309082,
         1.3427053689956665, 1.4680612087249756, 1.5933352708816528, 1.7185529470443726, 1.8437297344207764,
         1.968876600265503, 2.0940001010894775, 2.2191057205200195, 2.3441970348358154, 2.4692764282226562,
         2.594346523284912, 2.7194085121154785]) { p in Adam(p, lr: 0.05, betas: (0.5, 0.6), amsgrad: true, maximize: true) },
    FusedCase("adamW",
        [-1.123376488685608, -1.0265806913375854, -0.9297760128974915, -0.8329609632492065,
         -0.7361332774162292, -0.6392900347709656, -0.542427659034729, -0.44554126262664795,
         -0.34862396121025085, -0.2516660988330841, -0.1546536535024643, -0.057565078139305115,
         0.03963402658700943, 0.13700257241725922, 0.23465006053447723, 0.3328053653240204,
         0.43203747272491455, 0.5342079401016235, 0.6454769372940063, -0.11348474025726318,
         -0.028553076088428497, 0.06526262313127518, 0.16069753468036652, 0.2566975951194763,
         0.35295891761779785, 0.4493616223335266, 0.5458494424819946, 0.6423926949501038, 0.7389736175537109,
         0.8355814218521118, 0.9322096705436707, 1.0288527011871338, 1.1255075931549072, 1.2221719026565552,
         1.3188438415527344, 1.4155216217041016, 1.512204885482788]) { p in AdamW(p, lr: 0.1, weightDecay: 0.5) },
]

/// The script's steps; with `strided`, each gradient is a non-contiguous view.
private func runFused(_ make: ([Tensor]) -> any FusedStepping, steps: Int, strided: Bool) -> [Float] {
    let p = Tensor.arange(37, dtype: .float32).mul(0.125).sub(2).requiresGrad_()
    let g0 = Tensor.arange(37, dtype: .float32).mul(0.25).sub(4.5)
    let opt = make([p])
    for step in 0..<steps {
        let grad = g0.mul(step % 3 + 1).sub(p.detach().mul(0.5))
        p.grad = strided ? Tensor.stack([grad, grad], dim: 1).select(dim: 1, index: 0) : grad
        opt.step()
    }
    return p.scalars(as: Float.self)
}

@Suite struct FusedStepTests {
    /// The updates without `sqrt` bit for bit; the others to 1e-6 (PyTorch's float `sqrt` is
    /// MKL's, not always correctly rounded, and a last-bit difference grows over the steps: see
    /// Note [Fused optimizer arithmetic] in Optim.c).
    @Test(arguments: fusedCases + fusedMoreCases)
    func fusedMatchesPyTorch(_ c: FusedCase) {
        let got = runFused(c.make, steps: c.steps, strided: false), expected = c.expected.map { Float($0) }
        #expect(got.count == expected.count)
        if c.exact {
            #expect(got == expected)
        } else {
            for (a, b) in zip(got, expected) { #expect(abs(a - b) <= 1e-6 * max(1, abs(b)), "\(a) vs \(b)") }
        }
    }

    /// The other optimizers bit for bit against PyTorch with a correctly rounded float `sqrt`.
    @Test(arguments: fusedMoreCases.filter { !$0.exact })
    func fusedMatchesPyTorchArithmetic(_ c: FusedCase) throws {
        let expected = try #require(fusedMoreCorrectlyRoundedSqrt[c.name])
        #expect(runFused(c.make, steps: c.steps, strided: false) == expected.map { Float($0) })
    }

    @Test(arguments: fusedCases + fusedMoreCases)
    func composedPathAgrees(_ c: FusedCase) {
        let got = runFused(c.make, steps: c.steps, strided: true)
        #expect(got.count == c.expected.count)
        for (a, b) in zip(got, c.expected) {
            #expect(abs(Double(a) - b) <= 1e-5 * max(1, abs(b)))
        }
    }
}
