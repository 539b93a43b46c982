package schema

import (
	"strings"
)

// tableConstraint applies PRIMARY KEY / UNIQUE / FOREIGN KEY / CHECK.
func (p *ddlParser) tableConstraint(t *ddlTable, c *cursor) error {
	if c.accept("CONSTRAINT") {
		if _, _, err := c.name("constraint"); err != nil {
			return err
		}
	}
	switch {
	case c.accept("PRIMARY", "KEY"):
		c.accept("CLUSTERED")
		c.accept("NONCLUSTERED")
		cols, err := p.colList(t, c)
		if err != nil {
			return err
		}
		for _, f := range cols {
			f.PrimaryKey = true
			f.Required, f.Nullable = true, false
		}
		if len(cols) == 1 {
			cols[0].Unique = true
		}
	case c.accept("UNIQUE"):
		c.accept("KEY")
		c.accept("INDEX")
		c.accept("CLUSTERED")
		c.accept("NONCLUSTERED")
		if !c.peek().isP("(") {
			c.take() // index name
		}
		cols, err := p.colList(t, c)
		if err != nil {
			return err
		}
		if len(cols) == 1 {
			cols[0].Unique = true
		}
	case c.accept("FOREIGN", "KEY"):
		cols, err := p.colList(t, c)
		if err != nil {
			return err
		}
		if !c.accept("REFERENCES") {
			return c.errorf(c.peek(), "FOREIGN KEY: expected REFERENCES, found %s", describe(c.peek()))
		}
		refs, err := p.references(c)
		if err != nil {
			return err
		}
		for i, f := range cols {
			f.References = refs.target(i)
		}
	case c.accept("CHECK"):
		body, err := c.group()
		if err != nil {
			return err
		}
		applyCheck(t, body)
	case c.peek().is("KEY") || c.peek().is("INDEX"):
		// MySQL KEY name (cols) [USING BTREE] [COMMENT '...']: no field facts.
		c.take()
		if !c.peek().isP("(") {
			c.take()
		}
		if _, err := p.colList(t, c); err != nil {
			return err
		}
	default:
		return nil // EXCLUDE, FULLTEXT, SPATIAL, LIKE: no field facts
	}
	return p.constraintTail(c)
}

// constraintTail checks what follows a table constraint: index options
// of the dialects are skipped, anything else (the next column after a
// missing comma) is an error.
func (p *ddlParser) constraintTail(c *cursor) error {
	for c.i < len(c.toks) {
		t := c.peek()
		switch {
		case t.is("WITH") && c.peekN(1).isP("("), t.is("INCLUDE") && c.peekN(1).isP("("):
			c.take()
			if _, err := c.group(); err != nil {
				return err
			}
		case c.accept("ON", "CONFLICT"), c.accept("USING", "INDEX", "TABLESPACE"), c.accept("WITH", "PARSER"),
			c.accept("KEY_BLOCK_SIZE"), c.accept("INITIALLY"), c.accept("USING"), c.accept("ON"), c.accept("COMMENT"):
			if c.peek().isP("=") {
				c.take()
			}
			c.take()
		case c.accept("NOT", "VALID"), c.accept("NOT", "DEFERRABLE"), c.accept("NOT", "ENFORCED"), c.accept("NO", "INHERIT"),
			c.accept("NOT", "FOR", "REPLICATION"), c.accept("USING", "INDEX"):
		case t.kind == tIdent && (tolerated[strings.ToUpper(t.text)] || t.is("ENFORCED")):
			c.take()
		default:
			hint := ""
			if t.kind == tIdent || t.kind == tQuoted {
				hint = " (a missing comma?)"
			}
			return c.errorf(t, "expected ',' or ')' after the table constraint, found %s%s", describe(t), hint)
		}
	}
	return nil
}

func (p *ddlParser) colList(t *ddlTable, c *cursor) ([]*Field, error) {
	body, err := c.group()
	if err != nil {
		return nil, err
	}
	var out []*Field
	for _, part := range splitTop(body) {
		if len(part) == 0 {
			continue
		}
		f := t.col(part[0].text)
		if f == nil {
			return nil, c.errorf(part[0], "table %s has no column %s", t.name, part[0].text)
		}
		out = append(out, f)
	}
	return out, nil
}

type refSpec struct {
	table string
	cols  []string
}

func (r refSpec) target(i int) string {
	if i < len(r.cols) {
		return r.table + "." + r.cols[i]
	}
	return r.table
}

func (p *ddlParser) references(c *cursor) (refSpec, error) {
	name, _, err := c.name("referenced table")
	if err != nil {
		return refSpec{}, err
	}
	r := refSpec{table: name}
	if c.peek().isP("(") {
		body, err := c.group()
		if err != nil {
			return r, err
		}
		for _, part := range splitTop(body) {
			if len(part) > 0 {
				r.cols = append(r.cols, part[0].text)
			}
		}
	}
	// ON DELETE/UPDATE actions, MATCH, DEFERRABLE...
	for c.peek().is("ON") || c.peek().is("MATCH") || c.peek().is("DEFERRABLE") || c.peek().is("INITIALLY") || c.peek().is("NOT") && c.peekN(1).is("DEFERRABLE") {
		switch {
		case c.accept("ON"):
			c.take()
			if !c.accept("CASCADE") && !c.accept("RESTRICT") && !c.accept("NO", "ACTION") && !c.accept("SET", "NULL") && !c.accept("SET", "DEFAULT") {
				c.take()
			}
		case c.accept("DEFERRABLE"), c.accept("NOT", "DEFERRABLE"):
		default: // MATCH FULL, INITIALLY DEFERRED
			c.take()
			c.take()
		}
	}
	return r, nil
}

// alter applies ALTER TABLE ... ADD CONSTRAINT / ALTER COLUMN facts to a
// table declared earlier.
func (p *ddlParser) alter(c *cursor) error {
	if !c.accept("TABLE") {
		return nil
	}
	c.accept("IF", "EXISTS")
	c.accept("ONLY")
	_, qname, err := c.name("table")
	if err != nil {
		return err
	}
	t := p.byName[strings.ToLower(qname)]
	if t == nil {
		return nil // a table this file does not create
	}
	for _, action := range splitTop(c.toks[c.i:]) {
		ac := &cursor{toks: action, file: p.src.name}
		switch {
		case ac.accept("ADD"):
			if ac.accept("COLUMN") || ac.i >= len(ac.toks) || ac.peek().kind != tIdent || !isTableConstraintStart(ac.toks[ac.i:]) || p.isColumnNamedLikeKeyword(ac.toks[ac.i:]) {
				ac.accept("IF", "NOT", "EXISTS")
				f, err := p.column(ac.toks[ac.i:])
				if err != nil {
					return err
				}
				if t.col(f.Name) == nil {
					t.cols = append(t.cols, f)
					t.byName[strings.ToLower(f.Name)] = f
				}
				continue
			}
			if err := p.tableConstraint(t, ac); err != nil {
				return err
			}
		case ac.accept("ALTER"):
			ac.accept("COLUMN")
			n := ac.take()
			f := t.col(n.text)
			if f == nil {
				continue
			}
			switch {
			case ac.accept("SET", "NOT", "NULL"):
				f.Required, f.Nullable = true, false
			case ac.accept("DROP", "NOT", "NULL"):
				f.Required, f.Nullable = false, true
			case ac.accept("SET", "DEFAULT"):
				setDefault(f, ac.toks[ac.i:])
			case ac.accept("ADD", "GENERATED"):
				f.Generated = true
			}
		}
	}
	return nil
}
