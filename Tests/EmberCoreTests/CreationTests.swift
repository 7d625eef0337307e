// CreationTests.swift
//
// Tensor creation: literals and their dtype inference, dtype/device overrides,
// `Tensor(shape:data:)`, `zeros/ones/full/empty/eye` (variadic, array and `like:` forms),
// `arange`, `linspace` and the random factories after seeding. Expected values were printed by
// PyTorch 2.15 (`torch.tensor`, `torch.arange`, ... `.tolist()`), float32 values as their exact
// float32 roundings.

import Testing
import Ember
import EmberTestSupport

// MARK: - Literals

@Suite struct LiteralCreationTests {
    /// `torch.tensor([[1, 2], [3, 4]])` is int64.
    @Test func integerNestedArrayIsInt64() {
        let t = Tensor([[1, 2], [3, 4]])
        expectInts(t, shape: [2, 2], [1, 2, 3, 4], dtype: .int64)
        expectLayout(t, shape: [2, 2], strides: [2, 1], offset: 0, contiguous: true)
        #expect(t.device == .cpu)
        #expect(!t.requiresGrad)
        #expect(t.dim == 2)
        #expect(t.numel == 4)
        #expect(t.elementSize == 8)
        #expect(!t.isFloatingPoint)
    }

    /// `torch.tensor([[1.0, 2], [3, 4]])` is float32 (Python floats are the default float dtype).
    @Test func floatNestedArrayIsFloat32() {
        let t = Tensor([[1.0, 2], [3, 4]])
        expectTensor(t, shape: [2, 2], values: [1, 2, 3, 4], dtype: .float32)
        #expect(t.isFloatingPoint)
        #expect(t.elementSize == 4)
        // float32 rounding: torch.tensor([0.1, 0.2]).tolist()
        expectFloats(Tensor([0.1, 0.2]), shape: [2], [0.10000000149011612, 0.20000000298023224])
        #expect(Tensor([0.1, 0.2]).scalars(as: Double.self) == [0.10000000149011612, 0.20000000298023224])
    }

    /// `torch.tensor(2.0, requires_grad=True)`: a 0-dim float32 leaf that requires grad.
    @Test func scalarRequiringGrad() {
        let t = Tensor(2.0, requiresGrad: true)
        #expect(t.shape == [])
        #expect(t.dim == 0)
        #expect(t.numel == 1)
        #expect(t.dtype == .float32)
        #expect(t.requiresGrad)
        #expect(t.isLeaf)
        #expect(t.grad == nil)
        #expect(t.item() == 2.0)
    }

    @Test func scalarsOfEachKind() {
        expectInts(Tensor(5), shape: [], [5], dtype: .int64)
        expectTensor(Tensor(2.5), shape: [], values: [2.5], dtype: .float32)
        expectBools(Tensor(true), shape: [], [true], dtype: .bool)
        expectInts(Tensor(Int32(-3)), shape: [], [-3], dtype: .int32)
        expectInts(Tensor(Int64(1) << 40), shape: [], [1 << 40], dtype: .int64)
        expectTensor(Tensor(Float(1.5)), shape: [], values: [1.5], dtype: .float32)
        // torch.tensor(1/3): float32 rounding.
        #expect(Tensor(1.0 / 3.0).item() == 0.3333333432674408)
        // torch.tensor(5), torch.tensor(2.5), torch.tensor(False).
        let i = Tensor(5)
        let f = Tensor(2.5)
        let b = Tensor(false)
        #expect(i.dtype == .int64 && f.dtype == .float32 && b.dtype == .bool)
        #expect(i.shape == [] && f.shape == [] && b.shape == [])
    }

