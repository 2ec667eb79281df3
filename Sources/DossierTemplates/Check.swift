import DossierModel

extension TemplateLibrary {
    /// Strict variables: walks the template (and every partial, parent and block it renders)
    /// with the shapes its contexts can have, and warns at the tag about
    /// - a name no context there can hold (`{{titel}}`), with the closest known name;
    /// - `{{{x}}}` or `{{&x}}` on plain text (markup in content would get through unescaped);
    /// - `{{x}}` on HTML (it would be escaped twice).
    /// `.open` and unrefined `.dynamic` shapes accept any name below them. Partials are checked
    /// in the context of each include; a tag position is reported once.
    public func check(_ name: String, shape: Shape) -> [Diagnostic] {
        guard let t = program.templateIndex[name] else { return [.error(name, "no template named '\(name)'")] }
        var checker = Checker(program: program, root: t)
        checker.stack = [shape]
        let template = program.templates[t]
        checker.walk(template.start, template.end)
        return checker.found.sorted()
    }
}

struct Checker {
    let program: Program
    let root: Int
    var stack: [Shape] = []
    var frames: [Int32] = []
    var inComponent = false
    /// Template calls being walked, with the shapes they were walked with (for recursion).
    var visiting: Set<Visit> = []
    var found: [Diagnostic] = []
    var seen: Set<Int> = []

    struct Visit: Hashable {
        var template: Int
        var stack: [Shape]
        var frames: [Int32]
    }

    init(program: Program, root: Int) {
        self.program = program
        self.root = root
    }

    enum Resolution {
        case found(Shape)
        /// `prefix` could not hold `segment`; `known` are the names it can hold.
        case unknown(known: [String], prefix: [String], holder: Shape?)
    }

    func resolve(_ spec: NameSpec) -> Resolution {
        guard let first = spec.segments.first else { return .found(stack.last ?? .open) }
        var shape: Shape?
        var visible: [String] = []
        for frame in stack.reversed() {
            switch frame.unwrapped {
            case .object(let fields):
                if let field = fields.first(where: { $0.name == first }) { shape = field.shape }
                visible += fields.map(\.name)
            case .open, .dynamic:
                shape = .open
            default:
                break
            }
            if shape != nil { break }
        }
        guard var current = shape else { return .unknown(known: visible, prefix: [], holder: nil) }
        for (i, segment) in spec.segments.enumerated().dropFirst() {
            switch current.unwrapped {
            case .object(let fields):
                guard let field = fields.first(where: { $0.name == segment }) else {
                    return .unknown(known: fields.map(\.name), prefix: Array(spec.segments[..<i]), holder: current)
                }
                current = field.shape
            case .open, .dynamic:
                return .found(.open)
            default:
                return .unknown(known: [], prefix: Array(spec.segments[..<i]), holder: current)
            }
        }
        return .found(current)
    }

    mutating func warn(at pc: Int, _ message: String) {
        let site = program.sites[pc]
        let tagTemplate = Int(site.template)
        var text = message
        if tagTemplate != root { text += ", included from '\(program.templates[root].name)'" }
        let diagnostic = program.diagnostic(.warning, at: pc, text)
        // Once per tag: a partial included in several contexts may miss a name in more than one.
        if seen.insert(pc).inserted { found.append(diagnostic) }
    }

    /// The shape of a name, or nil after warning that no context can hold it.
    mutating func shape(of nameIndex: Int32, at pc: Int) -> Shape? {
        let spec = program.nameSpecs[Int(nameIndex)]
        switch resolve(spec) {
        case .found(let shape):
            return shape
        case .unknown(let known, let prefix, let holder):
            let templateName = program.templates[Int(program.sites[pc].template)].name
            var message = "unknown name '\(spec.text)' in template '\(templateName)'"
            let segment = spec.segments[prefix.count]
            if let holder, known.isEmpty {
                message += " ('\(prefix.joined(separator: "."))' is \(holder.unwrapped.kindDescription), which has no names)"
            } else if let close = Suggestion.closest(to: segment, in: known) {
                message += " (did you mean '\((prefix + [close]).joined(separator: "."))'?)"
            }
            warn(at: pc, message)
            return nil
        }
    }

    mutating func walk(_ start: Int, _ end: Int) {
        var pc = start
        while pc < end {
            switch program.ops[pc] {
            case .text, .lineStart:
                break
            case .variable(let name, let escaped):
                guard let shape = shape(of: name, at: pc), !inComponent else { break }
                let spec = program.nameSpecs[Int(name)]
                let templateName = program.templates[Int(program.sites[pc].template)].name
                switch (shape.unwrapped, escaped) {
                case (.scalar(.text), false):
                    warn(at: pc, "'\(program.sites[pc].source)' in template '\(templateName)' writes the text '\(spec.text)' without escaping it, so markup in content would get through; use '{{\(spec.text)}}'")
                case (.html, true):
                    warn(at: pc, "'\(program.sites[pc].source)' in template '\(templateName)' escapes '\(spec.text)', which is HTML already, a second time; use '{{{\(spec.text)}}}'")
                default:
                    break
                }
            case .section(let name, let bodyEnd):
                let element: Shape
                if let shape = shape(of: name, at: pc) {
                    switch shape.unwrapped {
                    case .list(let inner): element = inner.unwrapped
                    case .dynamic: element = .open
                    case let other: element = other
                    }
                } else {
                    element = .open  // one warning for the section, not one per name inside it
                }
                stack.append(element)
                walk(pc + 1, Int(bodyEnd))
                stack.removeLast()
                pc = Int(bodyEnd)
                continue
            case .inverted(let name, let bodyEnd):
                _ = shape(of: name, at: pc)
                walk(pc + 1, Int(bodyEnd))
                pc = Int(bodyEnd)
                continue
            case .partial(let template, _):
                call(Int(template))
            case .dynamicPartial(let name, _):
                _ = shape(of: name, at: pc)
            case .parent(let template, let table, _, let bodyEnd):
                frames.append(table)
                call(Int(template))
                frames.removeLast()
                pc = Int(bodyEnd)
                continue
            case .block(let id, _, let bodyEnd):
                if let override = findOverride(id) {
                    walk(Int(override.start), Int(override.end))
                } else {
                    walk(pc + 1, Int(bodyEnd))
                }
                pc = Int(bodyEnd)
                continue
            case .component(_, let bodyEnd):
                let was = inComponent
                inComponent = true
                walk(pc + 1, Int(bodyEnd))
                inComponent = was
                pc = Int(bodyEnd)
                continue
            }
            pc += 1
        }
    }

    private func findOverride(_ block: Int32) -> Program.Override? {
        for table in frames {
            for override in program.overrideTable(table) where override.block == block { return override }
        }
        return nil
    }

    /// Walks a partial or parent with the current shapes, once per distinct situation: a
    /// recursive partial over ever deeper lists stops when nothing new can be learnt.
    private mutating func call(_ t: Int) {
        let visit = Visit(template: t, stack: stack, frames: frames)
        guard !visiting.contains(visit), visiting.count < 64 else { return }
        visiting.insert(visit)
        let template = program.templates[t]
        walk(template.start, template.end)
        visiting.remove(visit)
    }
}
