// SizeOverflowTests.swift
//
// Sizes, strides and offsets at the edges of Int: each call fails with PyTorch 2.15's error (or
// gives its result) inside `withErrorCapture`, never stopping the process. The messages were
// printed by PyTorch 2.15 for the same calls (M = sys.maxsize):
//
//     import torch, sys; M = sys.maxsize
//     def t(s):
//         try: r = eval(s); print(s, "->", r.shape, r.stride())
//         except Exception as e: print(s, "!!", type(e).__name__, e)
//     t("torch.ones(2).as_strided([1<<62, 4], [4, 1])"); t("torch.arange(-M-1, M)"); t("torch.arange(0, M)")
//     t("torch.ones(2).repeat(1<<62)"); t("torch.ones(3).narrow(0, 2, M)"); t("torch.ones(3)[0:M:M]")
//     t("torch.ones(1).expand(1<<62, 1<<62)"); t("torch.ones(3).split(M)"); t("torch.ones(3).chunk(M)")
//     ... and each row below, spelled as in PyTorch.

import Testing
import Ember
import EmberTestSupport

private let M = Int.max

@Suite struct SizeOverflowTests {
    static let cases: [OpErrorCase] = [
        OpErrorCase("asStrided overflowing reach",
                    "Storage size calculation overflowed with sizes=[4611686018427387904, 4] and strides=[4, 1]") {
            _ = Tensor.ones(2).asStrided([1 << 62, 4], [4, 1])
        },
        OpErrorCase("asStrided overflowing numel", "numel: integer multiplication overflow") {
            _ = Tensor.ones(2).asStrided([1 << 62, 4], [0, 0])
        },
        OpErrorCase("asStrided offset Int.max",
                    "Storage size calculation overflowed with sizes=[1] and strides=[0]") {
            _ = Tensor.ones(2).asStrided([1], [0], storageOffset: M)
        },
        OpErrorCase("asStrided stride Int.max",
                    "Storage size calculation overflowed with sizes=[2] and strides=[9223372036854775807]") {
            _ = Tensor.ones(2).asStrided([2], [M])
        },
        OpErrorCase("asStrided size -1 stride 0", "numel: integer multiplication overflow") {
            _ = Tensor.ones(2).asStrided([-1], [0])
        },
        OpErrorCase("asStrided out of storage",
                    "setStorage: sizes [2147483648, 4], strides [4, 1], storage offset 0, and itemsize 4 requiring a storage size of 34359738368 are out of bounds for storage of size 8") {
            _ = Tensor.ones(2).asStrided([1 << 31, 4], [4, 1])
        },
        OpErrorCase("arange(Int.min, Int.max)", "invalid size, possible overflow?") {
            _ = Tensor.arange(Int.min, Int.max)
        },
        OpErrorCase("arange(0, Int.max)",
                    "IntArrayRef contains an int that cannot be represented as a SymInt: -9223372036854775808") {
            _ = Tensor.arange(0, M)
        },
        OpErrorCase("arange(0, Int.max, step: Int.max / 4)", "invalid size, possible overflow?") {
            _ = Tensor.arange(0, M, step: M / 4)
        },
        OpErrorCase("arange(0.0, 1e30)", "invalid size, possible overflow?") { _ = Tensor.arange(0.0, 1e30) },
        OpErrorCase("arange(0, 1 << 62)", "Storage size calculation overflowed with sizes=[4611686018427387904]") {
            _ = Tensor.arange(0, 1 << 62)
        },
        OpErrorCase("repeat(1 << 62)",
                    "IntArrayRef contains an int that cannot be represented as a SymInt: -9223372036854775808") {
            _ = Tensor.ones(2).repeat(1 << 62)
        },
        OpErrorCase("repeat(1 << 61, 1)", "Storage size calculation overflowed with sizes=[4611686018427387904, 3]") {
            _ = Tensor.ones(2, 3).repeat(1 << 61, 1)
        },
        OpErrorCase("repeat(Int.max, 0)", "Trying to create tensor with negative dimension -2: [-2, 0]") {
            _ = Tensor.ones(2, 3).repeat(M, 0)
        },
        // PyTorch's text starts with a path on its build machine ("/__w/pytorch/.../RegisterCompositeExplicitAutograd_0.cpp:9756: "), left out.
        OpErrorCase("repeat(-Int.max, 1)",
                    "SymIntArrayRef expected to contain only concrete integers that are stored inline and can be viewed as an IntArrayRef. Found heap-allocated concrete SymInt at index 0: -9223372036854775807 in SymIntArrayRef [-9223372036854775807, 1]. This value is concrete, but the non-owning IntArrayRef conversion used here cannot represent heap-allocated SymInt values. Use an owning conversion such as asIntArrayRefSlowAlloc to materialize the values into a DimVector before this call.") {
            _ = Tensor.ones(2, 3).repeat(-M, 1)
        },
        OpErrorCase("roll(Int.min, dim: 0)",
                    "SymIntArrayRef expected to contain only concrete integers that are stored inline and can be viewed as an IntArrayRef. Found heap-allocated concrete SymInt at index 0: -9223372036854775808 in SymIntArrayRef [-9223372036854775808]. This value is concrete, but the non-owning IntArrayRef conversion used here cannot represent heap-allocated SymInt values. Use an owning conversion such as asIntArrayRefSlowAlloc to materialize the values into a DimVector before this call.") {
            _ = Tensor.ones(3, requiresGrad: true).roll(Int.min, dim: 0)
        },
        OpErrorCase("repeat(-1, -1)", "Trying to create tensor with negative dimension -2: [-2, -3]") {
            _ = Tensor.ones(2, 3).repeat(-1, -1)
        },
        OpErrorCase("tensorSplit(1 << 62)", "cannot create std::vector larger than max_size()") {
            _ = Tensor.ones(3).tensorSplit(1 << 62)
        },
        OpErrorCase("tensorSplit(1 << 40)", "std::bad_alloc") { _ = Tensor.ones(3).tensorSplit(1 << 40) },
        OpErrorCase("chunk(1 << 40) of an empty tensor", "std::bad_alloc") { _ = Tensor.zeros(0).chunk(1 << 40) },
        OpErrorCase("int32 floor division by 1 << 40", "ZeroDivisionError") {
            _ = Tensor.ones(2, dtype: .int32).floorDivide(1 << 40)
        },
        OpErrorCase("int32 remainder by Int.min", "ZeroDivisionError") { _ = Tensor.ones(2, dtype: .int32) % Int.min },
        OpErrorCase("full bool of Int.max - 1",
                    "DefaultCPUAllocator: can't allocate memory: you tried to allocate 9223372036854775806 bytes. Error code 12 (Cannot allocate memory)") {
            _ = Tensor.full([M - 1], 1, dtype: .bool)
        },
        OpErrorCase("unflatten of a 0-dim tensor",
                    "unflatten got an unexpected error:\nDimension specified as 0 but tensor has no dimensions") {
            _ = Tensor(2.5, dtype: .float64).unflatten(dim: 0, sizes: [2, -1])
        },
        // a = torch.ones(2, dtype=torch.int32); m = torch.tensor([True, False])
        // a.masked_fill(m, 1<<40), a.index_fill(0, torch.tensor([0]), 1<<40), a.scatter(0, torch.tensor([0]), 1<<40),
        // torch.ones(2).masked_fill(m, 1e39), torch.ones(2, dtype=torch.int64).masked_fill(m, 1e30)
        OpErrorCase("maskedFill int32 1 << 40", "value cannot be converted to type int without overflow") {
            _ = Tensor.ones(2, dtype: .int32).maskedFill(Tensor([true, false]), 1 << 40)
        },
        OpErrorCase("maskedFill_ int32 1 << 40", "value cannot be converted to type int without overflow") {
            Tensor.ones(2, dtype: .int32).maskedFill_(Tensor([true, false]), 1 << 40)
        },
        OpErrorCase("indexFill int32 1 << 40", "value cannot be converted to type int without overflow") {
            _ = Tensor.ones(2, dtype: .int32).indexFill(dim: 0, index: Tensor([0]), value: 1 << 40)
        },
        OpErrorCase("scatter int32 1 << 40", "value cannot be converted to type int without overflow") {
            _ = Tensor.ones(2, dtype: .int32).scatter(dim: 0, index: Tensor([0]), value: .int(1 << 40))
        },
        OpErrorCase("maskedFill float32 1e39", "value cannot be converted to type float without overflow") {
            _ = Tensor.ones(2).maskedFill(Tensor([true, false]), 1e39)
        },
        OpErrorCase("maskedFill int64 1e30", "value cannot be converted to type int64_t without overflow") {
            _ = Tensor.ones(2, dtype: .int64).maskedFill(Tensor([true, false]), 1e30)
        },
        OpErrorCase("tile(Int.max)", "Storage size calculation overflowed with sizes=[9223372036854775805]") {
            _ = Tensor.ones(3).tile(M)
        },
        OpErrorCase("narrow length Int.max", "start (2) + length (9223372036854775807) exceeds dimension size (3).") {
            _ = Tensor.ones(3).narrow(dim: 0, start: 2, length: M)
        },
        OpErrorCase("narrow start Int.min", .indexError,
                    "start out of range (expected to be in range of [-3, 3], but got -9223372036854775808)") {
            _ = Tensor.ones(3).narrow(dim: 0, start: Int.min, length: 1)
        },
        OpErrorCase("slice step Int.max",
                    "Storage size calculation overflowed with sizes=[-1] and strides=[9223372036854775807]") {
            _ = Tensor.ones(3)[.slice(0, M, step: M)]
        },
        OpErrorCase("expand(1 << 62, 1 << 62)", "numel: integer multiplication overflow") {
            _ = Tensor.ones(1).expand(1 << 62, 1 << 62)
        },
        OpErrorCase("expand(1 << 62, 1 << 62, 0)", "numel: integer multiplication overflow") {
            _ = Tensor.ones(1).expand(1 << 62, 1 << 62, 0)
        },
        OpErrorCase("chunk(Int.max)", "split expects split_size be non-negative, but got split_size=-1") {
            _ = Tensor.ones(3).chunk(M)
        },
        OpErrorCase("empty(1 << 62, 4)", "Storage size calculation overflowed with sizes=[4611686018427387904, 4]") {
            _ = Tensor.empty(1 << 62, 4)
        },
        OpErrorCase("empty(Int.max)", "Storage size calculation overflowed with sizes=[9223372036854775807]") {
            _ = Tensor.empty(M)
        },
        OpErrorCase("empty(0, 1 << 62, 1 << 62)", "Stride calculation overflowed") {
            _ = Tensor.empty(0, 1 << 62, 1 << 62)
        },
        OpErrorCase("empty(-(1 << 62) - 1)",
                    "IntArrayRef contains an int that cannot be represented as a SymInt: -4611686018427387905") {
            _ = Tensor.empty(-(1 << 62) - 1)
        },
        OpErrorCase("zeros(1 << 40, 1 << 40)",
                    "Storage size calculation overflowed with sizes=[1099511627776, 1099511627776]") {
            _ = Tensor.zeros(1 << 40, 1 << 40)
        },
        OpErrorCase("randperm(Int.max)", "Storage size calculation overflowed with sizes=[9223372036854775807]") {
            _ = Tensor.randperm(M, generator: Generator(seed: 0))
        },
        OpErrorCase("uniform_(from: 1, to: 0)", "uniform_ expects to return a [from, to) range, but found from=1 > to=0") {
            Tensor.ones(3).uniform_(from: 1, to: 0, generator: Generator(seed: 0))
        },
        OpErrorCase("uniform_ to inf", "to is out of bounds for float") {
            Tensor.ones(3).uniform_(from: 0, to: .infinity, generator: Generator(seed: 0))
        },
        OpErrorCase("uniform_ from NaN", "from is out of bounds for float") {
            Tensor.ones(3).uniform_(from: .nan, to: 1, generator: Generator(seed: 0))
        },
        OpErrorCase("uniform_ range too wide",
                    "uniform_ expects to-from <= std::numeric_limits<Float>::max(), but found to=3e+38 and from=-3e+38 which result in to-from to exceed the limit") {
            Tensor.ones(3).uniform_(from: -3e38, to: 3e38, generator: Generator(seed: 0))
        },
        OpErrorCase("uniform_ float64 range too wide",
                    "uniform_ expects to-from <= std::numeric_limits<Double>::max(), but found to=1.7e+308 and from=-1.7e+308 which result in to-from to exceed the limit") {
            Tensor.ones(3, dtype: .float64).uniform_(from: -1.7e308, to: 1.7e308, generator: Generator(seed: 0))
        },
        OpErrorCase("normal_(std: -1)", "normal expects std >= 0.0, but found std -1") {
            Tensor.ones(3).normal_(mean: 0, std: -1, generator: Generator(seed: 0))
        },
        OpErrorCase("normal_(std: NaN)", "normal expects std >= 0.0, but found std nan") {
            Tensor.ones(3).normal_(mean: 0, std: .nan, generator: Generator(seed: 0))
        },
        OpErrorCase("randint int32 high 1 << 40", "to - 1 is out of bounds for int") {
            _ = Tensor.randint(low: 0, high: 1 << 40, [2], dtype: .int32, generator: Generator(seed: 0))
        },
        OpErrorCase("randint int32 low -(1 << 40)", "from is out of bounds for int") {
            _ = Tensor.randint(low: -(1 << 40), high: 1, [2], dtype: .int32, generator: Generator(seed: 0))
        },
        OpErrorCase("randint bool high 3", "to - 1 is out of bounds for bool") {
            _ = Tensor.randint(low: 0, high: 3, [2], dtype: .bool, generator: Generator(seed: 0))
        },
        OpErrorCase("cat dim 2 of 2-D tensors requiring grad", .indexError,
                    "Dimension out of range (expected to be in range of [-2, 1], but got 2)") {
            let a = Tensor.ones(2, 2, requiresGrad: true)
            _ = Tensor.cat([a, Tensor.ones(2, 2)], dim: 2)
        },
    ]

