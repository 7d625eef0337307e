import Testing
import EmberTestSupport
@testable import EmberCore

/// The engine, recording and saved tensors, checked against PyTorch's numbers (written as literals).
@Suite struct AutogradEngineTests {
    @Test func seedTutorialScalar() throws {
        // w = 2; z = 10 w^2 + 50; dz/dw = 20 w = 40
        let w = Tensor(2.0, requiresGrad: true)
        let z = w * w * 10 + 50
        try z.backward()
        #expect(w.grad?.item() == 40)
        #expect(z.gradFn?.name == "AddBackward0")
    }

    @Test func seedTutorialVectorWithGradient() throws {
        // a = [2, 3], b = [6, 4]; Q = 3a^3 - b^2; Q.backward(gradient=[1, 1])
        let a = Tensor([2.0, 3.0], requiresGrad: true), b = Tensor([6.0, 4.0], requiresGrad: true)
        let q = a.pow(3) * 3 - b.pow(2)
        try q.backward(gradient: Tensor([1.0, 1.0]))
        #expect(a.grad?.scalars(as: Float.self) == [36, 81])
        #expect(b.grad?.scalars(as: Float.self) == [-12, -8])
    }

    @Test func gradientsAccumulateInPlace() throws {
        let a = Tensor([1.0, 2.0], requiresGrad: true), b = Tensor([3.0, 4.0])
        let c = (a * b).sum()
        try c.backward(retainGraph: true)
        let first = try #require(a.grad)
        #expect(first.scalars(as: Float.self) == [3, 4])
        try c.backward()
        #expect(a.grad === first)
        #expect(first.scalars(as: Float.self) == [6, 8])
        #expect(a.grad?.requiresGrad == false)
    }

    /// Gradients that meet are summed in place only into a buffer nothing else can see: a
    /// gradient the caller passed in, reaching a leaf twice, is left as it was.
    @Test func summingLeavesTheCallersGradientAlone() throws {
        let x = Tensor([1.0, 2.0], requiresGrad: true)
        let z = x + x
        let g = Tensor([1.0, 2.0])
        try z.backward(gradient: g)
        #expect(g.scalars(as: Double.self) == [1, 2])
        #expect(x.grad?.scalars(as: Double.self) == [2, 4])
    }

    /// ... nor a retained gradient whose memory a view's gradient shares (either arrival order):
    /// PyTorch gives y.grad [3, 3] and x.grad [8, 8].
    @Test(arguments: [false, true])
    func summingLeavesARetainedGradientAlone(_ viewFirst: Bool) throws {
        let x = Tensor([1.0, 2.0], requiresGrad: true)
        let y = x.view(2)
        y.retainGrad()
        let z = (viewFirst ? y * 3 + x * 5 : x * 5 + y * 3).sum()
        try z.backward()
        #expect(y.grad?.scalars(as: Double.self) == [3, 3])
        #expect(x.grad?.scalars(as: Double.self) == [8, 8])
    }

    /// Three gradients meeting at one intermediate and at one leaf: d/dx of
    /// sum(y*2 + y*3 + y*4) with y = x*x is 18x.
    @Test func threeGradientsMeet() throws {
        let x = Tensor([1.0, -2.0, 0.5], requiresGrad: true)
        let y = x * x
        try (y * 2 + y * 3 + y * 4).sum().backward()
        #expect(x.grad?.scalars(as: Double.self) == [18, -36, 9])
    }

