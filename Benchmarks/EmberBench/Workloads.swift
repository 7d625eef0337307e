// The workload registry: every benchmark ember-bench knows, in the order it runs them.
//
// HOW TO ADD A WORKLOAD (names, units and formulas are in Benchmarks/README.md and
// Benchmarks/torch_reference.py; keep them identical, and add a goal to goals.json, so compare.py
// can pair the rows):
//
// 1. Append one entry to a family's list, e.g. in Workloads+Elementwise.swift:
//
//        Workload("exp_16M", .gigabytesPerSecond(bytes: 2 * 4 * (1 << 24))) {
//            let a = Tensor.randn(1 << 24)       // setup: runs once, not timed
//            return { a.exp() }                  // the timed operation; return its result
//        },
//
//    The timed closure returns what the operation produced (a tensor, a loss) and the harness
//    consumes every result, so the optimizer cannot delete the work. It may also return nothing
//    and may throw: `return { try (a * b + a).sum().backward() }`. Metrics: `.nanosecondsPerOp`,
//    `.microsecondsPerIteration`, `.millisecondsPerIteration`,
//    `.gigaflopsPerSecond(flops: 2 * 64 * 64 * 64)`, `.gigabytesPerSecond(bytes: 3 * 4 * (1 << 24))`
//    (both take a Double: the work done by one call).
//    The harness seeds the generator with 0 before each setup. Prefer writing entries out one by
//    one: the type checker infers each entry's result type from its closures, and inside a
//    `.map { n in ... }` over an unannotated literal a mistake can show up only as "unable to
//    type-check this expression in reasonable time" (write `[64, 256] as [Int]` there).
//
// 2. A new family is a new file `Workloads+Family.swift`:
//
//        import Ember
//        extension Workloads {
//            static var family: [Workload] { [ /* entries as above */ ] }
//        }
//
//    and its name added to `all` below.

import Ember

/// The benchmark registry.
enum Workloads {
    /// Every workload, in run order (Benchmarks/README.md's order).
    static var all: [Workload] {
        core + autograd + gemm + elementwise + reduce + training + layers
    }
}
