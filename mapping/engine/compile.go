package engine

import (
	"errors"
	"fmt"
	"github.com/seamhq/seam/mapping"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/builtin"
	"github.com/expr-lang/expr/conf"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"
	"github.com/shopspring/decimal"

	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/transform"
	"github.com/seamhq/seam/mapping/value"
)

// Limits on expressions, checked at compile time.
const (
	// MaxExprLen is the longest expression text accepted.
	MaxExprLen = 10000
	// MaxExprNodes bounds the size of a compiled expression tree.
	MaxExprNodes = 2000
)

// Program is a mapping compiled against its source and target schemas:
// immutable and safe to share between goroutines; each goroutine runs it
// through its own Exec.
type Program struct {
	m         *mapping.Mapping
	src, dst  *schema.Schema
	rules     []*ruleProg
	slots     []slot
	slotIndex map[string]int
	// dotNames are the source's top-level names that hold a dot
	// (Weight.kg), for the hint of an unknown name
	dotNames   []string
	out        *outTree
	targetKeys []string
	needVM     bool
	// vmOnly runs every expression on the expr VM (tests compare the
	// native path with it).
	vmOnly bool
	diags  diag.List
	// group: a target of a grouped plan: its array rules also run on every
	// further row of a record's GroupField and append their elements.
	group bool
	// branches are the conditionals of the rules' expressions (cover.go);
	// lookups and the instrumented rules are built by the first Cover.
	branches []BranchPoint
	lookups  []lookupTable
	covOnce  sync.Once
}

// slot is one source field the program reads, by its top-level key.
type slot struct {
	name   string
	field  *schema.Field // nil when the source schema lacks it
	typ    schema.Type   // the source type values are converted to
	layout dateLayout
}

// ruleProg is one active rule, compiled.
type ruleProg struct {
	rule     *mapping.Rule
	target   string
	tfield   *schema.Field
	ttype    schema.Type
	path     []int    // index path into the output tree
	castSlot int      // >= 0: a rule without expr casting this slot's raw value
	castPath []string // the keys below the slot's value of a nested from
	srcTyped bool     // the cast's source field is typed other than string
	layout   dateLayout
	native   nnode
	prog     *vm.Program
	onError  string
	def      value.Value
	lim      *limits // the target's constraints, or nil
	fromSlot int     // slot of From[0] (for keep and error examples), or -1
	reads    []int   // slots a VM expression reads
	required bool
	nullable bool
	// coverage (cover.go): the checked expression and its compiler, the
	// branch point of each conditional node, the lookup tables called,
	// and the instrumented native form Cover builds.
	node        ast.Node
	nc          *ncomp
	branchAt    map[ast.Node]int
	lookupCalls []string
	covNative   nnode
	// the VM path's coverage (cover_vm.go): the compile options, each
	// branch point by its node's location, the instrumented program.
	exprOpts  []expr.Option
	branchLoc map[file.Location]int
	covProg   *vm.Program
}

// outTree lays out the output record: top-level keys and, for dotted
// target paths, nested objects.
type outTree struct {
	keys     []string
	pos      map[string]int // index of each key in keys
	children map[int]*outTree
}

func (t *outTree) index(path string) []int {
	var idx []int
	cur := t
	for {
		head, rest, more := strings.Cut(path, ".")
		i, ok := cur.pos[head]
		if !ok {
			if cur.pos == nil {
				cur.pos = map[string]int{}
			}
			i = len(cur.keys)
			cur.keys = append(cur.keys, head)
			cur.pos[head] = i
		}
		idx = append(idx, i)
		if !more {
			return idx
		}
		if cur.children == nil {
			cur.children = map[int]*outTree{}
		}
		next := cur.children[i]
		if next == nil {
			next = &outTree{}
			cur.children[i] = next
		}
		cur = next
		path = rest
	}
}

// TargetKeys returns the output columns: the target schema's leaf paths in
// schema order (fields inside arrays excluded: the array is one column),
// dotted for nested fields.
func (p *Program) TargetKeys() []string { return p.targetKeys }

