/// What a context can hold: used by `TemplateLibrary.check` to find names no context can have,
/// and by `documentation()` to list what a template may use.
public indirect enum Shape: Sendable, Hashable {
    public enum Scalar: Sendable, Hashable { case text, number, bool }

    case scalar(Scalar)
    /// Trusted markup, written with `{{{x}}}`.
    case html
    case list(Shape)
    case object([ShapeField])
    /// May be absent (`null`); otherwise the wrapped shape.
    case optional(Shape)
    /// Any name may exist below (a briefing's `params`).
    case open
    /// A map whose fields the host knows only at build time (a collection row's fields, from its
    /// data dictionary). `check` treats it as `.open` until `refining` replaces it.
    case dynamic(String)

    public static let text = Shape.scalar(.text)
    public static let number = Shape.scalar(.number)
    public static let bool = Shape.scalar(.bool)

    /// Replaces every `.dynamic(id)` whose id has an entry in `shapes`.
    public func refining(_ shapes: [String: Shape]) -> Shape {
        switch self {
        case .dynamic(let id): return shapes[id] ?? self
        case .list(let element): return .list(element.refining(shapes))
        case .optional(let wrapped): return .optional(wrapped.refining(shapes))
        case .object(let fields):
            return .object(fields.map { ShapeField($0.name, $0.shape.refining(shapes), $0.doc) })
        case .scalar, .html, .open: return self
        }
    }

    /// The shape without `.optional` wrappers.
    var unwrapped: Shape {
        if case .optional(let wrapped) = self { return wrapped.unwrapped }
        return self
    }
}

public struct ShapeField: Sendable, Hashable {
    public var name: String
    public var shape: Shape
    public var doc: String

    public init(_ name: String, _ shape: Shape, _ doc: String = "") {
        self.name = name
        self.shape = shape
        self.doc = doc
    }
}

/// A Swift type templates can render: its shape (for checking and docs) and its value.
public protocol TemplateValue: SendableMetatype {
    static var shape: Shape { get }
    var value: Value { get }
}

// The conversions are @inlinable so that they are specialized for the view-model types in the
// module that declares them: a view model's value is then built without generic dispatch.

extension String: TemplateValue {
    public static var shape: Shape { .text }
    @inlinable public var value: Value { .text(self) }
}

extension Int: TemplateValue {
    public static var shape: Shape { .number }
    @inlinable public var value: Value { .int(self) }
}

extension Double: TemplateValue {
    public static var shape: Shape { .number }
    @inlinable public var value: Value { .double(self) }
}

extension Bool: TemplateValue {
    public static var shape: Shape { .bool }
    @inlinable public var value: Value { .bool(self) }
}

extension Optional: TemplateValue where Wrapped: TemplateValue {
    public static var shape: Shape { .optional(Wrapped.shape) }
    @inlinable public var value: Value { self?.value ?? .null }
}

extension Array: TemplateValue where Element: TemplateValue {
    public static var shape: Shape { .list(Element.shape) }
    @inlinable public var value: Value { .list(map { $0.value }) }
}

extension Value: TemplateValue {
    public static var shape: Shape { .open }
    public var value: Value { self }
}

/// A typed view model whose template-visible fields are declared once, in `fields`; its value
/// and its shape (with docs) both come from that declaration:
///
///     struct CardView: Presentable {
///         var title: String
///         var summary: String?
///         static let fields = Fields<CardView>(
///             .field("title", \.title, "The briefing's title"),
///             .field("summary", \.summary, "One sentence, when the briefing has one"))
///     }
public protocol Presentable: TemplateValue {
    static var fields: Fields<Self> { get }
}

extension Presentable {
    public static var shape: Shape { fields.shape }
    @inlinable public var value: Value { Self.fields.value(of: self) }
}

/// The template-visible fields of a view model, in order.
public struct Fields<Root>: Sendable {
    public let keys: KeyList
    public let shape: Shape
    @usableFromInline let getters: [@Sendable (Root) -> Value]

    public init(_ fields: Field<Root>...) { self.init(fields) }

    public init(_ fields: [Field<Root>]) {
        keys = KeyList(fields.map { Key($0.name) })
        shape = .object(fields.map { ShapeField($0.name, $0.shape, $0.doc) })
        getters = fields.map { $0.get }
    }

    @inlinable
    public func value(of root: Root) -> Value {
        var values: [Value] = []
        values.reserveCapacity(getters.count)
        for get in getters { values.append(get(root)) }
        return .object(Object(keys: keys, values: values))
    }
}

public struct Field<Root>: Sendable {
    public let name: String
    public let doc: String
    public let shape: Shape
    @usableFromInline let get: @Sendable (Root) -> Value

    @usableFromInline
    init(name: String, doc: String, shape: Shape, get: @escaping @Sendable (Root) -> Value) {
        self.name = name
        self.doc = doc
        self.shape = shape
        self.get = get
    }

    /// A stored property. `shape` overrides the type's own (e.g. `.dynamic("row")` for a `DynamicMap`).
    @inlinable
    public static func field<T: TemplateValue>(
        _ name: String, _ path: KeyPath<Root, T> & Sendable, _ doc: String, shape: Shape? = nil
    ) -> Field {
        Field(name: name, doc: doc, shape: shape ?? T.shape, get: { $0[keyPath: path].value })
    }

    /// A computed value.
    @inlinable
    public static func field<T: TemplateValue>(
        _ name: String, _ doc: String, shape: Shape? = nil, _ get: @escaping @Sendable (Root) -> T
    ) -> Field {
        Field(name: name, doc: doc, shape: shape ?? T.shape, get: { get($0).value })
    }
}

// MARK: - Documentation

extension Shape {
    /// A Markdown list of the names a template may use in a context of this shape, nested lists
    /// and objects indented below their field, in declaration order: the same shape always gives
    /// the same text, so a test can keep a README from drifting.
    ///
    ///     - `title` (text): The briefing's title
    ///     - `clusters` (list of objects): The clusters it names
    ///       - `name` (text): …
    public func documentation() -> String {
        var lines: [String] = []
        Self.document(self, depth: 0, into: &lines)
        return lines.map { $0 + "\n" }.joined()
    }

    private static func document(_ shape: Shape, depth: Int, into lines: inout [String]) {
        guard case .object(let fields) = shape.elementShape else { return }
        let indent = String(repeating: "  ", count: depth)
        for field in fields {
            let doc = field.doc.isEmpty ? "" : ": \(field.doc)"
            lines.append("\(indent)- `\(field.name)` (\(field.shape.kindDescription))\(doc)")
            document(field.shape, depth: depth + 1, into: &lines)
        }
    }

    /// The object whose fields a section over this shape exposes.
    private var elementShape: Shape {
        switch self {
        case .optional(let wrapped): return wrapped.elementShape
        case .list(let element): return element.elementShape
        default: return self
        }
    }

    /// "text", "list of objects", "optional number", …
    public var kindDescription: String {
        switch self {
        case .scalar(.text): return "text"
        case .scalar(.number): return "number"
        case .scalar(.bool): return "yes/no"
        case .html: return "HTML"
        case .object: return "object"
        case .open: return "any names"
        case .dynamic(let id): return "fields of \(id)"
        case .optional(let wrapped): return "optional " + wrapped.kindDescription
        case .list(let element):
            switch element.unwrapped {
            case .object: return "list of objects"
            case .list: return "list of lists"
            case .scalar(.text): return "list of text"
            case .scalar(.number): return "list of numbers"
            case .scalar(.bool): return "list of yes/no"
            case .html: return "list of HTML"
            default: return "list of " + element.kindDescription
            }
        }
    }
}
