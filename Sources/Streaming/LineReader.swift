#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lines of a file or of standard input as bytes (without the `\n`), read one at a time with
/// `getline`, so a stream of any length takes the memory of its longest line. A UTF-8 byte-order
/// mark at the start is skipped.
public final class LineReader {
    private let file: UnsafeMutablePointer<FILE>
    private let owned: Bool
    private var buffer: UnsafeMutablePointer<CChar>?
    private var capacity = 0
    private var first = true

    /// Standard input.
    public init() {
        file = fdopen(0, "rb")
        owned = false
    }

    /// A file, or nil if it cannot be opened.
    public init?(path: String) {
        if path == "-" { file = fdopen(0, "rb"); owned = false; return }
        guard let f = fopen(path, "rb") else { return nil }
        file = f
        owned = true
    }

    deinit {
        free(buffer)
        if owned { fclose(file) }
    }

    /// The next line's bytes, or nil at the end of the input.
    public func next() -> [UInt8]? {
        let n = getline(&buffer, &capacity, file)
        guard n >= 0, let buffer else { return nil }
        var count = n
        if count > 0 && buffer[count - 1] == 0x0A { count -= 1 }
        var start = 0
        if first {
            first = false
            if count >= 3 && UInt8(bitPattern: buffer[0]) == 0xEF && UInt8(bitPattern: buffer[1]) == 0xBB && UInt8(bitPattern: buffer[2]) == 0xBF { start = 3 }
        }
        return buffer.withMemoryRebound(to: UInt8.self, capacity: n) { Array(UnsafeBufferPointer(start: $0 + start, count: count - start)) }
    }
}
