// TensorFormatterTests.swift
//
// Every expected string below is `repr(t)` printed by PyTorch 2.15.0 (CPU) with the
// default print options. Each table case names the PyTorch expression it came from, where
// `T` is `torch.tensor`, `rg(v, ...)` is `torch.tensor(v, ..., requires_grad=True)` and
// `mul(x)` is `x * 1`; nan and inf are Python's `float('nan')` and `float('inf')`.
// Element values are the tensor's stored values (float32 rounding included), given as
// plain Swift arrays in row-major order, so these tests do not depend on any Tensor type.

import Testing
@testable import EmberCore

// MARK: - Helpers

/// Builds the options the way a Tensor would for the given dtype name.
private func reprOptions(dtype: String, device: String? = nil, gradFn: String? = nil,
                 requiresGrad: Bool = false) -> TensorReprOptions {
    TensorReprOptions(
        dtypeName: dtype,
        dtypeIsDefaultFloat: dtype == "torch.float32",
        dtypeIsHidden: ["torch.float32", "torch.int64", "torch.bool"].contains(dtype),
        device: device, gradFnName: gradFn, requiresGrad: requiresGrad)
}

/// repr of a floating tensor whose row-major values are `values`.
private func repr(_ values: [Double], shape: [Int], dtype: String = "torch.float32", device: String? = nil,
          gradFn: String? = nil, requiresGrad: Bool = false) -> String {
    TensorFormatter.repr(shape: shape, elements: .floating { values[$0] },
                         options: reprOptions(dtype: dtype, device: device, gradFn: gradFn,
                                              requiresGrad: requiresGrad))
}

/// repr of an integer tensor whose row-major values are `values`.
private func repr(_ values: [Int64], shape: [Int], dtype: String = "torch.int64", device: String? = nil,
          gradFn: String? = nil, requiresGrad: Bool = false) -> String {
    TensorFormatter.repr(shape: shape, elements: .integer { values[$0] },
                         options: reprOptions(dtype: dtype, device: device, gradFn: gradFn,
                                              requiresGrad: requiresGrad))
}

/// repr of a bool tensor whose row-major values are `values`.
private func repr(_ values: [Bool], shape: [Int]) -> String {
    TensorFormatter.repr(shape: shape, elements: .boolean { values[$0] },
                         options: reprOptions(dtype: "torch.bool"))
}

/// One table-driven case: values, metadata and PyTorch's repr.
struct TensorFormatterCase: Sendable, CustomTestStringConvertible {
    enum Values: Sendable {
        case floating([Double])
        case integer([Int64])
        case boolean([Bool])
    }

    /// The PyTorch expression the case was printed from.
    var source: String
    var values: Values
    var shape: [Int]
    var dtype: String
    var device: String?
    var gradFn: String?
    var requiresGrad: Bool
    var expected: String

    init(_ source: String, _ values: Values, shape: [Int], dtype: String = "torch.float32", device: String? = nil,
         gradFn: String? = nil, requiresGrad: Bool = false, expected: String) {
        self.source = source
        self.values = values
        self.shape = shape
        self.dtype = dtype
        self.device = device
        self.gradFn = gradFn
        self.requiresGrad = requiresGrad
        self.expected = expected
    }

    var testDescription: String { source }

    /// Ember's repr of this case.
    func render() -> String {
        let elements: PrintElements
        switch values {
        case .floating(let v): elements = .floating { v[$0] }
        case .integer(let v): elements = .integer { v[$0] }
        case .boolean(let v): elements = .boolean { v[$0] }
        }
        return TensorFormatter.repr(
            shape: shape, elements: elements,
            options: reprOptions(dtype: dtype, device: device, gradFn: gradFn, requiresGrad: requiresGrad))
    }
}

// MARK: - Table-driven cases (PyTorch's printing of every dtype, shape and option)