    @Test(arguments: cases) func failsWithPyTorchsError(_ c: OpErrorCase) {
        expectCaptured(c)
    }

    /// Calls that PyTorch answers with a tensor.
    @Test func pytorchsResults() throws {
        // torch.ones(3).split(M) -> (tensor([1., 1., 1.]),); chunk(M - 2) -> three pieces of size 1.
        let pieces = try withErrorCapture { Tensor.ones(3).split(M) }
        #expect(pieces.count == 1)
        #expect(pieces.first?.shape == [3])
        #expect(try withErrorCapture { Tensor.ones(3).chunk(M - 2) }.map(\.shape) == [[1], [1], [1]])
        // torch.ones(2).as_strided([1<<62], [0], 1): a valid view of one element.
        #expect(try withErrorCapture { Tensor.ones(2).asStrided([1 << 62], [0], storageOffset: 1) }.shape == [1 << 62])
        // torch.ones(1).expand(0, 1<<62, 1<<62) has no elements, so nothing overflows.
        #expect(try withErrorCapture { Tensor.ones(1).expand(0, 1 << 62, 1 << 62) }.numel == 0)
        // torch.ones(2,3).repeat(0, M): shape [0, 9223372036854775805].
        #expect(try withErrorCapture { Tensor.ones(2, 3).repeat(0, M) }.shape == [0, M - 2])
        // torch.arange(-M-1, M, 1<<62) -> size 0; torch.arange(M-3, M) -> size 3; arange(0, 10, M) -> 0.
        #expect(try withErrorCapture { Tensor.arange(Int.min, M, step: 1 << 62) }.shape == [0])
        let top = try withErrorCapture { Tensor.arange(M - 3, M) }
        #expect(top.shape == [3])
        #expect(top.scalars(as: Int64.self).last == Int64(M - 1))
        #expect(try withErrorCapture { Tensor.arange(0, 10, step: M) }.shape == [0])
        // torch.ones(3,3).diagonal(M) and diagonal(-M-1): empty, stride 4.
        #expect(try withErrorCapture { Tensor.ones(3, 3).diagonal(offset: M) }.shape == [0])
        #expect(try withErrorCapture { Tensor.ones(3, 3).diagonal(offset: Int.min) }.shape == [0])
        // torch.ones(3).unfold(0, 2, M) -> shape [1, 2], strides (M, 1).
        let windows = try withErrorCapture { Tensor.ones(3).unfold(dim: 0, size: 2, step: M) }
        #expect(windows.shape == [1, 2])
        #expect(windows.strides == [M, 1])
        // torch.tensor(2.5).movedim(-1, -1) is the tensor itself; torch.tril_indices(2, M, 1 << 62)
        // has shape [2, 3] (its size wraps).
        #expect(try withErrorCapture { Tensor(2.5).movedim(-1, -1) }.shape == [])
        #expect(try withErrorCapture { Tensor.trilIndices(row: 2, col: M, offset: 1 << 62) }.shape == [2, 3])
        // torch.ones(3).roll(M) -> rolled by M % 3 == 1.
        #expect(try withErrorCapture { Tensor.arange(3.0).roll(M) }.scalars(as: Float.self) == [2, 0, 1])
        // torch.randint(-M-1, M, [2]) and randint(0, M, [2]) draw from the whole range.
        #expect(try withErrorCapture { Tensor.randint(low: Int.min, high: M, [2], generator: Generator(seed: 0)) }.shape == [2])
    }

