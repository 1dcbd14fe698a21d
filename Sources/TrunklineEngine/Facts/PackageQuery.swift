/// Which of the packages the steps name are installed: one query of the host's package database
/// for all of them, in the facts exec (`dpkg-query` where dpkg keeps the database, else `rpm -q`),
/// instead of one shell, query and `grep` per package.
enum PackageQuery {
    /// The section the answer stands in.
    static let section = "packages"

    /// The shell function that prints the section for the package names in `"$@"`: a line
    /// `NAME<TAB>QUALIFIED<TAB>STATUS` for each package the database knows (dpkg's
    /// `${binary:Package}` and `${Package}`; rpm's `NAME` and `NAME.ARCH`, with the status of an
    /// installed dpkg package). Packages the database does not know print nothing.
    static let function =
        #"tl_packages() { printf '@@packages\n'; [ $# -eq 0 ] && return 0; "#
        + #"if [ -f /var/lib/dpkg/status ] && command -v dpkg-query > /dev/null; then "#
        + #"dpkg-query -W -f='${binary:Package}\t${Package}\t${Status}\n' -- "$@" 2> /dev/null; "#
        + #"else rpm -q --qf '%{NAME}\t%{NAME}.%{ARCH}\tinstall ok installed\n' -- "$@" 2> /dev/null; fi; return 0; }"#

    /// The installed packages among `names`, from the section's lines: a name counts when either
    /// of a line's names is it and the status says `ok installed` (dpkg keeps removed packages
    /// with their configuration as `deinstall ok config-files`).
    static func installed(_ lines: [String], among names: [String]) -> Set<String> {
        var known: Set<String> = []
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, fields[2].hasSuffix("ok installed") else { continue }
            known.insert(String(fields[0]))
            known.insert(String(fields[1]))
        }
        return Set(names.filter(known.contains))
    }
}
