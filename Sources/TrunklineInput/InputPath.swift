import Foundation

/// Paths of input files, relative to the current directory as given.
public enum InputPath {
    /// The directory `path` is in, for the files beside it (`group_vars/`, `roles/`): `.` for
    /// a bare name, where the parent by itself would be empty and `/group_vars` the root's.
    public static func directory(of path: String) -> String {
        let parent = (path as NSString).deletingLastPathComponent
        return parent.isEmpty ? "." : parent
    }
}
