// The public operations the error-scope fuzz test calls, by family. Each takes the draw's
// tensors `a` and `b`, integers `i`, `j`, `k` and doubles `x`, `y` wherever the operation takes
// a tensor, a size, a dim, an index or a number.

import Ember

extension ErrorScopeFuzzTests {
    static let operations: [FuzzOperation] = creation + views + elementwise + reductions + indexing
        + joining + products + autograd + conversions + surface

    // MARK: - Creation and random

    static let creation: [FuzzOperation] = [
        FuzzOperation("zeros") { _ = Tensor.zeros([$0.i, $0.j]) },
        FuzzOperation("ones int32") { _ = Tensor.ones([$0.i], dtype: .int32) },
        FuzzOperation("empty") { _ = Tensor.empty([$0.i, $0.j, $0.k]) },
        FuzzOperation("full float") { _ = Tensor.full([$0.i], .float($0.x)) },
        FuzzOperation("full int32") { _ = Tensor.full([$0.k], .int(Int64($0.i)), dtype: .int32) },
        FuzzOperation("full bool") { _ = Tensor.full([$0.j], .int(Int64($0.i)), dtype: .bool) },
        FuzzOperation("full like") { _ = Tensor.full(like: $0.a, .float($0.x), dtype: .int64) },
        FuzzOperation("eye") { _ = Tensor.eye($0.i, $0.j) },
        FuzzOperation("arange int") { _ = Tensor.arange($0.i, $0.j, step: $0.k) },
        FuzzOperation("arange int as float") { _ = Tensor.arange($0.i, $0.j, step: $0.k, dtype: .float32) },
        FuzzOperation("arange int32") { _ = Tensor.arange($0.i, $0.j, step: $0.k, dtype: .int32) },
        FuzzOperation("arange end") { _ = Tensor.arange($0.i) },
        FuzzOperation("arange double") { _ = Tensor.arange($0.x, $0.y, step: $0.x) },
        FuzzOperation("linspace") { _ = Tensor.linspace($0.x, $0.y, steps: $0.i) },
        FuzzOperation("rand") { _ = Tensor.rand([$0.i, $0.j], generator: Generator(seed: 1)) },
        FuzzOperation("randn") { _ = Tensor.randn([$0.i], dtype: .float64, generator: Generator(seed: 1)) },
        FuzzOperation("randint") { _ = Tensor.randint(low: $0.i, high: $0.j, [$0.k], generator: Generator(seed: 1)) },
        FuzzOperation("randint int32") {
            _ = Tensor.randint(low: $0.i, high: $0.j, [2], dtype: .int32, generator: Generator(seed: 1))
        },
        FuzzOperation("randint bool") { _ = Tensor.randint(low: $0.i, high: $0.j, [2], dtype: .bool) },
        FuzzOperation("randperm") { _ = Tensor.randperm($0.i, generator: Generator(seed: 1)) },
        FuzzOperation("uniform_") { $0.a.uniform_(from: $0.x, to: $0.y, generator: Generator(seed: 1)) },
        FuzzOperation("normal_") { $0.a.normal_(mean: $0.x, std: $0.y, generator: Generator(seed: 1)) },
        FuzzOperation("bernoulli_") { $0.a.bernoulli_(p: $0.x, generator: Generator(seed: 1)) },
        FuzzOperation("cuda factory") { _ = Tensor.zeros([$0.i], device: .cuda) },
        FuzzOperation("shape and data") { _ = Tensor(shape: [$0.i, $0.j], data: [1.0, 2, 3, 4]) },
        FuzzOperation("empty like") { _ = Tensor.empty(like: $0.a, dtype: .float64, requiresGrad: $0.i > 0) },
        FuzzOperation("requires grad factory") { _ = Tensor.ones([$0.i], dtype: .int64, requiresGrad: true) },
    ]

    // MARK: - Views and shapes

