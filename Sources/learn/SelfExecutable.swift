import Engine
import Foundation

/// This very `learn` build: what cached results depend on.
enum SelfExecutable {
    /// This executable's path.
    static var path: String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return Bundle.main.executablePath ?? CommandLine.arguments[0]
    }

    /// What results depend on besides the lesson: the engine's version and this very build (its
    /// size and modification time), so that a rebuilt `learn` never trusts results of an older one.
    static var buildIdentity: String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes?[.size] as? Int) ?? 0
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "engine \(Engine.version), build \(size)-\(modified)"
    }
}
