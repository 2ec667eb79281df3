import DossierModel

/// A `{{@name}} … {{/name}}` tag as the host's handler sees it: the body rendered against the
/// current context, where `{{x}}` wrote each value as a YAML/JSON double-quoted string.
public struct ComponentCall: Sendable {
    public var name: String
    public var body: String
    /// The template file and the position of the `{{@name}}` tag.
    public var path: String
    public var line: Int
    public var column: Int
    /// The template line where the body starts (the line after the tag when the tag stands alone),
    /// so a handler can turn a line of the body into a line of the template.
    public var bodyLine: Int

    public init(name: String, body: String, path: String, line: Int, column: Int, bodyLine: Int) {
        self.name = name
        self.body = body
        self.path = path
        self.line = line
        self.column = column
        self.bodyLine = bodyLine
    }
}

public enum ComponentOutput: Sendable {
    /// Markup inserted as it is.
    case html(String)
    /// Nothing is inserted; the diagnostics go to `Rendered.diagnostics`.
    case failed([Diagnostic])
}

public typealias ComponentHandler = @Sendable (ComponentCall) -> ComponentOutput

/// A rendered page: UTF-8 bytes and what went wrong on the way (component failures, runaway
/// recursion, a dynamic partial that names nothing).
public struct Rendered: Sendable {
    public var bytes: [UInt8]
    public var diagnostics: [Diagnostic]

    public var string: String { String(decoding: bytes, as: UTF8.self) }
}

extension TemplateLibrary {
    /// Nested partials and parents deeper than this stop with an error instead of overflowing the stack.
    public static let maximumDepth = 200

    public func render(_ name: String, _ context: Value, components: [String: ComponentHandler] = [:]) -> Rendered {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16 * 1024)
        let diagnostics = render(name, context, into: &bytes, components: components)
        return Rendered(bytes: bytes, diagnostics: diagnostics)
    }

    /// Appends the rendering to `output` (reuse one buffer across pages to save allocations).
    public func render(
        _ name: String, _ context: Value, into output: inout [UInt8], components: [String: ComponentHandler] = [:]
    ) -> [Diagnostic] {
        guard let t = program.templateIndex[name] else {
            return [.error(name, "no template named '\(name)'")]
        }
        var machine = Machine(program: program, handlers: program.componentNames.map { components[$0] })
        swap(&machine.out, &output)
        withUnsafePointer(to: context) { root in
            machine.push(root)
            let template = program.templates[t]
            machine.run(template.start, template.end)
        }
        swap(&machine.out, &output)
        return machine.diagnostics
    }
}

/// The renderer's state for one page.
///
/// The context stack holds pointers to values inside the context being rendered, which is alive
/// and unchanged for the whole render: pushing, popping and looking up cost no reference counting.
struct Machine {
    struct Frame {
        var value: UnsafePointer<Value>
        /// The object, when the value is one.
        var object: Unmanaged<ObjectStorage>?
    }

    let program: Program
    let ops: UnsafeMutableBufferPointer<Op>
    let bytes: UnsafeMutablePointer<UInt8>
    let names: UnsafeMutableBufferPointer<Program.Name>
    let restKeys: UnsafeMutableBufferPointer<Int32>
    let handlers: [ComponentHandler?]
    var out: [UInt8] = []
    var stack: [Frame] = []
    /// The indentation written at each line start: standalone partials and blocks add to it.
    var indent: [UInt8] = []
    /// Override tables of the parents being rendered, outermost first (the outermost wins).
    var frames: [Int32] = []
    /// Inside a component body, `{{x}}` writes a quoted string instead of escaped HTML.
    var quoting = false
    var depth = 0
    var diagnostics: [Diagnostic] = []

    init(program: Program, handlers: [ComponentHandler?]) {
        self.program = program
        self.ops = program.ops
        self.bytes = program.bytes.baseAddress!
        self.names = program.names
        self.restKeys = program.restKeys
        self.handlers = handlers
        stack.reserveCapacity(16)
    }

    @inline(__always)
    mutating func push(_ value: UnsafePointer<Value>) {
        var object: Unmanaged<ObjectStorage>?
        if case .object(let o) = value.pointee { object = .passUnretained(o.storage) }
        stack.append(Frame(value: value, object: object))
    }

