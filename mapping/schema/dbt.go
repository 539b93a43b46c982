package schema

import (
	"github.com/seamhq/seam/mapping/diag"
	"strings"
)

// loadDBT reads a dbt sources/models YAML file: one table (selected with
// #TABLE) with its columns, their descriptions and, where given,
// data_type. Columns without data_type are strings (dbt does not say).
func loadDBT(src *source, data []byte) (*Schema, error) {
	root, err := parseYAMLNode(src.name, data)
	if err != nil {
		return nil, err
	}
	type table struct {
		name string
		n    *node
	}
	var tables []table
	for _, n := range root.get("sources").list() {
		for _, t := range n.get("tables").list() {
			tables = append(tables, table{t.get("name").str(), t})
		}
	}
	for _, m := range root.get("models").list() {
		tables = append(tables, table{m.get("name").str(), m})
	}
	if len(tables) == 0 {
		return nil, src.errorf(root.line, root.col, "no sources[].tables or models in the dbt file; expected at least one table")
	}
	var names []string
	var pick *table
	for i := range tables {
		names = append(names, tables[i].name)
		if src.selector != "" && strings.EqualFold(tables[i].name, src.selector) {
			pick = &tables[i]
		}
	}
	if pick == nil {
		if src.selector != "" || len(tables) > 1 {
			return nil, selectErr(src, "table", names)
		}
		pick = &tables[0]
	}
	s := src.newSchema(pick.name)
	p := &ddlParser{src: src, enums: map[string][]string{}, domains: map[string]domainDef{}}
	for _, c := range pick.n.get("columns").list() {
		name := c.get("name").str()
		if name == "" {
			return nil, src.errorf(c.line, c.col, "column without a name; expected name: TEXT")
		}
		f := &Field{Name: name, Path: name, Type: String, Nullable: true, Description: c.get("description").str(), Origin: src.pos(c.line, 0)}
		if dt := c.get("data_type").str(); dt != "" {
			lx := newSQLLexer(src.name, dt)
			var toks []sqlTok
			for t := lx.next(); t.kind != tEOF; t = lx.next() {
				toks = append(toks, t)
			}
			if len(toks) > 0 {
				if st, err := p.parseType(&cursor{toks: toks, file: src.name}, name); err == nil {
					if err := p.applyType(f, st, 0); err != nil {
						return nil, diag.Errorf(src.pos(c.line, 0), "%v", err)
					}
				}
			}
		}
		for _, t := range c.get("tests").list() {
			switch {
			case t.str() == "not_null":
				f.Required, f.Nullable = true, false
			case t.str() == "unique":
				f.Unique = true
			case t.get("accepted_values") != nil:
				for _, v := range t.get("accepted_values").get("values").list() {
					if x, ok := v.scalarText(); ok {
						f.EnumValues = append(f.EnumValues, x)
					}
				}
				if f.Type == String && len(f.EnumValues) > 0 {
					f.Type = Enum
				}
			}
		}
		s.Fields = append(s.Fields, f)
	}
	return s, nil
}
