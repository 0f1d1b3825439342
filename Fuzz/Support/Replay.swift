import Foundation
import Lessons

/// What a fuzz target's executable does in a normal build, where libFuzzer is absent: runs the
/// target once on every file of the folders (or files) named on the command line, so the seed
/// corpus and any crash file can be replayed under a debugger or a plain `swift run`.
public enum Replay {
    /// Feeds each file under `arguments` to `body`; prints how many inputs ran.
    public static func run(_ arguments: [String], _ body: ([UInt8]) -> Void) {
        guard !arguments.isEmpty else {
            print("usage: \(CommandLine.arguments[0]) FOLDER-OR-FILE…  (replays inputs; fuzz with Fuzz/run.sh)")
            return
        }
        var count = 0
        for argument in arguments {
            for path in files(argument) {
                guard let bytes = FileBytes.read(atPath: path) else { continue }
                body(bytes)
                count += 1
            }
        }
        print("replayed \(count) inputs")
    }

    private static func files(_ path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { (path as NSString).appendingPathComponent($0) }
    }
}