@Suite struct TensorReprTableTests {
    @Test(arguments: TensorFormatterCases.scalars) func scalars(_ c: TensorFormatterCase) { #expect(c.render() == c.expected) }
    @Test(arguments: TensorFormatterCases.floatModes) func floatModes(_ c: TensorFormatterCase) { #expect(c.render() == c.expected) }
    @Test(arguments: TensorFormatterCases.nonFinite) func nonFinite(_ c: TensorFormatterCase) { #expect(c.render() == c.expected) }
    @Test(arguments: TensorFormatterCases.integersAndBools) func integersAndBools(_ c: TensorFormatterCase) {
        #expect(c.render() == c.expected)
    }
    @Test(arguments: TensorFormatterCases.lineWrapping) func lineWrapping(_ c: TensorFormatterCase) { #expect(c.render() == c.expected) }
    @Test(arguments: TensorFormatterCases.multiDimensional) func multiDimensional(_ c: TensorFormatterCase) {
        #expect(c.render() == c.expected)
    }
    @Test(arguments: TensorFormatterCases.empty) func empty(_ c: TensorFormatterCase) { #expect(c.render() == c.expected) }
    @Test(arguments: TensorFormatterCases.suffixes) func suffixes(_ c: TensorFormatterCase) { #expect(c.render() == c.expected) }
    @Test(arguments: TensorFormatterCases.meta) func meta(_ c: TensorFormatterCase) { #expect(c.render() == c.expected) }
}

// MARK: - Summarization (numel > 1000)

@Suite struct TensorReprSummarizationTests {
    @Test func vectors() {
        let ints = (0...1000).map { Int64($0) }
        let floats = (0...1000).map { Double($0) }
        #expect(repr(ints, shape: [1001]) == SummarizedExpected.arange1001)
        #expect(repr(floats, shape: [1001]) == SummarizedExpected.arange1001Float)
        #expect(repr((0...1001).map { Double($0) }, shape: [1002]) == SummarizedExpected.arange1002Float)
        #expect(repr((0...1000).map { $0 % 2 == 0 }, shape: [1001]) == SummarizedExpected.evenMask1001)
        #expect(repr(floats, shape: [1001], dtype: "torch.float64", requiresGrad: true)
                == SummarizedExpected.arange1001RequiresGrad)
        #expect(repr(floats.map { $0 * 2 }, shape: [1001], gradFn: "MulBackward0")
                == SummarizedExpected.arange1001TimesTwo)
    }

    @Test func matrices() {
        #expect(repr((0..<1600).map { Double($0) }, shape: [40, 40]) == SummarizedExpected.matrix40x40)
        #expect(repr((0..<1200).map { Int64($0) }, shape: [2, 600]) == SummarizedExpected.matrix2x600)
        #expect(repr((0..<1200).map { Double($0) / 8 }, shape: [600, 2]) == SummarizedExpected.matrix600x2)
    }

    @Test func higherDimensions() {
        #expect(repr((0..<1100).map { Int64($0) }, shape: [11, 10, 10]) == SummarizedExpected.cube11x10x10)
        #expect(repr((0..<1260).map { Int64($0) }, shape: [2, 3, 7, 30]) == SummarizedExpected.hyper2x3x7x30)
    }

    /// Statistics come from the displayed edge items only: the hidden 0.5 keeps int_mode.
    @Test func hiddenValuesDoNotAffectFormatting() {
        var values = [Double](repeating: 1, count: 2000)
        values[1000] = 0.5
        #expect(repr(values, shape: [2000]) == SummarizedExpected.onesWithHiddenHalf)
    }

    /// A 10^9-element tensor: only the 6 * 6 * 6 displayed elements are read.
    @Test func onlyDisplayedElementsAreRead() {
        var visited = Set<Int>()
        let shape = [1000, 1000, 1000]
        let elements = PrintElements.integer { flat in
            visited.insert(flat)
            let (i, j, k) = (flat / 1_000_000, flat / 1000 % 1000, flat % 1000)
            return Int64(7 * i + 3 * j + k)
        }
        let text = TensorFormatter.repr(shape: shape, elements: elements,
                                        options: reprOptions(dtype: "torch.int64"))
        #expect(text == SummarizedExpected.billion)
        let edges = [0, 1, 2, 997, 998, 999]
        let displayed = Set(edges.flatMap { i in edges.flatMap { j in edges.map { k in i * 1_000_000 + j * 1000 + k } } })
        #expect(visited == displayed)
    }

    /// `numel == 1000` is not summarized: `torch.arange(1000)` prints all 72 lines of 14 items.
    @Test func thresholdIsStrict() {
        let text = repr((0..<1000).map { Int64($0) }, shape: [1000])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 72)
        #expect(!text.contains("..."))
        #expect(lines.first == "tensor([  0,   1,   2,   3,   4,   5,   6,   7,   8,   9,  10,  11,  12,  13,")
        #expect(lines.dropFirst().first == "         14,  15,  16,  17,  18,  19,  20,  21,  22,  23,  24,  25,  26,  27,")
        #expect(lines.last == "        994, 995, 996, 997, 998, 999])")
    }
}

// MARK: - Devices and helpers

@Suite struct TensorReprMiscTests {
    /// No CUDA was available to PyTorch here; these follow `_str_intern` (device suffix first).
    @Test func cudaDeviceSuffix() {
        #expect(repr([1.0, 2.0], shape: [2], device: "cuda:0") == "tensor([1., 2.], device='cuda:0')")
        #expect(repr([2.0, 4.0], shape: [2], dtype: "torch.float64", device: "cuda:0", gradFn: "MulBackward0")
                == "tensor([2., 4.], device='cuda:0', dtype=torch.float64, grad_fn=<MulBackward0>)")
        #expect(repr([Double](), shape: [0, 3], device: "cuda:0")
                == "tensor([], device='cuda:0', size=(0, 3))")
    }

    @Test(arguments: [([Int](), "()"), ([5], "(5,)"), ([0, 3], "(0, 3)"), ([2, 0, 4], "(2, 0, 4)")])
    func pythonTuple(_ shape: [Int], _ expected: String) {
        #expect(TensorFormatter.pythonTuple(shape) == expected)
    }

    /// A suffix that would pass column 80 starts a new line indented by 7.
    @Test func addSuffixesWrapsAtLineWidth() {
        let body = "tensor([" + String(repeating: "x", count: 60) + "]"
        #expect(TensorFormatter.addSuffixes(body, suffixes: ["a=1", "grad_fn=<MulBackward0>"], indent: 7)
                == body + ", a=1,\n       grad_fn=<MulBackward0>)")
    }
}

// MARK: - Generated case tables

private enum TensorFormatterCases {
    static let scalars: [TensorFormatterCase] = [
        TensorFormatterCase("T(3.5)", .floating([3.5]), shape: [], expected: "tensor(3.5000)"),
        TensorFormatterCase("T(3)", .integer([3]), shape: [], dtype: "torch.int64", expected: "tensor(3)"),
        TensorFormatterCase("T(True)", .boolean([true]), shape: [], dtype: "torch.bool", expected: "tensor(True)"),
        TensorFormatterCase("T(False)", .boolean([false]), shape: [], dtype: "torch.bool", expected: "tensor(False)"),
        TensorFormatterCase("T(1.)", .floating([1.0]), shape: [], expected: "tensor(1.)"),
        TensorFormatterCase("T(1., dtype=torch.float64)", .floating([1.0]), shape: [], dtype: "torch.float64", expected: "tensor(1., dtype=torch.float64)"),
        TensorFormatterCase("T(1e-5)", .floating([9.999999747378752e-06]), shape: [], expected: "tensor(1.0000e-05)"),
        TensorFormatterCase("T(1e10)", .floating([10000000000.0]), shape: [], expected: "tensor(1.0000e+10)"),
        TensorFormatterCase("T(0.1)", .floating([0.10000000149011612]), shape: [], expected: "tensor(0.1000)"),
        TensorFormatterCase("T(123456.)", .floating([123456.0]), shape: [], expected: "tensor(123456.)"),
        TensorFormatterCase("T(nan)", .floating([.nan]), shape: [], expected: "tensor(nan)"),
        TensorFormatterCase("T(inf)", .floating([.infinity]), shape: [], expected: "tensor(inf)"),
        TensorFormatterCase("T(-inf)", .floating([-.infinity]), shape: [], expected: "tensor(-inf)"),
        TensorFormatterCase("T(-0.)", .floating([-0.0]), shape: [], expected: "tensor(-0.)"),
        TensorFormatterCase("T(0.)", .floating([0.0]), shape: [], expected: "tensor(0.)"),
        TensorFormatterCase("T(-2.5)", .floating([-2.5]), shape: [], expected: "tensor(-2.5000)"),
        TensorFormatterCase("T(1e8)", .floating([100000000.0]), shape: [], expected: "tensor(100000000.)"),
        TensorFormatterCase("T(123456789.)", .floating([123456792.0]), shape: [], expected: "tensor(1.2346e+08)"),
        TensorFormatterCase("T(0.00012345)", .floating([0.0001234499941347167]), shape: [], expected: "tensor(0.0001)"),
        TensorFormatterCase("T(-7, dtype=torch.int32)", .integer([-7]), shape: [], dtype: "torch.int32", expected: "tensor(-7, dtype=torch.int32)"),
        TensorFormatterCase("T(2**60)", .integer([1152921504606846976]), shape: [], dtype: "torch.int64", expected: "tensor(1152921504606846976)"),
        TensorFormatterCase("T(-2**63)", .integer([-9223372036854775808]), shape: [], dtype: "torch.int64", expected: "tensor(-9223372036854775808)"),
        TensorFormatterCase("T(200, dtype=torch.uint8)", .integer([200]), shape: [], dtype: "torch.uint8", expected: "tensor(200, dtype=torch.uint8)"),
        TensorFormatterCase("T(2.5, dtype=torch.float16)", .floating([2.5]), shape: [], dtype: "torch.float16", expected: "tensor(2.5000, dtype=torch.float16)"),
        TensorFormatterCase("T(1/3, dtype=torch.float64)", .floating([0.3333333333333333]), shape: [], dtype: "torch.float64", expected: "tensor(0.3333, dtype=torch.float64)"),
    ]

