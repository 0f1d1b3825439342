import Experiments
import Foundation
import Lessons

/// A copy of the exercise package (`Sources/Exercises`) in a temporary folder, with each broken
/// solution of `Tests/CheckFixtures` added as a target of its own (`MomentumStep` + its name).
/// Every product is built in that one folder, so the harness is compiled once for all of them,
/// and nothing is written into the checkout.
final class FixturePackage {
    /// The repository's top folder (three levels above this file).
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The temporary folder (the workspace); the package is its `Sources/Exercises`.
    let workspace: URL
    let package: ExercisePackage
    /// The fixtures' names: the files of `Tests/CheckFixtures` without `.swift`.
    let fixtures: [String]
    private var built: [String: ExercisePackage.Built] = [:]

    init() throws {
        let files = FileManager.default
        workspace = files.temporaryDirectory.appendingPathComponent("learn-exercises-\(UUID().uuidString)")
        let folder = workspace.appendingPathComponent("Sources/Exercises")
        try files.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Self.copyPackage(to: folder)
        let fixtureFolder = Self.repository.appendingPathComponent("Tests/CheckFixtures")
        fixtures = try files.contentsOfDirectory(atPath: fixtureFolder.path)
            .filter { $0.hasSuffix(".swift") }.map { String($0.dropLast(6)) }.sorted()
        for fixture in fixtures {
            let target = folder.appendingPathComponent("Fixtures/\(fixture)")
            try files.createDirectory(at: target.appendingPathComponent("Checks"), withIntermediateDirectories: true)
            try files.copyItem(at: fixtureFolder.appendingPathComponent("\(fixture).swift"),
                               to: target.appendingPathComponent("MomentumStep.swift"))
            try files.copyItem(at: folder.appendingPathComponent("Checks/MomentumStepCheck.swift"),
                               to: target.appendingPathComponent("Checks/MomentumStepCheck.swift"))
        }
        let manifest = folder.appendingPathComponent("Package.swift")
        let targets = fixtures.map { "\"\($0)\"" }.joined(separator: ", ")
        try (String(contentsOf: manifest, encoding: .utf8) + """

            // Tests/ExercisesTests: the broken solutions of Tests/CheckFixtures, a target each.
            package.targets += [\(targets)].map { name in
                .executableTarget(name: "MomentumStep" + name, dependencies: ["ExerciseHarness"], path: "Fixtures/" + name)
            }

            """).write(to: manifest, atomically: true, encoding: .utf8)
        package = ExercisePackage(folder: folder.path, workspace: workspace.path)
    }

    /// Copies the checkout's exercise package into `folder`, without any build of it, and with each
    /// exercise's stub in place of the student's file: the tests never compile a student's code.
    static func copyPackage(to folder: URL) throws {
        let source = repository.appendingPathComponent("Sources/Exercises")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where !name.hasPrefix(".") {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        for exercise in experimentCatalog.codeExercises {
            try exercise.stub.write(to: folder.appendingPathComponent(exercise.product + ".swift"), atomically: true, encoding: .utf8)
        }
    }

    /// Builds fixture `name`'s product once.
    func build(fixture name: String) -> ExercisePackage.Built {
        if let done = built[name] { return done }
        let result = package.build("MomentumStep" + name)
        built[name] = result
        return result
    }

    /// The momentum-step check of fixture `name`, run as `learn check` runs a student's.
    func check(fixture name: String, runner: IsolatedRunner, seed: UInt64 = 1) -> CodeCheckOutcome {
        switch build(fixture: name) {
        case .failed(let outcome): return outcome
        case .executable(let path):
            return runner.check(MomentumStepExercise.self, executable: path, seed: seed) { [package] in package.display($0) }
        }
    }

    /// Removes the folder, and the lock files SwiftPM left for it in the temporary folder.
    func remove() {
        Self.remove(workspace)
    }

    /// Removes `folder`, and the lock files SwiftPM names after a package's path in the temporary
    /// folder (`_tmp_learn-exercises-…_Sources_Exercises_.build.lock`).
    static func remove(_ folder: URL) {
        try? FileManager.default.removeItem(at: folder)
        let temporary = FileManager.default.temporaryDirectory
        let locks = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        for name in locks where name.contains(folder.lastPathComponent) && name.hasSuffix(".lock") {
            try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name))
        }
    }
}
