#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Lessons

/// `learn site OUT --serve`: the site's folder over HTTP on 127.0.0.1 only, for a quick look in a
/// browser. One request at a time, GET and HEAD only, files inside the folder only (no `..`, no
/// hidden files), no listing of folders: a folder serves its index.html. It uses the C library's sockets
/// (no package).
struct SiteServer {
    let folder: String
    let port: Int

    /// Listens, calls `ready` with the port it listens on (a free one for port 0), then serves until killed.
    func run(ready: (Int) -> Void) throws -> Never {
        #if os(Linux)
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let listener = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard listener >= 0 else { throw Diagnostic("--serve: no socket to listen on (errno \(errno))") }
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else {
            throw Diagnostic("--serve: can't listen on 127.0.0.1:\(port) (\(String(cString: strerror(errno))))",
                             hint: "Give another port with --port, or 0 for any free one.")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        ready(Int(UInt16(bigEndian: address.sin_port)))
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            respond(to: client)
            close(client)
        }
    }

    private func respond(to client: Int32) {
        var request: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while request.count < 16_384, !request.ends(with: Array("\r\n\r\n".utf8)) {
            let count = recv(client, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            request += buffer[..<count]
        }
        let line = String(decoding: request.prefix { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self).split(separator: " ")
        guard line.count >= 2, line[0] == "GET" || line[0] == "HEAD" else {
            return send(client, status: "405 Method Not Allowed", type: "text/plain", body: Array("GET or HEAD only\n".utf8))
        }
        guard let (path, body) = file(String(line[1])) else {
            return send(client, status: "404 Not Found", type: "text/plain", body: Array("not found\n".utf8))
        }
        send(client, status: "200 OK", type: Self.type(of: path), body: body, head: line[0] == "HEAD")
    }

    /// The file a request's target names inside the folder, and its bytes; nil for anything else.
    func file(_ target: String) -> (String, [UInt8])? {
        let raw = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard raw.hasPrefix("/"), let decoded = raw.removingPercentEncoding, !decoded.contains("\0") else { return nil }
        let parts = decoded.split(separator: "/").map(String.init)
        guard !parts.contains(where: { $0.hasPrefix(".") }) else { return nil }
        var path = ([folder] + parts).joined(separator: "/")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return nil }
        if isFolder.boolValue { path += "/index.html" }
        guard FileBytes.isRegularFile(atPath: path), let bytes = FileBytes.read(atPath: path, limit: 256 << 20) else { return nil }
        return (path, bytes)
    }

    static func type(of path: String) -> String {
        switch (path as NSString).pathExtension {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        default: "application/octet-stream"
        }
    }

    private func send(_ client: Int32, status: String, type: String, body: [UInt8], head: Bool = false) {
        let header = "HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\n"
            + "X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n"
        var bytes = Array(header.utf8)
        if !head { bytes += body }
        var sent = 0
        while sent < bytes.count {
            #if os(Linux)
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            #else
            let count = bytes[sent...].withUnsafeBytes { Darwin.send(client, $0.baseAddress, $0.count, 0) }
            #endif
            guard count > 0 else { return }
            sent += count
        }
    }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}
