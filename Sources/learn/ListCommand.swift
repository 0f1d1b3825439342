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
            let listing = ListingRenderer(style: display.style)
            let store = ProgressStore(folder: FileManager.default.currentDirectoryPath)
            let (progress, warning) = store.load()
            if let warning { Output.error(warning.description) }
            Output.write(listing.lessons(try library.library(), parser: LessonParser(catalog: experimentCatalog),
                                         progress: progress) + "\n")
        }
    }
}
