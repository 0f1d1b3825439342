import Yams

/// `--set CELL.KEY=VALUE`: one experiment cell's parameter, given on the command line for one run
/// without editing the lesson (papermill's `-p`, aimed at a cell).
public struct ParameterOverride: Sendable, Equatable {
    /// The cell: its label, `#N` (1-based, among experiment cells), or the experiment's name when
    /// only one cell runs it.
    public let cell: String
    /// The parameter's key.
    public let key: String
    /// The value, as YAML (`0.1`, `[0.1, 0.5]`, `adam`).
    public let value: String

    /// Reads `CELL.KEY=VALUE`.
    public init(parsing text: String) throws {
        // A newline would add a line of its own to the cell's source as shown (a fake `# --set` line),
        // and other control characters would reach the terminal: a value is one line of plain text.
        if let control = text.unicodeScalars.first(where: { $0 == "\n" || $0 == "\t" || TerminalSafe.isUnsafe($0) }) {
            throw Diagnostic("--set \(TerminalSafe.escaped(text.replacingOccurrences(of: "\n", with: "\\n"))): the control character \(TerminalSafe.visible(control)) may not be part of a value",
                hint: "Give the value on one line, without control characters: --set '#1.learning_rates=[0.3, 0.6]'.")
        }
        guard let equals = text.firstIndex(of: "="), let dot = text[..<equals].lastIndex(of: ".") else {
            throw Diagnostic("--set \(text): write --set CELL.KEY=VALUE",
                hint: "For example --set '#1.learning_rates=[0.3, 0.6]'; `learn run LESSON --params` lists the cells and keys.")
        }
        cell = String(text[..<dot])
        key = String(text[text.index(after: dot)..<equals])
        value = String(text[text.index(after: equals)...])
        guard !cell.isEmpty, !key.isEmpty, !value.trimmingCharacters().isEmpty else {
            throw Diagnostic("--set \(text): the cell, the key and the value must all be given",
                hint: "For example --set '#1.steps=50'.")
        }
    }

    var text: String { "\(cell).\(key)=\(value)" }
}

extension Lesson {
    /// The lesson with `overrides` applied to its experiment cells, each value checked as if the
    /// lesson had said it.
    public func overriding(_ overrides: [ParameterOverride]) throws -> Lesson {
        guard !overrides.isEmpty else { return self }
        var cells = self.cells
        var problems: [Diagnostic] = []
        for override in overrides {
            do {
                let index = try cellIndex(override.cell, in: cells)
                guard case .experiment(let cell) = cells[index] else { continue }
                cells[index] = .experiment(try cell.overriding(override))
            } catch let diagnostic as Diagnostic {
                problems.append(diagnostic)
            } catch let list as DiagnosticList {
                problems += list.diagnostics
            }
        }
        // An override may ask for more work than the lesson did: its budget is checked again.
        if problems.isEmpty, let problem = WorkBudget.problem(file: file, metadata: metadata, cells: cells) {
            problems.append(problem)
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        return Lesson(file: file, id: id, metadata: metadata, cells: cells, warnings: warnings, text: text)
    }

    private func cellIndex(_ reference: String, in cells: [Cell]) throws -> Int {
        let experiments = cells.enumerated().compactMap { entry -> (Int, ExperimentCell)? in
            if case .experiment(let cell) = entry.element { return (entry.offset, cell) }
            return nil
        }
        if let match = experiments.first(where: { $0.1.reference == reference || $0.1.label == reference }) { return match.0 }
        if let number = Int(reference.hasPrefix("#") ? String(reference.dropFirst()) : reference),
           number >= 1, number <= experiments.count {
            return experiments[number - 1].0
        }
        let byName = experiments.filter { $0.1.name == reference }
        if byName.count == 1 { return byName[0].0 }
        let names = experiments.map { "\($0.1.reference) (\($0.1.name))" }
        throw Diagnostic(byName.count > 1
                ? "--set: \(byName.count) cells run '\(reference)'; name one by position (#N) or label"
                : "--set: \(displayID) has no experiment cell '\(reference)'",
            hint: names.isEmpty ? "The lesson has no experiment cells." : "Its experiment cells are: " + names.joined(separator: ", "))
    }
}

extension ExperimentCell {
    /// The cell with one parameter replaced, and its shown source saying so.
    func overriding(_ override: ParameterOverride) throws -> ExperimentCell {
        let origin = "--set \(override.text)"
        let keys = experiment.parameterDocs.map(\.key)
        guard keys.contains(override.key) else {
            let guess = Suggestions.didYouMean(override.key, in: keys).map { $0.prefix(1).uppercased() + $0.dropFirst() + "\n" } ?? ""
            throw Diagnostic("\(origin): '\(name)' has no parameter '\(override.key)'",
                hint: guess + "Its parameters are: " + keys.joined(separator: ", "))
        }
        let valueSource = YAMLSource(file: "--set", text: override.value, firstLine: 1, what: origin)
        let valueNode: Node
        do {
            guard let node = try valueSource.compose() else { throw Diagnostic("\(origin): the value is empty") }
            valueNode = node
        } catch let diagnostic as Diagnostic {
            throw Diagnostic("\(origin): \(diagnostic.message)", hint: diagnostic.hint)
        }
        // The new value alone first, so that a mistake in it is named as the command line's.
        do {
            _ = try experiment.decodeParameters(CellBody(yaml: valueSource, node: Node([(Node(override.key), valueNode)]), experiment: name))
        } catch let list as DiagnosticList {
            throw DiagnosticList(list.diagnostics.map { Diagnostic("\(origin): \($0.message)", hint: $0.hint) })
        }
        var pairs = parameterNode?.mapping.map { Array($0).map { ($0.key, $0.value) } } ?? []
        pairs.removeAll { $0.0.scalarText == override.key }
        pairs.append((Node(override.key), valueNode))
        let parameters = try experiment.decodeParameters(CellBody(yaml: body, node: Node(pairs), experiment: name))
        return ExperimentCell(name: name, label: label, experiment: experiment, parameters: parameters, claims: claims,
                              source: Self.source(source, setting: override), position: position, index: index, body: body,
                              parameterNode: Node(pairs))
    }

    /// The cell's shown body with the key's line replaced (or added) and marked as set from the command line.
    private static func source(_ source: String, setting override: ParameterOverride) -> String {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let line = "\(override.key): \(override.value)   # --set"
        if let index = lines.firstIndex(where: { $0.hasPrefix(override.key + ":") }) {
            var end = index + 1
            while end < lines.count, lines[end].hasPrefix(" ") || lines[end].hasPrefix("-") { end += 1 }
            lines.replaceSubrange(index..<end, with: [line])
        } else {
            if lines.last == "" { lines.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// Every parameter with the value this cell runs with.
    public var parameterValues: [ParameterDoc] {
        experiment.parameterDocs(of: parameters)
    }
}
