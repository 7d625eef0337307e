import EmberBackend

// MARK: - msort, unique_consecutive

extension Tensor {
    /// This tensor sorted along its first dim, ascending (PyTorch's `torch.msort(input)`, the
    /// values of `sort(dim=0)`; node `SortBackward0`).
    public func msort() -> Tensor {
        sort(dim: 0).values
    }

    /// The elements with each run of equal consecutive elements kept once, as a 1-D tensor, with,
    /// when asked, the position of each element's run in the result (shaped like this tensor) and
    /// the length of each run (PyTorch's `torch.unique_consecutive(input, return_inverse=False,
    /// return_counts=False, dim=None)`). Each NaN is a run of its own. With `dim`, runs of equal
    /// slices along `dim` are kept once; the inverse then has one entry per slice. Not
    /// differentiable: as in PyTorch, the values of an input that requires grad record
    /// `UniqueConsecutiveBackward0`, whose backward raises.
    public func uniqueConsecutive(returnInverse: Bool = false, returnCounts: Bool = false, dim: Int? = nil)
        -> (values: Tensor, inverse: Tensor?, counts: Tensor?)
    {
        let r = attempt { () throws(TensorError) -> ConsecutiveRuns in
            let runs = try consecutiveRuns(dim: dim, inverse: returnInverse, counts: returnCounts)
            if Tensor.recording(self) {
                Tensor.recordNotDifferentiable("UniqueConsecutiveBackward0", inputs: [self], outputs: [runs.values],
                                               .notImplemented("the derivative for 'unique_consecutive' is not implemented."))
            }
            return runs
        }
        return (r.values, r.inverse, r.counts)
    }

    private func consecutiveRuns(dim: Int?, inverse wantInverse: Bool, counts wantCounts: Bool)
        throws(TensorError) -> ConsecutiveRuns
    {
        let source = detach()
        // The slices compared as rows: the elements one by one, or the slices along `dim`.
        let rows: Tensor, d: Int
        if let dim {
            guard self.dim > 0 else { throw TensorError.index("Dimension specified as \(dim) but tensor has no dimensions") }
            d = try normalizeDim(dim, rank: self.dim)
            if numel == 0 {
                guard shape.filter({ $0 == 0 }).count == 1 else {
                    throw TensorError.runtime("Number of zero sized dimensions is more than one, so unique cannot be applied ")
                }
                guard shape[d] == 0 else {
                    throw TensorError.runtime("There are 0 sized dimensions, and they aren't selected, so unique cannot be applied")
                }
            }
            rows = source.movedim(d, 0).contiguous().reshape([shape[d], numel / Swift.max(shape[d], 1)])
        } else {
            d = 0
            rows = source.reshape([numel, 1]).contiguous()
        }
        let n = rows.shape[0], width = rows.shape[1]
        var firsts = [Int64](), counts = [Int64](), groups = [Int64]()
        groups.reserveCapacity(n)
        func group<T: Equatable>(_ values: [T]) {
            for r in 0..<n {
                // A row equal to the one before extends its run (a NaN equals nothing).
                let same = r > 0 && (0..<width).allSatisfy { values[(r - 1) * width + $0] == values[r * width + $0] }
                if same {
                    counts[counts.count - 1] += 1
                } else {
                    firsts.append(Int64(r))
                    counts.append(1)
                }
                groups.append(Int64(counts.count - 1))
            }
        }
        if dtype.isFloatingPoint { group(try rows.scalarArray(as: Double.self)) } else { group(try rows.to(.int64).scalarArray(as: Int64.self)) }
        func int64s(_ values: [Int64], _ shape: [Int]) throws(TensorError) -> Tensor {
            try Tensor.fromLeaves(values, shape: Dims(shape), dtype: .int64, device: device, requiresGrad: false)
        }
        let picked = try int64s(firsts, [firsts.count])
        let values = dim == nil ? rows.indexSelect(dim: 0, index: picked).reshape([-1])
            : source.indexSelect(dim: d, index: picked)
        let inverse = wantInverse ? try int64s(groups, dim == nil ? shape : [n]) : nil
        return ConsecutiveRuns(values: values, inverse: inverse, counts: wantCounts ? try int64s(counts, [counts.count]) : nil)
    }
}

/// The `(values, inverse, counts)` of `uniqueConsecutive`, as `attempt` can return it.
private struct ConsecutiveRuns: ErrorPlaceholder {
    var values: Tensor
    var inverse: Tensor?
    var counts: Tensor?
    static var errorPlaceholder: ConsecutiveRuns { ConsecutiveRuns(values: .errorPlaceholder, inverse: nil, counts: nil) }
}
