import EmberBackend
#if canImport(Glibc)
import Glibc
#endif

// MARK: - Engine

/// The loops every reduction runs. Dims of size 1 are dropped, the rest ordered by the input's
/// strides and merged where possible; then one of two shapes of loop:
///
/// - inner: the innermost dim is reduced. Each output folds its elements, a contiguous run at
///   a time (`reduceContiguous`, vectorized). Many outputs are split across threads; a few large
///   ones split their own elements into per-thread partials, merged in order.
/// - outer: the innermost dim is kept (e.g. `sum(dim: 0)` of a row-major matrix). A row of
///   accumulators takes whole input rows at a time (several per pass), streaming memory once;
///   the row is tiled so it stays in L1, and threads take tiles, or consecutive blocks of the
///   reduced rows when tiles are few.
///
/// No heap allocation on the way to the loops, so small reductions stay cheap.
enum ReduceEngine {
    static let grain = 32_768
    /// Bytes of accumulators per tile of the outer loop.
    static let tileBytes = 16_384

    static func run<R: Reducer>(_ r: R, _ input: StridedBuffer, _ output: StridedBuffer) {
        let outCount = output.layout.count
        if outCount == 0 { return }
        let ishape = input.layout.shape, oshape = output.layout.shape
        let istrides = input.layout.strides, ostrides = output.layout.strides
        let pin = UnsafePointer(input.pointer(as: R.Input.self))
        let pout = output.pointer(as: R.Output.self)
        var redCount = 1
        for d in 0..<ishape.count where oshape[d] == 1 && ishape[d] != 1 { redCount *= ishape[d] }
        if redCount == 0 {
            let value = r.finish(r.identity, count: 0)
            let plan = LoopPlan(shape: oshape, strides: ostrides)
            let s = plan.innerStride(0)
            plan.forEachRow(in: 0..<plan.rowCount) { offsets, count in
                for j in 0..<count { pout[offsets[0] + j * s] = value }
            }
            return
        }
        if input.layout.isContiguous && output.layout.isContiguous {
            // The common cases, planned without sorting: reduced dims all trailing (rows of
            // `redCount` contiguous elements each) or all leading (rows of outputs).
            var firstReduced = ishape.count, lastReduced = -1
            for d in 0..<ishape.count where oshape[d] == 1 && ishape[d] != 1 {
                firstReduced = Swift.min(firstReduced, d)
                lastReduced = d
            }
            var leading = 1, between = 1, trailing = 1
            for d in 0..<ishape.count {
                if d < firstReduced { leading *= ishape[d] } else if d > lastReduced { trailing *= ishape[d] } else if oshape[d] != 1 { between *= ishape[d] }
            }
            if between == 1 && trailing == 1 {
                var kept = DimList(), red = DimList()
                if leading > 1 { kept.append(size: leading, input: redCount, output: 1) }
                red.append(size: redCount, input: 1, output: 0)
                inner(r, pin, pout, kept: kept, red: red, outCount: outCount, redCount: redCount)
                return
            }
            if between == 1 && leading == 1 {
                var kept = DimList(), red = DimList()
                kept.append(size: trailing, input: 1, output: 1)
                red.append(size: redCount, input: trailing, output: 0)
                outer(r, pin, pout, kept: kept, red: red, outCount: outCount, redCount: redCount)
                return
            }
        }
        // The dims that matter, ordered outermost first by input stride (stride 0 outermost).
        var dims = DimList(), reduced = Dims(), keys = Dims()
        for d in 0..<ishape.count where ishape[d] != 1 {
            let isReduced = oshape[d] == 1
            dims.append(size: ishape[d], input: istrides[d], output: isReduced ? 0 : ostrides[d])
            reduced.append(isReduced ? 1 : 0)
            keys.append(istrides[d] == 0 ? Int.max : Swift.abs(istrides[d]))
        }
        if dims.count == 0 {
            pout[0] = r.finish(r.combine(r.identity, pin[0]), count: 1)
            return
        }
        for i in 1..<dims.count {
            var j = i
            while j > 0 && keys[j - 1] < keys[j] {
                dims.swapAt(j - 1, j)
                reduced.swapAt(j - 1, j)
                keys.swapAt(j - 1, j)
                j -= 1
            }
        }
        // Merge neighbours of the same kind that step evenly; split into kept and reduced lists.
        var kept = DimList(), red = DimList()
        var i = 0
        var innerReduced = false
        while i < dims.count {
            var size = dims.sizes[i], inS = dims.input[i], outS = dims.output[i]
            let isReduced = reduced[i] == 1
            while i + 1 < dims.count && reduced[i + 1] == reduced[i]
                && inS == dims.input[i + 1] * dims.sizes[i + 1]
                && (isReduced || outS == dims.output[i + 1] * dims.sizes[i + 1]) {
                i += 1
                size *= dims.sizes[i]
                inS = dims.input[i]
                outS = dims.output[i]
            }
            if isReduced { red.append(size: size, input: inS, output: 0) } else { kept.append(size: size, input: inS, output: outS) }
            innerReduced = isReduced
            i += 1
        }
        if innerReduced {
            inner(r, pin, pout, kept: kept, red: red, outCount: outCount, redCount: redCount)
        } else {
            outer(r, pin, pout, kept: kept, red: red, outCount: outCount, redCount: redCount)
        }
    }

