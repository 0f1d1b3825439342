import ArgumentParser
import Lessons

/// Bad usage of the command, told as a `Diagnostic` like every other message: what is wrong
/// (naming the option or argument, which is the where) and what to do. `learn` exits with 2.
struct UsageError: Error, CustomStringConvertible {
    /// The message and its hint.
    var diagnostic: Diagnostic

    /// A usage error; `message` names the option or argument at fault.
    init(_ message: String, hint: String) {
        diagnostic = Diagnostic(message, hint: hint)
    }

    var description: String { diagnostic.description }
}

/// Options, or a command, whose values `learn` checks after parsing and before running.
///
/// This is ArgumentParser's `validate()` under another name: ArgumentParser wraps whatever
/// `validate()` throws in an error of its own, prints only a `ValidationError`'s text (in its own
/// words, with the usage line), and exits with 1 for any other error, so a `Diagnostic` thrown
/// there would come out unlike every other message and with the wrong status.
protocol UsageChecking {
    /// Throws a `UsageError` when the values don't make sense together or in this situation.
    func checkUsage() throws
}

extension OptionGroup: UsageChecking where Value: UsageChecking {
    func checkUsage() throws { try wrappedValue.checkUsage() }
}

enum Usage {
    /// Checks `command` and each of its option groups that is `UsageChecking`: a command that
    /// declares `@OptionGroup var display: DisplayOptions` gets `--width` checked without saying so.
    static func check(_ command: any ParsableCommand) throws {
        try (command as? UsageChecking)?.checkUsage()
        // Option groups are stored properties (`_display: OptionGroup<DisplayOptions>`).
        for child in Mirror(reflecting: command).children {
            try (child.value as? UsageChecking)?.checkUsage()
        }
    }
}