    static let views: [FuzzOperation] = [
        FuzzOperation("view") { _ = $0.a.view($0.i, $0.j) },
        FuzzOperation("reshape") { _ = $0.a.reshape($0.i, $0.j, $0.k) },
        FuzzOperation("asStrided") { _ = $0.a.asStrided([$0.i, $0.j], [$0.k, 1], storageOffset: $0.i) },
        FuzzOperation("asStrided zero strides") { _ = $0.a.asStrided([$0.i, $0.j], [0, 0]) },
        FuzzOperation("expand") { _ = $0.a.expand($0.i, $0.j) },
        FuzzOperation("expand 3") { _ = $0.a.expand($0.i, $0.j, $0.k) },
        FuzzOperation("narrow") { _ = $0.a.narrow(dim: $0.i, start: $0.j, length: $0.k) },
        FuzzOperation("select") { _ = $0.a.select(dim: $0.i, index: $0.j) },
        FuzzOperation("slice subscript") { _ = $0.a[.slice($0.i, $0.j, step: $0.k)] },
        FuzzOperation("slice to end") { _ = $0.a[.all, .slice($0.i, nil, step: max($0.k, 1))] },
        FuzzOperation("int subscript") { _ = $0.a[$0.i] },
        FuzzOperation("two int subscript") { _ = $0.a[$0.i, $0.j] },
        FuzzOperation("unfold") { _ = $0.a.unfold(dim: $0.i, size: $0.j, step: $0.k) },
        FuzzOperation("diagonal") { _ = $0.a.diagonal(offset: $0.i, dim1: $0.j, dim2: $0.k) },
        FuzzOperation("diagonal offset") { _ = $0.a.diagonal(offset: $0.i) },
        FuzzOperation("transpose") { _ = $0.a.transpose($0.i, $0.j) },
        FuzzOperation("permute") { _ = $0.a.permute($0.i, $0.j) },
        FuzzOperation("movedim") { _ = $0.a.movedim($0.i, $0.j) },
        FuzzOperation("squeeze") { _ = $0.a.squeeze(dim: $0.i) },
        FuzzOperation("unsqueeze") { _ = $0.a.unsqueeze(dim: $0.i) },
        FuzzOperation("flatten") { _ = $0.a.flatten(startDim: $0.i, endDim: $0.j) },
        FuzzOperation("unflatten") { _ = $0.a.unflatten(dim: $0.i, sizes: [$0.j, $0.k]) },
        FuzzOperation("split") { _ = $0.a.split($0.i, dim: $0.j) },
        FuzzOperation("split sizes") { _ = $0.a.split([$0.i, $0.j], dim: $0.k) },
        FuzzOperation("chunk") { _ = $0.a.chunk($0.i, dim: $0.j) },
        FuzzOperation("tensorSplit") { _ = $0.a.tensorSplit($0.i, dim: $0.j) },
        FuzzOperation("tensorSplit indices") { _ = $0.a.tensorSplit(indices: [$0.i, $0.j], dim: $0.k) },
        FuzzOperation("hsplit") { _ = $0.a.hsplit($0.i) },
        FuzzOperation("vsplit indices") { _ = $0.a.vsplit([$0.i, $0.j]) },
        FuzzOperation("unbind") { _ = $0.a.unbind(dim: $0.i) },
        FuzzOperation("repeat") { _ = $0.a.repeat($0.i, $0.j) },
        FuzzOperation("repeat 3") { _ = $0.a.repeat($0.i, $0.j, $0.k) },
        FuzzOperation("tile") { _ = $0.a.tile($0.i) },
        FuzzOperation("roll") { _ = $0.a.roll($0.i, dim: $0.j) },
        FuzzOperation("roll flat") { _ = $0.a.roll($0.i) },
        FuzzOperation("flip") { _ = $0.a.flip(dims: [$0.i]) },
        FuzzOperation("tril") { _ = $0.a.tril(diagonal: $0.i) },
        FuzzOperation("triu_") { $0.a.triu_(diagonal: $0.i) },
        FuzzOperation("view as") { _ = $0.a.view(as: $0.b) },
        FuzzOperation("expand as") { _ = $0.a.expand(as: $0.b) },
        FuzzOperation("description of a view") {
            let v = $0.a.expand($0.i, $0.j)
            if v.numel <= 1 << 12 || v.dim == 2 { _ = v.description }
        },
    ]

    // MARK: - Element-wise

