/// Checks, without running anything, that every metric a lesson's claims and exercises name is one
/// the experiment declares: a name no parameters of the experiment produce is a misspelling, and a
/// run the cell's own parameters don't make would never be checked.
enum MetricLint {
    /// Every such problem in `lesson`, at the line that names the metric.
    static func problems(in lesson: Lesson) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        // The text is split once, and a metric is looked for only in its own cell's lines: searching the
        // whole lesson for each of thousands of claims made linting quadratic.
        let lines = lesson.text.split(separator: "\n", omittingEmptySubsequences: false)
        let starts = lesson.cells.compactMap { cell -> Int? in
            switch cell {
            case .experiment(let experiment): experiment.position.line
            case .exercise(let exercise): exercise.position.line
            case .markdown: nil
            }
        }
        func position(of metric: String, after start: SourcePosition, in _: Lesson) -> SourcePosition {
            let next = starts.first { $0 > start.line } ?? lines.count + 1
            return MetricLint.position(of: metric, after: start, before: next, in: lines)
        }
        for cell in lesson.experiments {
            let runs = cell.experiment.erasedRunNames(cell.parameters)
            for claim in cell.claims {
                for metric in unique(claim.metricNames) {
                    if let message = check(metric, cell.experiment, name: cell.name, runs: runs) {
                        problems.append(Diagnostic(file: lesson.file, at: position(of: metric, after: cell.position, in: lesson),
                                                   message.text, hint: message.hint))
                    }
                }
            }
        }
        for exercise in lesson.exercises {
            switch exercise.kind {
            case .answer(let spec):
                guard case .computed(let computed) = spec.expected else { continue }
                let runs = computed.experiment.erasedRunNames(computed.parameters)
                if let message = check(computed.metric, computed.experiment, name: computed.experimentName, runs: runs) {
                    problems.append(Diagnostic(file: lesson.file, at: position(of: computed.metric, after: exercise.position, in: lesson),
                                               "exercise '\(exercise.id)': " + message.text, hint: message.hint))
                }
            case .challenge(let spec):
                // The runs depend on the student's answer: only a misspelling can be told here.
                for metric in unique(spec.claims.flatMap(\.metricNames)) {
                    if let message = check(metric, spec.experiment, name: spec.experimentName, runs: nil) {
                        problems.append(Diagnostic(file: lesson.file, at: position(of: metric, after: exercise.position, in: lesson),
                                                   "exercise '\(exercise.id)': " + message.text, hint: message.hint))
                    }
                }
            case .code:
                continue
            }
        }
        return problems
    }

    /// What is wrong with `metric` of `experiment`, whose parameters make `runs` (nil: any runs).
    static func check(_ metric: String, _ experiment: any Experiment.Type, name: String,
                      runs: [String]?) -> (text: String, hint: String)? {
        guard let declaration = experiment.metrics else { return nil }
        let patterns = "Its metrics: " + declaration.patterns.map(\.text).joined(separator: ", ") + "."
        if metric.contains("{") {
            // `{…}` stands for any text (a challenge's run): only the name after the last dot can be checked.
            let leaf = leafName(metric)
            let leaves = declaration.patterns.map { leafName($0.text) }
            guard !leaf.contains("{"), !leaves.contains(where: { MetricPattern($0).match(leaf, runs: nil) != nil }) else { return nil }
            return ("no parameters of '\(name)' produce a metric '\(metric)'",
                    Suggestions.didYouMeanLine(leaf, in: leaves) + patterns)
        }
        guard let (_, run) = declaration.match(metric) else {
            let candidates = declaration.examples(runNames: runs ?? [])
            return ("no parameters of '\(name)' produce a metric '\(metric)'",
                    Suggestions.didYouMeanLine(metric, in: candidates) + patterns)
        }
        guard let runs, !run.isEmpty, !runs.contains(run) else { return nil }
        return ("the claim names the run '\(run)', which this cell's parameters don't make",
                Suggestions.didYouMeanLine(run, in: runs) + "Its runs: " + runs.joined(separator: ", ") + ".")
    }

    /// `names` without repeats, in order of first appearance.
    static func unique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }

    /// The name after a metric's last dot: `diverged` of `sgd_lr0.4.diverged`.
    static func leafName(_ metric: String) -> String {
        metric.split(separator: ".", omittingEmptySubsequences: false).last.map(String.init) ?? metric
    }

    /// Where `metric` is first written at or after `start` and before line `end` (a cell keeps no
    /// positions of its claims); `start` when it is not found there.
    static func position(of metric: String, after start: SourcePosition, before end: Int, in lines: [Substring]) -> SourcePosition {
        for index in max(start.line - 1, 0)..<max(min(end - 1, lines.count), max(start.line - 1, 0)) {
            if let range = lines[index].range(of: metric) {
                return SourcePosition(line: index + 1, column: lines[index].unicodeScalars.distance(
                    from: lines[index].unicodeScalars.startIndex, to: range.lowerBound) + 1)
            }
        }
        return start
    }
}
