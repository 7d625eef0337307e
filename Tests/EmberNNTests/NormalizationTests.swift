// NormalizationTests.swift
//
// BatchNorm1d/2d/3d, InstanceNorm1d/2d, GroupNorm, RMSNorm and LocalResponseNorm against PyTorch 2.15: the layer
// cases, error messages and reprs of NormalizationReference.swift (written by
// Scripts/normalization-reference.py), and float64 gradchecks.

import Testing
import Ember
import EmberTestSupport

@Suite struct NormalizationTests {
    /// The case's layer, as the Python side built it.
    static func layer(_ c: NormCase) -> Module {
        let momentum = c.momentum, eps = c.eps ?? 1e-5
        switch c.kind {
        case "BatchNorm1d":
            return BatchNorm1d(c.features, eps: eps, momentum: momentum, affine: c.affine, trackRunningStats: c.track)
        case "BatchNorm2d":
            return BatchNorm2d(c.features, eps: eps, momentum: momentum, affine: c.affine, trackRunningStats: c.track)
        case "BatchNorm3d":
            return BatchNorm3d(c.features, eps: eps, momentum: momentum, affine: c.affine, trackRunningStats: c.track)
        case "InstanceNorm1d":
            return InstanceNorm1d(c.features, eps: eps, momentum: momentum, affine: c.affine,
                                  trackRunningStats: c.track)
        case "InstanceNorm2d":
            return InstanceNorm2d(c.features, eps: eps, momentum: momentum, affine: c.affine,
                                  trackRunningStats: c.track)
        case "GroupNorm":
            return GroupNorm(c.groups, c.features, eps: eps, affine: c.affine)
        case "RMSNorm":
            return RMSNorm(c.normalized, eps: c.eps, elementwiseAffine: c.affine)
        case "LocalResponseNorm":
            let f = c.lrn ?? []
            return LocalResponseNorm(c.groups, alpha: f[0], beta: f[1], k: f[2])
        default:
            fatalError("unknown layer \(c.kind)")
        }
    }

    @Test(arguments: NormalizationReference.cases)
    func layerCase(_ c: NormCase) throws {
        let m = Self.layer(c)
        #expect(m.description == c.repr)
        #expect(Array(m.stateDict().keys) == c.keys)
        let parameters = Dictionary(uniqueKeysWithValues: m.namedParameters().map { ($0.name, $0.parameter) })
        withNoGrad {
            if let w = c.weight { parameters["weight"]?.copy_(Tensor(shape: parameters["weight"]!.shape, data: w)) }
            if let b = c.bias { parameters["bias"]?.copy_(Tensor(shape: parameters["bias"]!.shape, data: b)) }
        }
        #expect((parameters["weight"] != nil) == (c.weight != nil))
        #expect((parameters["bias"] != nil) == (c.bias != nil))
        if c.trainFirst { _ = m.train()(Tensor(shape: c.shape, data: c.first, dtype: .float32)) }
        m.train(c.training)
        let x = Tensor(shape: c.shape, data: c.input, dtype: .float32).requiresGrad_()
        let y = m(x)
        #expect(y.gradFn?.name == c.node)
        try y.backward(gradient: Tensor(shape: c.shape, data: c.grad, dtype: .float32))
        expectClose(y, shape: c.shape, c.output, dtype: .float32, tolerance: 2e-5)
        expectClose(x.grad, shape: c.shape, c.inputGrad, tolerance: 5e-5)
        if let expected = c.weightGrad, let weight = parameters["weight"] {
            expectClose(weight.grad, shape: weight.shape, expected, tolerance: 5e-5)
        }
        if let expected = c.biasGrad, let bias = parameters["bias"] {
            expectClose(bias.grad, shape: bias.shape, expected, tolerance: 5e-5)
        }

        let state = m.stateDict()
        #expect((state["running_mean"] == nil) == (c.runningMean == nil))
        if let expected = c.runningMean { expectClose(state["running_mean"], shape: [expected.count], expected, tolerance: 1e-6) }
        if let expected = c.runningVar { expectClose(state["running_var"], shape: [expected.count], expected, tolerance: 1e-6) }
        if let expected = c.numBatchesTracked {
            let tracked = try #require(state["num_batches_tracked"])
            #expect(tracked.dtype == .int64 && tracked.shape == [])
            #expect(tracked.item(as: Int64.self) == Int64(expected))
        }
    }

