// InitOrthogonalTests.swift
//
// trunc_normal_ and orthogonal_ against what PyTorch 2.15 printed for:
//
//     import torch, torch.nn as nn
//     torch.manual_seed(0); t = torch.empty(3, 5); nn.init.trunc_normal_(t); print(t.flatten().tolist())
//     torch.manual_seed(0); t = torch.empty(4, 6); nn.init.trunc_normal_(t, mean=0.5, std=2.0, a=-1.0, b=1.0)
//     print(t.flatten().tolist())
//     torch.manual_seed(0); t = torch.empty(20); nn.init.trunc_normal_(t, std=0.02); print(t.tolist()[:6], t.sum().item())
//     torch.manual_seed(0); t = torch.empty(2, 7); nn.init.trunc_normal_(t, mean=0., std=1., a=2.0, b=3.0)
//     print(t.flatten().tolist())
//     torch.manual_seed(0); t = torch.empty(3, 5); nn.init.orthogonal_(t); print(t.flatten().tolist())
//     torch.manual_seed(0); t = torch.empty(5, 3); nn.init.orthogonal_(t, gain=2.0); print(t.flatten().tolist())
//     torch.manual_seed(0); t = torch.empty(2, 3, 2); nn.init.orthogonal_(t); print(t.flatten().tolist())
//     nn.init.orthogonal_(torch.empty(3))   # ValueError
//     print(nn.init.calculate_gain('selu'), nn.init.calculate_gain('leaky_relu', 0.2),
//           nn.init.calculate_gain('tanh'), nn.init.calculate_gain('conv_transpose2d'))
//
// trunc_normal_ in 2.15 is a rejection sampler (see Note [Truncated normal sampling]): the first
// fill's 3 x 5 normals include two outside [-2, 2] that are redrawn from a second tensor.

import Testing
import Ember
import EmberTestSupport

