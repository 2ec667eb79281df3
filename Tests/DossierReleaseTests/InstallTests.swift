import Foundation
import XCTest

/// install.sh, which ships in the release tarball and which `make install` runs from dist/: it
/// puts the binary, the three completion scripts and the man page where each shell and `man`
/// look for them, under PREFIX and DESTDIR. (Run on a stand-in folder so the test needs no
/// release build; `make install PREFIX=…` runs the same script on the real tarball.)
final class InstallTests: XCTestCase {
    func testInstallScriptPlacesBinaryCompletionsAndManPage() throws {
        let package = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-install-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: package) }
        let files = [
            "dossier": "#!/bin/sh\necho 'dossier 9.9.9 (commit unknown, libcmark 0.30.2)'\n",
            "completions/dossier.bash": "# bash\n", "completions/_dossier": "#compdef dossier\n",
            "completions/dossier.fish": "# fish\n", "man/dossier.1": ".Dt DOSSIER 1\n",
        ]
        for (path, text) in files {
            let url = package.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: package.appendingPathComponent("dossier").path)
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("scripts/install.sh"), to: package.appendingPathComponent("install.sh"))

        let destination = package.appendingPathComponent("staging")
        let output = try XCTUnwrap(try Repository.run("env", ["DESTDIR=\(destination.path)", "sh", package.appendingPathComponent("install.sh").path, "/opt/dossier-test"]))
        XCTAssertEqual(output.status, 0, output.text)
        let prefix = destination.appendingPathComponent("opt/dossier-test")
        let expected = [
            "bin/dossier": "dossier", "share/bash-completion/completions/dossier": "completions/dossier.bash",
            "share/zsh/site-functions/_dossier": "completions/_dossier",
            "share/fish/vendor_completions.d/dossier.fish": "completions/dossier.fish", "share/man/man1/dossier.1": "man/dossier.1",
        ]
        for (installed, source) in expected {
            XCTAssertEqual(try? String(contentsOf: prefix.appendingPathComponent(installed), encoding: .utf8), files[source], installed)
        }
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: prefix.appendingPathComponent("bin/dossier").path))
        XCTAssertTrue(output.text.contains("Installed dossier 9.9.9"), output.text)
    }
}
