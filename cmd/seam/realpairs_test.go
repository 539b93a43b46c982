package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

var updatePairs = flag.Bool("update-pairs", false, "rewrite the expected outputs of testdata/mappings/realworld/*/want")

// realPair is one real source -> target job of testdata/mappings/realworld:
// its mapping and input, run like the README says.
type realPair struct {
	dir, mapping, input string
	// extra arguments of seam run (--join NAME=FILE, relative to dir).
	extra []string
	// findings seam check --synth must raise on the pair's edge-case
	// data: "target_table kind target_field", the pair's real problems.
	findings []string
}

var realPairs = []realPair{
	{dir: "p2", mapping: "p2.seam.yaml", input: "orders.jsonl", findings: []string{
		"orders range_violation order_id",      // the order number past smallint
		"orders truncation ship_city",          // varchar(15) cities
		"orders truncation ship_country",       // varchar(15) countries
		"orders currency_dropped freight",      // shopMoney without its currency
		"orders float_money freight",           // money into real
		"order_details lookup_miss product_id", // 13-digit product ids need the cross-walk
		"order_details range_violation quantity",
		"order_details parent_rejected order_details", // a line whose order was rejected
	}},
	{dir: "p5", mapping: "p5.seam.yaml", input: "invoices.jsonl", findings: []string{
		"invoice range_violation total",      // cents past NUMERIC(10,2)
		"invoice unit_mismatch invoice_date", // epoch numbers in the wrong unit
		"invoice lookup_miss customer_id",    // a Stripe customer not in the cross-walk
		"invoice truncation billing_address", // VARCHAR(70)
		"invoice_line null_into_required track_id",
		"invoice_line parent_rejected invoice_line", // a line whose invoice was rejected
	}},
	{dir: "p8", mapping: "p8.seam.yaml", input: "customer.csv", findings: []string{
		"customer lookup_miss customer",     // a customer whose address (city, country) row is missing
		"customer narrowing city",           // VARCHAR(50) cities into VARCHAR(40)
		"customer truncation last_name",     // 45 characters into 20
		"customer null_into_required email", // nullable in Sakila, NOT NULL in Chinook
		// (no range_violation on customer_id: -2147483648 fits Chinook's
		// INTEGER; it was reported while the least value counted as overflow)
	}},
	{dir: "p9", mapping: "p9.seam.yaml", input: "contacts.jsonl", extra: []string{"--out-format", "jsonl"}, findings: []string{
		// Id and IsDeleted are required in the Salesforce source and null in
		// its sample rows: the source broke its own schema (#13.3).
		"contacts contract_violation id",
		"contacts contract_violation is_deleted",
		"contacts coercion_failure created_at", // a CreatedDate that is no timestamp
		"contacts timezone_loss created_at",    // wall-clock times into a zoned timestamp
	}},
}

// TestRealPairs runs each real pair through seam run --mapping M --input I
// --out-dir DIR, the same path as the command line, and compares every
// output and rejects file with the pair's want/ folder (-update-pairs
// rewrites them). Nothing in it reads ../shared: the schemas are the
// repository's own copies.
func TestRealPairs(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	for _, p := range realPairs {
		t.Run(p.dir, func(t *testing.T) {
			dir := filepath.Join("testdata", "mappings", "realworld", p.dir)
			out := t.TempDir()
			args := []string{"run", "--mapping", filepath.Join(dir, p.mapping), "--input", filepath.Join(dir, p.input), "--out-dir", out}
			for _, a := range p.extra {
				args = append(args, a)
			}
			var stdout, stderr bytes.Buffer
			cmd := newRoot(&env{stdout: &stdout, stderr: &stderr})
			cmd.SetArgs(args)
			if err := cmd.ExecuteContext(context.Background()); err != nil {
				var ee *exitError
				if !errors.As(err, &ee) {
					t.Fatalf("seam %v: %v\n%s", args, err, stderr.String())
				}
				t.Fatalf("seam %v: exit %d\n%s", args, ee.code, stderr.String())
			}
			want := filepath.Join(dir, "want")
			got := pairFiles(t, out)
			if *updatePairs {
				if err := os.RemoveAll(want); err != nil {
					t.Fatal(err)
				}
				if err := os.MkdirAll(want, 0o755); err != nil {
					t.Fatal(err)
				}
				for _, n := range got {
					b, err := os.ReadFile(filepath.Join(out, n))
					if err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(filepath.Join(want, n), b, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				if err := os.WriteFile(filepath.Join(want, "stderr.txt"), stderr.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			wantNames := slices.DeleteFunc(pairFiles(t, want), func(s string) bool { return s == "stderr.txt" })
			if !slices.Equal(got, wantNames) {
				t.Fatalf("outputs %v, want %v", got, wantNames)
			}
			for _, n := range got {
				g, err := os.ReadFile(filepath.Join(out, n))
				if err != nil {
					t.Fatal(err)
				}
				w, err := os.ReadFile(filepath.Join(want, n))
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(g, w) {
					t.Errorf("%s differs from %s:\n--- got\n%s\n--- want\n%s", n, filepath.Join(want, n), g, w)
				}
			}
			w, err := os.ReadFile(filepath.Join(want, "stderr.txt"))
			if err != nil {
				t.Fatal(err)
			}
			if stderr.String() != string(w) {
				t.Errorf("stderr:\n%s\nwant (%s):\n%s", stderr.String(), filepath.Join(want, "stderr.txt"), w)
			}
		})
	}
}

func pairFiles(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	slices.Sort(out)
	return out
}

// TestRealPairsCheck runs seam check --synth on each real pair's mapping
// (edge-case data, a fixed seed) and requires the findings that name the
// pair's real problems, by target table, kind and field.
func TestRealPairsCheck(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	for _, p := range realPairs {
		t.Run(p.dir, func(t *testing.T) {
			dir := filepath.Join("testdata", "mappings", "realworld", p.dir)
			args := []string{"check", "--mapping", filepath.Join(dir, p.mapping), "--synth", "500", "--seed", "1",
				"--profile", "edge", "--format", "json", "-q"}
			var stdout, stderr bytes.Buffer
			cmd := newRoot(&env{stdout: &stdout, stderr: &stderr})
			cmd.SetArgs(args)
			if err := cmd.ExecuteContext(context.Background()); err != nil {
				var ee *exitError
				if !errors.As(err, &ee) || ee.code != 1 {
					t.Fatalf("seam %v: %v\n%s", args, err, stderr.String())
				}
			}
			var rep struct {
				Findings []struct {
					Kind        string `json:"kind"`
					Target      string `json:"target"`
					TargetTable string `json:"target_table"`
				} `json:"findings"`
			}
			if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
				t.Fatalf("report: %v\n%s", err, stdout.String())
			}
			got := map[string]bool{}
			for _, f := range rep.Findings {
				got[f.TargetTable+" "+f.Kind+" "+f.Target] = true
			}
			for _, w := range p.findings {
				if !got[w] {
					t.Errorf("no finding %q; found %v", w, slices.Sorted(maps.Keys(got)))
				}
			}
		})
	}
}
