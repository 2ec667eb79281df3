import Foundation

/// The size an image is shown at, read from its first bytes (PNG, JPEG, GIF, WebP) or its root
/// element (SVG), so that `<img>` can carry `width` and `height` and the page does not shift as
/// images arrive. Only headers are read: no image is decoded.
struct ImageSize: Sendable, Equatable, CustomStringConvertible {
    var width: Int
    var height: Int

    var description: String { "\(width)×\(height)" }

    /// File extensions whose size can be read, lower-cased.
    static let extensions: Set<String> = ["png", "jpg", "jpeg", "gif", "webp", "svg"]

    /// Bytes enough for every header but an SVG's or a JPEG's with large metadata before its frame.
    static let headerBytes = 64 * 1024

    /// The size of an image file's bytes, or nil when they are not an image of a known kind or
    /// its header is cut short.
    static func read(_ data: Data) -> ImageSize? {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return png(bytes) }
        if bytes.starts(with: [0xFF, 0xD8]) { return jpeg(bytes) }
        if bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8)) { return gif(bytes) }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { return webp(bytes) }
        return svg(String(decoding: bytes, as: UTF8.self))
    }

    /// The IHDR chunk follows the signature: width and height, big-endian.
    static func png(_ b: [UInt8]) -> ImageSize? {
        guard b.count >= 24, Array(b[12..<16]) == Array("IHDR".utf8) else { return nil }
        return positive(Int(be32(b, 16)), Int(be32(b, 20)))
    }

    /// Logical screen width and height, little-endian.
    static func gif(_ b: [UInt8]) -> ImageSize? {
        guard b.count >= 10 else { return nil }
        return positive(Int(b[6]) | Int(b[7]) << 8, Int(b[8]) | Int(b[9]) << 8)
    }

    /// The frame size of the first start-of-frame segment, turned when the Exif orientation says
    /// the image is shown rotated by a quarter (browsers apply it).
    static func jpeg(_ b: [UInt8]) -> ImageSize? {
        var i = 2
        var quarterTurn = false
        while i + 4 <= b.count {
            guard b[i] == 0xFF else { return nil }
            let marker = b[i + 1]
            if marker == 0xFF { i += 1; continue }  // fill byte
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }  // no length
            let length = Int(be16(b, i + 2))
            guard length >= 2 else { return nil }
            let segment = i + 4
            if marker == 0xE1, segment + 6 <= b.count, Array(b[segment..<segment + 6]) == [0x45, 0x78, 0x69, 0x66, 0, 0] {
                if let orientation = exifOrientation(b, tiff: segment + 6, end: min(b.count, i + 2 + length)) {
                    quarterTurn = (5...8).contains(orientation)
                }
            }
            // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC).
            if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                guard segment + 5 <= b.count else { return nil }
                let height = Int(be16(b, segment + 1)), width = Int(be16(b, segment + 3))
                return quarterTurn ? positive(height, width) : positive(width, height)
            }
            i += 2 + length
        }
        return nil
    }

    /// Tag 0x0112 of the first IFD of an Exif block (byte order from its TIFF header).
    static func exifOrientation(_ b: [UInt8], tiff: Int, end: Int) -> Int? {
        guard tiff + 8 <= end else { return nil }
        let little = b[tiff] == 0x49 && b[tiff + 1] == 0x49
        guard little || (b[tiff] == 0x4D && b[tiff + 1] == 0x4D) else { return nil }
        func u16(_ at: Int) -> Int { little ? Int(b[at]) | Int(b[at + 1]) << 8 : Int(be16(b, at)) }
        func u32(_ at: Int) -> Int {
            little ? Int(b[at]) | Int(b[at + 1]) << 8 | Int(b[at + 2]) << 16 | Int(b[at + 3]) << 24 : Int(be32(b, at))
        }
        let ifd = tiff + u32(tiff + 4)
        guard ifd + 2 <= end else { return nil }
        let count = u16(ifd)
        for n in 0..<count {
            let entry = ifd + 2 + n * 12
            guard entry + 12 <= end else { return nil }
            if u16(entry) == 0x0112 { return u16(entry + 8) }
        }
        return nil
    }

    /// VP8 (lossy), VP8L (lossless) or VP8X (extended) as the first chunk.
    static func webp(_ b: [UInt8]) -> ImageSize? {
        guard b.count >= 30 else { return nil }
        switch String(decoding: b[12..<16], as: UTF8.self) {
        case "VP8 ":
            // Frame tag (3 bytes), start code 9D 01 2A, then 14-bit width and height.
            guard b[23] == 0x9D, b[24] == 0x01, b[25] == 0x2A else { return nil }
            return positive((Int(b[26]) | Int(b[27]) << 8) & 0x3FFF, (Int(b[28]) | Int(b[29]) << 8) & 0x3FFF)
        case "VP8L":
            guard b[20] == 0x2F else { return nil }
            let b0 = Int(b[21]), b1 = Int(b[22]), b2 = Int(b[23]), b3 = Int(b[24])
            return positive(1 + (((b1 & 0x3F) << 8) | b0), 1 + (((b3 & 0x0F) << 10) | (b2 << 2) | ((b1 & 0xC0) >> 6)))
        case "VP8X":
            return positive(1 + (Int(b[24]) | Int(b[25]) << 8 | Int(b[26]) << 16),
                            1 + (Int(b[27]) | Int(b[28]) << 8 | Int(b[29]) << 16))
        default:
            return nil
        }
    }

    /// The root `<svg>` element's `width` and `height` in pixels (unitless or `px`), else its
    /// `viewBox` size, scaled to a given width or height when only one is set.
    static func svg(_ text: String) -> ImageSize? {
        guard let start = text.range(of: "<svg", options: [.caseInsensitive]) else { return nil }
        // Before the root: an XML declaration, comments, a doctype (none of which holds "<svg").
        guard let end = text[start.upperBound...].firstIndex(of: ">") else { return nil }
        let tag = String(text[start.upperBound..<end])
        var attributes: [String: String] = [:]
        for match in tag.matches(of: /([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("([^"]*)"|'([^']*)')/) {
            attributes[String(match.1)] = String(match.3 ?? match.4 ?? "")
        }
        func pixels(_ name: String) -> Double? {
            guard var value = attributes[name]?.trimmingCharacters(in: .whitespaces) else { return nil }
            if value.hasSuffix("px") { value.removeLast(2) }
            guard let number = Double(value), number > 0, number.isFinite else { return nil }
            return number
        }
        var box: (Double, Double)?
        if let viewBox = attributes["viewBox"] {
            let parts = viewBox.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" || $0 == "\t" }).compactMap { Double($0) }
            if parts.count == 4, parts[2] > 0, parts[3] > 0 { box = (parts[2], parts[3]) }
        }
        let width = pixels("width"), height = pixels("height")
        switch (width, height, box) {
        case let (w?, h?, _): return positive(Int(w.rounded()), Int(h.rounded()))
        case let (w?, nil, (bw, bh)?): return positive(Int(w.rounded()), Int((w * bh / bw).rounded()))
        case let (nil, h?, (bw, bh)?): return positive(Int((h * bw / bh).rounded()), Int(h.rounded()))
        case let (nil, nil, (bw, bh)?): return positive(Int(bw.rounded()), Int(bh.rounded()))
        default: return nil
        }
    }

    private static func positive(_ width: Int, _ height: Int) -> ImageSize? {
        width > 0 && height > 0 ? ImageSize(width: width, height: height) : nil
    }

    private static func be16(_ b: [UInt8], _ at: Int) -> UInt16 { UInt16(b[at]) << 8 | UInt16(b[at + 1]) }
    private static func be32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
    }
}
