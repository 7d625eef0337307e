// MarginLossTests.swift
//
// The hinge embedding, triplet margin, multi-label soft margin, soft margin, multi-class margin, Poisson NLL and Gaussian NLL losses, the
// pairwise distance, cosine similarity, softmin and Softmax2d against PyTorch: loss values, nodes and every input's gradient from
// Scripts/margin-loss-reference.py (float64 inputs made from the same formula on both sides);
// the triplet loss's rank check, reductions and the modules' printing.

import Testing
import EmberCore
import EmberNN
import EmberTestSupport

struct LossRefCase: CustomTestStringConvertible, @unchecked Sendable {
    let name: String, inputs: [([Int], Double)], shape: [Int], node: String
    let apply: ([Tensor]) -> Tensor, loss: [Double], grads: [[Double]]
    init(_ name: String, inputs: [([Int], Double)], shape: [Int], node: String, _ apply: @escaping ([Tensor]) -> Tensor,
         loss: [Double], grads: [[Double]]) {
        (self.name, self.inputs, self.shape, self.node, self.apply, self.loss, self.grads) =
            (name, inputs, shape, node, apply, loss, grads)
    }
    var testDescription: String { name }
}

@Suite struct MarginLossTests {
    static let hingeTarget = Tensor([[1.0, -1.0, 1.0], [-1.0, -1.0, 0.0]], dtype: .float64)
    static let multiTarget = Tensor([[1.0, 0.0, 1.0, 0.0], [0.0, 0.0, 1.0, 1.0], [1.0, 1.0, 1.0, 0.0]], dtype: .float64)
    static let multiWeight = Tensor([0.5, 1.0, 2.0, 1.5], dtype: .float64)
    static let poissonTarget = Tensor([[0.0, 1.0, 3.0], [2.0, 5.0, 0.5]], dtype: .float64)
    static let softTarget = Tensor([[1.0, -1.0, 1.0], [-1.0, 1.0, -1.0]], dtype: .float64)
    static let classTarget = Tensor([3, 0, 1] as [Int64])
    static let classWeight = Tensor([1.0, 2.0, 0.5, 1.5], dtype: .float64)

    /// `sin(arange(n) * k) * 2` in float64, requiring grad (the script's `v`).
    static func input(_ shape: [Int], _ k: Double) -> Tensor {
        ((Tensor.arange(shape.reduce(1, *), dtype: .float64) * k).sin() * 2).view(shape).requiresGrad_()
    }

