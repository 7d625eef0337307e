// OptimizerAlgorithmTests.swift
//
// Adamax, NAdam, RAdam, Adadelta, Adagrad and RMSprop: five steps (eight for RAdam, whose
// rectification starts at step 6) on the problem of OptimizerProblem.swift compared with PyTorch's
// parameters, for each option combination, and the state, defaults and argument errors, against
// what PyTorch 2.15 printed for these scripts. The cases:
//
//     import torch
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
//     F = dict(foreach=False)
//     cases = [
//         ("adamaxDefaults", 5, lambda p: O.Adamax(p, **F), "Adamax(p)"),
//         ("adamaxPlain", 5, lambda p: O.Adamax(p, lr=0.1, **F), "Adamax(p, lr: 0.1)"),
//         ("adamaxOptions", 5, lambda p: O.Adamax(p, lr=0.2, betas=(0.5, 0.7), eps=1e-3, weight_decay=0.2, **F),
//          "Adamax(p, lr: 0.2, betas: (0.5, 0.7), eps: 1e-3, weightDecay: 0.2)"),
//         ("adamaxMaximize", 5, lambda p: O.Adamax(p, lr=0.05, weight_decay=0.1, maximize=True, **F),
//          "Adamax(p, lr: 0.05, weightDecay: 0.1, maximize: true)"),
//         ("nadamDefaults", 5, lambda p: O.NAdam(p, **F), "NAdam(p)"),
//         ("nadamPlain", 5, lambda p: O.NAdam(p, lr=0.1, **F), "NAdam(p, lr: 0.1)"),
//         ("nadamOptions", 5, lambda p: O.NAdam(p, lr=0.2, betas=(0.5, 0.7), eps=1e-3, weight_decay=0.2, momentum_decay=0.3, **F),
//          "NAdam(p, lr: 0.2, betas: (0.5, 0.7), eps: 1e-3, weightDecay: 0.2, momentumDecay: 0.3)"),
//         ("nadamDecoupled", 5, lambda p: O.NAdam(p, lr=0.1, weight_decay=0.5, decoupled_weight_decay=True, **F),
//          "NAdam(p, lr: 0.1, weightDecay: 0.5, decoupledWeightDecay: true)"),
//         ("nadamMaximize", 5, lambda p: O.NAdam(p, lr=0.05, weight_decay=0.1, maximize=True, **F),
//          "NAdam(p, lr: 0.05, weightDecay: 0.1, maximize: true)"),
//         ("radamPlain", 8, lambda p: O.RAdam(p, lr=0.1, **F), "RAdam(p, lr: 0.1)"),
//         ("radamFiveSteps", 5, lambda p: O.RAdam(p, lr=0.1, **F), "RAdam(p, lr: 0.1)"),
//         ("radamOptions", 8, lambda p: O.RAdam(p, lr=0.2, betas=(0.5, 0.9), eps=1e-3, weight_decay=0.2, **F),
//          "RAdam(p, lr: 0.2, betas: (0.5, 0.9), eps: 1e-3, weightDecay: 0.2)"),
//         ("radamDecoupled", 8, lambda p: O.RAdam(p, lr=0.1, weight_decay=0.5, decoupled_weight_decay=True, **F),
//          "RAdam(p, lr: 0.1, weightDecay: 0.5, decoupledWeightDecay: true)"),
//         ("radamMaximize", 8, lambda p: O.RAdam(p, lr=0.05, weight_decay=0.1, maximize=True, **F),
//          "RAdam(p, lr: 0.05, weightDecay: 0.1, maximize: true)"),
//         ("adadeltaDefaults", 5, lambda p: O.Adadelta(p, **F), "Adadelta(p)"),
//         ("adadeltaOptions", 5, lambda p: O.Adadelta(p, lr=0.5, rho=0.5, eps=1e-3, weight_decay=0.1, **F),
//          "Adadelta(p, lr: 0.5, rho: 0.5, eps: 1e-3, weightDecay: 0.1)"),
//         ("adadeltaMaximize", 5, lambda p: O.Adadelta(p, lr=2.0, maximize=True, **F), "Adadelta(p, lr: 2.0, maximize: true)"),
//         ("adagradDefaults", 5, lambda p: O.Adagrad(p, **F), "Adagrad(p)"),
//         ("adagradPlain", 5, lambda p: O.Adagrad(p, lr=0.1, **F), "Adagrad(p, lr: 0.1)"),
//         ("adagradOptions", 5, lambda p: O.Adagrad(p, lr=0.2, lr_decay=0.1, weight_decay=0.2, initial_accumulator_value=0.5, eps=1e-3, **F),
//          "Adagrad(p, lr: 0.2, lrDecay: 0.1, weightDecay: 0.2, initialAccumulatorValue: 0.5, eps: 1e-3)"),
//         ("adagradMaximize", 5, lambda p: O.Adagrad(p, lr=0.05, weight_decay=0.1, maximize=True, **F),
//          "Adagrad(p, lr: 0.05, weightDecay: 0.1, maximize: true)"),
//         ("rmspropDefaults", 5, lambda p: O.RMSprop(p, **F), "RMSprop(p)"),
//     ]
//     for centered in [False, True]:
//         for momentum in [0.0, 0.5]:
//             for wd in [0.0, 0.1]:
//                 for maximize in [False, True]:
//                     name = "rmsprop" + ("Centered" if centered else "") + ("Momentum" if momentum else "") + ("WeightDecay" if wd else "") + ("Maximize" if maximize else "")
//                     if name == "rmsprop": name = "rmspropPlain"
//                     swift = f"RMSprop(p, lr: 0.01, alpha: 0.9, eps: 1e-6, weightDecay: {wd}, momentum: {momentum}, centered: {'true' if centered else 'false'}, maximize: {'true' if maximize else 'false'})"
//                     cases.append((name, 5, (lambda c, m, d, x: lambda p: O.RMSprop(p, lr=0.01, alpha=0.9, eps=1e-6, weight_decay=d, momentum=m, centered=c, maximize=x, **F))(centered, momentum, wd, maximize), swift))
//     for name, steps, make, swift in cases:
//         vals = ", ".join(repr(v) for v in run(make, steps))
//         st = "" if steps == 5 else f", steps: {steps}"
//         print(f'        OptimCase("{name}", [{vals}]{st}) {{ p in {swift} }},')
//
// The errors, defaults and state:
//
//     import torch
//     O = torch.optim
//     w = torch.tensor([0.5, -1.0], dtype=torch.float64, requires_grad=True)
//     for make in [lambda: O.Adamax([w], lr=-1.0), lambda: O.Adamax([w], eps=-1e-8), lambda: O.Adamax([w], betas=(0.9, 1.0)),
//                  lambda: O.Adamax([w], weight_decay=-0.5),
//                  lambda: O.NAdam([w], lr=float('nan')), lambda: O.NAdam([w], betas=(-0.1, 0.999)), lambda: O.NAdam([w], momentum_decay=-4e-3),
//                  lambda: O.RAdam([w], lr=-0.01), lambda: O.RAdam([w], weight_decay=-1.0),
//                  lambda: O.Adadelta([w], lr=-1.0), lambda: O.Adadelta([w], rho=1.5), lambda: O.Adadelta([w], rho=-0.1), lambda: O.Adadelta([w], eps=-1e-6),
//                  lambda: O.Adadelta([w], weight_decay=-0.1),
//                  lambda: O.Adagrad([w], lr=-0.1), lambda: O.Adagrad([w], lr_decay=-0.5), lambda: O.Adagrad([w], weight_decay=-2.0),
//                  lambda: O.Adagrad([w], initial_accumulator_value=-0.1), lambda: O.Adagrad([w], eps=-1e-10),
//                  lambda: O.RMSprop([w], lr=-0.01), lambda: O.RMSprop([w], eps=-1.0), lambda: O.RMSprop([w], momentum=-0.9),
//                  lambda: O.RMSprop([w], weight_decay=-0.1), lambda: O.RMSprop([w], alpha=-0.99), lambda: O.RMSprop([w], lr=float('-inf')),
//                  lambda: O.Adadelta([w], rho=1.0), lambda: O.RMSprop([w], alpha=5.0)]:
//         try: make(); print("no error")
//         except Exception as e: print(type(e).__name__, repr(str(e)))
//     # defaults
//     for cls in [O.Adamax, O.NAdam, O.RAdam, O.Adadelta, O.Adagrad, O.RMSprop]:
//         o = cls([w])
//         print(cls.__name__, {k: v for k, v in o.defaults.items() if k not in ("foreach", "differentiable", "capturable", "fused")})
//     # state after 2 steps: keys, step, dtypes
//     for cls, kw in [(O.Adamax, {}), (O.NAdam, {}), (O.RAdam, {}), (O.Adadelta, {}), (O.Adagrad, {"initial_accumulator_value": 0.25}),
//                     (O.RMSprop, {}), (O.RMSprop, {"momentum": 0.5, "centered": True})]:
//         w = torch.tensor([0.5, -1.0], dtype=torch.float64, requires_grad=True)
//         o = cls([w], **kw)
//         if cls is O.Adagrad: print("adagrad at construction", {k: (v.dtype, v.tolist()) for k, v in o.state[w].items()})
//         for _ in range(2):
//             o.zero_grad(); (w * w * w).sum().backward(); o.step()
//         print(cls.__name__, kw, {k: (str(v.dtype), v.tolist()) for k, v in o.state[w].items()})
//     # A group added to Adagrad later: lazy state from the defaults' initial_accumulator_value.
//     w = torch.tensor([0.5, -1.0], dtype=torch.float64, requires_grad=True)
//     v = torch.tensor([2.0], dtype=torch.float64, requires_grad=True)
//     o = O.Adagrad([w], initial_accumulator_value=0.25)
//     o.add_param_group({'params': [v], 'initial_accumulator_value': 4.0})
//     print(o.state[v]); (v * v).sum().backward(); o.step(); print(o.state[v]['sum'].tolist(), v.tolist(), o.state[w]['step'])
//
// A NaN in a parameter and a zero-size parameter:
//
//     import torch
//     O = torch.optim
//     for name, cls, kw in [("Adamax", O.Adamax, {}), ("NAdam", O.NAdam, {}), ("RAdam", O.RAdam, {}), ("Adadelta", O.Adadelta, {}),
//                           ("Adagrad", O.Adagrad, {}), ("RMSprop", O.RMSprop, {"momentum": 0.5, "centered": True})]:
//         p = torch.tensor([1.0, float('nan'), -2.0], dtype=torch.float64, requires_grad=True)
//         e = torch.zeros(0, 3, dtype=torch.float64, requires_grad=True)
//         opt = cls([p, e], foreach=False, **kw)
//         for _ in range(2):
//             opt.zero_grad(); ((p * p).sum() + (e * e).sum()).backward(); opt.step()
//         print(name, p.tolist(), e.shape, sorted(opt.state[e].keys()))