    @Test func nextFunctionsAndSharedAccumulator() throws {
        let a = Tensor([1.0, 2.0], requiresGrad: true), b = Tensor([3.0, 4.0], requiresGrad: true)
        let c = Tensor([1.0, 1.0])
        let d = a * b + c
        let add = try #require(d.gradFn)
        #expect(add.name == "AddBackward0")
        #expect(add.nextFunctions.count == 2)
        #expect(add.nextFunctions[0]?.node.name == "MulBackward0")
        #expect(add.nextFunctions[1] == nil)
        let mul = try #require(add.nextFunctions[0]?.node)
        #expect(mul.nextFunctions[0]?.node.name == "torch::autograd::AccumulateGrad")
        #expect(mul.nextFunctions[0]?.node.variable === a)
        #expect(mul.nextFunctions[1]?.node.variable === b)
        let twice = a * a
        #expect(twice.gradFn?.nextFunctions[0]?.node === twice.gradFn?.nextFunctions[1]?.node)
        let scaled = a * 2
        #expect(scaled.gradFn?.nextFunctions.count == 2)
        #expect(scaled.gradFn?.nextFunctions[1] == nil)
    }

    @Test func gradFnNames() {
        let x = Tensor([1.0, 2.0], requiresGrad: true)
        #expect((x + 1).gradFn?.name == "AddBackward0")
        #expect((x - 1).gradFn?.name == "SubBackward0")
        #expect((1 - x).gradFn?.name == "RsubBackward1")
        #expect((-x).gradFn?.name == "NegBackward0")
        #expect((x / 2).gradFn?.name == "DivBackward0")
        #expect(x.pow(2).gradFn?.name == "PowBackward0")
        #expect(x.pow(x).gradFn?.name == "PowBackward1")
        #expect(x.exp().gradFn?.name == "ExpBackward0")
        #expect(x.relu().gradFn?.name == "ReluBackward0")
        #expect(x.view(2, 1).gradFn?.name == "ViewBackward0")
        #expect(x.unsqueeze(dim: 0).gradFn?.name == "UnsqueezeBackward0")
        #expect(x.clamp(min: 0).gradFn?.name == "ClampBackward1")
        #expect(x.clone().gradFn?.name == "CloneBackward0")
        #expect(x.double().gradFn?.name == "ToCopyBackward0")
        #expect(x[0].gradFn?.name == "SelectBackward0")
        #expect(x[1...].gradFn?.name == "SliceBackward0")
        #expect(x.view(1, 2).t().gradFn?.name == "TBackward0")
        #expect(x.view(1, 2).expand(3, 2).gradFn?.name == "ExpandBackward0")
    }

    @Test func broadcastGradientsAreReducedByTheEngine() throws {
        // x [3, 1] + y [4] -> [3, 4]; grads sum back: x.grad all 4, y.grad all 3
        let x = Tensor.ones([3, 1], requiresGrad: true), y = Tensor.ones([4], requiresGrad: true)
        try (x + y).backward(gradient: Tensor.ones(3, 4))
        #expect(x.grad?.shape == [3, 1])
        #expect(x.grad?.scalars(as: Float.self) == [4, 4, 4])
        #expect(y.grad?.scalars(as: Float.self) == [3, 3, 3, 3])
    }

    @Test func secondDerivative() throws {
        let x = Tensor(2.0, requiresGrad: true)
        let g = try #require(try gradients(of: [x.pow(3)], with: [x], createGraph: true)[0])
        #expect(g.item() == 12)
        #expect(g.gradFn != nil)
        let g2 = try #require(try gradients(of: [g], with: [x])[0])
        #expect(g2.item() == 12)
        #expect(x.grad == nil)
    }

    @Test func vectorSecondDerivative() throws {
        let x = Tensor([1.0, 2.0, 3.0], requiresGrad: true)
        let g = try #require(try gradients(of: [x.pow(3)], with: [x], gradOutputs: [Tensor.ones(3)], createGraph: true)[0])
        try g.backward(gradient: Tensor.ones(3))
        #expect(x.grad?.scalars(as: Float.self) == [6, 12, 18])
    }

