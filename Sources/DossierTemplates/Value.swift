/// What a template renders: typed, so a lookup never casts.
///
/// `{{x}}` escapes `.text` (and, with a warning from `check`, `.html`); `{{{x}}}` and `{{&x}}`
/// write either as it is. Falsy in sections: `.null`, `false`, an empty list, empty text or
/// HTML (the spec leaves empty strings truthy; a site never wants an empty `<p>` for one).
public enum Value: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case text(String)
    /// Trusted markup: a rendered Markdown body, an SVG chart.
    case html(String)
    case list([Value])
    case object(Object)

    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .int, .double, .object: return true
        case .text(let s), .html(let s): return !s.isEmpty
        case .list(let items): return !items.isEmpty
        }
    }

    /// `self[key]` when this is an object. (Inside `Value`, `Key` would be the dictionary
    /// literal's key type, hence the module name.)
    public subscript(key: DossierTemplates.Key) -> Value? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    public subscript(name: String) -> Value? { self[DossierTemplates.Key(name)] }
}

/// Ordered keys and their values. Objects of one view-model type share one `KeyList`.
public struct Object: @unchecked Sendable {  // its storage is immutable after init
    let storage: ObjectStorage

    public init(keys: KeyList, values: [Value]) {
        precondition(keys.count == values.count, "an object needs one value per key")
        storage = ObjectStorage.make(keys: keys, values: values)
    }

    /// An object with its own key list (for dynamic data; view models share theirs).
    public init(_ pairs: [(String, Value)]) {
        self.init(keys: KeyList(pairs.map { Key($0.0) }), values: pairs.map(\.1))
    }

    public var keys: KeyList { storage.header }
    public var values: [Value] { storage.withUnsafeMutablePointerToElements { Array(UnsafeBufferPointer(start: $0, count: storage.header.count)) } }
    public var pairs: [(Key, Value)] { Array(zip(keys.keys, values)) }

    public subscript(key: Key) -> Value? { storage.pointer(to: key.id)?.pointee }
    public subscript(name: String) -> Value? { self[Key(name)] }
}

/// An object's values, allocated with the object. The renderer keeps pointers to them while the
/// context it renders (and so every object in it) is alive and unchanged: no retain per lookup.
final class ObjectStorage: ManagedBuffer<KeyList, Value> {
    static func make(keys: KeyList, values: [Value]) -> ObjectStorage {
        let buffer = ObjectStorage.create(minimumCapacity: values.count) { _ in keys }
        buffer.withUnsafeMutablePointerToElements { elements in
            _ = UnsafeMutableBufferPointer(start: elements, count: values.count).initialize(from: values)
        }
        return unsafeDowncast(buffer, to: ObjectStorage.self)
    }

    deinit {
        _ = withUnsafeMutablePointers { header, elements in elements.deinitialize(count: header.pointee.count) }
    }

    /// Where the value of `id` is stored, or nil. Valid while this object is alive.
    @inline(__always)
    func pointer(to id: Int32) -> UnsafePointer<Value>? {
        guard let index = header.index(of: id) else { return nil }
        return withUnsafeMutablePointerToElements { UnsafePointer($0 + index) }
    }
}

extension Value: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(arrayLiteral elements: Value...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, Value)...) { self = .object(Object(elements)) }
}

extension Value: Equatable {
    public static func == (a: Value, b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y
        case (.text(let x), .text(let y)), (.html(let x), .html(let y)): return x == y
        case (.list(let x), .list(let y)): return x == y
        case (.object(let x), .object(let y)):
            return x.keys.keys == y.keys.keys && x.values == y.values
        default: return false
        }
    }
}

extension Value: CustomStringConvertible {
    /// A JSON-like rendering, for test failures and debugging.
    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return "\(b)"
        case .int(let i): return "\(i)"
        case .double(let d): return "\(d)"
        case .text(let s): return "\"\(s)\""
        case .html(let s): return "html(\"\(s)\")"
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .object(let o): return "{" + o.pairs.map { "\($0.0.name): \($0.1)" }.joined(separator: ", ") + "}"
        }
    }
}

/// Trusted markup for a view model's field: `{{{field}}}` writes it as it is.
public struct HTML: Sendable, Hashable, TemplateValue {
    public var markup: String
    public init(_ markup: String) { self.markup = markup }
    public static var shape: Shape { .html }
    @inlinable public var value: Value { .html(markup) }
}

/// A map whose keys only content knows: a collection row's fields from its data dictionary,
/// a briefing's `params`. Its shape is `.open` unless the field that holds it declares
/// `.dynamic(id)`, which the host refines at check time (`Shape.refining`).
public struct DynamicMap: Sendable, TemplateValue {
    public var entries: [(String, Value)]
    public init(_ entries: [(String, Value)]) { self.entries = entries }
    public static var shape: Shape { .open }
    @inlinable public var value: Value { .object(Object(entries)) }
}
