import EmberBackend

// MARK: - xlogy

extension Tensor {
    /// `self * log(other)`, broadcasting, with 0 wherever `self` is 0 and `other` is not NaN
    /// (`torch.xlogy(input, other)`, also `torch.special.xlogy`); integer inputs give the default
    /// floating dtype. Recorded as `XlogyBackward0`.
    ///
    /// ```swift
    /// Tensor([0.0, 2.0]).xlogy(Tensor([0.0, 3.0]))   // [0, 2 log 3]
    /// ```
    public func xlogy(_ other: Tensor) -> Tensor {
        let result = withNoGrad {
            Tensor.where((self .== 0) .& other.isnan().logicalNot(), 0, self * other.log())
        }
        if Tensor.recording(self, other) { Tensor.recordXlogy(self, other, result: result) }
        return result
    }
}
