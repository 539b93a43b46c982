package schema

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/seamhq/seam/mapping/diag"
)

func errAt(file string, line, col int, format string, args ...any) error {
	return diag.Errorf(diag.Pos{File: file, Line: line, Col: col}, format, args...)
}

// ddlTable is a parsed CREATE TABLE.
type ddlTable struct {
	name   string // unqualified
	qname  string // as written, schema-qualified when it was
	cols   []*Field
	byName map[string]*Field
	line   int
	// charset from the table options (MySQL DEFAULT CHARSET=latin1).
	charset string
}

func (t *ddlTable) col(name string) *Field {
	return t.byName[strings.ToLower(name)]
}

// ddlParser walks the statements of a DDL script.
type ddlParser struct {
	src     *source
	lex     *sqlLexer
	tables  []*ddlTable
	byName  map[string]*ddlTable
	enums   map[string][]string
	domains map[string]domainDef
	// ownCharset marks columns declared with a CHARACTER SET.
	ownCharset map[*Field]bool
	// userTypeErr carries an error out of userType.
	userTypeErr error
}

type domainDef struct {
	toks    []sqlTok
	notNull bool
}

func loadDDL(src *source, data []byte) (*Schema, error) {
	p := &ddlParser{src: src, lex: newSQLLexer(src.name, string(trimBOM(data))), byName: map[string]*ddlTable{}, enums: map[string][]string{}, domains: map[string]domainDef{}}
	if err := p.run(); err != nil {
		return nil, err
	}
	if len(p.tables) == 0 {
		return nil, src.errorf(0, 0, "no CREATE TABLE statement found; expected SQL DDL")
	}
	var t *ddlTable
	if src.selector == "" {
		if len(p.tables) > 1 {
			return nil, selectErr(src, "table", p.tableNames())
		}
		t = p.tables[0]
	} else {
		sel := strings.ToLower(src.selector)
		for _, x := range p.tables {
			if strings.ToLower(x.name) == sel || strings.ToLower(x.qname) == sel {
				t = x
				break
			}
		}
		if t == nil {
			return nil, selectErr(src, "table", p.tableNames())
		}
	}
	s := src.newSchema(t.name)
	s.Fields = t.cols
	s.Charset = t.charset
	return s, nil
}

func (p *ddlParser) tableNames() []string {
	var out []string
	for _, t := range p.tables {
		out = append(out, t.name)
	}
	return out
}

// run reads statement after statement. Only CREATE and ALTER statements
// are kept as tokens; INSERTs and everything else are scanned and dropped.
func (p *ddlParser) run() error {
	for {
		first := p.lex.next()
		if p.lex.err != nil {
			return p.lex.err
		}
		if first.kind == tEOF {
			return nil
		}
		if first.isP(";") || first.is("GO") {
			continue
		}
		keep := first.is("CREATE") || first.is("ALTER")
		toks := []sqlTok{first}
		depth := 0
		var open []sqlTok // unclosed '(' tokens
		isCopy := first.is("COPY")
		stdin := false
		for {
			t := p.lex.next()
			if p.lex.err != nil {
				return p.lex.err
			}
			if t.kind == tEOF {
				break
			}
			if t.isP("(") {
				depth++
				open = append(open, t)
			} else if t.isP(")") {
				depth--
				if len(open) > 0 {
					open = open[:len(open)-1]
				}
			}
			if depth <= 0 && t.isP(";") {
				break
			}
			if depth > 0 && t.isP(";") && keep && isCreateTable(toks) {
				o := open[len(open)-1]
				return errAt(p.src.name, t.line, t.col, "unexpected ; inside parentheses: the ( at line %d col %d is not closed; expected )", o.line, o.col)
			}
			if depth <= 0 && t.is("GO") && t.col == 1 {
				break
			}
			if isCopy && (t.is("stdin")) {
				stdin = true
			}
			if keep {
				toks = append(toks, t)
			}
		}
		if isCopy && stdin {
			p.lex.skipCopyData()
		}
		if keep {
			if err := p.statement(toks); err != nil {
				return err
			}
		}
	}
}

// isCreateTable reports a statement starting CREATE [...] TABLE.
func isCreateTable(toks []sqlTok) bool {
	for i := 0; i < len(toks) && i < 6; i++ {
		if toks[i].is("TABLE") {
			return toks[0].is("CREATE")
		}
	}
	return false
}

