// DropoutVariantsTests.swift
//
// The channel-wise and alpha dropout forms (dropout1d/2d/3d, alphaDropout, featureAlphaDropout and
// their layers) against PyTorch after the same seed: outputs, nodes and input gradients from
// Scripts/dropout-reference.py; the rank checks, evaluation mode, in place and the layers' reprs.

import Testing
import EmberCore
import EmberNN
import EmberTestSupport

struct DropoutCase: CustomTestStringConvertible, @unchecked Sendable {
    let name: String, shape: [Int], node: String, apply: (Tensor) -> Tensor, y: [Double], grad: [Double]
    init(_ name: String, shape: [Int], node: String, _ apply: @escaping (Tensor) -> Tensor, y: [Double], grad: [Double]) {
        (self.name, self.shape, self.node, self.apply, self.y, self.grad) = (name, shape, node, apply, y, grad)
    }
    var testDescription: String { name }
}

@Suite struct DropoutVariantsTests {
    static let cases: [DropoutCase] = [
        DropoutCase("dropout1d", shape: [2, 3, 4], node: "MulBackward0", { x in Functional.dropout1d(x, p: 0.5) },
                    y: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 6.0, 6.5, 7.0, 7.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
                    grad: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 16.0, 18.0, 20.0, 22.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
        DropoutCase("dropout1dUnbatched", shape: [3, 4], node: "SqueezeBackward1", { x in Functional.dropout1d(x, p: 0.4) },
                    y: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 5.0, 5.416666507720947, 5.8333330154418945, 6.25],
                    grad: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 13.333333015441895, 15.0, 16.66666603088379, 18.333332061767578]),
        DropoutCase("dropout2d", shape: [2, 3, 2, 2], node: "MulBackward0", { x in Functional.dropout2d(x, p: 0.5) },
                    y: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 6.0, 6.5, 7.0, 7.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
                    grad: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 16.0, 18.0, 20.0, 22.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
        DropoutCase("dropout2d3D", shape: [2, 3, 2], node: "MulBackward0", { x in Functional.dropout2d(x, p: 0.3) },
                    y: [0.0, 0.0, 0.0, 0.0, 2.857142925262451, 3.2142858505249023, 0.0, 0.0, 4.285714149475098, 4.642857074737549, 0.0, 0.0],
                    grad: [0.0, 0.0, 0.0, 0.0, 5.714285850524902, 7.142857551574707, 0.0, 0.0, 11.428571701049805, 12.85714340209961, 0.0, 0.0]),
        DropoutCase("dropout3d", shape: [1, 4, 2, 1, 2], node: "MulBackward0", { x in Functional.dropout3d(x, p: 0.5) },
                    y: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 6.0, 6.5, 7.0, 7.5, 0.0, 0.0, 0.0, 0.0],
                    grad: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 16.0, 18.0, 20.0, 22.0, 0.0, 0.0, 0.0, 0.0]),
        DropoutCase("dropout3dUnbatched", shape: [4, 1, 2, 2], node: "SqueezeBackward1", { x in Functional.dropout3d(x, p: 0.25) },
                    y: [0.0, 0.0, 0.0, 0.0, 2.6666667461395264, 3.0, 3.3333334922790527, 3.6666667461395264, 4.0, 4.333333492279053, 4.6666669845581055, 5.0, 0.0, 0.0, 0.0, 0.0],
                    grad: [0.0, 0.0, 0.0, 0.0, 5.333333492279053, 6.6666669845581055, 8.0, 9.333333969116211, 10.666666984558105, 12.0, 13.333333969116211, 14.666666984558105, 0.0, 0.0, 0.0, 0.0]),
        DropoutCase("alphaDropout", shape: [2, 5], node: "AddBackward0", { x in Functional.alphaDropout(x, p: 0.3, training: true) },
                    y: [-1.059548258781433, -1.059548258781433, 1.7455209493637085, -1.059548258781433, 2.175997257232666, -1.059548258781433, 2.606473445892334, 2.821711778640747, 3.036949872970581, 3.252187967300415],
                    grad: [0.0, 0.0, 1.72190523147583, 0.0, 3.44381046295166, 0.0, 5.16571569442749, 6.026668548583984, 6.88762092590332, 7.748573303222656]),
        DropoutCase("featureAlphaDropout", shape: [2, 3, 2], node: "AddBackward0", { x in Functional.featureAlphaDropout(x, p: 0.5, training: true) },
                    y: [-0.7791939377784729, -0.7791939377784729, -0.7791939377784729, -0.7791939377784729, 2.5520036220550537, 2.7736048698425293, -0.7791939377784729, -0.7791939377784729, -0.7791939377784729, -0.7791939377784729, -0.7791939377784729, -0.7791939377784729],
                    grad: [0.0, 0.0, 0.0, 0.0, 3.545619487762451, 4.4320244789123535, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
    ]

    /// `x = arange(n) / 4 + 1` after `manualSeed(0)`, as the script makes it.
    static func input(_ shape: [Int]) -> Tensor {
        (Tensor.arange(shape.reduce(1, *), dtype: .float32) / 4 + 1).view(shape).requiresGrad_()
    }

    static func close(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($1)) }
    }

    /// The masks come from the process-wide generator, which tests running in parallel also
    /// draw from: every seeded case runs in a child process (as DropoutTests does), and a
    /// mismatch names its case on standard error.
    @Test func seededCasesMatchPyTorch() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            for c in DropoutVariantsTests.cases {
                manualSeed(0)
                let x = DropoutVariantsTests.input(c.shape)
                let y = c.apply(x)
                guard y.shape == c.shape, DropoutVariantsTests.close(y.scalars(as: Double.self), c.y) else {
                    fatalError("\(c.name): output \(y.scalars(as: Double.self))")
                }
                guard y.gradFn?.name == c.node else { fatalError("\(c.name): node \(y.gradFn?.name ?? "nil")") }
                try! (y * Tensor.arange(y.numel, dtype: .float32).view(c.shape)).sum().backward()
                guard DropoutVariantsTests.close(x.grad?.scalars(as: Double.self) ?? [], c.grad) else {
                    fatalError("\(c.name): gradient \(x.grad?.scalars(as: Double.self) ?? [])")
                }
            }
            // In place, an unbatched input keeps its shape and gets the out-of-place call's values.
            manualSeed(0)
            let expected = Functional.dropout1d(DropoutVariantsTests.input([3, 4]).detach(), p: 0.4)
            manualSeed(0)
            let x = DropoutVariantsTests.input([3, 4]).detach()
            let y = Functional.dropout1d(x, p: 0.4, inplace: true)
            guard y === x, x.shape == [3, 4], x.scalars(as: Double.self) == expected.scalars(as: Double.self) else {
                fatalError("in place: \(x.scalars(as: Double.self))")
            }
        }
        let stderr = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(!stderr.contains("Fatal error"), "\(stderr)")
    }

    /// Evaluation, p == 0 and empty inputs return the input; p == 1 zeroes it.
    @Test func identitiesAndZero() {
        let x = Tensor.ones([2, 3, 2])
        #expect(Functional.dropout2d(x, p: 0.5, training: false) === x)
        #expect(Functional.alphaDropout(x, p: 0.5) === x)  // PyTorch's default: training false
        #expect(Functional.dropout1d(x, p: 0) === x)
        let empty = Tensor.ones([0, 3, 2, 1, 1])
        #expect(Functional.dropout3d(empty, p: 0.5) === empty)
        #expect(Functional.dropout2d(x, p: 1).scalars(as: Double.self) == Array(repeating: 0, count: 12))
        let layer = Dropout2d(p: 0.5)
        layer.eval()
        #expect(layer(x) === x)
    }

    @Test func errors() {
        expectTensorError(.runtimeError,
            "dropout1d: Expected 2D or 3D input, but received a 4D input. Note that dropout1d exists to provide channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs).") {
            _ = Functional.dropout1d(Tensor.ones([1, 2, 3, 4]))
        }
        expectTensorError(.valueError, "dropout probability has to be between 0 and 1, but got 1.5") {
            _ = Functional.dropout2d(Tensor.ones([2, 2]), p: 1.5)
        }
        expectTensorError(.valueError, "dropout probability has to be between 0 and 1, but got -0.1") {
            _ = AlphaDropout(p: -0.1)
        }
        expectTensorError(.runtimeError, "Feature dropout requires at least 2 dimensions in the input") {
            _ = Functional.dropout2d(Tensor.ones([4]), p: 0.5)
        }
    }

    @Test func reprs() {
        #expect(Dropout1d().description == "Dropout1d(p=0.5, inplace=False)")
        #expect(Dropout2d(p: 0.2, inplace: true).description == "Dropout2d(p=0.2, inplace=True)")
        #expect(Dropout3d(p: 0.1).description == "Dropout3d(p=0.1, inplace=False)")
        #expect(AlphaDropout(p: 0.3).description == "AlphaDropout(p=0.3, inplace=False)")
        #expect(FeatureAlphaDropout().description == "FeatureAlphaDropout(p=0.5, inplace=False)")
        #expect(Dropout(p: 0.25).description == "Dropout(p=0.25, inplace=False)")
    }
}
