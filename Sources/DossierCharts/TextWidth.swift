/// Estimates rendered text width without a font engine: per-character advance widths of a
/// typical sans-serif (Helvetica/Arial metrics, in em), 1 em for CJK, 0.6 em for anything else.
/// Good to a few percent for Latin text, which is enough to keep labels from colliding.
public enum TextWidth {
    private static let ascii: [Double] = {
        var w = [Double](repeating: 0.556, count: 128)
        func set(_ chars: String, _ width: Double) { for c in chars.unicodeScalars { w[Int(c.value)] = width } }
        set(" ", 0.278); set("!,.:;|", 0.278); set("'", 0.191); set("\"", 0.355)
        set("()[]{}", 0.333); set("-", 0.333); set("/\\", 0.278)
        set("ijl", 0.222); set("ft", 0.278); set("r", 0.333); set("I", 0.278); set("J", 0.5)
        set("abcdeghknopqsuvxyz", 0.556); set("0123456789", 0.556); set("c", 0.5); set("sz", 0.5)
        set("mw", 0.833); set("M", 0.833); set("W", 0.944); set("ABEKPSVXY", 0.667)
        set("CDHNRU", 0.722); set("GOQ", 0.778); set("FTZL", 0.611); set("&", 0.667); set("%", 0.889)
        return w
    }()

    public static func width(_ text: String, fontSize: Double) -> Double {
        var em = 0.0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 128 {
                em += ascii[Int(v)]
            } else if (0x2E80...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFFEF).contains(v) {
                em += 1.0
            } else if (0x2000...0x206F).contains(v) {
                em += 0.5  // dashes, quotes, thin spaces
            } else {
                em += 0.6
            }
        }
        return em * fontSize
    }
}