    static let elementwise: [FuzzOperation] = [
        FuzzOperation("add") { _ = $0.a + $0.b },
        FuzzOperation("sub alpha") { _ = $0.a.sub($0.b, alpha: $0.x) },
        FuzzOperation("mul scalar") { _ = $0.a * $0.x },
        FuzzOperation("div") { _ = $0.a / $0.b },
        FuzzOperation("div floor") { _ = $0.a.div($0.b, roundingMode: .floor) },
        FuzzOperation("div trunc int") { _ = $0.a.div($0.i, roundingMode: .trunc) },
        FuzzOperation("remainder") { _ = $0.a % $0.b },
        FuzzOperation("remainder int") { _ = $0.a % $0.i },
        FuzzOperation("number remainder") { _ = $0.x % $0.a },
        FuzzOperation("floorDivide") { _ = $0.a.floorDivide($0.i) },
        FuzzOperation("fmod") { _ = $0.a.fmod($0.b) },
        FuzzOperation("pow") { _ = $0.a.pow($0.b) },
        FuzzOperation("pow scalar") { _ = $0.a.pow($0.x) },
        FuzzOperation("pow int") { _ = $0.a.pow($0.i) },
        FuzzOperation("scalar pow") { _ = Tensor.pow($0.x, $0.a) },
        FuzzOperation("atan2") { _ = $0.a.atan2($0.b) },
        FuzzOperation("maximum") { _ = $0.a.maximum($0.b) },
        FuzzOperation("bitwiseAnd") { _ = $0.a.bitwiseAnd($0.b) },
        FuzzOperation("bitwiseXor int") { _ = $0.a.bitwiseXor($0.i) },
        FuzzOperation("logicalOr") { _ = $0.a.logicalOr($0.b) },
        FuzzOperation("eq") { _ = $0.a .== $0.b },
        FuzzOperation("lt scalar") { _ = $0.a .< $0.x },
        FuzzOperation("where") { _ = Tensor.where($0.a .> 0, $0.a, $0.b) },
        FuzzOperation("where mask") { _ = $0.a.where($0.b, $0.x) },
        FuzzOperation("lerp") { _ = $0.a.lerp($0.b, $0.x) },
        FuzzOperation("xlogy") { _ = $0.a.xlogy($0.b) },
        FuzzOperation("clamp") { _ = $0.a.clamp(min: .float($0.x), max: .float($0.y)) },
        FuzzOperation("clamp int") { _ = $0.a.clamp(min: .int(Int64($0.i)), max: .int(Int64($0.j))) },
        FuzzOperation("clamp tensors") { _ = $0.a.clamp(min: $0.b, max: nil) },
        FuzzOperation("clampMin") { _ = $0.a.clampMin(.float($0.x)) },
        FuzzOperation("maskedFill") { _ = $0.a.maskedFill($0.b, $0.x) },
        FuzzOperation("maskedFill_") { $0.a.maskedFill_($0.b .> 0, $0.i) },
        FuzzOperation("add_") { $0.a.add_($0.b) },
        FuzzOperation("mul_ scalar") { $0.a.mul_($0.x) },
        FuzzOperation("div_ int") { $0.a.div_($0.i) },
        FuzzOperation("pow_") { $0.a.pow_($0.b) },
        FuzzOperation("copy_") { $0.a.copy_($0.b) },
        FuzzOperation("fill_ float") { $0.a.fill_(.float($0.x)) },
        FuzzOperation("fill_ int") { $0.a.fill_(.int(Int64($0.i))) },
        FuzzOperation("compound add") { var t = $0.a; t += $0.b },
        FuzzOperation("exp") { _ = $0.a.exp() },
        FuzzOperation("log") { _ = $0.a.log() },
        FuzzOperation("sqrt_") { $0.a.sqrt_() },
        FuzzOperation("sigmoid") { _ = $0.a.sigmoid() },
        FuzzOperation("tanh") { _ = $0.a.tanh() },
        FuzzOperation("relu") { _ = $0.a.relu() },
        FuzzOperation("gelu") { _ = $0.a.gelu(approximate: $0.i > 0 ? .tanh : .none) },
        FuzzOperation("silu_") { $0.a.silu_() },
        FuzzOperation("mish") { _ = $0.a.mish() },
        FuzzOperation("softplus") { _ = $0.a.softplus(beta: $0.x, threshold: $0.y) },
        FuzzOperation("elu") { _ = $0.a.elu(alpha: $0.x) },
        FuzzOperation("leakyRelu") { _ = $0.a.leakyRelu(negativeSlope: $0.x) },
        FuzzOperation("hardtanh") { _ = $0.a.hardtanh(minValue: $0.x, maxValue: $0.y) },
        FuzzOperation("logit") { _ = $0.a.logit(eps: $0.x) },
        FuzzOperation("nanToNum") { _ = $0.a.nanToNum(nan: $0.x, posinf: $0.y, neginf: nil) },
        FuzzOperation("round") { _ = $0.a.round() },
        FuzzOperation("sign") { _ = $0.a.sign() },
        FuzzOperation("abs_") { $0.a.abs_() },
        FuzzOperation("neg") { _ = -$0.a },
        FuzzOperation("reciprocal") { _ = $0.a.reciprocal() },
        FuzzOperation("frac") { _ = $0.a.frac() },
        FuzzOperation("isnan") { _ = $0.a.isnan() },
        FuzzOperation("logicalNot") { _ = $0.a.logicalNot() },
        FuzzOperation("erf") { _ = $0.a.erf() },
        FuzzOperation("square") { _ = $0.a.square() },
    ]