// Diagnostics returns the compile warnings (and errors, when Compile
// returned a Program despite them).
func (p *Program) Diagnostics() diag.List { return p.diags }

// Mapping returns the mapping the program was compiled from.
func (p *Program) Mapping() *mapping.Mapping { return p.m }

// Schemas returns the source and target schemas the program was compiled
// against.
func (p *Program) Schemas() (src, dst *schema.Schema) { return p.src, p.dst }

// Compile checks the mapping against both schemas and compiles every
// active rule once: expressions are type-checked against the source
// fields' types and the target field's type before any row runs. It
// returns all problems; the Program is nil when any is an error.
func Compile(m *mapping.Mapping, src, dst *schema.Schema) (*Program, diag.List) {
	p, ds := compile(m, m.Rules, src, dst, false)
	if ds.HasErrors() {
		return nil, ds
	}
	return p, ds
}

func compile(m *mapping.Mapping, rules []*mapping.Rule, src, dst *schema.Schema, vmOnly bool) (*Program, diag.List) {
	p := &Program{m: m, src: src, dst: dst, slotIndex: map[string]int{}, out: &outTree{}, vmOnly: vmOnly}
	p.dotNames = dottedNames(src)
	var ds diag.List
	if src == nil || dst == nil {
		ds.Errorf(diag.Pos{File: m.Path}, "compile needs both the source and the target schema")
		return nil, ds
	}
	drift := func(ref mapping.SchemaRef, s *schema.Schema, side string) {
		if ref.Fingerprint != "" && ref.Fingerprint != s.Fingerprint() {
			ds.Add(diag.Diagnostic{Severity: diag.Warn, Pos: ref.Pos, Subject: side,
				Summary: "drift: the " + side + " schema changed since the mapping was saved",
				Detail:  "fingerprint " + ref.Fingerprint + " in the mapping, " + s.Fingerprint() + " now"})
		}
	}
	if m.Each == "" {
		// an each: target sees the source through its array's scope, a
		// schema of its own: the record's own source is checked once, by
		// the targets that read it whole
		drift(m.Source, src, "source")
	}
	drift(m.Target, dst, "target")
	for _, name := range m.IgnoreSource {
		if src.Lookup(name) == nil {
			ds.Add(diag.Diagnostic{Severity: diag.Warn, Pos: m.Pos, Subject: name,
				Summary: "ignore_source names " + name + ", which is not a field of the source schema " + src.Name, Code: string(kind.UnknownField)})
		}
	}

	// With several targets a path of the mapping's ignore_target is
	// ignored in every target that has it, so only a mapping's one target
	// can tell a name it lacks; a target's own list names its own fields.
	var own []string
	if m.TargetName == "" && len(m.Extra) == 0 {
		own = m.IgnoredTargets()
	} else {
		own = m.OwnIgnoreTarget
	}
	for _, name := range own {
		if dst.Lookup(name) == nil {
			ds.Add(diag.Diagnostic{Severity: diag.Warn, Pos: m.Pos, Subject: name,
				Summary: "ignore_target names " + name + ", which is not a field of the target schema " + dst.Name, Code: string(kind.UnknownField)})
		}
	}

	// Output layout: the target leaves in schema order.
	for _, f := range dst.Flatten() {
		if strings.Contains(f.Path, "[]") || (f.Type == schema.Object && !f.IsLeaf()) {
			continue
		}
		p.targetKeys = append(p.targetKeys, f.Path)
		p.out.index(f.Path)
	}

	tables, defaults := m.LookupTables()
	tenv := &transform.Env{Lookups: tables, LookupDefaults: defaults}
	opts := transform.ExprOptions(tenv)
	cfg := conf.CreateNew()
	for _, o := range opts {
		o(cfg)
	}
	funcs := map[string]*builtin.Function(cfg.Functions)
	typedEnv := envFor(src)

	seen := map[string]*mapping.Rule{}
	for _, r := range rules {
		if !r.Active() {
			continue
		}
		if prev := seen[r.Target]; prev != nil {
			ds.Add(diag.Diagnostic{Severity: diag.Error, Pos: r.Pos, Subject: r.Name(),
				Summary: "collision: two rules write target " + r.Target,
				Detail:  "the other is at " + prev.Pos.String()})
			continue
		}
		seen[r.Target] = r
		rp, rds := p.compileRule(r, tenv, funcs, typedEnv, opts)
		ds = append(ds, rds...)
		if rp != nil {
			p.rules = append(p.rules, rp)
		}
	}
	p.diags = ds
	return p, ds
}