    mutating func run(_ start: Int, _ end: Int) {
        var pc = start
        while pc < end {
            switch ops[pc] {
            case .text(let offset, let count):
                out.append(contentsOf: UnsafeBufferPointer(start: bytes + Int(offset), count: Int(count)))
            case .lineStart:
                if !indent.isEmpty { out.append(contentsOf: indent) }
            case .variable(let name, let escaped):
                if let value = lookup(name) { write(value, escaped: escaped) }
            case .section(let name, let bodyEnd):
                if let value = lookup(name) {
                    if case .list(let items) = value.pointee {
                        items.withUnsafeBufferPointer { items in
                            for i in 0..<items.count {
                                push(items.baseAddress! + i)
                                run(pc + 1, Int(bodyEnd))
                                stack.removeLast()
                            }
                        }
                    } else if value.pointee.isTruthy {
                        push(value)
                        run(pc + 1, Int(bodyEnd))
                        stack.removeLast()
                    }
                }
                pc = Int(bodyEnd)
                continue
            case .inverted(let name, let bodyEnd):
                if !(lookup(name)?.pointee.isTruthy ?? false) { run(pc + 1, Int(bodyEnd)) }
                pc = Int(bodyEnd)
                continue
            case .partial(let template, let indentation):
                call(Int(template), indentation: indentation, at: pc)
            case .dynamicPartial(let name, let indentation):
                if case .text(let target)? = lookup(name)?.pointee, let t = program.templateIndex[target] {
                    call(t, indentation: indentation, at: pc)
                }
            case .parent(let template, let table, let indentation, let bodyEnd):
                frames.append(table)
                call(Int(template), indentation: indentation, at: pc)
                frames.removeLast()
                pc = Int(bodyEnd)
                continue
            case .block(let id, let indentation, let bodyEnd):
                let added = pushIndent(indentation)
                if let override = findOverride(id) {
                    run(Int(override.start), Int(override.end))
                } else {
                    run(pc + 1, Int(bodyEnd))
                }
                popIndent(added)
                pc = Int(bodyEnd)
                continue
            case .component(let id, let bodyEnd):
                component(Int(id), body: pc + 1, end: Int(bodyEnd), at: pc)
                pc = Int(bodyEnd)
                continue
            }
            pc += 1
        }
    }

    // MARK: Names

    /// The first segment is looked up from the innermost context outwards; later segments only
    /// in what the first found (the spec's rule: no fallback once the chain starts).
    @inline(__always)
    func lookup(_ nameIndex: Int32) -> UnsafePointer<Value>? {
        let name = names[Int(nameIndex)]
        if name.first < 0 { return stack.last?.value }
        var i = stack.count - 1
        while i >= 0 {
            if let object = stack[i].object,
                let found = object._withUnsafeGuaranteedRef({ $0.pointer(to: name.first) })
            {
                var value = found
                var k = Int(name.restStart)
                let end = k + Int(name.restCount)
                while k < end {
                    guard case .object(let inner) = value.pointee, let next = inner.storage.pointer(to: restKeys[k]) else {
                        return nil
                    }
                    value = next
                    k += 1
                }
                return value
            }
            i -= 1
        }
        return nil
    }

    // MARK: Calls

    private mutating func pushIndent(_ indentation: Int32) -> Int {
        guard indentation >= 0 else { return 0 }
        let span = program.indents[Int(indentation)]
        indent.append(contentsOf: UnsafeBufferPointer(start: bytes + Int(span.start), count: Int(span.count)))
        return Int(span.count)
    }

    private mutating func popIndent(_ count: Int) {
        if count > 0 { indent.removeLast(count) }
    }

    private mutating func call(_ t: Int, indentation: Int32, at pc: Int) {
        guard depth < TemplateLibrary.maximumDepth else {
            let name = program.templates[t].name
            diagnostics.append(program.diagnostic(.error, at: pc,
                "templates nest more than \(TemplateLibrary.maximumDepth) levels deep here (does '\(name)' include itself for ever?)"))
            return
        }
        depth += 1
        let added = pushIndent(indentation)
        let range = program.templates.withUnsafeBufferPointer { ($0[t].start, $0[t].end) }
        run(range.0, range.1)
        popIndent(added)
        depth -= 1
    }

    private func findOverride(_ block: Int32) -> Program.Override? {
        for table in frames {
            for override in program.overrideTable(table) where override.block == block { return override }
        }
        return nil
    }

