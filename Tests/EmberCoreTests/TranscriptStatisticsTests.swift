// TranscriptStatisticsTests.swift
//
// nansum, nanmean, aminmax, var_mean, the medians, mode, the quantiles, cummax, cummin,
// logcumsumexp, histc, bincount, bucketize and unique_consecutive over NaN, infinities and
// empty inputs.
//
// Transcript tests (EmberTestSupport's Transcripts.swift): each case is a line of PyTorch, what
// PyTorch 2.15 printed for it, and the same line in Ember, which must print the same. The Python
// lines use `T = torch.tensor`, `nan, inf = float('nan'), float('inf')` and
// `m = lambda: torch.tensor([[1., nan, 3.], [-inf, 2., 0.]])`.

import Testing
import Ember
import EmberTestSupport

private func m() -> Tensor { Tensor([[1.0, nan, 3], [-inf, 2, 0]]) }

@Suite struct TranscriptStatisticsTests {
    static let cases: [TranscriptCase] = [
        transcript("nansum_dim", "m().nansum(1)", "tensor([4., -inf])") { .t(m().nansum(dim: 1)) },
        transcript("nanmean_dim0", "m().nanmean(0)", "tensor([  -inf, 2.0000, 1.5000])") { .t(m().nanmean(dim: 0)) },
        transcript("aminmax_dim", "torch.aminmax(m(), dim=1)", "tensor([nan, -inf])\ntensor([nan, 2.])") {
            let r = m().aminmax(dim: 1); return .pair(r.min, r.max)
        },
        transcript("median_nan", "T([1., nan, 3., 2.]).median()", "tensor(nan)") { .t(T([1, nan, 3, 2]).median()) },
        transcript("nanmedian_all", "T([1., nan, 3., 2.]).nanmedian()", "tensor(2.)") { .t(T([1, nan, 3, 2]).nanmedian()) },
        transcript("median_dim", "m().median(1)", "tensor([nan, 0.])\ntensor([1, 2])") {
            let r = m().median(dim: 1); return .pair(r.values, r.indices)
        },
        transcript("nanmedian_dim", "m().nanmedian(1)", "tensor([1., 0.])\ntensor([0, 2])") {
            let r = m().nanmedian(dim: 1); return .pair(r.values, r.indices)
        },
        transcript("mode_ties", "T([3., 1., 2., 2., 3.]).mode()", "tensor(2.)\ntensor(3)") {
            let r = T([3, 1, 2, 2, 3]).mode(); return .pair(r.values, r.indices)
        },
        transcript("quantile_nearest", "torch.quantile(T([1., 2., 3., 4.]), T([0.25, 0.5]), interpolation='nearest')",
                   "tensor([2., 3.])") { .t(T([1, 2, 3, 4]).quantile(T([0.25, 0.5]), interpolation: "nearest")) },
        transcript("nanquantile_dim", "torch.nanquantile(m(), 0.5, dim=1)", "tensor([2., 0.])") {
            .t(m().nanquantile(0.5, dim: 1))
        },
        transcript("cummax_nan", "m().cummax(1)",
                   "tensor([[1., nan, nan],\n        [-inf, 2., 2.]])\ntensor([[0, 1, 1],\n        [0, 1, 1]])") {
            let r = m().cummax(dim: 1); return .pair(r.values, r.indices)
        },
        transcript("cummin_dim0", "m().cummin(0)",
                   "tensor([[1., nan, 3.],\n        [-inf, nan, 0.]])\ntensor([[0, 0, 0],\n        [1, 0, 1]])") {
            let r = m().cummin(dim: 0); return .pair(r.values, r.indices)
        },
        transcript("logcumsumexp_inf", "T([-inf, 0., inf, nan]).logcumsumexp(0)", "tensor([-inf, 0., inf, nan])") {
            .t(T([-inf, 0, inf, nan]).logcumsumexp(dim: 0))
        },
        transcript("histc_range", "torch.histc(T([1., 2., 1., 9.]), bins=4, min=0, max=3)", "tensor([0., 2., 1., 0.])") {
            .t(T([1, 2, 1, 9]).histc(bins: 4, min: 0, max: 3))
        },
        transcript("bincount_min", "torch.bincount(T([0, 2, 2]), minlength=4)", "tensor([1, 0, 2, 0])") {
            .t(I([0, 2, 2]).bincount(minlength: 4))
        },
        transcript("bucketize_right", "torch.bucketize(T([0.5, 3., 9.]), T([1., 3., 5.]), right=True)", "tensor([0, 2, 3])") {
            .t(T([0.5, 3, 9]).bucketize(boundaries: T([1, 3, 5]), right: true))
        },
        transcript("unique_consecutive", "torch.unique_consecutive(T([1, 1, 2, 1]), return_inverse=True, return_counts=True)",
                   "tensor([1, 2, 1])\ntensor([0, 0, 1, 2])\ntensor([2, 1, 1])") {
            let r = I([1, 1, 2, 1]).uniqueConsecutive(returnInverse: true, returnCounts: true)
            return .triple(r.values, r.inverse, r.counts)
        },
        transcript("var_mean_dim", "torch.var_mean(m(), dim=0, correction=0)",
                   "tensor([   nan,    nan, 2.2500])\ntensor([  -inf,    nan, 1.5000])") {
            let r = m().varMean(dim: 0, correction: 0); return .pair(r.var, r.mean)
        },
        transcript("nanmean_int", "T([1, 2]).nanmean()",
                   "ERROR: nanmean(): expected input to have floating point or complex dtype but got Long") { .t(I([1, 2]).nanmean()) },
        transcript("quantile_empty", "torch.quantile(torch.zeros(0), 0.5)",
                   "ERROR: quantile() input tensor must be non-empty") { .t(Tensor.zeros(0).quantile(0.5)) },
        transcript("median_empty_dim", "torch.zeros(2, 0).median(1)",
                   "ERROR: median(): Expected reduction dim 1 to have non-zero size.") {
            let r = Tensor.zeros(2, 0).median(dim: 1); return .pair(r.values, r.indices)
        },
    ]

    @Test(arguments: cases) func matchesPyTorch(_ c: TranscriptCase) {
        expectTranscript(c)
    }
}
