/// The seeds `learn test --seeds` runs every lesson on: `N` for seeds 1 to N, `A-B` for A to B.
public struct SeedList: Sendable, Equatable {
    /// The most seeds one test runs: a thousand runs of a lesson is already hours.
    public static let limit = 1_000

    /// The seeds, in order.
    public let seeds: [UInt64]

    /// Reads `N` or `A-B`; nil with a reason for anything else.
    public static func parse(_ text: String) -> Result<SeedList, SeedListError> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let bounds: (UInt64, UInt64)
        switch parts.count {
        case 1:
            guard let count = UInt64(parts[0]), count > 0 else { return .failure(.notUnderstood(text)) }
            bounds = (1, count)
        case 2:
            guard let low = UInt64(parts[0]), let high = UInt64(parts[1]) else { return .failure(.notUnderstood(text)) }
            guard low <= high else { return .failure(.backwards(text)) }
            bounds = (low, high)
        default:
            return .failure(.notUnderstood(text))
        }
        guard bounds.1 - bounds.0 < UInt64(limit) else { return .failure(.tooMany(text)) }
        return .success(SeedList(seeds: Array(bounds.0...bounds.1)))
    }

    /// How the seeds read in a report: `seeds 1–20`, `seed 7`.
    public var description: String {
        guard let first = seeds.first, let last = seeds.last else { return "no seeds" }
        return first == last ? "seed \(first)" : "seeds \(first)–\(last)"
    }
}

/// Why a `--seeds` value was refused.
public enum SeedListError: Error, Equatable, CustomStringConvertible {
    case notUnderstood(String), backwards(String), tooMany(String)

    public var description: String {
        switch self {
        case .notUnderstood(let text): "'\(text)' is not a number of seeds (20) or a range of seeds (1-20)"
        case .backwards(let text): "'\(text)' ends before it starts; write the smaller seed first (3-9)"
        case .tooMany(let text): "'\(text)' is more than \(SeedList.limit) seeds; test fewer at once"
        }
    }
}
