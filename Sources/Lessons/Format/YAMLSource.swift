import Yams

/// A piece of YAML inside a lesson file (front matter or a cell body) and where it sits, so that
/// positions inside it become positions in the file.
struct YAMLSource {
    /// The file, for messages.
    var file: String
    /// The YAML text.
    var text: String
    /// The file line of the YAML's first line.
    var firstLine: Int
    /// Columns to add to a YAML column (the indentation the Markdown container removed).
    var columnOffset: Int = 0
    /// What the YAML is, for messages: "front matter", "the experiment cell".
    var what: String

    /// The file position of a YAML mark.
    func position(_ mark: Mark?) -> SourcePosition {
        guard let mark else { return SourcePosition(line: firstLine, column: 1 + columnOffset) }
        return SourcePosition(line: firstLine + mark.line - 1, column: mark.column + columnOffset)
    }

    /// Parses the text into a node tree (nil when empty), turning YAML errors into diagnostics.
    func compose() throws -> Node? {
        do {
            // Yams composes an alias as a copy of its anchored node, so no `.alias` node ever comes
            // out; what marks both is the node's anchor, a weak reference only the parser keeps alive.
            let parser = try Parser(yaml: text)
            let node = try parser.singleRoot()
            if let node { try withExtendedLifetime(parser) { try rejectAnchors(node) } }
            return node
        } catch let error as YamlError {
            throw diagnostic(for: error)
        }
    }

    /// Anchors and aliases have no use in a lesson, and alias chains can blow up in size: the
    /// first anchored node stops the walk before it can visit an exponential tree of copies.
    private func rejectAnchors(_ node: Node) throws {
        var stack = [node]
        while let current = stack.popLast() {
            if current.anchor != nil || current.isAlias {
                throw Diagnostic(file: file, at: position(current.mark),
                    "YAML anchors and aliases are not allowed in \(what)",
                    hint: "Write the value out each time instead of using '&name' and '*name'.")
            }
            // Pushed in reverse, so the walk goes in file order and reports the first anchor.
            switch current {
            case .mapping(let mapping):
                for (key, value) in mapping.reversed() { stack.append(value); stack.append(key) }
            case .sequence(let sequence):
                stack.append(contentsOf: sequence.reversed())
            case .scalar, .alias:
                break
            }
        }
    }

    /// The 0-based line and 1-based column (in scalars) of the text's first unsafe control character.
    private func firstControlCharacter() -> (Int, Int, Unicode.Scalar)? {
        for (line, content) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let index = Array(content.unicodeScalars).firstIndex(where: TerminalSafe.isUnsafe) {
                return (line, index + 1, Array(content.unicodeScalars)[index])
            }
        }
        return nil
    }

    private func diagnostic(for error: YamlError) -> Diagnostic {
        let hint = "Check the YAML syntax: `key: value` pairs, lists as [a, b], text with ':' in quotes."
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            // libyaml stops at 1000 levels of nesting (before Swift's recursive composer could
            // exhaust the stack); its own message names a C function.
            if problem.hasPrefix("Maximum nesting level") {
                return Diagnostic(file: file, at: position(mark), "the YAML in \(what) is nested too deeply",
                    hint: "Parameters and answers need a few levels of lists and mappings at most.")
            }
            return Diagnostic(file: file, at: position(mark), "invalid YAML in \(what): \(problem)", hint: hint)
        case let .duplicatedKeysInMapping(duplicates, context):
            return Diagnostic(file: file, at: position(context.mark),
                "\(what) gives \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) more than once",
                hint: "Keep one value per key.")
        case let .reader(problem, _, _, _):
            // libyaml refuses control characters without saying where: find the first, and point at it.
            if let (line, column, scalar) = firstControlCharacter() {
                return Diagnostic(file: file, at: SourcePosition(line: firstLine + line, column: column + columnOffset),
                    "\(what) holds the control character \(TerminalSafe.visible(scalar)), which YAML may not hold",
                    hint: "Remove it; write the text as plain characters.")
            }
            return Diagnostic(file: file, at: position(nil), "unreadable YAML in \(what): \(problem)", hint: hint)
        default:
            return Diagnostic(file: file, at: position(nil), "invalid YAML in \(what): \(error)", hint: hint)
        }
    }
}

extension Node {
    /// The scalar's text, or nil for a mapping, sequence or alias.
    var scalarText: String? {
        if case .scalar(let scalar) = self { return scalar.string }
        return nil
    }

    /// Whether this is an alias node (`*name`) left unresolved.
    var isAlias: Bool {
        if case .alias = self { return true }
        return false
    }

    /// A short quotation of the node for messages.
    var quoted: String {
        switch self {
        case .scalar(let scalar): return "'\(scalar.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}
