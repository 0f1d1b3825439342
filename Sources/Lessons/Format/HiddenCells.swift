extension LessonParser {
    /// Cells that the raw text and the Markdown tree don't agree on.
    ///
    /// CommonMark reads a fence inside an HTML block (a `<div>` with no blank line after it) or after an
    /// unclosed `<!--` as HTML text, so a cell there would silently never run. The cells are counted twice:
    /// from the tree, and from the raw text, where every line that opens an `experiment` or `exercise`
    /// fence counts, wherever it stands (HTML blocks and comments included), unless the tree reads that
    /// line as the inside of a code block (a cell shown inside a longer fence is an example, not a cell).
    /// Every cell one count has and the other lacks is an error at its position, in both directions. A
    /// fence whose first word is a misspelt cell kind (`Experiment`, `experiments`) is an error too: it
    /// would be shown as code and never run.
    static func hiddenCells(in source: SourceText, document: Document) -> [Diagnostic] {
        let lines = source.body.split(separator: "\n", omittingEmptySubsequences: false)
        // Lines the tree reads as a code block's body or closing fence, and the lines that open one.
        var insideCode = [Bool](repeating: false, count: lines.count + 2)
        var codeStarts = Set<Int>()
        for range in document.codeLines where range.lowerBound >= 1 && range.lowerBound <= lines.count {
            codeStarts.insert(range.lowerBound)
            var line = range.lowerBound + 1
            while line <= min(range.upperBound, lines.count) {
                insideCode[line] = true
                line += 1
            }
        }
        let treeCells = Set(document.blocks.compactMap { block -> Int? in
            guard case .code(let info, _, true, _, let position) = block, cellKind(info) != nil else { return nil }
            return position.line
        })
        var problems: [Diagnostic] = []
        var rawCells = Set<Int>()
        for (index, line) in lines.enumerated() where !insideCode[index + 1] {
            guard let fence = fenceOpener(line) else { continue }
            let number = index + 1
            let position = SourcePosition(line: number, column: fence.column)
            if let (kind, _) = cellKind(fence.info) {
                rawCells.insert(number)
                if !codeStarts.contains(number) {
                    problems.append(Diagnostic(file: source.file, at: position,
                        "this \(kind) cell would never run: Markdown reads it as part of an HTML block or an unclosed <!-- comment",
                        hint: "Leave a blank line between the cell and any HTML above it, and close every <!-- with -->."))
                }
            } else if let word = fence.info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first,
                      let kind = misspeltCellKind(String(word)) {
                problems.append(Diagnostic(file: source.file, at: position,
                    "'\(word)' is not a cell kind, so this block would be shown as code and never run; did you mean '\(kind)'?",
                    hint: "Open the cell with ```\(kind), in lowercase; to show a block as code, give it another info string, such as ```yaml."))
            }
        }
        for line in treeCells.subtracting(rawCells).sorted() {
            problems.append(Diagnostic(file: source.file, at: SourcePosition(line: line, column: 1),
                "Markdown reads a cell here that its fence line doesn't show",
                hint: "Write the cell's fence at the start of its line: ```experiment NAME or ```exercise ID."))
        }
        return problems
    }

    /// The info string and column of a line that opens a fence: a run of three or more backticks or
    /// tildes after any indentation and container markers (`>`, list bullets and numbers). A backtick
    /// run followed by another backtick is an inline code span, not a fence.
    static func fenceOpener(_ line: Substring) -> (info: String, column: Int)? {
        let prefix = line.prefix { " \t>-*+.)0123456789".contains($0) }
        let rest = line.dropFirst(prefix.count)
        guard let marker = rest.first, marker == "`" || marker == "~" else { return nil }
        let length = rest.prefix { $0 == marker }.count
        guard length >= 3 else { return nil }
        let info = rest.dropFirst(length)
        if marker == "`", info.contains("`") { return nil }
        return (String(info).trimmingCharacters(), prefix.count + 1)
    }

    /// The cell kind `word` is a slip for (`Experiment`, `experiments`, `excercise`), nil for any other word.
    /// `word` is not a cell kind itself (`cellKind` said so first).
    static func misspeltCellKind(_ word: String) -> String? {
        guard word.count <= 16 else { return nil }
        let lowered = word.lowercased()
        return ["experiment", "exercise"].first { kind in
            lowered.hasPrefix(kind) || Suggestions.editDistance(lowered, kind) <= 2
        }
    }
}
