// SafetensorsTests.swift
//
// safetensors files: round trips of every dtype, of modules and of optimizers (a resumed Adam
// continues exactly as the uninterrupted run), and the files PyTorch's `safetensors.torch.save_file`
// wrote (Scripts/make-io-fixtures.py, whose values are the literals here).

import Ember
import EmberTestSupport
import Foundation
import OrderedCollections
import Testing

@Suite struct SafetensorsTests {
    /// Every Ember dtype, a 0-d and an empty tensor, a non-contiguous one, one that requires
    /// grad, extreme values and metadata come back as they were, in the same order.
    @Test func roundTripOfEveryDType() throws {
        let dir = try ScratchDirectory()
        let url = dir.file("all.safetensors")
        let transposed = Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], dtype: .float64).t()
        let tensors: OrderedDictionary<String, Tensor> = [
            "bool": Tensor([true, false, true]),
            "f32": Tensor([[1.5, -Double.infinity], [.nan, 3.0e38]], dtype: .float32),
            "i32": Tensor([Int32.min, 0, Int32.max]),
            "scalar": Tensor(2.5, dtype: .float64),
            "i64": Tensor([[Int64.min], [Int64.max]]),
            "empty": Tensor.zeros(0, 3),
            "f64.transposed": transposed,
            "grad": Tensor([0.25, -0.5], requiresGrad: true),
        ]
        try Safetensors.save(tensors, to: url, metadata: ["epoch": "3", "ünï \"q\"": "line\nbreak\u{01}"])

        let loaded = try Safetensors.load(from: url)
        #expect(Array(loaded.keys) == Array(tensors.keys))
        expectBools(loaded["bool"]!, shape: [3], [true, false, true])
        expectTensor(loaded["f32"]!, shape: [2, 2], values: [1.5, -.infinity, .nan, Double(Float(3.0e38))], dtype: .float32)
        expectInts(loaded["i32"]!, shape: [3], [Int64(Int32.min), 0, Int64(Int32.max)], dtype: .int32)
        expectTensor(loaded["scalar"]!, shape: [], values: [2.5], dtype: .float64)
        expectInts(loaded["i64"]!, shape: [2, 1], [.min, .max], dtype: .int64)
        expectTensor(loaded["empty"]!, shape: [0, 3], values: [], dtype: .float32)
        expectTensor(loaded["f64.transposed"]!, shape: [3, 2], values: [1, 4, 2, 5, 3, 6], dtype: .float64)
        expectTensor(loaded["grad"]!, shape: [2], values: [0.25, -0.5], dtype: .float32)
        #expect(!loaded["grad"]!.requiresGrad)
        #expect(loaded.values.allSatisfy { $0.isContiguous && $0.device == .cpu })

        let file = try SafetensorsFile(contentsOf: url)
        #expect(file.metadata == ["epoch": "3", "ünï \"q\"": "line\nbreak\u{01}"])
        #expect(file.keys == Array(tensors.keys))
        let info = try #require(file.info("f64.transposed"))
        #expect(info.dtype == "F64" && info.shape == [3, 2] && info.dataOffsets.count == 48 && info.emberDType == .float64)
        // Largest elements first in the data, so that each tensor is aligned to its element size.
        for name in file.keys {
            let i = try #require(file.info(name))
            #expect(i.dataOffsets.lowerBound % max(1, loaded[name]!.elementSize) == 0, "\(name) is aligned")
        }
        #expect(file.info("i64")!.dataOffsets.lowerBound < file.info("f32")!.dataOffsets.lowerBound)
        #expect(file.info("f32")!.dataOffsets.lowerBound < file.info("bool")!.dataOffsets.lowerBound)
        #expect(file.info("missing") == nil)
    }

    /// The loaded tensors own their memory: writing to one changes neither the file nor the
    /// others, and they outlive the file.
    @Test func loadedTensorsAreCopies() throws {
        let dir = try ScratchDirectory()
        let url = dir.file("a.safetensors")
        try Safetensors.save(["a": Tensor([1.0, 2.0]), "b": Tensor([3.0])], to: url)
        let before = try bytes(url)
        var a: Tensor
        do {
            let file = try SafetensorsFile(contentsOf: url)
            a = try file.tensor("a")
            let again = try file.tensor("a")
            a.fill_(9.0)
            expectTensor(again, shape: [2], values: [1, 2])
        }
        expectTensor(a, shape: [2], values: [9, 9])
        #expect(try bytes(url) == before)
    }

    /// An empty dict is a valid file of 16 bytes (`{}` padded), and so is one without metadata.
    @Test func emptyDict() throws {
        let dir = try ScratchDirectory()
        let url = dir.file("empty.safetensors")
        try Safetensors.save([:], to: url)
        #expect(try bytes(url) == [8, 0, 0, 0, 0, 0, 0, 0] + Array("{}      ".utf8))
        #expect(try Safetensors.load(from: url).isEmpty)
        #expect(try SafetensorsFile(contentsOf: url).metadata.isEmpty)
    }

    /// The name reserved for the metadata cannot name a tensor.
    @Test func reservedName() throws {
        let dir = try ScratchDirectory()
        expectFileError(.safetensorError, "`__metadata__` is reserved") {
            try Safetensors.save(["__metadata__": Tensor([1.0])], to: dir.file("x.safetensors"))
        }
        #expect(try dir.contents().isEmpty)
    }

    // MARK: - Modules

    /// A module's state dict saved and loaded into a fresh module of the same shape gives the
    /// same outputs; the file's names are the state dict's.
    @Test func moduleRoundTrip() throws {
        let dir = try ScratchDirectory()
        let url = dir.file("model.safetensors")
        let model = Sequential(Linear(3, 4), ReLU(), Linear(4, 2))
        try Safetensors.save(model.stateDict(), to: url, metadata: ["format": "pt"])
        #expect(try SafetensorsFile(contentsOf: url).keys == ["0.weight", "0.bias", "2.weight", "2.bias"])

        let fresh = Sequential(Linear(3, 4), ReLU(), Linear(4, 2))
        let x = Tensor.randn(5, 3)
        #expect(fresh(x).scalars(as: Float.self) != model(x).scalars(as: Float.self))
        try fresh.loadStateDict(Safetensors.load(from: url))
        #expect(fresh(x).scalars(as: Float.self) == model(x).scalars(as: Float.self))
    }

    /// Loading a file into a module whose shapes differ fails with PyTorch's message and changes
    /// nothing: every tensor is checked before any is written.
    @Test func moduleLoadIsAllOrNothing() throws {
        let dir = try ScratchDirectory()
        let url = dir.file("model.safetensors")
        let saved = Sequential(Linear(3, 4), Linear(4, 2))
        var state = saved.stateDict()
        state["1.bias"] = Tensor.zeros(3)  // the last tensor is the wrong shape
        try Safetensors.save(state, to: url)

        let model = Sequential(Linear(3, 4), Linear(4, 2))
        let before = model.stateDict().mapValues { $0.clone() }
        let error = #expect(throws: TensorError.self) { try model.loadStateDict(Safetensors.load(from: url)) }
        #expect(error?.message.contains("size mismatch for 1.bias") == true)
        for (name, t) in model.stateDict() {
            #expect(t.scalars(as: Float.self) == before[name]!.scalars(as: Float.self), "\(name) unchanged")
        }
    }

    // MARK: - Optimizers

    /// Adam (amsgrad, weight decay) saved after three steps and restored from the file into a
    /// fresh Adam with default options on fresh parameters: two more steps give exactly the
    /// parameters and state of five steps in a row.
    @Test func adamResumesExactly() throws {
        let dir = try ScratchDirectory()
        let (w, b) = problemParameters()
        let adam = Adam([w, b], lr: 0.1, betas: (0.8, 0.9), weightDecay: 0.1, amsgrad: true)
        try train(adam, w, b, steps: 3)
        try Safetensors.save(["w": w, "b": b], to: dir.file("model.safetensors"))
        try Safetensors.save(adam.stateDict(), to: dir.file("adam.safetensors"), metadata: ["epoch": "1"])

        // The uninterrupted run.
        try train(adam, w, b, steps: 2)

        let model = try Safetensors.load(from: dir.file("model.safetensors"))
        let w2 = Parameter(model["w"]!), b2 = Parameter(model["b"]!)
        let resumed = Adam([w2, b2])
        resumed.loadStateDict(try Safetensors.loadOptimizerStateDict(from: dir.file("adam.safetensors")))
        #expect(resumed.paramGroups[0].options.betas == (0.8, 0.9) && resumed.paramGroups[0].options.amsgrad)
        try train(resumed, w2, b2, steps: 2)

        #expect(w2.scalars(as: Double.self) == w.scalars(as: Double.self))
        #expect(b2.scalars(as: Double.self) == b.scalars(as: Double.self))
        let (end, resumedEnd) = (adam.stateDict(), resumed.stateDict())
        #expect(end.paramGroups == resumedEnd.paramGroups)
        for (index, state) in end.state {
            for (name, t) in state {
                let r = try #require(resumedEnd.state[index]?[name])
                #expect(r.dtype == t.dtype && r.scalars(as: Double.self) == t.scalars(as: Double.self), "\(index).\(name)")
            }
        }
        #expect(try SafetensorsFile(contentsOf: dir.file("adam.safetensors")).metadata["epoch"] == "1")
    }

    /// The layout of an optimizer's file: `state.<index>.<name>` tensors, and the groups as the
    /// JSON Python's `json.dumps` writes, with floats that read back exactly.
    @Test func optimizerLayout() throws {
        let dir = try ScratchDirectory()
        let url = dir.file("sgd.safetensors")
        let a = Parameter(Tensor([1.0, 2.0], dtype: .float64)), c = Parameter(Tensor([[4.0]], dtype: .float64))
        let sgd = SGD([a], lr: 0.1, momentum: 0.9)
        sgd.addParamGroup([c]) { $0.lr = 1e-300; $0.nesterov = true; $0.weightDecay = .infinity }
        try ((a * a).sum() + (c * c).sum()).backward()
        sgd.step()
        try Safetensors.save(sgd.stateDict(), to: url)
        let file = try SafetensorsFile(contentsOf: url)
        #expect(file.keys == ["state.0.momentum_buffer", "state.1.momentum_buffer"])
        #expect(file.metadata["optimizer_state_dict"] == "1")
        #expect(file.metadata["param_groups"] == """
            [{"dampening": 0.0, "lr": 0.1, "maximize": false, "momentum": 0.9, "nesterov": false, "params": [0], \
            "weight_decay": 0.0}, {"dampening": 0.0, "lr": 1e-300, "maximize": false, "momentum": 0.9, \
            "nesterov": true, "params": [1], "weight_decay": Infinity}]
            """)
        let loaded = try Safetensors.loadOptimizerStateDict(from: url)
        #expect(loaded.paramGroups == sgd.stateDict().paramGroups)
        #expect(Set(loaded.state.keys) == Set(sgd.stateDict().state.keys))
    }

    /// Reserved metadata keys, files that are not an optimizer's, and malformed groups.
    @Test func optimizerErrors() throws {
        let dir = try ScratchDirectory()
        let w = Parameter(Tensor([1.0]))
        let adam = Adam([w])
        expectFileError(.safetensorError, "`param_groups` is reserved") {
            try Safetensors.save(adam.stateDict(), to: dir.file("x.safetensors"), metadata: ["param_groups": "[]"])
        }
        try Safetensors.save(["w": Tensor([1.0])], to: dir.file("module.safetensors"))
        expectFileError(.safetensorError, "is not an optimizer state dict", "no `optimizer_state_dict`") {
            _ = try Safetensors.loadOptimizerStateDict(from: dir.file("module.safetensors"))
        }
        let cases: [(metadata: [String: String], tensors: OrderedDictionary<String, Tensor>, message: String)] = [
            (["optimizer_state_dict": "2", "param_groups": "[]"], [:], "layout version 2"),
            (["optimizer_state_dict": "1"], [:], "no `param_groups`"),
            (["optimizer_state_dict": "1", "param_groups": "[{\"lr\": 0.1"], [:], "invalid JSON"),
            (["optimizer_state_dict": "1", "param_groups": "{}"], [:], "expected a list of groups"),
            (["optimizer_state_dict": "1", "param_groups": "[{\"lr\": \"fast\"}]"], [:], "option 'lr' is a string"),
            (["optimizer_state_dict": "1", "param_groups": "[{\"lr\": 1, \"lr\": 2}]"], [:], "option 'lr' is given twice"),
            (["optimizer_state_dict": "1", "param_groups": "[{\"params\": [99999999999999999999]}]"], [:], "does not fit"),
            (["optimizer_state_dict": "1", "param_groups": "[]"], ["weights": Tensor([1.0])], "`weights` is not named"),
            (["optimizer_state_dict": "1", "param_groups": "[]"], ["state.-1.step": Tensor([1.0])], "is not named"),
            (["optimizer_state_dict": "1", "param_groups": "[]"], ["state.0.": Tensor([1.0])], "is not named"),
        ]
        for (i, c) in cases.enumerated() {
            let url = dir.file("bad\(i).safetensors")
            try Safetensors.save(c.tensors, to: url, metadata: c.metadata)
            expectFileError(.safetensorError, c.message) { _ = try Safetensors.loadOptimizerStateDict(from: url) }
        }
    }

    // MARK: - Files PyTorch wrote

    /// `safetensors.torch.save_file` of every dtype Ember reads: Ember's own as themselves, the
    /// narrower ones widened exactly, the metadata as written.
    @Test func readsTorchDTypes() throws {
        let url = fixture("torch_dtypes.safetensors")
        let file = try SafetensorsFile(contentsOf: url)
        #expect(file.metadata == ["format": "pt", "note": "ünïcödé \"quoted\"\n"])
        let t = try Safetensors.load(from: url)
        #expect(Set(t.keys) == ["f32", "f64", "i32", "i64", "bool", "f16", "bf16", "u8", "i8", "i16", "u16", "u32",
                                "scalar", "empty"])
        expectTensor(t["f32"]!, shape: [2, 3], values: [1.5, -2.25, 3.0, Double(Float(0.1)), .infinity, .nan], dtype: .float32)
        expectTensor(t["f64"]!, shape: [3], values: [1.0 / 3, -1e300, 5e-324], dtype: .float64)
        expectInts(t["i32"]!, shape: [3], [-2147483648, 0, 2147483647], dtype: .int32)
        expectInts(t["i64"]!, shape: [2, 1], [.min, .max], dtype: .int64)
        expectBools(t["bool"]!, shape: [3], [true, false, true])
        expectTensor(t["f16"]!, shape: [5], values: [1.0, -0.5, 65504.0, 0x1p-24, -.infinity], dtype: .float32)
        expectTensor(t["bf16"]!, shape: [3], values: [1.0, -3.140625, 0x1p100], dtype: .float32)
        expectInts(t["u8"]!, shape: [3], [0, 255, 7], dtype: .int32)
        expectInts(t["i8"]!, shape: [2], [-128, 127], dtype: .int32)
        expectInts(t["i16"]!, shape: [2], [-32768, 32767], dtype: .int32)
        expectInts(t["u16"]!, shape: [2], [0, 65535], dtype: .int32)
        expectInts(t["u32"]!, shape: [2], [0, 4294967295], dtype: .int64)
        expectTensor(t["scalar"]!, shape: [], values: [2.5], dtype: .float32)
        expectTensor(t["empty"]!, shape: [0, 3], values: [], dtype: .float32)
        #expect(file.info("bf16")?.dtype == "BF16" && file.info("bf16")?.emberDType == .float32)
    }

    /// A dtype Ember has no dtype for is a clear error, and `load` gives nothing.
    @Test func torchUInt64IsAnError() throws {
        let file = try SafetensorsFile(contentsOf: fixture("torch_uint64.safetensors"))
        #expect(file.info("u64")?.dtype == "U64" && file.info("u64")?.emberDType == nil)
        expectFileError(.typeError, "tensor `u64` is U64, which has no Ember dtype") { _ = try file.tensor("u64") }
        expectFileError(.typeError, "U64") { _ = try Safetensors.load(from: fixture("torch_uint64.safetensors")) }
        expectFileError(.safetensorError, "File does not contain tensor nope") { _ = try file.tensor("nope") }
    }

    /// Ember writes what `save_file` writes, byte for byte, given the tensors in the order
    /// safetensors sorts them (by dtype, then name).
    @Test func writesTorchBytes() throws {
        let dir = try ScratchDirectory()
        let url = dir.file("small.safetensors")
        try Safetensors.save(["step": Tensor(Int64(7)), "bias": Tensor([0.5, -0.5], dtype: .float32),
                              "weight": Tensor([[1.0, 2.0], [3.0, 4.0]], dtype: .float32)],
                             to: url, metadata: ["format": "pt"])
        #expect(try bytes(url) == bytes(fixture("torch_small.safetensors")))
    }

    /// PyTorch's Adam, three steps, saved by `save_file` in Ember's layout (the script): a fresh
    /// Ember Adam loads it and two more steps give PyTorch's parameters after five steps. The
    /// groups' `foreach: null` and `fused: null` are left out, `capturable` and `differentiable`
    /// kept (Ember's Adam does not read them).
    @Test func resumesTorchAdam() throws {
        let model = try Safetensors.load(from: fixture("torch_adam_model.safetensors"))
        let w = Parameter(model["w"]!), b = Parameter(model["b"]!)
        let adam = Adam([w, b])
        let dict = try Safetensors.loadOptimizerStateDict(from: fixture("torch_adam_optimizer.safetensors"))
        #expect(dict.paramGroups == [[
            "lr": 0.1, "betas": [0.8, 0.9], "eps": 1e-08, "weight_decay": 0.1, "amsgrad": true, "maximize": false,
            "capturable": false, "differentiable": false, "decoupled_weight_decay": false, "params": .ints([0, 1]),
        ]])
        #expect(dict.state[0]?["step"]?.dtype == .float32 && dict.state[0]?["step"]?.shape == [])
        adam.loadStateDict(dict)
        try train(adam, w, b, steps: 2)
        let expected = try Safetensors.load(from: fixture("torch_adam_expected.safetensors"))
        expectClose(w, shape: [2, 3], expected["w"]!.scalars(as: Double.self))
        expectClose(b, shape: [3], expected["b"]!.scalars(as: Double.self))
    }
}

// MARK: - The optimizer problem

/// The parameters of Tests/EmberOptimTests/OptimizerProblem.swift: `w` [2, 3] and `b` [3], float64.
func problemParameters() -> (w: Parameter, b: Parameter) {
    (Parameter(Tensor([[0.5, -1.0, 1.5], [2.0, -0.5, 0.25]], dtype: .float64)),
     Parameter(Tensor([0.1, -0.2, 0.3], dtype: .float64)))
}

/// `steps` steps of that problem's loop.
func train(_ opt: Adam, _ w: Tensor, _ b: Tensor, steps: Int) throws {
    let c = Tensor([[1.0, -2.0, 0.5], [0.25, 3.0, -1.0]], dtype: .float64)
    for _ in 0..<steps {
        opt.zeroGrad(setToNone: true)
        try ((w * c).sum() + (w * w * b).sum() + (b * b * b).sum() * 0.5 + (w * w).sum()).backward()
        opt.step()
    }
}