@Suite struct InitOrthogonalTests {
    /// Seeded fills draw from the process-wide generator, so they run in a child process.
    @Test func truncNormalBitForBit() async {
        await #expect(processExitsWith: .success) {
            func fill(_ shape: [Int], _ f: (Tensor) -> Void) -> [Float] {
                manualSeed(0)
                let t = Tensor.empty(shape)
                f(t)
                return t.scalars(as: Float.self)
            }
            precondition(fill([3, 5]) { Init.truncNormal_($0) } == [
                1.5409960746765137, -0.293428897857666, 0.3731146454811096, 0.5684312582015991, -1.0845223665237427,
                -1.3985954523086548, 0.40334683656692505, 0.8380263447761536, -0.7192575931549072, -0.40334352850914,
                -0.5966353416442871, 0.18203648924827576, -0.8566746115684509, 1.1006041765213013, -1.0711873769760132])
            precondition(fill([4, 6]) { Init.truncNormal_($0, mean: 0.5, std: 2, a: -1, b: 1) } == [
                0.06827348470687866, -0.9850963354110718, -0.0011571645736694336, -0.3677576184272766, 0.15207800269126892,
                -0.8574924468994141, -0.13202553987503052, -0.9600397348403931, -0.6384961605072021, 0.18457511067390442,
                0.987918496131897, 0.8165907263755798, 0.8329106569290161, 0.38787633180618286, 0.21305230259895325,
                0.2767813205718994, 0.9128326177597046, -0.5994873046875, -0.45966851711273193, 0.6074737906455994,
                -0.9085879325866699, -0.3256044387817383, 0.21865713596343994, 0.7631809115409851])
            let small = fill([20]) { Init.truncNormal_($0, std: 0.02) }
            precondition(Array(small.prefix(6)) == [
                -0.022516796365380287, -0.023047203198075294, -0.005011571571230888, -0.00867757573723793,
                0.011976788751780987, -0.031101901084184647])
            precondition(Swift.abs(small.reduce(0, +) - 0.13881400227546692) < 1e-6)
            precondition(fill([2, 7]) { Init.truncNormal_($0, a: 2, b: 3) } == [
                2.4962565898895264, 2.373417377471924, 2.088477373123169, 2.0783586502075195, 2.3074228763580322,
                2.203848361968994, 2.15067982673645, 2.031719446182251, 2.857935905456543, 2.4368913173675537,
                2.348893404006958, 2.1756515502929688, 2.0223257541656494, 2.1688590049743652])
        }
    }

    /// PyTorch's values to 1e-6 (its QR runs in float32 LAPACK, Ember's Householder QR in float64).
    @Test func orthogonalMatchesPyTorch() async {
        await #expect(processExitsWith: .success) {
            func fill(_ shape: [Int], gain: Double = 1) -> [Float] {
                manualSeed(0)
                return Init.orthogonal_(Tensor.empty(shape), gain: gain).scalars(as: Float.self)
            }
            func close(_ a: [Float], _ b: [Float]) -> Bool {
                a.count == b.count && zip(a, b).allSatisfy { Swift.abs($0 - $1) <= 2e-6 }
            }
            precondition(close(fill([3, 5]), [
                0.5222306251525879, -0.09944058954715729, -0.7383733987808228, 0.19263656437397003, -0.3675355315208435,
                -0.5364793539047241, 0.2105625420808792, -0.14289414882659912, -0.35876867175102234, -0.7202220559120178,
                -0.440916508436203, 0.06626057624816895, -0.04565519094467163, 0.8897528648376465, -0.08635801076889038]))
            precondition(close(fill([5, 3], gain: 2), [
                1.5900402069091797, 0.3406200706958771, -0.557091474533081, 0.5865223407745361, -1.004418134689331,
                -1.1030970811843872, 0.4161838889122009, 1.148084282875061, 0.032534144818782806, -0.41618046164512634,
                -0.8686691522598267, -0.45260027050971985, -0.8839393854141235, 0.8957889676094055, -1.505629539489746]))
            precondition(close(fill([2, 3, 2]), [
                0.47190701961517334, -0.08985821902751923, -0.66722172498703, 0.17407359182834625, -0.33211877942085266,
                -0.4282989799976349, 0.08035169541835785, 0.7271682620048523, -0.2345122992992401, -0.4184624254703522,
                -0.3103897273540497, 0.3719158470630646]))
        }
    }

    /// Orthogonality checked on its own: `q q^T = I` for wide matrices, `q^T q = I` for tall ones,
    /// in float64 to 1e-12; a rank-deficient input still gives orthonormal columns where R's
    /// diagonal is nonzero.
    @Test(arguments: [[4, 7], [7, 4], [5, 5], [3, 2, 4]])
    func orthogonality(shape: [Int]) {
        let generator = Generator(seed: 7)
        let t = Init.orthogonal_(Tensor.empty(shape, dtype: .float64), generator: generator)
        let m = t.reshape(shape[0], -1)
        let gram = m.size(0) < m.size(1) ? m.matmul(m.t()) : m.t().matmul(m)
        expectClose(gram, shape: gram.shape, Tensor.eye(gram.size(0), dtype: .float64).scalars(as: Double.self),
                    tolerance: 1e-12)
        let scaled = Init.orthogonal_(Tensor.empty(shape, dtype: .float64), gain: 3, generator: generator).reshape(shape[0], -1)
        let gram3 = scaled.size(0) < scaled.size(1) ? scaled.matmul(scaled.t()) : scaled.t().matmul(scaled)
        expectClose(gram3, shape: gram3.shape, (Tensor.eye(gram3.size(0), dtype: .float64) * 9).scalars(as: Double.self),
                    tolerance: 1e-11)
    }

    @Test func orthogonalEdgeCases() {
        expectTensorError(.valueError, "Only tensors with 2 or more dimensions are supported") {
            _ = Init.orthogonal_(Tensor.empty(3))
        }
        let empty = Tensor.empty(0, 3)
        #expect(Init.orthogonal_(empty) === empty)
        // A weight that requires grad is filled without recording.
        let w = Parameter(Tensor.empty(3, 3))
        Init.orthogonal_(w)
        Init.truncNormal_(w)
        #expect(w.gradFn == nil && w.requiresGrad)
    }

    @Test func gains() {
        #expect(Init.calculateGain(.selu) == 0.75)
        #expect(Init.calculateGain(.leakyRelu, param: 0.2) == 1.3867504905630728)
        #expect(Init.calculateGain(.tanh) == 1.6666666666666667)
        #expect(Init.calculateGain(.convTranspose2d) == 1)
        let eye = Init.eye_(Tensor.empty(2, 3))
        expectTensor(eye, shape: [2, 3], values: [1, 0, 0, 0, 1, 0])
    }
}
