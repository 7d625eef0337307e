// InitTests.swift
//
// The nn.init functions against what PyTorch 2.15 printed: each seeded fill below is
// `torch.manual_seed(0); t = torch.empty(3, 4); f(t); print(t.flatten().tolist())` with
//
//     xavier_uniform_(t); xavier_uniform_(t, gain=2.0); xavier_normal_(t);
//     kaiming_uniform_(t, mode='fan_out', nonlinearity='relu'); kaiming_normal_(t);
//     kaiming_normal_(t, a=0.1, nonlinearity='leaky_relu'); normal_(t, mean=1.0, std=0.5);
//     uniform_(t, -2.0, 3.0)
//
// and `calculate_gain(n, p)`, `eye_`, `constant_` and the ValueError texts printed directly.

import Testing
import Ember
import EmberTestSupport

@Suite struct InitTests {
    /// Seeded fills draw from the process-wide generator, so they run in a child process where no
    /// other test draws at the same time; each must give PyTorch's float32 values bit for bit.
    @Test func seededFills() async {
        await #expect(processExitsWith: .success) {
            func fill(_ f: (Tensor) -> Void) -> [Float] {
                manualSeed(0)
                let t = Tensor.empty(3, 4)
                f(t)
                return t.scalars(as: Float.self)
            }
            precondition(fill { Init.xavierUniform_($0) } == [
                -0.006931448820978403, 0.4966502785682678, -0.7619917392730713, -0.681347131729126, -0.3565836548805237,
                0.24826547503471375, -0.01834344118833542, 0.7340730428695679, -0.08216102421283722, 0.24498362839221954,
                -0.27979493141174316, -0.18198418617248535])
            precondition(fill { Init.xavierUniform_($0, gain: 2) } == [
                -0.013862897641956806, 0.9933005571365356, -1.5239834785461426, -1.362694263458252, -0.7131673097610474,
                0.4965309500694275, -0.03668688237667084, 1.4681460857391357, -0.16432204842567444, 0.4899672567844391,
                -0.5595898628234863, -0.3639683723449707])
            precondition(fill { Init.xavierNormal_($0) } == [
                0.8236970901489258, -0.1568443477153778, -1.1646119356155396, 0.3038392961025238, -0.5797016024589539,
                -0.7475807070732117, 0.2155979573726654, 0.44794392585754395, -0.38445934653282166, -0.21559618413448334,
                -0.3189150094985962, 0.09730259329080582])
            precondition(fill { Init.kaimingUniform_($0, mode: .fanOut, nonlinearity: "relu") } == [
                -0.010587962344288826, 0.75864577293396, -1.1639615297317505, -1.040774941444397, -0.5446904897689819,
                0.3792317807674408, -0.028020067140460014, 1.1213150024414062, -0.1255030333995819, 0.3742186725139618,
                -0.4273938238620758, -0.27798542380332947])
            precondition(fill { Init.kaimingNormal_($0) } == [
                1.0896488428115845, -0.20748557150363922, -1.5406367778778076, 0.40194159746170044, -0.7668731212615967,
                -0.9889562726020813, 0.2852092981338501, 0.5925741195678711, -0.508591890335083, -0.28520694375038147,
                -0.4218849241733551, 0.1287192404270172])
            precondition(fill { Init.kaimingNormal_($0, a: 0.1, nonlinearity: .leakyRelu) } == [
                1.0842410326004028, -0.20645585656166077, -1.53299081325531, 0.39994683861732483, -0.7630672454833984,
                -0.9840483069419861, 0.2837938368320465, 0.5896332859992981, -0.5060678720474243, -0.28379151225090027,
                -0.41979116201400757, 0.12808042764663696])
            precondition(fill { Init.normal_($0, mean: 1, std: 0.5) } == [
                1.7704980373382568, 0.853285551071167, -0.08939468860626221, 1.2842156887054443, 0.45773881673812866,
                0.300702303647995, 1.2016733884811401, 1.4190131425857544, 0.6403712034225464, 0.7983282208442688,
                0.7016823291778564, 1.0910181999206543])
            precondition(fill { Init.uniform_($0, low: -2, high: 3) } == [
                0.48128294944763184, 1.841109037399292, -1.5576128959655762, -1.3398475646972656, -0.46288591623306274,
                1.170393466949463, 0.450467050075531, 2.4822237491607666, 0.2781398892402649, 1.1615314483642578,
                -0.2555326819419861, 0.008586525917053223])
        }
    }

    @Test func deterministicFills() {
        expectTensor(Init.eye_(Tensor.empty(3, 4)), shape: [3, 4], values: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0])
        expectTensor(Init.constant_(Tensor.empty(2), 0.25), shape: [2], values: [0.25, 0.25])
        expectTensor(Init.zeros_(Tensor.ones(2)), shape: [2], values: [0, 0])
        expectTensor(Init.ones_(Tensor.zeros(2)), shape: [2], values: [1, 1])
        // A parameter is filled in place without recording autograd.
        let p = Parameter(Tensor.zeros(2, 2))
        Init.ones_(p)
        #expect(p.isLeaf && p.gradFn == nil && p.requiresGrad)
    }

    @Test(arguments: [
        (Init.Nonlinearity.linear, nil, 1.0), (.conv2d, nil, 1), (.sigmoid, nil, 1), (.tanh, nil, 1.6666666666666667),
        (.relu, nil, 1.4142135623730951), (.leakyRelu, nil, 1.4141428569978354), (.leakyRelu, 0.2, 1.3867504905630728),
        (.selu, nil, 0.75),
    ] as [(Init.Nonlinearity, Double?, Double)])
    func gains(_ nonlinearity: Init.Nonlinearity, _ param: Double?, _ expected: Double) {
        #expect(Init.calculateGain(nonlinearity, param: param) == expected)
    }

    @Test func errors() {
        expectTensorError(.valueError, "Unsupported nonlinearity foo") { _ = Init.calculateGain("foo") }
        expectTensorError(.valueError, "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions") {
            Init.xavierUniform_(Tensor.empty(3))
        }
        expectTensorError(.valueError, "Only tensors with 2 dimensions are supported") { Init.eye_(Tensor.empty(3)) }
        expectTensorError(.valueError, "Mode fan not supported, please use one of ['fan_in', 'fan_out']") {
            Init.kaimingUniform_(Tensor.empty(2, 2), mode: "fan")
        }
    }
}
