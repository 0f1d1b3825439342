import Dispatch
import TextPlot

/// Runs a lesson's cells top to bottom and renders each as it finishes.
///
/// Experiments return values; the runner draws them below their cell. A run is reproducible:
/// every experiment's seed derives from the lesson's seed (or `--seed`) and the cell's index.
public struct LessonRunner: Sendable {
    /// Width, character set and color.
    public var style: TerminalStyle
    /// Overrides the lesson's `seed` when set.
    public var seed: UInt64?
    /// Where results are kept between runs; nil to always compute.
    public var cache: ResultCache?
    /// Recompute every result even when the cache has it (and store the new one).
    public var fresh = false
    /// Draw a progress bar on standard error for long experiments (only when it is a terminal).
    public var showProgress = false
    /// Called after each experiment cell has been emitted (`--step` waits there); returning false
    /// stops the run after that cell.
    public var afterCell: (@Sendable () -> Bool)?

    /// The seed used when neither the lesson nor the command line gives one.
    public static let defaultSeed: UInt64 = 0

    /// Creates a runner.
    public init(style: TerminalStyle, seed: UInt64? = nil) {
        self.style = style
        self.seed = seed
    }

    /// What one experiment cell gave: its result and the claims judged on it, or why it failed.
    public enum CellResult: Sendable {
        /// The experiment returned a result.
        case result(ExperimentResult, claims: [ClaimOutcome])
        /// The experiment threw.
        case failed(Diagnostic)
    }

    /// What a run produced besides its text.
    public struct Outcome: Sendable {
        /// The lesson file, for messages.
        public var file: String
        /// The seed the lesson ran with.
        public var seed: UInt64 = LessonRunner.defaultSeed
        /// Each experiment cell's outcome, by cell index (fewer when the run was stopped).
        public var cells: [CellResult] = []
        /// How many results came from the cache.
        public var cacheHits = 0
        /// Whether the run was stopped before its end (`q` at a `--step` pause).
        public var stopped = false

        /// Each experiment's result, by cell index; nil where the experiment failed.
        public var results: [ExperimentResult?] {
            cells.map { if case .result(let result, _) = $0 { result } else { nil } }
        }

        /// Experiments that threw instead of returning a result.
        public var failures: [Diagnostic] {
            cells.compactMap { if case .failed(let diagnostic) = $0 { diagnostic } else { nil } }
        }

        /// Every claim's outcome, with the position of its cell, in lesson order.
        public var claims: [(cell: SourcePosition, outcome: ClaimOutcome)] = []

        /// The claims that did not hold, each as a warning at its cell (not those left unchecked).
        public var failedClaims: [Diagnostic] {
            claims.filter { !$0.outcome.held && $0.outcome.checked }.map { cell, outcome in
                Diagnostic(.warning, file: file, at: cell, "claim not held: \(outcome.claim.text)",
                    hint: outcome.problem ?? MessageCatalog.english.text(ClaimText.values(outcome.values)))
            }
        }

        /// The claims these parameters could not check (they name a run `--set` or an edit removed):
        /// neutral for `learn run`, failures for `learn test`.
        public var uncheckedClaims: [Diagnostic] {
            claims.filter { !$0.outcome.checked }.map { cell, outcome in
                Diagnostic(.warning, file: file, at: cell, "claim not checked with these parameters: \(outcome.claim.text)",
                    hint: outcome.problem)
            }
        }
    }

    /// Runs `lesson`, handing each rendered piece to `emit` as soon as it is ready.
    @discardableResult
    public func run(_ lesson: Lesson, emit: (String) -> Void) -> Outcome {
        var outcome = Outcome(file: lesson.file)
        let baseSeed = seed ?? lesson.metadata.seed ?? Self.defaultSeed
        outcome.seed = baseSeed
        Self.draw(lesson, style: style, emit: emit) { experiment in
            let (result, fromCache) = compute(experiment, lesson: lesson, seed: Self.cellSeed(baseSeed, index: experiment.index))
            if fromCache { outcome.cacheHits += 1 }
            if case .result(_, let claims) = result {
                outcome.claims += claims.map { (experiment.position, $0) }
            }
            outcome.cells.append(result)
            return result
        } afterCell: {
            guard let afterCell, !afterCell() else { return true }
            outcome.stopped = true
            return false
        }
        if outcome.cacheHits < outcome.cells.count { cache?.trim() }
        return outcome
    }