    // MARK: - Reductions, scans, sorting

    static let reductions: [FuzzOperation] = [
        FuzzOperation("sum dim") { _ = $0.a.sum(dim: $0.i) },
        FuzzOperation("sum dims") { _ = $0.a.sum(dims: [$0.i, $0.j], keepdim: true) },
        FuzzOperation("sum dtype") { _ = $0.a.sum(dtype: .int32) },
        FuzzOperation("mean") { _ = $0.a.mean(dim: $0.i) },
        FuzzOperation("prod") { _ = $0.a.prod(dim: $0.i) },
        FuzzOperation("amax dims") { _ = $0.a.amax(dims: [$0.i, $0.j]) },
        FuzzOperation("amin") { _ = $0.a.amin() },
        FuzzOperation("max") { _ = $0.a.max() },
        FuzzOperation("max dim") { _ = $0.a.max(dim: $0.i) },
        FuzzOperation("argmin") { _ = $0.a.argmin(dim: $0.i, keepdim: true) },
        FuzzOperation("var") { _ = $0.a.var(dim: $0.i, correction: $0.x) },
        FuzzOperation("std") { _ = $0.a.std(correction: $0.x) },
        FuzzOperation("norm p") { _ = $0.a.norm(.p($0.x), dim: $0.i) },
        FuzzOperation("norm") { _ = $0.a.norm() },
        FuzzOperation("logsumexp") { _ = $0.a.logsumexp(dim: $0.i) },
        FuzzOperation("all") { _ = $0.a.all(dim: $0.i) },
        FuzzOperation("any") { _ = $0.a.any() },
        FuzzOperation("countNonzero") { _ = $0.a.countNonzero(dim: $0.i) },
        FuzzOperation("cumsum") { _ = $0.a.cumsum(dim: $0.i) },
        FuzzOperation("cumprod") { _ = $0.a.cumprod(dim: $0.i, dtype: .float64) },
        FuzzOperation("softmax") { _ = $0.a.softmax(dim: $0.i) },
        FuzzOperation("logSoftmax") { _ = $0.a.logSoftmax(dim: $0.i, dtype: .float64) },
        FuzzOperation("sort") { _ = $0.a.sort(dim: $0.i, descending: $0.j > 0) },
        FuzzOperation("argsort") { _ = $0.a.argsort(dim: $0.i, stable: true) },
        FuzzOperation("topk") { _ = $0.a.topk($0.i, dim: $0.j) },
        FuzzOperation("kthvalue") { _ = $0.a.kthvalue($0.i, dim: $0.j) },
        FuzzOperation("unique") { _ = $0.a.unique(sorted: true, returnInverse: true, returnCounts: true) },
        FuzzOperation("unique dim") { _ = $0.a.unique(dim: $0.i) },
        FuzzOperation("layerNorm") { _ = $0.a.layerNorm(normalizedShape: [$0.i], eps: $0.x) },
        FuzzOperation("item") { _ = $0.a.item() },
        FuzzOperation("item as int") { _ = $0.a.item(as: Int32.self) },
        FuzzOperation("size") { _ = $0.a.size($0.i) },
        FuzzOperation("stride") { _ = $0.a.stride($0.i) },
    ]

