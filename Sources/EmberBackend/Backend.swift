import Synchronization

// MARK: - StridedBuffer

/// What a kernel sees of a tensor: the storage's base address, the layout and the dtype.
@usableFromInline package struct StridedBuffer: @unchecked Sendable {
    /// The storage's base address (element 0 of the storage, not of the view).
    @usableFromInline package var base: UnsafeMutableRawPointer
    /// Shape, strides and offset in elements.
    @usableFromInline package var layout: Layout
    /// The element type.
    @usableFromInline package var dtype: DType

    /// Wraps a buffer.
    @usableFromInline package init(base: UnsafeMutableRawPointer, layout: Layout, dtype: DType) {
        self.base = base
        self.layout = layout
        self.dtype = dtype
    }

    /// The address of the view's first element.
    @inlinable package var start: UnsafeMutableRawPointer { base + layout.offset * dtype.itemSize }

    /// The view's first element, typed.
    @inlinable package func pointer<T>(as type: T.Type) -> UnsafeMutablePointer<T> {
        start.assumingMemoryBound(to: T.self)
    }

    /// The same memory seen with another layout (e.g. a broadcast input).
    @inlinable package func with(layout: Layout) -> StridedBuffer {
        StridedBuffer(base: base, layout: layout, dtype: dtype)
    }
}

// MARK: - Backend

