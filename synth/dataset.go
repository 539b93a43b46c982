package synth

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/seamhq/seam/mapping/schema"
)

// Dataset is a set of related tables generated together: parents first,
// every foreign key resolving to a generated parent row, keys unique,
// dates of a child after those of its parents.
type Dataset struct {
	// Tables in generation order: every table after the tables its
	// foreign keys reference (self-references and cycles excepted).
	Tables []*Table
	byName map[string]*Table
}

// Table is one table of a Dataset.
type Table struct {
	Name   string
	Schema *schema.Schema
	// Key is the primary key, in declaration order (empty when none).
	Key []*schema.Field
	// FKs are the table's foreign keys.
	FKs []*FK
	// Owner, when not nil, makes this a child table: its rows are
	// generated per row of Owner.Parent (Card of them), and its primary key
	// includes Owner's columns. Nil for a table of --rows rows.
	Owner *FK
	// Card is the number of rows per owner row of a child table.
	Card Card
	// Rows is the number of rows of a table without an owner.
	Rows int64
	// refs counts foreign keys of other tables that reference this one.
	refs int
	// unique holds single columns that must not repeat beyond the key.
	unique []*schema.Field
	// anchor is the plan's creation-like date column (nil: seam picks).
	anchor *schema.Field
	// agree are columns copied from the parent row (the plan's agree).
	agree []agreeCol
}

// FK is a foreign key: Cols of Child reference RefCols of Parent (the
// parent's primary key when the schema names only the table).
type FK struct {
	Child   *Table
	Cols    []*schema.Field
	Parent  *Table
	RefCols []*schema.Field
	// Nullable: every column of the key may be null.
	Nullable bool
}

// Self reports a self-reference (employee -> manager).
func (fk *FK) Self() bool { return fk.Child == fk.Parent }

// String renders child(cols) -> parent(cols).
func (fk *FK) String() string {
	return fk.Child.Name + "(" + colNames(fk.Cols) + ") -> " + fk.Parent.Name + "(" + colNames(fk.RefCols) + ")"
}

func colNames(fs []*schema.Field) string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Name
	}
	return strings.Join(out, ",")
}

// Card is a cardinality: between Min and Max rows per parent, drawn by
// Dist.
type Card struct {
	Min, Max int
	// Dist is how the count is drawn: DistUniform ("" too) or DistZipf.
	Dist string
}

// The distributions of a cardinality.
const (
	// DistUniform: every count in Min..Max equally likely.
	DistUniform = "uniform"
	// DistZipf: count Min+j with weight 1/(j+1), so most parents have few
	// children and a long tail reaches Max (order lines, comments). For
	// 1..20 the mean is about 5.5 and a fifth of the parents have one.
	DistZipf = "zipf"
)

// sampler returns a function drawing a count of c from r's uniform
// [0,1) draws.
func (c Card) sampler() func(u func() float64, n func(int64) int64) int64 {
	span := c.Max - c.Min + 1
	if c.Dist != DistZipf || span <= 1 {
		return func(_ func() float64, n func(int64) int64) int64 {
			if span <= 1 {
				return int64(c.Min)
			}
			return int64(c.Min) + n(int64(span))
		}
	}
	cum := make([]float64, span)
	total := 0.0
	for j := range cum {
		total += 1 / float64(j+1)
		cum[j] = total
	}
	return func(u func() float64, _ func(int64) int64) int64 {
		x := u() * total
		j := sort.SearchFloat64s(cum, x)
		if j >= span {
			j = span - 1
		}
		return int64(c.Min + j)
	}
}

// defaultCard is the cardinality of a child table the plan says nothing
// about.
var defaultCard = Card{Min: 1, Max: 5}

// ErrDataset is wrapped by every error about the tables of a dataset and
// their relationships (the CLI maps it to exit code 2).
var ErrDataset = errors.New("invalid dataset")

