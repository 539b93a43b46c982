package mtest

import (
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/seamhq/seam/mapping/kind"
)

// AbsentKey is the key of an expected row that lists the columns that
// must hold no value: {id: 1, $absent: [fax]}.
const AbsentKey = "$absent"

func (p *tparser) cases(n ast.Node) []*Case {
	var out []*Case
	names := map[string]bool{}
	for _, item := range p.items(n, "tests") {
		c := &Case{Pos: p.pos(item)}
		seen := map[string]bool{}
		es := p.entries(item, "test")
		if len(es) > 0 {
			c.Pos = p.pos(es[0].Key)
		}
		for _, mv := range es {
			k := key(mv)
			if seen[k] {
				p.errf(mv.Key, "test: key %q appears twice", k)
				continue
			}
			seen[k] = true
			switch k {
			case "name":
				c.Name = p.str(mv.Value, "test name")
			case "given":
				p.given(c, mv.Value)
			case "expect":
				p.expect(c, mv.Value)
			case "expect_rejects":
				p.rejects(c, mv.Value)
			case "expect_findings":
				p.findings(c, mv.Value)
			default:
				p.errf(mv.Key, "test: unknown key %q: want one of %s", k, strings.Join(caseKeys, ", "))
			}
		}
		switch {
		case c.Name == "" && !seen["name"]:
			p.diags.Errorf(c.Pos, "test: missing name")
		case names[c.Name]:
			p.diags.Errorf(c.Pos, "test %q: the name is used twice", c.Name)
		}
		names[c.Name] = true
		if !seen["given"] {
			p.diags.Errorf(c.Pos, "test %q: missing given (the input records)", c.Name)
		}
		if !seen["expect"] && !seen["expect_rejects"] && !seen["expect_findings"] {
			p.diags.Errorf(c.Pos, "test %q: nothing expected: give expect, expect_rejects or expect_findings", c.Name)
		}
		out = append(out, c)
	}
	return out
}

// given is a list of records, or {file: F} naming a data file.
func (p *tparser) given(c *Case, n ast.Node) {
	if _, ok := p.unwrap(n).(*ast.SequenceNode); !ok {
		for _, mv := range p.entries(n, "given (a list of records, or {file: FILE})") {
			if key(mv) != "file" {
				p.errf(mv.Key, "given: unknown key %q: want a list of records, or {file: FILE}", key(mv))
				continue
			}
			c.GivenFile = p.str(mv.Value, "given file")
		}
		return
	}
	for _, it := range p.items(n, "given") {
		v := p.value(it)
		if v.Kind != "map" {
			p.errf(it, "given: want a record ({field: value, ...}), found %s", p.kindOf(it))
			continue
		}
		c.Given = append(c.Given, v)
	}
}

// expect is a list of rows (the mapping's only target) or a mapping of
// target name to rows.
func (p *tparser) expect(c *Case, n ast.Node) {
	c.Expect = map[string][]Row{}
	switch p.unwrap(n).(type) {
	case *ast.MappingNode, *ast.MappingValueNode:
		for _, mv := range p.entries(n, "expect") {
			c.Expect[key(mv)] = p.rows(mv.Value)
		}
	default:
		c.Expect[""] = p.rows(n)
	}
}

func (p *tparser) rows(n ast.Node) []Row {
	rows := []Row{}
	for _, it := range p.items(n, "expect") {
		v := p.value(it)
		if v.Kind != "map" {
			p.errf(it, "expect: want a row ({column: value, ...}), found %s", p.kindOf(it))
			continue
		}
		r := Row{Pos: v.Pos}
		for i, k := range v.Keys {
			if k == AbsentKey {
				for _, a := range v.Vals[i].Vals {
					r.Absent = append(r.Absent, a.Text)
				}
				if v.Vals[i].Kind != "list" {
					p.diags.Errorf(v.Vals[i].Pos, "%s: want a list of columns", AbsentKey)
				}
				continue
			}
			flatten(&r, k, v.Vals[i])
		}
		rows = append(rows, r)
	}
	return rows
}

// flatten adds a column, nested objects as dotted columns.
func flatten(r *Row, name string, v *Node) {
	if v.Kind != "map" {
		r.Cols = append(r.Cols, Col{Name: name, Want: v})
		return
	}
	for i, k := range v.Keys {
		flatten(r, name+"."+k, v.Vals[i])
	}
}

func (p *tparser) rejects(c *Case, n ast.Node) {
	for _, it := range p.items(n, "expect_rejects") {
		w := RejectWant{Pos: p.pos(it)}
		for _, mv := range p.entries(it, "expect_rejects") {
			switch k := key(mv); k {
			case "row":
				s := p.str(mv.Value, "row")
				r, err := strconv.ParseInt(s, 10, 64)
				if err != nil || r < 1 {
					p.errf(mv.Value, "row: want the input row number (1 for the first given record), found %q", s)
				}
				w.Row = r
			case "rule":
				w.Rule = p.str(mv.Value, "rule")
			case "kind":
				w.Kind = p.kind(mv.Value)
			case "target":
				w.Target = p.str(mv.Value, "target")
			default:
				p.errf(mv.Key, "expect_rejects: unknown key %q: want row, rule, kind, target", k)
			}
		}
		c.ExpectRejects = append(c.ExpectRejects, w)
	}
}

func (p *tparser) findings(c *Case, n ast.Node) {
	for _, it := range p.items(n, "expect_findings") {
		w := FindingWant{Pos: p.pos(it)}
		for _, mv := range p.entries(it, "expect_findings") {
			switch k := key(mv); k {
			case "kind":
				w.Kind = p.kind(mv.Value)
			case "field":
				w.Field = p.str(mv.Value, "field")
			case "target":
				w.Target = p.str(mv.Value, "target")
			default:
				p.errf(mv.Key, "expect_findings: unknown key %q: want kind, field, target", k)
			}
		}
		if w.Kind == "" {
			p.errf(it, "expect_findings: missing kind")
		}
		c.ExpectFindings = append(c.ExpectFindings, w)
	}
}

// kind reads a finding or reject kind, one of mapping/kind's.
func (p *tparser) kind(n ast.Node) string {
	s := p.str(n, "kind")
	if s != "" && !kind.Kind(s).Known() {
		p.errf(n, "unknown kind %q: want a kind seam check reports (SPEC.md lists them)", s)
	}
	return s
}