/// A device's kernels and memory. The tensor front end validates, broadcasts and allocates, then
/// calls its device's backend; a backend never sees a `Tensor`.
///
/// Kernels are grouped by family (copy and fill, element-wise, reduction, indexing, sorting,
/// linear algebra, random), as MLX's are. The CPU backend (EmberCPU) is always present; another
/// device's backend registers itself when it loads (`BackendRegistry`).
///
/// Only `kind`, `deviceCount` and `allocator(for:)` must be written: every kernel has a default
/// that fails with PyTorch's message for an operator the device lacks ("Could not run 'aten::X'
/// with arguments from the 'CUDA' backend."), so a new backend compiles at once and grows op
/// family by op family.
@usableFromInline package protocol Backend: AnyObject, Sendable {
    /// The device kind this backend serves.
    var kind: Device.Kind { get }
    /// How many devices of this kind exist.
    var deviceCount: Int { get }
    /// The allocator for one device.
    func allocator(for device: Device) -> any DeviceAllocator
    /// Copies `source` into `destination` element by element, converting dtypes. Shapes are equal;
    /// `source` may have zero strides (broadcast). Both are on this backend's device.
    func copy(_ source: StridedBuffer, into destination: StridedBuffer)
    /// Sets every element of `destination` to `value`, converted to its dtype.
    func fill(_ destination: StridedBuffer, with value: Scalar)
    /// Runs an element-wise op of one input (see `UnaryOp`).
    func unary(_ op: UnaryOp, _ input: StridedBuffer, into output: StridedBuffer)
    /// Runs an element-wise op of two inputs (see `BinaryOp`).
    func binary(_ op: BinaryOp, _ lhs: BinaryOperand, _ rhs: BinaryOperand, into output: StridedBuffer)
    // MARK: Reduction family (Backend+Reduce)
    /// Reduces `input` over the dims where `output` has size 1 and `input` does not (see
    /// `ReduceOp` for the dtypes). `output` has `input`'s rank; a reduction over no elements
    /// writes the op's identity (0 for sums, 1 for products, NaN for means).
    func reduce(_ op: ReduceOp, _ input: StridedBuffer, into output: StridedBuffer)
    /// The extreme along `dim` and its index: `indices` (int64) and, when given, `values` (the
    /// input's dtype) have `input`'s rank with size 1 at `dim`, which is not empty.
    func argReduce(_ op: ArgReduceOp, _ input: StridedBuffer, dim: Int, values: StridedBuffer?, indices: StridedBuffer)
    /// Softmax (or log-softmax) along `dim` of a floating input into an output of the same shape and dtype.
    func softmax(_ input: StridedBuffer, dim: Int, log: Bool, into output: StridedBuffer)
    /// Cumulative sum or product along `dim`; `output` has `input`'s shape and the input's
    /// dtype, or int64 for integer and bool inputs.
    func scan(_ op: ScanOp, _ input: StridedBuffer, dim: Int, into output: StridedBuffer)
    // MARK: Indexing family (Backend+Index)
    /// `output[i] = condition[i] ? a[i] : b[i]`. `condition` is bool; `a`, `b` and `output` share
    /// one dtype; every buffer has `output`'s shape (broadcast through stride 0).
    func select(_ condition: StridedBuffer, _ a: BinaryOperand, _ b: BinaryOperand, into output: StridedBuffer)
    /// `output = start + weight * (end - start)` with PyTorch's two-branch formula, for floating
    /// dtypes; every operand has `output`'s shape and dtype.
    func lerp(_ start: StridedBuffer, _ end: StridedBuffer, weight: BinaryOperand, into output: StridedBuffer)
    /// Advanced-index read: `output[p] = input[p + sum_k indices_k[p] * stride_k]`, where `input` is
    /// already restrided to `output`'s shape (stride 0 on the indexed dims).
    func index(_ input: StridedBuffer, _ indices: [IndexOperand], into output: StridedBuffer) throws(IndexOutOfRange)
    /// Advanced-index write, in row-major order: `output[p + sum_k ...] (op)= values[p]`, where
    /// `output` is the restrided destination; checks every index before writing anything.
    func indexPut(_ values: BinaryOperand, _ indices: [IndexOperand], into output: StridedBuffer,
                  reduce: IndexReduction) throws(IndexOutOfRange)
    /// The number of nonzero elements (NaN counts as nonzero).
    func countNonzero(_ input: StridedBuffer) -> Int
    /// The row-major multi-indices of the nonzero elements, into a contiguous int64 `[n, rank]`.
    func nonzero(_ input: StridedBuffer, into output: StridedBuffer)
    /// The elements of `input` where the bool `mask` is true, in row-major order, into the 1-D
    /// contiguous `output` (as long as the mask has true elements); `mask` has `input`'s shape.
    func maskedSelect(_ input: StridedBuffer, mask: StridedBuffer, into output: StridedBuffer)
    /// Concatenates `inputs` along `dim` into `output` (inputs have `output`'s dtype and rank).
    func cat(_ inputs: [StridedBuffer], dim: Int, into output: StridedBuffer)
    // MARK: Sorting family (Backend+Sort)
    /// Sorts each slice along `dim` (stable; NaN sorts as the largest value) and writes the first
    /// `values.layout.shape[dim]` entries of each sorted slice and their int64 positions.
    func sort(_ input: StridedBuffer, dim: Int, descending: Bool, values: StridedBuffer, indices: StridedBuffer)
    /// The `k`-th smallest (0-based) of each slice along `dim` and its int64 position, chosen among
    /// equal values as PyTorch's quickselect chooses; `values` and `indices` have `input`'s shape
    /// with size 1 at `dim`.
    func kthvalue(_ input: StridedBuffer, dim: Int, k: Int, values: StridedBuffer, indices: StridedBuffer)
    /// For each of `values`, the position in the last dim of `boundaries` (visited through `sorter`
    /// when given) where it would be inserted; int64 or int32 `output` shaped like `values`.
    func searchsorted(_ boundaries: StridedBuffer, _ values: StridedBuffer, sorter: StridedBuffer?,
                      right: Bool, into output: StridedBuffer)
    /// Collapses runs of equal elements of the 1-D `input` (NaN equals nothing): writes the first
    /// element of each run to `values`, the run number of each element to `groups` and each run's
    /// length to `counts` (both int64); returns the number of runs.
    func uniqueConsecutive(_ input: StridedBuffer, values: StridedBuffer, groups: StridedBuffer?,
                           counts: StridedBuffer?) -> Int
    /// Sorts the rows of the contiguous 2-D `input` lexicographically as PyTorch's `unique(dim:)`
    /// does and groups equal rows (a row with a NaN equals no other): writes the sorted row
    /// numbers to `order` and each sorted row's group number to `groups` (int64, one per row);
    /// returns the number of groups.
    func uniqueRows(_ input: StridedBuffer, order: StridedBuffer, groups: StridedBuffer) -> Int
    // MARK: Sliding-window family (Backend+Windows)
    /// im2col: copies every window of the contiguous `input` `[batch, channels, window.inputSize...]`
    /// into the contiguous `output` `[batch, channels, window.kernel..., window.outputSize...]`,
    /// zero where a window reaches past the input. Any dtype.
    func unfold(_ input: StridedBuffer, window: SlidingWindow, into output: StridedBuffer)
    /// col2im, `unfold`'s adjoint: adds every element of the contiguous `columns` `[batch,
    /// channels, window.kernel..., window.outputSize...]` into the input position it was read
    /// from, in the contiguous `output` `[batch, channels, window.inputSize...]`, which it first
    /// zeroes; elements that fall in the padding are dropped. Float32 and float64.
    func fold(_ columns: StridedBuffer, window: SlidingWindow, into output: StridedBuffer)
    /// A convolution without its bias: the contiguous `input` `[N, groups * C, window.inputSize...]`
    /// with the contiguous `weight` `[Co, C, window.kernel...]` into the contiguous `output` `[N,
    /// Co, window.outputSize...]`, each group's output channels from its input channels, as the
    /// product of the weight with the unfolded input but without writing the unfolded input out.
    /// Returns `false`, having written nothing, when the backend has no such kernel for the dtype:
    /// the caller then unfolds and multiplies.
    func convolution(_ input: StridedBuffer, weight: StridedBuffer, window: SlidingWindow, groups: Int,
                     into output: StridedBuffer) -> Bool

    // MARK: Normalization and pooling family (Backend+Normalization)
    /// Batch norm's per-channel statistics of the contiguous `input` `[N, C, S]`: its mean, its
    /// biased variance and `1 / sqrt(variance + eps)`, into the contiguous `[C]` buffers `mean`,
    /// `variance` and `invstd` of the input's floating dtype (PyTorch's
    /// `batch_norm_cpu_collect_stats`). Returns `false`, having written nothing, when the backend
    /// has no fused kernel: the caller then composes the statistics from reductions.
    func batchNormStatistics(_ input: StridedBuffer, eps: Double, mean: StridedBuffer, variance: StridedBuffer,
                             invstd: StridedBuffer) -> Bool
    /// Batch norm's output `(x - mean) * invstd * weight + bias` of the contiguous `input` `[N, C,
    /// S]` into the contiguous `output`, with the per-channel `[C]` buffers `mean`, `invstd`,
    /// `weight` and `bias` (nil weight: one; nil bias: zero), all of one floating dtype. Returns
    /// `false`, having written nothing, when the backend has no fused kernel.
    func batchNormApply(_ input: StridedBuffer, mean: StridedBuffer, invstd: StridedBuffer, weight: StridedBuffer?,
                        bias: StridedBuffer?, into output: StridedBuffer) -> Bool
    /// Batch norm's first-order gradients in one pass over the contiguous `gradient` and `input`
    /// `[N, C, S]` (see Note [Batch norm backward]): the input's (with `training`, through the
    /// batch statistics `mean` and `invstd`; else `gradient * weight * invstd`), the weight's
    /// (`sum(gradient * (x - mean) * invstd)` per channel) and the bias's (`sum(gradient)`), each
    /// written where its buffer is given. Returns `false`, having written nothing, when the
    /// backend has no fused kernel.
    func batchNormBackward(_ gradient: StridedBuffer, input: StridedBuffer, mean: StridedBuffer, invstd: StridedBuffer,
                           weight: StridedBuffer?, training: Bool, gradInput: StridedBuffer?,
                           gradWeight: StridedBuffer?, gradBias: StridedBuffer?) -> Bool
    /// Max pooling of the contiguous `input` `[N, C, window.inputSize...]` (one or two spatial
    /// dims) into the contiguous `values` (the input's dtype) and `indices` (int64, the flat
    /// position in the input's plane) `[N, C, window.outputSize...]`, with PyTorch's rule: a
    /// larger value or a NaN takes the place, and a window of nothing but -inf keeps its first
    /// position inside the input. Returns `false`, having written nothing, when the backend has
    /// no direct kernel for the dtype or geometry: the caller then pools through `unfold`.
    func maxPool(_ input: StridedBuffer, window: SlidingWindow, values: StridedBuffer, indices: StridedBuffer) -> Bool
    /// Max pooling's first-order input gradient: zeroes the contiguous `output` `[N, C, plane]`,
    /// then adds each element of the contiguous `gradient` `[N, C, L]` at the position in its
    /// plane that the contiguous int64 `indices` `[N, C, L]` (a `maxPool`'s, or an adaptive max
    /// pool's) names; one floating dtype. Returns `false`, having written nothing, when the
    /// backend has no kernel: the caller then scatters with `scatterAdd`.
    func maxPoolBackward(_ gradient: StridedBuffer, indices: StridedBuffer, into output: StridedBuffer) -> Bool

    // MARK: Linear algebra family (Backend+Gemm)
    /// `c = alpha * (a @ b) + beta * c` for every matrix of a batch: the kernel behind `mm`,
    /// `bmm`, `matmul`, `mv`, `dot`, `addmm`, `baddbmm` and `einsum`.
    ///
    /// `a` is `[batch..., m, k]`, `b` is `[batch..., k, n]` and `c` is `[batch..., m, n]`: one rank
    /// (at least 2), one dtype (not bool), equal batch sizes. Any strides are accepted; inputs may
    /// repeat batches through stride 0 (broadcast), and `c` must not overlap itself or the inputs.
    /// `alpha` and `beta` are converted to the dtype first (an integer product truncates them).
    /// With `beta` zero, `c` is only written: what it held (NaN included) does not show. With
    /// `k == 0` the product is zero, so `c` becomes `beta * c`.
    func gemm(_ a: StridedBuffer, _ b: StridedBuffer, into c: StridedBuffer, alpha: Scalar, beta: Scalar)

    /// The matrix `b` (`[k, n]`) packed in the backend's own layout for the right side of many
    /// products (`gemm(_:packed:into:alpha:beta:)`), so that each product skips packing it: a
    /// recurrent layer multiplies by the same weight at every step. `nil` where the backend does
    /// not pack (or not this dtype); the caller then multiplies by `b` itself.
    func packForProducts(_ b: StridedBuffer) -> (any PackedMatrix)?

    /// `c = alpha * a @ b + beta * c` for a matrix `a` (`[m, k]`) and a `b` that
    /// `packForProducts` packed, into a `c` whose rows are contiguous; the same numbers as `gemm`
    /// with `b` itself. Returns `false`, having written nothing, when it cannot (another dtype or
    /// layout): the caller then calls `gemm`.
    func gemm(_ a: StridedBuffer, packed b: any PackedMatrix, into c: StridedBuffer, alpha: Scalar, beta: Scalar) -> Bool

    // MARK: Random family (Backend+Random)
    /// Fills the contiguous `output` (from its first element, in element order) with samples of
    /// `distribution` drawn from `generator`.
    func random(_ distribution: RandomDistribution, into output: StridedBuffer, generator: Generator)

    // MARK: Optimizer family (Backend+Optim)
    /// Updates `param` in place from `grad` and the parameter's optimizer state in one pass
    /// (PyTorch's `_fused_sgd_`, `_fused_adam_`). SGD's state is its momentum buffer (none
    /// without momentum); Adam's is `exp_avg`, `exp_avg_sq` and, with amsgrad, `max_exp_avg_sq`.
    /// Every buffer is contiguous, with `param`'s shape and floating dtype. Returns `false`,
    /// having written nothing, when the backend has no fused kernel for these buffers: the
    /// caller then composes the update from element-wise ops.
    func optimizerStep(_ step: OptimizerStep, param: StridedBuffer, grad: StridedBuffer, state: [StridedBuffer]) -> Bool
    /// The first-order gradient of a unary op's input in one fused pass (see Note [Fused
    /// first-order backward] in Derivatives+Unary.swift): `output` from the op's output gradient
    /// `gradient` and the tensor its derivative saves, `saved` (the op's result for tanh,
    /// sigmoid, relu, elu, sqrt, rsqrt, reciprocal, tan, exp2 and expm1; its input otherwise).
    /// All three share one floating dtype and `output`'s shape (`gradient` may be broadcast
    /// through stride 0). Returns `false`, having written nothing, when the backend has no fused
    /// kernel for the op: the caller then composes the formula from element-wise ops.
    func unaryBackward(_ op: UnaryOp, gradient: StridedBuffer, saved: StridedBuffer, into output: StridedBuffer) -> Bool

    /// One LSTM step's cell, fused (see Note [Fused LSTM] in EmberNN). `gates` `[B, 4H]` holds
    /// `h @ W_hh^T` on entry and the activated gates `(σ(i), σ(f), tanh(g), σ(o))` of `projected +
    /// gates + bias` on return (`bias` `[4H]`, or none); `cell = σ(f) * previousCell + σ(i) * tanh(g)`, `tanhCell =
    /// tanh(cell)` and `hidden = σ(o) * tanhCell` (`[B, H]` each). Every buffer contiguous, of one
    /// floating dtype. Returns `false`, having written nothing, when the backend has no kernel.
    func lstmCell(gates: StridedBuffer, projected: StridedBuffer, bias: StridedBuffer?, previousCell: StridedBuffer,
                  cell: StridedBuffer, tanhCell: StridedBuffer, hidden: StridedBuffer) -> Bool

    /// The backward of `lstmCell`: from the activated gates, `tanhCell` and `previousCell` of a
    /// step and the gradient of its hidden state in two parts (`gradHidden` from the next step,
    /// `gradOutput` from the output), the gates' gradients into `gradGates` `[B, 4H]` and
    /// `gradCell` (the gradient of the step's cell on entry) replaced by that of `previousCell`.
    /// Every buffer contiguous, of one floating dtype. Returns `false`, having written nothing,
    /// when the backend has no kernel.
    func lstmCellBackward(activations: StridedBuffer, tanhCell: StridedBuffer, previousCell: StridedBuffer,
                          gradHidden: StridedBuffer, gradOutput: StridedBuffer, gradCell: StridedBuffer,
                          gradGates: StridedBuffer) -> Bool

    /// One GRU step's cell, fused (see Note [Fused GRU] in EmberNN). `gates` `[B, 3H]` holds
    /// `h @ W_hh^T` on entry and the activated gates `(r, z, n)` on return, with `r =
    /// σ(projected_r + biasInput_r + gates_r + biasHidden_r)`, `z` likewise and `n =
    /// tanh(projected_n + biasInput_n + r * (gates_n + biasHidden_n))` (biases `[3H]`, or none);
    /// `hiddenGate` receives `gates_n + biasHidden_n` and `hidden` `n + z * (previousHidden -
    /// n)` (`[B, H]` each). Every buffer contiguous, of one floating dtype. Returns `false`,
    /// having written nothing, when the backend has no kernel.
    func gruCell(gates: StridedBuffer, projected: StridedBuffer, biasInput: StridedBuffer?, biasHidden: StridedBuffer?,
                 previousHidden: StridedBuffer, hiddenGate: StridedBuffer, hidden: StridedBuffer) -> Bool

    /// The backward of `gruCell`: from the activated gates, `hiddenGate` and `previousHidden` of
    /// a step and the gradient of its hidden state in two parts (`gradHidden`, `gradOutput`), the
    /// gradients of the gates' pre-activations on the input side (`gradGatesInput` `[B, 3H]`) and
    /// on the hidden side (`gradGatesHidden`, `n`'s multiplied by `r`), and the direct part of
    /// the previous hidden state's gradient (`gradPreviousHidden`, `dh * z`; the caller adds
    /// `gradGatesHidden @ W_hh`). Every buffer contiguous, of one floating dtype. Returns `false`,
    /// having written nothing, when the backend has no kernel.
    func gruCellBackward(activations: StridedBuffer, hiddenGate: StridedBuffer, previousHidden: StridedBuffer,
                         gradHidden: StridedBuffer, gradOutput: StridedBuffer, gradGatesInput: StridedBuffer,
                         gradGatesHidden: StridedBuffer, gradPreviousHidden: StridedBuffer) -> Bool

    // MARK: Memory and synchronization
    /// Copies `byteCount` bytes from host memory to device memory.
    func copyFromHost(_ source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer, byteCount: Int)
    /// Copies `byteCount` bytes from device memory to host memory.
    func copyToHost(_ source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer, byteCount: Int)
    /// Waits until every kernel queued on this device has finished (`torch.cuda.synchronize()`).
    func synchronize()
}

