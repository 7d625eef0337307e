import EmberCore

// MARK: - Pieces of the update rules

/// The gradient a step works with: `grad` negated when maximizing, then with the weight decay
/// added as an L2 penalty (`grad.add(param, alpha=weight_decay)`), or, when `decoupledLR` is
/// given, `param` shrunk in place by `1 - decoupledLR * weightDecay` instead (AdamW's decoupled
/// decay, `param.mul_(1 - lr * weight_decay)`). The first lines of every single-tensor update.
package func effectiveGradient(_ grad: Tensor, of param: Tensor, maximize: Bool, weightDecay: Double,
                               decoupledLR: Double? = nil) -> Tensor {
    let g = maximize ? grad.neg() : grad
    guard weightDecay != 0 else { return g }
    if let lr = decoupledLR {
        param.mul_(1 - lr * weightDecay)
        return g
    }
    return g.add(param.mul(weightDecay))
}

/// Adam's moment updates, shared by NAdam and RAdam: `m = lerp(m, g, 1 - beta1)` and
/// `v = beta2 * v + (1 - beta2) * g * g` (`exp_avg.lerp_(grad, 1 - beta1)`,
/// `exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)`), in place.
package func updateMoments(expAvg: Tensor, expAvgSq: Tensor, grad: Tensor, betas: (Double, Double)) {
    expAvg.lerp_(grad, 1 - betas.0)
    expAvgSq.mul_(betas.1).add_(grad.mul(1 - betas.1).mul_(grad))
}
