import ArgumentParser
import DossierCLI
import DossierServer

/// `dossier` as users run it: the commands of DossierCLI plus `serve`, which lives in its own
/// module with the HTTP server. A library, so that the tests drive exactly this command tree;
/// the executable only calls `main()`.
public struct Dossier: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: DossierCommand.configuration.abstract,
        discussion: DossierCommand.configuration.discussion,
        version: DossierCommand.version,
        subcommands: [BuildCommand.self, ServeCommand.self, CheckCommand.self, NewCommand.self]
    )

    public init() {}
}
