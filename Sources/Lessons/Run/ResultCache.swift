import Foundation

/// Experiment results kept in `.learn/cache/`, so an unchanged lesson reruns at once.
///
/// The key covers everything a result depends on: the experiment, its parameters (every one,
/// defaults included, in a canonical order), the cell's seed, the engine's version, the lesson
/// format's version, the build of `learn` itself, and how it is drawn (width, character set,
/// color). Prose is not in the key, so editing it reruns nothing. An entry that is truncated,
/// corrupted or from another key is recomputed, never trusted. The folder is kept under a size bound
/// by dropping the least recently used entries.
public struct ResultCache: Sendable {
    /// The cache folder.
    public let folder: String
    /// Everything about the program that the key must cover (engine version, build identity).
    public let programIdentity: String
    /// The most bytes the folder may hold.
    public let byteLimit: Int

    /// A cache in `folder` for results of the program described by `programIdentity`.
    public init(folder: String, programIdentity: String, byteLimit: Int = 32 << 20) {
        self.folder = folder
        self.programIdentity = programIdentity
        self.byteLimit = byteLimit
    }

    /// A cached result: the text drawn below the cell and the metrics claims read.
    public struct Entry: Codable, Sendable, Equatable {
        /// The text below the cell.
        public var text: String
        /// The metrics.
        public var metrics: [StoredMetric]
    }

    /// A metric in a form JSON can hold (a number may be non-finite).
    public struct StoredMetric: Codable, Sendable, Equatable {
        var name: String
        var number: String?
        var flag: Bool?

        init(_ metric: Metric) {
            name = metric.name
            switch metric.value {
            case .number(let value): number = "\(value)"
            case .flag(let value): flag = value
            }
        }

        var metric: Metric? {
            if let flag { return Metric(name: name, value: .flag(flag)) }
            return number.flatMap(Double.init).map { Metric(name: name, value: .number($0)) }
        }
    }

    /// What an entry file holds: the key it was stored under, the entry, and a checksum of both.
    private struct File: Codable {
        var key: String
        var entry: Entry
        var checksum: String
    }

    /// The key of `cell`'s result when run with `seed` and drawn with `style`.
    public func key(for cell: ExperimentCell, seed: UInt64, style: TerminalStyle) -> String {
        let parameters = cell.parameterValues.map { "\($0.key)=\($0.defaultValue)" }.joined(separator: "\n")
        let parts = [
            "experiment=\(cell.name)", parameters, "seed=\(seed)", "format=\(LessonMetadata.formatVersion)",
            "program=\(programIdentity)", "width=\(style.width)", "charset=\(style.unicode ? "unicode" : "ascii")",
            "color=\(style.color)",
        ]
        return Self.hash(parts.joined(separator: "\n\u{1F}\n"))
    }

    /// The entry stored under `key`, or nil when there is none or it can't be trusted.
    public func entry(_ key: String) -> Entry? {
        let path = self.path(key)
        guard let bytes = FileBytes.read(atPath: path),
              let file = try? JSONDecoder().decode(File.self, from: Data(bytes)),
              file.key == key, file.checksum == Self.checksum(key, file.entry) else { return nil }
        // Touch it, so the size bound drops the entries used least recently.
        try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: path)
        return file.entry
    }

    /// Stores `entry` under `key` (atomically), then trims the folder to its size bound.
    public func store(_ entry: Entry, key: String) throws {
        let file = File(key: key, entry: entry, checksum: Self.checksum(key, entry))
        try AtomicFile.write(Array(try JSONEncoder().encode(file)), to: path(key))
        trim()
    }

    private func path(_ key: String) -> String {
        (folder as NSString).appendingPathComponent("\(key).json")
    }

    private func trim() {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: folder) else { return }
        var files = names.filter { $0.hasSuffix(".json") }.compactMap { name -> (String, Int, Date)? in
            let path = (folder as NSString).appendingPathComponent(name)
            guard let attributes = try? manager.attributesOfItem(atPath: path) else { return nil }
            return (path, (attributes[.size] as? Int) ?? 0, (attributes[.modificationDate] as? Date) ?? .distantPast)
        }
        var total = files.reduce(0) { $0 + $1.1 }
        files.sort { $0.2 < $1.2 }
        for (path, size, _) in files where total > byteLimit {
            try? manager.removeItem(atPath: path)
            total -= size
        }
    }

    private static func checksum(_ key: String, _ entry: Entry) -> String {
        let metrics = entry.metrics.map { "\($0.name)=\($0.number ?? "")\($0.flag.map { "\($0)" } ?? "")" }.joined(separator: ",")
        return hash(key + "\u{1F}" + entry.text + "\u{1F}" + metrics)
    }

    /// A 128-bit hash (two FNV-1a variants) as 32 hex digits: enough to tell results apart, and
    /// stable across machines and runs (unlike Swift's `Hasher`).
    static func hash(_ text: String) -> String {
        var a: UInt64 = 0xCBF2_9CE4_8422_2325, b: UInt64 = 0x84222325_CBF29CE4
        for byte in text.utf8 {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = (b &* 0x0000_0100_0000_01B3) ^ UInt64(byte) ^ (b >> 29)
        }
        return String(a, radix: 16).leftPadded(16) + String(b, radix: 16).leftPadded(16)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
