import XCTest

final class LicenceTests: XCTestCase {
    /// The full Apache License 2.0, not a summary.
    func testLicenseIsTheFullApacheLicense() throws {
        let license = try Repository.text("LICENSE")
        XCTAssertTrue(license.contains("Apache License\n                           Version 2.0, January 2004"))
        for part in ["1. Definitions.", "4. Redistribution.", "9. Accepting Warranty or Additional Liability.",
                     "END OF TERMS AND CONDITIONS", "APPENDIX: How to apply the Apache License to your work."] {
            XCTAssertTrue(license.contains(part), part)
        }
        XCTAssertEqual(license.utf8.count, 11358)
    }

    /// NOTICE names every package in Package.resolved at its version, and nothing else; when the
    /// debug binary has been linked, its "compiled into the binary" list matches the linked objects.
    func testNoticeListsEveryResolvedPackage() throws {
        guard Repository.exists("Package.resolved") else { throw XCTSkip("no Package.resolved (packages not resolved)") }
        var arguments = ["scripts/check-notice.py"]
        let linked = ".build/debug/dossier.product/Objects.LinkFileList"
        if Repository.exists(linked) { arguments += ["--linked", linked] }
        let output = try XCTUnwrap(try Repository.run("python3", arguments), "python3 is not installed")
        XCTAssertEqual(output.status, 0, output.text)
    }

    func testNoticeNamesTheNonPackageParts() throws {
        let notice = try Repository.text("NOTICE")
        for part in ["libcmark", "BSD-2-Clause", "Runtime Library Exception", "swift-foundation-icu", "Mustache specification",
                     "MIT", "Natural Earth", "public domain", "GeoNames", "CC BY 4.0", "terms not stated", "SOURCES.md"] {
            XCTAssertTrue(notice.contains(part), "NOTICE does not mention \(part)")
        }
    }
}
