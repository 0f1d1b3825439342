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
    /// Called after each cell has been emitted (`--step` waits for Enter there).
    public var afterCell: (@Sendable () -> Void)?

    /// The seed used when neither the lesson nor the command line gives one.
    public static let defaultSeed: UInt64 = 0

    /// Creates a runner.
    public init(style: TerminalStyle, seed: UInt64? = nil) {
        self.style = style
        self.seed = seed
    }

    /// What a run produced besides its text.
    public struct Outcome: Sendable {
        /// The lesson file, for messages.
        public var file: String
        /// Each experiment's result, by cell index; nil where the experiment failed.
        public var results: [ExperimentResult?] = []
        /// Each experiment's result as rendered below its cell (figures, claims, or the failure).
        public var renderedResults: [String] = []
        /// How many results came from the cache.
        public var cacheHits = 0
        /// Experiments that threw instead of returning a result.
        public var failures: [Diagnostic] = []
        /// Every claim's outcome, with the position of its cell, in lesson order.
        public var claims: [(cell: SourcePosition, outcome: ClaimOutcome)] = []

        /// The claims that did not hold, each as a warning at its cell.
        public var failedClaims: [Diagnostic] {
            claims.filter { !$0.outcome.held }.map { cell, outcome in
                Diagnostic(.warning, file: file, at: cell, "claim not held: \(outcome.claim.text)",
                    hint: outcome.problem ?? ClaimText.values(outcome.values))
            }
        }
    }

    /// Runs `lesson`, handing each rendered piece to `emit` as soon as it is ready.
    @discardableResult
    public func run(_ lesson: Lesson, emit: (String) -> Void) -> Outcome {
        let renderer = MarkdownRenderer(style: style)
        let cellRenderer = CellRenderer(style: style)
        var outcome = Outcome(file: lesson.file)
        emit(cellRenderer.header(lesson) + "\n")
        let baseSeed = seed ?? lesson.metadata.seed ?? Self.defaultSeed
        for cell in lesson.cells {
            switch cell {
            case .markdown(let block):
                emit("\n" + renderer.render([block]) + "\n")
            case .exercise(let exercise):
                emit("\n" + cellRenderer.exercise(exercise, lesson: lesson.displayID) + "\n")
            case .experiment(let experiment):
                emit("\n" + cellRenderer.experimentHeader(experiment) + "\n")
                var text = ""
                let seed = Self.cellSeed(baseSeed, index: experiment.index)
                let key = cache?.key(for: experiment, seed: seed, style: style)
                var result: ExperimentResult?
                if let key, !fresh, let entry = cache?.entry(key) {
                    result = ExperimentResult(items: [], metrics: entry.metrics.compactMap(\.metric))
                    text = entry.text
                    outcome.cacheHits += 1
                } else {
                    let display = showProgress ? ProgressDisplay(name: experiment.name, width: style.width, unicode: style.unicode) : nil
                    let context = ExperimentContext(seed: seed) { fraction, status in display?.update(fraction, status) }
                    do {
                        let computed = try experiment.experiment.runErased(experiment.parameters, context: context)
                        display?.finish()
                        result = computed
                        text = cellRenderer.result(computed)
                        if let key {
                            // A cache that can't be written only costs the next run its time.
                            try? cache?.store(ResultCache.Entry(text: text, metrics: computed.metrics.map(ResultCache.StoredMetric.init)), key: key)
                        }
                    } catch {
                        display?.finish()
                        let diagnostic = Diagnostic(file: lesson.file, at: experiment.position,
                            "experiment '\(experiment.name)' failed: \((error as? Diagnostic)?.message ?? "\(error)")",
                            hint: (error as? Diagnostic)?.hint)
                        outcome.failures.append(diagnostic)
                        text = cellRenderer.failure(diagnostic)
                    }
                }
                outcome.results.append(result)
                if let result {
                    let judged = experiment.claims.map { $0.evaluate(result.metrics) }
                    outcome.claims += judged.map { (experiment.position, $0) }
                    text += cellRenderer.claims(judged)
                }
                outcome.renderedResults.append(text)
                emit(text)
            }
            afterCell?()
        }
        return outcome
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