    static func close(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) }
    }

    static let cases: [LossRefCase] = [
        LossRefCase("hingeMean", inputs: [([2, 3], 0.7)], shape: [], node: "MeanBackward0", { a in Functional.hingeEmbeddingLoss(a[0], MarginLossTests.hingeTarget) },
                    loss: [0.550153859944185],
                    grads: [[0.16666666666666666, 0.0, 0.16666666666666666, 0.0, -0.16666666666666666, 0.0]]),
        LossRefCase("hingeNone", inputs: [([2, 3], 0.7)], shape: [2, 3], node: "AddBackward0", { a in Functional.hingeEmbeddingLoss(a[0], MarginLossTests.hingeTarget, margin: 0.5, reduction: .none) },
                    loss: [0.0, 0.0, 1.9708994599769203, 0.0, 0.0, 0.5000000000000001],
                    grads: [[1.0, 0.0, 3.0, 0.0, 0.0, 0.0]]),
        LossRefCase("tripletMean", inputs: [([3, 4], 0.3), ([3, 4], 0.5), ([3, 4], 1.1)], shape: [], node: "MeanBackward0", { a in Functional.tripletMarginLoss(a[0], a[1], a[2]) },
                    loss: [0.9178108759661431],
                    grads: [[0.0, 0.0, 0.0, -0.0, 0.0, 0.0, 0.0, 0.0, 0.18247416516399917, -0.0007968912330656441, -0.10184737040398309, 0.011689963913178558],
                           [-0.0, 0.0, 0.0, 0.0, -0.0, -0.0, -0.0, -0.0, -0.20292259669703228, -0.19904686095765256, -0.1558536727010846, -0.0776112795238733],
                           [0.0, -0.0, -0.0, 0.0, 0.0, 0.0, 0.0, -0.0, 0.02044843153303312, 0.1998437521907182, 0.2577010431050677, 0.06592131561069474]]),
        LossRefCase("tripletSwapP1", inputs: [([3, 4], 0.3), ([3, 4], 0.5), ([3, 4], 1.1)], shape: [], node: "SumBackward0", { a in Functional.tripletMarginLoss(a[0], a[1], a[2], margin: 2, p: 1, swap: true, reduction: .sum) },
                    loss: [6.802495440069574],
                    grads: [[1.0, -1.0, -1.0, -1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0],
                           [-2.0, 2.0, 0.0, 0.0, 0.0, 0.0, -0.0, -0.0, 0.0, 0.0, -2.0, 0.0],
                           [1.0, -1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, -1.0, -1.0, 1.0, -1.0]]),
        LossRefCase("pairwiseBroadcast", inputs: [([3, 4], 0.3), ([4], 0.9)], shape: [3, 1], node: "NormBackward1", { a in Functional.pairwiseDistance(a[0], a[1], p: 3, keepdim: true) },
                    loss: [1.224842577926455, 1.9326002790911005, 2.0838062331629965],
                    grads: [[6.665603099918657e-13, -0.6344451453752097, -0.4464579675069976, 0.33780914883141394, 1.8606925883036995, 0.09824657364509432, 5.354832862925406e-13, 0.4068554393523937, 1.2608707928879603, -0.35013546792190753, -1.9163375129904372, -0.9461587263279512],
                           [-3.1215633811923267, 0.886334039652023, 2.3627954804968994, 0.20149413814414352]]),
        LossRefCase("pairwise", inputs: [([2, 5], 0.4), ([2, 5], 0.8)], shape: [2], node: "NormBackward1", { a in PairwiseDistance()(a[0], a[1]) },
                    loss: [2.342883031633629, 5.678957416123633],
                    grads: [[4.2682455184402735e-07, -0.2799433383255249, -0.24091429946052406, 0.21902621851093607, 0.9031165723466839, 1.1735255611554587, 1.1774191400984433, 0.6805863944567319, -0.12320771962926484, -0.870714616478183],
                           [-4.2682455184402735e-07, 0.2799433383255249, 0.24091429946052406, -0.21902621851093607, -0.9031165723466839, -1.1735255611554587, -1.1774191400984433, -0.6805863944567319, 0.12320771962926484, 0.870714616478183]]),
        LossRefCase("multilabelMean", inputs: [([3, 4], 0.6)], shape: [], node: "MeanBackward0", { a in MultiLabelSoftMarginLoss()(a[0], MarginLossTests.multiTarget) },
                    loss: [1.3175466842754837],
                    grads: [[-0.041666666666666664, 0.0629755762015321, -0.011185701296850557, 0.07293292633631868, 0.06619008630312094, 0.047507942330471786, -0.05898881054245375, -0.07092391066359813, -0.07333244496549339, -0.06868891988075634, -0.05301516769023055, 0.05424327846894307]]),
        LossRefCase("multilabelWeightNone", inputs: [([3, 4], 0.6)], shape: [3], node: "DivBackward0", { a in Functional.multilabelSoftMarginLoss(a[0], MarginLossTests.multiTarget, weight: MarginLossTests.multiWeight, reduction: .none) },
                    loss: [1.2914335144117017, 1.738121549867129, 1.5999396496822025],
                    grads: [[-0.0625, 0.1889267286045963, -0.06711420778110334, 0.3281981685134341, 0.19857025890936283, 0.2850476539828307, -0.707865726509445, -0.6383151959723832, -0.32999600234472026, -0.6182002789268072, -0.9542730184241499, 0.7322842593307315]]),
        LossRefCase("poissonLog", inputs: [([2, 3], 0.35)], shape: [], node: "MeanBackward0", { a in PoissonNLLLoss()(a[0], MarginLossTests.poissonTarget) },
                    loss: [1.2924191359565325],
                    grads: [[0.16666666666666666, 0.1642251303371227, 0.10451784158184418, 0.6113429022501653, 0.36285485439418586, 1.1093580553051565]]),
        LossRefCase("poissonRateFull", inputs: [([2, 3], 0.35)], shape: [], node: "SumBackward0", { a in Functional.poissonNLLLoss(a[0].abs() + 0.1, MarginLossTests.poissonTarget, logInput: false, full: true, reduction: .sum) },
                    loss: [9.474088948457092],
                    grads: [[0.0, -0.2725955303115677, -1.1607055204326593, -0.09000945981334696, -1.4144098120106832, 0.7582172179932287]]),
        LossRefCase("cosine", inputs: [([3, 4], 0.3), ([3, 4], 0.8)], shape: [3], node: "SumBackward1", { a in CosineSimilarity()(a[0], a[1]) },
                    loss: [0.9210800422863494, -0.8787059197984691, 0.40147008708436566],
                    grads: [[0.0, 0.11959796148380933, 0.09761469322446975, -0.1154830952494047, 0.20816573016207937, -0.03970266628264951, -0.1360337487745643, -0.025415899296587496, -0.4440974369175552, 0.6508133281458282, 1.156234286632194, 0.8960044687044044],
                           [0.0, -0.06345119511147906, -0.034489377811656924, 0.1184250677715123, 0.32627567408330577, 0.039016166384670925, -0.07685242999119962, 0.04433004075971725, 0.8385280199236538, 0.30986047841644027, -0.12063669649087985, -0.3834784994700381]]),
        LossRefCase("cosineBroadcastDim0", inputs: [([2, 3], 0.45), ([2, 1], 1.3)], shape: [3], node: "SumBackward1", { a in Functional.cosineSimilarity(a[0], a[1], dim: 0, eps: 0.5) },
                    loss: [1.0, 0.9130638332888199, 0.7047235581342034],
                    grads: [[0.0, -0.34912121735367074, -0.6792814648430985, 0.0, 0.15593373332834637, 0.6838681151735152],
                           [1.5277122756876134, 0.0]]),
        LossRefCase("softmin", inputs: [([2, 3], 0.7)], shape: [2, 3], node: "SoftmaxBackward0", { a in Softmin(dim: 1)(a[0]) },
                    loss: [0.7066971534846865, 0.19483768850545674, 0.09846515800985679, 0.06573697107669907, 0.18906746818411488, 0.745195560739186],
                    grads: [[0.2768613336243137, -0.11850651607337723, -0.1583548175509364, 0.11040252073315666, 0.1284635152834357, -0.23886603601659304]]),
        LossRefCase("softmax2d", inputs: [([1, 3, 2, 2], 0.9)], shape: [1, 3, 2, 2], node: "SoftmaxBackward0", { a in Softmax2d()(a[0]) },
                    loss: [0.15864457391488757, 0.40293079439149354, 0.7377046427316994, 0.6210041989593438, 0.06547218717930951, 0.011906098722675512, 0.022428204460486743, 0.2732004798282128, 0.7758832389058028, 0.585163106885831, 0.23986715280781384, 0.10579532121244338],
                    grads: [[-1.0262645557046612, -1.9054312193145433, -1.4817904603558139, -1.2042292901495497, -0.16164786163436926, -0.008678703612076144, 0.044662404048433656, 0.5630212504488329, 1.1879124173390312, 1.9141099229266192, 1.4371280563073798, 0.6412080397007167]]),
        LossRefCase("gaussianFull", inputs: [([2, 3], 0.3), ([2, 3], 0.8), ([2, 3], 1.7)], shape: [], node: "MeanBackward0", { a in GaussianNLLLoss(full: true)(a[0], a[1], a[2].abs() + 0.2) },
                    loss: [1.9083632817458283],
                    grads: [[0.0, -0.06440253458130957, -0.20388225494748718, 0.017524888743642785, 0.2778407037132718, 0.3254169253449489],
                           [-0.0, 0.06440253458130957, 0.20388225494748718, -0.017524888743642785, -0.2778407037132718, -0.3254169253449489],
                           [0.0, 0.025724944448730087, 0.007511657717486256, -0.039696757555170346, -0.16145384960714015, -0.27131427514150397]]),
        LossRefCase("gaussianShortNone", inputs: [([2, 3], 0.3), ([2, 3], 0.8), ([2], 1.7)], shape: [2, 3], node: "MulBackward0", { a in Functional.gaussianNLLLoss(a[0], a[1], variance: a[2].abs() + 0.1, reduction: .none) },
                    loss: [-1.1512925464970227, 2.407617718123176, 2.6320092042140626, 0.37815291714790095, 1.3086670049656206, 3.3214462301481955],
                    grads: [[0.0, -16.87343536952733, -26.095867778788183, 0.4141974577387513, 4.753991972545372, 10.104771502168536],
                           [-0.0, 16.87343536952733, 26.095867778788183, -0.4141974577387513, -4.753991972545372, -10.104771502168536],
                           [-0.0, -7.190349753417655]]),
        LossRefCase("gaussianOneSum", inputs: [([2, 3], 0.3), ([2, 3], 0.8), ([2, 1], 0.6)], shape: [], node: "SumBackward0", { a in Functional.gaussianNLLLoss(a[0], a[1], variance: a[2] * a[2], eps: 0.05, reduction: .sum) },
                    loss: [16.938645650535587],
                    grads: [[0.0, -16.87343536952733, -17.39724518585879, 0.16916026162571243, 1.5532428040145823, 2.7512253057703124],
                           [-0.0, 16.87343536952733, 17.39724518585879, -0.16916026162571243, -1.5532428040145823, -2.7512253057703124],
                           [-0.0, -8.648067289224088]]),
        LossRefCase("softMarginMean", inputs: [([2, 3], 0.55)], shape: [], node: "SoftMarginLossBackward0", { a in Functional.softMarginLoss(a[0], MarginLossTests.softTarget) },
                    loss: [0.9406140744076293],
                    grads: [[-0.08333333333333333, 0.12331427989641884, -0.024000870183883614, 0.14668953347121222, -0.027603336070308498, 0.11367908959643708]]),
        LossRefCase("softMarginBroadcastSum", inputs: [([2, 3], 0.55)], shape: [], node: "SoftMarginLossBackward0", { a in SoftMarginLoss(reduction: .sum)(a[0], MarginLossTests.softTarget[1]) },
                    loss: [6.380724708707328],
                    grads: [[0.5, -0.260114320621487, 0.8559947788966983, 0.8801372008272733, -0.165620016421851, 0.6820745375786225]]),
        LossRefCase("softMarginNone", inputs: [([2, 3], 0.55)], shape: [2, 3], node: "SoftMarginLossBackward0", { a in Functional.softMarginLoss(a[0], MarginLossTests.softTarget, reduction: .none) },
                    loss: [0.6931471805599453, 1.34663404990597, 0.15549100227874146, 2.121407530539436, 0.18106636458361586, 1.1459383185780672],
                    grads: [[-0.5, 1.479771358757026, -0.43201566330990504, 3.5205488033090933, -0.828100082109255, 4.092447225471735]]),
        LossRefCase("multiMarginMean", inputs: [([3, 4], 0.25)], shape: [], node: "MultiMarginLossBackward0", { a in MultiMarginLoss()(a[0], MarginLossTests.classTarget) },
                    loss: [0.554135924756692],
                    grads: [[0.0, 0.08333333333333333, 0.08333333333333333, -0.16666666666666666, -0.25, 0.08333333333333333, 0.08333333333333333, 0.08333333333333333, 0.08333333333333333, -0.25, 0.08333333333333333, 0.08333333333333333]]),
        LossRefCase("multiMarginP2WeightSum", inputs: [([3, 4], 0.25)], shape: [], node: "MultiMarginLossBackward0", { a in Functional.multiMarginLoss(a[0], MarginLossTests.classTarget, p: 2, margin: 0.7, weight: MarginLossTests.classWeight, reduction: .sum) },
                    loss: [1.261936523317762],
                    grads: [[0.0, 0.0, 0.2216801678713033, -0.2216801678713033, -1.456052598409888, 0.4575136345476897, 0.5060240017961579, 0.4925149620660404, 0.962448459875521, -1.3032463543075916, 0.34079789443207065, 0.0]]),
        LossRefCase("multiMarginNone", inputs: [([3, 4], 0.25)], shape: [3], node: "MultiMarginLossBackward0", { a in Functional.multiMarginLoss(a[0], MarginLossTests.classTarget, margin: 0.5, reduction: .none) },
                    loss: [0.02389338929043444, 0.5780262992049441, 0.22581158857689793],
                    grads: [[0.0, 0.0, 0.25, -0.25, -1.5, 0.5, 0.5, 0.5, 0.75, -1.5, 0.75, 0.0]]),
        LossRefCase("multiMarginVector", inputs: [([5], 0.4)], shape: [], node: "MultiMarginLossBackward0", { a in Functional.multiMarginLoss(a[0], Tensor(Int64(2)), p: 2) },
                    loss: [0.9217931504804107],
                    grads: [[0.0, 0.13764980112730218, -1.335170206895051, 0.5717463960541629, 0.6257740097135859]]),
    ]

    @Test(arguments: cases)
    func matchesPyTorch(_ c: LossRefCase) throws {
        let inputs = c.inputs.map { Self.input($0.0, $0.1) }
        let loss = try withErrorCapture { c.apply(inputs) }
        #expect(loss.shape == c.shape)
        #expect(loss.gradFn?.name == c.node)
        #expect(Self.close(loss.scalars(as: Double.self), c.loss))
        let weights = Tensor.arange(loss.numel, dtype: .float64).view(c.shape)
        try (loss * weights + loss).sum().backward()
        for (x, expected) in zip(inputs, c.grads) {
            #expect(Self.close(x.grad?.scalars(as: Double.self) ?? [], expected))
        }
    }

    /// `F.logsigmoid` on edge values, float32 (PyTorch's outputs and gradients of `y.sum()`):
    /// exact at the infinities and NaN, its derivative 1/2 at both zeros.
    @Test func logsigmoidEdges() throws {
        let values: [Float] = [-800, -30, -1, -0.0, 0, 0.5, 30, .infinity, -.infinity, .nan]
        let x = Tensor(values).requiresGrad_()
        let y = LogSigmoid()(x)
        #expect(y.gradFn?.name == "LogSigmoidBackward0")
        try y.sum().backward()
        let expectedY: [Double] = [-800, -30, -1.3132617473602295, -0.6931471824645996, -0.6931471824645996,
                                   -0.4740769863128662, -9.357622912219837e-14, 0, -.infinity, .nan]
        let expectedGrad: [Double] = [1, 1, 0.7310585975646973, 0.5, 0.5, 0.3775406777858734, 9.357622912219837e-14, 0, 1, .nan]
        func same(_ a: [Double], _ b: [Double]) -> Bool {
            zip(a, b).allSatisfy { $0.isNaN ? $1.isNaN : ($0 == $1 || abs($0 - $1) <= 1e-6 * abs($1)) }
        }
        #expect(same(y.scalars(as: Double.self), expectedY))
        #expect(same(x.grad?.scalars(as: Double.self) ?? [], expectedGrad))
    }

    /// An integer operand is converted to the other's floating dtype; two integer operands fail.
    @Test func cosineDTypes() {
        let r = Functional.cosineSimilarity(Tensor([[1, 2, 3]]), Tensor([[0.5, -1.0, 2.0]]))
        #expect(r.dtype == .float32 && r.shape == [1])
        #expect(abs(r.item() - 0.5248906016349792) < 1e-7)
        expectTensorError(.runtimeError, "expected common dtype to be floating point, yet common dtype is Long") {
            _ = Functional.cosineSimilarity(Tensor([[1, 2]]), Tensor([[3, 4]]))
        }
        expectTensorError(.valueError, "Softmax2d: expected input to be 3D or 4D, got 2D instead") {
            _ = Softmax2d()(Tensor.ones([2, 3]))
        }
        #expect(Softmin(dim: 1).description == "Softmin(dim=1)")
        #expect(CosineSimilarity().description == "CosineSimilarity()")
    }

    /// The Gaussian NLL loss's checks (PyTorch's ValueErrors) and a float variance.
    @Test func gaussianChecks() {
        let x = Tensor.ones([2, 3])
        for shape in [[3, 2], [2, 3, 1]] {
            expectTensorError(.valueError, "var is of incorrect size") {
                _ = Functional.gaussianNLLLoss(x, x, variance: Tensor.ones(shape))
            }
        }
        expectTensorError(.valueError, "var has negative entry/entries") {
            _ = Functional.gaussianNLLLoss(x, x, variance: -Tensor.ones([2, 3]))
        }
        expectTensorError(.valueError, "var has negative entry/entries") { _ = Functional.gaussianNLLLoss(x, x, variance: -1.0) }
        expectTensorError(.valueError, "avg is not valid") {
            _ = Functional.gaussianNLLLoss(x, x, variance: Tensor.ones([2, 3]), reduction: .unrecognized("avg"))
        }
        // F.gaussian_nll_loss(torch.tensor([1.0, 2.0]), torch.tensor([0.5, 2.5]), 0.25)
        let loss = Functional.gaussianNLLLoss(Tensor([1.0, 2.0]), Tensor([0.5, 2.5]), variance: 0.25)
        #expect(abs(loss.item() - -0.1931471824645996) < 1e-7)
    }

    @Test func tripletRankError() {
        expectTensorError(.runtimeError,
            "The anchor, positive, and negative tensors are expected to have the same number of dimensions, but got: anchor 2D, positive 1D, and negative 2D inputs") {
            _ = TripletMarginLoss()(Tensor.ones([2, 3]), Tensor.ones([3]), Tensor.ones([2, 3]))
        }
        expectTensorError(.valueError, "avg is not a valid value for reduction") {
            _ = Functional.hingeEmbeddingLoss(Tensor.ones([2]), Tensor.ones([2]), reduction: .unrecognized("avg"))
        }
    }

    /// The margin losses' checks, with PyTorch's errors; a target or weight that requires grad
    /// is refused, and the multi-margin gradient, like PyTorch's, has no derivative of its own.
    @Test func marginLossChecks() throws {
        let x = Tensor([[0.1, 0.2, 0.4, 0.8], [0.9, -0.3, 0.2, 0.5], [0.3, 0.3, 0.1, -0.2]], dtype: .float64)
        let t = Self.classTarget
        expectTensorError(.valueError, "only p == 1 and p == 2 supported") { _ = Functional.multiMarginLoss(x, t, p: 3) }
        expectTensorError(.valueError, "only p == 1 and p == 2 supported") { _ = MultiMarginLoss(p: 3) }
        expectTensorError(.runtimeError, "target out of range") { _ = Functional.multiMarginLoss(x, Tensor([4, 0, 1] as [Int64])) }
        expectTensorError(.runtimeError,
            "multi_margin_loss: target tensor should be 1-D with size equal to the number of input samples (batch size). Expected target size [3], but got [2]. Input has shape [3, 4].") {
            _ = Functional.multiMarginLoss(x, Tensor([0, 1] as [Int64]))
        }
        expectTensorError(.runtimeError, "inconsistent weight size, expected 4 but got [3]") {
            _ = Functional.multiMarginLoss(x, t, weight: Tensor.ones([3], dtype: .float64))
        }
        expectTensorError(.valueError, "weight must be one-dimensional") {
            _ = Functional.multiMarginLoss(x, t, weight: Tensor.ones([1, 4], dtype: .float64))
        }
        expectTensorError(.runtimeError, "Expected non-empty vector or matrix with optional 0-dim batch size, but got: [2, 2, 2]") {
            _ = Functional.multiMarginLoss(Tensor.zeros([2, 2, 2]), Tensor([0, 0] as [Int64]))
        }
        expectTensorError(.runtimeError, "expected scalar type Long but found Float") {
            _ = Functional.multiMarginLoss(Tensor([[0.1, 0.2]]), Tensor([0.0] as [Float]))
        }
        expectTensorError(.runtimeError,
            "The function 'multi_margin_loss' is not differentiable with respect to argument 'weight'. This input cannot have requires_grad True.") {
            _ = Functional.multiMarginLoss(x, t, weight: Self.classWeight.clone().requiresGrad_())
        }
        expectTensorError(.runtimeError,
            "The function 'soft_margin_loss' is not differentiable with respect to argument 'target'. This input cannot have requires_grad True.") {
            _ = Functional.softMarginLoss(x.requiresGrad_(), x.clone().requiresGrad_())
        }
        // F.soft_margin_loss(torch.tensor([100., -100.]), torch.tensor([-1., 1.])): PyTorch's
        // unstable formula overflows to inf, as Ember's does.
        #expect(Functional.softMarginLoss(Tensor([100.0, -100.0] as [Float]), Tensor([-1.0, 1.0] as [Float])).item(as: Float.self) == .infinity)

        // A second derivative through multi_margin_loss fails as PyTorch's does (with p=2).
        let y = Self.input([3, 4], 0.25)
        let g = try #require(try gradients(of: [Functional.multiMarginLoss(y, t, p: 2)], with: [y], createGraph: true)[0])
        #expect(g.gradFn?.name == "torch::autograd::NotImplemented")
        let error = #expect(throws: TensorError.self) { try g.sum().backward() }
        #expect(error?.message == "derivative for aten::multi_margin_loss_backward is not implemented")
    }

    /// The soft margin loss differentiates twice (PyTorch's `SoftMarginLossBackwardBackward0`
    /// values; here the composite's nodes).
    @Test func softMarginSecondDerivative() throws {
        let x = Tensor([[0.5, -1.25, 2.0], [1.5, 0.25, -0.75]], dtype: .float64).requiresGrad_()
        let g = try #require(try gradients(of: [Functional.softMarginLoss(x, Self.softTarget)], with: [x], createGraph: true)[0])
        let h = try #require(try gradients(of: [g.sum()], with: [x])[0])
        let expected = [0.03916728536693242, 0.028850797832082834, 0.01749893090058442,
                        0.024857742011722143, 0.04102234712293305, 0.036315832293635664]
        #expect(Self.close(h.scalars(as: Double.self), expected))
    }

    @Test func modules() {
        let triplet = TripletMarginLoss(margin: 0.5, p: 1, swap: true)
        #expect(triplet.margin == 0.5 && triplet.p == 1 && triplet.swap && triplet.eps == 1e-6)
        #expect(triplet.description == "TripletMarginLoss()")
        #expect(HingeEmbeddingLoss(margin: 2).margin == 2)
        #expect(PoissonNLLLoss(logInput: false, full: true).full)
        #expect(PairwiseDistance(p: 1, keepdim: true).norm == 1)
        let weighted = MultiLabelSoftMarginLoss(weight: Tensor([1.0, 2.0]))
        #expect(weighted.stateDict().keys.contains("weight"))
        #expect(SoftMarginLoss().description == "SoftMarginLoss()")
        let multi = MultiMarginLoss(p: 2, margin: 0.5, weight: Tensor([1.0, 2.0]))
        #expect(multi.description == "MultiMarginLoss()" && multi.p == 2 && multi.margin == 0.5)
        #expect(multi.stateDict().keys.contains("weight"))
    }
}
