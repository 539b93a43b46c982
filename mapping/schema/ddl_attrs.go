package schema

import (
	"strings"
)

// column parses "name type constraints...". Every token after the type
// must be a column constraint or attribute of one of the dialects; an
// unknown word is an error, because it is almost always the next column
// after a missing comma ("b varchar(10) NOT NULL c text"), which every
// database refuses.
func (p *ddlParser) column(el []sqlTok) (*Field, error) {
	c := &cursor{toks: el, file: p.src.name}
	nt := c.take()
	if nt.kind != tIdent && nt.kind != tQuoted {
		return nil, c.errorf(nt, "expected a column name, found %s", describe(nt))
	}
	f := &Field{Name: nt.text, Path: nt.text, Nullable: true, Origin: p.src.pos(nt.line, 0)}
	st, err := p.parseType(c, nt.text)
	if err != nil {
		return nil, err
	}
	if st.array {
		el := &Field{Name: "[]", Path: f.Path + "[]", Required: true, Nullable: true, Origin: f.Origin}
		if err := p.applyType(el, st, 0); err != nil {
			return nil, err
		}
		f.Type = Array
		f.Children = []*Field{el}
	} else if err := p.applyType(f, st, 0); err != nil {
		return nil, err
	}
	for c.i < len(c.toks) {
		if err := p.columnAttr(c, f, &st); err != nil {
			return nil, err
		}
	}
	if f.Type == Array && len(f.Children) == 1 {
		f.Children[0].Origin = f.Origin
	}
	return f, nil
}

// tolerated are single words of column definitions that carry no fact
// seam models: SQL Server SPARSE, ROWGUIDCOL, FILESTREAM, PERSISTED;
// MySQL INVISIBLE, STORED, VIRTUAL, BINARY; Oracle ENABLE, NOVALIDATE;
// sort orders after PRIMARY KEY; MASKED/ENCRYPTED before WITH (...).
var tolerated = map[string]bool{
	"SPARSE": true, "ROWGUIDCOL": true, "FILESTREAM": true, "PERSISTED": true,
	"INVISIBLE": true, "VISIBLE": true, "HIDDEN": true, "STORED": true, "VIRTUAL": true,
	"BINARY": true, "ASCII": true, "UNICODE": true, "UNSIGNED": true, "SIGNED": true, "ZEROFILL": true,
	"ENABLE": true, "DISABLE": true, "VALIDATE": true, "NOVALIDATE": true, "RELY": true, "NORELY": true,
	"ASC": true, "DESC": true, "CLUSTERED": true, "NONCLUSTERED": true,
	"MASKED": true, "ENCRYPTED": true, "DEFERRABLE": true, "FIRST": true,
}

// valued are words followed by one value: MySQL COLUMN_FORMAT DYNAMIC,
// STORAGE DISK, SRID 4326; PostgreSQL STORAGE EXTERNAL, COMPRESSION lz4;
// INITIALLY DEFERRED; ON CONFLICT REPLACE (SQLite, after "ON").
var valued = map[string]bool{"COLUMN_FORMAT": true, "STORAGE": true, "SRID": true, "COMPRESSION": true, "INITIALLY": true}

