// Calls of SLEEF's vector functions with the vector calling convention they expect.
//
// SLEEF's AVX2 and AVX-512 functions take and return __m256/__m512 values in ymm/zmm registers.
// A C caller passes such values in registers only when its translation unit is compiled for AVX
// (clang lowers the call with the translation unit's features, not with a function's `target`
// attribute, and passes them in memory otherwise), and Ember's C code is compiled for baseline
// x86-64 (a package used as a dependency sets no compiler flags). These trampolines are called
// with pointers under the ordinary calling convention: they load the operands into the
// registers, call the function and store its result. See Note [Vector math kernels] in VectorMath.c.
//
//   void ember_vm_call_ymm(const void *fn, const void *a, const void *b, void *out)
//   void ember_vm_call_zmm(const void *fn, const void *a, const void *b, void *out)
//
// `a` (and `b`, unless it is null, for functions of two arguments) hold one vector each, `out`
// receives the result; none needs alignment.
//
//   void ember_vm_map_ymm(const void *fn, const void *in, void *out, size_t count)
//   void ember_vm_map_zmm(const void *fn, const void *in, void *out, size_t count)
//
// apply a function of one vector to `count` consecutive vectors (`in == out` allowed), one call
// each, with no C code between them.
//
// Call the ymm forms only where the CPU has AVX2, the zmm forms only where it has AVX-512F.

#if defined(__x86_64__) && defined(__linux__)

    .text

// TRAMPOLINE name, register: the function above for one register width.
.macro TRAMPOLINE name, reg
    .globl \name
    .type \name, @function
    .p2align 4
\name:
    .cfi_startproc
    pushq %rbx                  // callee-saved: keeps `out` across the call, aligns the stack
    .cfi_def_cfa_offset 16
    .cfi_offset %rbx, -16
    movq %rcx, %rbx
    vmovups (%rsi), %\reg\()0
    testq %rdx, %rdx
    jz 1f
    vmovups (%rdx), %\reg\()1
1:
    callq *%rdi
    vmovups %\reg\()0, (%rbx)
    popq %rbx
    .cfi_def_cfa_offset 8
    vzeroupper
    retq
    .cfi_endproc
    .size \name, .-\name
.endm

    TRAMPOLINE ember_vm_call_ymm, ymm
    TRAMPOLINE ember_vm_call_zmm, zmm

// MAP name, register, bytes: the map function for one register width.
.macro MAP name, reg, bytes
    .globl \name
    .type \name, @function
    .p2align 4
\name:
    .cfi_startproc
    pushq %rbx                  // the function
    .cfi_def_cfa_offset 16
    .cfi_offset %rbx, -16
    pushq %r12                  // in
    .cfi_def_cfa_offset 24
    .cfi_offset %r12, -24
    pushq %r13                  // out
    .cfi_def_cfa_offset 32
    .cfi_offset %r13, -32
    pushq %r14                  // vectors left
    .cfi_def_cfa_offset 40
    .cfi_offset %r14, -40
    subq $8, %rsp               // aligns the stack for the calls
    .cfi_def_cfa_offset 48
    movq %rdi, %rbx
    movq %rsi, %r12
    movq %rdx, %r13
    movq %rcx, %r14
2:
    testq %r14, %r14
    jz 3f
    vmovups (%r12), %\reg\()0
    callq *%rbx
    vmovups %\reg\()0, (%r13)
    addq $\bytes, %r12
    addq $\bytes, %r13
    decq %r14
    jmp 2b
3:
    addq $8, %rsp
    .cfi_def_cfa_offset 40
    popq %r14
    .cfi_def_cfa_offset 32
    popq %r13
    .cfi_def_cfa_offset 24
    popq %r12
    .cfi_def_cfa_offset 16
    popq %rbx
    .cfi_def_cfa_offset 8
    vzeroupper
    retq
    .cfi_endproc
    .size \name, .-\name
.endm

    MAP ember_vm_map_ymm, ymm, 32
    MAP ember_vm_map_zmm, zmm, 64

#endif

    .section .note.GNU-stack,"",@progbits
