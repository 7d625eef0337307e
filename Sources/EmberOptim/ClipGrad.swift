import EmberCore

// MARK: - Gradient clipping

/// Scales the gradients of `parameters` in place so that their total norm is at most `maxNorm`,
/// and returns the total norm before clipping (`torch.nn.utils.clip_grad_norm_(parameters,
/// max_norm, norm_type=2.0, error_if_nonfinite=False)`).
///
/// As PyTorch does, under no-grad: the `normType`-norm of each gradient, then the `normType`-norm
/// of those norms (a 0-dim tensor of the gradients' dtype), then every gradient is multiplied by
/// `min(maxNorm / (total + 1e-6), 1)` computed in that dtype. Parameters whose `grad` is `nil`
/// are skipped; without any gradient the result is `Tensor(0.0)` and nothing changes.
///
/// ```swift
/// loss.backward()
/// let norm = clipGradNorm_(model.parameters(), maxNorm: 1.0)
/// opt.step()
/// ```
///
/// With `errorIfNonfinite`, a NaN or infinite total norm fails with PyTorch's `RuntimeError`
/// before any gradient changes.
@discardableResult
public func clipGradNorm_(_ parameters: [Tensor], maxNorm: Double, normType: Double = 2,
                          errorIfNonfinite: Bool = false) -> Tensor {
    attempt {
        try withNoGrad {
            let grads = parameters.compactMap(\.grad)
            if grads.isEmpty { return Tensor(0.0) }
            if normType == .infinity && grads.contains(where: { $0.numel == 0 }) {
                throw TensorError.runtime("""
                    _foreach_norm cannot compute the infinity norm on an empty tensor because the operation \
                    does not have an identity
                    """)
            }
            let order = Tensor.NormOrder.p(normType)
            let total = Tensor.stack(grads.map { $0.norm(order) }).norm(order)
            if errorIfNonfinite && !total.item().isFinite {
                throw TensorError.runtime("""
                    The total norm of order \(normType) for gradients from `parameters` is non-finite, so it \
                    cannot be clipped. To disable this error and scale the gradients by the non-finite norm \
                    anyway, set `error_if_nonfinite=False`
                    """)
            }
            // PyTorch's `max_norm / (total_norm + 1e-6)` is `reciprocal(total_norm + 1e-6) * max_norm`.
            let coefficient = total.add(1e-6).reciprocal().mul(maxNorm).clamp(max: Scalar.float(1.0))
            for grad in grads { grad.mul_(coefficient) }
            return total
        }
    }
}

/// Clamps the gradients of `parameters` in place to `[-clipValue, clipValue]`
/// (`torch.nn.utils.clip_grad_value_(parameters, clip_value)`); parameters whose `grad` is `nil`
/// are skipped.
public func clipGradValue_(_ parameters: [Tensor], clipValue: Double) {
    withNoGrad {
        for grad in parameters.compactMap(\.grad) {
            grad.clamp_(min: .float(-clipValue), max: .float(clipValue))
        }
    }
}