    // MARK: - Indexing

    static let indexing: [FuzzOperation] = [
        FuzzOperation("gather") { _ = $0.a.gather(dim: $0.i, index: $0.b) },
        FuzzOperation("indexSelect") { _ = $0.a.indexSelect(dim: $0.i, index: $0.b) },
        FuzzOperation("take") { _ = $0.a.take($0.b) },
        FuzzOperation("tensor subscript") { _ = $0.a[$0.b] },
        FuzzOperation("tensor subscript set") { $0.a[$0.b] = Tensor($0.x) },
        FuzzOperation("int subscript set") { $0.a[$0.i] = Tensor($0.x) },
        FuzzOperation("scatter value") { _ = $0.a.scatter(dim: $0.i, index: $0.b, value: .float($0.x)) },
        FuzzOperation("scatterAdd") { _ = $0.a.scatterAdd(dim: $0.i, index: $0.b, src: $0.a) },
        FuzzOperation("scatterReduce") {
            _ = $0.a.scatterReduce(dim: $0.i, index: $0.b, src: $0.a, reduce: .amax, includeSelf: $0.j > 0)
        },
        FuzzOperation("indexAdd_") { $0.a.indexAdd_(dim: $0.i, index: $0.b, source: $0.a) },
        FuzzOperation("indexFill") { _ = $0.a.indexFill(dim: $0.i, index: $0.b, value: $0.x) },
        FuzzOperation("indexCopy") { _ = $0.a.indexCopy(dim: $0.i, index: $0.b, source: $0.a) },
        FuzzOperation("maskedSelect") { _ = $0.a.maskedSelect($0.b) },
        FuzzOperation("maskedScatter") { _ = $0.a.maskedScatter($0.b .> 0, $0.a) },
        FuzzOperation("nonzero") { _ = $0.a.nonzero() },
        FuzzOperation("where condition") { _ = Tensor.where($0.a) },
        FuzzOperation("oneHot") { _ = $0.a.oneHot(numClasses: $0.i) },
    ]

    // MARK: - Joining

    static let joining: [FuzzOperation] = [
        FuzzOperation("cat") { _ = Tensor.cat([$0.a, $0.b], dim: $0.i) },
        FuzzOperation("cat empty list") { _ = Tensor.cat([], dim: $0.i) },
        FuzzOperation("stack") { _ = Tensor.stack([$0.a, $0.b], dim: $0.i) },
        FuzzOperation("hstack") { _ = Tensor.hstack([$0.a, $0.b]) },
        FuzzOperation("vstack") { _ = Tensor.vstack([$0.a, $0.b]) },
        FuzzOperation("dstack") { _ = Tensor.dstack([$0.a, $0.b]) },
    ]

    // MARK: - Products

    static let products: [FuzzOperation] = [
        FuzzOperation("matmul") { _ = $0.a.matmul($0.b) },
        FuzzOperation("mm") { _ = $0.a.mm($0.b) },
        FuzzOperation("bmm") { _ = $0.a.bmm($0.b) },
        FuzzOperation("mv") { _ = $0.a.mv($0.b) },
        FuzzOperation("dot") { _ = $0.a.dot($0.b) },
        FuzzOperation("outer") { _ = $0.a.outer($0.b) },
        FuzzOperation("addmm") { _ = $0.a.addmm($0.a, $0.b, beta: .float($0.x), alpha: .float($0.y)) },
        FuzzOperation("baddbmm") { _ = $0.a.baddbmm($0.b, $0.b) },
        FuzzOperation("einsum") { _ = Tensor.einsum("ij,jk->ik", $0.a, $0.b) },
        FuzzOperation("einsum bad") { _ = Tensor.einsum("i...i,->", $0.a, $0.b) },
    ]

    // MARK: - Autograd

