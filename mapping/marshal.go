package mapping

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// commentSet holds the comments around one key of a mapping file.
type commentSet struct {
	head []string // lines above the key
	line []string // after the value, on the same line
	foot []string // below the entry
}

// ruleKey names a rule by its Name, plus an occurrence count n (how many
// earlier rules have that name) when names repeat, so comments follow a
// rule when rules move.
func ruleKey(name string, n int) string {
	k := "rules[" + name + "]"
	if n > 0 {
		k += "#" + strconv.Itoa(n)
	}
	return k
}

// ruleComment is the comment set of a rule named name, its n-th.
func (m *Mapping) ruleComment(name string, n int) *commentSet {
	if m.comments == nil {
		m.comments = map[string]*commentSet{}
	}
	k := ruleKey(name, n) + "#item"
	cs := m.comments[k]
	if cs == nil {
		cs = &commentSet{}
		m.comments[k] = cs
	}
	return cs
}

type emitter struct {
	b  bytes.Buffer
	cm map[string]*commentSet
}

func (e *emitter) head(key string, indent int) {
	if cs := e.cm[key]; cs != nil {
		e.comments(cs.head, indent)
	}
}

// comments writes comment lines, each on its own line at indent.
func (e *emitter) comments(lines []string, indent int) {
	for _, l := range lines {
		e.b.WriteString(strings.Repeat(" ", indent))
		e.b.WriteString(commentText(l))
		e.b.WriteByte('\n')
	}
}

func (e *emitter) end(key string) {
	if cs := e.cm[key]; cs != nil && len(cs.line) > 0 {
		e.b.WriteString("  ")
		e.b.WriteString(commentText(strings.Join(cs.line, " ")))
	}
	e.b.WriteByte('\n')
}

func (e *emitter) foot(key string, indent int) {
	if cs := e.cm[key]; cs != nil {
		e.comments(cs.foot, indent)
	}
}

func commentText(l string) string {
	l = strings.TrimSpace(l)
	if !strings.HasPrefix(l, "#") {
		return "# " + l
	}
	return l
}

// kv writes `key: value` at indent with the comments recorded under ck.
func (e *emitter) kv(ck string, indent int, key, val string) {
	e.head(ck, indent)
	e.b.WriteString(strings.Repeat(" ", indent))
	e.b.WriteString(key)
	e.b.WriteString(":")
	if val != "" {
		e.b.WriteByte(' ')
		e.b.WriteString(val)
	}
	e.end(ck)
	e.foot(ck, indent)
}

// Marshal renders the mapping as YAML in the stable key order of SPEC.md:
// seam, name, source, target, joins, lookups, rules, targets,
// ignore_source, acknowledged, tests (target and rules for one plain target,
// else targets:);
// in rules: id, target, from, expr, status, confidence, why, on_error,
// notes. Comments read from the file it was parsed from are kept.
func (m *Mapping) Marshal() ([]byte, error) {
	e := &emitter{cm: m.comments}
	seam := m.Seam
	if seam == 0 {
		seam = FormatVersion
	}
	e.kv("seam", 0, "seam", strconv.Itoa(seam))
	if m.Name != "" {
		e.kv("name", 0, "name", yamlScalar(m.Name, false))
	}
	if m.Source.Schema != "" || m.Source.Fingerprint != "" {
		e.kv("source", 0, "source", schemaRefYAML(m.Source))
	}
	multi := m.MultiTarget()
	if !multi && (m.Target.Schema != "" || m.Target.Fingerprint != "") {
		e.kv("target", 0, "target", schemaRefYAML(m.Target))
	}
	if len(m.Joins) > 0 {
		e.kv("joins", 0, "joins", "")
		for _, j := range m.Joins {
			e.b.WriteString("  - " + joinYAML(j) + "\n")
		}
	}
	if len(m.Lookups) > 0 {
		e.kv("lookups", 0, "lookups", "")
		for _, l := range m.Lookups {
			e.lookup(l)
		}
	}
	if !multi && len(m.Rules) > 0 {
		e.kv("rules", 0, "rules", "")
		e.rules(m.Rules, "", 2)
	}
	if multi {
		e.kv("targets", 0, "targets", "")
		for i, t := range m.Targets() {
			prefix := ""
			if i > 0 {
				prefix = targetCommentPrefix(t.TargetName)
			}
			e.target(t, prefix)
		}
	}
	if len(m.IgnoreSource) > 0 {
		e.kv("ignore_source", 0, "ignore_source", flowList(m.IgnoreSource))
	}
	// One target: its own list and the mapping's are the same thing.
	if ig := m.IgnoreTarget; len(ig) > 0 || (!multi && len(m.OwnIgnoreTarget) > 0) {
		if !multi {
			ig = m.IgnoredTargets()
		}
		e.kv("ignore_target", 0, "ignore_target", flowList(ig))
	}
	if len(m.Acknowledged) > 0 {
		e.kv("acknowledged", 0, "acknowledged", "")
		for _, a := range m.Acknowledged {
			var parts []string
			add := func(k, v string) {
				if v != "" {
					parts = append(parts, k+": "+yamlScalar(v, true))
				}
			}
			add("kind", a.Kind)
			add("target", a.Target)
			add("by", a.By)
			add("why", a.Why)
			e.b.WriteString("  - {" + strings.Join(parts, ", ") + "}\n")
		}
	}
	if m.Tests != "" {
		// Written back as it was read: seam never reformats a user's tests.
		e.head("tests", 0)
		e.b.WriteString(m.Tests)
	}
	return e.b.Bytes(), nil
}