    // MARK: Inner reductions

    /// The reduction of `count` contiguous elements into `pout[0]` when `inner` would fold them
    /// on this thread in one span (what it does for one output of fewer than `2 * grain`
    /// elements): the same bits, without planning. False, with nothing written, otherwise.
    static func flat<R: Reducer>(_ r: R, _ pin: UnsafePointer<R.Input>, _ count: Int,
                                 _ pout: UnsafeMutablePointer<R.Output>) -> Bool {
        guard count < 2 * grain else { return false }
        pout[0] = r.finish(r.reduceStrided(pin, count, 1, r.identity), count: count)
        return true
    }

    static func inner<R: Reducer>(_ r: R, _ pin: UnsafePointer<R.Input>, _ pout: UnsafeMutablePointer<R.Output>,
                                  kept: DimList, red: DimList, outCount: Int, redCount: Int) {
        let last = red.count - 1
        let n = red.sizes[last], s = red.input[last]
        let rows = red.droppingLast()

        // Folds the reduced elements with flat indices in `range` (row-major over `red`).
        @inline(__always) func span(_ base: Int, _ range: Range<Int>) -> R.Acc {
            if last == 0 {
                return r.reduceStrided(pin + base + range.lowerBound * s, range.count, s, r.identity)
            }
            var acc = r.identity
            var flat = range.lowerBound
            while flat < range.upperBound {
                let row = flat / n, column = flat % n
                let count = Swift.min(n - column, range.upperBound - flat)
                acc = r.reduceStrided(pin + base + rows.offsets(row).0 + column * s, count, s, acc)
                flat += count
            }
            return acc
        }

        let threads = Parallel.threadCount
        if threads == 1 || redCount < 2 * grain || outCount >= 4 * threads {
            if outCount * redCount < 2 * grain {
                kept.forEach(0..<outCount) { i, o in pout[o] = r.finish(span(i, 0..<redCount), count: redCount) }
                return
            }
            Parallel.forRange(outCount, grain: Swift.max(1, grain / redCount)) { range in
                kept.forEach(range) { i, o in pout[o] = r.finish(span(i, 0..<redCount), count: redCount) }
            }
            return
        }
        // A few large outputs: each splits its elements across threads.
        let pieces = Swift.min(threads, redCount / grain)
        let partials = UnsafeMutablePointer<R.Acc>.allocate(capacity: pieces)
        partials.initialize(repeating: r.identity, count: pieces)
        defer { partials.deinitialize(count: pieces); partials.deallocate() }
        kept.forEach(0..<outCount) { i, o in
            Parallel.forRange(pieces, grain: 1) { range in
                for piece in range {
                    partials[piece] = span(i, (redCount * piece / pieces)..<(redCount * (piece + 1) / pieces))
                }
            }
            var acc = partials[0]
            for piece in 1..<pieces { acc = r.merge(acc, partials[piece]) }
            pout[o] = r.finish(acc, count: redCount)
        }
    }

    // MARK: Outer reductions

