import Foundation

/// An `OutputStream` over a `FileHandle` with a 64 KiB buffer: the CSV writer writes byte by byte,
/// which unbuffered would cost a system call each.
final class FileHandleOutputStream: OutputStream {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var status: Stream.Status = .notOpen

    init(_ handle: FileHandle) {
        self.handle = handle
        super.init(toMemory: ())
        buffer.reserveCapacity(1 << 16)
    }

    required init(toMemory: ()) {
        handle = FileHandle.standardOutput
        super.init(toMemory: ())
    }

    override func open() { status = .open }
    override func close() { flush(); status = .closed }
    override var streamStatus: Stream.Status { status }
    override var hasSpaceAvailable: Bool { true }

    override func write(_ bytes: UnsafePointer<UInt8>, maxLength len: Int) -> Int {
        buffer.append(contentsOf: UnsafeBufferPointer(start: bytes, count: len))
        if buffer.count >= 1 << 16 { flush() }
        return len
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