    static let floatModes: [TensorFormatterCase] = [
        TensorFormatterCase("T([1.,2.,3.])", .floating([1.0, 2.0, 3.0]), shape: [3], expected: "tensor([1., 2., 3.])"),
        TensorFormatterCase("T([1.5,2.25,3.])", .floating([1.5, 2.25, 3.0]), shape: [3], expected: "tensor([1.5000, 2.2500, 3.0000])"),
        TensorFormatterCase("T([1.12345,2.])", .floating([1.1234500408172607, 2.0]), shape: [2], expected: "tensor([1.1235, 2.0000])"),
        TensorFormatterCase("T([0.1,0.2,0.3])", .floating([0.10000000149011612, 0.20000000298023224, 0.30000001192092896]), shape: [3], expected: "tensor([0.1000, 0.2000, 0.3000])"),
        TensorFormatterCase("T([1e-5,1.])", .floating([9.999999747378752e-06, 1.0]), shape: [2], expected: "tensor([1.0000e-05, 1.0000e+00])"),
        TensorFormatterCase("T([1e3,0.5])", .floating([1000.0, 0.5]), shape: [2], expected: "tensor([1.0000e+03, 5.0000e-01])"),
        TensorFormatterCase("T([100.5,0.5])", .floating([100.5, 0.5]), shape: [2], expected: "tensor([100.5000,   0.5000])"),
        TensorFormatterCase("T([1000.,1.])", .floating([1000.0, 1.0]), shape: [2], expected: "tensor([1000.,    1.])"),
        TensorFormatterCase("T([1001.,1.])", .floating([1001.0, 1.0]), shape: [2], expected: "tensor([1.0010e+03, 1.0000e+00])"),
        TensorFormatterCase("T([1e8,1e8])", .floating([100000000.0, 100000000.0]), shape: [2], expected: "tensor([100000000., 100000000.])"),
        TensorFormatterCase("T([1e8+1,1.])", .floating([100000000.0, 1.0]), shape: [2], expected: "tensor([1.0000e+08, 1.0000e+00])"),
        TensorFormatterCase("T([1e8+8,1.])", .floating([100000008.0, 1.0]), shape: [2], expected: "tensor([1.0000e+08, 1.0000e+00])"),
        TensorFormatterCase("T([1e-4,1.])", .floating([9.999999747378752e-05, 1.0]), shape: [2], expected: "tensor([1.0000e-04, 1.0000e+00])"),
        TensorFormatterCase("T([1e-4,0.05], dtype=torch.float64)", .floating([0.0001, 0.05]), shape: [2], dtype: "torch.float64", expected: "tensor([0.0001, 0.0500], dtype=torch.float64)"),
        TensorFormatterCase("T([2e-4,0.1])", .floating([0.00019999999494757503, 0.10000000149011612]), shape: [2], expected: "tensor([0.0002, 0.1000])"),
        TensorFormatterCase("T([-1/3,10.])", .floating([-0.3333333432674408, 10.0]), shape: [2], expected: "tensor([-0.3333, 10.0000])"),
        TensorFormatterCase("T([-1.,-2.])", .floating([-1.0, -2.0]), shape: [2], expected: "tensor([-1., -2.])"),
        TensorFormatterCase("T([-1.5,2.])", .floating([-1.5, 2.0]), shape: [2], expected: "tensor([-1.5000,  2.0000])"),
        TensorFormatterCase("T([-1e10,1.])", .floating([-10000000000.0, 1.0]), shape: [2], expected: "tensor([-1.0000e+10,  1.0000e+00])"),
        TensorFormatterCase("T([1e-10,1e10], dtype=torch.float64)", .floating([1e-10, 10000000000.0]), shape: [2], dtype: "torch.float64", expected: "tensor([1.0000e-10, 1.0000e+10], dtype=torch.float64)"),
        TensorFormatterCase("T([-100000000.,100000000.])", .floating([-100000000.0, 100000000.0]), shape: [2], expected: "tensor([-100000000.,  100000000.])"),
        TensorFormatterCase("T([123456789.,1.])", .floating([123456792.0, 1.0]), shape: [2], expected: "tensor([1.2346e+08, 1.0000e+00])"),
        TensorFormatterCase("T([5000.,6000.])", .floating([5000.0, 6000.0]), shape: [2], expected: "tensor([5000., 6000.])"),
        TensorFormatterCase("T([0.12345,0.5], dtype=torch.float64)", .floating([0.12345, 0.5]), shape: [2], dtype: "torch.float64", expected: "tensor([0.1235, 0.5000], dtype=torch.float64)"),
        TensorFormatterCase("T([1.23456789,9.87654321])", .floating([1.2345678806304932, 9.876543045043945]), shape: [2], expected: "tensor([1.2346, 9.8765])"),
        TensorFormatterCase("T([1e-20,-3e-21], dtype=torch.float64)", .floating([1e-20, -3e-21]), shape: [2], dtype: "torch.float64", expected: "tensor([ 1.0000e-20, -3.0000e-21], dtype=torch.float64)"),
        TensorFormatterCase("T([1e300,-1e-300], dtype=torch.float64)", .floating([1e+300, -1e-300]), shape: [2], dtype: "torch.float64", expected: "tensor([ 1.0000e+300, -1.0000e-300], dtype=torch.float64)"),
        TensorFormatterCase("T([99999.99999,0.5], dtype=torch.float64)", .floating([99999.99999, 0.5]), shape: [2], dtype: "torch.float64", expected: "tensor([1.0000e+05, 5.0000e-01], dtype=torch.float64)"),
        TensorFormatterCase("T([0.99999, 1.5])", .floating([0.9999899864196777, 1.5]), shape: [2], expected: "tensor([1.0000, 1.5000])"),
        TensorFormatterCase("T([1.5, 2.], dtype=torch.float16)", .floating([1.5, 2.0]), shape: [2], dtype: "torch.float16", expected: "tensor([1.5000, 2.0000], dtype=torch.float16)"),
        TensorFormatterCase("T([1.5, 2.], dtype=torch.bfloat16)", .floating([1.5, 2.0]), shape: [2], dtype: "torch.bfloat16", expected: "tensor([1.5000, 2.0000], dtype=torch.bfloat16)"),
        TensorFormatterCase("T([0.25, -0.75], dtype=torch.float64)", .floating([0.25, -0.75]), shape: [2], dtype: "torch.float64", expected: "tensor([ 0.2500, -0.7500], dtype=torch.float64)"),
    ]

    static let nonFinite: [TensorFormatterCase] = [
        TensorFormatterCase("T([inf,nan,1.,-inf])", .floating([.infinity, .nan, 1.0, -.infinity]), shape: [4], expected: "tensor([inf, nan, 1., -inf])"),
        TensorFormatterCase("T([inf,nan,1.5])", .floating([.infinity, .nan, 1.5]), shape: [3], expected: "tensor([   inf,    nan, 1.5000])"),
        TensorFormatterCase("T([-0.,1.])", .floating([-0.0, 1.0]), shape: [2], expected: "tensor([-0., 1.])"),
        TensorFormatterCase("T([0.,nan])", .floating([0.0, .nan]), shape: [2], expected: "tensor([0., nan])"),
        TensorFormatterCase("T([0.,0.])", .floating([0.0, 0.0]), shape: [2], expected: "tensor([0., 0.])"),
        TensorFormatterCase("T([nan,nan])", .floating([.nan, .nan]), shape: [2], expected: "tensor([nan, nan])"),
        TensorFormatterCase("T([-0.,0.])", .floating([-0.0, 0.0]), shape: [2], expected: "tensor([-0., 0.])"),
        TensorFormatterCase("T([-0.,-0.])", .floating([-0.0, -0.0]), shape: [2], expected: "tensor([-0., -0.])"),
        TensorFormatterCase("T([inf,-inf])", .floating([.infinity, -.infinity]), shape: [2], expected: "tensor([inf, -inf])"),
        TensorFormatterCase("T([1e-5,nan,-inf])", .floating([9.999999747378752e-06, .nan, -.infinity]), shape: [3], expected: "tensor([1.0000e-05,        nan,       -inf])"),
        TensorFormatterCase("T([1e10,inf,0.])", .floating([10000000000.0, .infinity, 0.0]), shape: [3], expected: "tensor([1.0000e+10,        inf, 0.0000e+00])"),
        TensorFormatterCase("T([-nan, 2.])", .floating([-.nan, 2.0]), shape: [2], expected: "tensor([nan, 2.])"),
        TensorFormatterCase("T([nan, -2.5, 0.])", .floating([.nan, -2.5, 0.0]), shape: [3], expected: "tensor([    nan, -2.5000,  0.0000])"),
        TensorFormatterCase("T([[inf,1.],[0.,-2.]])", .floating([.infinity, 1.0, 0.0, -2.0]), shape: [2, 2], expected: """
            tensor([[inf,  1.],
                    [ 0., -2.]])
            """),
    ]

