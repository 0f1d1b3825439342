import Engine
import Exercises
import Foundation
import Lessons

/// `learn` running itself: the child process that checks a student's code.
enum SelfExecutable {
    /// This executable's path.
    static var path: String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return Bundle.main.executablePath ?? CommandLine.arguments[0]
    }

    /// What results depend on besides the lesson: the engine's version and this very build (its
    /// size and modification time), so that a rebuilt `learn` never trusts results of an older one.
    static var buildIdentity: String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes?[.size] as? Int) ?? 0
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "engine \(Engine.version), build \(size)-\(modified)"
    }

    /// A runner that checks code exercises in a child `learn __check-code`.
    static func codeRunner() -> IsolatedRunner {
        IsolatedRunner(executable: path, arguments: ["__check-code"], notWrittenStatus: notWrittenStatus)
    }

    /// Warns when a file in Sources/Exercises is newer than this executable: the check would run
    /// the old code.
    static func warnIfStale() {
        let folder = "Sources/Exercises"
        guard let built = modified(path),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let newer = names.filter { $0.hasSuffix(".swift") && (modified(folder + "/" + $0) ?? .distantPast) > built }
        guard !newer.isEmpty else { return }
        Output.error(Diagnostic(.warning, file: folder + "/" + newer.sorted()[0],
            "changed since learn was built, so the check runs your previous version",
            hint: "Rebuild first: swift build -c release (or run `swift run -c release learn check …`).").description)
    }

    private static func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
}
