import EmberCore

// MARK: - State dict entries

extension AdamOptions {
    /// The options under PyTorch's names: `lr`, `betas`, `eps`, `weight_decay`, `amsgrad`,
    /// `maximize`, `decoupled_weight_decay` (an entry of `torch.optim.Adam.state_dict()["param_groups"]`).
    public var entries: [String: OptimizerValue] {
        ["lr": .double(lr), "betas": .doubles([betas.0, betas.1]), "eps": .double(eps),
         "weight_decay": .double(weightDecay), "amsgrad": .bool(amsgrad), "maximize": .bool(maximize),
         "decoupled_weight_decay": .bool(decoupledWeightDecay)]
    }

    /// Sets the options named in `entries` (`Adam.load_state_dict`'s groups).
    public mutating func update(from entries: [String: OptimizerValue]) throws(TensorError) {
        try entries.read("lr", into: &lr)
        try entries.read("betas", into: &betas)
        try entries.read("eps", into: &eps)
        try entries.read("weight_decay", into: &weightDecay)
        try entries.read("amsgrad", into: &amsgrad)
        try entries.read("maximize", into: &maximize)
        try entries.read("decoupled_weight_decay", into: &decoupledWeightDecay)
    }
}
