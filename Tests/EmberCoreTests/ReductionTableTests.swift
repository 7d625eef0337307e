// ReductionTableTests.swift
//
// Every reduction, on every dtype and every layout variant (contiguous, transposed, sliced,
// offset, transposed-and-sliced, expanded), against PyTorch 2's results. The table below was
// printed by PyTorch from the same expressions written in Python
// (for example `x.sum((0,2))` for `x.sum(dims: [0, 2])`), with
//     x = torch.tensor(DATA, dtype=torch.float64).reshape(2, 3, 4).to(dtype)
// for the two data sets below. Cases PyTorch rejects for a dtype (mean of int64, argmax of bool,
// softmax of integers...) are absent from the table; their errors are tested elsewhere.
// Rows marked exact compare bit for bit; the others (var, std, norm, logsumexp, softmax) within
// a few ulps, since the order of floating-point operations differs from PyTorch's.

import Testing
import Ember
import EmberTestSupport

enum ReductionTable {
    /// `((i * 7) % 11) - 5`: values -5...5 with repeats (ties for max/argmax) and zeros.
    static let mixed: [Double] = (0..<24).map { (i: Int) -> Double in
        let v: Int = (i * 7) % 11 - 5
        return Double(v)
    }
    /// Constant along dim 1, so the layout variants include an expanded (stride 0) one.
    static let constantAlongDim1: [Double] = (0..<24).map { (i: Int) -> Double in
        let pattern: [Double] = [3, -1, 0, 2, -4, 1, 5, -2]
        let k: Int = (i / 12) * 4 + i % 4
        return pattern[k]
    }

    static func data(_ name: String) -> [Double] { name == "mixed" ? mixed : constantAlongDim1 }

    /// The expressions of the table, as Swift closures.
    nonisolated(unsafe) static let ops: [String: (Tensor) -> Tensor] = [
        "x.sum()": { x in x.sum() },
        "x.sum(dim: 1)": { x in x.sum(dim: 1) },
        "x.sum(dims: [0, 2])": { x in x.sum(dims: [0, 2]) },
        "x.sum(dim: -1, keepdim: true)": { x in x.sum(dim: -1, keepdim: true) },
        "x.sum(dims: [])": { x in x.sum(dims: []) },
        "x.sum(dims: [2, 0, 1])": { x in x.sum(dims: [2, 0, 1]) },
        "x.sum(dtype: .float64)": { x in x.sum(dtype: .float64) },
        "x.sum(dim: 0, dtype: .int32)": { x in x.sum(dim: 0, dtype: .int32) },
        "x.prod()": { x in x.prod() },
        "x.prod(dim: 2)": { x in x.prod(dim: 2) },
        "x.prod(dim: 0, keepdim: true)": { x in x.prod(dim: 0, keepdim: true) },
        "x.mean()": { x in x.mean() },
        "x.mean(dim: 1)": { x in x.mean(dim: 1) },
        "x.mean(dims: [0, 2], keepdim: true)": { x in x.mean(dims: [0, 2], keepdim: true) },
        "x.mean(dtype: .float64)": { x in x.mean(dtype: .float64) },
        "x.max()": { x in x.max() },
        "x.min()": { x in x.min() },
        "x.max(dim: 1).values": { x in x.max(dim: 1).values },
        "x.max(dim: 1).indices": { x in x.max(dim: 1).indices },
        "x.max(dim: 0, keepdim: true).indices": { x in x.max(dim: 0, keepdim: true).indices },
        "x.min(dim: 2, keepdim: true).values": { x in x.min(dim: 2, keepdim: true).values },
        "x.min(dim: 2, keepdim: true).indices": { x in x.min(dim: 2, keepdim: true).indices },
        "x.min(dim: -3).indices": { x in x.min(dim: -3).indices },
        "x.amax()": { x in x.amax() },
        "x.amax(dims: [0, 2])": { x in x.amax(dims: [0, 2]) },
        "x.amin(dim: 1)": { x in x.amin(dim: 1) },
        "x.amin(dims: [1, 2], keepdim: true)": { x in x.amin(dims: [1, 2], keepdim: true) },
        "x.argmax()": { x in x.argmax() },
        "x.argmax(dim: 0)": { x in x.argmax(dim: 0) },
        "x.argmax(dim: 2)": { x in x.argmax(dim: 2) },
        "x.argmin()": { x in x.argmin() },
        "x.argmin(dim: 1, keepdim: true)": { x in x.argmin(dim: 1, keepdim: true) },
        "x.argmax(keepdim: true)": { x in x.argmax(keepdim: true) },
        "x.any()": { x in x.any() },
        "x.all()": { x in x.all() },
        "x.any(dim: 1)": { x in x.any(dim: 1) },
        "x.all(dim: 2)": { x in x.all(dim: 2) },
        "x.all(dim: 0, keepdim: true)": { x in x.all(dim: 0, keepdim: true) },
        "x.any(dims: [0, 2], keepdim: true)": { x in x.any(dims: [0, 2], keepdim: true) },
        "x.countNonzero()": { x in x.countNonzero() },
        "x.countNonzero(dim: 1)": { x in x.countNonzero(dim: 1) },
        "x.countNonzero(dims: [0, 2])": { x in x.countNonzero(dims: [0, 2]) },
        "x.cumsum(dim: 0)": { x in x.cumsum(dim: 0) },
        "x.cumsum(dim: 1)": { x in x.cumsum(dim: 1) },
        "x.cumsum(dim: -1)": { x in x.cumsum(dim: -1) },
        "x.cumsum(dim: 2, dtype: .float64)": { x in x.cumsum(dim: 2, dtype: .float64) },
        "x.cumprod(dim: 0)": { x in x.cumprod(dim: 0) },
        "x.cumprod(dim: 2)": { x in x.cumprod(dim: 2) },
        "x.var()": { x in x.var() },
        "x.var(dim: 1)": { x in x.var(dim: 1) },
        "x.var(dims: [0, 2], correction: 0, keepdim: true)": { x in x.var(dims: [0, 2], correction: 0, keepdim: true) },
        "x.std()": { x in x.std() },
        "x.std(dim: 2)": { x in x.std(dim: 2) },
        "x.std(dims: [0, 1], correction: 2)": { x in x.std(dims: [0, 1], correction: 2) },
        "x.norm()": { x in x.norm() },
        "x.norm(1, dims: [1])": { x in x.norm(1, dims: [1]) },
        "x.norm(dim: 2, keepdim: true)": { x in x.norm(dim: 2, keepdim: true) },
        "x.norm(.infinity, dim: 2)": { x in x.norm(.infinity, dim: 2) },
        "x.norm(.negativeInfinity)": { x in x.norm(.negativeInfinity) },
        "x.norm(3, dim: 0)": { x in x.norm(3, dim: 0) },
        "x.norm(0)": { x in x.norm(0) },
        "x.norm(0.5, dim: 1)": { x in x.norm(0.5, dim: 1) },
        "x.norm(.fro, dims: [0, 1])": { x in x.norm(.fro, dims: [0, 1]) },
        "x.logsumexp(dim: 1)": { x in x.logsumexp(dim: 1) },
        "x.logsumexp(dims: [0, 2], keepdim: true)": { x in x.logsumexp(dims: [0, 2], keepdim: true) },
        "x.softmax(dim: 1)": { x in x.softmax(dim: 1) },
        "x.softmax(dim: 0)": { x in x.softmax(dim: 0) },
        "x.softmax(dim: -1)": { x in x.softmax(dim: -1) },
        "x.logSoftmax(dim: 0)": { x in x.logSoftmax(dim: 0) },
        "x.logSoftmax(dim: 2)": { x in x.logSoftmax(dim: 2) },
        "x.softmax(dim: 2, dtype: .float64)": { x in x.softmax(dim: 2, dtype: .float64) },
    ]

    /// The expressions compared bit for bit.
    static let exact: Set<String> = [
        "x.sum()",
        "x.sum(dim: 1)",
        "x.sum(dims: [0, 2])",
        "x.sum(dim: -1, keepdim: true)",
        "x.sum(dims: [])",
        "x.sum(dims: [2, 0, 1])",
        "x.sum(dtype: .float64)",
        "x.sum(dim: 0, dtype: .int32)",
        "x.prod()",
        "x.prod(dim: 2)",
        "x.prod(dim: 0, keepdim: true)",
        "x.mean()",
        "x.mean(dim: 1)",
        "x.mean(dims: [0, 2], keepdim: true)",
        "x.mean(dtype: .float64)",
        "x.max()",
        "x.min()",
        "x.max(dim: 1).values",
        "x.max(dim: 1).indices",
        "x.max(dim: 0, keepdim: true).indices",
        "x.min(dim: 2, keepdim: true).values",
        "x.min(dim: 2, keepdim: true).indices",
        "x.min(dim: -3).indices",
        "x.amax()",
        "x.amax(dims: [0, 2])",
        "x.amin(dim: 1)",
        "x.amin(dims: [1, 2], keepdim: true)",
        "x.argmax()",
        "x.argmax(dim: 0)",
        "x.argmax(dim: 2)",
        "x.argmin()",
        "x.argmin(dim: 1, keepdim: true)",
        "x.argmax(keepdim: true)",
        "x.any()",
        "x.all()",
        "x.any(dim: 1)",
        "x.all(dim: 2)",
        "x.all(dim: 0, keepdim: true)",
        "x.any(dims: [0, 2], keepdim: true)",
        "x.countNonzero()",
        "x.countNonzero(dim: 1)",
        "x.countNonzero(dims: [0, 2])",
        "x.cumsum(dim: 0)",
        "x.cumsum(dim: 1)",
        "x.cumsum(dim: -1)",
        "x.cumsum(dim: 2, dtype: .float64)",
        "x.cumprod(dim: 0)",
        "x.cumprod(dim: 2)",
    ]

    struct Row {
        let dataset: String
        let dtype: DType
        let expression: String
        let resultDType: DType
        let shape: [Int]
        let values: [Double]
    }

    static func dtype(named name: String) -> DType {
        DType.allCases.first { $0.description == "torch." + name }!
    }

    /// `dataset|input dtype|expression|result dtype|shape|values`, one line per PyTorch result.
    static let rows: [Row] = text.split(separator: "\n").map { line in
        let f = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        return Row(dataset: f[0], dtype: dtype(named: f[1]), expression: f[2], resultDType: dtype(named: f[3]),
                   shape: f[4].isEmpty ? [] : f[4].split(separator: ",").map { Int($0)! },
                   values: f[5].split(separator: " ").map { Double($0)! })
    }

