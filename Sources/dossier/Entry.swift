import DossierApp

/// The `dossier` executable. An async @main with no top-level code (see TOOLCHAIN.md); the
/// command tree is `Dossier` in DossierApp, where the tests reach it.
@main
enum Entry {
    static func main() async {
        await Dossier.main()
    }
}
