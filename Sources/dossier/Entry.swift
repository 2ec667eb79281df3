import DossierCLI

// A synchronous @main: release builds of Swift 6.3 can crash on top-level async code.
@main
struct Main {
    static func main() {
        DossierCommand.main()
    }
}