// slotFor returns the slot of top-level source key name, adding it.
func (p *Program) slotFor(name string) int {
	if i, ok := p.slotIndex[name]; ok {
		return i
	}
	s := slot{name: name, field: p.src.Lookup(name)}
	if s.field != nil {
		s.typ = s.field.Type
		s.layout = layoutFromFormat(s.field.Format)
		if s.typ == schema.Enum || s.typ == schema.UUID {
			s.typ = schema.String
		}
	}
	p.slots = append(p.slots, s)
	p.slotIndex[name] = len(p.slots) - 1
	return len(p.slots) - 1
}

func (p *Program) compileRule(r *mapping.Rule, tenv *transform.Env, funcs map[string]*builtin.Function, typedEnv map[string]any, opts []expr.Option) (*ruleProg, diag.List) {
	var ds diag.List
	errSpan := func(sp exprSpan, code string, format string, args ...any) {
		ds.Add(diag.Diagnostic{Severity: diag.Error, Pos: sp.pos, End: sp.end, Code: code, Subject: r.Name(), Summary: fmt.Sprintf(format, args...)})
	}
	errAt := func(pos diag.Pos, code string, format string, args ...any) {
		errSpan(exprSpan{pos: pos}, code, format, args...)
	}
	rp := &ruleProg{rule: r, target: r.Target, castSlot: -1, fromSlot: -1}
	rp.tfield = p.dst.Lookup(r.Target)
	if rp.tfield == nil {
		errAt(r.Pos, string(kind.UnknownField), "target %q is not a field of the target schema %s", r.Target, p.dst.Name)
		return nil, ds
	}
	if strings.Contains(r.Target, "[]") {
		errAt(r.Pos, string(kind.UnknownField), "target %q is inside an array: map the array field itself", r.Target)
		return nil, ds
	}
	rp.ttype = rp.tfield.Type
	rp.lim = limitsOf(rp.tfield)
	// a sampled target's required and nullable are observations
	rp.required = rp.tfield.Required && !rp.tfield.Sampled
	rp.nullable = rp.tfield.Nullable || rp.tfield.Sampled
	for _, f := range r.From {
		if p.src.Lookup(f) == nil {
			errAt(r.Pos, string(kind.UnknownField), "from: %q is not a field of the source schema %s", f, p.src.Name)
		}
	}
	mode, arg, err := mapping.ParseOnError(r.OnError)
	if err != nil {
		errAt(r.Pos, diag.CodeInvalid, "%v", err)
	}
	rp.onError = mode
	if mode == mapping.OnErrorDefault {
		d, k, reason := defaultFor(arg, rp.tfield, rp.lim)
		if k != "" {
			errAt(r.Pos, string(k), "%s", reason)
		}
		rp.def = d
	}
	if strings.TrimSpace(r.Expr) == "" && len(r.From) != 1 {
		errAt(r.Pos, diag.CodeInvalid, "rule %s: give expr, or exactly one from field for a checked cast (from has %d)", r.Name(), len(r.From))
	}
	if ds.HasErrors() {
		return nil, ds
	}
	var fromRest []string
	if len(r.From) > 0 {
		var top string
		top, fromRest = p.splitTop(r.From[0])
		rp.fromSlot = p.slotFor(top)
	}
	if rp.rule.Target != "" {
		rp.path = p.out.index(r.Target)
	}
	if strings.TrimSpace(r.Expr) == "" {
		// A checked cast of From[0] to the target type.
		sf := p.src.Lookup(r.From[0])
		if head, _, ok := strings.Cut(r.From[0], "[]"); ok {
			errAt(r.Pos, string(kind.TypeIncompatible), "rule %s: from %q reads every element of the array %s, and a rule without expr writes one value per row; write an expression that picks or combines them, e.g. expr: %s",
				r.Name(), r.From[0], head, arrayHint(r.From[0]))
			return nil, ds
		}
		rp.castPath = fromRest
		if !castable(sf.Type, rp.ttype) {
			errAt(r.Pos, string(kind.TypeIncompatible), "source %s is %s and cannot become target %s (%s)", sf.Path, sf.TypeString(), r.Target, rp.tfield.TypeString())
			return nil, ds
		}
		rp.castSlot = rp.fromSlot
		rp.layout = layoutFromFormat(sf.Format)
		rp.srcTyped = sf.Type != "" && sf.Type != schema.String
		return rp, ds
	}
	if len(r.Expr) > MaxExprLen {
		errAt(r.ExprPos, diag.CodeInvalid, "expression is %d characters long: at most %d", len(r.Expr), MaxExprLen)
		return nil, ds
	}
	all := append([]expr.Option{expr.Env(exprEnv(r.Expr, typedEnv)), expr.MaxNodes(MaxExprNodes), expr.Patch(nullSafeMembers{})}, opts...)
	rp.exprOpts = all
	prog, err := compileExpr(r.Expr, all)
	if err != nil {
		sp := exprErrPos(r, p.m.Path, err)
		errSpan(sp, exprCode(r.Expr), "expression: %s", sp.msg)
		return nil, ds
	}
	node := prog.Node()
	if name, off, ok := unknownName(node, typedEnv, funcs); ok {
		// expr's checker lets unknown names through once operator
		// overloads are installed; catch them here.
		sp := exprErrPos(r, p.m.Path, posError(r.Expr, off, len([]rune(name))))
		errSpan(sp, string(kind.UnknownField), "expression: unknown name %s%s", name, p.dottedHint(name))
		return nil, ds
	}
	// Literal arguments that fail on every row (unknown lookup table, bad
	// regex, layout or zone): compile errors for the VM and native paths.
	if errs := transform.CheckProgram(prog, tenv); len(errs) > 0 {
		for _, fe := range errs {
			sp := exprErrPos(r, p.m.Path, fe)
			errSpan(sp, diag.CodeType, "expression: %s", sp.msg)
		}
		return nil, ds
	}
	if t := node.Type(); t != nil && !resultFits(t, rp.ttype) {
		errAt(r.ExprPos, string(kind.TypeIncompatible), "expression returns %s, which cannot become target %s (%s)", typeWord(t), r.Target, rp.tfield.TypeString())
		return nil, ds
	}
	// Native form when every node has one; else the VM.
	nc := &ncomp{funcs: funcs, tenv: tenv, slot: func(name string) (int, bool) {
		if _, ok := typedEnv[name]; !ok {
			return 0, false
		}
		return p.slotFor(name), true
	}}
	if usesEnv(node) || p.vmOnly {
		rp.native = nil
	} else {
		rp.native = nc.compile(node)
	}
	rp.node, rp.nc = node, nc
	p.branchPoints(rp, node)
	if rp.native == nil {
		rp.prog = prog
		if !p.needVM {
			// The VM reads its fields from one map holding them all.
			for _, f := range p.src.Fields {
				p.slotFor(f.Name)
			}
		}
		p.needVM = true
		ast.Walk(&node, visitor(func(n ast.Node) {
			if id, ok := n.(*ast.IdentifierNode); ok {
				if _, isField := typedEnv[id.Value]; isField {
					rp.reads = append(rp.reads, p.slotFor(id.Value))
				}
			}
		}))
	}
	return rp, ds
}

