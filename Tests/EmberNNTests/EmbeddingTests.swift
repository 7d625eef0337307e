// EmbeddingTests.swift
//
// Embedding against what PyTorch 2.15 printed for:
//
//     import torch, torch.nn as nn
//     torch.manual_seed(0); e = nn.Embedding(5, 3, padding_idx=1)
//     print(repr(e), repr(nn.Embedding(10, 4)), e.weight.flatten().tolist())
//     i = torch.tensor([[0, 1, 4], [1, 1, 2]]); y = e(i); print(y.grad_fn.name(), list(y.shape))
//     (y * torch.arange(18.).reshape(2, 3, 3)).sum().backward(); print(e.weight.grad.flatten().tolist())
//     e(torch.tensor([5]))   # IndexError: index out of range in self

import Testing
import Ember
import EmberTestSupport

@Suite struct EmbeddingTests {
    /// Seeded weights come from the process-wide generator: checked in a child process.
    @Test func seededWeights() async {
        await #expect(processExitsWith: .success) {
            manualSeed(0)
            let e = Embedding(5, 3, paddingIndex: 1)
            precondition(e.weight.scalars(as: Float.self) == [
                1.5409960746765137, -0.293428897857666, -2.1787893772125244, 0.0, 0.0, 0.0, 0.40334683656692505,
                0.8380263447761536, -0.7192575931549072, -0.40334352850914, -0.5966353416442871, 0.18203648924827576,
                -0.8566746115684509, 1.1006041765213013, -1.0711873769760132])
        }
    }

    @Test func lookupAndGradient() throws {
        let e = Embedding(5, 3, paddingIndex: 1)
        #expect(e.description == "Embedding(5, 3, padding_idx=1)")
        #expect(Embedding(10, 4).description == "Embedding(10, 4)")
        #expect(Embedding(5, 3, paddingIndex: -1).paddingIndex == 4)
        let indices = Tensor([[0, 1, 4], [1, 1, 2]])
        let y = e(indices)
        #expect(y.gradFn?.name == "EmbeddingBackward0" && y.shape == [2, 3, 3])
        let rows = e.weight.scalars(as: Float.self)
        let picked: [Int] = [0, 1, 4, 1, 1, 2]
        let expected: [Float] = picked.flatMap { (i: Int) -> ArraySlice<Float> in rows[(i * 3)..<(i * 3 + 3)] }
        #expect(y.scalars(as: Float.self) == expected)
        try (y * Tensor.arange(18.0).reshape(2, 3, 3)).sum().backward()
        expectTensor(try #require(e.weight.grad), shape: [5, 3],
                     values: [0, 1, 2, 0, 0, 0, 15, 16, 17, 0, 0, 0, 6, 7, 8])
        expectTensorError(.indexError, "index out of range in self") { _ = e(Tensor([5])) }
        expectTensorError(.runtimeError, "Padding_idx must be within num_embeddings") { _ = Embedding(5, 3, paddingIndex: 5) }
    }

    @Test func gradcheckEmbedding() throws {
        let weight = Tensor([[0.5, -1.0], [2.0, 0.25], [1.5, -0.75]], dtype: .float64, requiresGrad: true)
        let indices = Tensor([2, 0, 2])
        try gradcheck({ Functional.embedding(indices, $0[0]) }, inputs: [weight])
        try gradgradcheck({ Functional.embedding(indices, $0[0]) }, inputs: [weight])
    }
}
