import Foundation
import Lessons

/// A copy of the exercise package (`Sources/Exercises`, with the shipped stubs) in a temporary workspace, shared by every
/// test of this run so that its one build serves them all, and removed when the tests end. The
/// checkout's own package is never built by the tests.
enum SharedExercises {
    /// The workspace: `learn` runs here to see the package as `Sources/Exercises`.
    static let workspace: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("learn-exercises-\(UUID().uuidString)")
        let source = LearnProcess.repository.appendingPathComponent("Sources/Exercises")
        let package = folder.appendingPathComponent("Sources/Exercises")
        do {
            try FileManager.default.createDirectory(at: package, withIntermediateDirectories: true)
            for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where !name.hasPrefix(".") {
                try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: package.appendingPathComponent(name))
            }
            // The stubs, not whatever a student wrote in the checkout: the tests never compile a student's code.
            for exercise in experimentCatalogForTests.codeExercises {
                try exercise.stub.write(to: package.appendingPathComponent(exercise.product + ".swift"), atomically: true, encoding: .utf8)
            }
        } catch {
            fatalError("could not copy the exercise package into \(folder.path): \(error)")
        }
        removeAtExit = folder.path
        atexit {
            guard let folder = SharedExercises.removeAtExit else { return }
            try? FileManager.default.removeItem(atPath: folder)
            // The lock files SwiftPM names after the package's path in the temporary folder.
            let temporary = FileManager.default.temporaryDirectory
            let name = (folder as NSString).lastPathComponent
            for lock in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
            where lock.contains(name) && lock.hasSuffix(".lock") {
                try? FileManager.default.removeItem(at: temporary.appendingPathComponent(lock))
            }
        }
        return folder
    }()

    nonisolated(unsafe) private static var removeAtExit: String?

    /// The package's folder.
    static var package: URL { workspace.appendingPathComponent("Sources/Exercises") }

    /// The student's file of `exercise` in the copy.
    static func file(_ exercise: any CodeExercise.Type) -> URL {
        package.appendingPathComponent(exercise.product + ".swift")
    }

    /// Puts every shipped stub back (only where it changed, so that nothing is rebuilt for nothing).
    static func restoreStubs() throws {
        for exercise in experimentCatalogForTests.codeExercises
        where (try? String(contentsOf: file(exercise), encoding: .utf8)) != exercise.stub {
            try exercise.stub.write(to: file(exercise), atomically: true, encoding: .utf8)
        }
    }
}
