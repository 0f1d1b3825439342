import ArgumentParser
import Experiments
import Foundation
import Lessons

/// Which editions `learn site` builds.
enum SiteLanguage: String, ExpressibleByArgument, CaseIterable {
    case en, zh, all
}

extension Learn {
    /// `learn site OUT`: the course with its executed results as a static website.
    struct Site: ParsableCommand, UsageChecking {
        static let configuration = CommandConfiguration(
            abstract: "Build the course as a static website, with every lesson's results.",
            discussion: """
                Writes OUT/index.html, OUT/style.css and one page per lesson and edition (OUT/en/…, OUT/zh/…). \
                Results come from the course's cache, as learn run and learn test leave them (a site built after \
                learn test computes nothing again). The pages load nothing from anywhere else: open \
                OUT/index.html from disk. OUT must be new, empty, or a site learn site built before, which it replaces.
                """)

        @Argument(help: ArgumentHelp("The folder to write the site into.", valueName: "out"))
        var output: String

        @Option(name: .customLong("lang"), help: "The editions to build: en, zh (the lessons in LESSONS/zh, English where a lesson has no translation) or all.")
        var language: SiteLanguage = .all

        @Flag(help: "Then serve OUT on http://127.0.0.1 (this machine only) until stopped with Ctrl-C.")
        var serve = false

        @Option(help: "The port --serve listens on (0: any free one).")
        var port: Int = 8000

        @OptionGroup var library: LibraryOptions
        @OptionGroup var data: DataOptions

        func run() throws {
            let english = try library.library()
            let languages = Language.all.filter { language in
                switch self.language {
                case .all: language == .english || Editions.folders(in: english.folder).contains { $0.language == language }
                case .en: language == .english
                case .zh: language == .chinese
                }
            }
            if self.language == .zh, !Editions.folders(in: english.folder).contains(where: { $0.language == .chinese }) {
                throw UsageError("--lang zh: \(english.folder) has no zh folder, so the course has no Chinese edition",
                                 hint: "Build the English edition with --lang en.")
            }
            var editions: [Lessons.Site.Edition] = []
            var computed = 0, cached = 0
            var failures: [Diagnostic] = [], warnings: [Diagnostic] = []
            for language in languages {
                var lessons: [Lessons.Site.Lesson] = []
                for entry in english.entries {
                    let edition = Editions.lesson(entry.path, in: language)
                    let lesson = try LessonParser(catalog: experimentCatalog).parse(contentsOf: edition.path)
                    // Both editions run the same cells, so the second finds every result in the cache.
                    var runner = LessonRunner(style: TerminalStyle(width: 80, catalog: Self.catalog(language)))
                    runner.cache = ResultCache(folder: try library.workspace(for: edition.path, writing: false).cacheFolder,
                                               programIdentity: SelfExecutable.buildIdentity)
                    runner.showProgress = isatty(STDERR_FILENO) == 1
                    let outcome = runner.run(lesson) { _ in }
                    Output.write("\(language.tag) \(lesson.displayID): \(outcome.cells.count) result\(outcome.cells.count == 1 ? "" : "s"), \(outcome.cacheHits) from the cache\n")
                    computed += outcome.cells.count - outcome.cacheHits
                    cached += outcome.cacheHits
                    failures += outcome.failures
                    warnings += outcome.failedClaims
                    lessons.append(.init(lesson, outcome: outcome, isFallback: !edition.translated))
                }
                let folder = Editions.folders(in: english.folder).first { $0.language == language }?.folder ?? english.folder
                let title = ((try? Course.find(lessonsFolder: folder)) ?? nil)?.title
                editions.append(.init(language: language.tag, catalog: Self.catalog(language), title: title, lessons: lessons))
            }
            let files = Lessons.Site.pages(editions)
            try Lessons.Site.write(files, to: output)
            let pages = files.filter { $0.path.hasSuffix(".html") }.count
            Output.write("Wrote \(pages) pages to \(output) (\(editions.map(\.language).joined(separator: ", "))); "
                + "\(cached) of \(cached + computed) results from the cache. Open \((output as NSString).appendingPathComponent("index.html")).\n")
            // A failed experiment or claim is shown on its page and said here; a failed experiment fails the command.
            for warning in warnings { Output.error(warning.description) }
            if !failures.isEmpty { throw LessonFailure(diagnostics: failures) }
            if serve {
                try SiteServer(folder: output, port: port).run { port in
                    Output.write("Serving \(output) at http://127.0.0.1:\(port)/ (Ctrl-C stops).\n")
                }
            }
        }

        func checkUsage() throws {
            guard (0...65535).contains(port) else {
                throw UsageError("--port must be from 0 to 65535, not \(port)", hint: "Give a port from 1024 to 65535, or 0 for any free one.")
            }
        }

        /// The words of an edition's chrome and results.
        static func catalog(_ language: Language) -> MessageCatalog {
            MessageCatalog.for(language: language.tag)
        }
    }
}
