import FrenchData

/// Language data compiled into the binary by `tools/french-data/embed.py`.
public enum EmbeddedResource {
    /// The raw bytes of the resource, or nil when the build carries no such resource.
    public static func bytes(_ name: String) -> UnsafeBufferPointer<UInt8>? {
        var length = 0
        guard let pointer = loupe_resource(name, &length) else { return nil }
        return UnsafeRawPointer(pointer).withMemoryRebound(to: UInt8.self, capacity: length) {
            UnsafeBufferPointer(start: $0, count: length)
        }
    }

    /// The resource as text (UTF-8), or nil.
    public static func text(_ name: String) -> String? {
        bytes(name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The non-empty, non-comment lines of a resource, trimmed.
    public static func lines(_ name: String) -> [Substring] {
        guard let text = text(name) else { return [] }
        return text.split(whereSeparator: \.isNewline).compactMap { line in
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            return trimmed.isEmpty || trimmed.hasPrefix("#") ? nil : Substring(trimmed)
        }
    }
}