    @Test func errors() throws {
        let a = Tensor([1.0, 2.0], requiresGrad: true)
        #expect(throws: TensorError.runtime("grad can be implicitly created only for scalar outputs")) {
            try (a * a).backward()
        }
        #expect(throws: TensorError.runtime("element 0 of tensors does not require grad and does not have a grad_fn")) {
            try Tensor([3.0, 4.0]).backward(gradient: Tensor([1.0, 1.0]))
        }
        #expect(throws: TensorError.runtime("Mismatch in shape: grad_output[0] has a shape of torch.Size([3]) and output[0] has a shape of torch.Size([2]).")) {
            try (a * 2).backward(gradient: Tensor([1.0, 2.0, 3.0]))
        }
        let c = a * a
        try c.backward(gradient: Tensor([1.0, 1.0]))
        #expect(throws: TensorError.self) { try c.backward(gradient: Tensor([1.0, 1.0])) }
        // A graph with no saved tensors can run twice.
        let d = a + 1
        try d.backward(gradient: Tensor([1.0, 1.0]))
        try d.backward(gradient: Tensor([1.0, 1.0]))
        let z = Tensor(1.0, requiresGrad: true)
        #expect(throws: TensorError.runtime("The differentiated Tensor at index 1 appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.")) {
            _ = try gradients(of: [(a * 2)], with: [a, z], gradOutputs: [Tensor([1.0, 1.0])])
        }
        let unused = try gradients(of: [(a * 2)], with: [a, z], gradOutputs: [Tensor([1.0, 1.0])], allowUnused: true)
        #expect(unused[1] == nil)
        let materialized = try gradients(of: [(a * 2)], with: [a, z], gradOutputs: [Tensor([1.0, 1.0])], materializeGrads: true)
        #expect(materialized[1]?.item() == 0)
    }

    @Test func secondBackwardMessage() throws {
        let a = Tensor([1.0, 2.0], requiresGrad: true)
        let c = a * a
        try c.backward(gradient: Tensor([1.0, 1.0]))
        do {
            try c.backward(gradient: Tensor([1.0, 1.0]))
            Issue.record("expected an error")
        } catch let error as TensorError {
            #expect(error.message.hasPrefix("Trying to backward through the graph a second time"))
        }
    }

    @Test func inPlaceModificationOfSavedTensor() throws {
        let a = Tensor([1.0, 2.0, 3.0], requiresGrad: true)
        let b = a.exp()
        let c = b * 1
        b.add_(1)
        _ = c
        let d = a.exp()
        let e = d.exp()
        d.add_(1)
        do {
            try e.backward(gradient: Tensor.ones(3))
            Issue.record("expected an error")
        } catch let error as TensorError {
            #expect(error.message == "one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [3]], which is output 0 of Exp, is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False).")
        }
    }

    @Test func leafInPlaceErrors() {
        let x = Tensor([1.0, 2.0], requiresGrad: true)
        #expect(throws: TensorError.runtime("a leaf Variable that requires grad is being used in an in-place operation.")) {
            try withErrorCapture { x.add_(1) }
        }
        #expect(throws: TensorError.runtime("a view of a leaf Variable that requires grad is being used in an in-place operation.")) {
            try withErrorCapture { x[0...0].add_(1) }
        }
        _ = withNoGrad { x.add_(1) }
        #expect(x.scalars(as: Float.self) == [2, 3])
    }

    @Test func inPlaceOnNonLeafRewritesGradFn() throws {
        let x = Tensor([-1.0, 2.0], requiresGrad: true)
        let h = x * 1
        h.relu_()
        #expect(h.gradFn?.name == "ReluBackward0")
        try h.backward(gradient: Tensor([1.0, 1.0]))
        #expect(x.grad?.scalars(as: Float.self) == [0, 1])
    }

    @Test func hooks() throws {
        let x = Tensor([1.0, 1.0], requiresGrad: true)
        let handle = x.registerHook { $0 * 10 }
        try (x * 3).backward(gradient: Tensor([1.0, 1.0]))
        #expect(x.grad?.scalars(as: Float.self) == [30, 30])
        handle.remove()
        x.grad = nil
        try (x * 3).backward(gradient: Tensor([1.0, 1.0]))
        #expect(x.grad?.scalars(as: Float.self) == [3, 3])
        // A hook on a non-leaf changes what flows on: y = x * 2, hook g + 1, (y * 3) -> x.grad = 8
        x.grad = nil
        let y = x * 2
        y.registerHook { $0 + 1 }
        try (y * 3).backward(gradient: Tensor([1.0, 1.0]))
        #expect(x.grad?.scalars(as: Float.self) == [8, 8])
    }

    @Test func retainGradSeesValueAfterHooks() throws {
        let x = Tensor([1.0, 1.0], requiresGrad: true)
        let y = x * 2
        y.retainGrad()
        y.registerHook { $0 * 5 }
        try (y * 3).backward(gradient: Tensor([1.0, 1.0]))
        #expect(y.grad?.scalars(as: Float.self) == [15, 15])
        #expect(x.grad?.scalars(as: Float.self) == [30, 30])
    }

    @Test func postAccumulateHook() throws {
        let x = Tensor([1.0, 2.0], requiresGrad: true)
        var seen: [Float] = []
        x.registerPostAccumulateGradHook { p in seen = p.grad?.scalars(as: Float.self) ?? [] }
        try (x * 4).backward(gradient: Tensor([1.0, 1.0]))
        #expect(seen == [4, 4])
        #expect(throws: TensorError.runtime("post accumulate grad hooks cannot be registered on non-leaf tensors")) {
            try withErrorCapture { (x * 2).registerPostAccumulateGradHook { _ in } }
        }
        #expect(throws: TensorError.runtime("cannot register a hook on a tensor that doesn't require gradient")) {
            try withErrorCapture { Tensor([1.0]).registerHook { _ in nil } }
        }
    }

    @Test func longChainBackwardAndTeardownAreIterative() throws {
        let x = Tensor.ones([4], requiresGrad: true)
        var y = x
        for _ in 0..<100_000 { y = y * 1.0 + 0.0 }
        try y.backward(gradient: Tensor.ones(4))
        #expect(x.grad?.scalars(as: Float.self) == [1, 1, 1, 1])
        // Dropping `y` frees 200,000 nodes without recursion.
    }

    @Test func noGradResultsAreLeaves() {
        let x = Tensor([1.0], requiresGrad: true)
        let y = withNoGrad { x * 2 }
        #expect(!y.requiresGrad)
        #expect(y.isLeaf)
        #expect(withNoGrad { isGradEnabled } == false)
        #expect(withNoGrad { withGrad(enabled: true) { isGradEnabled } })
        let detached = x.detach()
        #expect(!detached.requiresGrad && detached.storage === x.storage)
    }
}