// cursor walks one statement's tokens.
type cursor struct {
	toks []sqlTok
	i    int
	file string
}

func (c *cursor) peek() sqlTok {
	if c.i < len(c.toks) {
		return c.toks[c.i]
	}
	last := sqlTok{kind: tEOF}
	if len(c.toks) > 0 {
		l := c.toks[len(c.toks)-1]
		last.line, last.col = l.line, l.col+len(l.text)
	}
	return last
}

func (c *cursor) peekN(n int) sqlTok {
	if c.i+n < len(c.toks) {
		return c.toks[c.i+n]
	}
	return sqlTok{kind: tEOF}
}

func (c *cursor) take() sqlTok {
	t := c.peek()
	if c.i < len(c.toks) {
		c.i++
	}
	return t
}

func (c *cursor) accept(kws ...string) bool {
	for j, kw := range kws {
		if !c.peekN(j).is(kw) {
			return false
		}
	}
	c.i += len(kws)
	return true
}

func (c *cursor) errorf(t sqlTok, format string, args ...any) error {
	return errAt(c.file, t.line, t.col, format, args...)
}

func describe(t sqlTok) string {
	switch t.kind {
	case tEOF:
		return "end of statement"
	case tString:
		return "string '" + t.text + "'"
	default:
	}
	return strconv.Quote(t.text)
}

// name reads an identifier, possibly qualified (a.b.c); returns the last
// part and the full text.
func (c *cursor) name(what string) (string, string, error) {
	t := c.take()
	if t.kind != tIdent && t.kind != tQuoted && t.kind != tString {
		return "", "", c.errorf(t, "expected %s name, found %s", what, describe(t))
	}
	last, full := t.text, t.text
	for c.peek().isP(".") {
		c.take()
		n := c.take()
		if n.kind != tIdent && n.kind != tQuoted {
			return "", "", c.errorf(n, "expected a name after '.', found %s", describe(n))
		}
		last = n.text
		full += "." + n.text
	}
	return last, full, nil
}

// group returns the tokens inside the parentheses at the cursor (which
// must be '('), leaving the cursor after the matching ')'.
func (c *cursor) group() ([]sqlTok, error) {
	open := c.take()
	if !open.isP("(") {
		return nil, c.errorf(open, "expected (, found %s", describe(open))
	}
	start, depth := c.i, 1
	for c.i < len(c.toks) {
		t := c.toks[c.i]
		c.i++
		if t.isP("(") {
			depth++
		} else if t.isP(")") {
			depth--
			if depth == 0 {
				return c.toks[start : c.i-1], nil
			}
		}
	}
	return nil, c.errorf(open, "unbalanced parenthesis: expected ) to close the ( at line %d col %d", open.line, open.col)
}

// splitTop splits tokens at top-level commas.
func splitTop(toks []sqlTok) [][]sqlTok {
	var out [][]sqlTok
	start := 0
	for {
		i := topIndex(toks[start:], ",", 0)
		if i < 0 {
			break
		}
		out = append(out, toks[start:start+i])
		start += i + 1
	}
	if start < len(toks) || len(toks) == 0 || start > 0 {
		out = append(out, toks[start:])
	}
	return out
}

// topIndex is the index of the first punctuation p at or after from that
// stands outside parentheses (counted from toks[0]), or -1.
func topIndex(toks []sqlTok, p string, from int) int {
	depth := 0
	for i, t := range toks {
		switch {
		case t.isP("("):
			depth++
		case t.isP(")"):
			depth--
		case t.isP(p) && depth == 0 && i >= from:
			return i
		}
	}
	return -1
}

func (p *ddlParser) statement(toks []sqlTok) error {
	c := &cursor{toks: toks, file: p.src.name}
	if c.accept("ALTER") {
		return p.alter(c)
	}
	c.accept("CREATE")
	c.accept("OR", "REPLACE")
	for c.accept("GLOBAL") || c.accept("LOCAL") || c.accept("TEMPORARY") || c.accept("TEMP") || c.accept("UNLOGGED") || c.accept("VIRTUAL") {
	}
	switch {
	case c.accept("TABLE"):
		return p.createTable(c)
	case c.accept("TYPE"):
		return p.createType(c)
	case c.accept("DOMAIN"):
		return p.createDomain(c)
	case c.accept("UNIQUE", "INDEX"):
		p.uniqueIndex(c)
	}
	return nil // views, indexes, functions, sequences...: not schemas of a table
}

