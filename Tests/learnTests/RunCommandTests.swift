import Foundation
import XCTest

/// `learn run` end to end, on the real binary and the real lesson 3.
final class RunCommandTests: XCTestCase {
    func testLessonThreeMatchesGoldenAtWidths60And80() throws {
        for width in [60, 80] {
            let result = try LearnProcess.run(["run", "lesson-03", "--width", "\(width)", "--color", "never"])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertEqual(result.stderr, "")
            try assertGolden(result.stdout, "lesson-03-w\(width).txt")
        }
    }

    func testLessonThreeInChineseMatchesGoldenAtWidths60And80() throws {
        for width in [60, 80] {
            let result = try LearnProcess.run(["run", "lesson-03", "--lang", "zh", "--width", "\(width)", "--color", "never"])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertEqual(result.stderr, "")
            try assertGolden(result.stdout, "lesson-03-zh-w\(width).txt")
        }
    }

    func testLessonOneMatchesItsGoldenAt80() throws {
        let result = try LearnProcess.run(["run", "lesson-01", "--width", "80", "--color", "never"])
        XCTAssertEqual(result.status, 0, result.stderr)
        try assertGolden(result.stdout, "lesson-01-w80.txt")
    }

    func testSameSeedPrintsSameBytesTwice() throws {
        let first = try LearnProcess.run(["run", "lesson-03", "--width", "60", "--color", "never"])
        let second = try LearnProcess.run(["run", "lesson-03", "--width", "60", "--color", "never"])
        XCTAssertEqual(first.stdout, second.stdout)
        XCTAssertFalse(first.stdout.isEmpty)
    }

    func testLessonShowsTheMomentumTableWithTheKnownOutcomes() throws {
        let result = try LearnProcess.run(["run", "3", "--color", "never"])
        XCTAssertEqual(result.status, 0)
        let rows = result.stdout.split(separator: "\n")
        func row(_ label: String) -> String? { rows.first { $0.contains("│ \(label) ") }.map(String.init) }
        XCTAssertTrue(row("sgd_lr0.4")?.contains("converged") ?? false, result.stdout)
        XCTAssertTrue(row("sgd_lr0.6")?.contains("diverged") ?? false, result.stdout)
        XCTAssertTrue(row("momentum0.5_lr0.6")?.contains("converged") ?? false, result.stdout)
    }

    func testEveryWayOfNamingTheLessonRunsIt() throws {
        let reference = try LearnProcess.run(["run", "lesson-03", "--color", "never"]).stdout
        for name in ["03", "3", "sgd-vs-momentum", "lessons/lesson-03-sgd-vs-momentum.md"] {
            let result = try LearnProcess.run(["run", name, "--color", "never"])
            XCTAssertEqual(result.status, 0, "learn run \(name): \(result.stderr)")
            XCTAssertEqual(result.stdout, reference, "learn run \(name)")
        }
    }

    func testLessonsFolderComesFromOptionThenEnvironment() throws {
        let elsewhere = FileManager.default.temporaryDirectory
        let viaOption = try LearnProcess.run(["run", "3", "--lessons", LearnProcess.lessons], in: elsewhere)
        XCTAssertEqual(viaOption.status, 0, viaOption.stderr)
        let viaEnvironment = try LearnProcess.run(["run", "3"], in: elsewhere, environment: ["LEARN_LESSONS": LearnProcess.lessons])
        XCTAssertEqual(viaEnvironment.status, 0, viaEnvironment.stderr)
        XCTAssertEqual(viaOption.stdout, viaEnvironment.stdout)
        let nowhere = try LearnProcess.run(["run", "3"], in: elsewhere)
        XCTAssertEqual(nowhere.status, 1)
        XCTAssertTrue(nowhere.stderr.contains("the lessons folder 'lessons' does not exist"), nowhere.stderr)
    }

    func testColorOnlyWhenAskedAndNotUnderNoColor() throws {
        let never = try LearnProcess.run(["run", "3", "--color", "never"])
        XCTAssertFalse(never.stdout.contains("\u{1B}["))
        // Piped output is not a terminal, so auto means no color.
        let auto = try LearnProcess.run(["run", "3"])
        XCTAssertFalse(auto.stdout.contains("\u{1B}["))
        let always = try LearnProcess.run(["run", "3", "--color", "always"])
        XCTAssertTrue(always.stdout.contains("\u{1B}["))
        XCTAssertEqual(stripEscapes(always.stdout), never.stdout)
    }

    func testASCIIOutputIsPrintableASCII() throws {
        let result = try LearnProcess.run(["run", "3", "--ascii", "--color", "never", "--width", "60"])
        XCTAssertEqual(result.status, 0)
        let bad = result.stdout.unicodeScalars.first { !($0 == "\n" || (0x20...0x7E).contains($0.value)) }
        XCTAssertNil(bad, "non-ASCII character \(bad.map { String($0) } ?? "") in --ascii output")
        XCTAssertTrue(result.stdout.contains("eta"))
    }

    func testSeedOptionIsAcceptedAndDeterministic() throws {
        let a = try LearnProcess.run(["run", "3", "--seed", "7", "--color", "never"])
        let b = try LearnProcess.run(["run", "3", "--seed", "7", "--color", "never"])
        XCTAssertEqual(a.status, 0)
        XCTAssertEqual(a.stdout, b.stdout)
    }

    private func stripEscapes(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }
}

/// Every lesson in lessons/ runs from the command line and every claim in it holds.
final class EveryLessonTests: XCTestCase {
    func testEveryLessonRunsAndEveryClaimHolds() throws {
        // The capstone trains on all of Fashion-MNIST for minutes: CI computes it once, in ResultFormatTests
        // (which checks its claims too), not a second time here.
        let names = try FileManager.default.contentsOfDirectory(atPath: LearnProcess.lessons)
            .filter { $0.hasPrefix("lesson-") && $0.hasSuffix(".md") && !$0.contains("capstone") }.sorted()
        XCTAssertFalse(names.isEmpty)
        for name in names {
            let result = try LearnProcess.run(["run", "lessons/\(name)", "--color", "never"])
            XCTAssertEqual(result.status, 0, "\(name): \(result.stderr)")
            XCTAssertFalse(result.stderr.contains("claim not held"), "\(name): \(result.stderr)")
            XCTAssertFalse(result.stdout.contains("✗"), "\(name) shows a failed claim or experiment")
        }
    }

    func testAFailedClaimIsShownAndWarnedButTheLessonStillRuns() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("learn-claims-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let lesson = """
            ---
            title: Claims
            ---

            ```experiment momentum-ravine
            expect: ["sgd_lr0.6.diverged", "sgd_lr0.4.final_loss < 1e-9"]
            ```
            """
        try lesson.write(to: folder.appendingPathComponent("lesson-01-claims.md"), atomically: true, encoding: .utf8)
        let result = try LearnProcess.run(["run", "1", "--color", "never", "--width", "100"], in: folder,
                                          environment: ["LEARN_LESSONS": folder.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("✓ claim holds: sgd_lr0.6.diverged"), result.stdout)
        XCTAssertTrue(result.stdout.contains("✗ claim does not hold: sgd_lr0.4.final_loss < 1e-9 (sgd_lr0.4.final_loss = 9.96e-7)"), result.stdout)
        XCTAssertTrue(result.stderr.contains("lesson-01-claims.md:5:1: warning: claim not held: sgd_lr0.4.final_loss < 1e-9"), result.stderr)
        XCTAssertFalse(result.stderr.contains("sgd_lr0.6.diverged"))
    }
}
