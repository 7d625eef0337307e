import EmberCore
import Foundation

// MARK: - ProgressOutput

/// Where a ``ProgressBar`` writes, and whether that is a terminal (where the bar redraws one
/// line) or not (a file or a pipe, where it writes a plain line now and then).
public struct ProgressOutput: Sendable {
    /// Whether the destination is a terminal: the bar redraws its line with `\r`.
    public let isTerminal: Bool
    /// Writes text as it is, without adding a newline.
    public let write: @Sendable (String) -> Void

    /// An output that hands the text to `write`; `isTerminal` chooses the style.
    ///
    /// ```swift
    /// let log = Captured()                       // a class of your own collecting text
    /// let output = ProgressOutput(isTerminal: false) { log.append($0) }
    /// ```
    public init(isTerminal: Bool, write: @escaping @Sendable (String) -> Void) {
        self.isTerminal = isTerminal
        self.write = write
    }

    /// The standard error, a terminal when `isatty(2)` says so (where tqdm writes).
    public static var standardError: ProgressOutput {
        ProgressOutput(isTerminal: isatty(2) != 0) { text in
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    /// The standard output, a terminal when `isatty(1)` says so.
    public static var standardOutput: ProgressOutput {
        ProgressOutput(isTerminal: isatty(1) != 0) { text in
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

/// Seconds on a monotonic clock.
private func monotonicSeconds() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) / 1e9
}

// MARK: - ProgressBar

/// A progress bar over the batches of a training loop (what `tqdm(loader)` gives a PyTorch
/// loop): the epoch, the batches done out of the total, the rate, the time left, and a
/// running loss the loop reports.
///
/// ```swift
/// for epoch in 1...epochs {
///     let bar = loader.progress(epoch: epoch, epochs: epochs)
///     for (x, y) in bar {
///         let loss = lossFunction(model(x), y)
///         ...
///         bar.set(loss: loss)
///     }
/// }
/// // Epoch 1/10  40%|████████            | 12/30 [00:03<00:04, 4.00it/s, loss=0.4321]
/// ```
///
/// In a terminal the bar is one line, redrawn in place with `\r` at most every
/// `refreshInterval` seconds (0.1 by default) and ended with a newline when the sequence ends.
/// Elsewhere (a log file, CI) it writes a plain line every `refreshInterval` seconds (10 by
/// default) and a last one at the end. The loss shown is the mean of the values reported
/// this epoch. The bar counts an element as done when the loop asks for the next one.
public final class ProgressBar<Base: Sequence>: Sequence {
    /// The sequence being shown.
    public let base: Base
    /// The epoch shown before the bar, if any.
    public let epoch: Int?
    /// The number of epochs, shown as `epoch/epochs`.
    public let epochs: Int?
    /// The number of elements expected; `nil` shows a count without a bar.
    public let total: Int?
    /// A label shown before the bar, after the epoch.
    public let label: String?
    /// The elements done so far.
    public private(set) var completed = 0

    private let output: ProgressOutput
    private let clock: () -> Double
    private let refreshInterval: Double
    private var start: Double?
    private var lastDraw: Double?
    private var lastWidth = 0
    private var closed = false
    private var lossSum = 0.0
    private var lossCount = 0
    private var metrics: [(name: String, value: Double)] = []

    /// A bar over `base`; see `Sequence.progress(epoch:epochs:total:label:output:refreshInterval:clock:)`.
    public init(_ base: Base, epoch: Int? = nil, epochs: Int? = nil, total: Int? = nil, label: String? = nil,
                output: ProgressOutput = .standardError, refreshInterval: Double? = nil,
                clock: (() -> Double)? = nil) {
        self.base = base
        self.epoch = epoch
        self.epochs = epochs
        let count = (base as? any KnownLength)?.count ?? base.underestimatedCount
        self.total = total ?? (count > 0 ? count : nil)
        self.label = label
        self.output = output
        self.clock = clock ?? monotonicSeconds
        self.refreshInterval = refreshInterval ?? (output.isTerminal ? 0.1 : 10)
    }

    deinit { close() }

    /// Reports the loss of the latest batch; the bar shows the mean of those reported.
    public func set(loss: Double) {
        lossSum += loss
        lossCount += 1
    }

    /// Reports the loss of the latest batch from a one-element tensor (`loss.item()`).
    public func set(loss: Tensor) { set(loss: loss.item()) }

    /// Shows another value after the loss, as `name=value` (tqdm's `set_postfix`); the
    /// latest value of each name is shown, in the order the names were first set.
    public func set(_ name: String, _ value: Double) {
        if let i = metrics.firstIndex(where: { $0.name == name }) {
            metrics[i].value = value
        } else {
            metrics.append((name, value))
        }
    }

    /// The mean of the losses reported so far, or `nil` before the first.
    public var meanLoss: Double? { lossCount > 0 ? lossSum / Double(lossCount) : nil }

    /// Draws the last state and ends the line (tqdm's `close()`); the iterator calls it when
    /// the sequence ends, and the bar when it is released. Later calls do nothing.
    public func close() {
        guard !closed, start != nil else { return }
        closed = true
        draw(final: true)
    }

    /// The bar's current text, without `\r` or newline (what the next draw writes).
    public var line: String { render(now: clock(), withBar: output.isTerminal) }

    /// Iterates `base`, drawing the bar as the loop goes.
    public func makeIterator() -> Iterator { Iterator(bar: self, base: base.makeIterator()) }

    /// One pass over a ``ProgressBar``.
    public struct Iterator: IteratorProtocol {
        let bar: ProgressBar
        var base: Base.Iterator
        var started = false

        /// The next element; counts the previous one as done and redraws when it is time.
        public mutating func next() -> Base.Element? {
            if started { bar.completed += 1 } else { bar.begin() }
            started = true
            guard let element = base.next() else {
                bar.close()
                return nil
            }
            bar.tick()
            return element
        }
    }

    private func begin() {
        start = clock()
        if output.isTerminal { draw(final: false) }
    }

    private func tick() {
        let now = clock()
        if let lastDraw, now - lastDraw < refreshInterval { return }
        if lastDraw == nil && !output.isTerminal, let start, now - start < refreshInterval { return }
        draw(final: false)
    }

    private func draw(final: Bool) {
        let now = clock()
        lastDraw = now
        let text = render(now: now, withBar: output.isTerminal)
        if output.isTerminal {
            let width = text.count
            let padding = String(repeating: " ", count: Swift.max(lastWidth - width, 0))
            lastWidth = width
            output.write("\r" + text + padding + (final ? "\n" : ""))
        } else {
            output.write(text + "\n")
        }
    }

    /// `Epoch 2/5  40%|████████            | 4/10 [00:02<00:03, 2.00it/s, loss=0.4321]`
    func render(now: Double, withBar: Bool) -> String {
        let elapsed = Swift.max(now - (start ?? now), 0)
        var prefix: [String] = []
        if let epoch { prefix.append(epochs.map { "Epoch \(epoch)/\($0)" } ?? "Epoch \(epoch)") }
        if let label { prefix.append(label) }
        var text = prefix.joined(separator: " ")
        let rate = elapsed > 0 ? Double(completed) / elapsed : nil
        var timing = Self.time(elapsed)
        if let total {
            let fraction = total > 0 ? Swift.min(Double(completed) / Double(total), 1) : 1
            if !text.isEmpty { text += " " }
            text += String(format: "%3d%%", Int((fraction * 100).rounded(.down)))
            if withBar {
                let width = 20
                let filled = Int((fraction * Double(width)).rounded(.down))
                text += "|" + String(repeating: "\u{2588}", count: filled)
                    + String(repeating: " ", count: width - filled) + "|"
            }
            text += " \(completed)/\(total)"
            let remaining = Swift.max(total - completed, 0)
            if let rate, rate > 0 {
                timing += "<" + Self.time(Double(remaining) / rate)
            } else {
                timing += remaining == 0 ? "<00:00" : "<?"
            }
        } else {
            text += text.isEmpty ? "\(completed)" : " \(completed)"
        }
        var fields = [timing, Self.rate(rate)]
        if let meanLoss { fields.append("loss=" + Self.number(meanLoss)) }
        for metric in metrics { fields.append("\(metric.name)=" + Self.number(metric.value)) }
        return text + " [" + fields.joined(separator: ", ") + "]"
    }

    /// `mm:ss`, or `h:mm:ss` from an hour on (tqdm's `format_interval`).
    static func time(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let s = Int(seconds.rounded(.down))
        let (h, m, r) = (s / 3600, s / 60 % 60, s % 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, r) : String(format: "%02d:%02d", m, r)
    }

    /// `12.34it/s`, or `2.50s/it` below one per second.
    static func rate(_ rate: Double?) -> String {
        guard let rate, rate > 0, rate.isFinite else { return "?it/s" }
        return rate >= 1 ? String(format: "%.2fit/s", rate) : String(format: "%.2fs/it", 1 / rate)
    }

    /// Four decimals, or four significant digits for very small or large values.
    static func number(_ value: Double) -> String {
        let magnitude = abs(value)
        if value != 0 && (magnitude < 1e-3 || magnitude >= 1e5) { return String(format: "%.3e", value) }
        return String(format: "%.4f", value)
    }
}

extension Sequence {
    /// This sequence with a progress bar drawn as a loop goes through it (`tqdm(iterable)`).
    ///
    /// ```swift
    /// for batch in loader.progress(epoch: epoch, epochs: 10) { ... }
    /// ```
    /// - Parameters:
    ///   - epoch: the epoch shown first (`Epoch 3`), if any.
    ///   - epochs: the number of epochs (`Epoch 3/10`).
    ///   - total: the number of elements; by default a `DataLoader`'s `count`, or else the
    ///     sequence's `underestimatedCount` when it is positive (an array's count).
    ///   - label: a label shown after the epoch.
    ///   - output: where to write; the standard error by default.
    ///   - refreshInterval: seconds between draws; 0.1 in a terminal, 10 otherwise.
    ///   - clock: the time in seconds; by default a monotonic clock. Tests pass their own to
    ///     control what the bar shows.
    public func progress(epoch: Int? = nil, epochs: Int? = nil, total: Int? = nil, label: String? = nil,
                         output: ProgressOutput = .standardError, refreshInterval: Double? = nil,
                         clock: (() -> Double)? = nil) -> ProgressBar<Self> {
        ProgressBar(self, epoch: epoch, epochs: epochs, total: total, label: label, output: output,
                    refreshInterval: refreshInterval, clock: clock)
    }
}
