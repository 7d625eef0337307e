import EmberCore

// MARK: - State dict entries

extension SGDOptions {
    /// The options under PyTorch's names: `lr`, `momentum`, `dampening`, `weight_decay`,
    /// `nesterov`, `maximize` (an entry of `torch.optim.SGD.state_dict()["param_groups"]`).
    public var entries: [String: OptimizerValue] {
        ["lr": .double(lr), "momentum": .double(momentum), "dampening": .double(dampening),
         "weight_decay": .double(weightDecay), "nesterov": .bool(nesterov), "maximize": .bool(maximize)]
    }

    /// Sets the options named in `entries` (`SGD.load_state_dict`'s groups).
    public mutating func update(from entries: [String: OptimizerValue]) throws(TensorError) {
        try entries.read("lr", into: &lr)
        try entries.read("momentum", into: &momentum)
        try entries.read("dampening", into: &dampening)
        try entries.read("weight_decay", into: &weightDecay)
        try entries.read("nesterov", into: &nesterov)
        try entries.read("maximize", into: &maximize)
    }
}
