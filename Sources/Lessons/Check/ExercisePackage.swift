import Foundation

/// The SwiftPM package that holds the code exercises (`Sources/Exercises` of a checkout): one
/// executable target per exercise, which `learn check` builds on its own and runs in a child
/// process, so that one exercise's compile error never blocks the check of another.
public struct ExercisePackage: Sendable {
    /// The package's folder (it holds `Package.swift`), absolute.
    public let folder: String
    /// The folder `learn` runs in: paths inside it are shown relative to it.
    public let workspace: String

    /// A package in `folder`.
    public init(folder: String, workspace: String) {
        self.folder = Self.absolute(folder, in: workspace)
        self.workspace = workspace
    }

    /// Where the exercise package is: the folder `LEARN_EXERCISES` names, when it is set; else
    /// `Sources/Exercises` in the workspace; else `Sources/Exercises` beside the lessons folder (the
    /// checkout the lessons come from). Nil when the folder has no `Package.swift`.
    public static func locate(workspace: String, lessonsFolder: String?, environment: [String: String]) -> ExercisePackage? {
        var candidates = ["Sources/Exercises"]
        if let folder = environment["LEARN_EXERCISES"], !folder.isEmpty {
            candidates = [folder]
        } else if let lessonsFolder {
            candidates.append((((absolute(lessonsFolder, in: workspace) as NSString).deletingLastPathComponent as NSString)
                .appendingPathComponent("Sources/Exercises")))
        }
        let found = candidates.first { FileManager.default.fileExists(atPath: (absolute($0, in: workspace) as NSString).appendingPathComponent("Package.swift")) }
        return found.map { ExercisePackage(folder: $0, workspace: workspace) }
    }

    /// The file the student edits for `exercise`.
    public func source(of exercise: any CodeExercise.Type) -> String {
        (folder as NSString).appendingPathComponent(exercise.product + ".swift")
    }

    /// `path` relative to the workspace when it is inside it, else as it is.
    public func display(_ path: String) -> String {
        let prefix = workspace.hasSuffix("/") ? workspace : workspace + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// What a build gave: the product's executable, or the outcome of a check that can't run.
    public enum Built: Sendable {
        case executable(String)
        case failed(CodeCheckOutcome)
    }

    /// Builds `product` (a debug build: quick, with every runtime check and the line numbers a
    /// trap is reported with) and returns its executable, or the outcome that says why there is
    /// none: the compiler's errors, `FILE:LINE:COLUMN: message` each. `progress` gets each line
    /// the build prints, as it comes.
    ///
    /// Stale builds are detected per exercise, from the student's `source`: when it is newer than
    /// the exercise's program, that one target is compiled from scratch (its objects and
    /// incremental state removed; two small files), because SwiftPM's incremental build can miss a
    /// file an editor replaced within a second of the last build, or keep the glue's object that
    /// calls a function the student renamed. The other exercises and the harness keep their builds.
    /// A build that still leaves the program older than `source` (saved again meanwhile) is done
    /// once more.
    public func build(_ product: String, source: String? = nil, progress: (String) -> Void = { _ in }) -> Built {
        // `swift build` writes into the package's .build folder: in a read-only copy of a course it
        // can't, and its own message would not say so plainly.
        if let reason = Workspace.unwritableFolder((folder as NSString).appendingPathComponent(".build/debug")) {
            return .failed(.notChecked(reason: "it can't be built here: \(display(reason)), and `swift build` writes the program there; work in a copy of the course you may write to"))
        }
        let executable = self.executable(product)
        if let source, isStale(executable, source: source) { removeObjects(of: product) }
        let built = swiftBuild(product, progress: progress)
        guard case .executable = built, let source, isStale(executable, source: source) else { return built }
        removeObjects(of: product)
        return swiftBuild(product, progress: progress)
    }

    /// The program SwiftPM builds for `product`.
    func executable(_ product: String) -> String {
        ((folder as NSString).appendingPathComponent(".build/debug") as NSString).appendingPathComponent(product)
    }

    /// Whether `executable` is older than the student's `source`, or missing.
    func isStale(_ executable: String, source: String) -> Bool {
        func modified(_ path: String) -> Date? {
            (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        }
        guard let built = modified(executable) else { return true }
        return (modified(source) ?? .distantPast) >= built
    }

    /// Removes the program of `product` and its target's objects and incremental state (not the
    /// files SwiftPM writes when it plans the build, which it would not write again).
    private func removeObjects(of product: String) {
        let target = (folder as NSString).appendingPathComponent(".build/debug/\(product).build")
        let stale = ((try? FileManager.default.contentsOfDirectory(atPath: target)) ?? [])
            .filter { ["o", "swiftdeps", "priors", "d", "dia"].contains(($0 as NSString).pathExtension) }
        for name in stale { try? FileManager.default.removeItem(atPath: (target as NSString).appendingPathComponent(name)) }
        try? FileManager.default.removeItem(atPath: executable(product))
    }

    private func swiftBuild(_ product: String, progress: (String) -> Void) -> Built {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swift", "build", "--package-path", folder, "--product", product]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            return .failed(.notChecked(reason: "could not run `swift build`: \(error.localizedDescription)"))
        }
        var lines: [String] = []
        var pending = Data()
        let handle = output.fileHandleForReading
        while case let chunk = handle.availableData, !chunk.isEmpty {
            pending.append(chunk)
            while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[pending.startIndex..<end], as: UTF8.self)
                pending.removeSubrange(pending.startIndex...end)
                lines.append(line)
                progress(line)
            }
        }
        process.waitUntilExit()
        if process.terminationReason == .exit && process.terminationStatus == 0 {
            return .executable(executable(product))
        }
        let errors = compilerErrors(lines)
        if errors.contains(where: { $0.contains("/Checks/") || $0.hasPrefix("Checks/") }) {
            // The glue calls the student's function as the stub declares it.
            return .failed(.doesNotCompile(errors: errors + [
                "note: the check calls your function as the stub declares it: keep its name, parameters and result type"]))
        }
        if !errors.isEmpty { return .failed(.doesNotCompile(errors: errors)) }
        if process.terminationReason == .exit && process.terminationStatus == 127 {
            // /usr/bin/env found no `swift` on the PATH.
            return .failed(.notChecked(reason: "`swift` is not on the PATH: install Swift 6 to build and check code exercises"))
        }
        let tail = lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.suffix(5)
        return .failed(.notChecked(reason: "`swift build --product \(product)` in \(display(folder)) failed:\n"
            + tail.map { "  " + $0 }.joined(separator: "\n")))
    }

    /// The compiler's `FILE:LINE:COLUMN: error: MESSAGE` lines, each once, paths shown relative to
    /// the workspace: `Sources/Exercises/MomentumStep.swift:16:9: cannot find 'v' in scope`.
    func compilerErrors(_ lines: [String]) -> [String] {
        var seen = Set<String>()
        return lines.compactMap { line -> String? in
            guard let marker = line.range(of: ": error: ") else { return nil }
            let place = line[..<marker.lowerBound]
            let parts = place.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 3, Int(parts[parts.count - 1]) != nil, Int(parts[parts.count - 2]) != nil else { return nil }
            let file = parts.dropLast(2).joined(separator: ":")
            let error = display(file) + ":" + parts.suffix(2).joined(separator: ":") + ": " + line[marker.upperBound...]
            return seen.insert(error).inserted ? error : nil
        }
    }

    private static func absolute(_ path: String, in folder: String) -> String {
        let joined = path.hasPrefix("/") ? path : (folder as NSString).appendingPathComponent(path)
        return (joined as NSString).standardizingPath
    }
}