import Testing
import Ember
import EmberTestSupport

private let cases: [OptimCase] = [
        OptimCase("adamaxDefaults", [0.4900130902318464, -0.9900017189417359, 1.49000766912635, 1.9900089947444541, -0.5100048633689894, 0.2598903469802942, 0.09000697463165225, -0.21000520929282343, 0.2900101231503856]) { p in Adamax(p) },
        OptimCase("adamaxPlain", [0.06710224280059775, -0.5455778086501152, 1.0600687925459875, 1.5635888500634656, -0.9945691094602314, 0.546715472236554, -0.34594525785943003, -0.6735133614207856, -0.14227681897911032]) { p in Adamax(p, lr: 0.1) },
        OptimCase("adamaxOptions", [-0.6937201186347914, 0.09208981617899414, 0.30440857442159097, 0.8191186884375321, -1.4752599588098483, 0.8069342028799941, -1.0123917901646031, -1.1176675079179805, -0.8264288511015225]) { p in Adamax(p, lr: 0.2, betas: (0.5, 0.7), eps: 1e-3, weightDecay: 0.2) },
        OptimCase("adamaxMaximize", [0.7350659978540168, -1.239372334971363, 1.7373436265409288, 2.236757870212375, -0.25413030067861314, 0.03535069955322675, 0.33741676219238464, 0.04309643075199145, 0.5354515250632648]) { p in Adamax(p, lr: 0.05, weightDecay: 0.1, maximize: true) },
        OptimCase("nadamDefaults", [0.4919164842558896, -0.991911218890845, 1.4919139742533705, 1.9919145894983303, -0.5080961285977014, 0.2580380520610086, 0.09191364781288616, -0.20809591672482586, 0.291915102380831]) { p in NAdam(p) },
        OptimCase("nadamPlain", [0.13252956786904976, -0.6193754736851192, 1.1285054206658667, 1.6310270776850404, -0.9051934232915226, 0.5060347792145685, -0.27620193218212646, -0.6177903514831042, -0.07326069728373585]) { p in NAdam(p, lr: 0.1) },
        OptimCase("nadamOptions", [-0.3403197368843549, -0.08898716495698603, 0.6607549684973666, 1.1817351607208266, -1.5619010756271017, 0.792635370059319, -0.7997647473486819, -1.3357437685863227, -0.578753927234831]) { p in NAdam(p, lr: 0.2, betas: (0.5, 0.7), eps: 1e-3, weightDecay: 0.2, momentumDecay: 0.3) },
        OptimCase("nadamDecoupled", [0.06468620397578427, -0.4354501844005912, 0.8433254370154675, 1.2311039297802988, -0.7508567123701032, 0.4722025139744238, -0.22724040602341214, -0.5031680361788059, -0.07180488554030598]) { p in NAdam(p, lr: 0.1, weightDecay: 0.5, decoupledWeightDecay: true) },
        OptimCase("nadamMaximize", [0.7118234132907494, -1.2087889732269859, 1.7103255572952474, 2.2106850968128766, -0.2953499704946199, 0.02068500674729412, 0.31024334878805626, 0.006364761294208758, 0.5114262461707829]) { p in NAdam(p, lr: 0.05, weightDecay: 0.1, maximize: true) },
        OptimCase("radamPlain", [-0.3030137562726321, 0.4881478910912893, -0.01760039464472667, 0.6027350103241784, -1.5624236319116922, 0.45739056441712245, -1.5138005269291022, -0.8902752061646535, -0.4683347346592581], steps: 8) { p in RAdam(p, lr: 0.1) },
        OptimCase("radamFiveSteps", [-0.29383373968754195, 0.4791522272742162, -0.011146602178048082, 0.6063819575672772, -1.552569248957481, 0.4474943978296043, -1.5042460456931341, -0.8806664699850354, -0.4615627620362421]) { p in RAdam(p, lr: 0.1) },
        OptimCase("radamOptions", [-1.476588062156277, 1.985292061395543, -0.5364773841440508, 0.36322851021769886, -3.2616912701078253, 0.8999417730559898, -4.102525834709791, -3.4138749912073227, -1.0809596268953756], steps: 8) { p in RAdam(p, lr: 0.2, betas: (0.5, 0.9), eps: 1e-3, weightDecay: 0.2) },
        OptimCase("radamDecoupled", [-0.278191060833503, 0.4655456492994908, -0.11518917844042695, 0.2805967746853556, -1.153873917906822, 0.3387890197121875, -1.0711602337533939, -0.6253995707824497, -0.34843719387223937], steps: 8) { p in RAdam(p, lr: 0.1, weightDecay: 0.5, decoupledWeightDecay: true) },
        OptimCase("radamMaximize", [1.1832927961253976, -2.0116059647241777, 2.881328802441236, 3.6034005108533433, 0.10593985565497106, 0.1539989940305069, 1.598692562392567, 0.228927118741152, 1.1829353952684951], steps: 8) { p in RAdam(p, lr: 0.05, weightDecay: 0.1, maximize: true) },
        OptimCase("adadeltaDefaults", [0.4836644531933684, -0.9836309706646132, 1.4836485557496573, 1.983652503935212, -0.5164160788839223, 0.2660469488353468, 0.08364634831770049, -0.21641534513678165, 0.283655555726863]) { p in Adadelta(p) },
        OptimCase("adadeltaOptions", [0.364565715239376, -0.8628979693960024, 1.3637324485547602, 1.8638984168295356, -0.6393163964251589, 0.36497134959861127, -0.0363472493047485, -0.3395877017023366, 0.1640845719485287]) { p in Adadelta(p, lr: 0.5, rho: 0.5, eps: 1e-3, weightDecay: 0.1) },
        OptimCase("adadeltaMaximize", [0.5332585298306632, -1.0331235957260054, 1.53319260465112, 2.033207622233273, -0.4670592475114474, 0.21560953255207213, 0.13318711076129364, -0.16703988912426984, 0.33322632249668593]) { p in Adadelta(p, lr: 2.0, maximize: true) },
        OptimCase("adagradDefaults", [0.4679707931930637, -0.9678715369964845, 1.4679242971638258, 1.9679362781745509, -0.5322694167376499, 0.2811489952180164, 0.06791665657199285, -0.23227241923158004, 0.26794319800419003]) { p in Adagrad(p) },
        OptimCase("adagradPlain", [0.20499672151493137, -0.6952082450414143, 1.2016115013582493, 1.703354512267532, -0.822437433784796, 0.4613304006865401, -0.20131149547283922, -0.5305737039532665, 0.0010735300097443473]) { p in Adagrad(p, lr: 0.1) },
        OptimCase("adagradOptions", [0.03213605913298622, -0.490408715997518, 1.0086119076667173, 1.5137292581424415, -1.0474725831808165, 0.46392518155953716, -0.39820795779463913, -0.7534350091220281, -0.1733504379013892]) { p in Adagrad(p, lr: 0.2, lrDecay: 0.1, weightDecay: 0.2, initialAccumulatorValue: 0.5, eps: 1e-3) },
        OptimCase("adagradMaximize", [0.6686724438883059, -1.1663422113205633, 1.6675490014434629, 2.167834052619399, -0.3368731704183787, 0.06712223398193516, 0.26744640241564477, -0.03576798678756032, 0.46830338318545206]) { p in Adagrad(p, lr: 0.05, weightDecay: 0.1, maximize: true) },
        OptimCase("rmspropDefaults", [0.2037529743089559, -0.6939374551875159, 1.200366330750495, 1.7021174070002598, -0.8237501453210878, 0.46213629553471475, -0.20257748013639532, -0.5319186345795033, -0.00018885779907207995]) { p in RMSprop(p) },
        OptimCase("rmspropPlain", [0.3964343252072149, -0.8954267970103287, 1.395989467112593, 1.8961233521482026, -0.6060773525841369, 0.34390853275014915, -0.004136897093217294, -0.3063186601919021, 0.19610986247715118]) { p in RMSprop(p, lr: 0.01, alpha: 0.9, eps: 1e-6, weightDecay: 0.0, momentum: 0.0, centered: false, maximize: false) },
        OptimCase("rmspropMaximize", [0.6093036189971647, -1.1083461233838907, 1.6088125855348445, 2.108908971474908, -0.3928996453807581, 0.13375543480147267, 0.2088144709893113, -0.0925479642753514, 0.40913301825758663]) { p in RMSprop(p, lr: 0.01, alpha: 0.9, eps: 1e-6, weightDecay: 0.0, momentum: 0.0, centered: false, maximize: true) },
        OptimCase("rmspropWeightDecay", [0.39646120036694804, -0.8954279078147515, 1.395949858601089, 1.8960535861055436, -0.6059787431769534, 0.34194019662726854, -0.004092845451628279, -0.30616624556898486, 0.19616996016627083]) { p in RMSprop(p, lr: 0.01, alpha: 0.9, eps: 1e-6, weightDecay: 0.1, momentum: 0.0, centered: false, maximize: false) },
        OptimCase("rmspropWeightDecayMaximize", [0.6092872602197174, -1.108347145959053, 1.6088509110800735, 2.1089743553384954, -0.3929956567054248, 0.13460423868805088, 0.20878068548557221, -0.09269742411412472, 0.4090970186040685]) { p in RMSprop(p, lr: 0.01, alpha: 0.9, eps: 1e-6, weightDecay: 0.1, momentum: 0.0, centered: false, maximize: true) },
        OptimCase("rmspropMomentum", [0.3272209294028206, -0.8249912199325903, 1.3262853652827749, 1.8265938215650148, -0.6784109245754721, 0.4003164658447998, -0.0740598674975359, -0.37917947709639443, 0.1264137964303844]) { p in RMSprop(p, lr: 0.01, alpha: 0.9, eps: 1e-6, weightDecay: 0.0, momentum: 0.5, centered: false, maximize: false) },
        OptimCase("rmspropMomentumMaximize", [0.6853119486642995, -1.18325759335674, 1.684226984191319, 2.184426372477886, -0.319360698267133, 0.05080289055597945, 0.28427492846332153, -0.018376961880828446, 0.4850216791601343]) { p in RMSprop(p, lr: 0.01, alpha: 0.9, eps: 1e-6, weightDecay: 0.0, momentum: 0.5, centered: false, maximize: true) },
        OptimCase("rmspropMomentumWeightDecay", [0.32728614853711857, -0.8249963211730031, 1.3261975853439885, 1.826437535270492, -0.6781970287841446, 0.39541978848406795, -0.07395967610420559, -0.3788537872942136, 0.12655578640362575]) { p in RMSprop(p, lr: 0.01, alpha: 0.9, eps: 1e-6, weightDecay: 0.1, momentum: 0.5, centered: false, maximize: false) },
        OptimCase("rmspropMomentumWeightDecayMaximize", [0.6852806967684896, -1.183261831585117, 1.684309430360528, 2.1845657937633147, -0.31957103433730566, 0.05237943211108588, 0.28420417998755554, -0.018701454779662934, 0.4849478204632111]) { p in RMSprop(p, lr: 0.01, alpha: 0.9, eps: 1e-6, weightDecay: 0.1, momentum: 0.5, centered: false, maximize: true) },
        OptimCase("rmspropCentered", [0.38124157381723867, -0.8798551630041314, 1.3806362925295408, 1.880824572440891, -0.622227196463335, 0.3552230552871741, -0.01955217467334565, -0.3226151284059684, 0.18078622364811167]) { p in RMSprop(p, lr: 0.01, alpha: 0.9, eps: 1e-6, weightDecay: 0.0, momentum: 0.0, centered: true, maximize: false) },
        OptimCase("rmspropCenteredMaximize", [0.6265471677282213, -1.1252709347137961, 1.6258881130225629, 2.1260138784976803, -0.3763860506704719, 0.11471001204276143, 0.2259007658417793, -0.07585636278527397, 0.426335402881488]) { p in RMSprop(p, lr: 0.01, alpha: 0.9, eps: 1e-6, weightDecay: 0.0, momentum: 0.0, centered: true, maximize: true) },
        OptimCase("rmspropCenteredWeightDecay", [0.38127979161770115, -0.8798568630991334, 1.380581427334654, 1.8807275871827946, -0.6220931703873099, 0.3524388612637078, -0.01949048898964185, -0.32240876517983813, 0.18087332408513135]) { p in RMSprop(p, lr: 0.01, alpha: 0.9, eps: 1e-6, weightDecay: 0.1, momentum: 0.0, centered: true, maximize: false) },
        OptimCase("rmspropCenteredWeightDecayMaximize", [0.6265262968282356, -1.125272447010681, 1.6259390729173817, 2.1261004279586855, -0.3765161713034239, 0.11571752553922794, 0.22585643910845882, -0.07605763560937255, 0.42628874431743413]) { p in RMSprop(p, lr: 0.01, alpha: 0.9, eps: 1e-6, weightDecay: 0.1, momentum: 0.0, centered: true, maximize: true) },
        OptimCase("rmspropCenteredMomentum", [0.30485902450118335, -0.8018335978366512, 1.3036134250747342, 1.8040432757385327, -0.7028138876445011, 0.41430059562724797, -0.09689897193611617, -0.40399853235670874, 0.10373343956013521]) { p in RMSprop(p, lr: 0.01, alpha: 0.9, eps: 1e-6, weightDecay: 0.0, momentum: 0.5, centered: true, maximize: false) },
        OptimCase("rmspropCenteredMomentumMaximize", [0.7118230397310472, -1.2091622973860507, 1.7104062938042548, 2.210658295424197, -0.29422681326148337, 0.02152788158917701, 0.3104940293502422, 0.007211693170049713, 0.5114880622547584]) { p in RMSprop(p, lr: 0.01, alpha: 0.9, eps: 1e-6, weightDecay: 0.0, momentum: 0.5, centered: true, maximize: true) },
        OptimCase("rmspropCenteredMomentumWeightDecay", [0.3049513243748479, -0.801841345529557, 1.3034934277501502, 1.8038285521531634, -0.7025288274792048, 0.40765839954237243, -0.09676018579664525, -0.40356839014996904, 0.10393837471384565]) { p in RMSprop(p, lr: 0.01, alpha: 0.9, eps: 1e-6, weightDecay: 0.1, momentum: 0.5, centered: true, maximize: false) },
        OptimCase("rmspropCenteredMomentumWeightDecayMaximize", [0.7117849190177555, -1.2091683631493013, 1.71051291280532, 2.2108376003854047, -0.2945059095522056, 0.02327803637690765, 0.3104040224414054, 0.006786073668484376, 0.5113956111712957]) { p in RMSprop(p, lr: 0.01, alpha: 0.9, eps: 1e-6, weightDecay: 0.1, momentum: 0.5, centered: true, maximize: true) },
]