    @Test func arraysOfEachSwiftType() {
        expectInts(Tensor([Int32(1), -2]), shape: [2], [1, -2], dtype: .int32)
        expectInts(Tensor([Int64(1) << 40, -(Int64(1) << 40)]), shape: [2], [1_099_511_627_776, -1_099_511_627_776],
                   dtype: .int64)
        expectFloats(Tensor([Float(0.5), 1.25]), shape: [2], [0.5, 1.25])
        expectBools(Tensor([true, false]), shape: [2], [true, false], dtype: .bool)
        expectInts(Tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]), shape: [2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8],
                   dtype: .int64)
    }

    /// `torch.tensor([])` is float32 of shape (0,), `torch.tensor([[]])` shape (1, 0).
    @Test func emptyArrays() {
        let e = Tensor([Double]())
        #expect(e.shape == [0])
        #expect(e.dtype == .float32)
        #expect(e.numel == 0)
        let e2 = Tensor([[Double]()])
        #expect(e2.shape == [1, 0])
        #expect(e2.scalars(as: Double.self) == [])
    }

    /// `torch.tensor(data, dtype=...)` converts with PyTorch's casts.
    @Test func dtypeOverride() {
        expectTensor(Tensor([1, 2], dtype: .float64), shape: [2], values: [1, 2], dtype: .float64)
        expectInts(Tensor([1.7, -2.7], dtype: .int64), shape: [2], [1, -2], dtype: .int64)
        expectBools(Tensor([0.0, 2.5, -0.0], dtype: .bool), shape: [3], [false, true, false], dtype: .bool)
        expectTensor(Tensor([true, false], dtype: .float32), shape: [2], values: [1, 0], dtype: .float32)
        expectInts(Tensor([[1, 2], [3, 4]], dtype: .int32), shape: [2, 2], [1, 2, 3, 4], dtype: .int32)
        // torch.tensor([1, 2], dtype=torch.float32, requires_grad=True) is fine.
        let g = Tensor([1, 2], dtype: .float32, requiresGrad: true)
        #expect(g.requiresGrad && g.dtype == .float32)
    }

    /// `torch.tensor([[1, 0], [3, 4]], dtype=d)` for every dtype.
    @Test(arguments: DType.allCases)
    func literalWithEachDType(_ dtype: DType) {
        let t = Tensor([[1, 0], [3, 4]], dtype: dtype)
        #expect(t.dtype == dtype)
        #expect(t.shape == [2, 2])
        #expect(t.elementSize == dtype.itemSize)
        #expect(t.isFloatingPoint == (dtype == .float32 || dtype == .float64))
        if dtype == .bool {
            expectBools(t, shape: [2, 2], [true, false, true, true])
        } else {
            expectTensor(t, shape: [2, 2], values: [1, 0, 3, 4])
        }
    }

    @Test func deviceOverride() {
        let t = Tensor([1, 2], device: .cpu)
        #expect(t.device == .cpu)
        #expect(Tensor([1, 2], device: Device("cpu")).device == .cpu)
    }
}

// MARK: - Tensor(shape:data:)

@Suite struct ShapeDataCreationTests {
    @Test func shapeAndData() {
        let f = Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6] as [Float])
        expectTensor(f, shape: [2, 3], values: [1, 2, 3, 4, 5, 6], dtype: .float32)
        expectLayout(f, shape: [2, 3], strides: [3, 1], offset: 0, contiguous: true)
        let d = Tensor(shape: [3], data: [0.5, 1.5, 2.5] as [Double])
        #expect(d.dtype == .float64, "Tensor(shape:data:) keeps the dtype of [Double]")
        expectInts(Tensor(shape: [2, 2], data: [1, 2, 3, 4] as [Int]), shape: [2, 2], [1, 2, 3, 4], dtype: .int64)
        expectInts(Tensor(shape: [2], data: [7, 8] as [Int32]), shape: [2], [7, 8], dtype: .int32)
        expectBools(Tensor(shape: [1, 2], data: [true, false]), shape: [1, 2], [true, false], dtype: .bool)
        expectInts(Tensor(shape: [2], data: [1.9, -1.9] as [Double], dtype: .int32), shape: [2], [1, -1], dtype: .int32)
        let s = Tensor(shape: [], data: [7.0] as [Double])
        #expect(s.shape == [] && s.item() == 7)
        let e = Tensor(shape: [0, 3], data: [Float]())
        #expect(e.shape == [0, 3] && e.numel == 0)
        let g = Tensor(shape: [2], data: [1, 2] as [Float], requiresGrad: true)
        #expect(g.requiresGrad)
    }
}

// MARK: - Filled factories