    private mutating func component(_ id: Int, body: Int, end: Int, at pc: Int) {
        var text: [UInt8] = []
        text.reserveCapacity(256)
        swap(&out, &text)
        let wasQuoting = quoting
        quoting = true
        run(body, end)
        quoting = wasQuoting
        swap(&out, &text)

        let site = program.sites[pc]
        let name = program.componentNames[id]
        guard let handler = handlers[id] else {
            diagnostics.append(program.diagnostic(.error, at: pc, "no handler for component '\(name)' was given to render"))
            return
        }
        let call = ComponentCall(
            name: name, body: String(decoding: text, as: UTF8.self), path: program.templates[Int(site.template)].path,
            line: Int(site.line), column: Int(site.column), bodyLine: Int(site.bodyLine))
        switch handler(call) {
        case .html(let markup): appendRaw(markup)
        case .failed(let problems): diagnostics += problems
        }
    }

    // MARK: Output

    mutating func write(_ pointer: UnsafePointer<Value>, escaped: Bool) {
        switch pointer.pointee {
        case .null:
            break
        case .text(let s), .html(let s):
            if !escaped { appendRaw(s) } else if quoting { appendQuoted(s) } else { appendEscaped(s) }
        case .int(let i):
            appendRaw(String(i))
        case .double(let d):
            appendRaw(Self.format(d))
        case .bool(let b):
            appendStatic(b ? "true" : "false")
        case .list, .object:
            // Nothing sensible in HTML; a component body gets JSON (valid YAML flow style).
            if quoting && escaped { appendJSON(pointer.pointee) }
        }
    }

    /// Shortest round-tripping form (1.21 → "1.21"); whole numbers without ".0".
    static func format(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }

    @inline(__always)
    mutating func appendStatic(_ s: StaticString) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    @inline(__always)
    mutating func appendRaw(_ s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ out.append(contentsOf: $0) }) == nil { out.append(contentsOf: s.utf8) }
    }

    /// HTML escaping of & < > " ' at the byte level, copying runs that need none in one go.
    mutating func appendEscaped(_ s: String) {
        var s = s
        if s.utf8.withContiguousStorageIfAvailable({ escape($0) }) == nil {
            s.withUTF8 { escape($0) }
        }
    }

    @inline(__always)
    private mutating func escape(_ bytes: UnsafeBufferPointer<UInt8>) {
        var run = 0
        for i in 0..<bytes.count {
            let c = bytes[i]
            if c > 0x3E { continue }  // most bytes: letters and everything above '>'
            let replacement: StaticString
            switch c {
            case 0x26: replacement = "&amp;"
            case 0x3C: replacement = "&lt;"
            case 0x3E: replacement = "&gt;"
            case 0x22: replacement = "&quot;"
            case 0x27: replacement = "&#39;"
            default: continue
            }
            if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i])) }
            appendStatic(replacement)
            run = i + 1
        }
        if run < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<bytes.count])) }
    }

    /// A JSON string literal, which YAML reads as a double-quoted scalar: a title with a colon,
    /// a quote or a newline cannot break the component's YAML.
    mutating func appendQuoted(_ s: String) {
        var s = s
        out.append(0x22)
        s.withUTF8 { bytes in
            var run = 0
            for i in 0..<bytes.count {
                let c = bytes[i]
                guard c < 0x20 || c == 0x22 || c == 0x5C else { continue }
                if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i])) }
                switch c {
                case 0x22: appendStatic("\\\"")
                case 0x5C: appendStatic("\\\\")
                case 0x0A: appendStatic("\\n")
                case 0x0D: appendStatic("\\r")
                case 0x09: appendStatic("\\t")
                default:
                    let hex = String(c, radix: 16)
                    appendRaw("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                }
                run = i + 1
            }
            if run < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<bytes.count])) }
        }
        out.append(0x22)
    }

    mutating func appendJSON(_ value: Value) {
        switch value {
        case .null: appendStatic("null")
        case .bool(let b): appendStatic(b ? "true" : "false")
        case .int(let i): appendRaw(String(i))
        case .double(let d): appendRaw(Self.format(d))
        case .text(let s), .html(let s): appendQuoted(s)
        case .list(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { appendStatic(", ") }
                appendJSON(item)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            for (i, (key, item)) in zip(object.keys.keys, object.values).enumerated() {
                if i > 0 { appendStatic(", ") }
                appendQuoted(key.name)
                appendStatic(": ")
                appendJSON(item)
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}
