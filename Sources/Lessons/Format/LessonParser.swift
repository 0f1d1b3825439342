import Foundation
import Yams

/// Reads lesson files: decodes, parses the Markdown, and validates front matter and cells.
///
/// It only reads and checks; nothing here runs an experiment. Every problem in a lesson is
/// collected, so one run reports all of them.
public struct LessonParser: Sendable {
    /// The experiments cells may name.
    public let catalog: ExperimentCatalog

    /// Creates a parser that knows the experiments in `catalog`.
    public init(catalog: ExperimentCatalog) {
        self.catalog = catalog
    }

    /// Reads and parses the lesson at `path`; `file` is the name used in messages (defaults to `path`).
    public func parse(contentsOf path: String, file: String? = nil) throws -> Lesson {
        let file = file ?? path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            if let what = FileBytes.problem(atPath: path), what != "does not exist" {
                throw Diagnostic(file: file, "this \(what), so it can't be a lesson", hint: "Name a lesson's .md file.")
            }
            if let typed = FileBytes.nonUTF8Argument(path) {
                throw Diagnostic(file: typed, "this file name is not valid UTF-8 (each \\xNN is a byte that isn't), so learn can't open it",
                                 hint: "Rename the file to a UTF-8 name, then name it again.")
            }
            throw Diagnostic(file: file, "no such lesson file", hint: "Check the path; `learn list` shows the lessons.")
        }
        guard !isDirectory.boolValue else {
            throw Diagnostic(file: file, "this is a folder, not a lesson file", hint: "Name a .md file, or use --lessons DIR.")
        }
        if let size = FileBytes.size(atPath: path, over: FileBytes.lessonLimit) {
            throw Diagnostic(file: file, "the lesson is \(FileBytes.describe(size)), more than the \(FileBytes.describe(FileBytes.lessonLimit)) a lesson may be",
                             hint: "Split it into several lessons.")
        }
        guard let bytes = FileBytes.read(atPath: path, limit: FileBytes.lessonLimit) else {
            let what = FileBytes.problem(atPath: path) ?? "can't be read"
            throw Diagnostic(file: file, "this \(what), so it can't be a lesson",
                             hint: what.hasPrefix("can't") ? "Check its permissions." : "Name a lesson's .md file.")
        }
        return try parse(bytes: bytes, file: file)
    }

    /// Parses a lesson from its bytes.
    public func parse(bytes: [UInt8], file: String) throws -> Lesson {
        let source = try SourceText(bytes: bytes, file: file)
        var problems: [Diagnostic] = []
        func collect<T>(_ body: () throws -> T) -> T? {
            do { return try body() } catch let list as DiagnosticList {
                problems += list.diagnostics
            } catch let diagnostic as Diagnostic {
                problems.append(diagnostic.inFile(file))
            } catch {
                problems.append(Diagnostic(file: file, "\(error)"))
            }
            return nil
        }
        let metadata = collect { try LessonMetadata.decode(source) }
        let id = LessonID(source.fileName)
        let document = collect { try CommonMarkConverter.parse(source) }
        var cells: [Cell] = []
        var exerciseIDs: [String: SourcePosition] = [:]
        var labels: [String: SourcePosition] = [:]
        var experimentCount = 0
        for block in document?.blocks ?? [] {
            // A result block of an exported run is output, not content: running the export draws the
            // results anew in its place.
            if case .code(let info, _, true, _, _) = block, Self.isResultBlock(info) { continue }
            guard case .code(let info, let text, true, let bodyLine, let position) = block,
                  let (kind, argument) = Self.cellKind(info) else {
                problems += Self.nestedCells(in: block, file: file)
                cells.append(.markdown(block))
                continue
            }
            let body = YAMLSource(file: file, text: text, firstLine: bodyLine,
                                  columnOffset: position.column - 1, what: "the \(kind) cell")
            if kind == "experiment" {
                let index = experimentCount
                experimentCount += 1
                // Each cell's work is bounded by its budget; the number of cells bounds the lesson's.
                if experimentCount == Self.maximumExperimentCells + 1 {
                    problems.append(Diagnostic(file: file, at: position,
                        "a lesson may hold \(Self.maximumExperimentCells) experiment cells at most; this is one more",
                        hint: "Split the lesson in two."))
                }
                if let cell = collect({ try experimentCell(argument, body: body, position: position, index: index) }) {
                    if let label = cell.label, let first = labels[label] {
                        problems.append(Diagnostic(file: file, at: position, "the cell label '\(label)' is used twice",
                            hint: "It was first used at line \(first.line); give each cell its own label."))
                    }
                    if let label = cell.label { labels[label] = labels[label] ?? position }
                    cells.append(.experiment(cell))
                }
            } else {
                if let first = exerciseIDs[argument] {
                    problems.append(Diagnostic(file: file, at: position, "exercise id '\(argument)' is used twice",
                        hint: "It was first used at line \(first.line); give each exercise its own id."))
                }
                exerciseIDs[argument] = exerciseIDs[argument] ?? position
                if !ExerciseCell.isValidID(argument) {
                    problems.append(Diagnostic(file: file, at: position, "'\(argument)' is not a valid exercise id",
                        hint: "Use lowercase letters, digits and hyphens, starting with a letter or digit, e.g. 'uniform-loss'."))
                } else if let cell = collect({ try ExerciseCell.decode(id: argument, body: body, position: position, catalog: catalog) }) {
                    cells.append(.exercise(cell))
                }
            }
        }
        problems += Self.resolveCellReferences(&cells, file: file)
        if let document {
            problems += Self.hiddenCells(in: source, document: document)
        }
        if let metadata, let problem = WorkBudget.problem(file: file, metadata: metadata, cells: cells) {
            problems.append(problem)
        }
        problems.sort { ($0.position ?? .start) < ($1.position ?? .start) }
        guard problems.isEmpty, let metadata else { throw DiagnosticList(problems) }
        return Lesson(file: file, id: id, metadata: metadata, cells: cells, warnings: source.warnings, text: source.text)
    }

    /// Resolves each exercise's `cell:` to the experiment cell it names; a reference to no cell, or
    /// to a cell of another experiment, is an error at the reference.
    static func resolveCellReferences(_ cells: inout [Cell], file: String) -> [Diagnostic] {
        let experiments = cells.compactMap { if case .experiment(let cell) = $0 { cell } else { nil } }
        var problems: [Diagnostic] = []
        for (position, cell) in cells.enumerated() {
            guard case .exercise(var exercise) = cell, let reference = exercise.cell else { continue }
            guard let target = reference.resolve(in: experiments) else {
                let known = experiments.map { cell in cell.label.map { "\($0) (#\(cell.index + 1))" } ?? "#\(cell.index + 1)" }
                problems.append(Diagnostic(file: file, at: reference.position,
                    "exercise '\(exercise.id)' mirrors the cell '\(reference.name)', which is not an experiment cell of this lesson",
                    hint: known.isEmpty ? "The lesson has no experiment cells; remove 'cell'."
                        : "Name a cell by its label (```experiment NAME as LABEL) or as \"#N\", counting experiment cells from 1: "
                            + known.joined(separator: ", ")))
                continue
            }
            if let name = exercise.kind.experimentName, name != target.name {
                problems.append(Diagnostic(file: file, at: reference.position,
                    "exercise '\(exercise.id)' runs '\(name)', but the cell '\(reference.name)' it mirrors runs '\(target.name)'",
                    hint: "Name the cell whose experiment the exercise runs."))
                continue
            }
            exercise.cell?.index = target.index
            cells[position] = .exercise(exercise)
        }
        return problems
    }

    /// The most experiment cells a lesson may hold: with each cell's budget, a bound on a lesson's work.
    public static let maximumExperimentCells = 100
    /// The most claims one cell may list.
    public static let maximumClaims = 100

    /// The info string's first word that marks a result block in an exported lesson.
    public static let resultInfo = "learn-result"

    /// Whether a fenced block with this info string holds an exported result.
    static func isResultBlock(_ info: String) -> Bool {
        info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first == Substring(resultInfo)
    }

    /// `("experiment", "momentum-ravine")` for info string `experiment momentum-ravine`, nil for
    /// any other code block. A cell kind without its name yields an empty argument.
    static func cellKind(_ info: String) -> (String, String)? {
        let words = info.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let first = words.first, first == "experiment" || first == "exercise" else { return nil }
        return (String(first), words.dropFirst().joined(separator: " "))
    }

    private func experimentCell(_ argument: String, body: YAMLSource, position: SourcePosition, index: Int) throws -> ExperimentCell {
        let words = argument.split(separator: " ").map(String.init)
        let name = words.first ?? ""
        var label: String?
        if words.count == 3, words[1] == "as", ExerciseCell.isValidID(words[2]) {
            label = words[2]
        } else if words.count > 1 {
            throw Diagnostic(file: body.file, at: position, "'experiment \(argument)' is not a cell header",
                hint: "Write ```experiment NAME, or ```experiment NAME as LABEL (LABEL: lowercase letters, digits, hyphens).")
        }
        guard !name.isEmpty else {
            throw Diagnostic(file: body.file, at: position, "the experiment cell does not name an experiment",
                hint: "Write ```experiment NAME; the experiments are:\n  " + catalog.names.joined(separator: "\n  "))
        }
        guard let experiment = catalog.experiment(named: name) else {
            var hint = Suggestions.didYouMean(name, in: catalog.names).map { $0.prefix(1).uppercased() + $0.dropFirst() + "\n" } ?? ""
            hint += "The experiments are:\n  " + catalog.names.joined(separator: "\n  ")
            hint += "\n`learn experiments` shows them with their parameters."
            throw Diagnostic(file: body.file, at: position, "unknown experiment '\(name)'", hint: hint)
        }
        // `expect` belongs to the cell, not to the experiment: split it off before decoding.
        var node = try body.compose()
        var claims: [Claim] = []
        var problems: [Diagnostic] = []
        if let mapping = node?.mapping {
            let rest = mapping.filter { $0.key.scalarText != "expect" }
            if let expect = mapping.first(where: { $0.key.scalarText == "expect" })?.value {
                do { claims = try Self.claims(expect, body) } catch let list as DiagnosticList { problems += list.diagnostics }
            }
            node = rest.isEmpty ? nil : Node(rest.map { ($0.key, $0.value) })
        }
        let parameters: any ExperimentParameters
        do {
            parameters = try experiment.decodeParameters(CellBody(yaml: body, node: node, experiment: name))
        } catch let list as DiagnosticList {
            throw DiagnosticList(problems + list.diagnostics)
        } catch let diagnostic as Diagnostic {
            throw DiagnosticList(problems + [diagnostic])
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        return ExperimentCell(name: name, label: label, experiment: experiment, parameters: parameters, claims: claims,
                              source: body.text, position: position, index: index, body: body, parameterNode: node)
    }

    /// The claims of an `expect:` list (or a single claim), each parsed, errors placed at the character.
    static func claims(_ node: Node, _ body: YAMLSource) throws -> [Claim] {
        let items: [Node]
        switch node {
        case .sequence(let sequence): items = Array(sequence)
        case .scalar: items = [node]
        default:
            throw DiagnosticList([Diagnostic(file: body.file, at: body.position(node.mark),
                "'expect' must be a list of claims, not \(node.quoted)",
                hint: "For example: expect: [\"sgd_lr0.6.diverged\", \"momentum0.5_lr0.6.converged\"]")])
        }
        guard items.count <= maximumClaims else {
            throw DiagnosticList([Diagnostic(file: body.file, at: body.position(items[maximumClaims].mark),
                "a cell may list \(maximumClaims) claims at most; this one lists \(items.count)",
                hint: "Keep the claims that say what the lesson's prose says.")])
        }
        var claims: [Claim] = []
        var problems: [Diagnostic] = []
        for item in items {
            guard case .scalar(let scalar) = item else {
                problems.append(Diagnostic(file: body.file, at: body.position(item.mark),
                    "each claim must be text, not \(item.quoted)", hint: "Write the claim in quotes."))
                continue
            }
            do {
                claims.append(try Claim(scalar.string))
            } catch {
                var position = body.position(item.mark)
                let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
                position.column += error.offset - 1 + (quoted ? 1 : 0)
                problems.append(Diagnostic(file: body.file, at: position, "bad claim: \(error.message)",
                    hint: "A claim compares metrics, e.g. \"momentum0.5_lr0.6.final_loss < sgd_lr0.4.final_loss\"; see docs/lesson-format.md."))
            }
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        return claims
    }

    /// Experiment and exercise fences nested in lists or quotes would silently not run: refuse them.
    private static func nestedCells(in block: Block, file: String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var stack: [(Block, Bool)] = [(block, true)]
        while let (current, topLevel) = stack.popLast() {
            switch current {
            case .list(_, _, let items, _):
                stack += items.flatMap { $0 }.map { ($0, false) }
            case .blockQuote(let blocks, _):
                stack += blocks.map { ($0, false) }
            case .code(let info, _, _, _, let position) where !topLevel:
                if let (kind, _) = cellKind(info) {
                    found.append(Diagnostic(file: file, at: position,
                        "\(kind) cells must stand at the top level of the lesson, not inside a list or quote",
                        hint: "Move the fence out of the list or quote and remove its indentation."))
                }
            default:
                break
            }
        }
        return found
    }
}
