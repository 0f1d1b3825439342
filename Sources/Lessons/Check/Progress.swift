import Foundation

/// What a student has done, kept in `.learn/progress.json` beside the answers folder.
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
        /// How many hints of each exercise have been shown.
        public var hintsShown: [String: Int] = [:]
        /// Whether the lesson was run at least once.
        public var ran = false

        /// Creates empty lesson progress.
        public init() {}
    }

    /// The progress of `lesson` (empty when none is recorded).
    public subscript(lesson: String) -> LessonProgress {
        get { lessons[lesson] ?? LessonProgress() }
        set { lessons[lesson] = newValue }
    }
}

/// Reads and updates `.learn/progress.json`: atomically, under a lock, so that a kill or a second
/// `learn` never leaves it half-written or loses an update.
public struct ProgressStore: Sendable {
    /// The file's path.
    public let path: String

    /// The store in `folder/.learn/progress.json`.
    public init(folder: String) {
        path = ((folder as NSString).appendingPathComponent(".learn") as NSString).appendingPathComponent("progress.json")
    }

    /// The recorded progress. A file that can't be read is set aside (never deleted) and
    /// progress starts over, with a warning saying where the old file went.
    public func load() -> (progress: Progress, warning: Diagnostic?) {
        guard let bytes = FileBytes.read(atPath: path) else { return (Progress(), nil) }
        if let progress = try? JSONDecoder().decode(Progress.self, from: Data(bytes)), progress.version == 1 {
            return (progress, nil)
        }
        let aside = path + ".unreadable"
        try? FileManager.default.removeItem(atPath: aside)
        try? FileManager.default.moveItem(atPath: path, toPath: aside)
        return (Progress(), Diagnostic(.warning, file: path, "the progress file could not be read; progress starts over",
                                       hint: "The old file was kept as \(aside)."))
    }

    /// Applies `change` to the stored progress and writes it back, holding the lock throughout.
    @discardableResult
    public func update(_ change: (inout Progress) -> Void) throws -> Progress {
        try AtomicFile.withLock(path) {
            var progress = load().progress
            change(&progress)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try AtomicFile.write(Array(try encoder.encode(progress)) + [0x0A], to: path)
            return progress
        }
    }
}