    static let text = """

mixed|float32|x.sum()|float32||-3.0
mixed|float32|x.sum(dim: 1)|float32|2,4|-8.0 2.0 1.0 0.0 2.0 1.0 0.0 -1.0
mixed|float32|x.sum(dims: [0, 2])|float32|3|6.0 -1.0 -8.0
mixed|float32|x.sum(dim: -1, keepdim: true)|float32|2,3,1|0.0 2.0 -7.0 6.0 -3.0 -1.0
mixed|float32|x.sum(dims: [])|float32||-3.0
mixed|float32|x.sum(dims: [2, 0, 1])|float32||-3.0
mixed|float32|x.sum(dtype: .float64)|float64||-3.0
mixed|float32|x.sum(dim: 0, dtype: .int32)|int32|3,4|-3 0 3 6 -2 1 4 -4 -1 2 -6 -3
mixed|float32|x.prod()|float32||-0.0
mixed|float32|x.prod(dim: 2)|float32|2,3|100.0 -0.0 -60.0 -20.0 0.0 30.0
mixed|float32|x.prod(dim: 0, keepdim: true)|float32|1,3,4|-10.0 -4.0 -10.0 5.0 -3.0 -12.0 0.0 -0.0 -12.0 -3.0 5.0 -10.0
mixed|float32|x.mean()|float32||-0.125
mixed|float32|x.mean(dim: 1)|float32|2,4|-2.6666667461395264 0.6666666865348816 0.3333333432674408 0.0 0.6666666865348816 0.3333333432674408 0.0 -0.3333333432674408
mixed|float32|x.mean(dims: [0, 2], keepdim: true)|float32|1,3,1|0.75 -0.125 -1.0
mixed|float32|x.mean(dtype: .float64)|float64||-0.125
mixed|float32|x.max()|float32||5.0
mixed|float32|x.min()|float32||-5.0
mixed|float32|x.max(dim: 1).values|float32|2,4|1.0 3.0 4.0 5.0 3.0 4.0 5.0 2.0
mixed|float32|x.max(dim: 1).indices|int64|2,4|1 2 1 0 2 1 0 2
mixed|float32|x.max(dim: 0, keepdim: true).indices|int64|1,3,4|1 0 1 0 0 1 0 0 1 0 0 1
mixed|float32|x.min(dim: 2, keepdim: true).values|float32|2,3,1|-5.0 -3.0 -5.0 -2.0 -4.0 -5.0
mixed|float32|x.min(dim: 2, keepdim: true).indices|int64|2,3,1|0 1 3 1 3 2
mixed|float32|x.min(dim: -3).indices|int64|3,4|0 1 0 1 1 0 1 1 0 1 1 0
mixed|float32|x.amax()|float32||5.0
mixed|float32|x.amax(dims: [0, 2])|float32|3|5.0 4.0 3.0
mixed|float32|x.amin(dim: 1)|float32|2,4|-5.0 -3.0 -2.0 -5.0 -3.0 -2.0 -5.0 -4.0
mixed|float32|x.amin(dims: [1, 2], keepdim: true)|float32|2,1,1|-5.0 -5.0
mixed|float32|x.argmax()|int64||3
mixed|float32|x.argmax(dim: 0)|int64|3,4|1 0 1 0 0 1 0 0 1 0 0 1
mixed|float32|x.argmax(dim: 2)|int64|2,3|3 2 1 2 1 0
mixed|float32|x.argmin()|int64||0
mixed|float32|x.argmin(dim: 1, keepdim: true)|int64|2,1,4|0 1 0 2 1 0 2 1
mixed|float32|x.argmax(keepdim: true)|int64|1,1,1|3
mixed|float32|x.any()|bool||1
mixed|float32|x.all()|bool||0
mixed|float32|x.any(dim: 1)|bool|2,4|1 1 1 1 1 1 1 1
mixed|float32|x.all(dim: 2)|bool|2,3|1 0 1 1 0 1
mixed|float32|x.all(dim: 0, keepdim: true)|bool|1,3,4|1 1 1 1 1 1 0 0 1 1 1 1
mixed|float32|x.any(dims: [0, 2], keepdim: true)|bool|1,3,1|1 1 1
mixed|float32|x.countNonzero()|int64||22
mixed|float32|x.countNonzero(dim: 1)|int64|2,4|3 3 3 2 3 3 2 3
mixed|float32|x.countNonzero(dims: [0, 2])|int64|3|8 6 8
mixed|float32|x.cumsum(dim: 0)|float32|2,3,4|-5.0 2.0 -2.0 5.0 1.0 -3.0 4.0 0.0 -4.0 3.0 -1.0 -5.0 -3.0 0.0 3.0 6.0 -2.0 1.0 4.0 -4.0 -1.0 2.0 -6.0 -3.0
mixed|float32|x.cumsum(dim: 1)|float32|2,3,4|-5.0 2.0 -2.0 5.0 -4.0 -1.0 2.0 5.0 -8.0 2.0 1.0 0.0 2.0 -2.0 5.0 1.0 -1.0 2.0 5.0 -3.0 2.0 1.0 0.0 -1.0
mixed|float32|x.cumsum(dim: -1)|float32|2,3,4|-5.0 -3.0 -5.0 0.0 1.0 -2.0 2.0 2.0 -4.0 -1.0 -2.0 -7.0 2.0 0.0 5.0 6.0 -3.0 1.0 1.0 -3.0 3.0 2.0 -3.0 -1.0
mixed|float32|x.cumsum(dim: 2, dtype: .float64)|float64|2,3,4|-5.0 -3.0 -5.0 0.0 1.0 -2.0 2.0 2.0 -4.0 -1.0 -2.0 -7.0 2.0 0.0 5.0 6.0 -3.0 1.0 1.0 -3.0 3.0 2.0 -3.0 -1.0
mixed|float32|x.cumprod(dim: 0)|float32|2,3,4|-5.0 2.0 -2.0 5.0 1.0 -3.0 4.0 0.0 -4.0 3.0 -1.0 -5.0 -10.0 -4.0 -10.0 5.0 -3.0 -12.0 0.0 -0.0 -12.0 -3.0 5.0 -10.0
mixed|float32|x.cumprod(dim: 2)|float32|2,3,4|-5.0 -10.0 20.0 100.0 1.0 -3.0 -12.0 -0.0 -4.0 -12.0 12.0 -60.0 2.0 -4.0 -20.0 -20.0 -3.0 -12.0 -0.0 0.0 3.0 -3.0 15.0 30.0
mixed|float32|x.var()|float32||10.809782981872559
mixed|float32|x.var(dim: 1)|float32|2,4|10.333333015441895 10.333333015441895 10.333333015441895 25.0 10.333333015441895 10.333333015441895 25.0 10.333333015441895
mixed|float32|x.var(dims: [0, 2], correction: 0, keepdim: true)|float32|1,3,1|10.9375 8.359375 10.25
mixed|float32|x.std()|float32||3.287823438644409
mixed|float32|x.std(dim: 2)|float32|2,3|4.396968841552734 2.886751413345337 3.5939764976501465 2.886751413345337 3.5939764976501465 3.5939764976501465
mixed|float32|x.std(dims: [0, 1], correction: 2)|float32|4|3.8078866004943848 3.221024751663208 4.208127021789551 4.208127021789551
mixed|float32|x.norm()|float32||15.779733657836914
mixed|float32|x.norm(1, dims: [1])|float32|2,4|10.0 8.0 7.0 10.0 8.0 7.0 10.0 7.0
mixed|float32|x.norm(dim: 2, keepdim: true)|float32|2,3,1|7.6157732009887695 5.099019527435303 7.141428470611572 5.830951690673828 6.4031243324279785 6.244997978210449
mixed|float32|x.norm(.infinity, dim: 2)|float32|2,3|5.0 4.0 5.0 5.0 4.0 5.0
mixed|float32|x.norm(.negativeInfinity)|float32||0.0
mixed|float32|x.norm(3, dim: 0)|float32|3,4|5.104468822479248 2.5198421478271484 5.104468822479248 5.013298034667969 3.0365891456604004 4.497941493988037 4.0 4.0 4.497941493988037 3.0365891456604004 5.013298034667969 5.104468822479248
mixed|float32|x.norm(0)|float32||22.0
mixed|float32|x.norm(0.5, dim: 1)|float32|2,4|27.416406631469727 23.797956466674805 19.48528289794922 20.0 23.797956466674805 19.48528289794922 20.0 19.48528289794922
mixed|float32|x.norm(.fro, dims: [0, 1])|float32|4|8.0 6.557438373565674 8.426149368286133 8.426149368286133
mixed|float32|x.logsumexp(dim: 1)|float32|2,4|1.0091744661331177 3.3150720596313477 4.009174346923828 5.006760597229004 3.3150720596313477 4.009174346923828 5.006760597229004 2.3150720596313477
mixed|float32|x.logsumexp(dims: [0, 2], keepdim: true)|float32|1,3,1|5.751302242279053 4.736483573913574 3.878004550933838
mixed|float32|x.softmax(dim: 1)|float32|2,3,4|0.0024561150930821896 0.2684549391269684 0.0024561150930821896 0.9932623505592346 0.9908674955368042 0.0018088353099301457 0.9908674955368042 0.006692549213767052 0.006676412653177977 0.7297362089157104 0.006676412653177977 4.509404243435711e-05 0.2684549391269684 0.0024561150930821896 0.9932623505592346 0.2684549391269684 0.0018088353099301457 0.9908674955368042 0.006692549213767052 0.0018088353099301457 0.7297362089157104 0.006676412653177977 4.509404243435711e-05 0.7297362089157104
mixed|float32|x.softmax(dim: 0)|float32|2,3,4|0.0009110512328334153 0.9820137619972229 0.0009110512328334153 0.9820137619972229 0.9820137619972229 0.0009110512328334153 0.9820137619972229 0.9820137619972229 0.0009110512328334153 0.9820137619972229 0.9820137619972229 0.0009110512328334153 0.9990890026092529 0.01798621006309986 0.9990890026092529 0.01798621006309986 0.01798621006309986 0.9990890026092529 0.01798621006309986 0.01798621006309986 0.9990890026092529 0.01798621006309986 0.01798621006309986 0.9990890026092529
mixed|float32|x.softmax(dim: -1)|float32|2,3,4|4.320740117691457e-05 0.047382667660713196 0.0008678438607603312 0.9517063498497009 0.04657285660505295 0.000853011617437005 0.9354408383369446 0.01713319681584835 0.0008943851571530104 0.9808124303817749 0.017964206635951996 0.00032902590464800596 0.04657285660505295 0.000853011617437005 0.9354408383369446 0.01713319681584835 0.0008943851571530104 0.9808124303817749 0.017964206635951996 0.00032902590464800596 0.7212246060371399 0.013209689408540726 0.0002419438969809562 0.2653236985206604
mixed|float32|x.logSoftmax(dim: 0)|float32|2,3,4|-7.000911235809326 -0.018149960786104202 -7.000911235809326 -0.018149960786104202 -0.018149960786104202 -7.000911235809326 -0.018149960786104202 -0.018149960786104202 -7.000911235809326 -0.018149960786104202 -0.018149960786104202 -7.000911235809326 -0.0009114163694903255 -4.0181498527526855 -0.0009114163694903255 -4.0181498527526855 -4.0181498527526855 -0.0009114163694903255 -4.0181498527526855 -4.0181498527526855 -0.0009114163694903255 -4.0181498527526855 -4.0181498527526855 -0.0009114163694903255
mixed|float32|x.logSoftmax(dim: 2)|float32|2,3,4|-10.049498558044434 -3.0494987964630127 -7.049498558044434 -0.04949876666069031 -3.066737413406372 -7.066737174987793 -0.0667373538017273 -4.066737174987793 -7.019373893737793 -0.019374065101146698 -4.019373893737793 -8.019373893737793 -3.066737413406372 -7.066737174987793 -0.0667373538017273 -4.066737174987793 -7.019373893737793 -0.019374065101146698 -4.019373893737793 -8.019373893737793 -0.3268046975135803 -4.3268046379089355 -8.326805114746094 -1.3268046379089355
mixed|float32|x.softmax(dim: 2, dtype: .float64)|float64|2,3,4|4.320739840391575e-05 0.047382665779162864 0.0008678437959967297 0.9517062830264365 0.046572861464959536 0.0008530117126072424 0.9354409285729488 0.017133198249484314 0.0008943851241441664 0.9808123835416462 0.01796420543454744 0.000329025899662207 0.046572861464959536 0.0008530117126072424 0.9354409285729488 0.017133198249484314 0.0008943851241441664 0.9808123835416462 0.01796420543454744 0.000329025899662207 0.7212246461309761 0.013209690176190053 0.00024194391509915644 0.2653237197777348
mixed|float64|x.sum()|float64||-3.0
mixed|float64|x.sum(dim: 1)|float64|2,4|-8.0 2.0 1.0 0.0 2.0 1.0 0.0 -1.0
mixed|float64|x.sum(dims: [0, 2])|float64|3|6.0 -1.0 -8.0
mixed|float64|x.sum(dim: -1, keepdim: true)|float64|2,3,1|0.0 2.0 -7.0 6.0 -3.0 -1.0
mixed|float64|x.sum(dims: [])|float64||-3.0
mixed|float64|x.sum(dims: [2, 0, 1])|float64||-3.0
mixed|float64|x.sum(dtype: .float64)|float64||-3.0
mixed|float64|x.sum(dim: 0, dtype: .int32)|int32|3,4|-3 0 3 6 -2 1 4 -4 -1 2 -6 -3
mixed|float64|x.prod()|float64||-0.0
mixed|float64|x.prod(dim: 2)|float64|2,3|100.0 -0.0 -60.0 -20.0 0.0 30.0
mixed|float64|x.prod(dim: 0, keepdim: true)|float64|1,3,4|-10.0 -4.0 -10.0 5.0 -3.0 -12.0 0.0 -0.0 -12.0 -3.0 5.0 -10.0
mixed|float64|x.mean()|float64||-0.125
mixed|float64|x.mean(dim: 1)|float64|2,4|-2.6666666666666665 0.6666666666666666 0.3333333333333333 0.0 0.6666666666666666 0.3333333333333333 0.0 -0.3333333333333333
mixed|float64|x.mean(dims: [0, 2], keepdim: true)|float64|1,3,1|0.75 -0.125 -1.0
mixed|float64|x.mean(dtype: .float64)|float64||-0.125
mixed|float64|x.max()|float64||5.0
mixed|float64|x.min()|float64||-5.0
mixed|float64|x.max(dim: 1).values|float64|2,4|1.0 3.0 4.0 5.0 3.0 4.0 5.0 2.0
mixed|float64|x.max(dim: 1).indices|int64|2,4|1 2 1 0 2 1 0 2
mixed|float64|x.max(dim: 0, keepdim: true).indices|int64|1,3,4|1 0 1 0 0 1 0 0 1 0 0 1
mixed|float64|x.min(dim: 2, keepdim: true).values|float64|2,3,1|-5.0 -3.0 -5.0 -2.0 -4.0 -5.0
mixed|float64|x.min(dim: 2, keepdim: true).indices|int64|2,3,1|0 1 3 1 3 2
mixed|float64|x.min(dim: -3).indices|int64|3,4|0 1 0 1 1 0 1 1 0 1 1 0
mixed|float64|x.amax()|float64||5.0
mixed|float64|x.amax(dims: [0, 2])|float64|3|5.0 4.0 3.0
mixed|float64|x.amin(dim: 1)|float64|2,4|-5.0 -3.0 -2.0 -5.0 -3.0 -2.0 -5.0 -4.0
mixed|float64|x.amin(dims: [1, 2], keepdim: true)|float64|2,1,1|-5.0 -5.0
mixed|float64|x.argmax()|int64||3
mixed|float64|x.argmax(dim: 0)|int64|3,4|1 0 1 0 0 1 0 0 1 0 0 1
mixed|float64|x.argmax(dim: 2)|int64|2,3|3 2 1 2 1 0
mixed|float64|x.argmin()|int64||0
mixed|float64|x.argmin(dim: 1, keepdim: true)|int64|2,1,4|0 1 0 2 1 0 2 1
mixed|float64|x.argmax(keepdim: true)|int64|1,1,1|3
mixed|float64|x.any()|bool||1
mixed|float64|x.all()|bool||0
mixed|float64|x.any(dim: 1)|bool|2,4|1 1 1 1 1 1 1 1
mixed|float64|x.all(dim: 2)|bool|2,3|1 0 1 1 0 1
mixed|float64|x.all(dim: 0, keepdim: true)|bool|1,3,4|1 1 1 1 1 1 0 0 1 1 1 1
mixed|float64|x.any(dims: [0, 2], keepdim: true)|bool|1,3,1|1 1 1
mixed|float64|x.countNonzero()|int64||22
mixed|float64|x.countNonzero(dim: 1)|int64|2,4|3 3 3 2 3 3 2 3
mixed|float64|x.countNonzero(dims: [0, 2])|int64|3|8 6 8
mixed|float64|x.cumsum(dim: 0)|float64|2,3,4|-5.0 2.0 -2.0 5.0 1.0 -3.0 4.0 0.0 -4.0 3.0 -1.0 -5.0 -3.0 0.0 3.0 6.0 -2.0 1.0 4.0 -4.0 -1.0 2.0 -6.0 -3.0
mixed|float64|x.cumsum(dim: 1)|float64|2,3,4|-5.0 2.0 -2.0 5.0 -4.0 -1.0 2.0 5.0 -8.0 2.0 1.0 0.0 2.0 -2.0 5.0 1.0 -1.0 2.0 5.0 -3.0 2.0 1.0 0.0 -1.0
mixed|float64|x.cumsum(dim: -1)|float64|2,3,4|-5.0 -3.0 -5.0 0.0 1.0 -2.0 2.0 2.0 -4.0 -1.0 -2.0 -7.0 2.0 0.0 5.0 6.0 -3.0 1.0 1.0 -3.0 3.0 2.0 -3.0 -1.0
mixed|float64|x.cumsum(dim: 2, dtype: .float64)|float64|2,3,4|-5.0 -3.0 -5.0 0.0 1.0 -2.0 2.0 2.0 -4.0 -1.0 -2.0 -7.0 2.0 0.0 5.0 6.0 -3.0 1.0 1.0 -3.0 3.0 2.0 -3.0 -1.0
mixed|float64|x.cumprod(dim: 0)|float64|2,3,4|-5.0 2.0 -2.0 5.0 1.0 -3.0 4.0 0.0 -4.0 3.0 -1.0 -5.0 -10.0 -4.0 -10.0 5.0 -3.0 -12.0 0.0 -0.0 -12.0 -3.0 5.0 -10.0
mixed|float64|x.cumprod(dim: 2)|float64|2,3,4|-5.0 -10.0 20.0 100.0 1.0 -3.0 -12.0 -0.0 -4.0 -12.0 12.0 -60.0 2.0 -4.0 -20.0 -20.0 -3.0 -12.0 -0.0 0.0 3.0 -3.0 15.0 30.0
mixed|float64|x.var()|float64||10.809782608695652
mixed|float64|x.var(dim: 1)|float64|2,4|10.333333333333334 10.333333333333332 10.333333333333334 25.0 10.333333333333332 10.333333333333334 25.0 10.333333333333332
mixed|float64|x.var(dims: [0, 2], correction: 0, keepdim: true)|float64|1,3,1|10.9375 8.359375 10.25
mixed|float64|x.std()|float64||3.2878233846567326
mixed|float64|x.std(dim: 2)|float64|2,3|4.396968652757639 2.8867513459481287 3.593976442141304 2.8867513459481287 3.593976442141304 3.593976442141304
mixed|float64|x.std(dims: [0, 1], correction: 2)|float64|4|3.8078865529319543 3.2210246816812815 4.208127057650866 4.2081270576508665
mixed|float64|x.norm()|float64||15.7797338380595
mixed|float64|x.norm(1, dims: [1])|float64|2,4|10.0 8.0 7.0 10.0 8.0 7.0 10.0 7.0
mixed|float64|x.norm(dim: 2, keepdim: true)|float64|2,3,1|7.615773105863909 5.0990195135927845 7.14142842854285 5.830951894845301 6.4031242374328485 6.244997998398398
mixed|float64|x.norm(.infinity, dim: 2)|float64|2,3|5.0 4.0 5.0 5.0 4.0 5.0
mixed|float64|x.norm(.negativeInfinity)|float64||0.0
mixed|float64|x.norm(3, dim: 0)|float64|3,4|5.104468722001463 2.5198420997897464 5.104468722001463 5.0132979349645845 3.0365889718756622 4.497941445275415 3.9999999999999996 3.9999999999999996 4.497941445275415 3.0365889718756622 5.0132979349645845 5.104468722001463
mixed|float64|x.norm(0)|float64||22.0
mixed|float64|x.norm(0.5, dim: 1)|float64|2,4|27.41640786499874 23.797958971132708 19.485281374238568 20.000000000000004 23.797958971132708 19.485281374238568 20.000000000000004 19.485281374238568
mixed|float64|x.norm(.fro, dims: [0, 1])|float64|4|8.0 6.557438524302 8.426149773176359 8.426149773176359
mixed|float64|x.logsumexp(dim: 1)|float64|2,4|1.0091744845917345 3.315072160665251 4.0091744845917345 5.006760443547122 3.315072160665251 4.0091744845917345 5.006760443547122 2.315072160665251
mixed|float64|x.logsumexp(dims: [0, 2], keepdim: true)|float64|1,3,1|5.7513023744287635 4.736483247049298 3.878004488854457
mixed|float64|x.softmax(dim: 1)|float64|2,3,4|0.002456114904450954 0.26845495065244657 0.002456114904450954 0.9932623568421745 0.9908674725821728 0.0018088352291382895 0.9908674725821728 0.006692549116589288 0.006676412513376452 0.7297362141184152 0.006676412513376452 4.5094041236354885e-05 0.26845495065244657 0.002456114904450954 0.9932623568421745 0.26845495065244657 0.0018088352291382895 0.9908674725821728 0.006692549116589288 0.0018088352291382895 0.7297362141184152 0.006676412513376452 4.5094041236354885e-05 0.7297362141184152
mixed|float64|x.softmax(dim: 0)|float64|2,3,4|0.0009110511944006454 0.9820137900379085 0.0009110511944006454 0.9820137900379085 0.9820137900379085 0.0009110511944006454 0.9820137900379085 0.9820137900379085 0.0009110511944006454 0.9820137900379085 0.9820137900379085 0.0009110511944006454 0.9990889488055994 0.017986209962091555 0.9990889488055994 0.017986209962091555 0.017986209962091555 0.9990889488055994 0.017986209962091555 0.017986209962091555 0.9990889488055994 0.017986209962091555 0.017986209962091555 0.9990889488055994
mixed|float64|x.softmax(dim: -1)|float64|2,3,4|4.320739840391575e-05 0.047382665779162864 0.0008678437959967297 0.9517062830264365 0.046572861464959536 0.0008530117126072424 0.9354409285729488 0.017133198249484314 0.0008943851241441664 0.9808123835416462 0.01796420543454744 0.000329025899662207 0.046572861464959536 0.0008530117126072424 0.9354409285729488 0.017133198249484314 0.0008943851241441664 0.9808123835416462 0.01796420543454744 0.000329025899662207 0.7212246461309761 0.013209690176190053 0.00024194391509915644 0.2653237197777348
mixed|float64|x.logSoftmax(dim: 0)|float64|2,3,4|-7.000911466453775 -0.01814992791780978 -7.000911466453775 -0.01814992791780978 -0.01814992791780978 -7.000911466453775 -0.01814992791780978 -0.01814992791780978 -7.000911466453775 -0.01814992791780978 -0.01814992791780978 -7.000911466453775 -0.0009114664537742015 -4.0181499279178094 -0.0009114664537742015 -4.0181499279178094 -4.0181499279178094 -0.0009114664537742015 -4.0181499279178094 -4.0181499279178094 -0.0009114664537742015 -4.0181499279178094 -4.0181499279178094 -0.0009114664537742015
mixed|float64|x.logSoftmax(dim: 2)|float64|2,3,4|-10.049498818027516 -3.049498818027516 -7.049498818027517 -0.049498818027516385 -3.066737279491552 -7.0667372794915515 -0.0667372794915519 -4.0667372794915515 -7.019374087919817 -0.019374087919817037 -4.019374087919817 -8.019374087919816 -3.066737279491552 -7.0667372794915515 -0.0667372794915519 -4.0667372794915515 -7.019374087919817 -0.019374087919817037 -4.019374087919817 -8.019374087919816 -0.32680461445572034 -4.32680461445572 -8.326804614455721 -1.3268046144557204
mixed|float64|x.softmax(dim: 2, dtype: .float64)|float64|2,3,4|4.320739840391575e-05 0.047382665779162864 0.0008678437959967297 0.9517062830264365 0.046572861464959536 0.0008530117126072424 0.9354409285729488 0.017133198249484314 0.0008943851241441664 0.9808123835416462 0.01796420543454744 0.000329025899662207 0.046572861464959536 0.0008530117126072424 0.9354409285729488 0.017133198249484314 0.0008943851241441664 0.9808123835416462 0.01796420543454744 0.000329025899662207 0.7212246461309761 0.013209690176190053 0.00024194391509915644 0.2653237197777348
mixed|int32|x.sum()|int64||-3
mixed|int32|x.sum(dim: 1)|int64|2,4|-8 2 1 0 2 1 0 -1
mixed|int32|x.sum(dims: [0, 2])|int64|3|6 -1 -8
mixed|int32|x.sum(dim: -1, keepdim: true)|int64|2,3,1|0 2 -7 6 -3 -1
mixed|int32|x.sum(dims: [])|int64||-3
mixed|int32|x.sum(dims: [2, 0, 1])|int64||-3
mixed|int32|x.sum(dtype: .float64)|float64||-3.0
mixed|int32|x.sum(dim: 0, dtype: .int32)|int32|3,4|-3 0 3 6 -2 1 4 -4 -1 2 -6 -3
mixed|int32|x.prod()|int64||0
mixed|int32|x.prod(dim: 2)|int64|2,3|100 0 -60 -20 0 30
mixed|int32|x.prod(dim: 0, keepdim: true)|int64|1,3,4|-10 -4 -10 5 -3 -12 0 0 -12 -3 5 -10
mixed|int32|x.mean(dtype: .float64)|float64||-0.125
mixed|int32|x.max()|int32||5
mixed|int32|x.min()|int32||-5
mixed|int32|x.max(dim: 1).values|int32|2,4|1 3 4 5 3 4 5 2
mixed|int32|x.max(dim: 1).indices|int64|2,4|1 2 1 0 2 1 0 2
mixed|int32|x.max(dim: 0, keepdim: true).indices|int64|1,3,4|1 0 1 0 0 1 0 0 1 0 0 1
mixed|int32|x.min(dim: 2, keepdim: true).values|int32|2,3,1|-5 -3 -5 -2 -4 -5
mixed|int32|x.min(dim: 2, keepdim: true).indices|int64|2,3,1|0 1 3 1 3 2
mixed|int32|x.min(dim: -3).indices|int64|3,4|0 1 0 1 1 0 1 1 0 1 1 0
mixed|int32|x.amax()|int32||5
mixed|int32|x.amax(dims: [0, 2])|int32|3|5 4 3
mixed|int32|x.amin(dim: 1)|int32|2,4|-5 -3 -2 -5 -3 -2 -5 -4
mixed|int32|x.amin(dims: [1, 2], keepdim: true)|int32|2,1,1|-5 -5
mixed|int32|x.argmax()|int64||3
mixed|int32|x.argmax(dim: 0)|int64|3,4|1 0 1 0 0 1 0 0 1 0 0 1
mixed|int32|x.argmax(dim: 2)|int64|2,3|3 2 1 2 1 0
mixed|int32|x.argmin()|int64||0
mixed|int32|x.argmin(dim: 1, keepdim: true)|int64|2,1,4|0 1 0 2 1 0 2 1
mixed|int32|x.argmax(keepdim: true)|int64|1,1,1|3
mixed|int32|x.any()|bool||1
mixed|int32|x.all()|bool||0
mixed|int32|x.any(dim: 1)|bool|2,4|1 1 1 1 1 1 1 1
mixed|int32|x.all(dim: 2)|bool|2,3|1 0 1 1 0 1
mixed|int32|x.all(dim: 0, keepdim: true)|bool|1,3,4|1 1 1 1 1 1 0 0 1 1 1 1
mixed|int32|x.any(dims: [0, 2], keepdim: true)|bool|1,3,1|1 1 1
mixed|int32|x.countNonzero()|int64||22
mixed|int32|x.countNonzero(dim: 1)|int64|2,4|3 3 3 2 3 3 2 3
mixed|int32|x.countNonzero(dims: [0, 2])|int64|3|8 6 8
mixed|int32|x.cumsum(dim: 0)|int64|2,3,4|-5 2 -2 5 1 -3 4 0 -4 3 -1 -5 -3 0 3 6 -2 1 4 -4 -1 2 -6 -3
mixed|int32|x.cumsum(dim: 1)|int64|2,3,4|-5 2 -2 5 -4 -1 2 5 -8 2 1 0 2 -2 5 1 -1 2 5 -3 2 1 0 -1
mixed|int32|x.cumsum(dim: -1)|int64|2,3,4|-5 -3 -5 0 1 -2 2 2 -4 -1 -2 -7 2 0 5 6 -3 1 1 -3 3 2 -3 -1
mixed|int32|x.cumsum(dim: 2, dtype: .float64)|float64|2,3,4|-5.0 -3.0 -5.0 0.0 1.0 -2.0 2.0 2.0 -4.0 -1.0 -2.0 -7.0 2.0 0.0 5.0 6.0 -3.0 1.0 1.0 -3.0 3.0 2.0 -3.0 -1.0
mixed|int32|x.cumprod(dim: 0)|int64|2,3,4|-5 2 -2 5 1 -3 4 0 -4 3 -1 -5 -10 -4 -10 5 -3 -12 0 0 -12 -3 5 -10
mixed|int32|x.cumprod(dim: 2)|int64|2,3,4|-5 -10 20 100 1 -3 -12 0 -4 -12 12 -60 2 -4 -20 -20 -3 -12 0 0 3 -3 15 30
mixed|int32|x.logsumexp(dim: 1)|float32|2,4|1.0091744661331177 3.3150720596313477 4.009174346923828 5.006760597229004 3.3150720596313477 4.009174346923828 5.006760597229004 2.3150720596313477
mixed|int32|x.logsumexp(dims: [0, 2], keepdim: true)|float32|1,3,1|5.751302242279053 4.736483573913574 3.878004550933838
mixed|int32|x.softmax(dim: 2, dtype: .float64)|float64|2,3,4|4.320739840391575e-05 0.047382665779162864 0.0008678437959967297 0.9517062830264365 0.046572861464959536 0.0008530117126072424 0.9354409285729488 0.017133198249484314 0.0008943851241441664 0.9808123835416462 0.01796420543454744 0.000329025899662207 0.046572861464959536 0.0008530117126072424 0.9354409285729488 0.017133198249484314 0.0008943851241441664 0.9808123835416462 0.01796420543454744 0.000329025899662207 0.7212246461309761 0.013209690176190053 0.00024194391509915644 0.2653237197777348
mixed|int64|x.sum()|int64||-3
mixed|int64|x.sum(dim: 1)|int64|2,4|-8 2 1 0 2 1 0 -1
mixed|int64|x.sum(dims: [0, 2])|int64|3|6 -1 -8
mixed|int64|x.sum(dim: -1, keepdim: true)|int64|2,3,1|0 2 -7 6 -3 -1
mixed|int64|x.sum(dims: [])|int64||-3
mixed|int64|x.sum(dims: [2, 0, 1])|int64||-3
mixed|int64|x.sum(dtype: .float64)|float64||-3.0
mixed|int64|x.sum(dim: 0, dtype: .int32)|int32|3,4|-3 0 3 6 -2 1 4 -4 -1 2 -6 -3
mixed|int64|x.prod()|int64||0
mixed|int64|x.prod(dim: 2)|int64|2,3|100 0 -60 -20 0 30
mixed|int64|x.prod(dim: 0, keepdim: true)|int64|1,3,4|-10 -4 -10 5 -3 -12 0 0 -12 -3 5 -10
mixed|int64|x.mean(dtype: .float64)|float64||-0.125
mixed|int64|x.max()|int64||5
mixed|int64|x.min()|int64||-5
mixed|int64|x.max(dim: 1).values|int64|2,4|1 3 4 5 3 4 5 2
mixed|int64|x.max(dim: 1).indices|int64|2,4|1 2 1 0 2 1 0 2
mixed|int64|x.max(dim: 0, keepdim: true).indices|int64|1,3,4|1 0 1 0 0 1 0 0 1 0 0 1
mixed|int64|x.min(dim: 2, keepdim: true).values|int64|2,3,1|-5 -3 -5 -2 -4 -5
mixed|int64|x.min(dim: 2, keepdim: true).indices|int64|2,3,1|0 1 3 1 3 2
mixed|int64|x.min(dim: -3).indices|int64|3,4|0 1 0 1 1 0 1 1 0 1 1 0
mixed|int64|x.amax()|int64||5
mixed|int64|x.amax(dims: [0, 2])|int64|3|5 4 3
mixed|int64|x.amin(dim: 1)|int64|2,4|-5 -3 -2 -5 -3 -2 -5 -4
mixed|int64|x.amin(dims: [1, 2], keepdim: true)|int64|2,1,1|-5 -5
mixed|int64|x.argmax()|int64||3
mixed|int64|x.argmax(dim: 0)|int64|3,4|1 0 1 0 0 1 0 0 1 0 0 1
mixed|int64|x.argmax(dim: 2)|int64|2,3|3 2 1 2 1 0
mixed|int64|x.argmin()|int64||0
mixed|int64|x.argmin(dim: 1, keepdim: true)|int64|2,1,4|0 1 0 2 1 0 2 1
mixed|int64|x.argmax(keepdim: true)|int64|1,1,1|3
mixed|int64|x.any()|bool||1
mixed|int64|x.all()|bool||0
mixed|int64|x.any(dim: 1)|bool|2,4|1 1 1 1 1 1 1 1
mixed|int64|x.all(dim: 2)|bool|2,3|1 0 1 1 0 1
mixed|int64|x.all(dim: 0, keepdim: true)|bool|1,3,4|1 1 1 1 1 1 0 0 1 1 1 1
mixed|int64|x.any(dims: [0, 2], keepdim: true)|bool|1,3,1|1 1 1
mixed|int64|x.countNonzero()|int64||22
mixed|int64|x.countNonzero(dim: 1)|int64|2,4|3 3 3 2 3 3 2 3
mixed|int64|x.countNonzero(dims: [0, 2])|int64|3|8 6 8
mixed|int64|x.cumsum(dim: 0)|int64|2,3,4|-5 2 -2 5 1 -3 4 0 -4 3 -1 -5 -3 0 3 6 -2 1 4 -4 -1 2 -6 -3
mixed|int64|x.cumsum(dim: 1)|int64|2,3,4|-5 2 -2 5 -4 -1 2 5 -8 2 1 0 2 -2 5 1 -1 2 5 -3 2 1 0 -1
mixed|int64|x.cumsum(dim: -1)|int64|2,3,4|-5 -3 -5 0 1 -2 2 2 -4 -1 -2 -7 2 0 5 6 -3 1 1 -3 3 2 -3 -1
mixed|int64|x.cumsum(dim: 2, dtype: .float64)|float64|2,3,4|-5.0 -3.0 -5.0 0.0 1.0 -2.0 2.0 2.0 -4.0 -1.0 -2.0 -7.0 2.0 0.0 5.0 6.0 -3.0 1.0 1.0 -3.0 3.0 2.0 -3.0 -1.0
mixed|int64|x.cumprod(dim: 0)|int64|2,3,4|-5 2 -2 5 1 -3 4 0 -4 3 -1 -5 -10 -4 -10 5 -3 -12 0 0 -12 -3 5 -10
mixed|int64|x.cumprod(dim: 2)|int64|2,3,4|-5 -10 20 100 1 -3 -12 0 -4 -12 12 -60 2 -4 -20 -20 -3 -12 0 0 3 -3 15 30
mixed|int64|x.logsumexp(dim: 1)|float32|2,4|1.0091744661331177 3.3150720596313477 4.009174346923828 5.006760597229004 3.3150720596313477 4.009174346923828 5.006760597229004 2.3150720596313477
mixed|int64|x.logsumexp(dims: [0, 2], keepdim: true)|float32|1,3,1|5.751302242279053 4.736483573913574 3.878004550933838
mixed|int64|x.softmax(dim: 2, dtype: .float64)|float64|2,3,4|4.320739840391575e-05 0.047382665779162864 0.0008678437959967297 0.9517062830264365 0.046572861464959536 0.0008530117126072424 0.9354409285729488 0.017133198249484314 0.0008943851241441664 0.9808123835416462 0.01796420543454744 0.000329025899662207 0.046572861464959536 0.0008530117126072424 0.9354409285729488 0.017133198249484314 0.0008943851241441664 0.9808123835416462 0.01796420543454744 0.000329025899662207 0.7212246461309761 0.013209690176190053 0.00024194391509915644 0.2653237197777348
mixed|bool|x.sum()|int64||22
mixed|bool|x.sum(dim: 1)|int64|2,4|3 3 3 2 3 3 2 3
mixed|bool|x.sum(dims: [0, 2])|int64|3|8 6 8
mixed|bool|x.sum(dim: -1, keepdim: true)|int64|2,3,1|4 3 4 4 3 4
mixed|bool|x.sum(dims: [])|int64||22
mixed|bool|x.sum(dims: [2, 0, 1])|int64||22
mixed|bool|x.sum(dtype: .float64)|float64||22.0
mixed|bool|x.sum(dim: 0, dtype: .int32)|int32|3,4|2 2 2 2 2 2 1 1 2 2 2 2
mixed|bool|x.prod()|int64||0
mixed|bool|x.prod(dim: 2)|int64|2,3|1 0 1 1 0 1
mixed|bool|x.prod(dim: 0, keepdim: true)|int64|1,3,4|1 1 1 1 1 1 0 0 1 1 1 1
mixed|bool|x.mean(dtype: .float64)|float64||0.9166666666666666
mixed|bool|x.max()|bool||1
mixed|bool|x.min()|bool||0
mixed|bool|x.max(dim: 1).values|bool|2,4|1 1 1 1 1 1 1 1
mixed|bool|x.max(dim: 1).indices|int64|2,4|0 0 0 0 0 0 0 0
mixed|bool|x.max(dim: 0, keepdim: true).indices|int64|1,3,4|0 0 0 0 0 0 0 1 0 0 0 0
mixed|bool|x.min(dim: 2, keepdim: true).values|bool|2,3,1|1 0 1 1 0 1
mixed|bool|x.min(dim: 2, keepdim: true).indices|int64|2,3,1|0 3 0 0 2 0
mixed|bool|x.min(dim: -3).indices|int64|3,4|0 0 0 0 0 0 1 0 0 0 0 0
mixed|bool|x.amax()|bool||1
mixed|bool|x.amax(dims: [0, 2])|bool|3|1 1 1
mixed|bool|x.amin(dim: 1)|bool|2,4|1 1 1 0 1 1 0 1
mixed|bool|x.amin(dims: [1, 2], keepdim: true)|bool|2,1,1|0 0
mixed|bool|x.any()|bool||1
mixed|bool|x.all()|bool||0
mixed|bool|x.any(dim: 1)|bool|2,4|1 1 1 1 1 1 1 1
mixed|bool|x.all(dim: 2)|bool|2,3|1 0 1 1 0 1
mixed|bool|x.all(dim: 0, keepdim: true)|bool|1,3,4|1 1 1 1 1 1 0 0 1 1 1 1
mixed|bool|x.any(dims: [0, 2], keepdim: true)|bool|1,3,1|1 1 1
mixed|bool|x.countNonzero()|int64||22
mixed|bool|x.countNonzero(dim: 1)|int64|2,4|3 3 3 2 3 3 2 3
mixed|bool|x.countNonzero(dims: [0, 2])|int64|3|8 6 8
mixed|bool|x.cumsum(dim: 0)|int64|2,3,4|1 1 1 1 1 1 1 0 1 1 1 1 2 2 2 2 2 2 1 1 2 2 2 2
mixed|bool|x.cumsum(dim: 1)|int64|2,3,4|1 1 1 1 2 2 2 1 3 3 3 2 1 1 1 1 2 2 1 2 3 3 2 3
mixed|bool|x.cumsum(dim: -1)|int64|2,3,4|1 2 3 4 1 2 3 3 1 2 3 4 1 2 3 4 1 2 2 3 1 2 3 4
mixed|bool|x.cumsum(dim: 2, dtype: .float64)|float64|2,3,4|1.0 2.0 3.0 4.0 1.0 2.0 3.0 3.0 1.0 2.0 3.0 4.0 1.0 2.0 3.0 4.0 1.0 2.0 2.0 3.0 1.0 2.0 3.0 4.0
mixed|bool|x.cumprod(dim: 0)|int64|2,3,4|1 1 1 1 1 1 1 0 1 1 1 1 1 1 1 1 1 1 0 0 1 1 1 1
mixed|bool|x.cumprod(dim: 2)|int64|2,3,4|1 1 1 1 1 1 1 0 1 1 1 1 1 1 1 1 1 1 0 0 1 1 1 1
mixed|bool|x.logsumexp(dim: 1)|float32|2,4|2.0986123085021973 2.0986123085021973 2.0986123085021973 1.861994743347168 2.0986123085021973 2.0986123085021973 1.861994743347168 2.0986123085021973
mixed|bool|x.logsumexp(dims: [0, 2], keepdim: true)|float32|1,3,1|3.079441547393799 2.907430410385132 3.079441547393799
mixed|bool|x.softmax(dim: 2, dtype: .float64)|float64|2,3,4|0.25 0.25 0.25 0.25 0.2969227424756547 0.2969227424756547 0.2969227424756547 0.10923177257303593 0.25 0.25 0.25 0.25 0.25 0.25 0.25 0.25 0.2969227424756547 0.2969227424756547 0.10923177257303593 0.2969227424756547 0.25 0.25 0.25 0.25
constantAlongDim1|float32|x.sum()|float32||12.0
constantAlongDim1|float32|x.sum(dim: 1)|float32|2,4|9.0 -3.0 0.0 6.0 -12.0 3.0 15.0 -6.0
constantAlongDim1|float32|x.sum(dims: [0, 2])|float32|3|4.0 4.0 4.0
constantAlongDim1|float32|x.sum(dim: -1, keepdim: true)|float32|2,3,1|4.0 4.0 4.0 0.0 0.0 0.0
constantAlongDim1|float32|x.sum(dims: [])|float32||12.0
constantAlongDim1|float32|x.sum(dims: [2, 0, 1])|float32||12.0
constantAlongDim1|float32|x.sum(dtype: .float64)|float64||12.0
constantAlongDim1|float32|x.sum(dim: 0, dtype: .int32)|int32|3,4|-1 0 5 0 -1 0 5 0 -1 0 5 0
constantAlongDim1|float32|x.prod()|float32||-0.0
constantAlongDim1|float32|x.prod(dim: 2)|float32|2,3|-0.0 -0.0 -0.0 40.0 40.0 40.0
constantAlongDim1|float32|x.prod(dim: 0, keepdim: true)|float32|1,3,4|-12.0 -1.0 0.0 -4.0 -12.0 -1.0 0.0 -4.0 -12.0 -1.0 0.0 -4.0
constantAlongDim1|float32|x.mean()|float32||0.5
constantAlongDim1|float32|x.mean(dim: 1)|float32|2,4|3.0 -1.0 0.0 2.0 -4.0 1.0 5.0 -2.0
constantAlongDim1|float32|x.mean(dims: [0, 2], keepdim: true)|float32|1,3,1|0.5 0.5 0.5
constantAlongDim1|float32|x.mean(dtype: .float64)|float64||0.5
constantAlongDim1|float32|x.max()|float32||5.0
constantAlongDim1|float32|x.min()|float32||-4.0
constantAlongDim1|float32|x.max(dim: 1).values|float32|2,4|3.0 -1.0 0.0 2.0 -4.0 1.0 5.0 -2.0
constantAlongDim1|float32|x.max(dim: 1).indices|int64|2,4|0 0 0 0 0 0 0 0
constantAlongDim1|float32|x.max(dim: 0, keepdim: true).indices|int64|1,3,4|0 1 1 0 0 1 1 0 0 1 1 0
constantAlongDim1|float32|x.min(dim: 2, keepdim: true).values|float32|2,3,1|-1.0 -1.0 -1.0 -4.0 -4.0 -4.0
constantAlongDim1|float32|x.min(dim: 2, keepdim: true).indices|int64|2,3,1|1 1 1 0 0 0
constantAlongDim1|float32|x.min(dim: -3).indices|int64|3,4|1 0 0 1 1 0 0 1 1 0 0 1
constantAlongDim1|float32|x.amax()|float32||5.0
constantAlongDim1|float32|x.amax(dims: [0, 2])|float32|3|5.0 5.0 5.0
constantAlongDim1|float32|x.amin(dim: 1)|float32|2,4|3.0 -1.0 0.0 2.0 -4.0 1.0 5.0 -2.0
constantAlongDim1|float32|x.amin(dims: [1, 2], keepdim: true)|float32|2,1,1|-1.0 -4.0
constantAlongDim1|float32|x.argmax()|int64||14
constantAlongDim1|float32|x.argmax(dim: 0)|int64|3,4|0 1 1 0 0 1 1 0 0 1 1 0
constantAlongDim1|float32|x.argmax(dim: 2)|int64|2,3|0 0 0 2 2 2
constantAlongDim1|float32|x.argmin()|int64||12
constantAlongDim1|float32|x.argmin(dim: 1, keepdim: true)|int64|2,1,4|0 0 0 0 0 0 0 0
constantAlongDim1|float32|x.argmax(keepdim: true)|int64|1,1,1|14
constantAlongDim1|float32|x.any()|bool||1
constantAlongDim1|float32|x.all()|bool||0
constantAlongDim1|float32|x.any(dim: 1)|bool|2,4|1 1 0 1 1 1 1 1
constantAlongDim1|float32|x.all(dim: 2)|bool|2,3|0 0 0 1 1 1
constantAlongDim1|float32|x.all(dim: 0, keepdim: true)|bool|1,3,4|1 1 0 1 1 1 0 1 1 1 0 1
constantAlongDim1|float32|x.any(dims: [0, 2], keepdim: true)|bool|1,3,1|1 1 1
constantAlongDim1|float32|x.countNonzero()|int64||21
constantAlongDim1|float32|x.countNonzero(dim: 1)|int64|2,4|3 3 0 3 3 3 3 3
constantAlongDim1|float32|x.countNonzero(dims: [0, 2])|int64|3|7 7 7
constantAlongDim1|float32|x.cumsum(dim: 0)|float32|2,3,4|3.0 -1.0 0.0 2.0 3.0 -1.0 0.0 2.0 3.0 -1.0 0.0 2.0 -1.0 0.0 5.0 0.0 -1.0 0.0 5.0 0.0 -1.0 0.0 5.0 0.0
constantAlongDim1|float32|x.cumsum(dim: 1)|float32|2,3,4|3.0 -1.0 0.0 2.0 6.0 -2.0 0.0 4.0 9.0 -3.0 0.0 6.0 -4.0 1.0 5.0 -2.0 -8.0 2.0 10.0 -4.0 -12.0 3.0 15.0 -6.0
constantAlongDim1|float32|x.cumsum(dim: -1)|float32|2,3,4|3.0 2.0 2.0 4.0 3.0 2.0 2.0 4.0 3.0 2.0 2.0 4.0 -4.0 -3.0 2.0 0.0 -4.0 -3.0 2.0 0.0 -4.0 -3.0 2.0 0.0
constantAlongDim1|float32|x.cumsum(dim: 2, dtype: .float64)|float64|2,3,4|3.0 2.0 2.0 4.0 3.0 2.0 2.0 4.0 3.0 2.0 2.0 4.0 -4.0 -3.0 2.0 0.0 -4.0 -3.0 2.0 0.0 -4.0 -3.0 2.0 0.0
constantAlongDim1|float32|x.cumprod(dim: 0)|float32|2,3,4|3.0 -1.0 0.0 2.0 3.0 -1.0 0.0 2.0 3.0 -1.0 0.0 2.0 -12.0 -1.0 0.0 -4.0 -12.0 -1.0 0.0 -4.0 -12.0 -1.0 0.0 -4.0
constantAlongDim1|float32|x.cumprod(dim: 2)|float32|2,3,4|3.0 -3.0 -0.0 -0.0 3.0 -3.0 -0.0 -0.0 3.0 -3.0 -0.0 -0.0 -4.0 -4.0 -20.0 40.0 -4.0 -4.0 -20.0 40.0 -4.0 -4.0 -20.0 40.0
constantAlongDim1|float32|x.var()|float32||7.5652174949646
constantAlongDim1|float32|x.var(dim: 1)|float32|2,4|0.0 0.0 0.0 0.0 0.0 0.0 0.0 0.0
constantAlongDim1|float32|x.var(dims: [0, 2], correction: 0, keepdim: true)|float32|1,3,1|7.25 7.25 7.25
constantAlongDim1|float32|x.std()|float32||2.7504940032958984
constantAlongDim1|float32|x.std(dim: 2)|float32|2,3|1.8257418870925903 1.8257418870925903 1.8257418870925903 3.9157800674438477 3.9157800674438477 3.9157800674438477
constantAlongDim1|float32|x.std(dims: [0, 1], correction: 2)|float32|4|4.286607265472412 1.2247449159622192 3.0618622303009033 2.4494898319244385
constantAlongDim1|float32|x.norm()|float32||13.416407585144043
constantAlongDim1|float32|x.norm(1, dims: [1])|float32|2,4|9.0 3.0 0.0 6.0 12.0 3.0 15.0 6.0
constantAlongDim1|float32|x.norm(dim: 2, keepdim: true)|float32|2,3,1|3.7416574954986572 3.7416574954986572 3.7416574954986572 6.78233003616333 6.78233003616333 6.78233003616333
constantAlongDim1|float32|x.norm(.infinity, dim: 2)|float32|2,3|3.0 3.0 3.0 5.0 5.0 5.0
constantAlongDim1|float32|x.norm(.negativeInfinity)|float32||0.0
constantAlongDim1|float32|x.norm(3, dim: 0)|float32|3,4|4.497941493988037 1.2599210739135742 5.000000476837158 2.5198421478271484 4.497941493988037 1.2599210739135742 5.000000476837158 2.5198421478271484 4.497941493988037 1.2599210739135742 5.000000476837158 2.5198421478271484
constantAlongDim1|float32|x.norm(0)|float32||21.0
constantAlongDim1|float32|x.norm(0.5, dim: 1)|float32|2,4|26.999998092651367 9.0 0.0 17.999998092651367 36.0 9.0 45.000003814697266 17.999998092651367
constantAlongDim1|float32|x.norm(.fro, dims: [0, 1])|float32|4|8.66025447845459 2.4494898319244385 8.66025447845459 4.898979663848877
constantAlongDim1|float32|x.logsumexp(dim: 1)|float32|2,4|4.098612308502197 0.09861230850219727 1.0986123085021973 3.0986123085021973 -2.9013876914978027 2.0986123085021973 6.098612308502197 -0.9013876914978027
constantAlongDim1|float32|x.logsumexp(dims: [0, 2], keepdim: true)|float32|1,3,1|5.193665027618408 5.193665027618408 5.193665027618408
constantAlongDim1|float32|x.softmax(dim: 1)|float32|2,3,4|0.3333333432674408 0.3333333432674408 0.3333333432674408 0.3333333432674408 0.3333333432674408 0.3333333432674408 0.3333333432674408 0.3333333432674408 0.3333333432674408 0.3333333432674408 0.3333333432674408 0.3333333432674408 0.3333333432674408 0.3333333432674408 0.3333333432674408 0.3333333432674408 0.3333333432674408 0.3333333432674408 0.3333333432674408 0.3333333432674408 0.3333333432674408 0.3333333432674408 0.3333333432674408 0.3333333432674408
constantAlongDim1|float32|x.softmax(dim: 0)|float32|2,3,4|0.9990890026092529 0.11920291930437088 0.006692850962281227 0.9820137619972229 0.9990890026092529 0.11920291930437088 0.006692850962281227 0.9820137619972229 0.9990890026092529 0.11920291930437088 0.006692850962281227 0.9820137619972229 0.0009110512328334153 0.8807970285415649 0.9933071732521057 0.01798621006309986 0.0009110512328334153 0.8807970285415649 0.9933071732521057 0.01798621006309986 0.0009110512328334153 0.8807970285415649 0.9933071732521057 0.01798621006309986
constantAlongDim1|float32|x.softmax(dim: -1)|float32|2,3,4|0.6963874697685242 0.012754782103002071 0.03467109054327011 0.2561866343021393 0.6963874697685242 0.012754782103002071 0.03467109054327011 0.2561866343021393 0.6963874697685242 0.012754782103002071 0.03467109054327011 0.2561866343021393 0.00012106704525649548 0.017967943102121353 0.9810164570808411 0.0008945712470449507 0.00012106704525649548 0.017967943102121353 0.9810164570808411 0.0008945712470449507 0.00012106704525649548 0.017967943102121353 0.9810164570808411 0.0008945712470449507
constantAlongDim1|float32|x.logSoftmax(dim: 0)|float32|2,3,4|-0.0009114163694903255 -2.1269280910491943 -5.006715297698975 -0.018149960786104202 -0.0009114163694903255 -2.1269280910491943 -5.006715297698975 -0.018149960786104202 -0.0009114163694903255 -2.1269280910491943 -5.006715297698975 -0.018149960786104202 -7.000911235809326 -0.12692804634571075 -0.006715348921716213 -4.0181498527526855 -7.000911235809326 -0.12692804634571075 -0.006715348921716213 -4.0181498527526855 -7.000911235809326 -0.12692804634571075 -0.006715348921716213 -4.0181498527526855
constantAlongDim1|float32|x.logSoftmax(dim: 2)|float32|2,3,4|-0.3618490993976593 -4.361849308013916 -3.361849069595337 -1.361849069595337 -0.3618490993976593 -4.361849308013916 -3.361849069595337 -1.361849069595337 -0.3618490993976593 -4.361849308013916 -3.361849069595337 -1.361849069595337 -9.019165992736816 -4.019165992736816 -0.019166039302945137 -7.019165992736816 -9.019165992736816 -4.019165992736816 -0.019166039302945137 -7.019165992736816 -9.019165992736816 -4.019165992736816 -0.019166039302945137 -7.019165992736816
constantAlongDim1|float32|x.softmax(dim: 2, dtype: .float64)|float64|2,3,4|0.696387487194526 0.012754781742087936 0.03467109143547884 0.25618663962790716 0.696387487194526 0.012754781742087936 0.03467109143547884 0.25618663962790716 0.696387487194526 0.012754781742087936 0.03467109143547884 0.25618663962790716 0.00012106704411107177 0.01796794247973515 0.9810164192954856 0.0008945711806684208 0.00012106704411107177 0.01796794247973515 0.9810164192954856 0.0008945711806684208 0.00012106704411107177 0.01796794247973515 0.9810164192954856 0.0008945711806684208
constantAlongDim1|float64|x.sum()|float64||12.0
constantAlongDim1|float64|x.sum(dim: 1)|float64|2,4|9.0 -3.0 0.0 6.0 -12.0 3.0 15.0 -6.0
constantAlongDim1|float64|x.sum(dims: [0, 2])|float64|3|4.0 4.0 4.0
constantAlongDim1|float64|x.sum(dim: -1, keepdim: true)|float64|2,3,1|4.0 4.0 4.0 0.0 0.0 0.0
constantAlongDim1|float64|x.sum(dims: [])|float64||12.0
constantAlongDim1|float64|x.sum(dims: [2, 0, 1])|float64||12.0
constantAlongDim1|float64|x.sum(dtype: .float64)|float64||12.0
constantAlongDim1|float64|x.sum(dim: 0, dtype: .int32)|int32|3,4|-1 0 5 0 -1 0 5 0 -1 0 5 0
constantAlongDim1|float64|x.prod()|float64||-0.0
constantAlongDim1|float64|x.prod(dim: 2)|float64|2,3|-0.0 -0.0 -0.0 40.0 40.0 40.0
constantAlongDim1|float64|x.prod(dim: 0, keepdim: true)|float64|1,3,4|-12.0 -1.0 0.0 -4.0 -12.0 -1.0 0.0 -4.0 -12.0 -1.0 0.0 -4.0
constantAlongDim1|float64|x.mean()|float64||0.5
constantAlongDim1|float64|x.mean(dim: 1)|float64|2,4|3.0 -1.0 0.0 2.0 -4.0 1.0 5.0 -2.0
constantAlongDim1|float64|x.mean(dims: [0, 2], keepdim: true)|float64|1,3,1|0.5 0.5 0.5
constantAlongDim1|float64|x.mean(dtype: .float64)|float64||0.5
constantAlongDim1|float64|x.max()|float64||5.0
constantAlongDim1|float64|x.min()|float64||-4.0
constantAlongDim1|float64|x.max(dim: 1).values|float64|2,4|3.0 -1.0 0.0 2.0 -4.0 1.0 5.0 -2.0
constantAlongDim1|float64|x.max(dim: 1).indices|int64|2,4|0 0 0 0 0 0 0 0
constantAlongDim1|float64|x.max(dim: 0, keepdim: true).indices|int64|1,3,4|0 1 1 0 0 1 1 0 0 1 1 0
constantAlongDim1|float64|x.min(dim: 2, keepdim: true).values|float64|2,3,1|-1.0 -1.0 -1.0 -4.0 -4.0 -4.0
constantAlongDim1|float64|x.min(dim: 2, keepdim: true).indices|int64|2,3,1|1 1 1 0 0 0
constantAlongDim1|float64|x.min(dim: -3).indices|int64|3,4|1 0 0 1 1 0 0 1 1 0 0 1
constantAlongDim1|float64|x.amax()|float64||5.0
constantAlongDim1|float64|x.amax(dims: [0, 2])|float64|3|5.0 5.0 5.0
constantAlongDim1|float64|x.amin(dim: 1)|float64|2,4|3.0 -1.0 0.0 2.0 -4.0 1.0 5.0 -2.0
constantAlongDim1|float64|x.amin(dims: [1, 2], keepdim: true)|float64|2,1,1|-1.0 -4.0
constantAlongDim1|float64|x.argmax()|int64||14
constantAlongDim1|float64|x.argmax(dim: 0)|int64|3,4|0 1 1 0 0 1 1 0 0 1 1 0
constantAlongDim1|float64|x.argmax(dim: 2)|int64|2,3|0 0 0 2 2 2
constantAlongDim1|float64|x.argmin()|int64||12
constantAlongDim1|float64|x.argmin(dim: 1, keepdim: true)|int64|2,1,4|0 0 0 0 0 0 0 0
constantAlongDim1|float64|x.argmax(keepdim: true)|int64|1,1,1|14
constantAlongDim1|float64|x.any()|bool||1
constantAlongDim1|float64|x.all()|bool||0
constantAlongDim1|float64|x.any(dim: 1)|bool|2,4|1 1 0 1 1 1 1 1
constantAlongDim1|float64|x.all(dim: 2)|bool|2,3|0 0 0 1 1 1
constantAlongDim1|float64|x.all(dim: 0, keepdim: true)|bool|1,3,4|1 1 0 1 1 1 0 1 1 1 0 1
constantAlongDim1|float64|x.any(dims: [0, 2], keepdim: true)|bool|1,3,1|1 1 1
constantAlongDim1|float64|x.countNonzero()|int64||21
constantAlongDim1|float64|x.countNonzero(dim: 1)|int64|2,4|3 3 0 3 3 3 3 3
constantAlongDim1|float64|x.countNonzero(dims: [0, 2])|int64|3|7 7 7
constantAlongDim1|float64|x.cumsum(dim: 0)|float64|2,3,4|3.0 -1.0 0.0 2.0 3.0 -1.0 0.0 2.0 3.0 -1.0 0.0 2.0 -1.0 0.0 5.0 0.0 -1.0 0.0 5.0 0.0 -1.0 0.0 5.0 0.0
constantAlongDim1|float64|x.cumsum(dim: 1)|float64|2,3,4|3.0 -1.0 0.0 2.0 6.0 -2.0 0.0 4.0 9.0 -3.0 0.0 6.0 -4.0 1.0 5.0 -2.0 -8.0 2.0 10.0 -4.0 -12.0 3.0 15.0 -6.0
constantAlongDim1|float64|x.cumsum(dim: -1)|float64|2,3,4|3.0 2.0 2.0 4.0 3.0 2.0 2.0 4.0 3.0 2.0 2.0 4.0 -4.0 -3.0 2.0 0.0 -4.0 -3.0 2.0 0.0 -4.0 -3.0 2.0 0.0
constantAlongDim1|float64|x.cumsum(dim: 2, dtype: .float64)|float64|2,3,4|3.0 2.0 2.0 4.0 3.0 2.0 2.0 4.0 3.0 2.0 2.0 4.0 -4.0 -3.0 2.0 0.0 -4.0 -3.0 2.0 0.0 -4.0 -3.0 2.0 0.0
constantAlongDim1|float64|x.cumprod(dim: 0)|float64|2,3,4|3.0 -1.0 0.0 2.0 3.0 -1.0 0.0 2.0 3.0 -1.0 0.0 2.0 -12.0 -1.0 0.0 -4.0 -12.0 -1.0 0.0 -4.0 -12.0 -1.0 0.0 -4.0
constantAlongDim1|float64|x.cumprod(dim: 2)|float64|2,3,4|3.0 -3.0 -0.0 -0.0 3.0 -3.0 -0.0 -0.0 3.0 -3.0 -0.0 -0.0 -4.0 -4.0 -20.0 40.0 -4.0 -4.0 -20.0 40.0 -4.0 -4.0 -20.0 40.0
constantAlongDim1|float64|x.var()|float64||7.565217391304348
constantAlongDim1|float64|x.var(dim: 1)|float64|2,4|0.0 0.0 0.0 0.0 0.0 0.0 0.0 0.0
constantAlongDim1|float64|x.var(dims: [0, 2], correction: 0, keepdim: true)|float64|1,3,1|7.250000000000001 7.250000000000001 7.250000000000001
constantAlongDim1|float64|x.std()|float64||2.750494026771254
constantAlongDim1|float64|x.std(dim: 2)|float64|2,3|1.8257418583505538 1.8257418583505538 1.8257418583505538 3.915780041490244 3.915780041490244 3.915780041490244
constantAlongDim1|float64|x.std(dims: [0, 1], correction: 2)|float64|4|4.286607049870562 1.224744871391589 3.0618621784789726 2.449489742783178
constantAlongDim1|float64|x.norm()|float64||13.416407864998739
constantAlongDim1|float64|x.norm(1, dims: [1])|float64|2,4|9.0 3.0 0.0 6.0 12.0 3.0 15.0 6.0
constantAlongDim1|float64|x.norm(dim: 2, keepdim: true)|float64|2,3,1|3.7416573867739413 3.7416573867739413 3.7416573867739413 6.782329983125268 6.782329983125268 6.782329983125268
constantAlongDim1|float64|x.norm(.infinity, dim: 2)|float64|2,3|3.0 3.0 3.0 5.0 5.0 5.0
constantAlongDim1|float64|x.norm(.negativeInfinity)|float64||0.0
constantAlongDim1|float64|x.norm(3, dim: 0)|float64|3,4|4.497941445275415 1.2599210498948732 4.999999999999999 2.5198420997897464 4.497941445275415 1.2599210498948732 4.999999999999999 2.5198420997897464 4.497941445275415 1.2599210498948732 4.999999999999999 2.5198420997897464
constantAlongDim1|float64|x.norm(0)|float64||21.0
constantAlongDim1|float64|x.norm(0.5, dim: 1)|float64|2,4|27.0 9.0 0.0 18.000000000000004 36.0 9.0 45.00000000000001 18.000000000000004
constantAlongDim1|float64|x.norm(.fro, dims: [0, 1])|float64|4|8.660254037844387 2.449489742783178 8.660254037844387 4.898979485566356
constantAlongDim1|float64|x.logsumexp(dim: 1)|float64|2,4|4.09861228866811 0.09861228866810978 1.0986122886681098 3.09861228866811 -2.90138771133189 2.09861228866811 6.09861228866811 -0.9013877113318902
constantAlongDim1|float64|x.logsumexp(dims: [0, 2], keepdim: true)|float64|1,3,1|5.193665290534525 5.193665290534525 5.193665290534525
constantAlongDim1|float64|x.softmax(dim: 1)|float64|2,3,4|0.3333333333333333 0.3333333333333333 0.3333333333333333 0.3333333333333333 0.3333333333333333 0.3333333333333333 0.3333333333333333 0.3333333333333333 0.3333333333333333 0.3333333333333333 0.3333333333333333 0.3333333333333333 0.3333333333333333 0.3333333333333333 0.3333333333333333 0.3333333333333333 0.3333333333333333 0.3333333333333333 0.3333333333333333 0.3333333333333333 0.3333333333333333 0.3333333333333333 0.3333333333333333 0.3333333333333333
constantAlongDim1|float64|x.softmax(dim: 0)|float64|2,3,4|0.9990889488055994 0.11920292202211755 0.006692850924284856 0.9820137900379085 0.9990889488055994 0.11920292202211755 0.006692850924284856 0.9820137900379085 0.9990889488055994 0.11920292202211755 0.006692850924284856 0.9820137900379085 0.0009110511944006454 0.8807970779778823 0.9933071490757153 0.017986209962091555 0.0009110511944006454 0.8807970779778823 0.9933071490757153 0.017986209962091555 0.0009110511944006454 0.8807970779778823 0.9933071490757153 0.017986209962091555
constantAlongDim1|float64|x.softmax(dim: -1)|float64|2,3,4|0.696387487194526 0.012754781742087936 0.03467109143547884 0.25618663962790716 0.696387487194526 0.012754781742087936 0.03467109143547884 0.25618663962790716 0.696387487194526 0.012754781742087936 0.03467109143547884 0.25618663962790716 0.00012106704411107177 0.01796794247973515 0.9810164192954856 0.0008945711806684208 0.00012106704411107177 0.01796794247973515 0.9810164192954856 0.0008945711806684208 0.00012106704411107177 0.01796794247973515 0.9810164192954856 0.0008945711806684208
constantAlongDim1|float64|x.logSoftmax(dim: 0)|float64|2,3,4|-0.0009114664537742015 -2.1269280110429727 -5.006715348489118 -0.01814992791780978 -0.0009114664537742015 -2.1269280110429727 -5.006715348489118 -0.01814992791780978 -0.0009114664537742015 -2.1269280110429727 -5.006715348489118 -0.01814992791780978 -7.000911466453775 -0.1269280110429726 -0.006715348489117967 -4.0181499279178094 -7.000911466453775 -0.1269280110429726 -0.006715348489117967 -4.0181499279178094 -7.000911466453775 -0.1269280110429726 -0.006715348489117967 -4.0181499279178094
constantAlongDim1|float64|x.logSoftmax(dim: 2)|float64|2,3,4|-0.36184903909196486 -4.361849039091965 -3.3618490390919646 -1.3618490390919649 -0.36184903909196486 -4.361849039091965 -3.3618490390919646 -1.3618490390919649 -0.36184903909196486 -4.361849039091965 -3.3618490390919646 -1.3618490390919649 -9.019166082252575 -4.019166082252575 -0.01916608225257452 -7.019166082252575 -9.019166082252575 -4.019166082252575 -0.01916608225257452 -7.019166082252575 -9.019166082252575 -4.019166082252575 -0.01916608225257452 -7.019166082252575
constantAlongDim1|float64|x.softmax(dim: 2, dtype: .float64)|float64|2,3,4|0.696387487194526 0.012754781742087936 0.03467109143547884 0.25618663962790716 0.696387487194526 0.012754781742087936 0.03467109143547884 0.25618663962790716 0.696387487194526 0.012754781742087936 0.03467109143547884 0.25618663962790716 0.00012106704411107177 0.01796794247973515 0.9810164192954856 0.0008945711806684208 0.00012106704411107177 0.01796794247973515 0.9810164192954856 0.0008945711806684208 0.00012106704411107177 0.01796794247973515 0.9810164192954856 0.0008945711806684208
constantAlongDim1|int32|x.sum()|int64||12
constantAlongDim1|int32|x.sum(dim: 1)|int64|2,4|9 -3 0 6 -12 3 15 -6
constantAlongDim1|int32|x.sum(dims: [0, 2])|int64|3|4 4 4
constantAlongDim1|int32|x.sum(dim: -1, keepdim: true)|int64|2,3,1|4 4 4 0 0 0
constantAlongDim1|int32|x.sum(dims: [])|int64||12
constantAlongDim1|int32|x.sum(dims: [2, 0, 1])|int64||12
constantAlongDim1|int32|x.sum(dtype: .float64)|float64||12.0
constantAlongDim1|int32|x.sum(dim: 0, dtype: .int32)|int32|3,4|-1 0 5 0 -1 0 5 0 -1 0 5 0
constantAlongDim1|int32|x.prod()|int64||0
constantAlongDim1|int32|x.prod(dim: 2)|int64|2,3|0 0 0 40 40 40
constantAlongDim1|int32|x.prod(dim: 0, keepdim: true)|int64|1,3,4|-12 -1 0 -4 -12 -1 0 -4 -12 -1 0 -4
constantAlongDim1|int32|x.mean(dtype: .float64)|float64||0.5
constantAlongDim1|int32|x.max()|int32||5
constantAlongDim1|int32|x.min()|int32||-4
constantAlongDim1|int32|x.max(dim: 1).values|int32|2,4|3 -1 0 2 -4 1 5 -2
constantAlongDim1|int32|x.max(dim: 1).indices|int64|2,4|0 0 0 0 0 0 0 0
constantAlongDim1|int32|x.max(dim: 0, keepdim: true).indices|int64|1,3,4|0 1 1 0 0 1 1 0 0 1 1 0
constantAlongDim1|int32|x.min(dim: 2, keepdim: true).values|int32|2,3,1|-1 -1 -1 -4 -4 -4
constantAlongDim1|int32|x.min(dim: 2, keepdim: true).indices|int64|2,3,1|1 1 1 0 0 0
constantAlongDim1|int32|x.min(dim: -3).indices|int64|3,4|1 0 0 1 1 0 0 1 1 0 0 1
constantAlongDim1|int32|x.amax()|int32||5
constantAlongDim1|int32|x.amax(dims: [0, 2])|int32|3|5 5 5
constantAlongDim1|int32|x.amin(dim: 1)|int32|2,4|3 -1 0 2 -4 1 5 -2
constantAlongDim1|int32|x.amin(dims: [1, 2], keepdim: true)|int32|2,1,1|-1 -4
constantAlongDim1|int32|x.argmax()|int64||14
constantAlongDim1|int32|x.argmax(dim: 0)|int64|3,4|0 1 1 0 0 1 1 0 0 1 1 0
constantAlongDim1|int32|x.argmax(dim: 2)|int64|2,3|0 0 0 2 2 2
constantAlongDim1|int32|x.argmin()|int64||12
constantAlongDim1|int32|x.argmin(dim: 1, keepdim: true)|int64|2,1,4|0 0 0 0 0 0 0 0
constantAlongDim1|int32|x.argmax(keepdim: true)|int64|1,1,1|14
constantAlongDim1|int32|x.any()|bool||1
constantAlongDim1|int32|x.all()|bool||0
constantAlongDim1|int32|x.any(dim: 1)|bool|2,4|1 1 0 1 1 1 1 1
constantAlongDim1|int32|x.all(dim: 2)|bool|2,3|0 0 0 1 1 1
constantAlongDim1|int32|x.all(dim: 0, keepdim: true)|bool|1,3,4|1 1 0 1 1 1 0 1 1 1 0 1
constantAlongDim1|int32|x.any(dims: [0, 2], keepdim: true)|bool|1,3,1|1 1 1
constantAlongDim1|int32|x.countNonzero()|int64||21
constantAlongDim1|int32|x.countNonzero(dim: 1)|int64|2,4|3 3 0 3 3 3 3 3
constantAlongDim1|int32|x.countNonzero(dims: [0, 2])|int64|3|7 7 7
constantAlongDim1|int32|x.cumsum(dim: 0)|int64|2,3,4|3 -1 0 2 3 -1 0 2 3 -1 0 2 -1 0 5 0 -1 0 5 0 -1 0 5 0
constantAlongDim1|int32|x.cumsum(dim: 1)|int64|2,3,4|3 -1 0 2 6 -2 0 4 9 -3 0 6 -4 1 5 -2 -8 2 10 -4 -12 3 15 -6
constantAlongDim1|int32|x.cumsum(dim: -1)|int64|2,3,4|3 2 2 4 3 2 2 4 3 2 2 4 -4 -3 2 0 -4 -3 2 0 -4 -3 2 0
constantAlongDim1|int32|x.cumsum(dim: 2, dtype: .float64)|float64|2,3,4|3.0 2.0 2.0 4.0 3.0 2.0 2.0 4.0 3.0 2.0 2.0 4.0 -4.0 -3.0 2.0 0.0 -4.0 -3.0 2.0 0.0 -4.0 -3.0 2.0 0.0
constantAlongDim1|int32|x.cumprod(dim: 0)|int64|2,3,4|3 -1 0 2 3 -1 0 2 3 -1 0 2 -12 -1 0 -4 -12 -1 0 -4 -12 -1 0 -4
constantAlongDim1|int32|x.cumprod(dim: 2)|int64|2,3,4|3 -3 0 0 3 -3 0 0 3 -3 0 0 -4 -4 -20 40 -4 -4 -20 40 -4 -4 -20 40
constantAlongDim1|int32|x.logsumexp(dim: 1)|float32|2,4|4.098612308502197 0.09861230850219727 1.0986123085021973 3.0986123085021973 -2.9013876914978027 2.0986123085021973 6.098612308502197 -0.9013876914978027
constantAlongDim1|int32|x.logsumexp(dims: [0, 2], keepdim: true)|float32|1,3,1|5.193665027618408 5.193665027618408 5.193665027618408
constantAlongDim1|int32|x.softmax(dim: 2, dtype: .float64)|float64|2,3,4|0.696387487194526 0.012754781742087936 0.03467109143547884 0.25618663962790716 0.696387487194526 0.012754781742087936 0.03467109143547884 0.25618663962790716 0.696387487194526 0.012754781742087936 0.03467109143547884 0.25618663962790716 0.00012106704411107177 0.01796794247973515 0.9810164192954856 0.0008945711806684208 0.00012106704411107177 0.01796794247973515 0.9810164192954856 0.0008945711806684208 0.00012106704411107177 0.01796794247973515 0.9810164192954856 0.0008945711806684208
constantAlongDim1|int64|x.sum()|int64||12
constantAlongDim1|int64|x.sum(dim: 1)|int64|2,4|9 -3 0 6 -12 3 15 -6
constantAlongDim1|int64|x.sum(dims: [0, 2])|int64|3|4 4 4
constantAlongDim1|int64|x.sum(dim: -1, keepdim: true)|int64|2,3,1|4 4 4 0 0 0
constantAlongDim1|int64|x.sum(dims: [])|int64||12
constantAlongDim1|int64|x.sum(dims: [2, 0, 1])|int64||12
constantAlongDim1|int64|x.sum(dtype: .float64)|float64||12.0
constantAlongDim1|int64|x.sum(dim: 0, dtype: .int32)|int32|3,4|-1 0 5 0 -1 0 5 0 -1 0 5 0
constantAlongDim1|int64|x.prod()|int64||0
constantAlongDim1|int64|x.prod(dim: 2)|int64|2,3|0 0 0 40 40 40
constantAlongDim1|int64|x.prod(dim: 0, keepdim: true)|int64|1,3,4|-12 -1 0 -4 -12 -1 0 -4 -12 -1 0 -4
constantAlongDim1|int64|x.mean(dtype: .float64)|float64||0.5
constantAlongDim1|int64|x.max()|int64||5
constantAlongDim1|int64|x.min()|int64||-4
constantAlongDim1|int64|x.max(dim: 1).values|int64|2,4|3 -1 0 2 -4 1 5 -2
constantAlongDim1|int64|x.max(dim: 1).indices|int64|2,4|0 0 0 0 0 0 0 0
constantAlongDim1|int64|x.max(dim: 0, keepdim: true).indices|int64|1,3,4|0 1 1 0 0 1 1 0 0 1 1 0
constantAlongDim1|int64|x.min(dim: 2, keepdim: true).values|int64|2,3,1|-1 -1 -1 -4 -4 -4
constantAlongDim1|int64|x.min(dim: 2, keepdim: true).indices|int64|2,3,1|1 1 1 0 0 0
constantAlongDim1|int64|x.min(dim: -3).indices|int64|3,4|1 0 0 1 1 0 0 1 1 0 0 1
constantAlongDim1|int64|x.amax()|int64||5
constantAlongDim1|int64|x.amax(dims: [0, 2])|int64|3|5 5 5
constantAlongDim1|int64|x.amin(dim: 1)|int64|2,4|3 -1 0 2 -4 1 5 -2
constantAlongDim1|int64|x.amin(dims: [1, 2], keepdim: true)|int64|2,1,1|-1 -4
constantAlongDim1|int64|x.argmax()|int64||14
constantAlongDim1|int64|x.argmax(dim: 0)|int64|3,4|0 1 1 0 0 1 1 0 0 1 1 0
constantAlongDim1|int64|x.argmax(dim: 2)|int64|2,3|0 0 0 2 2 2
constantAlongDim1|int64|x.argmin()|int64||12
constantAlongDim1|int64|x.argmin(dim: 1, keepdim: true)|int64|2,1,4|0 0 0 0 0 0 0 0
constantAlongDim1|int64|x.argmax(keepdim: true)|int64|1,1,1|14
constantAlongDim1|int64|x.any()|bool||1
constantAlongDim1|int64|x.all()|bool||0
constantAlongDim1|int64|x.any(dim: 1)|bool|2,4|1 1 0 1 1 1 1 1
constantAlongDim1|int64|x.all(dim: 2)|bool|2,3|0 0 0 1 1 1
constantAlongDim1|int64|x.all(dim: 0, keepdim: true)|bool|1,3,4|1 1 0 1 1 1 0 1 1 1 0 1
constantAlongDim1|int64|x.any(dims: [0, 2], keepdim: true)|bool|1,3,1|1 1 1
constantAlongDim1|int64|x.countNonzero()|int64||21
constantAlongDim1|int64|x.countNonzero(dim: 1)|int64|2,4|3 3 0 3 3 3 3 3
constantAlongDim1|int64|x.countNonzero(dims: [0, 2])|int64|3|7 7 7
constantAlongDim1|int64|x.cumsum(dim: 0)|int64|2,3,4|3 -1 0 2 3 -1 0 2 3 -1 0 2 -1 0 5 0 -1 0 5 0 -1 0 5 0
constantAlongDim1|int64|x.cumsum(dim: 1)|int64|2,3,4|3 -1 0 2 6 -2 0 4 9 -3 0 6 -4 1 5 -2 -8 2 10 -4 -12 3 15 -6
constantAlongDim1|int64|x.cumsum(dim: -1)|int64|2,3,4|3 2 2 4 3 2 2 4 3 2 2 4 -4 -3 2 0 -4 -3 2 0 -4 -3 2 0
constantAlongDim1|int64|x.cumsum(dim: 2, dtype: .float64)|float64|2,3,4|3.0 2.0 2.0 4.0 3.0 2.0 2.0 4.0 3.0 2.0 2.0 4.0 -4.0 -3.0 2.0 0.0 -4.0 -3.0 2.0 0.0 -4.0 -3.0 2.0 0.0
constantAlongDim1|int64|x.cumprod(dim: 0)|int64|2,3,4|3 -1 0 2 3 -1 0 2 3 -1 0 2 -12 -1 0 -4 -12 -1 0 -4 -12 -1 0 -4
constantAlongDim1|int64|x.cumprod(dim: 2)|int64|2,3,4|3 -3 0 0 3 -3 0 0 3 -3 0 0 -4 -4 -20 40 -4 -4 -20 40 -4 -4 -20 40
constantAlongDim1|int64|x.logsumexp(dim: 1)|float32|2,4|4.098612308502197 0.09861230850219727 1.0986123085021973 3.0986123085021973 -2.9013876914978027 2.0986123085021973 6.098612308502197 -0.9013876914978027
constantAlongDim1|int64|x.logsumexp(dims: [0, 2], keepdim: true)|float32|1,3,1|5.193665027618408 5.193665027618408 5.193665027618408
constantAlongDim1|int64|x.softmax(dim: 2, dtype: .float64)|float64|2,3,4|0.696387487194526 0.012754781742087936 0.03467109143547884 0.25618663962790716 0.696387487194526 0.012754781742087936 0.03467109143547884 0.25618663962790716 0.696387487194526 0.012754781742087936 0.03467109143547884 0.25618663962790716 0.00012106704411107177 0.01796794247973515 0.9810164192954856 0.0008945711806684208 0.00012106704411107177 0.01796794247973515 0.9810164192954856 0.0008945711806684208 0.00012106704411107177 0.01796794247973515 0.9810164192954856 0.0008945711806684208
constantAlongDim1|bool|x.sum()|int64||21
constantAlongDim1|bool|x.sum(dim: 1)|int64|2,4|3 3 0 3 3 3 3 3
constantAlongDim1|bool|x.sum(dims: [0, 2])|int64|3|7 7 7
constantAlongDim1|bool|x.sum(dim: -1, keepdim: true)|int64|2,3,1|3 3 3 4 4 4
constantAlongDim1|bool|x.sum(dims: [])|int64||21
constantAlongDim1|bool|x.sum(dims: [2, 0, 1])|int64||21
constantAlongDim1|bool|x.sum(dtype: .float64)|float64||21.0
constantAlongDim1|bool|x.sum(dim: 0, dtype: .int32)|int32|3,4|2 2 1 2 2 2 1 2 2 2 1 2
constantAlongDim1|bool|x.prod()|int64||0
constantAlongDim1|bool|x.prod(dim: 2)|int64|2,3|0 0 0 1 1 1
constantAlongDim1|bool|x.prod(dim: 0, keepdim: true)|int64|1,3,4|1 1 0 1 1 1 0 1 1 1 0 1
constantAlongDim1|bool|x.mean(dtype: .float64)|float64||0.875
constantAlongDim1|bool|x.max()|bool||1
constantAlongDim1|bool|x.min()|bool||0
constantAlongDim1|bool|x.max(dim: 1).values|bool|2,4|1 1 0 1 1 1 1 1
constantAlongDim1|bool|x.max(dim: 1).indices|int64|2,4|0 0 0 0 0 0 0 0
constantAlongDim1|bool|x.max(dim: 0, keepdim: true).indices|int64|1,3,4|0 0 1 0 0 0 1 0 0 0 1 0
constantAlongDim1|bool|x.min(dim: 2, keepdim: true).values|bool|2,3,1|0 0 0 1 1 1
constantAlongDim1|bool|x.min(dim: 2, keepdim: true).indices|int64|2,3,1|2 2 2 0 0 0
constantAlongDim1|bool|x.min(dim: -3).indices|int64|3,4|0 0 0 0 0 0 0 0 0 0 0 0
constantAlongDim1|bool|x.amax()|bool||1
constantAlongDim1|bool|x.amax(dims: [0, 2])|bool|3|1 1 1
constantAlongDim1|bool|x.amin(dim: 1)|bool|2,4|1 1 0 1 1 1 1 1
constantAlongDim1|bool|x.amin(dims: [1, 2], keepdim: true)|bool|2,1,1|0 1
constantAlongDim1|bool|x.any()|bool||1
constantAlongDim1|bool|x.all()|bool||0
constantAlongDim1|bool|x.any(dim: 1)|bool|2,4|1 1 0 1 1 1 1 1
constantAlongDim1|bool|x.all(dim: 2)|bool|2,3|0 0 0 1 1 1
constantAlongDim1|bool|x.all(dim: 0, keepdim: true)|bool|1,3,4|1 1 0 1 1 1 0 1 1 1 0 1
constantAlongDim1|bool|x.any(dims: [0, 2], keepdim: true)|bool|1,3,1|1 1 1
constantAlongDim1|bool|x.countNonzero()|int64||21
constantAlongDim1|bool|x.countNonzero(dim: 1)|int64|2,4|3 3 0 3 3 3 3 3
constantAlongDim1|bool|x.countNonzero(dims: [0, 2])|int64|3|7 7 7
constantAlongDim1|bool|x.cumsum(dim: 0)|int64|2,3,4|1 1 0 1 1 1 0 1 1 1 0 1 2 2 1 2 2 2 1 2 2 2 1 2
constantAlongDim1|bool|x.cumsum(dim: 1)|int64|2,3,4|1 1 0 1 2 2 0 2 3 3 0 3 1 1 1 1 2 2 2 2 3 3 3 3
constantAlongDim1|bool|x.cumsum(dim: -1)|int64|2,3,4|1 2 2 3 1 2 2 3 1 2 2 3 1 2 3 4 1 2 3 4 1 2 3 4
constantAlongDim1|bool|x.cumsum(dim: 2, dtype: .float64)|float64|2,3,4|1.0 2.0 2.0 3.0 1.0 2.0 2.0 3.0 1.0 2.0 2.0 3.0 1.0 2.0 3.0 4.0 1.0 2.0 3.0 4.0 1.0 2.0 3.0 4.0
constantAlongDim1|bool|x.cumprod(dim: 0)|int64|2,3,4|1 1 0 1 1 1 0 1 1 1 0 1 1 1 0 1 1 1 0 1 1 1 0 1
constantAlongDim1|bool|x.cumprod(dim: 2)|int64|2,3,4|1 1 0 0 1 1 0 0 1 1 0 0 1 1 1 1 1 1 1 1 1 1 1 1
constantAlongDim1|bool|x.logsumexp(dim: 1)|float32|2,4|2.0986123085021973 2.0986123085021973 1.0986123085021973 2.0986123085021973 2.0986123085021973 2.0986123085021973 2.0986123085021973 2.0986123085021973
constantAlongDim1|bool|x.logsumexp(dims: [0, 2], keepdim: true)|float32|1,3,1|2.9971299171447754 2.9971299171447754 2.9971299171447754
constantAlongDim1|bool|x.softmax(dim: 2, dtype: .float64)|float64|2,3,4|0.2969227424756547 0.2969227424756547 0.10923177257303593 0.2969227424756547 0.2969227424756547 0.2969227424756547 0.10923177257303593 0.2969227424756547 0.2969227424756547 0.2969227424756547 0.10923177257303593 0.2969227424756547 0.25 0.25 0.25 0.25 0.25 0.25 0.25 0.25 0.25 0.25 0.25 0.25
"""
}