// exprEnv is the part of env an expression names (all of it when the
// expression reads $env): expr builds its checker's view of the whole
// environment on every Compile, so compiling each of N rules against N
// source fields took time in N² (#20.9). An expression that does not parse
// gets env whole, and Compile reports the error.
func exprEnv(src string, env map[string]any) map[string]any {
	tree, err := parser.Parse(src)
	if err != nil {
		return env
	}
	sub := map[string]any{}
	whole := false
	ast.Walk(&tree.Node, visitor(func(n ast.Node) {
		if id, ok := n.(*ast.IdentifierNode); ok {
			if id.Value == "$env" {
				whole = true
			} else if v, ok := env[id.Value]; ok {
				sub[id.Value] = v
			}
		}
	}))
	if whole {
		return env
	}
	return sub
}

// arrayHint suggests an expression for a from path through an array:
// "items[].sku" -> join(map(items, .sku), ", ").
func arrayHint(path string) string {
	head, rest, _ := strings.Cut(path, "[]")
	rest = strings.TrimPrefix(rest, ".")
	if rest == "" || strings.Contains(rest, "[]") {
		return fmt.Sprintf("first(%s) or len(%s)", head, head)
	}
	return fmt.Sprintf("join(map(%s, .%s), \", \")", head, rest)
}

