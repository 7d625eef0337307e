// LayoutTests.swift
//
// Layout's contiguity and density flags (PyTorch's `is_contiguous()` and
// `is_non_overlapping_and_dense()` for the same sizes and strides, via `as_strided`), internal
// overlap, flat-index offsets, storage spans, and `Dims` past its 8 inline entries (a 10-D
// tensor through the front end is in EmberCoreTests, TensorMemoryTests.swift).

import Testing
@testable import EmberCPU
import EmberBackend

struct LayoutFlagCase: Sendable, CustomTestStringConvertible {
    let shape: [Int]
    let strides: [Int]
    let contiguous: Bool
    let dense: Bool
    /// `torch._debug_has_internal_overlap`: 0 no, 1 yes, 2 too hard to tell (PyTorch does not check).
    let overlap: Int
    var testDescription: String { "\(shape)/\(strides)" }
}

enum LayoutFlagCases {
    /// `t = torch.empty(10000).as_strided(shape, strides)`: `t.is_contiguous()`,
    /// `t.is_non_overlapping_and_dense()`, `torch._debug_has_internal_overlap(t)`.
    static let all: [LayoutFlagCase] = [
        LayoutFlagCase(shape: [2, 3], strides: [3, 1], contiguous: true, dense: true, overlap: 0),
        LayoutFlagCase(shape: [3, 2], strides: [1, 3], contiguous: false, dense: true, overlap: 0),
        LayoutFlagCase(shape: [1, 3], strides: [1, 1], contiguous: true, dense: true, overlap: 0),
        LayoutFlagCase(shape: [3, 1], strides: [1, 99], contiguous: true, dense: true, overlap: 0),
        LayoutFlagCase(shape: [1, 1], strides: [7, 9], contiguous: true, dense: true, overlap: 0),
        LayoutFlagCase(shape: [2, 1, 3], strides: [3, 100, 1], contiguous: true, dense: true, overlap: 0),
        LayoutFlagCase(shape: [3, 2], strides: [4, 2], contiguous: false, dense: false, overlap: 2),
        LayoutFlagCase(shape: [5, 4], strides: [0, 1], contiguous: false, dense: false, overlap: 1),
        LayoutFlagCase(shape: [3, 3, 2], strides: [4, 1, 1], contiguous: false, dense: false, overlap: 2),
        LayoutFlagCase(shape: [3, 3], strides: [2, 1], contiguous: false, dense: false, overlap: 2),
        LayoutFlagCase(shape: [3], strides: [5], contiguous: false, dense: false, overlap: 2),
        LayoutFlagCase(shape: [0, 3], strides: [3, 1], contiguous: true, dense: true, overlap: 0),
        LayoutFlagCase(shape: [2, 0], strides: [5, 7], contiguous: true, dense: true, overlap: 0),
        LayoutFlagCase(shape: [], strides: [], contiguous: true, dense: true, overlap: 0),
        LayoutFlagCase(shape: [4, 2, 3], strides: [1, 12, 4], contiguous: false, dense: true, overlap: 0),
        LayoutFlagCase(shape: [2, 2], strides: [1, 1], contiguous: false, dense: false, overlap: 2),
        LayoutFlagCase(shape: [3], strides: [0], contiguous: false, dense: false, overlap: 1),
        LayoutFlagCase(shape: [1], strides: [0], contiguous: true, dense: true, overlap: 0),
        LayoutFlagCase(shape: [2, 3], strides: [1, 2], contiguous: false, dense: true, overlap: 0),
    ]
}

@Suite struct LayoutFlagTests {
    @Test(arguments: LayoutFlagCases.all)
    func flags(_ c: LayoutFlagCase) {
        let l = Layout(shape: Dims(c.shape), strides: Dims(c.strides), offset: 3)
        #expect(l.isContiguous == c.contiguous)
        #expect(l.isNonOverlappingAndDense == c.dense)
        #expect(l.count == c.shape.reduce(1, *))
        #expect(l.rank == c.shape.count)
        #expect(l.offset == 3)
        // Where PyTorch can tell, Ember agrees; where PyTorch cannot, Ember may be more precise.
        switch c.overlap {
        case 0: #expect(!l.hasInternalOverlap)
        case 1: #expect(l.hasInternalOverlap)
        default: break
        }
    }

    /// Layouts PyTorch calls "too hard": their real overlap, from the element offsets.
    @Test func overlapWherePyTorchCannotTell() {
        // unfold(1, 2, 1) windows, as_strided rows (3,3)/(2,1), (2,2)/(1,1): elements share memory.
        #expect(Layout(shape: [3, 3, 2], strides: [4, 1, 1]).hasInternalOverlap)
        #expect(Layout(shape: [3, 3], strides: [2, 1]).hasInternalOverlap)
        #expect(Layout(shape: [2, 2], strides: [1, 1]).hasInternalOverlap)
        // A step slice and a diagonal do not.
        #expect(!Layout(shape: [3, 2], strides: [4, 2]).hasInternalOverlap)
        #expect(!Layout(shape: [3], strides: [5]).hasInternalOverlap)
    }

