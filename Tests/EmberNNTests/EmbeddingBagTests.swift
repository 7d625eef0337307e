// EmbeddingBagTests.swift
//
// F.embedding_bag and nn.EmbeddingBag against PyTorch (Scripts/embedding-bag-reference.py): sum,
// mean and max over a 2-D batch and over offsets (an empty bag, the last offset included),
// per-sample weights, padding left out; outputs, the node and the gradients of the table and the
// weights; PyTorch's errors and the module's printing.

import Testing
import EmberCore
import EmberNN
import EmberTestSupport

struct BagCase: CustomTestStringConvertible, @unchecked Sendable {
    let name: String, shape: [Int], apply: (Tensor, Tensor) -> Tensor
    let out: [Double], gradW: [Double], gradP: [Double]?
    init(_ name: String, shape: [Int], _ apply: @escaping (Tensor, Tensor) -> Tensor, out: [Double], gradW: [Double], gradP: [Double]?) {
        (self.name, self.shape, self.apply, self.out, self.gradW, self.gradP) = (name, shape, apply, out, gradW, gradP)
    }
    var testDescription: String { name }
}

@Suite struct EmbeddingBagTests {
    static let flat = Tensor([1, 2, 4, 5, 4, 3, 2, 0] as [Int64])
    static let offsets = Tensor([0, 2, 2, 5] as [Int64])
    static let batch = Tensor(shape: [2, 3], data: [0, 2, 5, 4, 4, 1] as [Int64])
    static let weights = Tensor([0.5, -1.0, 2.0, 1.5, 0.25, 3.0, -0.5, 1.0], dtype: .float64)

    /// The script's table: `sin(arange(24)).reshape(6, 4)` in float64.
    static func table() -> Tensor { Tensor.arange(24, dtype: .float64).sin().reshape([6, 4]).requiresGrad_() }

