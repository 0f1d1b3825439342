import Foundation

/// Writes files so that a crash or `kill -9` at any moment leaves either the old file or the new
/// one, whole, and so that two `learn` processes in one folder take turns.
public enum AtomicFile {
    /// Replaces the file at `path` with `bytes`: written to a temporary file in the same folder,
    /// flushed to disk, then renamed over the old one (rename is atomic within a folder).
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let folder = try createFolder(of: path)
        let name = (path as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("cannot create a temporary file beside", path) }
        var written = 0
        let ok: Bool = bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let n = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 { if errno == EINTR { continue }; return false }
                written += n
            }
            return fsync(descriptor) == 0
        }
        close(descriptor)
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw failure("cannot write", path)
        }
        // Make the rename itself durable.
        let directory = open(folder.isEmpty ? "." : folder, O_RDONLY | O_CLOEXEC)
        if directory >= 0 { fsync(directory); close(directory) }
        removeStaleTemporaries(in: folder)
    }

    /// Deletes the temporary files that writers killed mid-write left in `folder`: those named
    /// `.NAME.PID.RANDOM.tmp` whose process is gone, so that `kill -9` leaves no litter behind.
    private static func removeStaleTemporaries(in folder: String) {
        let folder = folder.isEmpty ? "." : folder
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            let parts = name.dropLast(4).split(separator: ".")
            guard parts.count >= 3, UInt32(parts[parts.count - 1]) != nil, let pid = pid_t(parts[parts.count - 2]),
                  pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink(folder + "/" + name)
        }
    }

    /// Writes `text` as UTF-8; see `write(_:to:)`.
    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    /// Runs `body` while holding an exclusive lock on `path + ".lock"`, so that concurrent
    /// read-modify-write cycles by several processes don't lose each other's changes.
    public static func withLock<T>(_ path: String, _ body: () throws -> T) throws -> T {
        try createFolder(of: path)
        // The message names the lock file, the one really involved. O_NOFOLLOW: a link planted in its
        // place must not make learn create or open the link's target.
        let lock = path + ".lock"
        let descriptor = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { throw failure("cannot lock", lock) }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw failure("cannot lock", lock) }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    /// Creates the folder that `path` goes in (and its parents); returns it, "" for the current one.
    @discardableResult
    private static func createFolder(of path: String) throws -> String {
        let folder = (path as NSString).deletingLastPathComponent
        guard !folder.isEmpty else { return folder }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            // A relative folder in a working folder that was deleted meanwhile: nothing is in the way.
            if !folder.hasPrefix("/"), !currentFolderExists {
                throw Diagnostic(file: folder, "cannot create this folder for \((path as NSString).lastPathComponent): the current folder no longer exists",
                    hint: "It was deleted or moved while you were in it; cd into a folder that exists and run learn again.")
            }
            // Foundation's error would print as an NSError dump; say what is in the way instead.
            throw Diagnostic(file: folder, "cannot create this folder for \((path as NSString).lastPathComponent)",
                hint: "A file with this name, or with the name of a folder above it, may be in the way: move it, "
                    + "or run learn in another folder.")
        }
        return folder
    }

    /// Whether the working folder still exists (getcwd fails with ENOENT once it was removed).
    private static var currentFolderExists: Bool {
        guard let path = getcwd(nil, 0) else { return errno != ENOENT }
        free(path)
        return true
    }

    private static func failure(_ what: String, _ path: String) -> Diagnostic {
        let reason = String(cString: strerror(errno))
        return Diagnostic(file: path, "\(what) this file: \(reason)",
            hint: "Check that the folder exists and that you may write to it.")
    }
}