    /// PyTorch prints a huge expanded tensor in summary, reading only its corners.
    @Test func printingAHugeExpandedTensor() throws {
        let huge = try withErrorCapture { Tensor.ones(1).expand(1 << 31, 1 << 31) }
        #expect(huge.description == """
            tensor([[1., 1., 1.,  ..., 1., 1., 1.],
                    [1., 1., 1.,  ..., 1., 1., 1.],
                    [1., 1., 1.,  ..., 1., 1., 1.],
                    ...,
                    [1., 1., 1.,  ..., 1., 1., 1.],
                    [1., 1., 1.,  ..., 1., 1., 1.],
                    [1., 1., 1.,  ..., 1., 1., 1.]])
            """)
    }

    /// A failed `cat` leaves no autograd node behind, and later work is normal.
    @Test func failedCatRecordsNothing() throws {
        let a = Tensor.ones(2, 2, requiresGrad: true)
        let error = capturedError { _ = Tensor.cat([a, Tensor.ones(2, 2)], dim: 2) }
        #expect(error?.kind == .indexError)
        let joined = Tensor.cat([a, Tensor.ones(2, 2)], dim: 1)
        #expect(joined.gradFn?.name == "CatBackward0")
        try joined.sum().backward()
        #expect(a.grad?.scalars(as: Float.self) == [1, 1, 1, 1])
    }

    /// Every tensor with no elements is contiguous (`torch.zeros(0, 6)[:, 0:6:2].is_contiguous()`
    /// is True, with strides (6, 2)).
    @Test func emptyTensorsAreContiguous() {
        let empty = Tensor.zeros(0, 6)[.all, .slice(0, 6, step: 2)]
        #expect(empty.isContiguous)
        #expect(empty.strides == [6, 2])
    }
}
