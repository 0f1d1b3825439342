import Foundation

/// A language a student can take the course in: English, the lessons' own, or one with an edition
/// (`lessons/zh/`) and a message catalog.
public struct Language: Hashable, Sendable, CustomStringConvertible {
    /// The tag: `en`, `zh`.
    public let tag: String

    public static let english = Language(tag: "en")
    public static let chinese = Language(tag: "zh")
    /// Every language `learn` speaks.
    public static let all = [english, chinese]

    private init(tag: String) {
        self.tag = tag
    }

    /// The language a tag or locale name names (`zh`, `zh-CN`, `zh_CN.UTF-8`, `zh-Hans`, `en_US`),
    /// nil for one `learn` doesn't speak. Every Chinese locale takes the Simplified Chinese edition, as
    /// gettext falls back from `zh_TW` to `zh`.
    public init?(_ name: String) {
        var text = Substring(name.lowercased())
        if let cut = text.firstIndex(where: { $0 == "." || $0 == "@" }) { text = text[..<cut] }
        let language = text.split(whereSeparator: { $0 == "_" || $0 == "-" }).first.map(String.init) ?? ""
        guard let known = Self.all.first(where: { $0.tag == language }) else { return nil }
        self = known
    }

    public var description: String { tag }

    /// The language the environment asks for, as gettext reads it: the first language of
    /// `LANGUAGE` that `learn` speaks, unless the locale is `C` or `POSIX`; else the locale's, from the
    /// first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set; else English.
    public static func fromLocale(_ environment: [String: String]) -> Language {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        if locale == "C" || locale == "POSIX" || locale?.hasPrefix("C.") == true { return .english }
        if let list = environment["LANGUAGE"], locale != nil {
            for entry in list.split(separator: ":") {
                if let language = Language(String(entry)) { return language }
            }
        }
        return locale.flatMap(Language.init) ?? .english
    }

    /// The language to use: `flag` (`--lang`), else `LEARN_LANG`, else the locale's. A flag or
    /// `LEARN_LANG` that names no language `learn` speaks is an error.
    public static func resolve(flag: String?, environment: [String: String]) throws -> Language {
        for (given, source) in [(flag, "--lang"), (environment["LEARN_LANG"], "LEARN_LANG")] {
            guard let given, !given.isEmpty else { continue }
            guard let language = Language(given) else {
                throw Diagnostic("\(source) is '\(TerminalSafe.escaped(Diagnostic.abbreviated(given, limit: 40)))', a language learn doesn't speak",
                                 hint: "Give one of: " + all.map(\.tag).joined(separator: ", ") + ".")
            }
            return language
        }
        return fromLocale(environment)
    }
}

/// Editions of a course in other languages: `lessons/zh/lesson-03-sgd-vs-momentum.md` translates
/// `lessons/lesson-03-sgd-vs-momentum.md` (the same file name, in a folder named by the language's
/// tag inside the English lessons' folder).
public enum Editions {
    /// The lesson a student reading `language` takes for the English lesson at `path`: its
    /// translation when there is one, else `path` itself (`translated` false).
    public static func lesson(_ path: String, in language: Language) -> (path: String, translated: Bool) {
        guard language != .english else { return (path, true) }
        let translation = translationPath(of: path, in: language)
        return FileBytes.isRegularFile(atPath: translation) ? (translation, true) : (path, false)
    }

    /// Where the translation of the English lesson at `path` into `language` is, whether or not it exists.
    public static func translationPath(of path: String, in language: Language) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        return ((folder.isEmpty ? language.tag : (folder as NSString).appendingPathComponent(language.tag)) as NSString)
            .appendingPathComponent(name)
    }

    /// The English lesson a lesson at `path` translates, when `path` is in an edition folder
    /// (`…/zh/lesson-03-x.md`) and that lesson exists; nil otherwise.
    public static func original(of path: String) -> (path: String, language: Language)? {
        let folder = (path as NSString).deletingLastPathComponent
        let tag = (folder as NSString).lastPathComponent
        guard Course.isLanguageTag(tag), let language = Language(tag) else { return nil }
        let parent = (folder as NSString).deletingLastPathComponent
        let original = ((parent.isEmpty ? "." : parent) as NSString).appendingPathComponent((path as NSString).lastPathComponent)
        return FileBytes.isRegularFile(atPath: original) ? (original, language) : nil
    }

    /// The edition folders inside `lessonsFolder`, by language, for the languages `learn` speaks.
    public static func folders(in lessonsFolder: String) -> [(language: Language, folder: String)] {
        Language.all.filter { $0 != .english }.compactMap { language in
            let folder = (lessonsFolder as NSString).appendingPathComponent(language.tag)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else { return nil }
            return (language, folder)
        }
    }
}
