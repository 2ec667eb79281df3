import ArgumentParser
import DossierCLI
import DossierServer

/// The `dossier` executable: the commands of DossierCLI plus `serve`, which lives in its own
/// module with the HTTP server. An async @main, no top-level code (see TOOLCHAIN.md).
@main
struct Dossier: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: DossierCommand.configuration.abstract,
        discussion: DossierCommand.configuration.discussion,
        version: DossierCommand.version,
        subcommands: [BuildCommand.self, ServeCommand.self, CheckCommand.self, NewCommand.self]
    )
}