    @Test func batchNormBuffersAndReset() throws {
        let bn = BatchNorm2d(2, momentum: nil)
        #expect(bn.namedBuffers().map(\.name) == ["running_mean", "running_var", "num_batches_tracked"])
        let x = Tensor(shape: [2, 2, 1, 2], data: [1.0, 2, 3, 4, 5, 6, 7, 9], dtype: .float32)
        _ = bn(x)
        _ = bn(x * 2)
        // momentum nil: the running statistics are the plain averages of the batches' (PyTorch:
        // BatchNorm2d(2, momentum=None) after these two batches).
        expectClose(bn.runningMean, shape: [2], [5.25, 8.625], tolerance: 1e-6)
        expectClose(bn.runningVar, shape: [2], [14.166666030883789, 18.95833396911621], tolerance: 1e-6)
        #expect(bn.numBatchesTracked?.item(as: Int64.self) == 2)
        bn.resetRunningStats()
        expectTensor(try #require(bn.runningMean), shape: [2], values: [0, 0])
        expectTensor(try #require(bn.runningVar), shape: [2], values: [1, 1])
        #expect(bn.numBatchesTracked?.item(as: Int64.self) == 0)
        // Evaluation mode leaves the statistics alone.
        bn.eval()
        _ = bn(x)
        #expect(bn.numBatchesTracked?.item(as: Int64.self) == 0)
        expectTensor(try #require(bn.runningMean), shape: [2], values: [0, 0])

        let plain = BatchNorm1d(3, trackRunningStats: false)
        #expect(plain.runningMean == nil && plain.runningVar == nil && plain.numBatchesTracked == nil)
        // A state dict saved by PyTorch loads by name, the int64 batch count included.
        let loaded = BatchNorm1d(2)
        try loaded.loadStateDict(["weight": Tensor([2.0, 3.0]), "bias": Tensor([0.5, -0.5]),
                                  "running_mean": Tensor([1.0, -1.0]), "running_var": Tensor([4.0, 0.25]),
                                  "num_batches_tracked": Tensor(shape: [], data: [7.0], dtype: .int64)])
        loaded.eval()
        // PyTorch: BatchNorm1d(2).load_state_dict(the same), eval(), on [[3., 0.]].
        expectClose(loaded(Tensor([[3.0, 0.0]])), shape: [1, 2], [2.499997615814209, 5.499879837036133], tolerance: 1e-6)
        #expect(loaded.numBatchesTracked?.item(as: Int64.self) == 7)

        // double() converts the floating buffers and keeps the batch count int64; the layer reads
        // the replaced buffers (PyTorch: BatchNorm1d(2).double() on [[1., 2.], [3., 6.]]).
        let converted = BatchNorm1d(2).double()
        #expect(converted.runningMean?.dtype == .float64 && converted.numBatchesTracked?.dtype == .int64)
        let y = converted(Tensor([[1.0, 2.0], [3.0, 6.0]], dtype: .float64))
        expectClose(y, shape: [2, 2], [-0.9999950000374997, -0.9999987500023437, 0.9999950000374997, 0.9999987500023437],
                    dtype: .float64)
        expectClose(converted.runningMean, shape: [2], [0.2, 0.4], dtype: .float64)
        expectClose(converted.runningVar, shape: [2], [1.1, 1.7000000000000002], dtype: .float64)
    }

    @Test func zeroSizeBatches() throws {
        // PyTorch: an empty batch passes through (input * weight[0] + bias[0]), leaves the
        // running statistics alone, counts as a batch and gives zero parameter gradients.
        let bn = BatchNorm2d(3)
        for shape in [[0, 3, 2, 2], [2, 3, 0, 2]] {
            let x = Tensor.zeros(shape).requiresGrad_()
            let y = bn(x)
            #expect(y.shape == shape)
            try y.sum().backward()
            #expect(x.grad?.shape == shape)
        }
        expectTensor(try #require(bn.weight?.grad), shape: [3], values: [0, 0, 0])
        expectTensor(try #require(bn.runningMean), shape: [3], values: [0, 0, 0])
        expectTensor(try #require(bn.runningVar), shape: [3], values: [1, 1, 1])
        #expect(bn.numBatchesTracked?.item(as: Int64.self) == 2)
        #expect(BatchNorm1d(3)(Tensor.zeros(0, 3)).shape == [0, 3])

        let gn = GroupNorm(1, 3)
        let x = Tensor.zeros(0, 3, 2).requiresGrad_()
        try gn(x).sum().backward()
        #expect(x.grad?.shape == [0, 3, 2])
        expectTensor(try #require(gn.weight?.grad), shape: [3], values: [0, 0, 0])
        #expect(InstanceNorm1d(3)(Tensor.zeros(0, 3, 4)).shape == [0, 3, 4])
        #expect(RMSNorm(4)(Tensor.zeros(0, 4)).shape == [0, 4])
        #expect(LocalResponseNorm(2)(Tensor.zeros(0, 3, 4)).shape == [0, 3, 4])
    }

    @Test func gradcheckFloat64() throws {
        let x = Tensor(shape: [3, 2, 2], data: gradientTestValues(count: 12, range: -2...2), dtype: .float64,
                       requiresGrad: true)
        let w = Tensor([1.3, -0.7], dtype: .float64, requiresGrad: true)
        let b = Tensor([0.2, -0.4], dtype: .float64, requiresGrad: true)
        let training: ([Tensor]) -> Tensor = {
            Functional.batchNorm($0[0], runningMean: nil, runningVar: nil, weight: $0[1], bias: $0[2], training: true)
        }
        #expect(try gradcheck(training, inputs: [x, w, b]))
        #expect(try gradgradcheck(training, inputs: [x, w, b]))
        let rm = Tensor([0.3, -0.2], dtype: .float64), rv = Tensor([1.5, 0.6], dtype: .float64)
        let eval: ([Tensor]) -> Tensor = {
            Functional.batchNorm($0[0], runningMean: rm, runningVar: rv, weight: $0[1], bias: $0[2], training: false)
        }
        #expect(try gradcheck(eval, inputs: [x, w, b]))
        #expect(try gradgradcheck(eval, inputs: [x, w, b]))
        // A non-contiguous input.
        #expect(try gradcheck({ Functional.batchNorm($0[0].transpose(0, 2), runningMean: nil, runningVar: nil,
                                                     training: true) }, inputs: [x]))

        let xg = Tensor(shape: [2, 4, 3], data: gradientTestValues(count: 24, range: -2...2, salt: 1), dtype: .float64,
                        requiresGrad: true)
        let wg = Tensor([1.3, -0.7, 0.5, 2.0], dtype: .float64, requiresGrad: true)
        let bg = Tensor([0.2, -0.4, 0.0, 1.0], dtype: .float64, requiresGrad: true)
        let lrn: ([Tensor]) -> Tensor = { Functional.localResponseNorm($0[0], size: 3, alpha: 0.5, beta: 0.75, k: 1.5) }
        #expect(try gradcheck(lrn, inputs: [xg]))
        #expect(try gradgradcheck(lrn, inputs: [xg]))
        let group: ([Tensor]) -> Tensor = { Functional.groupNorm($0[0], numGroups: 2, weight: $0[1], bias: $0[2]) }
        #expect(try gradcheck(group, inputs: [xg, wg, bg]))
        #expect(try gradgradcheck(group, inputs: [xg, wg, bg]))
        let instance: ([Tensor]) -> Tensor = { Functional.instanceNorm($0[0], weight: $0[1], bias: $0[2]) }
        #expect(try gradcheck(instance, inputs: [xg, wg, bg]))
        let rms: ([Tensor]) -> Tensor = { Functional.rmsNorm($0[0], normalizedShape: [3], weight: $0[1]) }
        #expect(try gradcheck(rms, inputs: [xg, Tensor([0.5, -1.5, 2.0], dtype: .float64, requiresGrad: true)]))
    }

    @Test func batchNormSecondOrderMatchesPyTorch() throws {
        // PyTorch: x, w, b as below (float64), y = F.batch_norm(x, None, None, w, b, training=True);
        // gx, = torch.autograd.grad((y ** 3).sum(), x, create_graph=True); (gx * g).sum().backward()
        let x = Tensor([[0.3, -1.2], [2.0, 1.1], [0.4, -0.7]], dtype: .float64, requiresGrad: true)
        let w = Tensor([1.2, -0.8], dtype: .float64, requiresGrad: true)
        let b = Tensor([0.1, -0.2], dtype: .float64, requiresGrad: true)
        let y = Functional.batchNorm(x, runningMean: nil, runningVar: nil, weight: w, bias: b, training: true)
        let gx = try #require(try gradients(of: [(y * y * y).sum()], with: [x], createGraph: true)[0])
        expectClose(gx, shape: [3, 2], NormalizationSecondOrder.inputGrad, tolerance: 1e-10)
        try (gx * Tensor([[1.0, -2.0], [0.5, 3.0], [0.0, -1.0]], dtype: .float64)).sum().backward()
        expectClose(x.grad, shape: [3, 2], NormalizationSecondOrder.inputGradGrad, tolerance: 1e-10)
        expectClose(w.grad, shape: [2], NormalizationSecondOrder.weightGradGrad, tolerance: 1e-10)
    }

    @Test func errors() {
        func check(_ key: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () -> Void) {
            guard let (kind, message) = NormalizationReference.errors[key] else {
                Issue.record("no reference for \(key)", sourceLocation: sourceLocation)
                return
            }
            expectTensorError(TensorError.Kind(rawValue: kind)!, message, sourceLocation: sourceLocation, body)
        }
        check("bn1d 4D") { _ = BatchNorm1d(3)(Tensor.randn(2, 3, 4, 5)) }
        check("bn1d 1D") { _ = BatchNorm1d(3)(Tensor.randn(3)) }
        check("bn2d 3D") { _ = BatchNorm2d(3)(Tensor.randn(2, 3, 4)) }
        check("bn3d 4D") { _ = BatchNorm3d(3)(Tensor.randn(2, 3, 4, 4)) }
        check("bn one value") { _ = BatchNorm1d(3)(Tensor.randn(1, 3)) }
        check("bn one value 4D") { _ = BatchNorm2d(3)(Tensor.randn(1, 3, 1, 1)) }
        check("bn channels") { _ = BatchNorm1d(3)(Tensor.randn(2, 4)) }
        check("bn eval no stats") { _ = Functional.batchNorm(Tensor.randn(2, 3), runningMean: nil, runningVar: nil) }
        check("bn eval no var") {
            _ = Functional.batchNorm(Tensor.randn(2, 3), runningMean: Tensor.zeros(3), runningVar: nil)
        }
        check("bn weight size") {
            _ = Functional.batchNorm(Tensor.randn(2, 3), runningMean: Tensor.zeros(3), runningVar: Tensor.ones(3),
                                     weight: Tensor.ones(4))
        }
        check("bn bias size") {
            _ = Functional.batchNorm(Tensor.randn(2, 3), runningMean: Tensor.zeros(3), runningVar: Tensor.ones(3),
                                     bias: Tensor.ones(2))
        }
        check("bn eps zero") {
            _ = Functional.batchNorm(Tensor.randn(2, 3), runningMean: nil, runningVar: nil, training: true, eps: 0)
        }
        check("bn eps negative") {
            _ = Functional.batchNorm(Tensor.randn(2, 3), runningMean: Tensor.zeros(3), runningVar: Tensor.ones(3),
                                     eps: -1)
        }
        check("bn long") {
            _ = Functional.batchNorm(Tensor.ones([2, 3], dtype: .int64), runningMean: nil, runningVar: nil,
                                     training: true)
        }
        check("bn mixed dtype") {
            _ = Functional.batchNorm(Tensor.randn(2, 3).double(), runningMean: Tensor.zeros(3), runningVar: Tensor.ones(3))
        }
        check("gn divisible") { _ = GroupNorm(3, 4) }
        check("gn input channels") { _ = GroupNorm(2, 4)(Tensor.randn(2, 3, 4)) }
        check("gn 1D") { _ = GroupNorm(2, 4)(Tensor.randn(4)) }
        check("gn one value") { _ = Functional.groupNorm(Tensor.randn(1, 4), numGroups: 4) }
        check("gn weight") { _ = Functional.groupNorm(Tensor.randn(2, 4), numGroups: 2, weight: Tensor.ones(3)) }
        check("gn long") { _ = Functional.groupNorm(Tensor.ones([2, 4], dtype: .int64), numGroups: 2) }
        check("in1d 4D") { _ = InstanceNorm1d(3)(Tensor.randn(2, 3, 4, 5)) }
        check("in2d 2D") { _ = InstanceNorm2d(3)(Tensor.randn(3, 4)) }
        check("in one spatial") { _ = InstanceNorm1d(3)(Tensor.randn(2, 3, 1)) }
        check("in affine channels") { _ = InstanceNorm2d(3, affine: true)(Tensor.randn(2, 4, 3, 3)) }
        check("in eval no stats") { _ = Functional.instanceNorm(Tensor.randn(2, 3, 4), useInputStats: false) }
        check("rms shape") { _ = Functional.rmsNorm(Tensor.randn(2, 3), normalizedShape: [4]) }
        check("rms shape 2") { _ = Functional.rmsNorm(Tensor.randn(2, 3), normalizedShape: [2, 2]) }
        check("rms weight") { _ = Functional.rmsNorm(Tensor.randn(2, 3), normalizedShape: [3], weight: Tensor.ones(2)) }
        check("rms long") { _ = Functional.rmsNorm(Tensor.ones([2, 3], dtype: .int64), normalizedShape: [3]) }
        check("lrn 2D") { _ = Functional.localResponseNorm(Tensor.randn(2, 3), size: 2) }
        check("lrn size 0") { _ = Functional.localResponseNorm(Tensor.randn(2, 3, 4), size: 0) }
        #expect(NormalizationReference.errors.values.allSatisfy { !$0.kind.isEmpty })
        // Zero groups: Python's ZeroDivisionError has no TensorError kind (see DifferencesFromPyTorch).
        expectTensorError(.valueError, "num_channels (4) must be divisible by num_groups (0)") { _ = GroupNorm(0, 4) }
        expectTensorError(.runtimeError,
                          "Expected number of channels in input to be divisible by num_groups, but got input of shape [2, 4] and num_groups=0") {
            _ = Functional.groupNorm(Tensor.randn(2, 4), numGroups: 0)
        }
    }

    @Test func reprs() {
        let built: [String: Module] = [
            "BatchNorm2d(3)": BatchNorm2d(3),
            "BatchNorm3d(3, momentum=None, affine=False)": BatchNorm3d(3, momentum: nil, affine: false),
            "BatchNorm1d(4, eps=0.001, bias=False)": BatchNorm1d(4, eps: 0.001, bias: false),
            "GroupNorm(2, 4)": GroupNorm(2, 4),
            "GroupNorm(1, 3, eps=1e-06, affine=False)": GroupNorm(1, 3, eps: 1e-6, affine: false),
            "InstanceNorm2d(3)": InstanceNorm2d(3),
            "InstanceNorm1d(3, affine=True, track_running_stats=True)":
                InstanceNorm1d(3, affine: true, trackRunningStats: true),
            "RMSNorm(4)": RMSNorm(4),
            "LocalResponseNorm(3)": LocalResponseNorm(3),
            "RMSNorm([2, 3], eps=1e-06, elementwise_affine=False)": RMSNorm([2, 3], eps: 1e-6, elementwiseAffine: false),
        ]
        #expect(Set(built.keys) == Set(NormalizationReference.reprs.keys))
        for (key, module) in built { #expect(module.description == NormalizationReference.reprs[key], "\(key)") }
    }
}
