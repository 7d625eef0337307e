import EmberCore
import OrderedCollections

// MARK: - Loading state

extension Module {
    /// The keys a non-strict ``loadStateDict(_:strict:)`` could not match (PyTorch's
    /// `_IncompatibleKeys`).
    public struct IncompatibleKeys: Equatable, Sendable {
        /// Keys the module has and the state lacks (`missing_keys`).
        public var missingKeys: [String]
        /// Keys the state has and the module lacks (`unexpected_keys`).
        public var unexpectedKeys: [String]

        /// The keys of a load.
        public init(missingKeys: [String], unexpectedKeys: [String]) {
            self.missingKeys = missingKeys
            self.unexpectedKeys = unexpectedKeys
        }
    }

    /// Copies `state` into the module's parameters and persistent buffers by name
    /// (`load_state_dict(state_dict, strict)`), converting dtypes as `copy_` does.
    ///
    /// Every key and shape is checked before anything is written: on failure the module is
    /// unchanged and the error lists what PyTorch lists (missing keys and unexpected keys when
    /// `strict`, and every size mismatch). Without `strict`, missing and unexpected keys are
    /// returned instead.
    @discardableResult
    public func loadStateDict(_ state: OrderedDictionary<String, Tensor>, strict: Bool = true) throws -> IncompatibleKeys {
        let targets = stateTargets()
        var missing: [String] = []
        var errors: [String] = []
        var copies: [(destination: Tensor, source: Tensor)] = []
        for (key, destination) in targets {
            guard let source = state[key] else {
                missing.append(key)
                continue
            }
            guard source.shape == destination.shape else {
                errors.append("size mismatch for \(key): copying a param with shape torch.Size(\(source.shape)) from checkpoint, the shape in current model is torch.Size(\(destination.shape)).")
                continue
            }
            copies.append((destination, source))
        }
        let unexpected = Array(state.keys.filter { targets[$0] == nil })
        if strict {
            var listed: [String] = []
            if !missing.isEmpty { listed.append("Missing key(s) in state_dict: \(quoted(missing)). ") }
            if !unexpected.isEmpty { listed.append("Unexpected key(s) in state_dict: \(quoted(unexpected)). ") }
            errors.insert(contentsOf: listed, at: 0)
        }
        if !errors.isEmpty {
            throw TensorError.runtime("Error(s) in loading state_dict for \(typeName):\n\t" + errors.joined(separator: "\n\t"))
        }
        try withErrorCapture {
            withNoGrad { for (destination, source) in copies { destination.copy_(source) } }
        }
        return IncompatibleKeys(missingKeys: missing, unexpectedKeys: unexpected)
    }

    /// The tensors ``stateDict(prefix:)`` reports, by key, undetached (the ones loading writes):
    /// own parameters, own persistent buffers, then each child's under its name.
    func stateTargets(prefix: String = "") -> OrderedDictionary<String, Tensor> {
        var targets: OrderedDictionary<String, Tensor> = [:]
        for (name, p) in ownParameters() { targets[prefix + name] = p }
        for (name, b) in registeredBuffers where !nonPersistentBuffers.contains(name) {
            if let b { targets[prefix + name] = b }
        }
        for (name, child) in namedChildren() {
            for (key, value) in child.stateTargets(prefix: prefix + name + ".") { targets[key] = value }
        }
        return targets
    }

    private func quoted(_ keys: [String]) -> String { keys.map { "\"\($0)\"" }.joined(separator: ", ") }

    // MARK: - Lookup by path

    /// The submodule at a dotted path such as `"encoder.layers.0"` (`get_submodule`); `""` is the
    /// module itself. Fails with PyTorch's `AttributeError` text when a step is not a submodule.
    public func getSubmodule(_ target: String) throws -> Module {
        if target.isEmpty { return self }
        var module: Module = self
        for name in target.split(separator: ".", omittingEmptySubsequences: false).map(String.init) {
            guard let child = module.namedChildren().first(where: { $0.name == name })?.module else {
                throw TensorError(.attributeError, "\(module.typeName) has no attribute `\(name)`")
            }
            module = child
        }
        return module
    }

    /// The parameter at a dotted path such as `"fc1.weight"` (`get_parameter`).
    public func getParameter(_ target: String) throws -> Parameter {
        let (module, name) = try owner(of: target)
        if let p = module.ownParameters().first(where: { $0.name == name })?.parameter { return p }
        if module.namedChildren().contains(where: { $0.name == name })
            || module.registeredBuffers[name] != nil {
            throw TensorError(.attributeError, "`\(name)` is not an nn.Parameter")
        }
        throw TensorError(.attributeError, "\(module.typeName) has no attribute `\(name)`")
    }

    /// The buffer at a dotted path such as `"bn.running_mean"` (`get_buffer`).
    public func getBuffer(_ target: String) throws -> Tensor {
        let (module, name) = try owner(of: target)
        if let entry = module.registeredBuffers[name], let b = entry { return b }
        if module.ownParameters().contains(where: { $0.name == name })
            || module.namedChildren().contains(where: { $0.name == name }) {
            throw TensorError(.attributeError, "`\(name)` is not a buffer")
        }
        throw TensorError(.attributeError, "\(module.typeName) has no attribute `\(name)`")
    }

    /// The module holding the last component of a dotted path, and that component.
    private func owner(of target: String) throws -> (Module, String) {
        guard let dot = target.lastIndex(of: ".") else { return (self, target) }
        return (try getSubmodule(String(target[..<dot])), String(target[target.index(after: dot)...]))
    }

    /// Calls `body` on every submodule, then on this module (`apply(fn)`, post-order); returns `self`.
    @discardableResult
    public func apply(_ body: (Module) -> Void) -> Self {
        for child in children() { child.apply(body) }
        body(self)
        return self
    }
}
