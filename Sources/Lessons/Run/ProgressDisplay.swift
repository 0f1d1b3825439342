import Foundation
import TextPlot

/// A progress bar on standard error for an experiment that runs longer than a second: the cell,
/// a bar, the experiment's status and the time left. Drawn only on a terminal, at most ten times a
/// second, and erased when the experiment ends, so it never reaches piped output or golden files.
final class ProgressDisplay: @unchecked Sendable {
    private let lock = NSLock()
    private let name: String
    private let width: Int
    private let unicode: Bool
    private let catalog: MessageCatalog
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(name: String, width: Int, unicode: Bool, catalog: MessageCatalog) {
        (self.name, self.width, self.unicode, self.catalog) = (name, width, unicode, catalog)
    }

    /// Redraws the bar for `fraction` done, unless the experiment is young or the last draw recent.
    func update(_ fraction: Double, _ status: Phrase) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        let elapsed = now.timeIntervalSince(start)
        guard elapsed >= 1, now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let left = fraction > 0.01 ? elapsed * (1 - fraction) / fraction : nil
        let barWidth = 20
        let filled = Int((fraction * Double(barWidth)).rounded(.down))
        let bar = String(repeating: unicode ? "█" : "#", count: filled) + String(repeating: unicode ? "░" : ".", count: barWidth - filled)
        var line = "\(name) \(bar) \(Int(fraction * 100))%  " + catalog.text(status)
        if let left { line += "  " + catalog.text("~\(Int(left.rounded(.up))) s left") }
        line = TextWidth.prefix(unicode ? line : ASCIIText.transliterate(line), width: width - 1)
        StandardStreams.error("\r\u{1B}[K" + line)
        drawn = true
    }

    /// Erases the bar, if one was drawn.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { StandardStreams.error("\r\u{1B}[K") }
        drawn = false
    }
}