    static let integersAndBools: [TensorFormatterCase] = [
        TensorFormatterCase("T([1,2,3])", .integer([1, 2, 3]), shape: [3], dtype: "torch.int64", expected: "tensor([1, 2, 3])"),
        TensorFormatterCase("T([1,-100000])", .integer([1, -100000]), shape: [2], dtype: "torch.int64", expected: "tensor([      1, -100000])"),
        TensorFormatterCase("T([-5,10,3])", .integer([-5, 10, 3]), shape: [3], dtype: "torch.int64", expected: "tensor([-5, 10,  3])"),
        TensorFormatterCase("T([0,0])", .integer([0, 0]), shape: [2], dtype: "torch.int64", expected: "tensor([0, 0])"),
        TensorFormatterCase("T([1,2], dtype=torch.int32)", .integer([1, 2]), shape: [2], dtype: "torch.int32", expected: "tensor([1, 2], dtype=torch.int32)"),
        TensorFormatterCase("T([-128, 127], dtype=torch.int8)", .integer([-128, 127]), shape: [2], dtype: "torch.int8", expected: "tensor([-128,  127], dtype=torch.int8)"),
        TensorFormatterCase("T([0, 255], dtype=torch.uint8)", .integer([0, 255]), shape: [2], dtype: "torch.uint8", expected: "tensor([  0, 255], dtype=torch.uint8)"),
        TensorFormatterCase("T([7, -300], dtype=torch.int16)", .integer([7, -300]), shape: [2], dtype: "torch.int16", expected: "tensor([   7, -300], dtype=torch.int16)"),
        TensorFormatterCase("T([2**62, -1])", .integer([4611686018427387904, -1]), shape: [2], dtype: "torch.int64", expected: "tensor([4611686018427387904,                  -1])"),
        TensorFormatterCase("T([True,False])", .boolean([true, false]), shape: [2], dtype: "torch.bool", expected: "tensor([ True, False])"),
        TensorFormatterCase("T([True,True])", .boolean([true, true]), shape: [2], dtype: "torch.bool", expected: "tensor([True, True])"),
        TensorFormatterCase("T([False])", .boolean([false]), shape: [1], dtype: "torch.bool", expected: "tensor([False])"),
        TensorFormatterCase("T([[True,False],[False,True]])", .boolean([true, false, false, true]), shape: [2, 2], dtype: "torch.bool", expected: """
            tensor([[ True, False],
                    [False,  True]])
            """),
        TensorFormatterCase("T([[1,2],[3,4]], dtype=torch.int32)", .integer([1, 2, 3, 4]), shape: [2, 2], dtype: "torch.int32", expected: """
            tensor([[1, 2],
                    [3, 4]], dtype=torch.int32)
            """),
        TensorFormatterCase("T([[-1,20],[300,-4000]])", .integer([-1, 20, 300, -4000]), shape: [2, 2], dtype: "torch.int64", expected: """
            tensor([[   -1,    20],
                    [  300, -4000]])
            """),
    ]