    static let autograd: [FuzzOperation] = [
        FuzzOperation("backward with gradient") { try $0.a.backward(gradient: $0.b) },
        FuzzOperation("backward of a sum") { try ($0.a * $0.x).sum().backward() },
        FuzzOperation("backward twice") {
            let y = ($0.a * $0.a).sum()
            try y.backward(retainGraph: true)
            try y.backward()
            try y.backward()
        },
        FuzzOperation("hook changing the size") {
            let r = $0.a * 2
            let b = $0.b
            r.registerHook { _ in b }
            try r.sum().backward()
        },
        FuzzOperation("requiresGrad_") { $0.a.requiresGrad_(true) },
        FuzzOperation("retainGrad") { $0.a.retainGrad() },
        FuzzOperation("detach") { _ = $0.a.detach().add_($0.x) },
        FuzzOperation("in-place on a leaf") { $0.a.requiresGrad_(true).mul_($0.x) },
        FuzzOperation("gradcheck-like double backward") {
            let y = ($0.a.exp() * $0.b).sum()
            try y.backward(createGraph: true)
        },
    ]

    // MARK: - Conversions and devices

    static let conversions: [FuzzOperation] = [
        FuzzOperation("to dtype") { _ = $0.a.to(.int32) },
        FuzzOperation("to cuda") { _ = $0.a.to(.cuda) },
        FuzzOperation("to device and dtype") { _ = $0.a.to(device: .cuda, dtype: .float64) },
        FuzzOperation("bool") { _ = $0.a.bool() },
        FuzzOperation("contiguous") { _ = $0.a.contiguous() },
        FuzzOperation("scalars") { _ = $0.a.scalars(as: Int32.self) },
        FuzzOperation("description") { _ = $0.a.description },
    ]
}

// MARK: - The rest of the op surface