@Suite struct FilledFactoryTests {
    @Test func zerosAndOnes() {
        expectTensor(Tensor.zeros(2, 3), shape: [2, 3], values: [0, 0, 0, 0, 0, 0], dtype: .float32)
        expectTensor(Tensor.zeros([2, 3]), shape: [2, 3], values: [0, 0, 0, 0, 0, 0], dtype: .float32)
        expectTensor(Tensor.ones(3), shape: [3], values: [1, 1, 1], dtype: .float32)
        expectTensor(Tensor.ones([1, 2]), shape: [1, 2], values: [1, 1], dtype: .float32)
        expectInts(Tensor.ones(2, dtype: .int32), shape: [2], [1, 1], dtype: .int32)
        expectBools(Tensor.zeros(2, dtype: .bool), shape: [2], [false, false], dtype: .bool)
        expectTensor(Tensor.ones(2, 2, dtype: .float64), shape: [2, 2], values: [1, 1, 1, 1], dtype: .float64)
        // torch.zeros(()) is tensor(0.).
        expectTensor(Tensor.zeros(), shape: [], values: [0], dtype: .float32)
        expectTensor(Tensor.zeros([]), shape: [], values: [0], dtype: .float32)
        expectTensor(Tensor.ones(0, 4), shape: [0, 4], values: [])
        expectLayout(Tensor.zeros(2, 3, 4), shape: [2, 3, 4], strides: [12, 4, 1], offset: 0, contiguous: true)
        #expect(Tensor.zeros(2, device: .cpu).device == .cpu)
    }

    /// `torch.full((2,2), 7)` is int64, `(2,), 2.5` float32, `True` bool; a dtype converts the value.
    @Test func full() {
        expectInts(Tensor.full([2, 2], 7), shape: [2, 2], [7, 7, 7, 7], dtype: .int64)
        expectTensor(Tensor.full([2], 2.5), shape: [2], values: [2.5, 2.5], dtype: .float32)
        expectBools(Tensor.full([2], true), shape: [2], [true, true], dtype: .bool)
        expectInts(Tensor.full([2], 2.5, dtype: .int64), shape: [2], [2, 2], dtype: .int64)
        expectInts(Tensor.full([2], -1.5, dtype: .int64), shape: [2], [-1, -1], dtype: .int64)
        expectBools(Tensor.full([2], 2.5, dtype: .bool), shape: [2], [true, true], dtype: .bool)
        expectInts(Tensor.full([2], 2.5, dtype: .int32), shape: [2], [2, 2], dtype: .int32)
        expectTensor(Tensor.full([2], 2.5, dtype: .float64), shape: [2], values: [2.5, 2.5], dtype: .float64)
        expectTensor(Tensor.full([], -0.5), shape: [], values: [-0.5], dtype: .float32)
    }

    @Test func empty() {
        let e = Tensor.empty(2, 3)
        expectLayout(e, shape: [2, 3], strides: [3, 1], offset: 0, contiguous: true)
        #expect(e.dtype == .float32)
        #expect(Tensor.empty([4], dtype: .int64).dtype == .int64)
        #expect(Tensor.empty(0).numel == 0)
        #expect(Tensor.empty(2, requiresGrad: true).requiresGrad)
    }

    /// `torch.eye(n, m, dtype=d)`.
    @Test(arguments: DType.allCases)
    func eye(_ dtype: DType) {
        let t = Tensor.eye(2, 3, dtype: dtype)
        #expect(t.dtype == dtype)
        expectTensor(t, shape: [2, 3], values: [1, 0, 0, 0, 1, 0])
    }

    @Test func eyeShapes() {
        expectTensor(Tensor.eye(3), shape: [3, 3], values: [1, 0, 0, 0, 1, 0, 0, 0, 1], dtype: .float32)
        expectInts(Tensor.eye(3, 2, dtype: .int64), shape: [3, 2], [1, 0, 0, 1, 0, 0], dtype: .int64)
        expectTensor(Tensor.eye(1), shape: [1, 1], values: [1])
        let zero = Tensor.eye(0)
        #expect(zero.shape == [0, 0])
        expectTensor(Tensor.eye(2, 0), shape: [2, 0], values: [])
        #expect(Tensor.eye(2, requiresGrad: true).requiresGrad)
    }

