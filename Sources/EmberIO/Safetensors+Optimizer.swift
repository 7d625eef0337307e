// Safetensors+Optimizer.swift
//
// An optimizer's state dict as a safetensors file; see Note [Optimizer checkpoints].

import EmberCore
import EmberOptim
import Foundation
import OrderedCollections

// Note [Optimizer checkpoints]
// ----------------------------
// `optimizer.stateDict()` is PyTorch's `{"state": {index: {name: tensor}}, "param_groups":
// [{option: value, "params": [indices]}]}`. In a safetensors file:
//
//  - each state tensor is the tensor `state.<index>.<name>` (`state.0.exp_avg`, `state.0.step`),
//    in the order of the indices, then of the names;
//  - the metadata has `optimizer_state_dict` = `"1"` (the version of this layout; its presence
//    marks the file as an optimizer's) and `param_groups` = the groups as JSON, written as
//    Python's `json.dumps(state_dict["param_groups"])` would: a float always with a `.` or an
//    exponent (`0.001`, `1e-08`, `0.0`), an int without (`0`, the `params` indices), `true` and
//    `false`, lists for `betas` and `params`, `NaN` and `Infinity` for non-finite floats (as
//    Python writes them).
//
// Reading gives back the same dict: a number with a `.` or an exponent is a float, one without is
// an int; a list of ints is `.ints`, a list with a float is `.doubles`, an empty list `.ints([])`;
// `null` (PyTorch's `foreach: None`, `fused: None`) is left out, and a string or object, which no
// Ember optimizer has, is an error. Every double is written in the shortest form that reads back
// as the same double, so options round-trip exactly, and the tensors are stored as they are
// (`step` stays float32), so a resumed optimizer continues exactly as the uninterrupted one.
//
// Python reads such a file back into PyTorch's optimizer with
//
//     from safetensors import safe_open
//     import json
//     with safe_open(path, framework="pt") as f:
//         state = {}
//         for key in f.keys():
//             _, index, name = key.split(".", 2)
//             state.setdefault(int(index), {})[name] = f.get_tensor(key)
//         groups = json.loads(f.metadata()["param_groups"])
//     optimizer.load_state_dict({"state": state, "param_groups": groups})

extension Safetensors {
    /// The metadata key that marks an optimizer's file and holds the version of the layout.
    static let optimizerKey = "optimizer_state_dict"
    /// The metadata key of the parameter groups' JSON.
    static let paramGroupsKey = "param_groups"

    /// Writes an optimizer's state dict to `url` (PyTorch's `torch.save(optimizer.state_dict())`),
    /// replacing any file there atomically: the state tensors as `state.<index>.<name>`, the
    /// parameter groups as JSON in the metadata, beside `metadata`; see the Checkpoints article.
    ///
    /// Fails with a `SafetensorError` when `metadata` uses a reserved key
    /// (`optimizer_state_dict`, `param_groups`); the file at `url` is then unchanged.
    public static func save(_ stateDict: OptimizerStateDict, to url: URL, metadata: [String: String] = [:]) throws {
        for key in [optimizerKey, paramGroupsKey] where metadata[key] != nil {
            throw TensorError(.safetensorError, "Error while serializing: the metadata key `\(key)` is reserved for the optimizer's state")
        }
        var tensors = OrderedDictionary<String, Tensor>()
        for index in stateDict.state.keys.sorted() {
            for (name, tensor) in stateDict.state[index]!.sorted(by: { $0.key < $1.key }) {
                tensors["state.\(index).\(name)"] = tensor
            }
        }
        var all = metadata
        all[optimizerKey] = "1"
        all[paramGroupsKey] = encodeParamGroups(stateDict.paramGroups)
        try save(tensors, to: url, metadata: all)
    }

