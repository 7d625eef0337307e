// MARK: - Defaults: operators a device does not have yet

extension Device.Kind {
    /// The name PyTorch's dispatcher gives this device's backend in its messages.
    package var dispatchKeyName: String {
        switch self {
        case .cpu: "CPU"
        case .cuda: "CUDA"
        }
    }
}

extension Backend {
    /// Reports PyTorch's error for an operator this backend lacks: a stop, or a captured error
    /// inside `withErrorCapture` (the caller's output is then left unwritten).
    @usableFromInline package func unsupported<T: ErrorPlaceholder>(_ op: String) -> T {
        reportFailure(TensorError.notImplemented(
            "Could not run 'aten::\(op)' with arguments from the '\(kind.dispatchKeyName)' backend. This could be because the operator doesn't exist for this backend, or was omitted during the selective/custom build process (if using custom build)."))
    }

    @usableFromInline package func copy(_ source: StridedBuffer, into destination: StridedBuffer) { let _: Int = unsupported("copy_") }
    @usableFromInline package func fill(_ destination: StridedBuffer, with value: Scalar) { let _: Int = unsupported("fill_.Scalar") }
    @usableFromInline package func unary(_ op: UnaryOp, _ input: StridedBuffer, into output: StridedBuffer) {
        let _: Int = unsupported(op.atenName)
    }
    @usableFromInline package func binary(_ op: BinaryOp, _ lhs: BinaryOperand, _ rhs: BinaryOperand, into output: StridedBuffer) {
        let _: Int = unsupported(op.atenName)
    }
    @usableFromInline package func reduce(_ op: ReduceOp, _ input: StridedBuffer, into output: StridedBuffer) {
        let _: Int = unsupported(op.atenName)
    }
    @usableFromInline package func argReduce(_ op: ArgReduceOp, _ input: StridedBuffer, dim: Int, values: StridedBuffer?, indices: StridedBuffer) {
        let _: Int = unsupported(op == .max ? "max.dim" : "min.dim")
    }
    @usableFromInline package func softmax(_ input: StridedBuffer, dim: Int, log: Bool, into output: StridedBuffer) {
        let _: Int = unsupported(log ? "_log_softmax" : "_softmax")
    }
    @usableFromInline package func unfold(_ input: StridedBuffer, window: SlidingWindow, into output: StridedBuffer) {
        let _: Int = unsupported("im2col")
    }
    @usableFromInline package func fold(_ columns: StridedBuffer, window: SlidingWindow, into output: StridedBuffer) {
        let _: Int = unsupported("col2im")
    }
    @usableFromInline package func scan(_ op: ScanOp, _ input: StridedBuffer, dim: Int, into output: StridedBuffer) {
        let _: Int = unsupported(op == .sum ? "cumsum" : "cumprod")
    }
    @usableFromInline package func select(_ condition: StridedBuffer, _ a: BinaryOperand, _ b: BinaryOperand, into output: StridedBuffer) {
        let _: Int = unsupported("where.self")
    }
    @usableFromInline package func optimizerStep(_ step: OptimizerStep, param: StridedBuffer, grad: StridedBuffer,
                                                  state: [StridedBuffer]) -> Bool { false }
    @usableFromInline package func batchNormStatistics(_ input: StridedBuffer, eps: Double, mean: StridedBuffer,
                                                        variance: StridedBuffer, invstd: StridedBuffer) -> Bool { false }
    @usableFromInline package func batchNormApply(_ input: StridedBuffer, mean: StridedBuffer, invstd: StridedBuffer,
                                                   weight: StridedBuffer?, bias: StridedBuffer?,
                                                   into output: StridedBuffer) -> Bool { false }
    @usableFromInline package func batchNormBackward(_ gradient: StridedBuffer, input: StridedBuffer, mean: StridedBuffer,
                                                      invstd: StridedBuffer, weight: StridedBuffer?, training: Bool,
                                                      gradInput: StridedBuffer?, gradWeight: StridedBuffer?,
                                                      gradBias: StridedBuffer?) -> Bool { false }
    @usableFromInline package func convolution(_ input: StridedBuffer, weight: StridedBuffer, window: SlidingWindow,
                                                groups: Int, into output: StridedBuffer) -> Bool { false }
    @usableFromInline package func maxPool(_ input: StridedBuffer, window: SlidingWindow, values: StridedBuffer,
                                            indices: StridedBuffer) -> Bool { false }
    @usableFromInline package func maxPoolBackward(_ gradient: StridedBuffer, indices: StridedBuffer,
                                                    into output: StridedBuffer) -> Bool { false }
    @usableFromInline package func unaryBackward(_ op: UnaryOp, gradient: StridedBuffer, saved: StridedBuffer,
                                                  into output: StridedBuffer) -> Bool { false }
    @usableFromInline package func packForProducts(_ b: StridedBuffer) -> (any PackedMatrix)? { nil }
    @usableFromInline package func gemm(_ a: StridedBuffer, packed b: any PackedMatrix, into c: StridedBuffer,
                                         alpha: Scalar, beta: Scalar) -> Bool { false }
    @usableFromInline package func lstmCell(gates: StridedBuffer, projected: StridedBuffer, bias: StridedBuffer?,
                                             previousCell: StridedBuffer, cell: StridedBuffer, tanhCell: StridedBuffer, hidden: StridedBuffer) -> Bool {
        false
    }
    @usableFromInline package func lstmCellBackward(activations: StridedBuffer, tanhCell: StridedBuffer,
                                                     previousCell: StridedBuffer, gradHidden: StridedBuffer,
                                                     gradOutput: StridedBuffer, gradCell: StridedBuffer,
                                                     gradGates: StridedBuffer) -> Bool { false }
    @usableFromInline package func gruCell(gates: StridedBuffer, projected: StridedBuffer, biasInput: StridedBuffer?,
                                            biasHidden: StridedBuffer?, previousHidden: StridedBuffer,
                                            hiddenGate: StridedBuffer, hidden: StridedBuffer) -> Bool { false }
    @usableFromInline package func gruCellBackward(activations: StridedBuffer, hiddenGate: StridedBuffer,
                                                    previousHidden: StridedBuffer, gradHidden: StridedBuffer,
                                                    gradOutput: StridedBuffer, gradGatesInput: StridedBuffer,
                                                    gradGatesHidden: StridedBuffer,
                                                    gradPreviousHidden: StridedBuffer) -> Bool { false }
    @usableFromInline package func lerp(_ start: StridedBuffer, _ end: StridedBuffer, weight: BinaryOperand, into output: StridedBuffer) {
        let _: Int = unsupported("lerp.Tensor")
    }
    @usableFromInline package func index(_ input: StridedBuffer, _ indices: [IndexOperand], into output: StridedBuffer) throws(IndexOutOfRange) {
        let _: Int = unsupported("index.Tensor")
    }
    @usableFromInline package func indexPut(_ values: BinaryOperand, _ indices: [IndexOperand], into output: StridedBuffer,
                          reduce: IndexReduction) throws(IndexOutOfRange) {
        let _: Int = unsupported("index_put_")
    }
    @usableFromInline package func countNonzero(_ input: StridedBuffer) -> Int { unsupported("count_nonzero") }
    @usableFromInline package func nonzero(_ input: StridedBuffer, into output: StridedBuffer) { let _: Int = unsupported("nonzero") }
    @usableFromInline package func maskedSelect(_ input: StridedBuffer, mask: StridedBuffer, into output: StridedBuffer) {
        let _: Int = unsupported("masked_select")
    }
    @usableFromInline package func cat(_ inputs: [StridedBuffer], dim: Int, into output: StridedBuffer) { let _: Int = unsupported("cat") }
    @usableFromInline package func sort(_ input: StridedBuffer, dim: Int, descending: Bool, values: StridedBuffer, indices: StridedBuffer) {
        let _: Int = unsupported("sort.stable")
    }
    @usableFromInline package func kthvalue(_ input: StridedBuffer, dim: Int, k: Int, values: StridedBuffer, indices: StridedBuffer) {
        let _: Int = unsupported("kthvalue")
    }
    @usableFromInline package func searchsorted(_ boundaries: StridedBuffer, _ values: StridedBuffer, sorter: StridedBuffer?,
                              right: Bool, into output: StridedBuffer) {
        let _: Int = unsupported("searchsorted.Tensor")
    }
    @usableFromInline package func uniqueConsecutive(_ input: StridedBuffer, values: StridedBuffer, groups: StridedBuffer?,
                                   counts: StridedBuffer?) -> Int {
        unsupported("unique_consecutive")
    }
    @usableFromInline package func uniqueRows(_ input: StridedBuffer, order: StridedBuffer, groups: StridedBuffer) -> Int {
        unsupported("unique_dim")
    }
    @usableFromInline package func gemm(_ a: StridedBuffer, _ b: StridedBuffer, into c: StridedBuffer, alpha: Scalar, beta: Scalar) {
        let _: Int = unsupported("addmm")
    }
    @usableFromInline package func random(_ distribution: RandomDistribution, into output: StridedBuffer, generator: Generator) {
        let _: Int = unsupported(distribution.atenName)
    }
    @usableFromInline package func copyFromHost(_ source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer, byteCount: Int) {
        let _: Int = unsupported("_copy_from")
    }
    @usableFromInline package func copyToHost(_ source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer, byteCount: Int) {
        let _: Int = unsupported("_copy_from")
    }
    /// Does nothing: a backend whose kernels have finished when they return has nothing to wait for.
    @usableFromInline package func synchronize() {}
}

