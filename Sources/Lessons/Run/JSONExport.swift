import Foundation

/// A run of a lesson as JSON, for other tools: each experiment cell's parameters, result (text,
/// tables and charts as data), metrics and claims. The document's shape is specified by the JSON
/// Schema `docs/json-format.schema.json` (described in `docs/json-format.md`); `formatVersion` is
/// its version. It is drawn from the same result values as every other format, so a cached run
/// prints the same bytes as a fresh one.
public enum JSONExport {
    /// The version of the JSON document's shape; raised on any change a reader could notice.
    public static let formatVersion = 3

    /// The JSON text (keys sorted, so the same run gives the same bytes), its words in `catalog`'s language.
    public static func render(_ lesson: Lesson, _ outcome: LessonRunner.Outcome, catalog: MessageCatalog = .english) throws -> String {
        let cells = zip(lesson.experiments, outcome.cells).map { cell, result -> Cell in
            var entry = Cell(cell: cell.reference, experiment: cell.name, line: cell.position.line,
                             parameters: Dictionary(cell.parameterValues.map { ($0.key, $0.defaultValue) }, uniquingKeysWith: { first, _ in first }))
            switch result {
            case .result(let value, let claims):
                entry.status = "ok"
                entry.items = value.items
                entry.metrics = value.metrics
                entry.claims = claims.map(Claim.init)
            case .failed(let diagnostic):
                entry.status = "failed"
                entry.error = diagnostic.message
            }
            return entry
        }
        let document = Document(formatVersion: formatVersion, lesson: lesson.displayID, title: lesson.metadata.title,
                                seed: outcome.seed, language: catalog.language, complete: !outcome.stopped, cells: cells)
        let data = try ResultCoding.encoder(catalog: catalog, pretty: true).encode(document)
        return TerminalSafe.jsonEscaped(String(decoding: data, as: UTF8.self))
    }

    private struct Document: Encodable {
        var formatVersion: Int
        var lesson: String
        var title: String
        var seed: UInt64
        var language: String
        var complete: Bool
        var cells: [Cell]

    }

    private struct Cell: Encodable {
        var cell: String
        var experiment: String
        var line: Int
        var parameters: [String: String]
        var status = "ok"
        var items: [ExperimentResult.Item]?
        var metrics: [Metric]?
        var claims: [Claim]?
        var error: String?
    }

    private struct Claim: Encodable {
        var claim: String
        var held: Bool
        /// False when these parameters don't produce a metric the claim reads (then `held` is false too).
        var checked: Bool
        var problem: String?
        var values: [Metric]

        init(_ outcome: ClaimOutcome) {
            claim = outcome.claim.text
            held = outcome.held
            checked = outcome.checked
            problem = outcome.problem
            values = outcome.values
        }
    }
}
