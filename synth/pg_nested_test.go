package synth

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/seamhq/seam/mapping/schema"
)

// pgDDLOf writes CREATE TABLE statements for a dataset's tables, parents
// first, with their primary, unique and foreign keys and NOT NULL key
// columns: integers as bigint, booleans as boolean, the rest as text
// (what is checked here is the keys).
func pgDDLOf(d *Dataset) string {
	var b strings.Builder
	id := func(s string) string { return pgx.Identifier{s}.Sanitize() }
	ids := func(fs []*schema.Field) string {
		out := make([]string, len(fs))
		for i, f := range fs {
			out[i] = id(f.Name)
		}
		return strings.Join(out, ", ")
	}
	for _, t := range d.Tables {
		var cols []string
		var leaf func(prefix string, f *schema.Field)
		leaf = func(prefix string, f *schema.Field) {
			name := prefix + f.Name
			if f.Type == schema.Object && len(f.Children) > 0 {
				for _, c := range f.Children {
					leaf(name+".", c)
				}
				return
			}
			typ := "text"
			switch f.Type {
			case schema.Integer:
				typ = "bigint"
			case schema.Boolean:
				typ = "boolean"
			default:
			}
			if prefix == "" && (f.PrimaryKey || (f.References != "" && !f.Nullable)) {
				typ += " NOT NULL"
			}
			cols = append(cols, id(name)+" "+typ)
		}
		for _, f := range t.Schema.Fields {
			leaf("", f)
		}
		if len(t.Key) > 0 {
			cols = append(cols, "PRIMARY KEY ("+ids(t.Key)+")")
		}
		for _, u := range t.unique {
			cols = append(cols, "UNIQUE ("+id(u.Name)+")")
		}
		for _, fk := range t.FKs {
			cols = append(cols, fmt.Sprintf("FOREIGN KEY (%s) REFERENCES %s (%s)", ids(fk.Cols), id(fk.Parent.Name), ids(fk.RefCols)))
		}
		fmt.Fprintf(&b, "CREATE TABLE %s (\n  %s\n);\n", id(t.Name), strings.Join(cols, ",\n  "))
	}
	return b.String()
}

// TestPGLoadNestedTables: a nested schema written as tables (--tables)
// loads into PostgreSQL with its keys enforced while COPY loads them,
// parents first: every child's parent key and every grandchild's link
// resolve, positions are unique per parent; the Stripe OpenAPI invoice's
// lines.data too.
func TestPGLoadNestedTables(t *testing.T) {
	conn := openPG(t)
	for _, c := range []struct {
		name string
		load func() (*schema.Schema, error)
	}{
		{"orders", func() (*schema.Schema, error) {
			return schema.Parse("orders.schema.json", []byte(nestedOrders), schema.Options{})
		}},
		{"stripe", func() (*schema.Schema, error) {
			return schema.Load(realworld("stripe", "stripe-openapi-2022-04-12-customer-invoice.json")+"#invoice", schema.Options{})
		}},
	} {
		s, err := c.load()
		if err != nil {
			t.Fatal(err)
		}
		ss, err := NestedTables(s)
		if err != nil {
			t.Fatal(err)
		}
		d, err := NewDataset(ss, 2000)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Tables) < 2 {
			t.Fatalf("%s: %d tables", c.name, len(d.Tables))
		}
		pgExec(t, conn, pgDDLOf(d))
		dir := t.TempDir()
		writeDatasetFiles(t, d, DatasetPlan{Plan: Plan{EdgeRate: 0.05}}, 3, dir)
		var all int64
		for _, tb := range d.Tables {
			n := pgCopy(t, conn, dir, tb.Name)
			if n == 0 {
				t.Fatalf("%s: no rows", tb.Name)
			}
			all += n
		}
		if got := pgCount(t, conn, d.Tables[0].Name); got != 2000 {
			t.Fatalf("%s: %d root rows", c.name, got)
		}
		t.Logf("%s: %d tables, %d rows loaded with their keys enforced", c.name, len(d.Tables), all)
	}
}