// Table returns the table named name (case-insensitive), or nil.
func (d *Dataset) Table(name string) *Table { return d.byName[strings.ToLower(name)] }

// NewDataset relates the tables of schemas (one schema per table, as the
// DDL loader gives them): foreign keys from REFERENCES and FOREIGN KEY,
// child tables from primary keys that include a foreign key, and a
// generation order with every parent before its children. rows is the
// number of rows of each table without an owner.
func NewDataset(schemas []*schema.Schema, rows int64) (*Dataset, error) {
	d := &Dataset{byName: map[string]*Table{}}
	var tables []*Table
	for _, s := range schemas {
		t := &Table{Name: s.Name, Schema: s, Rows: rows, Card: defaultCard}
		if d.byName[strings.ToLower(t.Name)] != nil {
			return nil, fmt.Errorf("%w: table %s is given twice", ErrDataset, t.Name)
		}
		d.byName[strings.ToLower(t.Name)] = t
		tables = append(tables, t)
		for _, f := range s.Fields {
			if f.PrimaryKey {
				t.Key = append(t.Key, f)
			} else if f.Unique && f.IsLeaf() {
				t.unique = append(t.unique, f)
			}
		}
	}
	for _, t := range tables {
		if err := d.relate(t); err != nil {
			return nil, err
		}
	}
	for _, t := range tables {
		t.Owner = ownerOf(t)
	}
	order, err := parentsFirst(tables)
	if err != nil {
		return nil, err
	}
	d.Tables = order
	return d, nil
}

// relate builds t's foreign keys from its columns' References
// ("table.col" or "table"): the columns referencing one parent's
// composite key together form one key; every other column is a key of
// its own.
func (d *Dataset) relate(t *Table) error {
	type ref struct {
		col    *schema.Field
		parent *Table
		refCol *schema.Field
	}
	var refs []ref
	for _, f := range t.Schema.Fields {
		if f.References == "" {
			continue
		}
		tname, cname, _ := strings.Cut(f.References, ".")
		p := d.Table(tname)
		if p == nil {
			p = d.Table(lastDot(tname))
		}
		if p == nil {
			continue // a table outside the dataset: the column is generated as a plain value
		}
		var rc *schema.Field
		if cname != "" {
			for _, c := range p.Schema.Fields {
				if strings.EqualFold(c.Name, cname) {
					rc = c
				}
			}
			if rc == nil {
				return fmt.Errorf("%w: %s.%s references %s, which has no column %s", ErrDataset, t.Name, f.Name, p.Name, cname)
			}
		}
		refs = append(refs, ref{col: f, parent: p, refCol: rc})
	}
	used := make([]bool, len(refs))
	for i, r := range refs {
		if used[i] {
			continue
		}
		used[i] = true
		fk := &FK{Child: t, Parent: r.parent, Cols: []*schema.Field{r.col}}
		if len(r.parent.Key) > 1 && (r.refCol == nil || r.refCol.PrimaryKey) {
			// the other columns referencing the same composite key
			fk.Cols = nil
			for _, kc := range r.parent.Key {
				for j := i; j < len(refs); j++ {
					if !used[j] || j == i {
						if refs[j].parent == r.parent && (refs[j].refCol == kc || (refs[j].refCol == nil && j == i)) {
							fk.Cols = append(fk.Cols, refs[j].col)
							used[j] = true
							break
						}
					}
				}
			}
			if len(fk.Cols) != len(r.parent.Key) {
				return fmt.Errorf("%w: %s.%s references the composite key of %s (%s) with %d column(s)", ErrDataset, t.Name, r.col.Name, r.parent.Name, colNames(r.parent.Key), len(fk.Cols))
			}
			fk.RefCols = r.parent.Key
		} else {
			switch {
			case r.refCol != nil:
				fk.RefCols = []*schema.Field{r.refCol}
			case len(r.parent.Key) == 1:
				fk.RefCols = r.parent.Key
			default:
				return fmt.Errorf("%w: %s.%s references %s, which has no primary key; name the column (REFERENCES %s(col))", ErrDataset, t.Name, r.col.Name, r.parent.Name, r.parent.Name)
			}
		}
		for _, rc := range fk.RefCols {
			if !rc.PrimaryKey && !rc.Unique {
				return fmt.Errorf("%w: %s references %s.%s, which is neither a primary key nor unique", ErrDataset, fk, r.parent.Name, rc.Name)
			}
		}
		fk.Nullable = true
		for _, c := range fk.Cols {
			if !c.Nullable {
				fk.Nullable = false
			}
		}
		t.FKs = append(t.FKs, fk)
		r.parent.refs++
	}
	return nil
}