    /// The text a run of `lesson` printed in `style`, drawn again from its outcome without running
    /// anything: what a run in another style would have printed with the same results.
    public static func replay(_ lesson: Lesson, _ outcome: Outcome, style: TerminalStyle) -> String {
        var text = ""
        var cells = outcome.cells.makeIterator()
        draw(lesson, style: style, emit: { text += $0 }) { _ in cells.next() } afterCell: { true }
        return text
    }

    /// Draws `lesson` top to bottom, asking `result` for each experiment cell's outcome (nil: stop there).
    private static func draw(
        _ lesson: Lesson, style: TerminalStyle, emit: (String) -> Void,
        result: (ExperimentCell) -> CellResult?, afterCell: () -> Bool
    ) {
        let renderer = MarkdownRenderer(style: style)
        let cellRenderer = CellRenderer(style: style)
        emit(cellRenderer.header(lesson) + "\n")
        for cell in lesson.cells {
            switch cell {
            case .markdown(let block):
                emit("\n" + renderer.render([block]) + "\n")
            case .exercise(let exercise):
                emit("\n" + cellRenderer.exercise(exercise, lesson: lesson.displayID) + "\n")
            case .experiment(let experiment):
                emit("\n" + cellRenderer.experimentHeader(experiment) + "\n")
                guard let outcome = result(experiment) else { return }
                emit(cellRenderer.cellResult(outcome))
                if !afterCell() { return }
            }
        }
    }

    /// `experiment`'s result from the cache, or computed (and stored); with its claims judged.
    func compute(_ experiment: ExperimentCell, lesson: Lesson, seed: UInt64) -> (CellResult, fromCache: Bool) {
        let key = cache?.key(for: experiment, seed: seed)
        if let key, !fresh, let cached = cache?.result(for: key) {
            return (.result(cached, claims: experiment.judge(cached)), true)
        }
        let display = showProgress ? ProgressDisplay(name: experiment.name, width: style.width, unicode: style.unicode, catalog: style.catalog) : nil
        let context = ExperimentContext(seed: seed) { fraction, status in display?.update(fraction, status) }
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            let result = try experiment.experiment.runErased(experiment.parameters, context: context)
            display?.finish()
            if let key {
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                // A cache that can't be written only costs the next run its time.
                try? cache?.store(result, key: key, seconds: seconds)
            }
            return (.result(result, claims: experiment.judge(result)), false)
        } catch {
            display?.finish()
            return (.failed(Diagnostic(file: lesson.file, at: experiment.position,
                "experiment '\(experiment.name)' failed: \((error as? Diagnostic)?.message ?? "\(error)")",
                hint: (error as? Diagnostic)?.hint)), false)
        }
    }

    /// One experiment cell's outcome as drawn below the cell in `style`: the result and its claims, or
    /// the failure.
    public static func render(_ cell: CellResult, style: TerminalStyle) -> String {
        CellRenderer(style: style).cellResult(cell)
    }

    /// A cell's seed: the lesson seed and the cell's index, mixed (SplitMix64's finalizer) so that
    /// neighbouring cells get unrelated streams and editing one cell leaves the others' seeds alone.
    public static func cellSeed(_ seed: UInt64, index: Int) -> UInt64 {
        var z = seed &+ UInt64(index + 1) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension ExperimentCell {
    /// The cell's claims judged on `result`; a claim naming a metric these parameters don't produce
    /// (but others would) is left unchecked, not failed.
    func judge(_ result: ExperimentResult) -> [ClaimOutcome] {
        claims.map { claim in
            claim.evaluate(result.metrics) { experiment.absence(of: $0, parameters) }
        }
    }
}