// rules writes a list of rules at indent in; prefix keys a further
// target's comments.
func (e *emitter) rules(rs []*Rule, prefix string, in int) {
	seen := make(map[string]int, len(rs))
	for _, r := range rs {
		e.rule(ruleKey(prefix+r.Name(), seen[r.Name()]), r, in)
		seen[r.Name()]++
	}
}

// target writes one item of `targets:`.
func (e *emitter) target(t *Mapping, prefix string) {
	first := true
	line := func(key, val string) {
		lead := "    "
		if first {
			lead, first = "  - ", false
		}
		e.b.WriteString(lead + key + ":")
		if val != "" {
			e.b.WriteString(" " + val)
		}
		e.b.WriteByte('\n')
	}
	if t.TargetName != "" {
		line("name", yamlScalar(t.TargetName, false))
	}
	line("schema", yamlScalar(t.Target.Schema, false))
	if t.Target.Fingerprint != "" {
		line("fingerprint", strconv.Quote(t.Target.Fingerprint))
	}
	if t.Each != "" {
		line("each", yamlScalar(t.Each, false))
	}
	if t.Parent != "" {
		line("parent", yamlScalar(t.Parent, false))
	}
	if len(t.GroupBy) > 0 {
		line("group_by", flowList(t.GroupBy))
	}
	if len(t.OwnIgnoreTarget) > 0 {
		line("ignore_target", flowList(t.OwnIgnoreTarget))
	}
	if len(t.Rules) > 0 {
		line("rules", "")
		e.rules(t.Rules, prefix, 6)
	} else {
		line("rules", "[]")
	}
}