    static func close(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) }
    }

    static let cases: [BagCase] = [
        BagCase("sum2D", shape: [2, 4], { w, p in Functional.embeddingBag(Self.batch, w, mode: .sum) },
                out: [1.9023034973510096, 2.090245108585709, 0.35642500664590804, -1.7050906026660069, -1.3326091286380588, -2.881719258422252, -1.781389991742278, 0.9567410180446938],
                gradW: [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 0.0, 1.0, 2.0, 3.0, 0.0, 0.0, 0.0, 0.0, 8.0, 10.0, 12.0, 14.0, 0.0, 1.0, 2.0, 3.0],
                gradP: nil),
        BagCase("mean2D", shape: [2, 4], { w, p in Functional.embeddingBag(Self.batch, w) },
                out: [0.6341011657836698, 0.6967483695285698, 0.11880833554863601, -0.5683635342220023, -0.4442030428793529, -0.9605730861407507, -0.5937966639140927, 0.3189136726815646],
                gradW: [0.0, 0.3333333333333333, 0.6666666666666666, 1.0, 1.3333333333333333, 1.6666666666666665, 2.0, 2.333333333333333, 0.0, 0.3333333333333333, 0.6666666666666666, 1.0, 0.0, 0.0, 0.0, 0.0, 2.6666666666666665, 3.333333333333333, 4.0, 4.666666666666666, 0.0, 0.3333333333333333, 0.6666666666666666, 1.0],
                gradP: nil),
        BagCase("max2D", shape: [2, 4], { w, p in Functional.embeddingBag(Self.batch, w, mode: .max) },
                out: [0.9893582466233818, 0.8414709848078965, 0.9092974268256817, 0.1411200080598672, -0.2879033166650653, -0.9589242746631385, -0.27941549819892586, 0.6569865987187891],
                gradW: [0.0, 1.0, 2.0, 3.0, 0.0, 5.0, 6.0, 7.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 4.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
                gradP: nil),
        BagCase("sumOffsets", shape: [4, 4], { w, p in Functional.embeddingBag(Self.flat, w, offsets: Self.offsets, mode: .sum) },
                out: [0.23255575131545358, -0.5468057894213818, -0.8234366090882956, -0.3430036078319144, 0.0, 0.0, 0.0, 0.0, 0.33713861739749706, -1.0861393452230574, -1.510825802833756, -0.5464659848492659, 0.45278532862294685, 1.673756506876294, 1.3558836716311822, -0.20858235833371944],
                gradW: [12.0, 13.0, 14.0, 15.0, 0.0, 1.0, 2.0, 3.0, 12.0, 14.0, 16.0, 18.0, 12.0, 13.0, 14.0, 15.0, 16.0, 18.0, 20.0, 22.0, 8.0, 9.0, 10.0, 11.0],
                gradP: nil),
        BagCase("meanOffsets", shape: [4, 4], { w, p in Functional.embeddingBag(Self.flat, w, offsets: Self.offsets, mode: .mean) },
                out: [0.11627787565772679, -0.2734028947106909, -0.4117183045441478, -0.1715018039159572, 0.0, 0.0, 0.0, 0.0, 0.11237953913249903, -0.3620464484076858, -0.5036086009445854, -0.18215532828308864, 0.15092844287431562, 0.5579188356254313, 0.4519612238770607, -0.06952745277790648],
                gradW: [4.0, 4.333333333333333, 4.666666666666666, 5.0, 0.0, 0.5, 1.0, 1.5, 4.0, 4.833333333333333, 5.666666666666666, 6.5, 4.0, 4.333333333333333, 4.666666666666666, 5.0, 5.333333333333333, 6.0, 6.666666666666666, 7.333333333333333, 2.6666666666666665, 3.0, 3.333333333333333, 3.6666666666666665],
                gradP: nil),
        BagCase("maxOffsets", shape: [4, 4], { w, p in Functional.embeddingBag(Self.flat, w, offsets: Self.offsets, mode: .max) },
                out: [0.9893582466233818, 0.4121184852417566, -0.27941549819892586, 0.6569865987187891, 0.0, 0.0, 0.0, 0.0, 0.9129452507276277, 0.8366556385360561, -0.008851309290403876, 0.14987720966295234, 0.9893582466233818, 0.8414709848078965, 0.9906073556948704, 0.6502878401571168],
                gradW: [0.0, 13.0, 0.0, 0.0, 0.0, 0.0, 2.0, 3.0, 12.0, 1.0, 0.0, 0.0, 0.0, 0.0, 14.0, 15.0, 0.0, 0.0, 0.0, 11.0, 8.0, 9.0, 10.0, 0.0],
                gradP: nil),
        BagCase("lastOffset", shape: [2, 4], { w, p in Functional.embeddingBag(Self.flat, w, offsets: Tensor([0, 3, 8] as [Int64]), mode: .mean, includeLastOffset: true) },
                out: [-0.018449188449870573, -0.5027344271003128, -0.5248079519533239, -0.06437546605632069, 0.21556545253710185, 0.3098029307065587, 0.11920902311382046, -0.1809851105691875],
                gradW: [0.8, 1.0, 1.2000000000000002, 1.4000000000000001, 0.0, 0.3333333333333333, 0.6666666666666666, 1.0, 0.8, 1.3333333333333335, 1.8666666666666667, 2.4, 0.8, 1.0, 1.2000000000000002, 1.4000000000000001, 0.8, 1.3333333333333335, 1.8666666666666667, 2.4, 0.8, 1.0, 1.2000000000000002, 1.4000000000000001],
                gradP: nil),
        BagCase("weighted", shape: [4, 4], { w, p in Functional.embeddingBag(Self.flat, w, offsets: Self.offsets, mode: .sum, perSampleWeights: p) },
                out: [-1.3677594942773459, -0.8915806225733258, 0.40431336178990684, 1.3284835059100981, 0.0, 0.0, 0.0, 0.0, 0.7216354135950446, -0.9081608989249187, -1.702998269171877, -0.9321068845211132, -2.1043978773129957, 1.8959128526669409, 4.153130049354978, 2.5919786318065694],
                gradW: [12.0, 13.0, 14.0, 15.0, 0.0, 0.5, 1.0, 1.5, -6.0, -7.5, -9.0, -10.5, 36.0, 39.0, 42.0, 45.0, 18.0, 20.25, 22.5, 24.75, 12.0, 13.5, 15.0, 16.5],
                gradP: [0.4532045250953769, -3.6758943561890933, -16.817027121660818, 5.436525213814611, -16.817027121660818, 22.64611704482605, -5.386309383088312, 25.786086898960207]),
        BagCase("paddingMean", shape: [4, 4], { w, p in Functional.embeddingBag(Self.flat, w, offsets: Self.offsets, mode: .mean, paddingIndex: 4) },
                out: [0.11627787565772679, -0.2734028947106909, -0.4117183045441478, -0.1715018039159572, 0.0, 0.0, 0.0, 0.0, 0.9129452507276277, 0.8366556385360561, -0.008851309290403876, -0.8462204041751706, 0.15092844287431562, 0.5579188356254313, 0.4519612238770607, -0.06952745277790648],
                gradW: [4.0, 4.333333333333333, 4.666666666666666, 5.0, 0.0, 0.5, 1.0, 1.5, 4.0, 4.833333333333333, 5.666666666666666, 6.5, 4.0, 4.333333333333333, 4.666666666666666, 5.0, 0.0, 0.0, 0.0, 0.0, 8.0, 9.0, 10.0, 11.0],
                gradP: nil),
        BagCase("paddingMax", shape: [2, 4], { w, p in Functional.embeddingBag(Self.batch, w, mode: .max, paddingIndex: 4) },
                out: [0.9893582466233818, 0.8414709848078965, 0.9092974268256817, 0.1411200080598672, -0.7568024953079282, -0.9589242746631385, -0.27941549819892586, 0.6569865987187891],
                gradW: [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
                gradP: nil),
    ]

    @Test(arguments: cases)
    func matchesPyTorch(_ c: BagCase) throws {
        let w = Self.table(), p = Self.weights.clone().requiresGrad_()
        let out = try withErrorCapture { c.apply(w, p) }
        #expect(out.shape == c.shape)
        #expect(out.gradFn?.name == "EmbeddingBagBackward0")
        #expect(Self.close(out.scalars(as: Double.self), c.out))
        try (out * Tensor.arange(out.numel, dtype: .float64).reshape(c.shape)).sum().backward()
        #expect(Self.close(w.grad?.scalars(as: Double.self) ?? [], c.gradW))
        if let gradP = c.gradP { #expect(Self.close(p.grad?.scalars(as: Double.self) ?? [], gradP)) }
    }

    /// Finite differences in float64 over the table and the per-sample weights (second order
    /// for the sum and mean; max is piecewise linear).
    static let gradientCases: [GradientCase] = [
        GradientCase("sum weighted", shapes: [[6, 4], [8]], secondOrder: true, node: "EmbeddingBagBackward0") {
            Functional.embeddingBag(flat, $0[0], offsets: offsets, mode: .sum, perSampleWeights: $0[1])
        },
        GradientCase("mean padded", shapes: [[6, 4]], secondOrder: true, node: "EmbeddingBagBackward0") {
            Functional.embeddingBag(flat, $0[0], offsets: offsets, paddingIndex: 4)
        },
        GradientCase("max", shapes: [[6, 4]], node: "EmbeddingBagBackward0") {
            Functional.embeddingBag(batch, $0[0], mode: .max)
        },
    ]

    @Test(arguments: gradientCases)
    func gradcheck(_ c: GradientCase) { c.check() }

    @Test func errors() {
        let w = Self.table().detach()
        expectTensorError(.valueError,
            "if input is 2D, then offsets has to be None, as input is treated is a mini-batch of fixed length sequences. However, found offsets of type <class 'torch.Tensor'>") {
            _ = Functional.embeddingBag(Self.batch, w, offsets: Self.offsets)
        }
        expectTensorError(.valueError, "offsets has to be a 1D Tensor but got None") { _ = Functional.embeddingBag(Self.flat, w) }
        expectTensorError(.valueError, "offsets has to be a 1D Tensor") {
            _ = Functional.embeddingBag(Self.flat, w, offsets: Self.offsets.reshape([2, 2]))
        }
        expectTensorError(.valueError, "input has to be 1D or 2D Tensor, but got Tensor of dimension 3") {
            _ = Functional.embeddingBag(Self.flat.reshape([2, 2, 2]), w)
        }
        expectTensorError(.runtimeError,
            "offsets[0] has to be 0, i.e., the first sequence in the mini-batch has to start from position 0. However, got 1") {
            _ = Functional.embeddingBag(Self.flat, w, offsets: Tensor([1, 3] as [Int64]))
        }
        expectTensorError(.runtimeError, "offsets[-1] can not be greater than input's length 8 but got offsets[-1] of 9") {
            _ = Functional.embeddingBag(Self.flat, w, offsets: Tensor([0, 9] as [Int64]))
        }
        // Where PyTorch reads out of bounds, a clear error.
        expectTensorError(.runtimeError,
            "embedding_bag: offsets must be non-decreasing, but offsets[2] = 1 is less than offsets[1] = 3") {
            _ = Functional.embeddingBag(Self.flat, w, offsets: Tensor([0, 3, 1] as [Int64]))
        }
        expectTensorError(.runtimeError,
            "embedding_bag: offsets must be non-decreasing, but offsets[1] = -1 is less than offsets[0] = 0") {
            _ = Functional.embeddingBag(Self.flat, w, offsets: Tensor([0, -1] as [Int64]))
        }
        // No bags (an empty [0, D]; PyTorch 2.15 crashes there), and one empty bag (zeros, as PyTorch).
        #expect(Functional.embeddingBag(Self.flat, w, offsets: Tensor([] as [Int64])).shape == [0, 4])
        let empty = Functional.embeddingBag(Tensor([] as [Int64]), w, offsets: Tensor([0] as [Int64]), mode: .max)
        #expect(empty.shape == [1, 4] && empty.scalars(as: Double.self) == [0, 0, 0, 0])
        expectTensorError(.notImplementedError,
            "embedding_bag: per_sample_weights was not None. per_sample_weights is only supported for mode='sum' (got mode='mean'). Please open a feature request on GitHub.") {
            _ = Functional.embeddingBag(Self.flat, w, offsets: Self.offsets, mode: .mean, perSampleWeights: Self.weights)
        }
        expectTensorError(.valueError,
            "embedding_bag: If per_sample_weights (torch.Size([3])) is not None, then it must have the same shape as the input (torch.Size([8]))") {
            _ = Functional.embeddingBag(Self.flat, w, offsets: Self.offsets, mode: .sum, perSampleWeights: Self.weights[0..<3])
        }
        expectTensorError(.runtimeError, "embedding_bag: Expected idx >= 0 && idx < num_embeddings but found idx to be 6") {
            _ = Functional.embeddingBag(Tensor([1, 6] as [Int64]), w, offsets: Tensor([0] as [Int64]))
        }
        expectTensorError(.runtimeError,
            "Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.FloatTensor instead (while checking arguments for embedding_bag)") {
            _ = Functional.embeddingBag(Tensor([0.0, 1.0] as [Float]), w, offsets: Tensor([0] as [Int64]))
        }
        expectTensorError(.assertionError, "padding_idx must be within num_embeddings") { _ = EmbeddingBag(6, 4, paddingIndex: 7) }
    }

    /// The module: PyTorch's printing, its padding row zero, and a call with offsets the same as
    /// the functional form.
    @Test func module() {
        #expect(EmbeddingBag(6, 4, mode: .max, paddingIndex: 2).description == "EmbeddingBag(6, 4, mode='max', padding_idx=2)")
        #expect(EmbeddingBag(6, 4).description == "EmbeddingBag(6, 4, mode='mean')")
        #expect(EmbeddingBag(6, 4, mode: .sum, includeLastOffset: true).description == "EmbeddingBag(6, 4, mode='sum')")
        let bag = EmbeddingBag(6, 4, mode: .sum, paddingIndex: -1)
        #expect(bag.paddingIndex == 5)
        #expect(bag.weight[5].scalars(as: Float.self) == [0, 0, 0, 0])
        let y = bag(Self.flat, offsets: Self.offsets, perSampleWeights: Self.weights.to(.float32))
        let expected = Functional.embeddingBag(Self.flat, bag.weight, offsets: Self.offsets, mode: .sum,
                                               perSampleWeights: Self.weights.to(.float32), paddingIndex: 5)
        #expect(y.shape == [4, 4] && y.scalars(as: Float.self) == expected.scalars(as: Float.self))
        #expect(bag(Self.batch).shape == [2, 4])
    }
}