// uniqueIndex marks the column of CREATE UNIQUE INDEX [name] ON t (col)
// unique, as a UNIQUE constraint would; an index on several columns or on
// an expression, or one this reader cannot follow, says nothing.
func (p *ddlParser) uniqueIndex(c *cursor) {
	c.accept("CONCURRENTLY")
	c.accept("IF", "NOT", "EXISTS")
	if !c.peek().is("ON") {
		c.take() // the index name
	}
	if !c.accept("ON") {
		return
	}
	c.accept("ONLY")
	_, qname, err := c.name("table")
	if err != nil {
		return
	}
	t := p.byName[strings.ToLower(qname)]
	if t == nil {
		return
	}
	if c.accept("USING") {
		c.take()
	}
	body, err := c.group()
	if err != nil {
		return
	}
	if cols := splitTop(body); len(cols) == 1 && len(cols[0]) == 1 {
		if f := t.col(cols[0][0].text); f != nil {
			f.Unique = true
		}
	}
}

func (p *ddlParser) createType(c *cursor) error {
	name, _, err := c.name("type")
	if err != nil {
		return err
	}
	if !c.accept("AS", "ENUM") {
		return nil // composite and range types are not columns' enums
	}
	body, err := c.group()
	if err != nil {
		return err
	}
	var vals []string
	for _, part := range splitTop(body) {
		if len(part) == 1 && part[0].kind == tString {
			vals = append(vals, part[0].text)
		} else if len(part) > 0 {
			return c.errorf(part[0], "enum %s: expected a quoted label, found %s", name, describe(part[0]))
		}
	}
	p.enums[strings.ToLower(name)] = vals
	return nil
}

func (p *ddlParser) createDomain(c *cursor) error {
	name, _, err := c.name("domain")
	if err != nil {
		return err
	}
	c.accept("AS")
	d := domainDef{toks: c.toks[c.i:]}
	for j := c.i; j+1 < len(c.toks); j++ {
		if c.toks[j].is("NOT") && c.toks[j+1].is("NULL") {
			d.notNull = true
		}
	}
	p.domains[strings.ToLower(name)] = d
	return nil
}

func (p *ddlParser) createTable(c *cursor) error {
	c.accept("IF", "NOT", "EXISTS")
	start := c.peek()
	name, qname, err := c.name("table")
	if err != nil {
		return err
	}
	if !c.peek().isP("(") {
		// CREATE TABLE x AS SELECT / LIKE / PARTITION OF: no column list.
		if c.peek().is("AS") || c.peek().is("LIKE") || c.peek().is("PARTITION") || c.peek().is("OF") {
			return nil
		}
		return c.errorf(c.peek(), "table %s: expected ( and a column list, found %s", name, describe(c.peek()))
	}
	body, err := c.group()
	if err != nil {
		return err
	}
	t := &ddlTable{name: name, qname: qname, byName: map[string]*Field{}, line: start.line}
	if c.accept("INHERITS") {
		parents, err := c.group()
		if err != nil {
			return err
		}
		for _, part := range splitTop(parents) {
			if len(part) == 0 {
				continue
			}
			pt := p.byName[strings.ToLower(part[len(part)-1].text)]
			if pt == nil {
				return c.errorf(part[0], "table %s inherits from %s, which is not declared before it", name, part[len(part)-1].text)
			}
			for _, f := range pt.cols {
				cp := cloneField(f)
				cp.PrimaryKey = false
				t.cols = append(t.cols, cp)
				t.byName[strings.ToLower(cp.Name)] = cp
			}
		}
	}
	var tableCons [][]sqlTok
	for _, el := range splitTop(body) {
		if len(el) == 0 {
			return c.errorf(c.toks[c.i-1], "table %s: empty element in the column list (a stray comma?); expected a column or constraint", name)
		}
		head := el[0]
		if head.kind == tIdent && isTableConstraintStart(el) && !p.isColumnNamedLikeKeyword(el) {
			tableCons = append(tableCons, el)
			continue
		}
		f, err := p.column(el)
		if err != nil {
			return err
		}
		if _, dup := t.byName[strings.ToLower(f.Name)]; dup {
			return c.errorf(head, "table %s: duplicate column %s", name, f.Name)
		}
		t.cols = append(t.cols, f)
		t.byName[strings.ToLower(f.Name)] = f
	}
	for _, tc := range tableCons {
		if err := p.tableConstraint(t, &cursor{toks: tc, file: p.src.name}); err != nil {
			return err
		}
	}
	if old, ok := p.byName[strings.ToLower(qname)]; ok {
		return c.errorf(start, "table %s declared twice (first at line %d)", name, old.line)
	}
	p.byName[strings.ToLower(qname)] = t
	if qname != name {
		if _, ok := p.byName[strings.ToLower(name)]; !ok {
			p.byName[strings.ToLower(name)] = t
		}
	}
	// Table options after the column list: MySQL [DEFAULT] CHARSET=x,
	// CHARACTER SET x.
	for c.i < len(c.toks) {
		tk := c.take()
		if tk.is("CHARSET") || tk.is("CHARACTER") && c.accept("SET") {
			if c.peek().isP("=") {
				c.take()
			}
			if v := c.peek(); v.kind == tIdent || v.kind == tString || v.kind == tQuoted {
				t.charset = narrowCharset(c.take().text)
			}
		}
	}
	if t.charset != "" {
		for _, f := range t.cols {
			if !p.ownCharset[f] && (f.Type == String || f.Type == Enum) {
				f.Charset = t.charset
			}
		}
	}
	p.tables = append(p.tables, t)
	return nil
}