// dottedHint names the source fields whose names begin with name and a
// dot ("Weight.kg" for Weight): in an expression a dot reads a member, so
// such a field is written $env["Weight.kg"].
func (p *Program) dottedHint(name string) string {
	for _, n := range p.dotNames {
		if strings.HasPrefix(n, name+".") {
			return fmt.Sprintf(` (the source field %q holds a dot: write $env[%q])`, n, n)
		}
	}
	return ""
}

// splitTop cuts a source path into its top-level key and the keys below
// it, as the source schema names them: a field whose name holds a dot (a
// CSV header such as "Weight.kg", a JSON key "a.b" at any depth) is one
// key, not an object and its member.
func (p *Program) splitTop(path string) (string, []string) {
	keys := keysOf(p.src, path)
	return keys[0], keys[1:]
}

// keysOf splits a path into the keys that reach it in s: at each level the
// longest run of segments that names a field of that level (its Name, found
// through the schema's path index), so it costs a few map lookups however
// many fields there are. A path s does not know is split at every dot.
func keysOf(s *schema.Schema, path string) []string {
	if s == nil || strings.Contains(path, "[]") || !strings.Contains(path, ".") {
		return strings.Split(path, ".")
	}
	var keys []string
	start := 0
	for start < len(path) {
		end := -1
		for j := len(path); j > start; j = strings.LastIndexByte(path[:j], '.') {
			if f := s.Lookup(path[:j]); f != nil && f.Name == path[start:j] {
				end = j
				break
			}
			if strings.LastIndexByte(path[start:j], '.') < 0 {
				break
			}
		}
		if end < 0 {
			return append(keys, strings.Split(path[start:], ".")...)
		}
		keys = append(keys, path[start:end])
		start = end + 1
	}
	return keys
}

func topKey(path string) string {
	head, _, _ := strings.Cut(path, ".")
	return strings.TrimSuffix(head, "[]")
}

// compileExpr runs expr.Compile, turning a panic inside expr into an error.
func compileExpr(src string, opts []expr.Option) (prog *vm.Program, err error) {
	defer func() {
		if r := recover(); r != nil {
			prog, err = nil, fmt.Errorf("cannot compile: %v", r)
		}
	}()
	return expr.Compile(src, opts...)
}

// usesEnv reports $env or is_absent (patched to read $env): VM only.
func usesEnv(n ast.Node) bool {
	found := false
	ast.Walk(&n, visitor(func(n ast.Node) {
		if id, ok := n.(*ast.IdentifierNode); ok && (id.Value == "$env" || id.Value == "_is_absent") {
			found = true
		}
	}))
	return found
}

