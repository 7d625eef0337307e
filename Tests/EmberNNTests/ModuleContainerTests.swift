// ModuleContainerTests.swift
//
// Stored properties that are arrays, optionals and dictionaries of modules and parameters;
// ModuleList, ModuleDict, ParameterList, ParameterDict and Sequential (from a list, from named
// modules, from the builder), against what PyTorch 2.15 printed for this script:
//
//     import torch, torch.nn as nn
//     from collections import OrderedDict
//     class Net(nn.Module):
//         def __init__(self):
//             super().__init__()
//             self.stem = nn.Linear(2, 3)
//             self.layers = nn.ModuleList([nn.Linear(3, 3), nn.ReLU(), nn.Linear(3, 3)])
//             self.extra = None
//             self.blocks = nn.ModuleDict({'b': nn.Linear(3, 1), 'a': nn.Tanh()})
//             self.scales = nn.ParameterList([nn.Parameter(torch.ones(3)),
//                                             nn.Parameter(torch.zeros(2, 2, dtype=torch.float64))])
//     net = Net()
//     print(repr(net)); print([k for k, _ in net.named_parameters()])
//     print([k for k, _ in net.named_modules()]); print(list(net.state_dict().keys()))
//     d = nn.ModuleDict(OrderedDict([('conv', nn.Linear(1, 2)), ('act', nn.ReLU())]))
//     print(repr(d)); print(list(d.keys()))
//     d.update({'out': nn.Linear(2, 1), 'act': nn.Tanh()}); print(repr(d))
//     s = nn.Sequential(OrderedDict([('fc', nn.Linear(3, 4)), ('act', nn.ReLU())]))
//     s.append(nn.Linear(4, 1)); print(repr(s)); print([k for k, _ in s.named_parameters()])
//     ml = nn.ModuleList([nn.ReLU(), nn.ReLU()]); ml.insert(1, nn.Tanh()); ml.extend([nn.ReLU()])
//     ml[0] = nn.Sigmoid(); print(repr(ml))
//     for f in [lambda: ml[7], lambda: s[9], lambda: ml.__setitem__(-9, nn.ReLU())]:
//         try: f()
//         except Exception as e: print(type(e).__name__, e)
//     print(repr(nn.ParameterList([nn.Parameter(torch.ones(3))])))
//     print(repr(nn.ParameterDict(OrderedDict([('a', nn.Parameter(torch.tensor(1.0, dtype=torch.float64))),
//                                              ('b', nn.Parameter(torch.ones(2, 3)))]))))

import Testing
import Ember
import EmberTestSupport
import OrderedCollections

/// The script's `Net`, with Swift collections where PyTorch needs its containers.
private final class Net: Module {
    var stem = Linear(2, 3)
    var layers: [Module] = [Linear(3, 3), ReLU(), Linear(3, 3)]
    var extra: Linear? = nil
    var blocks: OrderedDictionary<String, Module> = ["b": Linear(3, 1), "a": Tanh()]
    var scales = [Parameter(Tensor.ones(3)), Parameter(Tensor.zeros(2, 2, dtype: .float64))]
}

private let netRepr = """
    Net(
      (stem): Linear(in_features=2, out_features=3, bias=True)
      (layers): ModuleList(
        (0): Linear(in_features=3, out_features=3, bias=True)
        (1): ReLU()
        (2): Linear(in_features=3, out_features=3, bias=True)
      )
      (blocks): ModuleDict(
        (b): Linear(in_features=3, out_features=1, bias=True)
        (a): Tanh()
      )
      (scales): ParameterList(
          (0): Parameter containing: [torch.float32 of size 3]
          (1): Parameter containing: [torch.float64 of size 2x2]
      )
    )
    """