func joinYAML(j *Join) string {
	parts := []string{"name: " + yamlScalar(j.Name, true), "schema: " + yamlScalar(j.Schema, true)}
	if j.Data != "" {
		parts = append(parts, "data: "+yamlScalar(j.Data, true))
	}
	on := make([]string, len(j.On))
	for i, k := range j.On {
		on[i] = yamlScalar(k.Left, true) + ": " + yamlScalar(k.Right, true)
	}
	parts = append(parts, "on: {"+strings.Join(on, ", ")+"}")
	if j.OnMiss != "" {
		parts = append(parts, "on_miss: "+j.OnMiss)
	}
	if j.OnDuplicate != "" {
		parts = append(parts, "on_duplicate: "+j.OnDuplicate)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func schemaRefYAML(r SchemaRef) string {
	s := "{schema: " + yamlScalar(r.Schema, true)
	if r.Fingerprint != "" {
		s += ", fingerprint: " + strconv.Quote(r.Fingerprint)
	}
	return s + "}"
}

func (e *emitter) lookup(l *Lookup) {
	ck := "lookups." + l.Name
	var val string
	flowEntries := func() string {
		parts := make([]string, len(l.Entries))
		for i, en := range l.Entries {
			parts[i] = lookupScalar(en.Key, true) + ": " + lookupScalar(en.Value, true)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	switch {
	case l.File != "":
		val = "{file: " + yamlScalar(l.File, true)
		if l.Default != nil {
			val += ", default: " + yamlScalar(*l.Default, true)
		}
		val += "}"
	case l.Default != nil:
		val = "{entries: " + flowEntries() + ", default: " + yamlScalar(*l.Default, true) + "}"
	default:
		val = flowEntries()
	}
	if len(val) <= 100 || l.File != "" {
		e.kv(ck, 2, yamlScalar(l.Name, false), val)
		return
	}
	// Long tables: one entry a line.
	if l.Default != nil {
		e.kv(ck, 2, yamlScalar(l.Name, false), "")
		e.b.WriteString("    default: " + yamlScalar(*l.Default, false) + "\n")
		e.b.WriteString("    entries:\n")
		for _, en := range l.Entries {
			e.b.WriteString("      " + lookupScalar(en.Key, false) + ": " + lookupScalar(en.Value, false) + "\n")
		}
		return
	}
	e.kv(ck, 2, yamlScalar(l.Name, false), "")
	for _, en := range l.Entries {
		e.b.WriteString("    " + lookupScalar(en.Key, false) + ": " + lookupScalar(en.Value, false) + "\n")
	}
}

// lookupScalar writes a lookup key or value; a plain number or boolean
// (1, -2.5, true) stays plain: the parser keeps such a scalar's text, so
// `P: 1` reads back as the same "1" and keeps the form a person wrote.
func lookupScalar(s string, flow bool) string {
	if s == "true" || s == "false" || plainNumber.MatchString(s) {
		return s
	}
	return yamlScalar(s, flow)
}

var plainNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?$`)

// rule writes one rule as a list item at indent in (2 below rules:).
func (e *emitter) rule(rk string, r *Rule, in int) {
	e.head(rk+"#item", in)
	first := true
	pad := strings.Repeat(" ", in)
	field := func(key, val string) {
		ck := rk + "." + key
		if first {
			e.head(ck, in+2)
			e.b.WriteString(pad + "- " + key + ":")
			if val != "" {
				e.b.WriteString(" " + val)
			}
			e.end(ck)
			e.foot(ck, in+2)
			first = false
			return
		}
		e.kv(ck, in+2, key, val)
	}
	if r.ID != "" {
		field("id", yamlScalar(r.ID, false))
	}
	field("target", yamlScalar(r.Target, false))
	if len(r.From) > 0 {
		field("from", flowList(r.From))
	}
	if len(r.Items) > 0 {
		field("items", "")
		for _, it := range r.Items {
			parts := make([]string, len(it))
			for k, f := range it {
				parts[k] = yamlScalar(f.Name, true) + ": " + itemScalar(f.Expr)
			}
			e.b.WriteString(pad + "    - {" + strings.Join(parts, ", ") + "}\n")
		}
	} else if r.Expr != "" {
		if block, ok := literalBlock(r.Expr, in+4); ok {
			field("expr", block)
		} else {
			field("expr", yamlScalar(r.Expr, false))
		}
	}
	if r.Status != "" {
		field("status", r.Status)
	}
	if r.Confidence != 0 {
		field("confidence", strconv.FormatFloat(r.Confidence, 'f', -1, 64))
	}
	if len(r.Why) > 0 {
		fl := flowList(r.Why)
		if len(fl) <= 100 {
			field("why", fl)
		} else {
			field("why", "")
			for _, w := range r.Why {
				e.b.WriteString(pad + "    - " + yamlScalar(w, false) + "\n")
			}
		}
	}
	if r.OnError != "" {
		field("on_error", yamlScalar(r.OnError, false))
	}
	if r.Notes != "" {
		if block, ok := literalBlock(r.Notes, in+4); ok {
			field("notes", block)
		} else {
			field("notes", yamlScalar(r.Notes, false))
		}
	}
}

// literalBlock renders a multi-line text as a `|` block at indent.
func literalBlock(s string, indent int) (string, bool) {
	if !strings.Contains(s, "\n") {
		return "", false
	}
	chomp := "|-"
	body := s
	if strings.HasSuffix(s, "\n") {
		chomp = "|"
		body = s[:len(s)-1]
		if strings.HasSuffix(body, "\n") {
			return "", false
		}
	}
	lines := strings.Split(body, "\n")
	if lines[0] == "" || lines[0][0] == ' ' || lines[0][0] == '\t' {
		return "", false
	}
	for _, l := range lines {
		for _, c := range l {
			if c == '\t' || (c < 0x20) || c == 0x7f {
				return "", false
			}
		}
		if strings.TrimRight(l, " ") != l {
			return "", false
		}
	}
	pad := strings.Repeat(" ", indent)
	var b strings.Builder
	b.WriteString(chomp)
	for _, l := range lines {
		b.WriteByte('\n')
		if l != "" {
			b.WriteString(pad)
			b.WriteString(l)
		}
	}
	return b.String(), true
}

func flowList(items []string) string {
	parts := make([]string, len(items))
	for i, s := range items {
		parts[i] = yamlScalar(s, true)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

var yamlWords = map[string]bool{
	"null": true, "~": true, "true": true, "false": true, "yes": true, "no": true,
	"on": true, "off": true, "y": true, "n": true, ".inf": true, ".nan": true, "-.inf": true, "+.inf": true,
}

// yamlScalar renders s plain when that reads back as the same string, else
// double-quoted. flow is true inside [...] and {...}.
func yamlScalar(s string, flow bool) string {
	if plainOK(s, flow) {
		return s
	}
	return strconv.Quote(s)
}

func plainOK(s string, flow bool) bool {
	if s == "" || yamlWords[strings.ToLower(s)] {
		return false
	}
	if strings.ContainsAny(s[:1], "-?:,[]{}#&*!|>'\"%@`0123456789.+ \t=<") && !strings.HasPrefix(s, "./") && !strings.HasPrefix(s, "../") {
		return false
	}
	if strings.TrimSpace(s) != s || strings.Contains(s, ":") || strings.Contains(s, " #") {
		return false
	}
	if flow && strings.ContainsAny(s, ",[]{}") {
		return false
	}
	for _, c := range s {
		if c < 0x20 || c == 0x7f || c == '\ufeff' || !unicode.IsPrint(c) && c != ' ' {
			return false
		}
	}
	return true
}

// Save writes the mapping to path atomically: the YAML goes to a temporary
// file in the same folder, the file already at path is kept as path+"~",
// then the temporary file is renamed over path. m.Path becomes path.
func (m *Mapping) Save(path string) error {
	if m.Path != "" {
		m.Rebase(path)
	}
	data, err := m.Marshal()
	if err != nil {
		return err
	}
	if err := writeAtomic(path, data); err != nil {
		return err
	}
	m.Path = path
	return nil
}

// writeAtomic writes data to a temporary file beside path and renames it
// over path, keeping the previous version as path~ and its mode.
func writeAtomic(path string, data []byte) error {
	// A new file gets mode 0644 (less the umask); a replaced one keeps its
	// mode. os.CreateTemp would make it 0600.
	perm := os.FileMode(0o644)
	st, statErr := os.Stat(path)
	if statErr == nil {
		perm = st.Mode().Perm()
	}
	tmp, err := createTemp(path, perm)
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if statErr == nil {
		// The umask may have narrowed the temporary file's mode.
		if err := os.Chmod(tmp.Name(), perm); err != nil {
			return fmt.Errorf("save %s: %w", path, err)
		}
		prev, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("save %s: keep previous version: %w", path, err)
		}
		if err := os.WriteFile(path+"~", prev, perm); err != nil {
			return fmt.Errorf("save %s: keep previous version: %w", path, err)
		}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	return nil
}

// createTemp creates a new file next to path, named after it, with mode
// perm less the umask (os.CreateTemp always uses 0600).
func createTemp(path string, perm os.FileMode) (*os.File, error) {
	dir, base := filepath.Split(path)
	for try := 0; ; try++ {
		name := filepath.Join(dir, "."+base+".tmp"+strconv.FormatUint(uint64(rand.Uint32()), 10))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if err == nil || !errors.Is(err, fs.ErrExist) || try == 100 {
			return f, err
		}
	}
}

// itemScalar writes an item's expression: in single quotes when YAML needs
// quotes and the text holds double quotes ('"primary"' reads better than
// "\"primary\"").
func itemScalar(s string) string {
	q := yamlScalar(s, true)
	if q != s && strings.Contains(s, `"`) && !strings.ContainsAny(s, "'\n\\") {
		return "'" + s + "'"
	}
	return q
}