// unknownName finds an identifier that is neither a source field, a
// function nor a let variable; off is its rune offset.
func unknownName(n ast.Node, env map[string]any, funcs map[string]*builtin.Function) (string, int, bool) {
	declared := map[string]bool{}
	ast.Walk(&n, visitor(func(n ast.Node) {
		if d, ok := n.(*ast.VariableDeclaratorNode); ok {
			declared[d.Name] = true
		}
	}))
	var name string
	off := -1
	ast.Walk(&n, visitor(func(n ast.Node) {
		if c, ok := n.(*ast.CallNode); ok {
			if id, ok := c.Callee.(*ast.IdentifierNode); ok {
				declared["\x00callee"+id.Value] = true
			}
		}
		id, ok := n.(*ast.IdentifierNode)
		if !ok || off >= 0 {
			return
		}
		v := id.Value
		if _, ok := env[v]; ok || v == "$env" || declared[v] || funcs[v] != nil || strings.HasPrefix(v, "_") {
			return
		}
		name, off = v, id.Location().From
	}))
	return name, off, off >= 0
}

// posError is a file.Error at rune offset off of src.
func posError(src string, off, n int) error {
	e := &file.Error{Location: file.Location{From: off, To: off + n}, Message: "unknown name"}
	e.Bind(file.NewSource(src))
	return e
}

// nullSafeMembers makes every property read a?.b on the VM: through a
// null or absent parent the result is null, as on the native path and in
// the exported SQL (mapping/FORMAT.md, "Null propagation").
type nullSafeMembers struct{}

func (nullSafeMembers) Visit(n *ast.Node) {
	m, ok := (*n).(*ast.MemberNode)
	if !ok || m.Method || m.Optional {
		return
	}
	if _, ok := m.Property.(*ast.StringNode); !ok {
		return
	}
	m.Optional = true
	c := &ast.ChainNode{Node: m}
	c.SetLocation(m.Location())
	ast.Patch(n, c)
}

type visitor func(ast.Node)

func (v visitor) Visit(n *ast.Node) { v(*n) }

// exprSpan is where an expression error lies in the mapping file: pos is
// its first character, end the position just after its last (zero when
// unknown), msg expr's message.
type exprSpan struct {
	pos, end diag.Pos
	msg      string
}

// exprErrPos places an error of expr (a *file.Error with the offset into
// the expression) in the mapping file: the rule's ExprPos plus expr's
// line and column; the end from the error's rune range, one character when
// expr gives none.
func exprErrPos(r *mapping.Rule, mappingPath string, err error) exprSpan {
	var fe *file.Error
	if !errors.As(err, &fe) {
		return exprSpan{pos: r.ExprPos, msg: err.Error()}
	}
	pos := r.ExprPos
	if pos.IsZero() {
		pos = diag.Pos{File: mappingPath, Line: 1, Col: 1}
	}
	line, col := fe.Line, fe.Column
	if line > 1 {
		pos.Line += line - 1
	}
	pos.Col += col
	n := 1
	if fe.To > fe.From {
		n = fe.To - fe.From
	}
	if rs := []rune(r.Expr); fe.From < len(rs) {
		// The range stays on its line and inside the expression.
		m := 0
		for _, c := range rs[fe.From:min(len(rs), fe.From+n)] {
			if c == '\n' {
				break
			}
			m++
		}
		n = max(m, 1)
	}
	end := pos
	end.Col += n
	return exprSpan{pos: pos, end: end, msg: fe.Message}
}

// exprCode is the code of an expression that expr refused: a syntax error
// when it does not parse, else a type error.
func exprCode(src string) string {
	if _, err := parser.Parse(src); err != nil {
		return diag.CodeSyntax
	}
	return diag.CodeType
}

var (
	typDecimal = reflect.TypeOf(decimal.Decimal{})
	typTime    = reflect.TypeOf(time.Time{})
)