@Suite struct ModuleContainerTests {
    @Test func propertiesAsContainers() throws {
        let net = Net()
        let names = ["stem.weight", "stem.bias", "layers.0.weight", "layers.0.bias", "layers.2.weight",
                     "layers.2.bias", "blocks.b.weight", "blocks.b.bias", "scales.0", "scales.1"]
        #expect(net.namedParameters().map(\.name) == names)
        #expect(Array(net.stateDict().keys) == names)
        #expect(net.namedModules().map(\.name)
                == ["", "stem", "layers", "layers.0", "layers.1", "layers.2", "blocks", "blocks.b", "blocks.a", "scales"])
        #expect(net.description == netRepr)
        // The container keeps its identity between reads, and paths through it work.
        #expect(try net.getSubmodule("layers") === net.getSubmodule("layers"))
        #expect(try net.getParameter("layers.2.bias") === (net.layers[2] as! Linear).bias)
        #expect(try net.getParameter("scales.1") === net.scales[1])
    }

    @Test func replacedPropertiesAreSeen() throws {
        let net = Net()
        let fc = Linear(3, 5)
        net.extra = fc
        net.layers[1] = Linear(3, 3, bias: false)
        net.layers.append(Sigmoid())
        net.stem = Linear(2, 3, bias: false)
        #expect(net.namedParameters().map(\.name)
                == ["stem.weight", "layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.2.weight",
                    "layers.2.bias", "extra.weight", "extra.bias", "blocks.b.weight", "blocks.b.bias",
                    "scales.0", "scales.1"])
        #expect(try net.getSubmodule("extra") === fc)
        #expect(net.namedChildren().map(\.name) == ["stem", "layers", "extra", "blocks", "scales"])
        #expect(try net.getSubmodule("layers").children().count == 4)
        net.eval()
        #expect(!net.layers[3].isTraining && !fc.isTraining)
        // A name taken by a property cannot be registered.
        expectTensorError(.keyError, "attribute 'layers' already exists") { net.registerBuffer("layers", nil) }
    }

    /// A Swift dictionary has no order: its entries are taken in sorted key order.
    @Test func dictionaryPropertyInSortedOrder() {
        final class Holder: Module {
            var heads: [String: Linear] = ["z": Linear(1, 1), "m": Linear(1, 1, bias: false), "a": Linear(1, 1)]
            var weights: [String: Parameter] = ["y": Parameter(Tensor.ones(1)), "x": Parameter(Tensor.ones(2))]
        }
        let holder = Holder()
        #expect(holder.namedParameters().map(\.name)
                == ["heads.a.weight", "heads.a.bias", "heads.m.weight", "heads.z.weight", "heads.z.bias",
                    "weights.x", "weights.y"])
    }

    @Test func moduleDict() {
        let d = ModuleDict(["conv": Linear(1, 2), "act": ReLU()])
        #expect(d.description == "ModuleDict(\n  (conv): Linear(in_features=1, out_features=2, bias=True)\n  (act): ReLU()\n)")
        #expect(d.keys == ["conv", "act"] && d.count == 2 && d["act"] is ReLU && d["zz"] == nil)
        d.update(["out": Linear(2, 1), "act": Tanh()])
        #expect(d.description == """
            ModuleDict(
              (conv): Linear(in_features=1, out_features=2, bias=True)
              (act): Tanh()
              (out): Linear(in_features=2, out_features=1, bias=True)
            )
            """)
        #expect(d.values.count == 3)
        d["conv"] = nil
        #expect(d.keys == ["act", "out"])
        #expect(ModuleDict().description == "ModuleDict()")
        expectTensorError(.keyError, "module name can't contain \".\", got: a.b") { d["a.b"] = ReLU() }
    }

    @Test func sequentialThreeWays() {
        let s = Sequential(["fc": Linear(3, 4), "act": ReLU()] as OrderedDictionary<String, Module>)
        s.append(Linear(4, 1))
        #expect(s.description == """
            Sequential(
              (fc): Linear(in_features=3, out_features=4, bias=True)
              (act): ReLU()
              (2): Linear(in_features=4, out_features=1, bias=True)
            )
            """)
        #expect(s.namedParameters().map(\.name) == ["fc.weight", "fc.bias", "2.weight", "2.bias"])
        #expect(s.count == 3 && s[-1] is Linear && s[1] is ReLU)
        s[1] = Tanh()
        #expect(s.namedChildren().map(\.name) == ["fc", "act", "2"] && s[1] is Tanh)
        expectTensorError(.indexError, "index 9 is out of range") { _ = s[9] }

        for useTanh in [false, true] {
            let built = Sequential {
                Linear(3, 4)
                if useTanh { Tanh() } else { ReLU() }
                for _ in 0..<2 { ReLU() }
                [Identity(), Identity()]
            }
            let listed = Sequential(Linear(3, 4), useTanh ? Tanh() : ReLU(), ReLU(), ReLU(), Identity(), Identity())
            #expect(built.description == listed.description)
        }
        let built = Sequential { Linear(3, 4); ReLU(); ReLU() }
        #expect(built.description == """
            Sequential(
              (0): Linear(in_features=3, out_features=4, bias=True)
              (1): ReLU()
              (2): ReLU()
            )
            """)
        // It runs its modules in order.
        let run = Sequential { Identity(); ReLU() }
        expectTensor(run(Tensor([-1.0, 2.0])), shape: [2], values: [0, 2])
    }

    @Test func moduleListEditing() {
        let list = ModuleList([ReLU(), ReLU()])
        list.insert(Tanh(), at: 1)
        list.extend([ReLU()])
        list[0] = Sigmoid()
        #expect(list.description == "ModuleList(\n  (0): Sigmoid()\n  (1): Tanh()\n  (2-3): 2 x ReLU()\n)")
        #expect(list.namedChildren().map(\.name) == ["0", "1", "2", "3"])
        expectTensorError(.indexError, "index 7 is out of range") { _ = list[7] }
        expectTensorError(.indexError, "index -9 is out of range") { list[-9] = ReLU() }
    }

    @Test func parameterContainers() {
        #expect(ParameterList([Parameter(Tensor.ones(3))]).description
                == "ParameterList(  (0): Parameter containing: [torch.float32 of size 3])")
        #expect(ParameterList().description == "ParameterList()")
        let d = ParameterDict(["a": Parameter(Tensor(1.0, dtype: .float64)), "b": Parameter(Tensor.ones(2, 3))])
        #expect(d.description == """
            ParameterDict(
                (a): Parameter containing: [torch.DoubleTensor of size ]
                (b): Parameter containing: [torch.FloatTensor of size 2x3]
            )
            """)
        #expect(d.namedParameters().map(\.name) == ["a", "b"] && d.keys == ["a", "b"])
    }
}