@Suite struct OptimizerAlgorithmTests {
    @Test(arguments: cases) func stepsMatchPyTorch(_ c: OptimCase) throws {
        expectValues(try run(c.make, steps: c.steps), c.expected)
    }

    @Test func defaults() {
        let w = Parameter(Tensor([0.5, -1.0], dtype: .float64))
        let adamax = Adamax([w]).defaults
        #expect(adamax.lr == 0.002 && adamax.betas == (0.9, 0.999) && adamax.eps == 1e-8 && adamax.weightDecay == 0
                && !adamax.maximize)
        let nadam = NAdam([w]).defaults
        #expect(nadam.lr == 0.002 && nadam.betas == (0.9, 0.999) && nadam.eps == 1e-8 && nadam.weightDecay == 0
                && nadam.momentumDecay == 0.004 && !nadam.decoupledWeightDecay && !nadam.maximize)
        let radam = RAdam([w]).defaults
        #expect(radam.lr == 0.001 && radam.betas == (0.9, 0.999) && radam.eps == 1e-8 && radam.weightDecay == 0
                && !radam.decoupledWeightDecay && !radam.maximize)
        let adadelta = Adadelta([w]).defaults
        #expect(adadelta.lr == 1.0 && adadelta.rho == 0.9 && adadelta.eps == 1e-6 && adadelta.weightDecay == 0
                && !adadelta.maximize)
        let adagrad = Adagrad([w]).defaults
        #expect(adagrad.lr == 0.01 && adagrad.lrDecay == 0 && adagrad.eps == 1e-10 && adagrad.weightDecay == 0
                && adagrad.initialAccumulatorValue == 0 && !adagrad.maximize)
        let rmsprop = RMSprop([w]).defaults
        #expect(rmsprop.lr == 0.01 && rmsprop.momentum == 0 && rmsprop.alpha == 0.99 && rmsprop.eps == 1e-8
                && !rmsprop.centered && rmsprop.weightDecay == 0 && !rmsprop.maximize)
    }

    /// The state after two steps of `(w * w * w).sum()`: PyTorch's names, a float32 `step` (and
    /// NAdam's float32 `mu_product`, rounded at every step), float64 buffers.
    @Test func stateAfterTwoSteps() throws {
        func twoSteps(_ make: ([Tensor]) -> any Stepping) throws -> [String: Tensor] {
            let w = Parameter(Tensor([0.5, -1.0], dtype: .float64))
            let opt = make([w])
            for _ in 0..<2 {
                opt.zeroGrad(setToNone: true)
                try (w * w * w).sum().backward()
                opt.step()
            }
            return opt.stateDict().state[0] ?? [:]
        }
        func check(_ s: [String: Tensor], _ buffers: [String: [Double]],
                   sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(Set(s.keys) == Set(buffers.keys).union(["step"]), sourceLocation: sourceLocation)
            expectTensor(s["step"] ?? Tensor(-1.0), shape: [], values: [2], dtype: .float32,
                         sourceLocation: sourceLocation)
            for (name, values) in buffers where name != "mu_product" {
                expectClose(s[name], shape: [2], values, dtype: .float64, sourceLocation: sourceLocation)
            }
        }
        check(try twoSteps { Adamax($0) }, ["exp_avg": [0.14190120000796796, 0.5712011999959918],
                                            "exp_inf": [0.74925000999, 3.0120120099599195]])
        let nadam = try twoSteps { NAdam($0) }
        check(nadam, ["mu_product": [], "exp_avg": [0.1418674682420799, 0.5712690814538318],
                      "exp_avg_sq": [0.0011149895332736779, 0.01806730594400358]])
        expectTensor(nadam["mu_product"] ?? Tensor(-1.0), shape: [], values: [0.2025991976261139], dtype: .float32)
        check(try twoSteps { RAdam($0) }, ["exp_avg": [0.14227516875, 0.5718026999999998],
                                           "exp_avg_sq": [0.0011210700861590988, 0.01809948697272901]])
        check(try twoSteps { Adadelta($0) }, ["square_avg": [0.10546543063238722, 1.721438307123862],
                                              "acc_delta": [1.939934681116871e-06, 1.958924280721716e-06]])
        check(try twoSteps { Adagrad($0, initialAccumulatorValue: 0.25) },
              ["sum": [1.3384820266527124, 18.610390502269105]])
        check(try twoSteps { RMSprop($0) }, ["square_avg": [0.007872750307199982, 0.2208689984028002]])
        check(try twoSteps { RMSprop($0, momentum: 0.5, centered: true) },
              ["square_avg": [0.007861165092328476, 0.22111055622123976],
               "momentum_buffer": [10.477275626863339, 12.829320837493489],
               "grad_avg": [0.012212917180077868, 0.06603325697226166]])
    }

    /// Adagrad's state exists from the constructor on; a group added later gets it at its first
    /// step, filled with the defaults' accumulator value.
    @Test func adagradStateAtConstruction() throws {
        let w = Parameter(Tensor([0.5, -1.0], dtype: .float64))
        let v = Parameter(Tensor([2.0], dtype: .float64))
        let opt = Adagrad([w], initialAccumulatorValue: 0.25)
        let s = opt.state(for: w)
        #expect(Set(s.keys) == ["step", "sum"])
        expectTensor(s["step"] ?? Tensor(-1.0), shape: [], values: [0], dtype: .float32)
        expectTensor(s["sum"] ?? Tensor(-1.0), shape: [2], values: [0.25, 0.25], dtype: .float64)
        opt.addParamGroup([v]) { $0.initialAccumulatorValue = 4 }
        #expect(opt.state(for: v).isEmpty)
        try (v * v).sum().backward()
        opt.step()
        // sum = 0.25 + 4^2: the defaults' 0.25, not the group's 4.
        expectTensor(opt.state(for: v)["sum"] ?? Tensor(-1.0), shape: [1], values: [16.25])
        expectClose(v, shape: [1], [1.9900772212331095])
        expectTensor(opt.state(for: w)["step"] ?? Tensor(-1.0), shape: [], values: [0])
    }

    /// Two steps on a parameter holding a NaN (only that element turns NaN) and on a [0, 3]
    /// parameter (it gets its state and stays empty).
    @Test func nanAndZeroSize() throws {
        let expected: [(String, ([Tensor]) -> any Stepping, [Double], Set<String>)] = [
            ("Adamax", { Adamax($0) }, [0.9960001053885154, .nan, -1.995999051693272], ["exp_avg", "exp_inf", "step"]),
            ("NAdam", { NAdam($0) }, [0.9963211967503882, .nan, -1.9963204616172339],
             ["exp_avg", "exp_avg_sq", "mu_product", "step"]),
            ("RAdam", { RAdam($0) }, [0.9960021052631579, .nan, -1.9920042105263158], ["exp_avg", "exp_avg_sq", "step"]),
            ("Adadelta", { Adadelta($0) }, [0.9935981740783056, .nan, -1.993595728929903],
             ["acc_delta", "square_avg", "step"]),
            ("Adagrad", { Adagrad($0) }, [0.9829645540215471, .nan, -1.9829466763151995], ["step", "sum"]),
            ("RMSprop", { RMSprop($0, momentum: 0.5, centered: true) }, [0.7815074914738366, .nan, -1.7795002630981225],
             ["grad_avg", "momentum_buffer", "square_avg", "step"]),
        ]
        for (name, make, values, stateNames) in expected {
            let p = Parameter(Tensor([1.0, .nan, -2.0], dtype: .float64))
            let e = Parameter(Tensor.zeros([0, 3], dtype: .float64))
            let opt = make([p, e])
            try withErrorCapture {
                for _ in 0..<2 {
                    opt.zeroGrad(setToNone: true)
                    try ((p * p).sum() + (e * e).sum()).backward()
                    opt.step()
                }
            }
            expectClose(p, shape: [3], values)
            #expect(e.shape == [0, 3], "\(name)")
            #expect(Set(opt.stateDict().state[1]?.keys ?? [:].keys) == stateNames, "\(name)")
        }
    }

    @Test(arguments: OptimizerAlgorithmErrors.all) func errorCaptured(_ c: OpErrorCase) { expectCaptured(c) }

    @Test(arguments: OptimizerAlgorithmErrors.all) func errorStops(_ c: OpErrorCase) async {
        await expectStops(c, in: OptimizerAlgorithmErrors.self)
    }

    @Test func validArguments() {
        let w = Parameter(Tensor([0.5, -1.0], dtype: .float64))
        expectNoTensorError { _ = Adadelta([w], rho: 1.0) }
        expectNoTensorError { _ = Adadelta([w], lr: 0, rho: 0, eps: 0) }
        expectNoTensorError { _ = RMSprop([w], alpha: 5.0) }
        expectNoTensorError { _ = NAdam([w], lr: 0, betas: (0, 0), eps: 0, momentumDecay: 0) }
        expectNoTensorError { _ = Adagrad([w], lr: 0, eps: 0) }
    }
}

