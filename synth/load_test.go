package synth

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/synth/edge"
)

// TestJSONSchemaFixture loads a JSON Schema through schema.Load, generates
// realistic rows and validates every JSON line with an independent JSON
// Schema validator (formats asserted), then checks that edge rows break
// exactly where the labels say.
func TestJSONSchemaFixture(t *testing.T) {
	const path = "testdata/customer.schema.json"
	s, err := schema.Load(path, schema.Options{})
	if err != nil {
		t.Fatalf("schema.Load: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	abs, _ := filepath.Abs(path)
	sch, err := c.Compile(abs)
	if err != nil {
		t.Fatal(err)
	}
	validate := func(data []byte) (bad []int) {
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(nil, 1<<20)
		for n := 1; sc.Scan(); n++ {
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(sc.Bytes()))
			if err != nil {
				t.Fatalf("line %d is not JSON: %v", n, err)
			}
			if err := sch.Validate(inst); err != nil {
				bad = append(bad, n)
				if len(bad) <= 3 {
					t.Logf("line %d: %s\n%v", n, sc.Text(), err)
				}
			}
		}
		return bad
	}
	data, _ := write(t, s, Plan{Rows: 1000}, 17, "jsonl")
	if bad := validate(data); len(bad) > 0 {
		t.Errorf("%d of 1000 realistic rows fail the JSON Schema: %v", len(bad), bad[:min(len(bad), 10)])
	}
	// with edge cases: a row fails only if it carries a label that breaks
	// the field's own schema
	data, labels := write(t, s, Plan{Rows: 400, EdgeRate: 0.1, Profile: Edge}, 17, "jsonl")
	breaking := map[string]bool{}
	for _, f := range s.Flatten() {
		for _, c := range edge.For(f, nil) {
			if !c.Valid {
				breaking[f.Path+" "+c.Name] = true
			}
		}
	}
	canFail := map[string]bool{}
	recs, _ := csv.NewReader(bytes.NewReader(labels)).ReadAll()
	for _, r := range recs[1:] {
		if breaking[r[1]+" "+r[2]] {
			canFail[r[0]] = true
		}
	}
	for _, n := range validate(data) {
		if !canFail[strconv.Itoa(n)] {
			var ls []string
			for _, r := range recs[1:] {
				if r[0] == strconv.Itoa(n) {
					ls = append(ls, r[1]+"="+r[2])
				}
			}
			t.Errorf("row %d fails the JSON Schema but carries no breaking edge case (labels %v)", n, ls)
		}
	}
}

// TestRealWorldSchemas loads the permissively licensed real-world schemas
// of /work/shared/realworld and generates every profile for each: no
// panic, the requested row count, and realistic rows that satisfy the
// schema.
func TestRealWorldSchemas(t *testing.T) {
	dir := filepath.Join(sharedDir(t), "realworld")
	refs := []string{
		"chinook/Chinook_PostgreSql.sql#invoice",
		"chinook/Chinook_PostgreSql.sql#customer",
		"northwind/northwind.sql#orders",
		"sakila/postgres-sakila-schema.sql#payment",
		"stripe/stripe-openapi-2022-04-12-customer-invoice.json#customer",
		"hubspot/supaglue-hubspot-contact.yaml",
		"supaglue-common-crm/contact.yaml",
		"kafka-datagen-avro/orders_schema.avro",
		"kafka-datagen-avro/users_schema.avro",
		"zendesk/fivetran-user_data.csv",
		"shopify/fivetran-shopify_order_data.csv",
	}
	for _, ref := range refs {
		t.Run(ref, func(t *testing.T) {
			opts := schema.Options{}
			if strings.HasSuffix(strings.SplitN(ref, "#", 2)[0], ".avro") {
				opts.Format = "avro"
			}
			s, err := schema.Load(filepath.Join(dir, ref), opts)
			if err != nil {
				t.Skipf("loader not ready for %s: %v", ref, err)
			}
			for _, p := range []Profile{Realistic, Edge, Hostile} {
				g, err := NewGenerator(s, Plan{Rows: 200, EdgeRate: 0.2, Profile: p}, 1)
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for row := range g.All() {
					n++
					for i, f := range s.Fields {
						if touched(row.Labels, f.Path) {
							continue
						}
						if err := edge.Check(f, row.Rec.Vals[i]); err != nil {
							t.Errorf("%s row %d: %v", p, row.N, err)
						}
					}
				}
				if n != 200 {
					t.Errorf("%s: %d rows", p, n)
				}
			}
			for _, format := range Formats {
				if err := Write(context.Background(), s, Plan{Rows: 30, EdgeRate: 0.3, Profile: Hostile, Drift: true}, 1, io.Discard, format, io.Discard, nil); err != nil {
					t.Errorf("%s: %v", format, err)
				}
			}
		})
	}
}

// TestRepoSchemas generates from every schema fixture of the repo's
// testdata/schemas that the loaders read (files they cannot read yet are
// skipped), validating the realistic values against the loaded schema.
func TestRepoSchemas(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "schemas", "*"))
	n := 0
	for _, file := range files {
		if strings.HasSuffix(file, ".md") {
			continue
		}
		s, err := schema.Load(file, schema.Options{})
		if err != nil {
			t.Logf("skip %s: %v", file, err)
			continue
		}
		n++
		g, err := NewGenerator(s, Plan{Rows: 300, EdgeRate: 0.2, Profile: Hostile}, 2)
		if err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		for row := range g.All() {
			for i, f := range s.Fields {
				if !touched(row.Labels, f.Path) {
					if err := edge.Check(f, row.Rec.Vals[i]); err != nil {
						t.Errorf("%s row %d: %v", file, row.N, err)
					}
				}
			}
		}
	}
	if n == 0 {
		t.Skip("no repo schema fixture loads yet")
	}
}
