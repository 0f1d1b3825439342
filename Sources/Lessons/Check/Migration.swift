import Foundation

/// Moving the state kept before courses existed into the project course's place.
///
/// Before courses, answers were `answers/lesson-NN.yaml`, progress `.learn/progress.json` and
/// the cache `.learn/cache/`, keyed by lesson id alone. They were the project course's (the one
/// whose `course.yaml` says `adopt_unscoped_state: true`), so they move to
/// `answers/<id>/`, `.learn/courses/<id>/progress.json` and `.learn/courses/<id>/cache/` the
/// first time that course is used, and stay where they are for any other course.
///
/// Every step is a rename within the folder or an atomic write, under a lock, and repeating a
/// step changes nothing; so a second `learn` waits, and a `kill -9` midway leaves every file
/// whole in its old or its new place, for the next run to finish. No file is deleted except a
/// copy known to be identical and the cache: an answers file that exists in both places keeps
/// the old one beside the new as `lesson-NN.before-courses.yaml`; progress in both places is
/// merged and the old file kept as `progress-before-courses.json`.
extension Workspace {
    /// Moves the unscoped state into this course's place, when the course adopts it and there
    /// is any. Returns what it did, one line each, for the student to read.
    public func adoptUnscopedState() throws -> [String] {
        guard course.adoptsUnscopedState, !unscopedAnswers().isEmpty || exists(unscopedProgress) || exists(unscopedCache) else {
            return []
        }
        return try AtomicFile.withLock((folder as NSString).appendingPathComponent(".learn/migration")) {
            var notes: [String] = []
            let moved = try moveAnswers(&notes)
            if moved > 0 {
                notes.insert("Moved \(moved) answers file\(moved == 1 ? "" : "s") from answers/ to \(relative(answersFolder))/: "
                    + "answers are now kept per course (course '\(course.id)').", at: 0)
            }
            try moveProgress(&notes)
            try moveCache()
            return notes
        }
    }

    private var learnFolder: String { (folder as NSString).appendingPathComponent(".learn") }
    private var unscopedProgress: String { (learnFolder as NSString).appendingPathComponent("progress.json") }
    private var unscopedCache: String { (learnFolder as NSString).appendingPathComponent("cache") }

    /// The names of the old layout's answers files: `answers/lesson-NN….yaml`, files only.
    private func unscopedAnswers() -> [String] {
        let root = (folder as NSString).appendingPathComponent("answers")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { name in
            guard name.hasSuffix(".yaml"), LessonID(String(name.dropLast(5))) != nil else { return false }
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: (root as NSString).appendingPathComponent(name), isDirectory: &isDirectory)
                && !isDirectory.boolValue
        }.sorted()
    }

    private func moveAnswers(_ notes: inout [String]) throws -> Int {
        let root = (folder as NSString).appendingPathComponent("answers")
        var moved = 0
        for name in unscopedAnswers() {
            let source = (root as NSString).appendingPathComponent(name)
            let destination = (answersFolder as NSString).appendingPathComponent(name)
            try FileManager.default.createDirectory(atPath: answersFolder, withIntermediateDirectories: true)
            if !exists(destination) {
                try rename(source, destination)
                moved += 1
            } else if FileBytes.read(atPath: source) == FileBytes.read(atPath: destination) {
                unlink(source)
            } else {
                // Both hold answers: keep both, the course's in its place.
                let stem = String(name.dropLast(5))
                var aside = (answersFolder as NSString).appendingPathComponent("\(stem).before-courses.yaml")
                var number = 2
                while exists(aside) {
                    aside = (answersFolder as NSString).appendingPathComponent("\(stem).before-courses-\(number).yaml")
                    number += 1
                }
                try rename(source, aside)
                notes.append("\(relative(destination)) existed already; your older answers file is kept beside it as \(relative(aside)).")
            }
            unlink((learnFolder as NSString).appendingPathComponent(name + ".lock"))
        }
        return moved
    }

    private func moveProgress(_ notes: inout [String]) throws {
        guard exists(unscopedProgress) else { return }
        let destination = progress.path
        try FileManager.default.createDirectory(atPath: stateFolder, withIntermediateDirectories: true)
        if !exists(destination) {
            try rename(unscopedProgress, destination)
            notes.append("Moved .learn/progress.json to \(relative(destination)).")
        } else {
            let backup = (stateFolder as NSString).appendingPathComponent("progress-before-courses.json")
            if let old = FileBytes.read(atPath: unscopedProgress).flatMap(ProgressStore.decode) {
                // Merged first, then moved aside: killed in between, the next run merges again,
                // which changes nothing.
                try progress.update { $0 = $0.merged(with: old) }
                notes.append("Merged .learn/progress.json into \(relative(destination)); the old file is kept as \(relative(backup)).")
            } else {
                notes.append(".learn/progress.json could not be read; it is kept as \(relative(backup)).")
            }
            try? FileManager.default.removeItem(atPath: backup)
            try rename(unscopedProgress, backup)
        }
        unlink(unscopedProgress + ".lock")
    }

    /// The cache can always be computed again: moved when the course has none, dropped otherwise.
    private func moveCache() throws {
        guard exists(unscopedCache) else { return }
        if !exists(cacheFolder) {
            try FileManager.default.createDirectory(atPath: stateFolder, withIntermediateDirectories: true)
            try rename(unscopedCache, cacheFolder)
        } else {
            try? FileManager.default.removeItem(atPath: unscopedCache)
        }
    }

    private func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    private func rename(_ source: String, _ destination: String) throws {
        guard Foundation.rename(source, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            throw Diagnostic(file: source, "cannot move this file to \(relative(destination)): \(reason)",
                hint: "Nothing was lost: it is still in its old place. Check that you may write to the folder, then run learn again.")
        }
    }
}
