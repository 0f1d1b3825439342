import ArgumentParser
import Experiments
import Lessons

extension Learn {
    /// `learn experiments`: the catalog of experiments a lesson can embed.
    struct Experiments: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the experiments lessons can embed, with their parameters.")

        @OptionGroup var display: DisplayOptions

        func run() throws {
            Output.write(ListingRenderer(style: display.style).experiments(experimentCatalog.entries) + "\n")
        }
    }
}
