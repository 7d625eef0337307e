// Inputs.swift
//
// Inputs that several suites build the same way on both sides (the Python lines that printed
// PyTorch's results use the same formulas).

import Ember

/// The row-major values of `seq(shape, seed, dtype)`: `(7 i + 3 seed) % 11 - 5`, halved for
/// floating-point dtypes (so float products are exact whatever the summation order).
public func seqValues(_ shape: [Int], _ seed: Int = 0, _ dtype: DType = .float32) -> [Double] {
    let count = shape.reduce(1, *)
    return (0..<count).map { i in
        let v = Double((i * 7 + seed * 3) % 11 - 5)
        return dtype.isFloatingPoint ? v / 2 : v
    }
}

/// The test input `seq(shape, seed, dtype)` of the Python side: `seqValues` in `shape`.
public func seq(_ shape: [Int], _ seed: Int = 0, _ dtype: DType = .float32) -> Tensor {
    Tensor(shape: shape, data: seqValues(shape, seed, dtype), dtype: dtype)
}

/// `torch.ones(*shape, dtype=dtype)`.
public func ones(_ shape: Int..., dtype: DType = .float32) -> Tensor { Tensor.ones(shape, dtype: dtype) }
