// LossGradcheckTests.swift
//
// First and second derivatives of the fused loss nodes (and of the composed losses and the two
// core ops they brought, xlogy and clamp_min) by finite differences in float64 over every
// layout, input and target both perturbed. PyTorch differentiates each of these twice
// (derivatives.yaml gives mse_loss_backward, smooth_l1_loss_backward, huber_loss_backward,
// binary_cross_entropy_backward and the logits formulas their own derivatives). Ranges keep
// probabilities inside (0, 1) and differences away from the kinks at ±beta and ±delta.

import Testing
import Ember
import EmberTestSupport

@Suite struct LossGradcheckTests {
    static let weight = Tensor([0.5, 2.0, 1.5], dtype: .float64)
    static let posWeight = Tensor([1.5, 0.25, 3.0], dtype: .float64)

    static let fused: [GradientCase] = LossReductionCases.all.flatMap { r in [
        GradientCase("mse \(r)", shapes: [[2, 3], [2, 3]], secondOrder: true, node: "MseLossBackward0") {
            Functional.mseLoss($0[0], $0[1], reduction: r)
        },
        GradientCase("mse broadcast \(r)", shapes: [[2, 3], [3]], secondOrder: true, node: "MseLossBackward0") {
            Functional.mseLoss($0[0], $0[1], reduction: r)
        },
        GradientCase("smooth l1 \(r)", shapes: [[2, 3], [2, 3]], ranges: [-1.5...1.5, -0.4...0.4], secondOrder: true,
                     node: "SmoothL1LossBackward0") {
            Functional.smoothL1Loss($0[0], $0[1], reduction: r, beta: 0.7)
        },
        GradientCase("huber \(r)", shapes: [[2, 3], [2, 3]], ranges: [-1.5...1.5, -0.4...0.4], secondOrder: true,
                     node: "HuberLossBackward0") {
            Functional.huberLoss($0[0], $0[1], reduction: r, delta: 0.8)
        },
        GradientCase("bce \(r)", shapes: [[2, 3], [2, 3]], ranges: [0.1...0.9, 0...1], secondOrder: true,
                     node: "BinaryCrossEntropyBackward0") {
            Functional.binaryCrossEntropy($0[0], $0[1], weight: weight, reduction: r)
        },
        GradientCase("bce with logits \(r)", shapes: [[2, 3], [2, 3]], ranges: [-3...3, 0...1], secondOrder: true,
                     node: "BinaryCrossEntropyWithLogitsBackward0") {
            Functional.binaryCrossEntropyWithLogits($0[0], $0[1], reduction: r)
        },
        GradientCase("soft margin \(r)", shapes: [[2, 3]], secondOrder: true, node: "SoftMarginLossBackward0") {
            Functional.softMarginLoss($0[0], Tensor([[1.0, -1.0, 1.0], [-1.0, 1.0, -1.0]], dtype: .float64), reduction: r)
        },
        // A margin of 5 keeps every hinge term positive (inputs lie in [-1, 1]), away from the kink;
        // first order only, as PyTorch's multi_margin_loss_backward has no derivative.
        GradientCase("multi margin \(r)", shapes: [[3, 4]], node: "MultiMarginLossBackward0") {
            Functional.multiMarginLoss($0[0], Tensor([3, 0, 1] as [Int64]), p: 2, margin: 5,
                                       weight: Tensor([1.0, 2.0, 0.5, 1.5], dtype: .float64), reduction: r)
        },
        GradientCase("bce with logits weights \(r)", shapes: [[2, 3], [2, 3]], ranges: [-3...3, 0...1], secondOrder: true,
                     node: "BinaryCrossEntropyWithLogitsBackward0") {
            Functional.binaryCrossEntropyWithLogits($0[0], $0[1], weight: weight, reduction: r, posWeight: posWeight)
        },
    ] }