/// A fresh parameter for an error case.
private func w() -> Parameter { Parameter(Tensor([0.5, -1.0], dtype: .float64)) }

/// The constructors' argument errors, with PyTorch's messages.
struct OptimizerAlgorithmErrors: OpErrorTable {
    static let all: [OpErrorCase] = [
        OpErrorCase("adamaxLR", .valueError, "Invalid learning rate: -1.0") { _ = Adamax([w()], lr: -1.0) },
        OpErrorCase("adamaxEps", .valueError, "Invalid epsilon value: -1e-08") { _ = Adamax([w()], eps: -1e-8) },
        OpErrorCase("adamaxBeta1", .valueError, "Invalid beta parameter at index 1: 1.0") {
            _ = Adamax([w()], betas: (0.9, 1.0))
        },
        OpErrorCase("adamaxWeightDecay", .valueError, "Invalid weight_decay value: -0.5") {
            _ = Adamax([w()], weightDecay: -0.5)
        },
        OpErrorCase("nadamNaNLR", .valueError, "Invalid learning rate: nan") { _ = NAdam([w()], lr: .nan) },
        OpErrorCase("nadamBeta0", .valueError, "Invalid beta parameter at index 0: -0.1") {
            _ = NAdam([w()], betas: (-0.1, 0.999))
        },
        OpErrorCase("nadamMomentumDecay", .valueError, "Invalid momentum_decay value: -0.004") {
            _ = NAdam([w()], momentumDecay: -4e-3)
        },
        OpErrorCase("radamLR", .valueError, "Invalid learning rate: -0.01") { _ = RAdam([w()], lr: -0.01) },
        OpErrorCase("radamWeightDecay", .valueError, "Invalid weight_decay value: -1.0") {
            _ = RAdam([w()], weightDecay: -1.0)
        },
        OpErrorCase("adadeltaLR", .valueError, "Invalid learning rate: -1.0") { _ = Adadelta([w()], lr: -1.0) },
        OpErrorCase("adadeltaRhoAbove", .valueError, "Invalid rho value: 1.5") { _ = Adadelta([w()], rho: 1.5) },
        OpErrorCase("adadeltaRhoBelow", .valueError, "Invalid rho value: -0.1") { _ = Adadelta([w()], rho: -0.1) },
        OpErrorCase("adadeltaEps", .valueError, "Invalid epsilon value: -1e-06") { _ = Adadelta([w()], eps: -1e-6) },
        OpErrorCase("adadeltaWeightDecay", .valueError, "Invalid weight_decay value: -0.1") {
            _ = Adadelta([w()], weightDecay: -0.1)
        },
        OpErrorCase("adagradLR", .valueError, "Invalid learning rate: -0.1") { _ = Adagrad([w()], lr: -0.1) },
        OpErrorCase("adagradLRDecay", .valueError, "Invalid lr_decay value: -0.5") { _ = Adagrad([w()], lrDecay: -0.5) },
        OpErrorCase("adagradWeightDecay", .valueError, "Invalid weight_decay value: -2.0") {
            _ = Adagrad([w()], weightDecay: -2.0)
        },
        OpErrorCase("adagradInitialAccumulator", .valueError, "Invalid initial_accumulator_value value: -0.1") {
            _ = Adagrad([w()], initialAccumulatorValue: -0.1)
        },
        OpErrorCase("adagradEps", .valueError, "Invalid epsilon value: -1e-10") { _ = Adagrad([w()], eps: -1e-10) },
        OpErrorCase("rmspropLR", .valueError, "Invalid learning rate: -0.01") { _ = RMSprop([w()], lr: -0.01) },
        OpErrorCase("rmspropEps", .valueError, "Invalid epsilon value: -1.0") { _ = RMSprop([w()], eps: -1.0) },
        OpErrorCase("rmspropMomentum", .valueError, "Invalid momentum value: -0.9") { _ = RMSprop([w()], momentum: -0.9) },
        OpErrorCase("rmspropWeightDecay", .valueError, "Invalid weight_decay value: -0.1") {
            _ = RMSprop([w()], weightDecay: -0.1)
        },
        OpErrorCase("rmspropAlpha", .valueError, "Invalid alpha value: -0.99") { _ = RMSprop([w()], alpha: -0.99) },
        OpErrorCase("rmspropInfiniteLR", .valueError, "Invalid learning rate: -inf") { _ = RMSprop([w()], lr: -.infinity) },
    ]
}
