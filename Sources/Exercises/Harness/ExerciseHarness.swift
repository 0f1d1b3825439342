import Foundation

/// The child's side of `learn check`: reads one input per line on standard input, calls the
/// student's function on it, and answers each with one line of JSON on a channel of its own.
///
/// The channel is the standard output the child was started with; the harness moves it to another
/// descriptor first and points standard output at standard error, so whatever the student prints
/// can never be read as an answer (and standard input at /dev/null, so that the student's code
/// can't read the inputs meant for the harness). A reply is `{"output": …}`, `{"notWritten": "FILE"}` when the
/// stub is still in place, or `{"problem": "…"}` when an input can't be read (a `learn` and an
/// exercise package of different versions). A trap needs no reply: `learn` sees the signal and
/// reads the backtracer's JSON report for where it happened. When the CPU-time limit runs out the
/// harness replies `{"outOfTime": true}` and aborts, so that the backtracer reports where the
/// student's code was looping.
public enum ExerciseHarness {
    /// Serves calls of `function` until standard input ends, then exits with status 0.
    public static func serve<Input: Decodable, Output: Encodable>(_ function: (Input) throws -> Output) -> Never {
        CPULimit.start(arguments: CommandLine.arguments)
        let channel = openChannel()
        let requests = openRequests()
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        while let line = requests.next() {
            do {
                let input = try decoder.decode(Input.self, from: Data(line.utf8))
                reply(Reply(output: try function(input)), on: channel)
            } catch {
                reply(Reply<Output>(problem: "\(error)"), on: channel)
                exit(65)
            }
        }
        exit(0)
    }

    /// Tells `learn check` that the stub at `file` is still in place, and exits.
    public static func notWritten(_ file: StaticString) -> Never {
        reply(Reply<Int>(notWritten: "\(file)"), on: channel ?? STDOUT_FILENO)
        exit(notWrittenStatus)
    }

    /// The exit status of a stub that is still in place.
    public static let notWrittenStatus: Int32 = 3

    /// One reply on the channel.
    struct Reply<Output: Encodable>: Encodable {
        var output: Output?
        var notWritten: String?
        var problem: String?
        var outOfTime: Bool?
    }

    /// The descriptor replies go to, once `serve` has opened it.
    static var channel: Int32?

    /// Moves standard output to a descriptor of its own, and sends what is printed to standard error.
    private static func openChannel() -> Int32 {
        let descriptor = dup(STDOUT_FILENO)
        // Not inherited by a process the student's code starts, nor by the backtracer: the
        // channel ends when this process does.
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        dup2(STDERR_FILENO, STDOUT_FILENO)
        channel = descriptor
        return descriptor
    }

    /// Moves standard input to a descriptor of its own, read line by line, and gives the student's
    /// code /dev/null instead.
    private static func openRequests() -> AnyIterator<String> {
        let descriptor = dup(STDIN_FILENO)
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        let empty = open("/dev/null", O_RDONLY)
        dup2(empty, STDIN_FILENO)
        close(empty)
        let stream = fdopen(descriptor, "r")
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        return AnyIterator {
            guard let stream, getline(&buffer, &capacity, stream) > 0, let buffer else { return nil }
            let line = String(cString: buffer)
            return line.hasSuffix("\n") ? String(line.dropLast()) : line
        }
    }

    /// Says on the channel that the CPU time ran out.
    static func replyOutOfTime() {
        reply(Reply<Int>(outOfTime: true), on: channel ?? STDOUT_FILENO)
    }

    private static func reply<Output: Encodable>(_ reply: Reply<Output>, on descriptor: Int32) {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let data = try? encoder.encode(reply) else {
            return self.reply(Reply<Int>(problem: "the result could not be written as JSON"), on: descriptor)
        }
        var bytes = [UInt8](data) + [UInt8(ascii: "\n")]
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            guard written > 0 else { return }
            offset += written
        }
    }
}