    static let lineWrapping: [TensorFormatterCase] = [
        TensorFormatterCase("torch.ones(30)", .floating([1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]), shape: [30], expected: """
            tensor([1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1.,
                    1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1.])
            """),
        TensorFormatterCase("torch.linspace(0,3,10)", .floating([0.0, 0.3333333432674408, 0.6666666865348816, 1.0, 1.3333333730697632, 1.6666666269302368, 2.0, 2.3333332538604736, 2.6666667461395264, 3.0]), shape: [10], expected: """
            tensor([0.0000, 0.3333, 0.6667, 1.0000, 1.3333, 1.6667, 2.0000, 2.3333, 2.6667,
                    3.0000])
            """),
        TensorFormatterCase("torch.arange(30)", .integer([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29]), shape: [30], dtype: "torch.int64", expected: """
            tensor([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16, 17,
                    18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29])
            """),
        TensorFormatterCase("torch.arange(25, dtype=torch.float64)/7", .floating([0.0, 0.14285714285714285, 0.2857142857142857, 0.42857142857142855, 0.5714285714285714, 0.7142857142857143, 0.8571428571428571, 1.0, 1.1428571428571428, 1.2857142857142858, 1.4285714285714286, 1.5714285714285714, 1.7142857142857142, 1.8571428571428572, 2.0, 2.142857142857143, 2.2857142857142856, 2.4285714285714284, 2.5714285714285716, 2.7142857142857144, 2.857142857142857, 3.0, 3.142857142857143, 3.2857142857142856, 3.4285714285714284]), shape: [25], dtype: "torch.float64", expected: """
            tensor([0.0000, 0.1429, 0.2857, 0.4286, 0.5714, 0.7143, 0.8571, 1.0000, 1.1429,
                    1.2857, 1.4286, 1.5714, 1.7143, 1.8571, 2.0000, 2.1429, 2.2857, 2.4286,
                    2.5714, 2.7143, 2.8571, 3.0000, 3.1429, 3.2857, 3.4286],
                   dtype=torch.float64)
            """),
        TensorFormatterCase("torch.arange(40.).reshape(2,20)/3", .floating([0.0, 0.3333333432674408, 0.6666666865348816, 1.0, 1.3333333730697632, 1.6666666269302368, 2.0, 2.3333332538604736, 2.6666667461395264, 3.0, 3.3333332538604736, 3.6666667461395264, 4.0, 4.333333492279053, 4.666666507720947, 5.0, 5.333333492279053, 5.666666507720947, 6.0, 6.333333492279053, 6.666666507720947, 7.0, 7.333333492279053, 7.666666507720947, 8.0, 8.333333015441895, 8.666666984558105, 9.0, 9.333333015441895, 9.666666984558105, 10.0, 10.333333015441895, 10.666666984558105, 11.0, 11.333333015441895, 11.666666984558105, 12.0, 12.333333015441895, 12.666666984558105, 13.0]), shape: [2, 20], expected: """
            tensor([[ 0.0000,  0.3333,  0.6667,  1.0000,  1.3333,  1.6667,  2.0000,  2.3333,
                      2.6667,  3.0000,  3.3333,  3.6667,  4.0000,  4.3333,  4.6667,  5.0000,
                      5.3333,  5.6667,  6.0000,  6.3333],
                    [ 6.6667,  7.0000,  7.3333,  7.6667,  8.0000,  8.3333,  8.6667,  9.0000,
                      9.3333,  9.6667, 10.0000, 10.3333, 10.6667, 11.0000, 11.3333, 11.6667,
                     12.0000, 12.3333, 12.6667, 13.0000]])
            """),
        TensorFormatterCase("torch.arange(20)*100000", .integer([0, 100000, 200000, 300000, 400000, 500000, 600000, 700000, 800000, 900000, 1000000, 1100000, 1200000, 1300000, 1400000, 1500000, 1600000, 1700000, 1800000, 1900000]), shape: [20], dtype: "torch.int64", expected: """
            tensor([      0,  100000,  200000,  300000,  400000,  500000,  600000,  700000,
                     800000,  900000, 1000000, 1100000, 1200000, 1300000, 1400000, 1500000,
                    1600000, 1700000, 1800000, 1900000])
            """),
        TensorFormatterCase("torch.arange(19.)", .floating([0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0]), shape: [19], expected: """
            tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,
                    14., 15., 16., 17., 18.])
            """),
        TensorFormatterCase("torch.arange(20.)*1e-5", .floating([0.0, 9.999999747378752e-06, 1.9999999494757503e-05, 2.9999999242136255e-05, 3.9999998989515007e-05, 4.999999873689376e-05, 5.999999848427251e-05, 6.999999459367245e-05, 7.999999797903001e-05, 9.000000136438757e-05, 9.999999747378752e-05, 0.00010999999358318746, 0.00011999999696854502, 0.00013000000035390258, 0.0001399999891873449, 0.00014999999257270247, 0.00015999999595806003, 0.00016999999934341758, 0.00018000000272877514, 0.00018999999156221747]), shape: [20], expected: """
            tensor([0.0000e+00, 1.0000e-05, 2.0000e-05, 3.0000e-05, 4.0000e-05, 5.0000e-05,
                    6.0000e-05, 7.0000e-05, 8.0000e-05, 9.0000e-05, 1.0000e-04, 1.1000e-04,
                    1.2000e-04, 1.3000e-04, 1.4000e-04, 1.5000e-04, 1.6000e-04, 1.7000e-04,
                    1.8000e-04, 1.9000e-04])
            """),
        TensorFormatterCase("(torch.arange(12.)-6)*123.25", .floating([-739.5, -616.25, -493.0, -369.75, -246.5, -123.25, 0.0, 123.25, 246.5, 369.75, 493.0, 616.25]), shape: [12], expected: """
            tensor([-739.5000, -616.2500, -493.0000, -369.7500, -246.5000, -123.2500,
                       0.0000,  123.2500,  246.5000,  369.7500,  493.0000,  616.2500])
            """),
        TensorFormatterCase("torch.tensor([True,False]*15)", .boolean([true, false, true, false, true, false, true, false, true, false, true, false, true, false, true, false, true, false, true, false, true, false, true, false, true, false, true, false, true, false]), shape: [30], dtype: "torch.bool", expected: """
            tensor([ True, False,  True, False,  True, False,  True, False,  True, False,
                     True, False,  True, False,  True, False,  True, False,  True, False,
                     True, False,  True, False,  True, False,  True, False,  True, False])
            """),
        TensorFormatterCase("torch.arange(30, dtype=torch.int32)", .integer([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29]), shape: [30], dtype: "torch.int32", expected: """
            tensor([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16, 17,
                    18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29], dtype=torch.int32)
            """),
        TensorFormatterCase("torch.arange(60.).reshape(3,4,5)/7", .floating([0.0, 0.1428571492433548, 0.2857142984867096, 0.4285714328289032, 0.5714285969734192, 0.7142857313156128, 0.8571428656578064, 1.0, 1.1428571939468384, 1.2857142686843872, 1.4285714626312256, 1.5714285373687744, 1.7142857313156128, 1.8571428060531616, 2.0, 2.142857074737549, 2.2857143878936768, 2.4285714626312256, 2.5714285373687744, 2.7142856121063232, 2.857142925262451, 3.0, 3.142857074737549, 3.2857143878936768, 3.4285714626312256, 3.5714285373687744, 3.7142856121063232, 3.857142925262451, 4.0, 4.142857074737549, 4.285714149475098, 4.4285712242126465, 4.5714287757873535, 4.714285850524902, 4.857142925262451, 5.0, 5.142857074737549, 5.285714149475098, 5.4285712242126465, 5.5714287757873535, 5.714285850524902, 5.857142925262451, 6.0, 6.142857074737549, 6.285714149475098, 6.4285712242126465, 6.5714287757873535, 6.714285850524902, 6.857142925262451, 7.0, 7.142857074737549, 7.285714149475098, 7.4285712242126465, 7.5714287757873535, 7.714285850524902, 7.857142925262451, 8.0, 8.142857551574707, 8.285714149475098, 8.428571701049805]), shape: [3, 4, 5], expected: """
            tensor([[[0.0000, 0.1429, 0.2857, 0.4286, 0.5714],
                     [0.7143, 0.8571, 1.0000, 1.1429, 1.2857],
                     [1.4286, 1.5714, 1.7143, 1.8571, 2.0000],
                     [2.1429, 2.2857, 2.4286, 2.5714, 2.7143]],

                    [[2.8571, 3.0000, 3.1429, 3.2857, 3.4286],
                     [3.5714, 3.7143, 3.8571, 4.0000, 4.1429],
                     [4.2857, 4.4286, 4.5714, 4.7143, 4.8571],
                     [5.0000, 5.1429, 5.2857, 5.4286, 5.5714]],

                    [[5.7143, 5.8571, 6.0000, 6.1429, 6.2857],
                     [6.4286, 6.5714, 6.7143, 6.8571, 7.0000],
                     [7.1429, 7.2857, 7.4286, 7.5714, 7.7143],
                     [7.8571, 8.0000, 8.1429, 8.2857, 8.4286]]])
            """),
    ]

    static let multiDimensional: [TensorFormatterCase] = [
        TensorFormatterCase("torch.arange(6.).reshape(2,3)", .floating([0.0, 1.0, 2.0, 3.0, 4.0, 5.0]), shape: [2, 3], expected: """
            tensor([[0., 1., 2.],
                    [3., 4., 5.]])
            """),
        TensorFormatterCase("torch.arange(12.).reshape(2,2,3)", .floating([0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0]), shape: [2, 2, 3], expected: """
            tensor([[[ 0.,  1.,  2.],
                     [ 3.,  4.,  5.]],

                    [[ 6.,  7.,  8.],
                     [ 9., 10., 11.]]])
            """),
        TensorFormatterCase("torch.arange(16).reshape(2,2,2,2)", .integer([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]), shape: [2, 2, 2, 2], dtype: "torch.int64", expected: """
            tensor([[[[ 0,  1],
                      [ 2,  3]],

                     [[ 4,  5],
                      [ 6,  7]]],


                    [[[ 8,  9],
                      [10, 11]],

                     [[12, 13],
                      [14, 15]]]])
            """),
        TensorFormatterCase("torch.arange(16.).reshape(2,2,2,2)/4", .floating([0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5, 2.75, 3.0, 3.25, 3.5, 3.75]), shape: [2, 2, 2, 2], expected: """
            tensor([[[[0.0000, 0.2500],
                      [0.5000, 0.7500]],

                     [[1.0000, 1.2500],
                      [1.5000, 1.7500]]],


                    [[[2.0000, 2.2500],
                      [2.5000, 2.7500]],

                     [[3.0000, 3.2500],
                      [3.5000, 3.7500]]]])
            """),
        TensorFormatterCase("torch.zeros(1,1)", .floating([0.0]), shape: [1, 1], expected: "tensor([[0.]])"),
        TensorFormatterCase("torch.ones(1,2,1)", .floating([1.0, 1.0]), shape: [1, 2, 1], expected: """
            tensor([[[1.],
                     [1.]]])
            """),
        TensorFormatterCase("torch.arange(6).reshape(3,2)-3", .integer([-3, -2, -1, 0, 1, 2]), shape: [3, 2], dtype: "torch.int64", expected: """
            tensor([[-3, -2],
                    [-1,  0],
                    [ 1,  2]])
            """),
        TensorFormatterCase("torch.tensor([[1e-5,1.],[2.,3.]])", .floating([9.999999747378752e-06, 1.0, 2.0, 3.0]), shape: [2, 2], expected: """
            tensor([[1.0000e-05, 1.0000e+00],
                    [2.0000e+00, 3.0000e+00]])
            """),
        TensorFormatterCase("torch.tensor([[0.5,-1.25],[100.,2.]], dtype=torch.float64)", .floating([0.5, -1.25, 100.0, 2.0]), shape: [2, 2], dtype: "torch.float64", expected: """
            tensor([[  0.5000,  -1.2500],
                    [100.0000,   2.0000]], dtype=torch.float64)
            """),
        TensorFormatterCase("torch.arange(24).reshape(2,3,4).to(torch.int32)", .integer([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23]), shape: [2, 3, 4], dtype: "torch.int32", expected: """
            tensor([[[ 0,  1,  2,  3],
                     [ 4,  5,  6,  7],
                     [ 8,  9, 10, 11]],

                    [[12, 13, 14, 15],
                     [16, 17, 18, 19],
                     [20, 21, 22, 23]]], dtype=torch.int32)
            """),
        TensorFormatterCase("torch.ones(2,1,1,1,2)", .floating([1.0, 1.0, 1.0, 1.0]), shape: [2, 1, 1, 1, 2], expected: """
            tensor([[[[[1., 1.]]]],



                    [[[[1., 1.]]]]])
            """),
        TensorFormatterCase("torch.tensor([[[True]]])", .boolean([true]), shape: [1, 1, 1], dtype: "torch.bool", expected: "tensor([[[True]]])"),
    ]

