import ArgumentParser

/// Where `drift` writes its report and keeps its history.
struct DriftOutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Also write the JSON report (schema trunkline.drift/1) here.", valueName: "file"))
    var json: String?

    @Option(help: ArgumentHelp("Also write the Markdown report here.", valueName: "file"))
    var markdown: String?

    @Option(help: ArgumentHelp("Also write the self-contained HTML report here.", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("Write node_exporter textfile metrics here (atomically).", valueName: "file"))
    var prometheus: String?

    @Option(help: ArgumentHelp("Write JUnit XML here (a test per host and step: in sync passes, drift fails).", valueName: "file"))
    var junit: String?

    @Option(help: ArgumentHelp("The history database (default $XDG_STATE_HOME/trunkline/history.sqlite).", valueName: "path"))
    var history: String?

    @Flag(help: "Keep no history: every drift is reported as new.")
    var noHistory = false
}
