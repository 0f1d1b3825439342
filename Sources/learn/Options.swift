import ArgumentParser
import Experiments
import FileFormats
import Foundation
import Lessons
import TextPlot

/// Where the lessons are.
struct LibraryOptions: ParsableArguments {
    @Option(name: .customLong("lessons"), help: ArgumentHelp(
        "The folder of lessons (default: $LEARN_LESSONS, else ./lessons).", valueName: "dir"))
    var folder: String?


    /// The folder to read: --lessons, else LEARN_LESSONS, else ./lessons.
    var folderPath: String {
        let environment = ProcessInfo.processInfo.environment["LEARN_LESSONS"].flatMap { $0.isEmpty ? nil : $0 }
        return folder ?? environment ?? "lessons"
    }

    /// The lessons in the folder.
    func library() throws -> LessonLibrary {
        try LessonLibrary(folder: folderPath)
    }

    /// The working folder as the course of the lesson at `lessonPath` sees it (the course of the
    /// lessons folder when nil), with the state kept before courses moved into place. `writing`:
    /// the command is about to keep state, so a folder without a course gets a `course.yaml`;
    /// otherwise the course is only read. Notes on what was written or moved go to standard error.
    func workspace(for lessonPath: String?, writing: Bool) throws -> Workspace {
        var lessonsFolder = folderPath
        if let lessonPath {
            let parent = (lessonPath as NSString).deletingLastPathComponent
            lessonsFolder = parent.isEmpty ? "." : parent
        }
        let course: Course
        if writing {
            let found = try Course.findOrCreate(lessonsFolder: lessonsFolder)
            if let wrote = found.wrote {
                Output.error("note: wrote \(wrote): its lessons are the course '\(found.course.id)'; "
                    + "answers to them go in answers/\(found.course.id)/, progress in .learn/courses/\(found.course.id)/.")
            }
            if let warning = found.warning { Output.error(warning.description) }
            course = found.course
        } else {
            course = try Course.find(lessonsFolder: lessonsFolder) ?? Course.provisional(lessonsFolder: lessonsFolder)
        }
        let workspace = Workspace(folder: FileManager.default.currentDirectoryPath, course: course, catalog: experimentCatalog)
        do {
            for note in try workspace.adoptUnscopedState() { Output.error(note) }
        } catch let diagnostic as Diagnostic {
            // Nothing was lost (each file is whole in its old place or its new one), and the
            // next run tries again: the command goes on.
            Output.error(Diagnostic(.warning, file: diagnostic.file, at: diagnostic.position,
                "answers and progress from before courses could not all be moved: " + diagnostic.message,
                hint: diagnostic.hint).description)
        } catch {
            Output.error(Diagnostic(.warning, "answers and progress from before courses could not all be moved: \(error)",
                hint: "Nothing was lost; learn tries again next time.").description)
        }
        return workspace
    }

    /// The path of the lesson the user named, in the edition of `display`'s language when it has
    /// one (with a note when it falls back to English); a path to a `.md` file is taken as it is and
    /// needs no lessons folder.
    func resolve(_ lesson: String, _ display: DisplayOptions) throws -> String {
        LessonLibrary.isPath(lesson) ? lesson : edition(of: try library().resolve(lesson), display)
    }

    /// The lesson files the user named, or every lesson, in `display`'s language.
    func paths(_ names: [String], _ display: DisplayOptions) throws -> [String] {
        names.isEmpty ? try library().entries.map { edition(of: $0.path, display) } : try names.map { try resolve($0, display) }
    }

    /// The English lesson at `path` in the edition of `display`'s language, or itself with a note
    /// on standard error when it has no translation.
    func edition(of path: String, _ display: DisplayOptions) -> String {
        let edition = Editions.lesson(path, in: display.language)
        if !edition.translated {
            let id = LessonID((path as NSString).lastPathComponent)?.description ?? path
            Output.error(display.style.catalog.text("note: \(Phrase(verbatim: id)) has no translation into this language yet; showing the English lesson."))
        }
        return edition.path
    }
}

