import Foundation

/// What a student has done in one course, kept in `.learn/courses/<course-id>/progress.json`.
public struct Progress: Codable, Sendable, Equatable {
    /// The file format's version.
    public var version = 1
    /// Per lesson id.
    public var lessons: [String: LessonProgress] = [:]

    /// Creates empty progress.
    public init() {}

    /// One lesson's progress.
    public struct LessonProgress: Codable, Sendable, Equatable {
        /// Ids of the exercises that passed their latest check.
        public var passed: [String] = []
        /// Ids of the exercises that passed some check, even if a later answer failed: an earlier
        /// pass stays visible ("passed before") and keeps the solution open.
        public var passedBefore: [String] = []
        /// How many hints of each exercise have been shown.
        public var hintsShown: [String: Int] = [:]
        /// Whether the lesson was run at least once (what makes a lesson without exercises done).
        public var ran = false

        /// Creates empty lesson progress.
        public init() {}

        /// Reads a record, taking any field it lacks as empty: files written before a field
        /// existed (`passedBefore`) still read.
        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            passed = try container.decodeIfPresent([String].self, forKey: .passed) ?? []
            passedBefore = try container.decodeIfPresent([String].self, forKey: .passedBefore) ?? []
            // Counts are read within 0…1000, so that arithmetic on them can't overflow.
            hintsShown = (try container.decodeIfPresent([String: Int].self, forKey: .hintsShown) ?? [:])
                .mapValues { min(max($0, 0), 1_000) }
            ran = try container.decodeIfPresent(Bool.self, forKey: .ran) ?? false
        }

        /// Whether exercise `id` has ever passed.
        public func hasPassed(_ id: String) -> Bool {
            passed.contains(id) || passedBefore.contains(id)
        }

        /// Both records together: what either passed or ran, the larger hint count.
        public func merged(with other: LessonProgress) -> LessonProgress {
            var merged = self
            merged.passed = Array(Set(passed).union(other.passed)).sorted()
            merged.passedBefore = Array(Set(passedBefore).union(other.passedBefore)).sorted()
            merged.hintsShown = hintsShown.merging(other.hintsShown) { max($0, $1) }
            merged.ran = ran || other.ran
            return merged
        }
    }

    /// The progress of `lesson` (empty when none is recorded).
    public subscript(lesson: String) -> LessonProgress {
        get { lessons[lesson] ?? LessonProgress() }
        set { lessons[lesson] = newValue }
    }

    /// Both progress records together, lesson by lesson (see `LessonProgress.merged(with:)`).
    /// Merging twice changes nothing, so an interrupted migration can simply merge again.
    public func merged(with other: Progress) -> Progress {
        var merged = self
        for (id, record) in other.lessons {
            merged.lessons[id] = lessons[id].map { $0.merged(with: record) } ?? record
        }
        return merged
    }
}

/// Reads and updates a course's `progress.json`: atomically, under a lock, so that a kill or a
/// second `learn` never leaves it half-written or loses an update.
public struct ProgressStore: Sendable {
    /// The file's path.
    public let path: String

    /// The store in the file at `path`.
    public init(path: String) {
        self.path = path
    }

    /// What the progress file holds, read once.
    private enum Stored {
        case missing
        case progress(Progress)
        /// Written by a newer `learn`, in this format version.
        case newer(Int)
        case unreadable
    }

    private func stored() -> Stored {
        if FileBytes.size(atPath: path, over: FileBytes.progressLimit) != nil { return .unreadable }
        guard let bytes = FileBytes.read(atPath: path, limit: FileBytes.progressLimit) else { return .missing }
        if let progress = Self.decode(bytes) { return .progress(progress) }
        struct Version: Decodable { var version: Int }
        if let version = try? JSONDecoder().decode(Version.self, from: Data(bytes)).version, version > 1 { return .newer(version) }
        return .unreadable
    }

    /// The recorded progress. A file that can't be read is set aside (never deleted) and
    /// progress starts over, with a warning saying where the old file went; a file written by a newer
    /// `learn` is left as it is.
    public func load() -> (progress: Progress, warning: Diagnostic?) {
        let loaded = load(stored())
        return (loaded.progress, loaded.warning)
    }