extension ErrorScopeFuzzTests {
    static let surface: [FuzzOperation] = [
        FuzzOperation("nansum") { _ = $0.a.nansum(dim: $0.i, keepdim: true) },
        FuzzOperation("nanmean") { _ = $0.a.nanmean(dims: [$0.i, $0.j]) },
        FuzzOperation("median") { _ = $0.a.median(dim: $0.i) },
        FuzzOperation("nanmedian") { _ = $0.a.nanmedian() },
        FuzzOperation("mode") { _ = $0.a.mode(dim: $0.i) },
        FuzzOperation("aminmax") { _ = $0.a.aminmax(dim: $0.i) },
        FuzzOperation("varMean") { _ = $0.a.varMean(dim: $0.i, correction: $0.x) },
        FuzzOperation("stdMean") { _ = $0.a.stdMean(correction: $0.x) },
        FuzzOperation("quantile") { _ = $0.a.quantile($0.x, dim: $0.i, interpolation: .nearest) },
        FuzzOperation("nanquantile tensor") { _ = $0.a.nanquantile($0.b, dim: $0.i) },
        FuzzOperation("cummax") { _ = $0.a.cummax(dim: $0.i) },
        FuzzOperation("logcumsumexp") { _ = $0.a.logcumsumexp(dim: $0.i) },
        FuzzOperation("msort") { _ = $0.a.msort() },
        FuzzOperation("histc") { _ = $0.a.histc(bins: $0.i, min: $0.x, max: $0.y) },
        FuzzOperation("bincount") { _ = $0.a.bincount(weights: $0.b, minlength: $0.i) },
        FuzzOperation("bucketize") { _ = $0.a.bucketize(boundaries: $0.b, right: $0.i > 0) },
        FuzzOperation("uniqueConsecutive") { _ = $0.a.uniqueConsecutive(returnInverse: true, returnCounts: true, dim: $0.i) },
        FuzzOperation("fmax") { _ = $0.a.fmax($0.b) },
        FuzzOperation("hypot") { _ = $0.a.hypot($0.b) },
        FuzzOperation("logaddexp2") { _ = $0.a.logaddexp2($0.b) },
        FuzzOperation("copysign") { _ = $0.a.copysign($0.x) },
        FuzzOperation("floatPower") { _ = $0.a.floatPower($0.b) },
        FuzzOperation("clip") { _ = $0.a.clip(min: .float($0.x), max: .float($0.y)) },
        FuzzOperation("special unary") { _ = ($0.a.asinh(), $0.a.acosh(), $0.a.atanh(), $0.a.erfc(), $0.a.erfinv()) },
        FuzzOperation("gamma functions") { _ = ($0.a.lgamma(), $0.a.digamma(), $0.a.sgn(), $0.a.signbit()) },
        FuzzOperation("bitwiseNot") { _ = $0.a.bitwiseNot() },
        FuzzOperation("shifts") { _ = ($0.a.bitwiseLeftShift($0.i), $0.a.bitwiseRightShift($0.b)) },
        FuzzOperation("number on the left") { _ = (Tensor.floorDivide($0.i, $0.a), Tensor.bitwiseAnd($0.j, $0.a)) },
        FuzzOperation("round decimals") { _ = $0.a.round(decimals: $0.i) },
        FuzzOperation("takeAlongDim") { _ = $0.a.takeAlongDim($0.b, dim: $0.i) },
        FuzzOperation("put_") { $0.a.put_(index: $0.b, source: $0.a, accumulate: $0.i > 0) },
        FuzzOperation("indexReduce") { _ = $0.a.indexReduce(dim: $0.i, index: $0.b, source: $0.a, reduce: .prod) },
        FuzzOperation("diagonalScatter") { _ = $0.a.diagonalScatter($0.b, offset: $0.i, dim1: $0.j, dim2: $0.k) },
        FuzzOperation("selectScatter") { _ = $0.a.selectScatter($0.b, dim: $0.i, index: $0.j) },
        FuzzOperation("sliceScatter") { _ = $0.a.sliceScatter($0.b, dim: $0.i, start: $0.j, end: $0.k, step: max($0.k, 1)) },
        FuzzOperation("argwhere") { _ = $0.a.argwhere() },
        FuzzOperation("diff") { _ = $0.a.diff(n: $0.i, dim: $0.j, prepend: $0.b) },
        FuzzOperation("cross") { _ = $0.a.cross($0.b, dim: $0.i) },
        FuzzOperation("trace") { _ = $0.a.trace() },
        FuzzOperation("trilIndices") { _ = Tensor.trilIndices(row: $0.i, col: $0.j, offset: $0.k) },
        FuzzOperation("triuIndices") { _ = Tensor.triuIndices(row: $0.i, col: $0.j, offset: $0.k, dtype: .int32) },
        FuzzOperation("meshgrid") { _ = Tensor.meshgrid([$0.a, $0.b], indexing: .xy) },
        FuzzOperation("cartesianProd") { _ = Tensor.cartesianProd([$0.a, $0.b]) },
        FuzzOperation("combinations") { _ = $0.a.combinations(r: $0.i, withReplacement: $0.j > 0) },
        FuzzOperation("cdist") { _ = $0.a.cdist($0.b, p: $0.x) },
        FuzzOperation("dist") { _ = $0.a.dist($0.b, p: $0.x) },
        FuzzOperation("column and row stacks") { _ = (Tensor.columnStack([$0.a, $0.b]), Tensor.rowStack([$0.a, $0.b])) },
        FuzzOperation("addmv") { _ = $0.a.addmv($0.b, $0.a, beta: .float($0.x)) },
        FuzzOperation("addbmm") { _ = $0.a.addbmm($0.b, $0.b) },
        FuzzOperation("addr") { _ = $0.a.addr($0.b, $0.a, alpha: .float($0.y)) },
        FuzzOperation("vdot and inner") { _ = ($0.a.vdot($0.b), $0.a.inner($0.b)) },
        FuzzOperation("tensordot") { _ = $0.a.tensordot($0.b, dims: $0.i) },
        FuzzOperation("tensordot lists") { _ = $0.a.tensordot($0.b, dims: ([$0.i], [$0.j])) },
        FuzzOperation("kron") { _ = $0.a.kron($0.b) },
        FuzzOperation("multiDot") { _ = Tensor.multiDot([$0.a, $0.b, $0.a]) },
        FuzzOperation("list subscript") { _ = $0.a[[$0.i, $0.j]] },
        FuzzOperation("list subscript set") { $0.a[[$0.i, 0]] = Tensor($0.x) },
    ]
}
