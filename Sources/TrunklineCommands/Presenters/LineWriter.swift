import Foundation

/// Writes whole lines to standard output from concurrent tasks without interleaving them.
actor LineWriter {
    /// Writes `text` followed by a newline.
    func write(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
