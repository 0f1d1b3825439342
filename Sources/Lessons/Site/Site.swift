import Foundation

/// The web edition: a course's lessons with their executed results as a static site.
///
/// Building is a pure function of the lessons and their outcomes (`pages`): the same inputs give
/// the same bytes. Every link is relative and nothing is loaded from anywhere else (the style sheet is
/// a file of the site, the keyboard script is inline), so the site works from `file://` and offline.
///
/// ```
/// OUT/index.html            the editions
/// OUT/style.css             one style sheet: light and dark themes, print
/// OUT/en/index.html         an edition's lessons: titles, summaries, minutes, requires
/// OUT/en/lesson-03-….html   one page per lesson and edition
/// OUT/.learn-site           the marker that makes OUT a site `learn site` may replace
/// ```
public enum Site {
    /// One lesson of an edition with the outcome of its run.
    public struct Lesson: Sendable {
        public var lesson: Lessons.Lesson
        public var outcome: LessonRunner.Outcome
        /// The edition has no translation of this lesson: it is the English one, with a notice.
        public var isFallback: Bool

        public init(_ lesson: Lessons.Lesson, outcome: LessonRunner.Outcome, isFallback: Bool = false) {
            self.lesson = lesson
            self.outcome = outcome
            self.isFallback = isFallback
        }

        /// The page's file name: the lesson's, with `.html` for `.md`.
        var fileName: String {
            let name = String(lesson.file.split(separator: "/").last ?? Substring(lesson.file))
            return (name.hasSuffix(".md") ? String(name.dropLast(3)) : name) + ".html"
        }
    }

    /// The lessons of one language.
    public struct Edition: Sendable {
        /// The language's tag (`en`, `zh`): the edition's folder.
        public var language: String
        /// The words of the page's chrome and of the results.
        public var catalog: MessageCatalog
        /// The course's title in this edition, if it has one.
        public var title: String?
        public var lessons: [Lesson]

        public init(language: String, catalog: MessageCatalog, title: String?, lessons: [Lesson]) {
            self.language = language
            self.catalog = catalog
            self.title = title
            self.lessons = lessons
        }
    }

    /// The file that marks a folder as a site `learn site` built (and so may replace).
    public static let marker = ".learn-site"
    static let markerText = "A site built by `learn site`: learn site replaces this folder's contents when it builds again.\n"

    /// Every file of the site, by path relative to its folder, in path order.
    public static func pages(_ editions: [Edition]) -> [(path: String, contents: String)] {
        let editions = editions.map { edition in
            var edition = edition
            edition.catalog = SiteMessages.catalog(edition.catalog)
            return edition
        }
        var files: [String: String] = ["style.css": SiteStyle.css, marker: markerText]
        files["index.html"] = IndexPage.root(editions)
        for edition in editions {
            let others = editions.filter { $0.language != edition.language }
            files["\(edition.language)/index.html"] = IndexPage.edition(edition, others: others)
            for (index, entry) in edition.lessons.enumerated() {
                let page = LessonPage(edition: edition, index: index, others: others)
                files["\(edition.language)/\(entry.fileName)"] = page.html()
            }
        }
        return files.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Writes `files` into `folder`, replacing a site built there before. A folder that holds
    /// anything but is not such a site is refused, untouched.
    public static func write(_ files: [(path: String, contents: String)], to folder: String) throws {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw Diagnostic(file: folder, "this is a file, not a folder for the site",
                                 hint: "Name a new or empty folder, or a site learn built before.")
            }
            let contents = (try? manager.contentsOfDirectory(atPath: folder)) ?? []
            if !contents.isEmpty {
                let markerPath = (folder as NSString).appendingPathComponent(marker)
                guard let text = FileBytes.read(atPath: markerPath, limit: 4096), String(decoding: text, as: UTF8.self) == markerText else {
                    throw Diagnostic(file: folder, "this folder is not empty and is not a site learn built, so learn site leaves it alone",
                                     hint: "Name a new or empty folder (learn site writes \(marker) into the sites it builds, and replaces only those).")
                }
                for name in contents.sorted() {
                    try manager.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
                }
            }
        }
        try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for file in files {
            let path = (folder as NSString).appendingPathComponent(file.path)
            try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: URL(fileURLWithPath: path))
        }
    }
}
