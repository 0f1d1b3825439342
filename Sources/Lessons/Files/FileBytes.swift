import Foundation

/// Reads whole files: lessons, answers files, progress, cached results.
///
/// Not with `FileManager.contents(atPath:)` or `Data(contentsOf:)`: on Linux, Foundation reads a
/// file whose size is 0 (an empty answers file, say) in 4 KiB chunks, in case it is a /proc file,
/// and when nothing comes returns an empty `Data` without freeing its first chunk: 4 KiB leaked
/// per read of an empty file (swift-foundation's `readBytesFromFile`, Swift 6.3.1). This reads
/// with open, fstat and read, which leak nothing and return the bytes as the callers want them.
///
/// Every read has a size bound (files are untrusted: a 2 GB sparse file in place of a cache entry must
/// not take 4 GB of memory): a file past it is not read at all.
public enum FileBytes {
    /// The bound of files that have no smaller one of their own.
    public static let defaultLimit = 64 << 20
    /// The bounds of the files `learn` reads, far above any real one.
    public static let lessonLimit = 2 << 20, answersLimit = 1 << 20, progressLimit = 1 << 20, courseLimit = 64 << 10

    /// The size of the regular file at `path` when it is larger than `limit`, else nil.
    public static func size(atPath path: String, over limit: Int) -> Int? {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) > limit else { return nil }
        return Int(status.st_size)
    }

    /// `1.5 MB`, `640 KB`: a size for messages.
    public static func describe(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes * 10 / (1 << 20) / 10).\(bytes * 10 / (1 << 20) % 10) MB" : "\(max(bytes >> 10, 1)) KB"
    }

    /// The bytes of the regular file at `path`; nil when there is none, it is a folder or another
    /// kind of file (a FIFO would block the read), it is larger than `limit`, or it can't be read.
    /// With `followingLinks` false a symbolic link is not followed either (files `learn` writes itself).
    public static func read(atPath path: String, limit: Int = defaultLimit, followingLinks: Bool = true) -> [UInt8]? {
        guard let descriptor = openRegular(path, followingLinks: followingLinks, limit: limit) else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        // One read takes the whole file when its size is right; a file that grows meanwhile, or
        // reports 0 like those in /proc, takes more rounds.
        var chunk = [UInt8](repeating: 0, count: max(4096, min(Int(status.st_size) + 1, 16 << 20)))
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(status.st_size))
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                // A file that grows while it is read (or reports 0, as /proc files do) stops at the bound too.
                guard bytes.count + count <= limit else { return nil }
                bytes += chunk[..<count]
            } else if count == 0 {
                return bytes
            } else if errno != EINTR {
                return nil
            }
        }
    }
}

extension FileBytes {
    /// A descriptor open for reading on the regular file at `path` of at most `limit` bytes, or nil.
    /// O_NONBLOCK: opening a FIFO must not wait for a writer (a FIFO named like a cache entry would
    /// hang every run); fstat then turns it and every other kind of file away.
    static func openRegular(_ path: String, followingLinks: Bool, limit: Int) -> Int32? {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (followingLinks ? 0 : O_NOFOLLOW))
        guard descriptor >= 0 else { return nil }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) <= limit else {
            close(descriptor)
            return nil
        }
        return descriptor
    }

    /// The first bytes of the regular file at `path` (up to `count`), without following a link; nil
    /// when it is not a regular file or can't be read.
    public static func readPrefix(atPath path: String, count: Int) -> [UInt8]? {
        guard let descriptor = openRegular(path, followingLinks: false, limit: Int.max) else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = bytes.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress! + filled, count - filled) }
            if got > 0 { filled += got } else if got == 0 || errno != EINTR { break }
        }
        return Array(bytes[..<filled])
    }

    /// Whether `path` itself (not a link's target) is a regular file.
    public static func isRegularFile(atPath path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    /// What is at `path` when it is not a regular file that can be read, in words for a message:
    /// "does not exist", "is a folder", "is a FIFO (a named pipe)", "is a device", "is a link that loops",
    /// "can't be read (permission denied)"; nil when it is a readable regular file.
    public static func problem(atPath path: String) -> String? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return errno == ENOENT ? "does not exist" : "can't be read (\(String(cString: strerror(errno))))" }
        if status.st_mode & S_IFMT == S_IFLNK {
            guard stat(path, &status) == 0 else {
                return errno == ELOOP ? "is a symbolic link that loops" : "is a symbolic link to nothing (\(String(cString: strerror(errno))))"
            }
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return access(path, R_OK) == 0 ? nil : "can't be read (permission denied)"
        case S_IFDIR: return "is a folder"
        case S_IFIFO: return "is a FIFO (a named pipe), not a file"
        case S_IFCHR, S_IFBLK: return "is a device, not a file"
        case S_IFSOCK: return "is a socket, not a file"
        default: return "is not a regular file"
        }
    }
}

extension FileBytes {
    /// `name` as typed on the command line with each byte that isn't UTF-8 written `\xFF`, when it came
    /// from an argument that isn't valid UTF-8; nil otherwise. Swift reads such an argument with U+FFFD
    /// in place of each bad byte, so a file named that way is never found: the name, not the file, is
    /// the problem, and this is how a message can show it.
    public static func nonUTF8Argument(_ name: String) -> String? {
        guard name.unicodeScalars.contains("\u{FFFD}") else { return nil }
        for index in 0..<Int(CommandLine.argc) {
            guard let argument = CommandLine.unsafeArgv[index] else { continue }
            let bytes = Array(UnsafeBufferPointer(start: argument, count: strlen(argument))).map { UInt8(bitPattern: $0) }
            guard String(validating: bytes, as: UTF8.self) == nil, String(decoding: bytes, as: UTF8.self) == name else { continue }
            return escapingInvalidUTF8(bytes)
        }
        return nil
    }

    /// The bytes as text, each byte that isn't part of valid UTF-8 written `\xNN`.
    static func escapingInvalidUTF8(_ bytes: [UInt8]) -> String {
        var text = ""
        var start = 0
        while start < bytes.count {
            // The longest valid run from `start` (a scalar is at most 4 bytes, so try shorter ends first).
            var end = start
            var scalars = bytes[start...].makeIterator()
            var decoder = UTF8()
            decode: while true {
                switch decoder.decode(&scalars) {
                case .scalarValue(let scalar): text.unicodeScalars.append(scalar); end += UTF8.width(scalar)
                case .emptyInput, .error: break decode
                }
            }
            if end < bytes.count {
                text += "\\x" + String(bytes[end], radix: 16, uppercase: true).leftPadded(to: 2)
                end += 1
            }
            start = end
        }
        return text
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