extension Backend {
    /// Allocates a storage of `byteCount` bytes on `device`.
    @inlinable package func makeStorage(byteCount: Int, device: Device) throws(TensorError) -> Storage {
        let allocator = allocator(for: device)
        let data = try allocator.allocate(byteCount: byteCount)
        return Storage(data: data, byteCount: byteCount, device: device, allocator: allocator)
    }
}

// MARK: - Registry

/// The backends of devices other than the CPU, registered when they load. The front end resolves
/// a device to its backend in one place (`Backends` in EmberCore), which serves the CPU itself.
@usableFromInline package enum BackendRegistry {
    private static let registered = Mutex<[Device.Kind: any Backend]>([:])

    /// Makes `backend` serve its device kind.
    @usableFromInline package static func register(_ backend: any Backend) {
        registered.withLock { $0[backend.kind] = backend }
    }

    /// The registered backend for a device kind, if one is loaded.
    @usableFromInline package static func backend(for kind: Device.Kind) -> (any Backend)? {
        registered.withLock { $0[kind] }
    }
}

/// A matrix a backend packed once for the right side of many products
/// (`Backend.packForProducts`); it holds its own memory and frees it when released.
@usableFromInline package protocol PackedMatrix: AnyObject, Sendable {
    /// The packed matrix's rows (`k`) and columns (`n`).
    var rows: Int { get }
    var columns: Int { get }
}
