/// Finds the names closest to a misspelled one, for "did you mean …?" hints.
public enum Suggestions {
    /// The candidates closest to `name` by edit distance, if close enough (at most `limit`, sorted).
    public static func closest(to name: String, in candidates: [String], limit: Int = 3) -> [String] {
        // No typo is this long, and the edit distance of a 10 MB name would take minutes.
        guard name.utf8.count <= 200 else { return [] }
        let lowered = name.lowercased()
        let scored = candidates.map { candidate -> (String, Int) in
            let other = candidate.lowercased()
            var distance = editDistance(lowered, other)
            // A name that contains the typed text (or the reverse) is a good guess even when long.
            if other.contains(lowered) || lowered.contains(other) { distance = min(distance, 1) }
            return (candidate, distance)
        }
        let threshold = max(2, lowered.count / 3)
        // Only the closest candidates: a second-best guess mostly adds noise.
        guard let best = scored.map(\.1).min(), best <= threshold else { return [] }
        return scored
            .filter { $0.1 == best }
            .sorted { $0.0 < $1.0 }
            .prefix(limit)
            .map(\.0)
    }

    /// A "did you mean 'x'?" sentence, or nil when nothing is close.
    public static func didYouMean(_ name: String, in candidates: [String]) -> String? {
        let close = closest(to: name, in: candidates)
        guard !close.isEmpty else { return nil }
        return "did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?"
    }

    /// "Did you mean 'x'?" and a line break, to begin a hint with; empty when nothing is close.
    public static func didYouMeanLine(_ name: String, in candidates: [String]) -> String {
        didYouMean(name, in: candidates).map { $0.prefix(1).uppercased() + $0.dropFirst() + "\n" } ?? ""
    }

    /// Levenshtein distance between two strings, by characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