    /// `zeros_like`, `ones_like`, `full_like`, `empty_like` keep shape, dtype and device unless told.
    @Test func likeForms() {
        let src = Tensor([[1, 2, 3], [4, 5, 6]], dtype: .int32)
        expectInts(Tensor.zeros(like: src), shape: [2, 3], [0, 0, 0, 0, 0, 0], dtype: .int32)
        expectTensor(Tensor.ones(like: src, dtype: .float64), shape: [2, 3], values: [1, 1, 1, 1, 1, 1],
                     dtype: .float64)
        expectInts(Tensor.full(like: src, 3), shape: [2, 3], [3, 3, 3, 3, 3, 3], dtype: .int32)
        // full_like(int32 tensor, 2.5) -> 2 (the like tensor's dtype wins).
        expectInts(Tensor.full(like: src, 2.5), shape: [2, 3], [2, 2, 2, 2, 2, 2], dtype: .int32)
        let e = Tensor.empty(like: src)
        #expect(e.shape == [2, 3] && e.dtype == .int32 && e.device == .cpu && e.isContiguous)
        expectInts(Tensor.eye(like: src), shape: [2, 3], [1, 0, 0, 0, 1, 0], dtype: .int32)
        let t = Tensor.arange(6.0).reshape(2, 3).t()
        #expect(Tensor.zeros(like: t, requiresGrad: true).requiresGrad)
        #expect(!Tensor.zeros(like: Tensor.ones(2, requiresGrad: true)).requiresGrad)
    }

    /// `torch.zeros_like(t)` of a transposed (dense) view keeps its strides:
    /// `zeros_like(arange(6.).reshape(2,3).t()).stride() == (1, 3)` (`preserve_format`).
    @Test func likeFormsPreserveDenseStrides() {
        let t = Tensor.arange(6.0).reshape(2, 3).t()
        let z = Tensor.zeros(like: t)
        #expect(z.shape == [3, 2])
        expectTensor(z, shape: [3, 2], values: [0, 0, 0, 0, 0, 0])
        #expect(z.strides == [1, 3])
        #expect(Tensor.ones(like: t).strides == [1, 3])
        #expect(Tensor.empty(like: t).strides == [1, 3])
    }

    /// A contiguous tensor whose size-1 dims have other strides: the `*_like` factories and
    /// `clone` keep its strides, element-wise ops give row-major ones. PyTorch: with
    /// `x = torch.zeros(4, 1).as_strided((4, 1), (1, 7))`, `torch.empty_like(x).stride()`,
    /// `torch.ones_like(x).stride()` and `x.clone().stride()` are `(1, 7)`, `(x + x).stride()`
    /// and `(x * torch.zeros(4, 1)).stride()` are `(1, 1)`.
    @Test func sizeOneDimStrides() {
        let x = Tensor.zeros(4, 1).asStrided([4, 1], [1, 7])
        #expect(x.isContiguous)
        #expect(Tensor.empty(like: x).strides == [1, 7])
        #expect(Tensor.ones(like: x).strides == [1, 7])
        #expect(x.clone().strides == [1, 7])
        #expect((x + x).strides == [1, 1])
        #expect((x * Tensor.zeros(4, 1)).strides == [1, 1])
        #expect((Tensor.zeros(4, 1) * x).strides == [1, 1])
    }

    @Test func factoriesRequiringGrad() {
        for t in [Tensor.zeros(2, requiresGrad: true), Tensor.ones([2], requiresGrad: true),
                  Tensor.full([2], 1.5, requiresGrad: true), Tensor.arange(0.0, 3.0, requiresGrad: true),
                  Tensor.linspace(0, 1, steps: 3, requiresGrad: true),
                  Tensor.rand(2, generator: Generator(seed: 0), requiresGrad: true),
                  Tensor.randn([2], generator: Generator(seed: 0), requiresGrad: true)] {
            #expect(t.requiresGrad)
            #expect(t.isLeaf)
            #expect(t.grad == nil)
        }
    }
}

// MARK: - arange and linspace

