import EmberCore

// MARK: - ModuleList

/// Modules held in a list, registered as children `0`, `1`, ... (PyTorch's `nn.ModuleList`).
/// It has no `forward`: the module holding it decides how to run its elements.
open class ModuleList: Module, RandomAccessCollection {
    private var elements: [Module]

    /// The given modules (`nn.ModuleList(modules)`).
    public init(_ modules: [Module] = []) {
        elements = []
        super.init()
        for module in modules { append(module) }
    }

    /// Adds a module at the end (`append`), as child `count`.
    public func append(_ module: Module) {
        registerModule(String(elements.count), module)
        elements.append(module)
    }

    /// The first position (0).
    public var startIndex: Int { 0 }
    /// One past the last position.
    public var endIndex: Int { elements.count }
    /// The module at `position` (`module_list[i]`).
    public subscript(position: Int) -> Module { elements[position] }

    /// PyTorch's repr, which writes runs of equal elements once: `(0-2): 3 x ReLU()`.
    public override var description: String {
        guard !elements.isEmpty else { return typeName + "()" }
        var runs: [(start: Int, end: Int, text: String)] = []
        for (i, module) in elements.enumerated() {
            let text = module.description
            if let last = runs.last, last.text == text {
                runs[runs.count - 1].end = i
            } else {
                runs.append((i, i, text))
            }
        }
        let lines = runs.map { run in
            let head = run.start == run.end ? "(\(run.start)): " : "(\(run.start)-\(run.end)): \(run.end - run.start + 1) x "
            return (head + run.text).split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n  ")
        }
        return typeName + "(\n  " + lines.joined(separator: "\n  ") + "\n)"
    }
}
