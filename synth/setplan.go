package synth

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/seamhq/seam/mapping/schema"
)

// SetPlan is the plan file of a dataset (seam synth --plan FILE): what
// the schema does not say about related tables. Its JSON Schema is
// synth/plan.schema.json; README "Several related tables" shows one.
//
//	seam_synth: 1
//	tables:
//	  customers: {rows: 500}
//	  order_details: {per: orders, min: 1, max: 20}
//	relations:
//	  - {from: orders.customer_id, to: customers.customer_id}
//	after:
//	  - {field: orders.order_date, after: customers.created_at}
//	agree:
//	  - {field: order_details.currency, equals: orders.currency}
type SetPlan struct {
	SeamSynth int                  `yaml:"seam_synth"`
	Tables    map[string]TablePlan `yaml:"tables"`
	Relations []RelationPlan       `yaml:"relations"`
	After     []AfterPlan          `yaml:"after"`
	Agree     []AgreePlan          `yaml:"agree"`
	file      string
}

// TablePlan sets one table's size: Rows for a table of its own, or Per
// (the owner table) with Min..Max rows per owner row, drawn by Dist.
type TablePlan struct {
	Rows *int64 `yaml:"rows"`
	Per  string `yaml:"per"`
	Min  *int   `yaml:"min"`
	Max  *int   `yaml:"max"`
	// Dist draws the count per owner row: uniform (default) or zipf.
	Dist string `yaml:"dist"`
}

// RelationPlan adds a foreign key the schema does not declare (or
// retargets one): From "table.column" references To "table.column".
type RelationPlan struct {
	From string `yaml:"from"`
	To   string `yaml:"to"`
}

// AfterPlan makes Field (a date of a child table) follow After (a date of
// a table it references): the pair replaces the dates seam picks.
type AfterPlan struct {
	Field string `yaml:"field"`
	After string `yaml:"after"`
}

// AgreePlan makes Field of a child table equal Equals of a table it
// references (the line's currency is the order's).
type AgreePlan struct {
	Field  string `yaml:"field"`
	Equals string `yaml:"equals"`
}

// ParseSetPlan reads a plan file; errors name the file, the line and
// what was expected.
func ParseSetPlan(name string, data []byte) (*SetPlan, error) {
	var p SetPlan
	dec := yaml.NewDecoder(bytes.NewReader(data), yaml.DisallowUnknownField(), yaml.Strict())
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("%w: %s: %s", ErrPlan, name, yaml.FormatError(err, false, true))
	}
	if p.SeamSynth != 1 {
		return nil, fmt.Errorf("%w: %s: seam_synth: expected 1, got %d", ErrPlan, name, p.SeamSynth)
	}
	p.file = name
	return &p, nil
}

// col finds the table and column of "table.column" (key names the plan entry).
func (p *SetPlan) col(d *Dataset, key, ref string) (*Table, *schema.Field, error) {
	tn, cn, ok := strings.Cut(ref, ".")
	if !ok {
		return nil, nil, fmt.Errorf("%w: %s: %s: %q: expected table.column", ErrPlan, p.file, key, ref)
	}
	t := d.Table(tn)
	if t == nil {
		return nil, nil, fmt.Errorf("%w: %s: %s: no table %s (tables: %s)", ErrPlan, p.file, key, tn, names(d.Tables))
	}
	for _, f := range t.Schema.Fields {
		if strings.EqualFold(f.Name, cn) {
			return t, f, nil
		}
	}
	return nil, nil, fmt.Errorf("%w: %s: %s: table %s has no column %s", ErrPlan, p.file, key, t.Name, cn)
}

// ApplyRelations sets the plan's relations as References on the schemas'
// fields, to apply before NewDataset (it adds or retargets foreign keys).
func (p *SetPlan) ApplyRelations(schemas []*schema.Schema) error {
	byName := map[string]*schema.Schema{}
	for _, s := range schemas {
		byName[strings.ToLower(s.Name)] = s
	}
	find := func(key, ref string) (*schema.Schema, *schema.Field, error) {
		tn, cn, ok := strings.Cut(ref, ".")
		if !ok {
			return nil, nil, fmt.Errorf("%w: %s: %s: %q: expected table.column", ErrPlan, p.file, key, ref)
		}
		s := byName[strings.ToLower(tn)]
		if s == nil {
			return nil, nil, fmt.Errorf("%w: %s: %s: no table %s", ErrPlan, p.file, key, tn)
		}
		for _, f := range s.Fields {
			if strings.EqualFold(f.Name, cn) {
				return s, f, nil
			}
		}
		return nil, nil, fmt.Errorf("%w: %s: %s: table %s has no column %s", ErrPlan, p.file, key, s.Name, cn)
	}
	for i, r := range p.Relations {
		_, f, err := find(fmt.Sprintf("relations[%d].from", i), r.From)
		if err != nil {
			return err
		}
		ps, pf, err := find(fmt.Sprintf("relations[%d].to", i), r.To)
		if err != nil {
			return err
		}
		if !pf.PrimaryKey && !pf.Unique {
			pf.Unique = true // the plan says it is a key: generate it unique
		}
		f.References = ps.Name + "." + pf.Name
	}
	return nil
}