    static let empty: [TensorFormatterCase] = [
        TensorFormatterCase("T([])", .floating([]), shape: [0], expected: "tensor([])"),
        TensorFormatterCase("T([], dtype=torch.int64)", .integer([]), shape: [0], dtype: "torch.int64", expected: "tensor([], dtype=torch.int64)"),
        TensorFormatterCase("torch.zeros(0,3)", .floating([]), shape: [0, 3], expected: "tensor([], size=(0, 3))"),
        TensorFormatterCase("torch.zeros(0,3,dtype=torch.int32)", .integer([]), shape: [0, 3], dtype: "torch.int32", expected: "tensor([], size=(0, 3), dtype=torch.int32)"),
        TensorFormatterCase("torch.zeros(2,0)", .floating([]), shape: [2, 0], expected: "tensor([], size=(2, 0))"),
        TensorFormatterCase("torch.zeros(0, dtype=torch.bool)", .boolean([]), shape: [0], dtype: "torch.bool", expected: "tensor([], dtype=torch.bool)"),
        TensorFormatterCase("torch.zeros(0, dtype=torch.float64)", .floating([]), shape: [0], dtype: "torch.float64", expected: "tensor([], dtype=torch.float64)"),
        TensorFormatterCase("torch.zeros(3,0,2)", .floating([]), shape: [3, 0, 2], expected: "tensor([], size=(3, 0, 2))"),
        TensorFormatterCase("torch.zeros(0, requires_grad=True)", .floating([]), shape: [0], requiresGrad: true, expected: "tensor([], requires_grad=True)"),
        TensorFormatterCase("torch.zeros(0,3, dtype=torch.float64, requires_grad=True)", .floating([]), shape: [0, 3], dtype: "torch.float64", requiresGrad: true, expected: "tensor([], size=(0, 3), dtype=torch.float64, requires_grad=True)"),
        TensorFormatterCase("mul(torch.zeros(0,3, requires_grad=True))", .floating([]), shape: [0, 3], gradFn: "MulBackward0", expected: "tensor([], size=(0, 3), grad_fn=<MulBackward0>)"),
    ]

