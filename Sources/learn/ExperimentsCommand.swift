import ArgumentParser
import Experiments
import Lessons

extension Learn {
    /// `learn experiments`: the catalog of experiments a lesson can embed.
    struct Experiments: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the experiments lessons can embed, with their parameters.")

        @OptionGroup var display: DisplayOptions

        @Flag(help: "Write the catalog as GitHub Markdown (docs/experiments.md is made this way).")
        var markdown = false

        func run() throws {
            if markdown {
                Output.write(ListingRenderer.experimentsMarkdown(experimentCatalog.entries))
            } else {
                Output.write(display.characters(ListingRenderer(style: display.style).experiments(experimentCatalog.entries)) + "\n")
            }
        }
    }
}