    /// The recorded progress, with any warning about the file reported through `warn`: for every
    /// command that reads progress, so that none sets a file aside without a word.
    public func loadReporting() -> Progress {
        let (progress, warning) = load()
        if let warning { Self.warn?(warning) }
        return progress
    }

    /// The progress, a warning, and whether the file must be left alone (it can't be read and could not
    /// be set aside, or a newer `learn` wrote it): then nothing may be written over it.
    private func load(_ stored: Stored) -> (progress: Progress, warning: Diagnostic?, keep: Bool) {
        switch stored {
        case .missing: return (Progress(), nil, false)
        case .progress(let progress): return (progress, nil, false)
        case .newer(let version):
            return (Progress(), Diagnostic(.warning, file: path,
                "the progress file was written by a newer learn (format \(version)); it is not read and is left as it is",
                hint: "Update learn to see and keep your progress."), true)
        case .unreadable:
            guard let aside = setAside() else {
                return (Progress(), Diagnostic(.warning, file: path,
                    "the progress file could not be read, nor set aside; it is left as it is and no progress is recorded",
                    hint: "Move it away yourself (it may hold your progress), or remove old \((path as NSString).lastPathComponent).unreadable.N copies beside it."), true)
            }
            return (Progress(), Diagnostic(.warning, file: path, "the progress file could not be read; progress starts over",
                                           hint: "The old file was kept as \(aside)."), false)
        }
    }

    /// The most set-aside copies kept beside the file; past them an unreadable file stays where it is.
    static let maximumSetAside = 1_000

    /// Moves the unreadable file to the first free name of `progress.json.unreadable`,
    /// `….unreadable.2` … `….unreadable.1000` and returns it; nil when it could not be moved (every name
    /// taken, or the folder can't be written). An earlier set-aside file, maybe the student's real
    /// progress, is never replaced: the move is a hard link, which fails on a name that exists.
    private func setAside() -> String? {
        for number in 1...Self.maximumSetAside {
            let aside = path + (number == 1 ? ".unreadable" : ".unreadable.\(number)")
            if link(path, aside) == 0 {
                unlink(path)
                return aside
            }
            switch errno {
            case EEXIST: continue
            case EPERM, EOPNOTSUPP, EMLINK:
                // A file system without hard links: a rename to a name that is free.
                guard !FileManager.default.fileExists(atPath: aside) else { continue }
                return rename(path, aside) == 0 ? aside : nil
            default: return nil
            }
        }
        return nil
    }

    /// Where warnings of loads made while updating go (the command prints them); progress is a
    /// convenience, but a student must hear of a progress file set aside.
    nonisolated(unsafe) public static var warn: ((Diagnostic) -> Void)?

    /// Applies `change` to the stored progress and writes it back, holding the lock throughout. A file
    /// written by a newer `learn` is left as it is: the update throws instead.
    @discardableResult
    public func update(_ change: (inout Progress) -> Void) throws -> Progress {
        try AtomicFile.withLock(path) {
            let stored = stored()
            if case .newer(let version) = stored {
                throw Diagnostic(file: path, "the progress file was written by a newer learn (format \(version)); it is left as it is",
                                 hint: "Update learn to keep recording progress here.")
            }
            let (loaded, warning, keep) = load(stored)
            if keep, var refusal = warning {
                refusal.severity = .error
                throw refusal
            }
            if let warning { Self.warn?(warning) }
            var progress = loaded
            change(&progress)
            try write(progress)
            return progress
        }
    }

    /// Progress from a file's bytes; nil when they are not progress this version reads.
    public static func decode(_ bytes: [UInt8]) -> Progress? {
        guard let progress = try? JSONDecoder().decode(Progress.self, from: Data(bytes)), progress.version == 1 else { return nil }
        return progress
    }

    /// Writes `progress` (the caller holds the lock).
    private func write(_ progress: Progress) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(Array(try encoder.encode(progress)) + [0x0A], to: path)
    }
}