func lastDot(s string) string {
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// ownerOf returns the foreign key whose columns are all part of a
// composite primary key of t, the first such (order_details(order_id,
// product_id) is owned by orders): t's rows are generated per owner row.
func ownerOf(t *Table) *FK {
	if len(t.Key) < 2 {
		return nil
	}
	for _, fk := range t.FKs {
		if fk.Self() {
			continue
		}
		all := true
		for _, c := range fk.Cols {
			if !c.PrimaryKey {
				all = false
			}
		}
		if all {
			return fk
		}
	}
	return nil
}

// parentsFirst orders tables so that each comes after every table it
// references. A cycle (store -> staff -> store) is broken at a nullable
// foreign key, else at a table of --rows rows whose keys are known before
// it is generated; a child table cannot be in a cycle.
func parentsFirst(tables []*Table) ([]*Table, error) {
	deps := map[*Table][]*Table{}
	for _, t := range tables {
		for _, fk := range t.FKs {
			if !fk.Self() {
				deps[t] = append(deps[t], fk.Parent)
			}
		}
	}
	const (
		todo = iota
		doing
		done
	)
	state := map[*Table]int{}
	var out []*Table
	var visit func(t *Table, path []*Table) error
	visit = func(t *Table, path []*Table) error {
		switch state[t] {
		case done:
			return nil
		case doing:
			// a cycle: fine while every table in it has a known row count
			for _, x := range append(path, t) {
				if x.Owner != nil {
					return fmt.Errorf("%w: tables %s reference each other in a cycle through the child table %s", ErrDataset, names(path), x.Name)
				}
			}
			return nil
		}
		state[t] = doing
		ps := append([]*Table(nil), deps[t]...)
		sort.SliceStable(ps, func(i, j int) bool { return ps[i].Name < ps[j].Name })
		for _, p := range ps {
			if err := visit(p, append(path, t)); err != nil {
				return err
			}
		}
		state[t] = done
		out = append(out, t)
		return nil
	}
	for _, t := range tables {
		if err := visit(t, nil); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func names(ts []*Table) string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Name
	}
	return strings.Join(out, ", ")
}

// LoadTables loads the tables of ref: "FILE#t1,t2" the named tables,
// "FILE" every table of a file with several (a DDL file, a workbook).
// It returns nil schemas and no error when ref names one table only
// (FILE#t, or a file of one table): that is a one-table synth.
func LoadTables(ref string, opts schema.Options) ([]*schema.Schema, error) {
	file, sel := schema.SplitRef(ref)
	var names []string
	switch {
	case strings.Contains(sel, ","):
		for _, n := range strings.Split(sel, ",") {
			if n = strings.TrimSpace(n); n != "" {
				names = append(names, n)
			}
		}
	case sel != "":
		return nil, nil
	default:
		_, err := schema.Load(file+"#\x00", opts)
		var se *schema.SelectorError
		if !errors.As(err, &se) || se.What != "table" || len(se.Candidates) < 2 {
			return nil, nil
		}
		names = se.Candidates
	}
	var out []*schema.Schema
	for _, n := range names {
		s, err := schema.Load(file+"#"+n, opts)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}