@Suite struct RangeFactoryTests {
    @Test func integerArange() {
        expectInts(Tensor.arange(5), shape: [5], [0, 1, 2, 3, 4], dtype: .int64)
        expectInts(Tensor.arange(2, 8, step: 2), shape: [3], [2, 4, 6], dtype: .int64)
        expectInts(Tensor.arange(5, 0, step: -2), shape: [3], [5, 3, 1], dtype: .int64)
        expectInts(Tensor.arange(0, 10, step: 3), shape: [4], [0, 3, 6, 9], dtype: .int64)
        expectInts(Tensor.arange(-3, 3), shape: [6], [-3, -2, -1, 0, 1, 2], dtype: .int64)
        expectTensor(Tensor.arange(3, dtype: .float64), shape: [3], values: [0, 1, 2], dtype: .float64)
        expectInts(Tensor.arange(4, dtype: .int32), shape: [4], [0, 1, 2, 3], dtype: .int32)
        expectInts(Tensor.arange(0, 0), shape: [0], [], dtype: .int64)
    }

    @Test func floatingArange() {
        expectFloats(Tensor.arange(2.5), shape: [3], [0, 1, 2])
        expectFloats(Tensor.arange(0.0, 1.0, step: 0.25), shape: [4], [0, 0.25, 0.5, 0.75])
        expectFloats(Tensor.arange(1.0, 2.0, step: 0.3), shape: [4],
                     [1.0, 1.2999999523162842, 1.600000023841858, 1.899999976158142])
        expectFloats(Tensor.arange(0.0, 1.0, step: 0.1), shape: [10],
                     [0.0, 0.10000000149011612, 0.20000000298023224, 0.30000001192092896, 0.4000000059604645, 0.5,
                      0.6000000238418579, 0.699999988079071, 0.800000011920929, 0.8999999761581421])
        expectFloats(Tensor.arange(-1.0, -2.0, step: -0.25), shape: [4], [-1.0, -1.25, -1.5, -1.75])
        expectTensor(Tensor.arange(0.0, 1.0, step: 0.1, dtype: .float64), shape: [10],
                     values: [0.0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001, 0.7000000000000001,
                              0.8, 0.9], dtype: .float64)
        expectInts(Tensor.arange(0.5, 3.0, dtype: .int64), shape: [3], [0, 1, 2], dtype: .int64)
        expectFloats(Tensor.arange(3.0, 3.0), shape: [0], [])
    }

    @Test func linspace() {
        expectFloats(Tensor.linspace(0, 1, steps: 5), shape: [5], [0, 0.25, 0.5, 0.75, 1])
        expectFloats(Tensor.linspace(-1, 1, steps: 4), shape: [4], [-1.0, -0.3333333134651184, 0.3333333134651184, 1.0])
        expectFloats(Tensor.linspace(0, 1, steps: 7), shape: [7],
                     [0.0, 0.1666666716337204, 0.3333333432674408, 0.5, 0.6666666269302368, 0.8333333134651184, 1.0])
        expectFloats(Tensor.linspace(3, -2, steps: 6), shape: [6], [3, 2, 1, 0, -1, -2])
        expectFloats(Tensor.linspace(0, 0.3, steps: 11), shape: [11],
                     [0.0, 0.030000001192092896, 0.06000000238418579, 0.09000000357627869, 0.12000000476837158,
                      0.15000000596046448, 0.18000000715255737, 0.21000000834465027, 0.24000000953674316,
                      0.27000001072883606, 0.30000001192092896])
        expectFloats(Tensor.linspace(2, 3, steps: 0), shape: [0], [])
        expectTensor(Tensor.linspace(0, 1, steps: 7, dtype: .float64), shape: [7],
                     values: [0.0, 0.16666666666666666, 0.3333333333333333, 0.5, 0.6666666666666667,
                              0.8333333333333334, 1.0], dtype: .float64)
        expectInts(Tensor.linspace(0, 10, steps: 5, dtype: .int64), shape: [5], [0, 2, 5, 7, 10], dtype: .int64)
        expectInts(Tensor.linspace(-5, 5, steps: 9, dtype: .int32), shape: [9], [-5, -3, -2, -1, 0, 1, 2, 3, 5],
                   dtype: .int32)
    }

