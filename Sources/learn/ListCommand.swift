import ArgumentParser
import Experiments
import Lessons

extension Learn {
    /// `learn list`: the lessons with their titles and times.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the lessons.")

        @OptionGroup var library: LibraryOptions
        @OptionGroup var display: DisplayOptions

        func run() throws {
            let listing = ListingRenderer(style: display.style)
            Output.write(listing.lessons(try library.library(), parser: LessonParser(catalog: experimentCatalog)) + "\n")
        }
    }
}