// Apply sets row counts, owners and cardinalities, temporal pairs and
// agreeing columns on d.
func (p *SetPlan) Apply(d *Dataset) error {
	tabs := make([]string, 0, len(p.Tables))
	for n := range p.Tables {
		tabs = append(tabs, n)
	}
	sort.Strings(tabs)
	for _, n := range tabs {
		tp := p.Tables[n]
		t := d.Table(n)
		if t == nil {
			return fmt.Errorf("%w: %s: tables: no table %s (tables: %s)", ErrPlan, p.file, n, names(d.Tables))
		}
		if tp.Rows != nil {
			if *tp.Rows < 0 {
				return fmt.Errorf("%w: %s: tables.%s.rows: expected 0 or more, got %d", ErrPlan, p.file, n, *tp.Rows)
			}
			if tp.Per != "" {
				return fmt.Errorf("%w: %s: tables.%s: rows and per exclude each other", ErrPlan, p.file, n)
			}
			t.Rows = *tp.Rows
			t.Owner = nil
		}
		if tp.Per != "" {
			var owner *FK
			for _, fk := range t.FKs {
				if strings.EqualFold(fk.Parent.Name, tp.Per) && !fk.Self() {
					owner = fk
					break
				}
			}
			if owner == nil {
				return fmt.Errorf("%w: %s: tables.%s.per: %s has no foreign key to %s", ErrPlan, p.file, n, t.Name, tp.Per)
			}
			t.Owner = owner
		}
		if tp.Min != nil || tp.Max != nil || tp.Dist != "" {
			if t.Owner == nil {
				return fmt.Errorf("%w: %s: tables.%s: min, max and dist need per (the owner table)", ErrPlan, p.file, n)
			}
			c := t.Card
			if tp.Min != nil {
				c.Min = *tp.Min
			}
			if tp.Max != nil {
				c.Max = *tp.Max
			}
			if c.Min < 0 || c.Max < c.Min {
				return fmt.Errorf("%w: %s: tables.%s: expected 0 <= min <= max, got %d..%d", ErrPlan, p.file, n, c.Min, c.Max)
			}
			switch tp.Dist {
			case "", DistUniform, DistZipf:
				if tp.Dist != "" {
					c.Dist = tp.Dist
				}
			default:
				return fmt.Errorf("%w: %s: tables.%s.dist: expected uniform or zipf, got %q", ErrPlan, p.file, n, tp.Dist)
			}
			t.Card = c
		}
	}
	for i, a := range p.After {
		ct, cf, err := p.col(d, fmt.Sprintf("after[%d].field", i), a.Field)
		if err != nil {
			return err
		}
		pt, pf, err := p.col(d, fmt.Sprintf("after[%d].after", i), a.After)
		if err != nil {
			return err
		}
		if !refersTo(ct, pt) {
			return fmt.Errorf("%w: %s: after[%d]: %s has no foreign key to %s", ErrPlan, p.file, i, ct.Name, pt.Name)
		}
		ct.anchor, pt.anchor = cf, pf
	}
	for i, a := range p.Agree {
		ct, cf, err := p.col(d, fmt.Sprintf("agree[%d].field", i), a.Field)
		if err != nil {
			return err
		}
		pt, pf, err := p.col(d, fmt.Sprintf("agree[%d].equals", i), a.Equals)
		if err != nil {
			return err
		}
		if !refersTo(ct, pt) {
			return fmt.Errorf("%w: %s: agree[%d]: %s has no foreign key to %s", ErrPlan, p.file, i, ct.Name, pt.Name)
		}
		ct.agree = append(ct.agree, agreeCol{col: cf, parent: pt, pcol: pf})
	}
	order, err := parentsFirst(tablesOf(d))
	if err != nil {
		return err
	}
	d.Tables = order
	return nil
}

func tablesOf(d *Dataset) []*Table { return append([]*Table(nil), d.Tables...) }

func refersTo(c, p *Table) bool {
	for _, fk := range c.FKs {
		if fk.Parent == p && !fk.Self() {
			return true
		}
	}
	return false
}

// agreeCol: col of a child row takes pcol of the parent row it references.
type agreeCol struct {
	col    *schema.Field
	parent *Table
	pcol   *schema.Field
}