    /// The optimizer state dict that ``save(_:to:metadata:)-(OptimizerStateDict,_,_)`` wrote to
    /// `url`, or that a Python script wrote in the same layout; give it to
    /// `optimizer.loadStateDict(_:)`.
    ///
    /// Throws a `SafetensorError` when the file is not a safetensors file, or not an optimizer's
    /// (no `optimizer_state_dict` in its metadata, a tensor not named `state.<index>.<name>`,
    /// parameter groups that are not the JSON described in the Checkpoints article).
    public static func loadOptimizerStateDict(from url: URL) throws -> OptimizerStateDict {
        let file = try SafetensorsFile(contentsOf: url)
        func failure(_ text: String) -> TensorError {
            TensorError(.safetensorError, "'\(url.path)' is not an optimizer state dict: \(text)")
        }
        guard let version = file.metadata[optimizerKey] else {
            throw failure("its metadata has no `\(optimizerKey)` entry (a module's state dict loads with `Safetensors.load(from:)`)")
        }
        guard version == "1" else { throw failure("layout version \(version) is not supported (Ember reads version 1)") }
        guard let groupsText = file.metadata[paramGroupsKey] else { throw failure("its metadata has no `\(paramGroupsKey)` entry") }
        let groups: [[String: OptimizerValue]]
        do {
            groups = try decodeParamGroups(groupsText)
        } catch {
            throw failure("`param_groups`: \(error)")
        }
        var state: [Int: [String: Tensor]] = [:]
        var entries: [(index: Int, name: String, key: String)] = []
        for key in file.keys {
            let parts = key.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0] == "state", let index = Int(parts[1]), index >= 0,
                  parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), !parts[2].isEmpty else {
                throw failure("the tensor `\(key)` is not named `state.<index>.<name>`")
            }
            entries.append((index, String(parts[2]), key))
        }
        let tensors = try file.tensors()
        for entry in entries { state[entry.index, default: [:]][entry.name] = tensors[entry.key]! }
        return OptimizerStateDict(state: state, paramGroups: groups)
    }

    // MARK: - Parameter groups as JSON

    /// The groups as JSON (see Note [Optimizer checkpoints]), keys sorted.
    static func encodeParamGroups(_ groups: [[String: OptimizerValue]]) -> String {
        func value(_ v: OptimizerValue) -> String {
            switch v {
            case .double(let x): JSONWriter.number(x)
            case .int(let i): String(i)
            case .bool(let b): b ? "true" : "false"
            case .doubles(let xs): "[" + xs.map(JSONWriter.number).joined(separator: ", ") + "]"
            case .ints(let xs): "[" + xs.map(String.init).joined(separator: ", ") + "]"
            }
        }
        return "[" + groups.map { group in
            "{" + group.sorted { $0.key < $1.key }
                .map { JSONWriter.quoted($0.key) + ": " + value($0.value) }.joined(separator: ", ") + "}"
        }.joined(separator: ", ") + "]"
    }

    /// Why a `param_groups` text cannot be read.
    struct ParamGroupsError: Error, CustomStringConvertible {
        var description: String
    }

    /// The groups of a `param_groups` JSON text (see Note [Optimizer checkpoints]).
    static func decodeParamGroups(_ text: String) throws -> [[String: OptimizerValue]] {
        let json: JSONValue
        do {
            json = try JSONParser.parse(text, allowNonFinite: true)
        } catch {
            throw ParamGroupsError(description: "invalid JSON: \(error)")
        }
        guard case .array(let groups) = json else {
            throw ParamGroupsError(description: "expected a list of groups, found \(json.kindName)")
        }
        func number(_ text: String, _ key: String) throws -> OptimizerValue {
            if text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) || text.hasSuffix("Infinity") || text == "NaN" {
                guard let x = Double(text) else { throw ParamGroupsError(description: "option '\(key)': \(text) is not a float") }
                return .double(x)
            }
            guard let i = Int(text) else { throw ParamGroupsError(description: "option '\(key)': \(text) does not fit an Int") }
            return .int(i)
        }
        return try groups.map { group in
            guard case .object(let members) = group else {
                throw ParamGroupsError(description: "a group is \(group.kindName), expected an object")
            }
            var entries: [String: OptimizerValue] = [:]
            for member in members {
                let key = member.name
                let decoded: OptimizerValue
                switch member.value {
                case .null: continue
                case .bool(let b): decoded = .bool(b)
                case .number(let text): decoded = try number(text, key)
                case .array(let elements):
                    let values = try elements.map { element -> OptimizerValue in
                        guard case .number(let text) = element else {
                            throw ParamGroupsError(description: "option '\(key)' holds \(element.kindName), expected numbers")
                        }
                        return try number(text, key)
                    }
                    let ints = values.compactMap { if case .int(let i) = $0 { i } else { nil } }
                    decoded = ints.count == values.count ? .ints(ints) : .doubles(values.map { $0.doubleValue! })
                case .string, .object:
                    throw ParamGroupsError(description: "option '\(key)' is \(member.value.kindName), which no Ember optimizer has")
                }
                guard entries.updateValue(decoded, forKey: key) == nil else {
                    throw ParamGroupsError(description: "option '\(key)' is given twice")
                }
            }
            return entries
        }
    }
}
