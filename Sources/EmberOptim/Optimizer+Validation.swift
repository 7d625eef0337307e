import EmberCore

// MARK: - Argument checks

/// Fails with PyTorch's `ValueError` "Invalid \(what): \(value)" unless `0 <= value` (so NaN fails
/// too), the check of every optimizer's constructor (`if not 0.0 <= lr: raise ValueError(...)`).
/// `what` is PyTorch's wording: "learning rate", "epsilon value", "weight_decay value", ...
package func requireNonNegative(_ value: Double, _ what: String) throws(TensorError) {
    if !(0 <= value) { throw TensorError.value("Invalid \(what): \(value)") }
}

/// Fails with PyTorch's `ValueError` unless both betas are in `[0, 1)` (the check of Adam's
/// family: Adamax, NAdam, RAdam).
package func requireBetas(_ betas: (Double, Double)) throws(TensorError) {
    if !(0 <= betas.0 && betas.0 < 1) { throw TensorError.value("Invalid beta parameter at index 0: \(betas.0)") }
    if !(0 <= betas.1 && betas.1 < 1) { throw TensorError.value("Invalid beta parameter at index 1: \(betas.1)") }
}
