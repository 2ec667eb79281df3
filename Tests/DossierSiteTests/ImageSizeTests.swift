@testable import DossierSite
import Foundation
import XCTest

/// Image sizes from file headers. The files in `Fixtures/images/` were made by real encoders
/// (ImageMagick, cwebp, exiftool) at 37×23 px, so that a swapped width and height shows.
final class ImageSizeTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/images")

    func size(_ name: String) throws -> ImageSize? {
        ImageSize.read(try Data(contentsOf: Self.folder.appendingPathComponent(name)))
    }

    func testEveryKindOfImageFromARealEncoder() throws {
        for name in ["wide.png", "wide.jpg", "progressive.jpg", "wide.gif", "lossy.webp", "lossless.webp", "alpha.webp"] {
            XCTAssertEqual(try size(name), ImageSize(width: 37, height: 23), name)
        }
    }

    func testSizesOverAByteUseEveryBitOfTheirFields() throws {
        // 300×1000: the 14-bit fields of VP8 and VP8L span more than one byte.
        XCTAssertEqual(try size("big-lossless.webp"), ImageSize(width: 300, height: 1000))
        XCTAssertEqual(try size("big-lossy.webp"), ImageSize(width: 300, height: 1000))
    }

    func testJPEGSegmentsBeforeTheFrameAreSkipped() {
        // A Huffman table (C4) may come before the frame header: it is not a frame.
        let bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xC4, 0x00, 0x06, 0x10, 0x20, 0x30, 0x40,
                              0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0x2C, 0x02, 0x58, 0x03]
        XCTAssertEqual(ImageSize.read(Data(bytes)), ImageSize(width: 600, height: 300))
    }

    func testJPEGTurnedByItsExifOrientationIsShownTurned() throws {
        // Orientation 6 (rotate 90° clockwise): browsers show it 23 wide and 37 high.
        XCTAssertEqual(try size("rotated.jpg"), ImageSize(width: 23, height: 37))
    }

    func testSVGSizeFromWidthHeightAndViewBox() throws {
        XCTAssertEqual(try size("tall.svg"), ImageSize(width: 40, height: 100), "a width and the viewBox's proportions")
        XCTAssertEqual(try size("box.svg"), ImageSize(width: 641, height: 360), "a percentage width: the viewBox")
        XCTAssertEqual(ImageSize.svg("<svg width='300' height=\"150px\" viewBox=\"0 0 10 10\">"), ImageSize(width: 300, height: 150))
        XCTAssertEqual(ImageSize.svg("<svg height=\"50\" viewBox=\"0 0 200 100\">"), ImageSize(width: 100, height: 50))
        XCTAssertNil(ImageSize.svg("<svg width=\"2em\">"), "no pixels and no viewBox: no size")
        XCTAssertNil(ImageSize.svg("<html><body>not an image</body></html>"))
    }

    func testCutOrForeignBytesGiveNoSize() throws {
        let png = try Data(contentsOf: Self.folder.appendingPathComponent("wide.png"))
        XCTAssertNil(ImageSize.read(png.prefix(20)), "a PNG cut before its size")
        let jpeg = try Data(contentsOf: Self.folder.appendingPathComponent("wide.jpg"))
        XCTAssertNil(ImageSize.read(jpeg.prefix(30)), "a JPEG cut before its frame")
        XCTAssertNil(ImageSize.read(Data("%PDF-1.7\n".utf8)))
        XCTAssertNil(ImageSize.read(Data()))
    }
}