    @Test func contiguousStrides() {
        #expect(Layout.contiguousStrides(for: [2, 3, 4]) == [12, 4, 1])
        // torch.empty(2,0,3).stride() == (3, 3, 1): a size-0 dim counts as 1.
        #expect(Layout.contiguousStrides(for: [2, 0, 3]) == [3, 3, 1])
        #expect(Layout.contiguousStrides(for: [2, 1, 3]) == [3, 3, 1])
        #expect(Layout.contiguousStrides(for: []) == [])
        let l = Layout(contiguous: [2, 3], offset: 5)
        #expect(l.strides == [3, 1] && l.offset == 5 && l.isContiguous)
    }

    @Test func offsets() {
        // b.t() of a (3, 4) base: element [i, j] sits at j * 4 + i.
        let t = Layout(shape: [4, 3], strides: [1, 4], offset: 0)
        #expect((0..<12).map { t.offset(ofFlat: $0) } == [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11])
        #expect(t.offset(of: [3, 2]) == 11)
        // b[1:, ::2]: (2, 2)/(4, 2)/4.
        let s = Layout(shape: [2, 2], strides: [4, 2], offset: 4)
        #expect((0..<4).map { s.offset(ofFlat: $0) } == [4, 6, 8, 10])
        // Expanded (5, 4)/(0, 1).
        let e = Layout(shape: [5, 4], strides: [0, 1], offset: 0)
        #expect(e.offset(ofFlat: 13) == 1)
        // Contiguous with an offset.
        #expect(Layout(contiguous: [3], offset: 7).offset(ofFlat: 2) == 9)
    }

    @Test func storageSpan() {
        #expect(Layout(shape: [4, 3], strides: [1, 4], offset: 0).storageSpan == 0..<12)
        #expect(Layout(shape: [2, 2], strides: [4, 2], offset: 4).storageSpan == 4..<11)
        #expect(Layout(shape: [0, 3], strides: [3, 1], offset: 2).storageSpan == 2..<2)
        #expect(Layout(shape: [], strides: [], offset: 6).storageSpan == 6..<7)
        #expect(Layout(shape: [5, 4], strides: [0, 1], offset: 1).storageSpan == 1..<5)
    }

    @Test func equalityAndDescription() {
        let a = Layout(shape: [2, 3], strides: [3, 1], offset: 0)
        #expect(a == Layout(contiguous: [2, 3]))
        #expect(a != Layout(shape: [2, 3], strides: [3, 1], offset: 1))
        #expect(a != Layout(shape: [3, 2], strides: [1, 3], offset: 0))
        #expect(a.description == "Layout(shape: [2, 3], strides: [3, 1], offset: 0)")
    }
}

// MARK: - Dims

@Suite struct DimsTests {
    @Test func inlineAndSpilled() {
        var d = Dims()
        #expect(d.isEmpty && d.count == 0 && d.product == 1)
        for i in 1...10 { d.append(i) }
        #expect(d.count == 10)
        #expect(Array(d) == Array(1...10))
        #expect(d[8] == 9 && d[9] == 10)
        #expect(d.product == 3_628_800)
        d[9] = 20
        d[2] = 30
        #expect(Array(d) == [1, 2, 30, 4, 5, 6, 7, 8, 9, 20])
        #expect(d.description == "[1, 2, 30, 4, 5, 6, 7, 8, 9, 20]")
    }

    /// Inserting and removing across the 8-entry boundary keeps every entry.
    @Test func insertAndRemoveAcrossBoundary() {
        var d = Dims([0, 1, 2, 3, 4, 5, 6, 7])
        d.insert(100, at: 8)
        #expect(Array(d) == [0, 1, 2, 3, 4, 5, 6, 7, 100])
        d.insert(-1, at: 0)
        #expect(Array(d) == [-1, 0, 1, 2, 3, 4, 5, 6, 7, 100])
        #expect(d.remove(at: 9) == 100)
        #expect(Array(d) == [-1, 0, 1, 2, 3, 4, 5, 6, 7])
        #expect(d.remove(at: 0) == -1)
        #expect(Array(d) == [0, 1, 2, 3, 4, 5, 6, 7])
        d[7] = 70
        #expect(Array(d) == [0, 1, 2, 3, 4, 5, 6, 70])
        d.swapAt(0, 7)
        #expect(Array(d) == [70, 1, 2, 3, 4, 5, 6, 0])
    }

    @Test func equalityAndHashing() {
        let a = Dims(0..<10)
        var b = Dims(0..<11)
        b.remove(at: 10)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Dims([1, 2]) != Dims([1, 2, 3]))
        #expect(Set([Dims(0..<9), Dims(0..<9), Dims(0..<3)]).count == 2)
        let literal: Dims = [1, 2, 3, 4, 5, 6, 7, 8, 9]
        #expect(literal == Dims(1...9))
        #expect(Dims(repeating: 2, count: 10).product == 1024)
    }
}
