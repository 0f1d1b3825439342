/// Many diagnostics printed so that they can be read: a lesson with 100,000 unknown keys must not
/// print its 9-line hint 100,000 times (76 MB on standard error), nor 100,000 messages.
public enum DiagnosticReport {
    /// The most diagnostics printed for one file; the rest are counted in one line.
    public static let limitPerFile = 100

    /// The texts to print for `diagnostics`, in order: per file, each hint line only the first time it
    /// appears (the list of valid keys under every unknown key, say), and past `limit` diagnostics one
    /// line `FILE: … and N more problems (E errors, W warnings)`.
    public static func lines(_ diagnostics: [Diagnostic], limit: Int = limitPerFile) -> [String] {
        var lines: [String] = []
        var shown: [String?: Int] = [:]
        var hintLines: [String?: Set<Substring>] = [:]
        var hidden = (errors: 0, warnings: 0)
        for (index, diagnostic) in diagnostics.enumerated() {
            let file = diagnostic.file
            if shown[file, default: 0] < limit {
                shown[file, default: 0] += 1
                var printed = diagnostic
                if let hint = diagnostic.hint {
                    let fresh = hint.split(separator: "\n", omittingEmptySubsequences: false)
                        .filter { $0.isEmpty || hintLines[file, default: []].insert($0).inserted }
                    printed.hint = fresh.allSatisfy(\.isEmpty) ? nil : fresh.joined(separator: "\n")
                }
                lines.append(printed.description)
            } else if diagnostic.severity == .error {
                hidden.errors += 1
            } else {
                hidden.warnings += 1
            }
            // After the last of a run of one file's diagnostics: what was left out.
            let total = hidden.errors + hidden.warnings
            if total > 0, index + 1 == diagnostics.count || diagnostics[index + 1].file != file {
                let location = file.map { TerminalSafe.escaped($0) + ": " } ?? ""
                lines.append("\(location)… and \(total) more problem\(total == 1 ? "" : "s") not shown "
                    + "(\(hidden.errors) error\(hidden.errors == 1 ? "" : "s"), \(hidden.warnings) warning\(hidden.warnings == 1 ? "" : "s"))")
                hidden = (0, 0)
            }
        }
        return lines
    }
}
