import Testing
import EmberTestSupport
import Ember

/// First and second derivatives of nansum, nanmean, aminmax, var_mean, std_mean, the medians,
/// mode, the quantiles, cummax, cummin, logcumsumexp and msort, by finite differences in float64
/// over every layout (inputs without NaN and with distinct values).
@Suite struct GradcheckStatisticsTests {
    static let cases: [GradientCase] = [
        GradientCase("nansum", secondOrder: true, node: "NansumBackward0") { $0[0].nansum() },
        GradientCase("nansum dim", secondOrder: true, node: "NansumBackward0") { $0[0].nansum(dim: 1) },
        GradientCase("nanmean dims keepdim", shapes: [[2, 3, 2]], secondOrder: true, node: "DivBackward0") {
            $0[0].nanmean(dims: [0, 2], keepdim: true)
        },
        GradientCase("aminmax", secondOrder: true) { let r = $0[0].aminmax(); return r.min * 2 + r.max },
        GradientCase("aminmax dim", secondOrder: true) { let r = $0[0].aminmax(dim: 1); return r.min - r.max * 3 },
        GradientCase("varMean", secondOrder: true) { let r = $0[0].varMean(); return r.var + r.mean * 3 },
        GradientCase("varMean dim keepdim", secondOrder: true) {
            let r = $0[0].varMean(dim: 0, correction: 0, keepdim: true)
            return r.var * 2 - r.mean
        },
        GradientCase("stdMean dims", shapes: [[2, 3, 2]], secondOrder: true) {
            let r = $0[0].stdMean(dims: [0, 2])
            return r.std + r.mean * 0.5
        },
        GradientCase("median", secondOrder: true, node: "MedianBackward0") { $0[0].median() },
        GradientCase("nanmedian", secondOrder: true, node: "NanmedianBackward0") { $0[0].nanmedian() },
        GradientCase("median dim", secondOrder: true, node: "MedianBackward1") { $0[0].median(dim: 1).values },
        GradientCase("nanmedian dim keepdim", secondOrder: true, node: "NanmedianBackward1") {
            $0[0].nanmedian(dim: 0, keepdim: true).values
        },
        GradientCase("mode", secondOrder: true, node: "ModeBackward0") { $0[0].mode(dim: 1).values },
        GradientCase("quantile", secondOrder: true, node: "SqueezeBackward4") { $0[0].quantile(0.3) },
        GradientCase("quantile dim", shapes: [[3, 5]], secondOrder: true, node: "SqueezeBackward4") {
            $0[0].quantile(Tensor([0.1, 0.5, 0.9], dtype: .float64), dim: 1)
        },
        GradientCase("nanquantile midpoint keepdim", secondOrder: true) {
            $0[0].nanquantile(0.4, dim: 0, keepdim: true, interpolation: .midpoint)
        },
        GradientCase("quantile nearest") { $0[0].quantile(0.6, dim: 1, interpolation: .nearest) },
        GradientCase("cummax", secondOrder: true, node: "CummaxBackward0") { $0[0].cummax(dim: 1).values },
        GradientCase("cummin", secondOrder: true, node: "CumminBackward0") { $0[0].cummin(dim: 0).values },
        GradientCase("logcumsumexp", secondOrder: true, node: "LogcumsumexpBackward0") { $0[0].logcumsumexp(dim: 1) },
        GradientCase("logcumsumexp dim 0", shapes: [[3, 2]], secondOrder: true) { $0[0].logcumsumexp(dim: 0) },
        GradientCase("msort", secondOrder: true, node: "SortBackward0") { $0[0].msort() },
        GradientCase("cumprod size-one dim", shapes: [[3, 1]], secondOrder: true) { $0[0].cumprod(dim: 1) },
    ]

    @Test(arguments: cases)
    func gradients(_ c: GradientCase) {
        c.check()
    }
}