// columnAttr reads one constraint or attribute of column f.
func (p *ddlParser) columnAttr(c *cursor, f *Field, st *sqlType) error {
	t := c.peek()
	switch {
	case c.accept("NOT", "NULL"):
		f.Required, f.Nullable = true, false
	case c.accept("NULL"):
		f.Nullable = true
	case c.accept("CONSTRAINT"):
		if _, _, err := c.name("constraint"); err != nil {
			return err
		}
	case c.accept("PRIMARY", "KEY"), c.accept("KEY"):
		f.PrimaryKey, f.Unique = true, true
		f.Required, f.Nullable = true, false
		for c.accept("ASC") || c.accept("DESC") || c.accept("CLUSTERED") || c.accept("NONCLUSTERED") {
		}
		if c.accept("AUTOINCREMENT") {
			f.Generated = true
		}
	case c.accept("UNIQUE"):
		if !c.accept("KEY") {
			c.accept("INDEX")
		}
		f.Unique = true
	case c.accept("REFERENCES"):
		r, err := p.references(c)
		if err != nil {
			return err
		}
		f.References = r.target(0)
	case c.accept("DEFAULT"):
		start := c.i
		p.skipExpr(c)
		if c.i == start {
			return fmtErr(p.src.name, t, f.Name, "DEFAULT without a value; expected an expression")
		}
		setDefault(f, c.toks[start:c.i])
	case c.accept("CHECK"):
		body, err := c.group()
		if err != nil {
			return err
		}
		applyCheckTo(f, f.Name, body)
		c.accept("NO", "INHERIT")
		c.accept("NOT", "VALID")
	case c.accept("GENERATED"):
		always := c.accept("ALWAYS")
		c.accept("BY", "DEFAULT")
		c.accept("ON", "NULL") // Oracle
		if !c.accept("AS") {
			return fmtErr(p.src.name, c.peek(), f.Name, "GENERATED: expected AS IDENTITY or AS (expression), found %s", describe(c.peek()))
		}
		f.Generated = true
		if always {
			f.ReadOnly = true
		}
		switch {
		case c.accept("IDENTITY"):
			if c.peek().isP("(") {
				if _, err := c.group(); err != nil {
					return err
				}
			}
		case c.peek().isP("("):
			if _, err := c.group(); err != nil {
				return err
			}
			f.ReadOnly = true
		default:
			return fmtErr(p.src.name, c.peek(), f.Name, "GENERATED ... AS: expected IDENTITY or (expression), found %s", describe(c.peek()))
		}
	case t.is("AS") && c.peekN(1).isP("("):
		// MySQL, SQLite and SQL Server generated columns: AS (expr) [STORED].
		c.take()
		if _, err := c.group(); err != nil {
			return err
		}
		f.Generated, f.ReadOnly = true, true
	case c.accept("IDENTITY"):
		f.Generated = true
		if c.peek().isP("(") {
			if _, err := c.group(); err != nil {
				return err
			}
		}
	case c.accept("AUTO_INCREMENT"), c.accept("AUTOINCREMENT"):
		f.Generated = true
	case c.accept("COLLATE"):
		if _, _, err := c.name("collation"); err != nil {
			return err
		}
	case c.accept("COMMENT"):
		d := c.take()
		if d.kind != tString {
			return fmtErr(p.src.name, d, f.Name, "COMMENT: expected a quoted text, found %s", describe(d))
		}
		f.Description = d.text
	case c.accept("ON", "UPDATE"):
		p.skipExpr(c)
	case c.accept("ON", "CONFLICT"):
		c.take()
	case c.accept("NOT", "FOR", "REPLICATION"), c.accept("NOT", "DEFERRABLE"):
	case t.is("CHARACTER") && c.peekN(1).is("SET"), t.is("CHARSET"):
		if err := p.typeSuffix(c, st); err != nil {
			return err
		}
		f.Charset = narrowCharset(st.charset)
		p.markCharset(f)
	case t.is("WITH") && c.peekN(1).isP("("):
		// SQL Server MASKED WITH (...), ENCRYPTED WITH (...).
		c.take()
		if _, err := c.group(); err != nil {
			return err
		}
	case t.is("ENGINE_ATTRIBUTE") || t.is("SECONDARY_ENGINE_ATTRIBUTE"):
		c.take()
		if c.peek().isP("=") {
			c.take()
		}
		c.take()
	case t.is("AFTER"):
		// ALTER TABLE ... ADD col type AFTER other (MySQL).
		c.take()
		if _, _, err := c.name("column"); err != nil {
			return err
		}
	case t.kind == tIdent && valued[strings.ToUpper(t.text)]:
		c.take()
		c.take()
	case t.kind == tIdent && tolerated[strings.ToUpper(t.text)]:
		c.take()
	default:
		hint := ""
		if t.kind == tIdent || t.kind == tQuoted {
			hint = " (a missing comma?)"
		}
		return errAt(p.src.name, t.line, t.col, "expected ',' or ')' after column %s, found %s%s", f.Name, describe(t), hint)
	}
	return nil
}

// skipExpr advances over one expression (a DEFAULT or ON UPDATE value):
// operands joined by operators, function calls, casts (::type), typed
// literals (DATE '2020-01-01', b'01'), CASE ... END. It stops after the
// last operand, so a following word that is not an operator (NOT NULL,
// COMMENT, or the next column after a missing comma) is left for the
// caller.
func (p *ddlParser) skipExpr(c *cursor) {
	operand := true // an operand is expected next
	for c.i < len(c.toks) {
		t := c.peek()
		if operand {
			switch {
			case t.isP("("):
				if _, err := c.group(); err != nil {
					c.i = len(c.toks)
					return
				}
			case t.isP("-") || t.isP("+") || t.isP("~") || t.is("NOT"):
				c.take()
				continue
			case t.is("CASE"):
				for depth := 0; c.i < len(c.toks); {
					x := c.take()
					if x.is("CASE") {
						depth++
					} else if x.is("END") {
						if depth--; depth == 0 {
							break
						}
					}
				}
			case t.kind == tIdent:
				c.take()
				if c.peek().isP("(") {
					if _, err := c.group(); err != nil {
						c.i = len(c.toks)
						return
					}
				} else if c.peek().kind == tString {
					c.take() // typed literal or charset introducer
				}
			case t.kind == tString || t.kind == tNumber || t.kind == tQuoted:
				c.take()
			default:
				return
			}
			operand = false
			continue
		}
		switch {
		case t.isP("::"):
			c.take()
			if _, err := p.parseType(c, ""); err != nil {
				return
			}
		case t.isP("["):
			for c.i < len(c.toks) && !c.take().isP("]") {
			}
		case t.isP("."):
			c.take()
			operand = true
		case isOpChar(t):
			for isOpChar(c.peek()) { // || >= <> ->> are several tokens
				c.take()
			}
			operand = true
		case t.is("AND") || t.is("OR") || t.is("IS") || t.is("IN") || t.is("LIKE") || t.is("ILIKE") ||
			t.is("BETWEEN") || t.is("ESCAPE") || t.is("DIV") || t.is("MOD"):
			c.take()
			operand = true
		case t.is("NOT") && (c.peekN(1).is("IN") || c.peekN(1).is("LIKE") || c.peekN(1).is("ILIKE") || c.peekN(1).is("BETWEEN")):
			c.i += 2
			operand = true
		case c.accept("AT", "TIME", "ZONE"):
			operand = true
		default:
			return
		}
	}
}

func isOpChar(t sqlTok) bool {
	return t.kind == tPunct && len(t.text) == 1 && strings.Contains("+-*/%|&^<>=!~", t.text)
}
