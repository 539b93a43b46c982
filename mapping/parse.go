package mapping

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/internal/guard"
)

// Load reads and parses the mapping file at path, including lookup tables
// kept in CSV files beside it. Errors name the file and line:col.
func Load(path string) (*Mapping, error) { return LoadWith(path, LoadOptions{}) }

// LoadOptions tunes LoadWith.
type LoadOptions struct {
	// AllowPaths are folders, besides the mapping's own folder and the
	// working directory, that the files the mapping names may be read
	// from; they are kept in Mapping.AllowPaths for LoadSchemas.
	AllowPaths []string
}

// LoadWith is Load with options. The mapping file itself may be anywhere
// (the user named it) but must be a regular file of at most 64 MiB.
func LoadWith(path string, opts LoadOptions) (*Mapping, error) {
	data, err := guard.ReadUserFile(path, guard.MaxDocBytes)
	if err != nil {
		return nil, err
	}
	m, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	m.AllowPaths = append([]string(nil), opts.AllowPaths...)
	if err := m.loadLookupFiles(); err != nil {
		return nil, err
	}
	return m, nil
}

// Parse parses a mapping file's bytes; path is used for positions and to
// resolve relative references (nothing is read from disk: lookup tables
// kept in files are read by Load, or by LoadLookupFiles).
func Parse(path string, data []byte) (*Mapping, error) {
	if err := guard.CheckYAML(data); err != nil {
		var se *guard.ScanError
		if errors.As(err, &se) {
			return nil, diag.Errorf(diag.Pos{File: path, Line: se.Line, Col: se.Col}, "mapping file %s; expected a mapping", se.Msg)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	f, err := parseSafe(data)
	if err != nil {
		var se *yaml.SyntaxError
		if errors.As(err, &se) && se.Token != nil {
			return nil, diag.Errorf(diag.Pos{File: path, Line: se.Token.Position.Line, Col: se.Token.Position.Column}, "%s", se.Message)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	p := &mparser{file: path, seen: map[string]int{}, m: &Mapping{Path: path, comments: map[string]*commentSet{}}, lines: strings.Split(string(data), "\n")}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil {
		return nil, diag.Errorf(diag.Pos{File: path, Line: 1}, "empty mapping file: want `seam: 1` and `rules:`")
	}
	if len(f.Docs) > 1 {
		return nil, diag.Errorf(p.pos(f.Docs[1].Body), "a mapping file holds one YAML document; found another")
	}
	p.document(f.Docs[0].Body)
	if err := p.diags.Err(); err != nil {
		return nil, err
	}
	return p.m, nil
}

// parseSafe guards the YAML parser: a panic on hostile input becomes an
// error.
func parseSafe(data []byte) (f *ast.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("YAML parser failed: %v", r)
		}
	}()
	return parser.ParseBytes(data, parser.ParseComments)
}

type mparser struct {
	lines []string
	file  string
	m     *Mapping
	diags diag.List
	// seen counts the rules parsed so far by name (the comment keys of
	// rules with repeated names).
	seen map[string]int
	// prefix of the comment keys of the rules being read ("" for the
	// first target).
	prefix string
	// targetPos are the positions of the items of targets:.
	targetPos []diag.Pos
}

func (p *mparser) pos(n ast.Node) diag.Pos {
	if n == nil || n.GetToken() == nil {
		return diag.Pos{File: p.file}
	}
	tk := n.GetToken()
	return diag.Pos{File: p.file, Line: tk.Position.Line, Col: tk.Position.Column}
}

func (p *mparser) errf(n ast.Node, format string, args ...any) {
	p.diags.Errorf(p.pos(n), format, args...)
}

// keyPos is the position of a key of a mapping entry.
func (p *mparser) keyPos(mv *ast.MappingValueNode) diag.Pos { return p.pos(mv.Key) }

func unwrap(n ast.Node) ast.Node {
	for {
		switch x := n.(type) {
		case *ast.TagNode:
			n = x.Value
		case *ast.AnchorNode:
			n = x.Value
		default:
			return n
		}
	}
}

// entries returns the key-value pairs of a mapping node, or reports what
// was found instead.
func (p *mparser) entries(n ast.Node, what string) []*ast.MappingValueNode {
	switch x := unwrap(n).(type) {
	case *ast.MappingNode:
		return x.Values
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{x}
	case *ast.NullNode:
		return nil
	}
	p.errf(n, "%s: want a mapping (key: value), found %s", what, nodeKind(n))
	return nil
}

// firstKey reads e's key and records it in seen; a key seen before is
// reported ("<prefix>key "k" appears twice") and ok is false.
func (p *mparser) firstKey(seen map[string]bool, e *ast.MappingValueNode, prefix string) (k string, ok bool) {
	k = keyString(e)
	if seen[k] {
		p.errf(e.Key, "%skey %q appears twice", prefix, k)
		return k, false
	}
	seen[k] = true
	return k, true
}

// seq reads a list: ok false for null (no error) and for anything else
// (the error "<want>, found <what it is>").
func (p *mparser) seq(n ast.Node, want string) (*ast.SequenceNode, bool) {
	switch x := unwrap(n).(type) {
	case *ast.SequenceNode:
		return x, true
	case *ast.NullNode:
		return nil, false
	}
	p.errf(n, "%s, found %s", want, nodeKind(n))
	return nil, false
}

func nodeKind(n ast.Node) string {
	switch unwrap(n).(type) {
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.NullNode:
		return "null"
	case nil:
		return "nothing"
	}
	return "a scalar"
}

func keyString(mv *ast.MappingValueNode) string {
	if mv.Key == nil {
		return ""
	}
	if tk := mv.Key.GetToken(); tk != nil {
		return tk.Value
	}
	return mv.Key.String()
}

// scalar returns a scalar's text; null is ("", false).
func (p *mparser) scalar(n ast.Node, what string) (string, bool) {
	switch x := unwrap(n).(type) {
	case *ast.NullNode:
		return "", false
	case *ast.StringNode:
		return x.Value, true
	case *ast.LiteralNode:
		return x.Value.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		return x.GetToken().Value, true
	}
	p.errf(n, "%s: want a single value, found %s", what, nodeKind(n))
	return "", false
}

func (p *mparser) str(n ast.Node, what string) string {
	s, _ := p.scalar(n, what)
	return s
}

func (p *mparser) strList(n ast.Node, what string) []string {
	switch x := unwrap(n).(type) {
	case *ast.SequenceNode:
		out := make([]string, 0, len(x.Values))
		for _, v := range x.Values {
			out = append(out, p.str(v, what))
		}
		return out
	case *ast.NullNode:
		return nil
	case *ast.StringNode:
		return []string{x.Value} // a single name is a list of one
	}
	p.errf(n, "%s: want a list like [a, b], found %s", what, nodeKind(n))
	return nil
}

// comment records the comments of a key-value pair under a semantic key.
func (p *mparser) comment(key string, mv *ast.MappingValueNode) {
	cs := &commentSet{}
	if c := mv.GetComment(); c != nil {
		cs.head = commentLines(c)
	}
	if v := mv.Value; v != nil {
		if c := v.GetComment(); c != nil {
			switch unwrap(v).(type) {
			case *ast.MappingNode, *ast.SequenceNode:
				if isFlow(v) {
					cs.line = commentLines(c)
				} else {
					// block collections keep comments on their items
					cs.line = nil
				}
			default:
				cs.line = commentLines(c)
			}
		}
	}
	if mv.FootComment != nil {
		cs.foot = commentLines(mv.FootComment)
	}
	if len(cs.head)+len(cs.line)+len(cs.foot) > 0 {
		p.m.comments[key] = cs
	}
}

func isFlow(n ast.Node) bool {
	switch x := unwrap(n).(type) {
	case *ast.MappingNode:
		return x.IsFlowStyle
	case *ast.SequenceNode:
		return x.IsFlowStyle
	}
	return false
}

func commentLines(c *ast.CommentGroupNode) []string {
	var out []string
	for _, cm := range c.Comments {
		if cm == nil || cm.Token == nil {
			continue
		}
		out = append(out, strings.TrimRight(cm.Token.Value, " \t"))
	}
	return out
}

var topKeys = []string{"seam", "name", "source", "target", "joins", "lookups", "rules", "targets", "ignore_source", "ignore_target", "acknowledged", "tests"}

func (p *mparser) document(body ast.Node) {
	m := p.m
	if _, ok := unwrap(body).(*ast.MappingNode); !ok {
		if _, ok := unwrap(body).(*ast.MappingValueNode); !ok {
			p.errf(body, "a mapping file is a YAML mapping with seam:, source:, target: and rules:; found %s", nodeKind(body))
			return
		}
	}
	m.Pos = diag.Pos{File: p.file, Line: 1, Col: 1}
	seen := map[string]bool{}
	keyAt := map[string]ast.Node{}
	entries := p.entries(body, "mapping file")
	for i, mv := range entries {
		k, ok := p.firstKey(seen, mv, "")
		if !ok {
			continue
		}
		keyAt[k] = mv.Key
		p.comment(k, mv)
		switch k {
		case "seam":
			s := p.str(mv.Value, "seam")
			v, err := strconv.Atoi(s)
			if err != nil || v != FormatVersion {
				p.errf(mv.Value, "seam: format version %q is not supported: want %d", s, FormatVersion)
			}
			m.Seam = v
		case "name":
			m.Name = p.str(mv.Value, "name")
		case "source":
			m.Source = p.schemaRef(mv, "source")
		case "target":
			m.Target = p.schemaRef(mv, "target")
		case "lookups":
			for _, lv := range p.entries(mv.Value, "lookups") {
				p.lookup(lv)
			}
		case "rules":
			m.Rules = p.rules(mv.Value, "")
		case "targets":
			p.targets(mv.Value)
		case "joins":
			p.joins(mv.Value)
		case "ignore_source":
			m.IgnoreSource = p.strList(mv.Value, "ignore_source")
		case "ignore_target":
			m.IgnoreTarget = p.strList(mv.Value, "ignore_target")
		case "acknowledged":
			p.acks(mv.Value)
		case "tests":
			p.tests(mv, entries[i+1:])
		default:
			p.errf(mv.Key, "unknown key %q: want one of %s", k, strings.Join(topKeys, ", "))
		}
	}
	if !seen["seam"] {
		p.errf(body, "missing `seam: %d` (the format version)", FormatVersion)
	}
	if seen["targets"] {
		for _, k := range []string{"target", "rules"} {
			if seen[k] {
				p.errf(keyAt["targets"], "give either `target:` and `rules:` (one target) or `targets:` (several), not both: found %s: beside targets:", k)
			}
		}
	}
	p.checkTargets(body)
}

// rules reads a list of rules; prefix ("" for the first target) keys the
// comments of a further target's rules.
func (p *mparser) rules(n ast.Node, prefix string) []*Rule {
	seq, ok := p.seq(n, "rules: want a list of rules (- target: ...)")
	if !ok {
		return nil
	}
	seen := p.seen
	p.seen = map[string]int{}
	p.prefix = prefix
	defer func() { p.seen, p.prefix = seen, "" }()
	var out []*Rule
	for i, item := range seq.Values {
		r := p.rule(item)
		if r == nil {
			continue
		}
		if i < len(seq.ValueHeadComments) && seq.ValueHeadComments[i] != nil {
			p.m.ruleComment(prefix+r.Name(), p.seen[r.Name()]).head = commentLines(seq.ValueHeadComments[i])
		} else if i == 0 && seq.GetComment() != nil {
			p.m.ruleComment(prefix+r.Name(), p.seen[r.Name()]).head = commentLines(seq.GetComment())
		}
		out = append(out, r)
		p.seen[r.Name()]++
	}
	return out
}

func (p *mparser) schemaRef(mv *ast.MappingValueNode, what string) SchemaRef {
	ref := SchemaRef{Pos: p.pos(mv.Value)}
	if s, ok := unwrap(mv.Value).(*ast.StringNode); ok {
		ref.Schema = s.Value // `source: schemas/orders.csv` is accepted too
		return ref
	}
	for _, e := range p.entries(mv.Value, what) {
		switch k := keyString(e); k {
		case "schema":
			ref.Schema = p.str(e.Value, what+".schema")
			ref.Pos = p.pos(e.Value)
		case "fingerprint":
			ref.Fingerprint = p.str(e.Value, what+".fingerprint")
		default:
			p.errf(e.Key, "%s: unknown key %q: want schema or fingerprint", what, k)
		}
	}
	if ref.Schema == "" {
		p.errf(mv.Value, "%s: missing schema (a schema file, optionally FILE#SELECTOR)", what)
	}
	return ref
}

// lookup reads one table. The inline form maps codes to values
// (`status: {P: pending}`); the extended form, recognised by a `file` or
// `entries` key with only file/entries/default keys, names a CSV file or
// holds entries plus a default:
//
//	country: {file: codes.csv, default: unknown}
//	status: {entries: {P: pending}, default: unknown}
func (p *mparser) lookup(mv *ast.MappingValueNode) {
	name := keyString(mv)
	for _, l := range p.m.Lookups {
		if l.Name == name {
			p.errf(mv.Key, "lookup %q defined twice", name)
			return
		}
	}
	p.comment("lookups."+name, mv)
	l := &Lookup{Name: name, Pos: p.keyPos(mv)}
	es := p.entries(mv.Value, "lookup "+name)
	if isExtendedLookup(es) {
		for _, e := range es {
			switch keyString(e) {
			case "file":
				l.File = p.str(e.Value, "lookup "+name+" file")
			case "default":
				d, ok := p.scalar(e.Value, "lookup "+name+" default")
				if !ok {
					p.errf(e.Value, "lookup %s: default must be a value (a miss is an error when there is none)", name)
				}
				l.Default = &d
			case "entries":
				l.Entries = p.lookupEntries(name, p.entries(e.Value, "lookup "+name+" entries"))
			}
		}
		if l.File != "" && l.Entries != nil {
			p.errf(mv.Value, "lookup %s: give either file or entries, not both", name)
		}
	} else {
		l.Entries = p.lookupEntries(name, es)
	}
	p.m.Lookups = append(p.m.Lookups, l)
}

func isExtendedLookup(es []*ast.MappingValueNode) bool {
	marker := false
	for _, e := range es {
		switch keyString(e) {
		case "file", "entries":
			marker = true
		case "default":
		default:
			return false
		}
	}
	return marker
}

func (p *mparser) lookupEntries(name string, es []*ast.MappingValueNode) []LookupEntry {
	out := make([]LookupEntry, 0, len(es))
	seen := map[string]bool{}
	for _, e := range es {
		k, ok := p.firstKey(seen, e, "lookup "+name+": ")
		if !ok {
			continue
		}
		v, ok := p.scalar(e.Value, "lookup "+name)
		if !ok {
			p.errf(e.Value, "lookup %s: key %q needs a value", name, k)
			continue
		}
		out = append(out, LookupEntry{Key: k, Value: v})
	}
	return out
}

var ruleKeys = []string{"id", "target", "from", "expr", "items", "status", "confidence", "why", "on_error", "notes"}

func (p *mparser) rule(n ast.Node) *Rule {
	es := p.entries(n, "rule")
	if es == nil {
		return nil
	}
	r := &Rule{Pos: p.pos(n)}
	if len(es) > 0 {
		r.Pos = p.pos(es[0].Key)
	}
	type pending struct {
		key string
		mv  *ast.MappingValueNode
	}
	var cms []pending
	seen := map[string]bool{}
	for _, e := range es {
		k, ok := p.firstKey(seen, e, "rule: ")
		if !ok {
			continue
		}
		cms = append(cms, pending{k, e})
		switch k {
		case "id":
			r.ID = p.str(e.Value, "id")
		case "target":
			r.Target = p.str(e.Value, "target")
		case "from":
			r.From = p.strList(e.Value, "from")
		case "expr":
			r.Expr = p.str(e.Value, "expr")
			r.ExprPos = p.exprPos(e.Value)
		case "items":
			r.Items = p.items(e.Value)
			r.ExprPos = p.pos(e.Value)
		case "status":
			r.Status = p.str(e.Value, "status")
			switch r.Status {
			case StatusSuggested, StatusAccepted, StatusRejected:
			default:
				p.errf(e.Value, "status %q: want suggested, accepted or rejected", r.Status)
			}
		case "confidence":
			s := p.str(e.Value, "confidence")
			c, err := strconv.ParseFloat(s, 64)
			if err != nil || c < 0 || c > 1 {
				p.errf(e.Value, "confidence %q: want a number from 0 to 1", s)
			}
			r.Confidence = c
		case "why":
			r.Why = p.strList(e.Value, "why")
		case "on_error":
			r.OnError = p.str(e.Value, "on_error")
			if nn, ok := unwrap(e.Value).(*ast.NullNode); ok && nn.GetToken() != nil && nn.GetToken().Value == "null" {
				r.OnError = OnErrorNull // `on_error: null` is the mode, not YAML's null
			}
			if _, _, err := ParseOnError(r.OnError); err != nil {
				p.errf(e.Value, "%v", err)
			}
		case "notes":
			r.Notes = p.str(e.Value, "notes")
		default:
			p.errf(e.Key, "rule: unknown key %q: want one of %s", k, strings.Join(ruleKeys, ", "))
		}
	}
	if r.Target == "" {
		p.errf(n, "rule: missing target (the target field it writes)")
	}
	if len(r.Items) > 0 {
		if r.Expr != "" {
			p.errf(n, "rule %s: give expr or items, not both", r.Target)
		}
		r.Expr = ItemsExpr(r.Items)
	}
	if r.Expr == "" && len(r.From) == 0 {
		p.errf(n, "rule %s: give from (a checked cast) or expr (or items for an array of objects)", r.Target)
	}
	if r.Expr == "" && len(r.From) > 1 {
		p.errf(n, "rule %s: a rule without expr casts one field; from names %d", r.Target, len(r.From))
	}
	for _, c := range cms {
		p.comment(ruleKey(p.prefix+r.Name(), p.seen[r.Name()])+"."+c.key, c.mv)
	}
	return r
}

// exprPos is where the expression's first character is.
func (p *mparser) exprPos(n ast.Node) diag.Pos {
	pos := p.pos(n)
	tk := unwrap(n).GetToken()
	switch x := unwrap(n).(type) {
	case *ast.LiteralNode:
		// `|` then the text on the following lines, indented.
		_ = x
		pos.Line = tk.Position.Line + 1
		pos.Col = 1
		if pos.Line-1 < len(p.lines) {
			l := p.lines[pos.Line-1]
			pos.Col = len(l) - len(strings.TrimLeft(l, " ")) + 1
		}
	case *ast.StringNode:
		if tk != nil && (tk.Type == token.DoubleQuoteType || tk.Type == token.SingleQuoteType) {
			pos.Col++
		}
	}
	return pos
}

func (p *mparser) acks(n ast.Node) {
	seq, ok := p.seq(n, "acknowledged: want a list of {kind, target, by, why}")
	if !ok {
		return
	}
	for _, item := range seq.Values {
		a := &Ack{Pos: p.pos(item)}
		fields := map[string]*string{"kind": &a.Kind, "target": &a.Target, "by": &a.By, "why": &a.Why}
		for _, e := range p.entries(item, "acknowledged") {
			k := keyString(e)
			f, known := fields[k]
			if !known {
				p.errf(e.Key, "acknowledged: unknown key %q: want kind, target, by, why", k)
				continue
			}
			*f = p.str(e.Value, k)
		}
		if a.Kind == "" {
			p.errf(item, "acknowledged: missing kind (a findings kind such as truncation)")
		}
		p.m.Acknowledged = append(p.m.Acknowledged, a)
	}
}
