import Yams

/// Where a node starts: line and column from 1, columns counted in Unicode scalars (as libyaml does).
struct YAMLMark: Sendable, Equatable {
    var line: Int
    var column: Int
}

/// A composed YAML node as Dossier reads it, whichever reader made it: `SimpleYAML` for the plain
/// front matter most files have, Yams for everything else. It keeps what the decoders use of
/// Yams' `Node` (values, scalar styles, an explicit `!!null` tag, positions) under the same names,
/// so that both readers give the same tree and the decoders cannot tell them apart.
indirect enum YAMLNode: Sendable, Equatable {
    struct Scalar: Sendable, Equatable {
        enum Style: Sendable, Equatable { case any, plain, singleQuoted, doubleQuoted, literal, folded }
        var string: String
        var style: Style
        /// Tagged `!!null` explicitly (a basic resolver types no plain scalar).
        var isNullTagged = false
        var mark: YAMLMark?
    }

    case scalar(Scalar)
    case sequence([YAMLNode], mark: YAMLMark?)
    case mapping([Pair], mark: YAMLMark?)
    case alias(mark: YAMLMark?)

    struct Pair: Sendable, Equatable {
        var key: YAMLNode
        var value: YAMLNode
    }

    var scalar: Scalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }

    var sequence: [YAMLNode]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }

    var mapping: [(key: YAMLNode, value: YAMLNode)]? {
        if case .mapping(let pairs, _) = self { return pairs.map { ($0.key, $0.value) } }
        return nil
    }

    var mark: YAMLMark? {
        switch self {
        case .scalar(let scalar): return scalar.mark
        case .sequence(_, let mark), .mapping(_, let mark), .alias(let mark): return mark
        }
    }

    /// A scalar's text; nil for anything else.
    var string: String? { scalar?.string }

    /// Yams' composed tree, as it is.
    init(_ node: Node) {
        func mark(_ m: Mark?) -> YAMLMark? { m.map { YAMLMark(line: $0.line, column: $0.column) } }
        switch node {
        case .scalar(let scalar):
            let style: Scalar.Style = switch scalar.style {
            case .any: .any
            case .plain: .plain
            case .singleQuoted: .singleQuoted
            case .doubleQuoted: .doubleQuoted
            case .literal: .literal
            case .folded: .folded
            }
            self = .scalar(Scalar(string: scalar.string, style: style, isNullTagged: scalar.tag == .init(.null), mark: mark(scalar.mark)))
        case .sequence(let sequence):
            self = .sequence(sequence.map(YAMLNode.init), mark: mark(sequence.mark))
        case .mapping(let mapping):
            self = .mapping(mapping.map { Pair(key: YAMLNode($0.key), value: YAMLNode($0.value)) }, mark: mark(mapping.mark))
        case .alias(let alias):
            self = .alias(mark: mark(alias.mark))
        }
    }
}
