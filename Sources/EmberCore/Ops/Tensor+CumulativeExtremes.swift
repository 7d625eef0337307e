import Foundation
import EmberBackend

// MARK: - cummax, cummin, logcumsumexp

extension Tensor {
    /// The running maxima along `dim` and the int64 position each came from (PyTorch's
    /// `torch.cummax(input, dim)`). A later equal value takes over the position; a NaN is kept
    /// from where it appears, and each later NaN takes over (as PyTorch's CPU kernel). The
    /// gradient is added back at the positions (`CummaxBackward0`).
    public func cummax(dim: Int) -> (values: Tensor, indices: Tensor) {
        attempt { try cumulativeExtreme(largest: true, dim: dim) }.tuple
    }

    /// The running minima along `dim` and the int64 position each came from (PyTorch's
    /// `torch.cummin(input, dim)`, node `CumminBackward0`), with `cummax`'s rules for ties and NaN.
    public func cummin(dim: Int) -> (values: Tensor, indices: Tensor) {
        attempt { try cumulativeExtreme(largest: false, dim: dim) }.tuple
    }

    /// The running `log(sum(exp(x)))` along `dim`, computed stably in double precision (PyTorch's
    /// `torch.logcumsumexp(input, dim)`). Floating tensors only. Infinities of one sign stay
    /// infinite; NaN propagates. Differentiable twice (`LogcumsumexpBackward0`).
    public func logcumsumexp(dim: Int) -> Tensor {
        attempt {
            let d = try normalizeDim(dim, rank: self.dim)
            guard dtype.isFloatingPoint else {
                throw TensorError.notImplemented("\"logcumsumexp_out_cpu\" not implemented for '\(dtype.scalarTypeName)'")
            }
            let result: Tensor
            if numel == 0 || self.dim == 0 {
                result = try detach().cloned()
            } else {
                let rows = detach().movedim(d, -1).contiguous()
                let sums = CumulativeScans.logAddExp(try rows.scalarArray(as: Double.self), rowLength: shape[d])
                result = try Tensor.fromLeaves(sums, shape: Dims(rows.shape), dtype: dtype, device: device, requiresGrad: false)
                    .movedim(-1, d).contiguous()
            }
            if Tensor.recording(self) { recordLogcumsumexp(result, dim: d) }
            return result
        }
    }

    func cumulativeExtreme(largest: Bool, dim: Int) throws(TensorError) -> ReductionValuesAndIndices {
        let d = try normalizeDim(dim, rank: self.dim)
        let source = self.dim == 0 ? detach().reshape([1]) : detach()
        var indices: Tensor
        if source.numel == 0 {
            indices = try Tensor.uninitialized(Dims(source.shape), dtype: .int64, device: device)
        } else {
            let n = source.shape[d]
            let rows = source.movedim(d, -1).contiguous()
            let positions = dtype.isFloatingPoint
                ? CumulativeScans.extremePositions(try rows.scalarArray(as: Double.self), rowLength: n, largest: largest) { $0.isNaN }
                : CumulativeScans.extremePositions(try rows.to(.int64).scalarArray(as: Int64.self), rowLength: n,
                                                   largest: largest) { _ in false }
            indices = try Tensor.fromLeaves(positions, shape: Dims(rows.shape), dtype: .int64, device: device, requiresGrad: false)
                .movedim(-1, d).contiguous()
        }
        var values = source.gather(dim: d, index: indices).detach()
        if self.dim == 0 {
            values = values.reshape([])
            indices = indices.reshape([])
        }
        recordSelection(largest ? "CummaxBackward0" : "CumminBackward0", values: values, indices: indices, dim: d, keepdim: true)
        return ReductionValuesAndIndices(values: values, indices: indices)
    }
}

/// The row-by-row loops of `cummax`, `cummin` and `logcumsumexp`, as PyTorch's CPU kernels run them.
enum CumulativeScans {
    /// For each row of `rowLength` values, the position of the running extreme at each step: a
    /// value at least as large (as small) as the current one, or any NaN, takes over; after a
    /// NaN only another NaN does.
    static func extremePositions<T: Comparable>(_ values: [T], rowLength n: Int, largest: Bool,
                                                isNaN: (T) -> Bool) -> [Int64] {
        var result = [Int64]()
        result.reserveCapacity(values.count)
        for start in stride(from: 0, to: values.count, by: n) {
            var best = values[start], position = 0
            for k in 0..<n {
                let v = values[start + k]
                if isNaN(v) || (!isNaN(best) && (largest ? v >= best : v <= best)) {
                    best = v
                    position = k
                }
                result.append(Int64(position))
            }
        }
        return result
    }

    /// The running `log(exp(a) + exp(b))` of each row, from negative infinity, in double (PyTorch's
    /// `_log_add_exp_helper`: `log1p(exp(min - max)) + max`, or the new value where both are the
    /// same infinity).
    static func logAddExp(_ values: [Double], rowLength n: Int) -> [Double] {
        var result = [Double]()
        result.reserveCapacity(values.count)
        for start in stride(from: 0, to: values.count, by: n) {
            var sum = -Double.infinity
            for k in 0..<n {
                let x = values[start + k]
                // std::min and std::max, whose NaN behaviour differs from Swift's.
                let low = sum.isNaN ? sum : (sum < x ? sum : x)
                let high = sum.isNaN ? sum : (x < sum ? sum : x)
                sum = low != high || low.isFinite ? Foundation.log1p(Foundation.exp(low - high)) + high : x
                result.append(sum)
            }
        }
        return result
    }
}