func typeWord(t reflect.Type) string {
	switch {
	case t == typDecimal:
		return "a decimal"
	case t == typTime:
		return "a date/time"
	}
	switch t.Kind() {
	case reflect.Map:
		return "a map (object)"
	case reflect.Slice, reflect.Array:
		return "a list (array)"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "an integer"
	case reflect.Float64, reflect.Float32:
		return "a float"
	default:
	}
	return t.String()
}

// resultFits is the static check of an expression's result type against
// the target type; interface{} results are checked per row.
func resultFits(t reflect.Type, target schema.Type) bool {
	if t.Kind() == reflect.Interface {
		return true
	}
	k := t.Kind()
	isMap := k == reflect.Map
	isList := k == reflect.Slice || k == reflect.Array
	isTime := t == typTime
	isNum := t == typDecimal || (k >= reflect.Int && k <= reflect.Float64)
	switch target {
	case schema.Object:
		return isMap
	case schema.Array:
		return isList
	case schema.String, schema.Enum, schema.UUID, schema.Binary:
		return !isMap && !isList
	case schema.Integer, schema.Decimal, schema.Float:
		return isNum || k == reflect.String || (k == reflect.Bool && target == schema.Integer)
	case schema.Boolean:
		return k == reflect.Bool || k == reflect.String || (k >= reflect.Int && k <= reflect.Int64)
	case schema.Date, schema.Time, schema.Timestamp, schema.TimestampTZ:
		return isTime || k == reflect.String
	}
	return true
}

// Castable reports whether a rule without expr can cast a source field of
// type from into a target of type to (the static check of Compile).
func Castable(from, to schema.Type) bool { return castable(from, to) }

// castable is the static check of a cast rule (no expr).
func castable(from, to schema.Type) bool {
	switch from {
	case schema.Object:
		return to == schema.Object || to == schema.String
	case schema.Array:
		return to == schema.Array || to == schema.String
	case schema.Date, schema.Time, schema.Timestamp, schema.TimestampTZ:
		switch to {
		case schema.Integer, schema.Decimal, schema.Float, schema.Boolean, schema.Object, schema.Array, schema.UUID:
			return false
		default:
		}
	case schema.Boolean:
		switch to {
		case schema.Date, schema.Time, schema.Timestamp, schema.TimestampTZ, schema.Object, schema.Array, schema.UUID, schema.Decimal, schema.Float:
			return false
		default:
		}
	case schema.Integer, schema.Decimal, schema.Float:
		switch to {
		case schema.Date, schema.Time, schema.Timestamp, schema.TimestampTZ, schema.Object, schema.Array, schema.UUID:
			return false
		default:
		}
	default:
	}
	return true
}

// envFor builds the typed environment the checker sees: one sample value
// of each source field's type. Nullable fields are typed too: a null that
// reaches a typed operator (name + "x", code == "P") is a run-time error
// of the row (coercion_failure); use ?? or coalesce to give a default.
func envFor(s *schema.Schema) map[string]any {
	env := make(map[string]any, len(s.Fields))
	for _, f := range s.Fields {
		env[f.Name] = sampleFor(f)
	}
	return env
}

func sampleFor(f *schema.Field) any {
	switch f.Type {
	case schema.Integer:
		return 0
	case schema.Decimal:
		return decimal.Decimal{}
	case schema.Float:
		return 0.0
	case schema.Boolean:
		return false
	case schema.Date, schema.Time, schema.Timestamp, schema.TimestampTZ:
		return time.Time{}
	case schema.Object:
		m := map[string]any{}
		for _, c := range f.Children {
			m[c.Name] = sampleFor(c)
		}
		return m
	case schema.Array:
		return []any{}
	default:
	}
	return ""
}

// dottedNames are a schema's top-level field names that hold a dot.
func dottedNames(s *schema.Schema) []string {
	if s == nil {
		return nil
	}
	var out []string
	for _, f := range s.Fields {
		if strings.Contains(f.Name, ".") {
			out = append(out, f.Name)
		}
	}
	return out
}
