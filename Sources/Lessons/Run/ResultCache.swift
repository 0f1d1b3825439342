import Foundation

/// Experiment results kept in `.learn/cache/`, so that an unchanged lesson reruns at once.
///
/// An entry stores the result *value* (`ExperimentResult`: data, not drawn text), so a cached run
/// draws every format, width and language exactly as a fresh one. Each entry records its full key:
/// the experiment, its parameters (every one, defaults included, in a canonical order), the cell's
/// seed, the engine's version, the lesson and result format versions, the build of `learn` itself,
/// and the identity of any data file the experiment reads. An entry is used only when that key matches
/// byte for byte and its checksum holds; anything else (truncated, corrupted, another key, a value that
/// doesn't decode) is recomputed, never trusted. Prose is not in the key, so editing it reruns nothing.
///
/// The folder is kept under a size bound by dropping the results that are cheapest to recompute first
/// (each entry records how long it took), so the long runs of a whole course stay.
public struct ResultCache: Sendable {
    /// The cache folder.
    public let folder: String
    /// Everything about the program that the key must cover (engine version, build identity).
    public let programIdentity: String
    /// The most bytes the folder may hold.
    public let byteLimit: Int

    /// The version of the entry files; part of every key.
    static let entryVersion = 3

    /// A cache in `folder` for results of the program described by `programIdentity`.
    public init(folder: String, programIdentity: String, byteLimit: Int = 256 << 20) {
        self.folder = folder
        self.programIdentity = programIdentity
        self.byteLimit = byteLimit
    }

    /// What a result depends on, in full; the entry's file is named by its hash.
    public struct Key: Sendable, Equatable {
        /// The key's text, one `name=value` a line.
        public let text: String
        /// The entry's file name, without `.json`.
        public var name: String { ResultCache.hash(Array(text.utf8)) }
    }

    /// The key of `cell`'s result when run with `seed`.
    public func key(for cell: ExperimentCell, seed: UInt64) -> Key {
        var lines = [
            "entry=\(Self.entryVersion)", "experiment=\(cell.name)", "seed=\(seed)",
            "lesson-format=\(LessonMetadata.formatVersion)", "program=\(programIdentity)",
        ]
        lines += cell.parameterValues.map { "parameter.\($0.key)=\($0.defaultValue)" }
        lines += cell.experiment.erasedInputIdentities(cell.parameters).map { "input=\($0)" }
        // A newline inside a value can't make two keys read alike: it is escaped.
        return Key(text: lines.map { $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n") }
            .joined(separator: "\n"))
    }

    /// The result stored under `key`, or nil when there is none or it can't be trusted.
    public func result(for key: Key) -> ExperimentResult? {
        let path = self.path(key.name)
        guard let entry = Self.read(path), entry.key == key.text else { return nil }
        // Touch it, so that among equally cheap results the least recently used go first.
        try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: path)
        return entry.result
    }

    /// Stores `result` under `key` (atomically) with the seconds it took to compute. The folder is trimmed
    /// to its bound by `trim()`, once a run, not here: listing the folder at every store made a lesson of
    /// n cells cost n².
    public func store(_ result: ExperimentResult, key: Key, seconds: Double) throws {
        let body = Array(try ResultCoding.encoder().encode(result))
        let header = Header(key: key.text, seconds: seconds.isFinite ? max(seconds, 0) : 0,
                            checksum: Self.checksum(key.text, body))
        let bytes = Array(try ResultCoding.encoder().encode(header)) + [0x0A] + body
        try AtomicFile.write(bytes, to: path(key.name))
    }

    /// Whether the file `name` (without `.json`) holds a whole entry whose checksum holds.
    public func isWhole(_ name: String) -> Bool {
        Self.read(path(name)) != nil
    }

    /// The first line of an entry file; the result's JSON follows it.
    private struct Header: Codable {
        var key: String
        var seconds: Double
        var checksum: String
    }

    private static func read(_ path: String) -> (key: String, seconds: Double, result: ExperimentResult)? {
        guard let bytes = FileBytes.read(atPath: path, followingLinks: false), let newline = bytes.firstIndex(of: 0x0A),
              let header = try? ResultCoding.decoder().decode(Header.self, from: Data(bytes[..<newline])) else { return nil }
        let body = Array(bytes[(newline + 1)...])
        guard header.checksum == checksum(header.key, body),
              let result = try? ResultCoding.decoder().decode(ExperimentResult.self, from: Data(body)),
              result.isWithinLimits else { return nil }
        return (header.key, header.seconds, result)
    }

    private func path(_ name: String) -> String {
        (folder as NSString).appendingPathComponent("\(name).json")
    }

    /// Removes entries, the cheapest to recompute first, until the folder is within its bound.
    public func trim() {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: folder) else { return }
        var files = names.filter { $0.hasSuffix(".json") }.compactMap { name -> (path: String, size: Int, cost: Double, used: Date)? in
            let path = (folder as NSString).appendingPathComponent(name)
            // Only regular files are entries: a FIFO named like one must not be opened (it would block),
            // nor a link followed.
            guard FileBytes.isRegularFile(atPath: path), let attributes = try? manager.attributesOfItem(atPath: path) else { return nil }
            return (path, (attributes[.size] as? Int) ?? 0, Self.cost(path),
                    (attributes[.modificationDate] as? Date) ?? .distantPast)
        }
        var total = files.reduce(0) { $0 + $1.size }
        guard total > byteLimit else { return }
        files.sort { ($0.cost, $0.used) < ($1.cost, $1.used) }
        for file in files where total > byteLimit {
            try? manager.removeItem(atPath: file.path)
            total -= file.size
        }
    }

    /// The seconds an entry took to compute, read from its header alone (0 when unreadable: such an
    /// entry goes first).
    private static func cost(_ path: String) -> Double {
        guard let start = FileBytes.readPrefix(atPath: path, count: 64 << 10), let newline = start.firstIndex(of: 0x0A),
              let header = try? ResultCoding.decoder().decode(Header.self, from: Data(start[..<newline])) else { return 0 }
        return header.seconds
    }

    private static func checksum(_ key: String, _ body: [UInt8]) -> String {
        hash(Array(key.utf8) + [0x1F] + body)
    }

    /// A 128-bit hash (two FNV-1a variants) as 32 hex digits: enough to tell results apart, and
    /// stable across machines and runs (unlike Swift's `Hasher`).
    static func hash(_ bytes: [UInt8]) -> String {
        var a: UInt64 = 0xCBF2_9CE4_8422_2325, b: UInt64 = 0x84222325_CBF29CE4
        for byte in bytes {
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
