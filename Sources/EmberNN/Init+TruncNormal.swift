import EmberCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Truncated normal

extension Init {
    /// Fills with samples of the normal distribution of `mean` and `std` truncated to `[a, b]`
    /// (`nn.init.trunc_normal_(tensor, mean=0., std=1., a=-2., b=2.)`), drawing as PyTorch 2.15
    /// draws, so a seed gives PyTorch's values (see Note [Truncated normal sampling]).
    @discardableResult
    public static func truncNormal_(_ tensor: Tensor, mean: Double = 0, std: Double = 1, a: Double = -2, b: Double = 2,
                                    generator: Generator? = nil) -> Tensor {
        func cdf(_ x: Double) -> Double { (1 + erf(x / 2.0.squareRoot())) / 2 }
        let mass = cdf((b - mean) / std) - cdf((a - mean) / std)
        withNoGrad {
            if mass > 0.3 {
                truncatedByRedrawing(tensor, mean: mean, std: std, a: a, b: b, generator: generator)
            } else {
                truncatedByRejection(tensor, mean: mean, std: std, a: a, b: b, generator: generator)
            }
        }
        return tensor
    }

    // Note [Truncated normal sampling]
    //
    // PyTorch 2.15's `trunc_normal_` is exact rejection sampling, not the older inverse-CDF
    // method (`uniform_`, `erfinv_`). When more than 0.3 of the normal's mass lies in [a, b], it
    // fills the tensor with `normal_(mean, std)` and, while any sample lies outside the bounds
    // (rounded to the tensor's dtype), draws a whole new tensor of normals and takes its values
    // at those positions. Otherwise it proposes `uniform_(a, b)` samples and accepts each with
    // probability `pdf(x) / pdf(mode)` by comparing `log(uniform_())` with the log ratio
    // (computed in the tensor's dtype in PyTorch's order of in-place steps); rejected positions
    // get the next round's proposal, a whole new tensor of uniforms each round. Every draw,
    // including the ones thrown away, comes from the generator in PyTorch's order.

    /// The first branch of Note [Truncated normal sampling].
    private static func truncatedByRedrawing(_ tensor: Tensor, mean: Double, std: Double, a: Double, b: Double,
                                             generator: Generator?) {
        let low = Tensor(a, dtype: tensor.dtype).item(), high = Tensor(b, dtype: tensor.dtype).item()
        var result = tensor.normal_(mean: mean, std: std, generator: generator)
        while true {
            let outside = (result .< low) .| (result .> high)
            if !outside.any().item(as: Bool.self) { break }
            let redraw = Tensor.empty(like: result).normal_(mean: mean, std: std, generator: generator)
            result = Tensor.where(outside, redraw, result)
        }
        if result !== tensor { tensor.copy_(result) }
    }

    /// The second branch of Note [Truncated normal sampling].
    private static func truncatedByRejection(_ tensor: Tensor, mean: Double, std: Double, a: Double, b: Double,
                                             generator: Generator?) {
        let mode = Swift.max(a, Swift.min(mean, b))
        let logPeak = -0.5 * ((mode - mean) / std) * ((mode - mean) / std)
        let candidates = Tensor.empty(like: tensor), acceptance = Tensor.empty(like: tensor)
        /// The log density ratio of the candidates, in place, as PyTorch computes it.
        func logRatio() { candidates.sub_(mean).div_(std).pow_(2).mul_(-0.5).sub_(logPeak) }
        tensor.uniform_(from: a, to: b, generator: generator)
        candidates.copy_(tensor)
        logRatio()
        var pending = acceptance.uniform_(generator: generator).log_() .> candidates
        guard pending.any().item(as: Bool.self) else { return }
        var result = tensor
        repeat {
            candidates.uniform_(from: a, to: b, generator: generator)
            result = Tensor.where(pending, candidates, result)
            logRatio()
            pending = Tensor.where(pending, acceptance.uniform_(generator: generator).log_() .> candidates, pending)
        } while pending.any().item(as: Bool.self)
        tensor.copy_(result)
    }
}