/// A training loop keeps memory flat: no tensor or node outlives its graph.
@Suite struct AutogradLeakTests {
    @Test func trainingLoopKeepsMemoryFlat() async throws {
        // Runs in a child process so other tests' allocations do not disturb the figures.
        await #expect(processExitsWith: .success) {
            let w = Tensor.randn([8, 4], dtype: .float64, requiresGrad: true)
            let x = Tensor.randn([16, 8], dtype: .float64)
            func step() throws {
                let y = (x.matmul(w).tanh() * 2 + 1).sum()
                try y.backward()
                withNoGrad { _ = w.sub_(w.grad!.mul(0.01)) }
                w.grad = nil
            }
            try step()
            let baseline = memoryStats().bytesInUse
            weak var probe: Node?
            for i in 0..<10_000 {
                let y = (x.matmul(w).tanh() * 2 + 1).sum()
                if i == 0 { probe = y.gradFn }
                try y.backward()
                withNoGrad { _ = w.sub_(w.grad!.mul(0.01)) }
                w.grad = nil
            }
            guard probe == nil else { fatalError("a node outlived its graph") }
            guard memoryStats().bytesInUse == baseline else {
                fatalError("memory grew: \(baseline) -> \(memoryStats().bytesInUse)")
            }
        }
    }
}