@Suite struct ReductionTableTests {
    @Test func everyExpressionHasAClosure() {
        for row in ReductionTable.rows {
            #expect(ReductionTable.ops[row.expression] != nil, "\(row.expression)")
        }
        #expect(ReductionTable.rows.count > 500)
    }

    @Test(arguments: ["mixed", "constantAlongDim1"], [DType.float32, .float64, .int32, .int64, .bool])
    func matchesPyTorch(dataset: String, dtype: DType) {
        let rows = ReductionTable.rows.filter { $0.dataset == dataset && $0.dtype == dtype }
        #expect(!rows.isEmpty)
        let variants = layoutVariants(shape: [2, 3, 4], values: ReductionTable.data(dataset), dtype: dtype)
        #expect(variants.count >= (dataset == "mixed" ? 5 : 6))
        for variant in variants {
            for row in rows {
                let got = ReductionTable.ops[row.expression]!(variant.tensor)
                let label = "\(variant.name) \(dtype) \(row.expression)"
                #expect(got.shape == row.shape, "\(label): shape")
                #expect(got.dtype == row.resultDType, "\(label): dtype")
                let values = got.scalars(as: Double.self)
                guard values.count == row.values.count else {
                    Issue.record("\(label): \(values.count) elements, expected \(row.values.count)")
                    continue
                }
                let exact = ReductionTable.exact.contains(row.expression)
                let tolerance = got.dtype == .float64 ? 1e-13 : 4e-7
                for (g, e) in zip(values, row.values) {
                    let ok = exact || e.isNaN || e.isInfinite
                        ? sameValue(g, e) || (g == 0 && e == 0)
                        : Swift.abs(g - e) <= tolerance * Swift.max(1, Swift.abs(e))
                    if !ok {
                        Issue.record("\(label): got \(values), expected \(row.values)")
                        break
                    }
                }
            }
        }
    }
}