/// Where experiments read their data files, for the commands that run experiments.
struct DataOptions: ParsableArguments, UsageChecking {
    @Option(name: .customLong("data"), help: ArgumentHelp(
        "The folder of the Fashion-MNIST files (default: $LEARN_DATA, else where the dataset-fashion-mnist package puts them).",
        valueName: "dir"))
    var dataFolder: String?

    /// Checks `--data` and makes it the folder experiments read Fashion-MNIST from, before any runs.
    func checkUsage() throws {
        guard let dataFolder else { return }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dataFolder, isDirectory: &isFolder), isFolder.boolValue else {
            throw UsageError("--data: \(dataFolder) is not a folder",
                             hint: "Give the folder that holds the four Fashion-MNIST files (train-images-idx3-ubyte.gz …).")
        }
        FashionMNIST.folderOverride = dataFolder
    }
}

/// When to add color.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

/// How output looks: width, color and character set.
struct DisplayOptions: ParsableArguments, UsageChecking {
    @Option(help: ArgumentHelp(
        "Columns to fill (default: the terminal's width, $COLUMNS, or 80 when output is not a terminal).",
        valueName: "columns"))
    var width: Int?

    @Option(help: "Color: auto (only on a terminal, and not with $NO_COLOR), always, or never.")
    var color: ColorChoice = .auto

    @Flag(help: """
        Draw with ASCII, for terminals without Unicode: frames, charts, arrows, Greek and math are spelled in \
        ASCII (v <- beta v + g); Chinese text is kept, as it has no ASCII form.
        """)
    var ascii = false

    @Option(name: .customLong("lang"), help: ArgumentHelp(
        "The language: en or zh (default: $LEARN_LANG, else the locale: $LANGUAGE, $LC_ALL, $LC_MESSAGES, $LANG).",
        valueName: "en|zh"))
    var lang: String?

    func checkUsage() throws {
        if let width, !(20...1000).contains(width) {
            throw UsageError("--width must be from 20 to 1000 columns, not \(width)",
                             hint: "Give a width from 20 to 1000, or leave --width out to fit the terminal.")
        }
        do {
            _ = try Language.resolve(flag: lang, environment: ProcessInfo.processInfo.environment)
        } catch let diagnostic as Diagnostic {
            throw UsageError(diagnostic.message, hint: diagnostic.hint ?? "")
        }
    }

    /// The language lessons and messages are shown in: --lang, else LEARN_LANG, else the locale's.
    var language: Language {
        (try? Language.resolve(flag: lang, environment: ProcessInfo.processInfo.environment)) ?? .english
    }

    /// `text` as `--ascii` allows: renderers that draw in the style's character set pass through
    /// unchanged; prose they copy as written (an experiment's summary) is spelled in ASCII.
    func characters(_ text: String) -> String {
        ascii ? ASCIIText.transliterate(text) : text
    }

    /// The style to render with.
    var style: TerminalStyle {
        let environment = ProcessInfo.processInfo.environment
        let isTerminal = isatty(STDOUT_FILENO) == 1
        let colorOn: Bool = switch color {
        case .always: true
        case .never: false
        case .auto: isTerminal && environment["NO_COLOR"].map(\.isEmpty) != false && environment["TERM"] != "dumb"
        }
        return TerminalStyle(width: width ?? Terminal.width(isTerminal: isTerminal), charset: ascii ? .ascii : .unicode,
                             color: colorOn, catalog: MessageCatalog.for(language: language.tag))
    }
}

/// Facts about the terminal standard output goes to.
enum Terminal {
    /// The terminal's width: $COLUMNS, else the window size; 80 when output is not a terminal.
    static func width(isTerminal: Bool) -> Int {
        guard isTerminal else { return 80 }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns >= 20 {
            return min(columns, 1000)
        }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 {
            return Int(size.ws_col)
        }
        return 80
    }
}

/// Writing to standard output and standard error.
enum Output {
    /// Writes `text` to standard output at once (lessons print cell by cell).
    static func write(_ text: String) {
        StandardStreams.output(text)
    }

    /// Writes a message and a newline to standard error.
    static func error(_ text: String) {
        StandardStreams.error(text + "\n")
    }
}