// MARK: - ATen names

extension UnaryOp {
    /// The ATen operator PyTorch names for this op (`exp`, `leaky_relu`...).
    package var atenName: String {
        switch self {
        case .gelu: "gelu"
        case .leakyRelu: "leaky_relu"
        case .elu: "elu"
        case .softplus: "softplus"
        case .clamp: "clamp"
        case .logit: "logit"
        case .nanToNum: "nan_to_num"
        case .powScalar: "pow.Tensor_Scalar"
        case .scalarPow: "pow.Scalar"
        case .logicalNot: "logical_not"
        default: "\(self)"
        }
    }
}

extension BinaryOp {
    /// The ATen operator PyTorch names for this op (`add.Tensor`, `floor_divide`...).
    package var atenName: String {
        switch self {
        case .add, .sub, .mul, .div: "\(self).Tensor"
        case .floorDivide: "floor_divide"
        case .logicalAnd: "logical_and"
        case .logicalOr: "logical_or"
        case .logicalXor: "logical_xor"
        case .bitwiseAnd: "bitwise_and.Tensor"
        case .bitwiseOr: "bitwise_or.Tensor"
        case .bitwiseXor: "bitwise_xor.Tensor"
        case .eq, .ne, .lt, .le, .gt, .ge: "\(self).Tensor"
        default: "\(self)"
        }
    }
}

extension ReduceOp {
    /// The ATen operator PyTorch names for this reduction.
    package var atenName: String {
        switch self {
        case .sum: "sum.IntList_out"
        case .prod: "prod"
        case .mean: "mean.out"
        case .max: "amax"
        case .min: "amin"
        case .any: "any"
        case .all: "all"
        case .countNonzero: "count_nonzero.dim_IntList"
        case .norm: "linalg_vector_norm"
        case .variance(_, let std): std ? "std.correction" : "var.correction"
        case .logSumExp: "logsumexp"
        }
    }
}

extension RandomDistribution {
    /// The ATen operator PyTorch names for this fill.
    package var atenName: String {
        switch self {
        case .uniform: "uniform_"
        case .normal: "normal_"
        case .integers: "random_.from"
        case .permutation: "randperm"
        case .bernoulli: "bernoulli_.float"
        }
    }
}
