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
            // The course as the edition in the student's language names it (its title), when there is one.
            let edition = Editions.folders(in: lessons.folder).first { $0.language == display.language }
            let workspace = try library.workspace(for: edition.map { ($0.folder as NSString).appendingPathComponent("course.yaml") },
                                                  writing: false)
            let (progress, warning) = workspace.progress.load()
            if let warning { Output.error(warning.description) }
            Output.write(CourseListing(style: display.style).render(lessons, parser: LessonParser(catalog: experimentCatalog),
                                                                    progress: progress, workspace: workspace,
                                                                    language: display.language) + "\n")
        }
    }
}