    static let suffixes: [TensorFormatterCase] = [
        TensorFormatterCase("T([1.,2.], dtype=torch.float64)", .floating([1.0, 2.0]), shape: [2], dtype: "torch.float64", expected: "tensor([1., 2.], dtype=torch.float64)"),
        TensorFormatterCase("rg([1.,2.])", .floating([1.0, 2.0]), shape: [2], requiresGrad: true, expected: "tensor([1., 2.], requires_grad=True)"),
        TensorFormatterCase("mul(rg([1.,2.]))*2", .floating([2.0, 4.0]), shape: [2], gradFn: "MulBackward0", expected: "tensor([2., 4.], grad_fn=<MulBackward0>)"),
        TensorFormatterCase("mul(rg([1.,2.], dtype=torch.float64))*2", .floating([2.0, 4.0]), shape: [2], dtype: "torch.float64", gradFn: "MulBackward0", expected: "tensor([2., 4.], dtype=torch.float64, grad_fn=<MulBackward0>)"),
        TensorFormatterCase("rg(3.5)", .floating([3.5]), shape: [], requiresGrad: true, expected: "tensor(3.5000, requires_grad=True)"),
        TensorFormatterCase("rg([0.,1.5,3.,4.5,6.,7.5])*1", .floating([0.0, 1.5, 3.0, 4.5, 6.0, 7.5]), shape: [6], gradFn: "MulBackward0", expected: """
            tensor([0.0000, 1.5000, 3.0000, 4.5000, 6.0000, 7.5000],
                   grad_fn=<MulBackward0>)
            """),
        TensorFormatterCase("rg([0.,1.5,3.,4.5,6.,7.5], dtype=torch.float64)*1", .floating([0.0, 1.5, 3.0, 4.5, 6.0, 7.5]), shape: [6], dtype: "torch.float64", gradFn: "MulBackward0", expected: """
            tensor([0.0000, 1.5000, 3.0000, 4.5000, 6.0000, 7.5000], dtype=torch.float64,
                   grad_fn=<MulBackward0>)
            """),
        TensorFormatterCase("rg([0.,1.5,3.,4.5,6.])*1", .floating([0.0, 1.5, 3.0, 4.5, 6.0]), shape: [5], gradFn: "MulBackward0", expected: "tensor([0.0000, 1.5000, 3.0000, 4.5000, 6.0000], grad_fn=<MulBackward0>)"),
        TensorFormatterCase("rg([1.,2.,3.,4.,5.,6.,7.,8.,9.,10.,11.,12.,13.,14.,15.,16.,17.])*1", .floating([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0]), shape: [17], gradFn: "MulBackward0", expected: """
            tensor([ 1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13., 14.,
                    15., 16., 17.], grad_fn=<MulBackward0>)
            """),
        TensorFormatterCase("rg([1.,2.,3.,4.,5.,6.,7.,8.,9.,10.,11.,12.,13.,14.,15.])+1", .floating([2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0]), shape: [15], gradFn: "AddBackward0", expected: """
            tensor([ 2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13., 14., 15.,
                    16.], grad_fn=<AddBackward0>)
            """),
        TensorFormatterCase("torch.arange(12., dtype=torch.float64).reshape(2,6)/7", .floating([0.0, 0.14285714285714285, 0.2857142857142857, 0.42857142857142855, 0.5714285714285714, 0.7142857142857143, 0.8571428571428571, 1.0, 1.1428571428571428, 1.2857142857142858, 1.4285714285714286, 1.5714285714285714]), shape: [2, 6], dtype: "torch.float64", expected: """
            tensor([[0.0000, 0.1429, 0.2857, 0.4286, 0.5714, 0.7143],
                    [0.8571, 1.0000, 1.1429, 1.2857, 1.4286, 1.5714]], dtype=torch.float64)
            """),
        TensorFormatterCase("(torch.arange(12., dtype=torch.float64).reshape(2,6)/7).requires_grad_()", .floating([0.0, 0.14285714285714285, 0.2857142857142857, 0.42857142857142855, 0.5714285714285714, 0.7142857142857143, 0.8571428571428571, 1.0, 1.1428571428571428, 1.2857142857142858, 1.4285714285714286, 1.5714285714285714]), shape: [2, 6], dtype: "torch.float64", requiresGrad: true, expected: """
            tensor([[0.0000, 0.1429, 0.2857, 0.4286, 0.5714, 0.7143],
                    [0.8571, 1.0000, 1.1429, 1.2857, 1.4286, 1.5714]], dtype=torch.float64,
                   requires_grad=True)
            """),
        TensorFormatterCase("rg([[1.,2.],[3.,4.]]).sum()", .floating([10.0]), shape: [], gradFn: "SumBackward0", expected: "tensor(10., grad_fn=<SumBackward0>)"),
        TensorFormatterCase("rg([1.,2.,3.,4.,5.,6.,7.,8.,9.,10.,11.,12.,13.,14.], dtype=torch.float64)*1", .floating([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0]), shape: [14], dtype: "torch.float64", gradFn: "MulBackward0", expected: """
            tensor([ 1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13., 14.],
                   dtype=torch.float64, grad_fn=<MulBackward0>)
            """),
        TensorFormatterCase("torch.tensor([1000000,2,3,4,5,6,7,8,9,10], dtype=torch.int32)", .integer([1000000, 2, 3, 4, 5, 6, 7, 8, 9, 10]), shape: [10], dtype: "torch.int32", expected: """
            tensor([1000000,       2,       3,       4,       5,       6,       7,       8,
                          9,      10], dtype=torch.int32)
            """),
        TensorFormatterCase("torch.tensor([100000,2,3,4,5,6,7,8,9,10,11], dtype=torch.int32)", .integer([100000, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), shape: [11], dtype: "torch.int32", expected: """
            tensor([100000,      2,      3,      4,      5,      6,      7,      8,      9,
                        10,     11], dtype=torch.int32)
            """),
        TensorFormatterCase("torch.tensor([[1.,2.],[3.,4.]], requires_grad=True).exp()", .floating([2.7182817459106445, 7.389056205749512, 20.08553695678711, 54.598148345947266]), shape: [2, 2], gradFn: "ExpBackward0", expected: """
            tensor([[ 2.7183,  7.3891],
                    [20.0855, 54.5981]], grad_fn=<ExpBackward0>)
            """),
    ]

    static let meta: [TensorFormatterCase] = [
        TensorFormatterCase("torch.empty(2,3, device='meta')", .floating([]), shape: [2, 3], device: "meta", expected: "tensor(..., device='meta', size=(2, 3))"),
        TensorFormatterCase("torch.empty(2,3, device='meta', dtype=torch.int64)", .integer([]), shape: [2, 3], dtype: "torch.int64", device: "meta", expected: "tensor(..., device='meta', size=(2, 3), dtype=torch.int64)"),
        TensorFormatterCase("torch.empty((), device='meta')", .floating([]), shape: [], device: "meta", expected: "tensor(..., device='meta', size=())"),
        TensorFormatterCase("torch.empty(0, device='meta')", .floating([]), shape: [0], device: "meta", expected: "tensor(..., device='meta', size=(0,))"),
        TensorFormatterCase("torch.empty(4, device='meta', dtype=torch.float64)", .floating([]), shape: [4], dtype: "torch.float64", device: "meta", expected: "tensor(..., device='meta', size=(4,), dtype=torch.float64)"),
    ]

}

// MARK: - Summarized expectations

/// `repr(t)` of the summarized tensors, from PyTorch 2.15.0.
enum SummarizedExpected {
    /// `torch.arange(1001)`
    static let arange1001 = "tensor([   0,    1,    2,  ...,  998,  999, 1000])"
    /// `torch.arange(1001.)`
    static let arange1001Float = "tensor([   0.,    1.,    2.,  ...,  998.,  999., 1000.])"
    /// `torch.arange(1002.)`
    static let arange1002Float = """
        tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 9.9900e+02, 1.0000e+03,
                1.0010e+03])
        """
    /// `torch.arange(1001) % 2 == 0`
    static let evenMask1001 = "tensor([ True, False,  True,  ...,  True, False,  True])"
    /// `torch.arange(1001., dtype=torch.float64).requires_grad_()`
    static let arange1001RequiresGrad = """
        tensor([   0.,    1.,    2.,  ...,  998.,  999., 1000.], dtype=torch.float64,
               requires_grad=True)
        """
    /// `torch.arange(1001.).requires_grad_() * 2`
    static let arange1001TimesTwo = """
        tensor([   0.,    2.,    4.,  ..., 1996., 1998., 2000.],
               grad_fn=<MulBackward0>)
        """
    /// `torch.arange(1600.).reshape(40, 40)`
    static let matrix40x40 = """
        tensor([[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 3.7000e+01, 3.8000e+01,
                 3.9000e+01],
                [4.0000e+01, 4.1000e+01, 4.2000e+01,  ..., 7.7000e+01, 7.8000e+01,
                 7.9000e+01],
                [8.0000e+01, 8.1000e+01, 8.2000e+01,  ..., 1.1700e+02, 1.1800e+02,
                 1.1900e+02],
                ...,
                [1.4800e+03, 1.4810e+03, 1.4820e+03,  ..., 1.5170e+03, 1.5180e+03,
                 1.5190e+03],
                [1.5200e+03, 1.5210e+03, 1.5220e+03,  ..., 1.5570e+03, 1.5580e+03,
                 1.5590e+03],
                [1.5600e+03, 1.5610e+03, 1.5620e+03,  ..., 1.5970e+03, 1.5980e+03,
                 1.5990e+03]])
        """
    /// `torch.arange(1200).reshape(2, 600)`
    static let matrix2x600 = """
        tensor([[   0,    1,    2,  ...,  597,  598,  599],
                [ 600,  601,  602,  ..., 1197, 1198, 1199]])
        """
    /// `torch.arange(1200.).reshape(600, 2) / 8`
    static let matrix600x2 = """
        tensor([[0.0000e+00, 1.2500e-01],
                [2.5000e-01, 3.7500e-01],
                [5.0000e-01, 6.2500e-01],
                ...,
                [1.4925e+02, 1.4938e+02],
                [1.4950e+02, 1.4962e+02],
                [1.4975e+02, 1.4988e+02]])
        """
    /// `torch.arange(1100).reshape(11, 10, 10)`
    static let cube11x10x10 = """
        tensor([[[   0,    1,    2,  ...,    7,    8,    9],
                 [  10,   11,   12,  ...,   17,   18,   19],
                 [  20,   21,   22,  ...,   27,   28,   29],
                 ...,
                 [  70,   71,   72,  ...,   77,   78,   79],
                 [  80,   81,   82,  ...,   87,   88,   89],
                 [  90,   91,   92,  ...,   97,   98,   99]],

                [[ 100,  101,  102,  ...,  107,  108,  109],
                 [ 110,  111,  112,  ...,  117,  118,  119],
                 [ 120,  121,  122,  ...,  127,  128,  129],
                 ...,
                 [ 170,  171,  172,  ...,  177,  178,  179],
                 [ 180,  181,  182,  ...,  187,  188,  189],
                 [ 190,  191,  192,  ...,  197,  198,  199]],

                [[ 200,  201,  202,  ...,  207,  208,  209],
                 [ 210,  211,  212,  ...,  217,  218,  219],
                 [ 220,  221,  222,  ...,  227,  228,  229],
                 ...,
                 [ 270,  271,  272,  ...,  277,  278,  279],
                 [ 280,  281,  282,  ...,  287,  288,  289],
                 [ 290,  291,  292,  ...,  297,  298,  299]],

                ...,

                [[ 800,  801,  802,  ...,  807,  808,  809],
                 [ 810,  811,  812,  ...,  817,  818,  819],
                 [ 820,  821,  822,  ...,  827,  828,  829],
                 ...,
                 [ 870,  871,  872,  ...,  877,  878,  879],
                 [ 880,  881,  882,  ...,  887,  888,  889],
                 [ 890,  891,  892,  ...,  897,  898,  899]],

                [[ 900,  901,  902,  ...,  907,  908,  909],
                 [ 910,  911,  912,  ...,  917,  918,  919],
                 [ 920,  921,  922,  ...,  927,  928,  929],
                 ...,
                 [ 970,  971,  972,  ...,  977,  978,  979],
                 [ 980,  981,  982,  ...,  987,  988,  989],
                 [ 990,  991,  992,  ...,  997,  998,  999]],

                [[1000, 1001, 1002,  ..., 1007, 1008, 1009],
                 [1010, 1011, 1012,  ..., 1017, 1018, 1019],
                 [1020, 1021, 1022,  ..., 1027, 1028, 1029],
                 ...,
                 [1070, 1071, 1072,  ..., 1077, 1078, 1079],
                 [1080, 1081, 1082,  ..., 1087, 1088, 1089],
                 [1090, 1091, 1092,  ..., 1097, 1098, 1099]]])
        """
    /// `torch.arange(1260).reshape(2, 3, 7, 30)`
    static let hyper2x3x7x30 = """
        tensor([[[[   0,    1,    2,  ...,   27,   28,   29],
                  [  30,   31,   32,  ...,   57,   58,   59],
                  [  60,   61,   62,  ...,   87,   88,   89],
                  ...,
                  [ 120,  121,  122,  ...,  147,  148,  149],
                  [ 150,  151,  152,  ...,  177,  178,  179],
                  [ 180,  181,  182,  ...,  207,  208,  209]],

                 [[ 210,  211,  212,  ...,  237,  238,  239],
                  [ 240,  241,  242,  ...,  267,  268,  269],
                  [ 270,  271,  272,  ...,  297,  298,  299],
                  ...,
                  [ 330,  331,  332,  ...,  357,  358,  359],
                  [ 360,  361,  362,  ...,  387,  388,  389],
                  [ 390,  391,  392,  ...,  417,  418,  419]],

                 [[ 420,  421,  422,  ...,  447,  448,  449],
                  [ 450,  451,  452,  ...,  477,  478,  479],
                  [ 480,  481,  482,  ...,  507,  508,  509],
                  ...,
                  [ 540,  541,  542,  ...,  567,  568,  569],
                  [ 570,  571,  572,  ...,  597,  598,  599],
                  [ 600,  601,  602,  ...,  627,  628,  629]]],


                [[[ 630,  631,  632,  ...,  657,  658,  659],
                  [ 660,  661,  662,  ...,  687,  688,  689],
                  [ 690,  691,  692,  ...,  717,  718,  719],
                  ...,
                  [ 750,  751,  752,  ...,  777,  778,  779],
                  [ 780,  781,  782,  ...,  807,  808,  809],
                  [ 810,  811,  812,  ...,  837,  838,  839]],

                 [[ 840,  841,  842,  ...,  867,  868,  869],
                  [ 870,  871,  872,  ...,  897,  898,  899],
                  [ 900,  901,  902,  ...,  927,  928,  929],
                  ...,
                  [ 960,  961,  962,  ...,  987,  988,  989],
                  [ 990,  991,  992,  ..., 1017, 1018, 1019],
                  [1020, 1021, 1022,  ..., 1047, 1048, 1049]],

                 [[1050, 1051, 1052,  ..., 1077, 1078, 1079],
                  [1080, 1081, 1082,  ..., 1107, 1108, 1109],
                  [1110, 1111, 1112,  ..., 1137, 1138, 1139],
                  ...,
                  [1170, 1171, 1172,  ..., 1197, 1198, 1199],
                  [1200, 1201, 1202,  ..., 1227, 1228, 1229],
                  [1230, 1231, 1232,  ..., 1257, 1258, 1259]]]])
        """
    /// `t = torch.ones(2000); t[1000] = 0.5`
    static let onesWithHiddenHalf = "tensor([1., 1., 1.,  ..., 1., 1., 1.])"
    /// `torch.arange(10990).as_strided((1000, 1000, 1000), (7, 3, 1))`
    static let billion = """
        tensor([[[    0,     1,     2,  ...,   997,   998,   999],
                 [    3,     4,     5,  ...,  1000,  1001,  1002],
                 [    6,     7,     8,  ...,  1003,  1004,  1005],
                 ...,
                 [ 2991,  2992,  2993,  ...,  3988,  3989,  3990],
                 [ 2994,  2995,  2996,  ...,  3991,  3992,  3993],
                 [ 2997,  2998,  2999,  ...,  3994,  3995,  3996]],

                [[    7,     8,     9,  ...,  1004,  1005,  1006],
                 [   10,    11,    12,  ...,  1007,  1008,  1009],
                 [   13,    14,    15,  ...,  1010,  1011,  1012],
                 ...,
                 [ 2998,  2999,  3000,  ...,  3995,  3996,  3997],
                 [ 3001,  3002,  3003,  ...,  3998,  3999,  4000],
                 [ 3004,  3005,  3006,  ...,  4001,  4002,  4003]],

                [[   14,    15,    16,  ...,  1011,  1012,  1013],
                 [   17,    18,    19,  ...,  1014,  1015,  1016],
                 [   20,    21,    22,  ...,  1017,  1018,  1019],
                 ...,
                 [ 3005,  3006,  3007,  ...,  4002,  4003,  4004],
                 [ 3008,  3009,  3010,  ...,  4005,  4006,  4007],
                 [ 3011,  3012,  3013,  ...,  4008,  4009,  4010]],

                ...,

                [[ 6979,  6980,  6981,  ...,  7976,  7977,  7978],
                 [ 6982,  6983,  6984,  ...,  7979,  7980,  7981],
                 [ 6985,  6986,  6987,  ...,  7982,  7983,  7984],
                 ...,
                 [ 9970,  9971,  9972,  ..., 10967, 10968, 10969],
                 [ 9973,  9974,  9975,  ..., 10970, 10971, 10972],
                 [ 9976,  9977,  9978,  ..., 10973, 10974, 10975]],

                [[ 6986,  6987,  6988,  ...,  7983,  7984,  7985],
                 [ 6989,  6990,  6991,  ...,  7986,  7987,  7988],
                 [ 6992,  6993,  6994,  ...,  7989,  7990,  7991],
                 ...,
                 [ 9977,  9978,  9979,  ..., 10974, 10975, 10976],
                 [ 9980,  9981,  9982,  ..., 10977, 10978, 10979],
                 [ 9983,  9984,  9985,  ..., 10980, 10981, 10982]],

                [[ 6993,  6994,  6995,  ...,  7990,  7991,  7992],
                 [ 6996,  6997,  6998,  ...,  7993,  7994,  7995],
                 [ 6999,  7000,  7001,  ...,  7996,  7997,  7998],
                 ...,
                 [ 9984,  9985,  9986,  ..., 10981, 10982, 10983],
                 [ 9987,  9988,  9989,  ..., 10984, 10985, 10986],
                 [ 9990,  9991,  9992,  ..., 10987, 10988, 10989]]])
        """
}