// isColumnNamedLikeKeyword tells "key varchar(10)" (a column called key)
// from "KEY idx (col)" (a MySQL index): the second token is a type.
func (p *ddlParser) isColumnNamedLikeKeyword(el []sqlTok) bool {
	if len(el) < 2 || el[1].kind != tIdent || !(el[0].is("KEY") || el[0].is("UNIQUE") || el[0].is("INDEX")) {
		return false
	}
	st := sqlType{base: strings.ToLower(el[1].text), tok: el[1]}
	return p.applyType(&Field{}, st, 0) == nil
}

func isTableConstraintStart(el []sqlTok) bool {
	h := el[0]
	switch strings.ToUpper(h.text) {
	case "CONSTRAINT", "FOREIGN", "CHECK", "EXCLUDE", "LIKE", "FULLTEXT", "SPATIAL":
		return true
	case "PRIMARY":
		return len(el) > 1 && el[1].is("KEY")
	case "INDEX":
		return len(el) > 1 && (el[1].isP("(") || len(el) > 2 && el[2].isP("("))
	case "UNIQUE":
		return len(el) > 1 && (el[1].isP("(") || el[1].is("KEY") || el[1].is("INDEX") || el[1].kind == tIdent && len(el) > 2 && el[2].isP("("))
	case "KEY":
		return len(el) > 1 && (el[1].isP("(") || len(el) > 2 && el[2].isP("("))
	}
	return false
}

// exprText renders tokens back to SQL-ish text for defaults.
func exprText(toks []sqlTok) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 && !(t.isP(")") || t.isP(",") || t.isP("::") || t.isP("(") || toks[i-1].isP("(") || toks[i-1].isP("::")) {
			b.WriteByte(' ')
		}
		switch t.kind {
		case tString:
			b.WriteString("'" + strings.ReplaceAll(t.text, "'", "''") + "'")
		case tQuoted:
			b.WriteString(`"` + t.text + `"`)
		default:
			b.WriteString(t.text)
		}
	}
	return b.String()
}

// fmtErr is a small helper for column errors.
func fmtErr(file string, t sqlTok, col, format string, args ...any) error {
	return errAt(file, t.line, t.col, "column %s: %s", col, fmt.Sprintf(format, args...))
}

// cloneField deep-copies a field tree.
func cloneField(f *Field) *Field {
	cp := *f
	cp.Children = nil
	for _, ch := range f.Children {
		cp.Children = append(cp.Children, cloneField(ch))
	}
	return &cp
}
