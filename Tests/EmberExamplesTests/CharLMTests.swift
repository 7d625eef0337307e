// CharLMTests.swift
//
// `ember-examples charlm` with a smaller model and fewer steps: the held-out loss goes down from
// about log(vocabulary) and a sample of the asked length comes out.

import Ember
import Foundation
import Testing
@testable import EmberExamples

@Suite struct CharLMTests {
    @Test("the text ships with the examples, and a short training lowers the held-out loss")
    func training() throws {
        let text = try Examples.charLMText()
        #expect(text.contains("public final class SGD"))
        var printed: [String] = []
        let report = try Examples.charLM(steps: 30, hidden: 32, sampleLength: 20) { printed.append($0) }
        let vocabulary = Double(Set(text.unicodeScalars).count)
        // An untrained model is near uniform: about log(vocabulary) nats per character.
        #expect(abs(report.lossBefore - log(vocabulary)) < 0.5)
        #expect(report.lossAfter < report.lossBefore - 0.5)
        #expect(report.sample.unicodeScalars.count == 20)
        #expect(printed.contains { $0.hasPrefix("held-out loss after:") })
    }
}