    /// `torch.linspace(2, 3, 1)` is `tensor([2.])`: a single step is the start.
    @Test
    func linspaceSingleStepIsStart() {
        expectFloats(Tensor.linspace(2, 3, steps: 1), shape: [1], [2])
        expectTensor(Tensor.linspace(2, 3, steps: 1, dtype: .float64), shape: [1], values: [2])
    }
}

// MARK: - Random factories

/// PyTorch's values after `torch.manual_seed(s)` (or `torch.Generator().manual_seed(s)`).
enum RandomExpected {
    /// seed 0: `torch.rand(2, 3)`
    static let rand23: [Float] = [0.49625658988952637, 0.7682217955589294, 0.08847743272781372,
                                  0.13203048706054688, 0.30742281675338745, 0.6340786814689636]
    /// seed 0: `torch.randn(2, 3)`
    static let randn23: [Float] = [1.5409960746765137, -0.293428897857666, -2.1787893772125244,
                                   0.5684312582015991, -1.0845223665237427, -1.3985954523086548]
    /// seed 42: `torch.randn(20)` (16 or more elements take PyTorch's vectorized path)
    static let randn20: [Float] = [1.9269152879714966, 1.4872840642929077, 0.9007171988487244, -2.1055209636688232,
                                   -0.7581311464309692, 1.078317642211914, 0.8008005619049072, 1.680620551109314,
                                   0.3558599054813385, -0.6866229772567749, -0.4933563470840454, 0.2414877861738205,
                                   -0.2316243201494217, 0.041759490966796875, -0.2515752911567688, 0.859858512878418,
                                   -0.3097267746925354, -0.3957104980945587, 0.8034093379974365, -0.6215953826904297]
    /// seed 0: `torch.randint(0, 10, (2, 5))`
    static let randint25: [Int64] = [4, 9, 3, 0, 3, 9, 7, 3, 7, 3]
    /// seed 0: `torch.randint(3, 7, (6,))`
    static let randint37: [Int64] = [3, 6, 4, 3, 6, 6]
    /// seed 0: `torch.randint(-5, 5, (4,), dtype=torch.int32)`
    static let randintInt32: [Int64] = [-1, 4, -2, -5]
    /// seed 0: `torch.randint(0, 10, (4,), dtype=torch.float32)`
    static let randintFloat: [Float] = [4, 9, 3, 0]
    /// seed 0: `torch.randperm(8)` and `torch.randperm(20)`
    static let randperm8: [Int64] = [4, 0, 7, 3, 2, 5, 1, 6]
    static let randperm20: [Int64] = [4, 5, 13, 19, 7, 14, 3, 6, 9, 17, 11, 2, 16, 18, 10, 12, 15, 8, 1, 0]
    /// seed 42: `torch.rand(4, dtype=torch.float64)`, `torch.randn(4, dtype=torch.float64)`
    static let rand4Double: [Double] = [0.05815448596142969, 0.06291016742457756, 0.12358607277440903,
                                        0.05258016436107704]
    static let randn4Double: [Double] = [0.33669035438385886, 0.1288094051365897, 0.23446236336153173,
                                         0.2303330279146119]
    /// seed 7: `torch.rand(3)`, then `torch.randn(3)`, then `torch.randint(0, 100, (3,))` from the same stream.
    static let seq7Rand: [Float] = [0.5349225401878357, 0.19880318641662598, 0.6592116951942444]
    static let seq7Randn: [Float] = [-0.032551974058151245, 1.0110543966293335, 1.7714937925338745]
    static let seq7Randint: [Int64] = [31, 8, 17]
}

/// Stops the (child) process when `got` differs from `expected`, saying how.
func stopUnlessEqual<T: Equatable>(_ label: String, _ got: [T], _ expected: [T]) {
    if got != expected { fatalError("\(label): got \(got), expected \(expected)") }
}