    static func outer<R: Reducer>(_ r: R, _ pin: UnsafePointer<R.Input>, _ pout: UnsafeMutablePointer<R.Output>,
                                  kept: DimList, red: DimList, outCount: Int, redCount: Int) {
        let lastKept = kept.count - 1
        let width = kept.sizes[lastKept], si = kept.input[lastKept], so = kept.output[lastKept]
        let outputs = kept.droppingLast()
        // Reduced positions as runs along the innermost reduced dim (one run of one when none).
        let runLength = red.count > 0 ? red.sizes[red.count - 1] : 1
        let runStride = red.count > 0 ? red.input[red.count - 1] : 0
        let runs = red.count > 0 ? red.droppingLast() : DimList()
        let tile = Swift.max(1, Swift.min(width, tileBytes / Swift.max(1, MemoryLayout<R.Acc>.stride)))
        let tiles = (width + tile - 1) / tile
        let items = outputs.product * tiles

        // Accumulates reduced positions `range` of one tile into `acc`.
        @inline(__always)
        func accumulate(_ acc: UnsafeMutablePointer<R.Acc>, _ base: Int, _ c0: Int, _ count: Int, _ range: Range<Int>) {
            var flat = range.lowerBound
            while flat < range.upperBound {
                let k = flat % runLength, length = Swift.min(runLength - k, range.upperBound - flat)
                let start = pin + base + runs.offsets(flat / runLength).0 + k * runStride + c0 * si
                r.accumulateRows(acc, start, rowStride: runStride, rows: length, stride: si, count)
                flat += length
            }
        }

        let threads = Parallel.threadCount
        let total = outCount * redCount
        if total < 2 * grain || threads == 1 || items >= 2 * threads || outputs.product > 1 || redCount < 2 * threads {
            Parallel.forRange(items, grain: Swift.max(1, grain / Swift.max(1, tile * redCount))) { range in
                let acc = UnsafeMutablePointer<R.Acc>.allocate(capacity: tile)
                defer { acc.deallocate() }
                for item in range {
                    let (i, o) = outputs.offsets(item / tiles)
                    let c0 = (item % tiles) * tile, count = Swift.min(tile, width - c0)
                    acc.initialize(repeating: r.identity, count: count)
                    accumulate(acc, i, c0, count, 0..<redCount)
                    for j in 0..<count { pout[o + (c0 + j) * so] = r.finish(acc[j], count: redCount) }
                    acc.deinitialize(count: count)
                }
            }
            return
        }
        // One output row and few tiles: threads take consecutive blocks of the reduced rows, each
        // into its own row of partials, merged in order.
        let pieces = Swift.min(threads, redCount)
        let partials = UnsafeMutablePointer<R.Acc>.allocate(capacity: pieces * width)
        partials.initialize(repeating: r.identity, count: pieces * width)
        defer { partials.deinitialize(count: pieces * width); partials.deallocate() }
        Parallel.forRange(pieces, grain: 1) { range in
            for piece in range {
                let mine = (redCount * piece / pieces)..<(redCount * (piece + 1) / pieces)
                var c0 = 0
                while c0 < width {
                    let count = Swift.min(tile, width - c0)
                    accumulate(partials + piece * width + c0, 0, c0, count, mine)
                    c0 += count
                }
            }
        }
        for j in 0..<width {
            var acc = partials[j]
            for piece in 1..<pieces { acc = r.merge(acc, partials[piece * width + j]) }
            pout[j * so] = r.finish(acc, count: redCount)
        }
    }
}

// MARK: - DimList

/// A few dims (sizes with input and output strides, outermost first), walked in row-major order.
struct DimList {
    var sizes = Dims()
    var input = Dims()
    var output = Dims()

    var count: Int { sizes.count }
    /// The number of positions (1 for no dims).
    var product: Int { sizes.product }

    mutating func append(size: Int, input i: Int, output o: Int) {
        sizes.append(size)
        input.append(i)
        output.append(o)
    }

    mutating func swapAt(_ a: Int, _ b: Int) {
        sizes.swapAt(a, b)
        input.swapAt(a, b)
        output.swapAt(a, b)
    }

    /// All but the innermost dim.
    func droppingLast() -> DimList {
        var list = DimList()
        for d in 0..<Swift.max(0, count - 1) { list.append(size: sizes[d], input: input[d], output: output[d]) }
        return list
    }

    /// The input and output offsets of the position with flat index `flat`.
    @inline(__always) func offsets(_ flat: Int) -> (Int, Int) {
        var rest = flat, i = 0, o = 0
        var d = sizes.count - 1
        while d >= 0 {
            let index = rest % sizes[d]
            rest /= sizes[d]
            i += index * input[d]
            o += index * output[d]
            d -= 1
        }
        return (i, o)
    }

    /// Calls `body(inputOffset, outputOffset)` for the positions in `range`, in order.
    @inline(__always) func forEach(_ range: Range<Int>, _ body: (Int, Int) -> Void) {
        if range.isEmpty { return }
        let rank = sizes.count
        if rank == 0 {
            body(0, 0)
            return
        }
        if rank == 1 {
            let si = input[0], so = output[0]
            for k in range { body(k * si, k * so) }
            return
        }
        var index = Dims(repeating: 0, count: rank)
        var (i, o) = offsets(range.lowerBound)
        var rest = range.lowerBound
        for d in stride(from: rank - 1, through: 0, by: -1) {
            index[d] = rest % sizes[d]
            rest /= sizes[d]
        }
        for _ in range {
            body(i, o)
            var d = rank - 1
            while d >= 0 {
                index[d] += 1
                i += input[d]
                o += output[d]
                if index[d] < sizes[d] { break }
                i -= input[d] * sizes[d]
                o -= output[d] * sizes[d]
                index[d] = 0
                d -= 1
            }
        }
    }
}