    static let composed: [GradientCase] = [
        GradientCase("xlogy", shapes: [[2, 3], [2, 3]], ranges: [-1.5...1.5, 0.2...2], secondOrder: true,
                     node: "XlogyBackward0") { $0[0].xlogy($0[1]) },
        GradientCase("clamp_min", shapes: [[2, 3]], secondOrder: true, node: "ClampMinBackward0") { $0[0].clampMin(0.1) },
        GradientCase("kl_div batchmean", shapes: [[2, 3], [2, 3]], ranges: [-2...(-0.1), 0.1...1], secondOrder: true,
                     node: "DivBackward0") { Functional.klDiv($0[0], $0[1], reduction: .batchmean) },
        GradientCase("kl_div log target", shapes: [[2, 3], [2, 3]], ranges: [-2...(-0.1), -2...(-0.1)], secondOrder: true,
                     node: "SumBackward0") { Functional.klDiv($0[0], $0[1], reduction: .sum, logTarget: true) },
        GradientCase("cross entropy probabilities smoothed", shapes: [[3, 4], [3, 4]], ranges: [-2...2, 0...1],
                     secondOrder: true) {
            Functional.crossEntropy($0[0], $0[1], weight: Tensor([0.5, 2.0, 1.5, 1.0], dtype: .float64),
                                    labelSmoothing: 0.2)
        },
        GradientCase("cross entropy indices smoothed", shapes: [[4, 3]], range: -2...2, secondOrder: true,
                     node: "AddBackward0") {
            Functional.crossEntropy($0[0], Tensor([2, -100, 0, 1]), weight: weight, labelSmoothing: 0.3)
        },
        GradientCase("cosine embedding", shapes: [[3, 4], [3, 4]], range: -2...2, secondOrder: true,
                     node: "MeanBackward0") {
            Functional.cosineEmbeddingLoss($0[0], $0[1], Tensor([1, -1, 1]), margin: -0.9)
        },
        GradientCase("margin ranking", shapes: [[5], [5]], ranges: [-1.5...1.5, 2...3], secondOrder: true,
                     node: "SumBackward0") {
            Functional.marginRankingLoss($0[0], $0[1], Tensor([1.0, -1.0, 1.0, -1.0, 1.0], dtype: .float64), margin: 0.1,
                                         reduction: .sum)
        },
        // Ranges keep margin - input and the triplet margins away from their kinks at 0.
        GradientCase("hinge embedding", shapes: [[2, 3]], range: 0.2...0.8, secondOrder: true, node: "MeanBackward0") {
            Functional.hingeEmbeddingLoss($0[0], Tensor([[1.0, -1.0, 0.0], [-1.0, 1.0, -1.0]], dtype: .float64))
        },
        GradientCase("triplet margin swap", shapes: [[3, 4], [3, 4], [3, 4]], ranges: [-0.5...0.5, -0.5...0.5, 2...3],
                     secondOrder: true, node: "SumBackward0") {
            Functional.tripletMarginLoss($0[0], $0[1], $0[2], margin: 5, p: 3, swap: true, reduction: .sum)
        },
        GradientCase("pairwise distance", shapes: [[3, 4], [4]], ranges: [-2...(-1), 1...2], secondOrder: true,
                     node: "NormBackward1") { Functional.pairwiseDistance($0[0], $0[1]) },
        GradientCase("cosine similarity broadcast", shapes: [[3, 4], [4]], range: 0.5...2, secondOrder: true,
                     node: "SumBackward1") { Functional.cosineSimilarity($0[0], $0[1], dim: -1) },
        GradientCase("softmin", shapes: [[2, 3]], range: -2...2, secondOrder: true, node: "SoftmaxBackward0") {
            Functional.softmin($0[0], dim: 1)
        },
        GradientCase("gaussian nll", shapes: [[2, 3], [2, 3], [2, 1]], ranges: [-1...1, -1...1, 0.5...2], secondOrder: true,
                     node: "SumBackward0") {
            Functional.gaussianNLLLoss($0[0], $0[1], variance: $0[2], full: true, reduction: .sum)
        },
        GradientCase("log sigmoid", shapes: [[2, 3]], range: -3...3, secondOrder: true, node: "LogSigmoidBackward0") {
            Functional.logsigmoid($0[0])
        },
        GradientCase("multilabel soft margin", shapes: [[3, 4], [3, 4]], ranges: [-2...2, 0...1], secondOrder: true,
                     node: "MeanBackward0") { Functional.multilabelSoftMarginLoss($0[0], $0[1]) },
        GradientCase("poisson nll full", shapes: [[2, 3], [2, 3]], ranges: [0.5...2, 1.5...4], secondOrder: true,
                     node: "SumBackward0") {
            Functional.poissonNLLLoss($0[0], $0[1], logInput: false, full: true, reduction: .sum)
        },
    ]

    @Test(arguments: fused) func fusedNodes(_ c: GradientCase) { c.check() }

    @Test(arguments: composed) func composedLosses(_ c: GradientCase) { c.check() }
}

/// The three reductions every fused node is checked with.
enum LossReductionCases {
    static let all: [LossReduction] = [.mean, .sum, .none]
}
