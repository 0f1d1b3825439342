// Compact, readable encodings for the settings a chart is described by, so that a chart's description
// can be stored and exchanged (a cached result, a JSON export) and read back to the same value.

/// `"fixed:2"`, `"significant:3"`, `"scientific:2"`, `"integer"`, `"percent:1"`.
extension NumberFormat: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let digits = parts.count == 2 ? Int(parts[1]) : nil
        switch (parts.first ?? "", digits) {
        case ("integer", nil) where parts.count == 1: self = .integer
        case ("fixed", let digits?) where (0...15).contains(digits): self = .fixed(digits)
        case ("significant", let digits?) where (1...15).contains(digits): self = .significant(digits)
        case ("scientific", let digits?) where (0...15).contains(digits): self = .scientific(digits)
        case ("percent", let digits?) where (0...15).contains(digits): self = .percent(digits)
        default:
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a number format: \(text)")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .fixed(let digits): try container.encode("fixed:\(digits)")
        case .significant(let digits): try container.encode("significant:\(digits)")
        case .scientific(let digits): try container.encode("scientific:\(digits)")
        case .integer: try container.encode("integer")
        case .percent(let digits): try container.encode("percent:\(digits)")
        }
    }
}

/// `"per_image"`, `"shared"`, or `[low, high]` for a fixed range.
extension ImageGrid.Normalization: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let range = try? container.decode([Double].self) {
            guard range.count == 2, range[0].isFinite, range[1].isFinite, range[0] <= range[1] else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "a range is [low, high]")
            }
            self = .fixed(range[0]...range[1])
            return
        }
        switch try container.decode(String.self) {
        case "per_image": self = .perImage
        case "shared": self = .shared
        case let other:
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a normalization: \(other)")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .fixed(let range): try container.encode([range.lowerBound, range.upperBound])
        case .perImage: try container.encode("per_image")
        case .shared: try container.encode("shared")
        }
    }
}
