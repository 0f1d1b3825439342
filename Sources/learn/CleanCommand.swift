import ArgumentParser
import Foundation
import Lessons

extension Learn {
    /// `learn clean [--all-courses]`.
    struct Clean: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove cached experiment results; answers and progress are kept.",
            discussion: """
                Removes .learn/courses/COURSE/cache of the lessons' course (the next run computes every \
                experiment again). Your answers (answers/COURSE/) and progress (.learn/courses/COURSE/progress.json) \
                stay as they are.
                """)

        @Flag(help: "Remove the cache of every course used in this folder.") var allCourses = false
        @OptionGroup var library: LibraryOptions
        @OptionGroup var display: DisplayOptions

        func run() throws {
            let workspace = try library.workspace(for: nil, writing: false)
            let removed = try workspace.clean(allCourses: allCourses)
            if removed.isEmpty {
                Output.write("There was no cache to remove.\n")
            } else {
                Output.write("Removed " + removed.joined(separator: ", ") + ". Answers and progress are kept.\n")
            }
        }
    }
}
