import ArgumentParser
import Foundation
import Experiments
import Lessons

extension Learn {
    /// `learn list`: the lessons with their titles and times.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the lessons with your progress, and the one to take next.")

        @OptionGroup var library: LibraryOptions
        @OptionGroup var display: DisplayOptions

        func run() throws {
            let lessons = try library.library()
            let workspace = try library.workspace(for: nil, writing: false)
            let (progress, warning) = workspace.progress.load()
            if let warning { Output.error(warning.description) }
            Output.write(CourseListing(style: display.style).render(lessons, parser: LessonParser(catalog: experimentCatalog),
                                                                    progress: progress, workspace: workspace,
                                                                    language: display.language) + "\n")
        }
    }
}