@Suite struct RandomFactoryTests {
    @Test func randWithGenerator() {
        let g = Generator(seed: 0)
        let t = Tensor.rand(2, 3, generator: g)
        #expect(t.shape == [2, 3] && t.dtype == .float32)
        #expect(t.scalars(as: Float.self) == RandomExpected.rand23)
        #expect(Tensor.rand([4], dtype: .float64, generator: Generator(seed: 42)).scalars(as: Double.self)
                == RandomExpected.rand4Double)
    }

    @Test func randnWithGenerator() {
        #expect(Tensor.randn(2, 3, generator: Generator(seed: 0)).scalars(as: Float.self) == RandomExpected.randn23)
        #expect(Tensor.randn(20, generator: Generator(seed: 42)).scalars(as: Float.self) == RandomExpected.randn20)
        #expect(Tensor.randn([4], dtype: .float64, generator: Generator(seed: 42)).scalars(as: Double.self)
                == RandomExpected.randn4Double)
    }

    @Test func randintWithGenerator() {
        let t = Tensor.randint(high: 10, [2, 5], generator: Generator(seed: 0))
        expectInts(t, shape: [2, 5], RandomExpected.randint25, dtype: .int64)
        expectInts(Tensor.randint(low: 3, high: 7, [6], generator: Generator(seed: 0)), shape: [6],
                   RandomExpected.randint37, dtype: .int64)
        expectInts(Tensor.randint(low: -5, high: 5, [4], dtype: .int32, generator: Generator(seed: 0)), shape: [4],
                   RandomExpected.randintInt32, dtype: .int32)
        expectFloats(Tensor.randint(high: 10, [4], dtype: .float32, generator: Generator(seed: 0)), shape: [4],
                     RandomExpected.randintFloat)
    }

    @Test func randpermWithGenerator() {
        expectInts(Tensor.randperm(8, generator: Generator(seed: 0)), shape: [8], RandomExpected.randperm8,
                   dtype: .int64)
        expectInts(Tensor.randperm(20, generator: Generator(seed: 0)), shape: [20], RandomExpected.randperm20)
        expectInts(Tensor.randperm(0), shape: [0], [])
    }

    /// One generator's stream is consumed in order across factories.
    @Test func streamContinuesAcrossCalls() {
        let g = Generator(seed: 7)
        #expect(Tensor.rand(3, generator: g).scalars(as: Float.self) == RandomExpected.seq7Rand)
        #expect(Tensor.randn(3, generator: g).scalars(as: Float.self) == RandomExpected.seq7Randn)
        #expect(Tensor.randint(high: 100, [3], generator: g).scalars(as: Int64.self) == RandomExpected.seq7Randint)
    }

    /// `manualSeed` seeds the process-wide default generator. Checked in a child process so no
    /// concurrently running test draws from the same generator in between.
    @Test func manualSeedSeedsTheDefaultGenerator() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            manualSeed(0)
            stopUnlessEqual("rand(2, 3)", Tensor.rand(2, 3).scalars(as: Float.self), RandomExpected.rand23)
            manualSeed(0)
            stopUnlessEqual("randn(2, 3)", Tensor.randn(2, 3).scalars(as: Float.self), RandomExpected.randn23)
            manualSeed(42)
            stopUnlessEqual("randn(20)", Tensor.randn(20).scalars(as: Float.self), RandomExpected.randn20)
            manualSeed(0)
            stopUnlessEqual("randint", Tensor.randint(high: 10, [2, 5]).scalars(as: Int64.self), RandomExpected.randint25)
            manualSeed(0)
            stopUnlessEqual("randperm(8)", Tensor.randperm(8).scalars(as: Int64.self), RandomExpected.randperm8)
            manualSeed(42)
            stopUnlessEqual("rand f64", Tensor.rand([4], dtype: .float64).scalars(as: Double.self), RandomExpected.rand4Double)
            manualSeed(7)
            stopUnlessEqual("seq rand", Tensor.rand(3).scalars(as: Float.self), RandomExpected.seq7Rand)
            stopUnlessEqual("seq randn", Tensor.randn(3).scalars(as: Float.self), RandomExpected.seq7Randn)
            stopUnlessEqual("seq randint", Tensor.randint(high: 100, [3]).scalars(as: Int64.self), RandomExpected.seq7Randint)
        }
        expectSilent(result)
    }
}
