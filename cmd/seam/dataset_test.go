package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// datasetMapping joins Northwind's order_details to their orders, the
// orders' customers and employees (testdata/mappings/dataset).
const datasetMapping = "testdata/mappings/dataset/northwind-order-lines.seam.yaml"

// datasetJoinTables are the tables of the mapping's joins.
var datasetJoinTables = map[string]string{"orders": "orders", "customer": "customers", "employee": "employees"}

type datasetReport struct {
	Rows     map[string]int64 `json:"rows"`
	Findings []struct {
		Kind      string   `json:"kind"`
		Severity  string   `json:"severity"`
		Join      string   `json:"join"`
		Source    []string `json:"source"`
		Count     int64    `json:"count"`
		Message   string   `json:"message"`
		EdgeCases []struct {
			Case string `json:"case"`
			Rows int64  `json:"rows"`
		} `json:"edge_cases"`
		Examples []struct {
			Row      int64  `json:"row"`
			EdgeCase string `json:"edge_case"`
		} `json:"examples"`
	} `json:"findings"`
}

// seamJSON runs seam with args in the repository root and decodes its
// JSON report; exit 1 (findings) is expected, exit 2 is not.
func seamJSON(t *testing.T, args ...string) (*datasetReport, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := newRoot(&env{stdout: &stdout, stderr: &stderr})
	cmd.SetArgs(args)
	if err := cmd.ExecuteContext(context.Background()); err != nil {
		var ee *exitError
		if !errors.As(err, &ee) || ee.code != 1 {
			t.Fatalf("seam %v: %v\n%s", args, err, stderr.String())
		}
	}
	rep := &datasetReport{}
	if len(stdout.Bytes()) > 0 && stdout.Bytes()[0] == '{' {
		if err := json.Unmarshal(stdout.Bytes(), rep); err != nil {
			t.Fatalf("report: %v\n%s", err, stdout.String())
		}
	}
	return rep, stderr.String()
}

// synthNorthwind writes a Northwind dataset of orders, customers,
// employees and order_details into a temporary folder.
func synthNorthwind(t *testing.T, profile string, seed int) string {
	t.Helper()
	return synthNorthwindTo(t, filepath.Join(t.TempDir(), "nw"), profile, seed)
}

// synthNorthwindTo is synthNorthwind into dir (a folder, or FILE.xlsx for
// one workbook with a sheet per table).
func synthNorthwindTo(t *testing.T, dir, profile string, seed int) string {
	t.Helper()
	args := []string{"synth", "--schema", "testdata/schemas/realworld/northwind/northwind.sql#orders,customers,employees,order_details",
		"--rows", "60", "--seed", strconv.Itoa(seed), "--profile", profile, "--rel-rate", "0.1", "-o", dir, "--labels", "-q"}
	if profile != "realistic" {
		// relational classes only: a field's edge case would hide a
		// row's key problem behind its own (the realistic profile keeps
		// its rare but valid values)
		args = append(args, "--edge-rate", "0")
	}
	seamJSON(t, args...)
	return dir
}

// refusedLabels reads DIR/labels.csv: per "table class", the rows a
// database refuses (synth.Refused's classes), as "table row" keys.
func refusedLabels(t *testing.T, dir string) (map[string]map[string]bool, map[string]string) {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "labels.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	byClass := map[string]map[string]bool{}
	classOf := map[string]string{}
	for _, r := range recs[1:] {
		switch r[3] {
		case "rel.orphan_child", "rel.dangling_fk", "rel.duplicate_key", "rel.key_case", "rel.null_key_part", "rel.parent_refused":
		default:
			continue
		}
		k := r[0] + " " + r[3]
		if byClass[k] == nil {
			byClass[k] = map[string]bool{}
		}
		byClass[k][r[0]+" "+r[1]] = true
		classOf[r[0]+" "+r[1]] = r[3]
	}
	return byClass, classOf
}

// TestDatasetRecall: seam check --dataset on an edge-profile Northwind
// dataset reports every row a database refuses in the tables the
// mapping reads (the labelled relational edge cases): per table and
// class, the findings count at least the labelled rows, and every
// example of a referential finding is a labelled row of its table.
func TestDatasetRecall(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	for _, seed := range []int{3, 5, 8} {
		dir := synthNorthwind(t, "edge", seed)
		want, classOf := refusedLabels(t, dir)
		if len(want) < 5 {
			t.Fatalf("seed %d: only %d relational classes labelled: %v", seed, len(want), want)
		}
		rep, _ := seamJSON(t, "check", "-m", datasetMapping, "--dataset", dir, "--format", "json", "-q")
		got := map[string]int64{}
		for _, f := range rep.Findings {
			table := "order_details" // rows of the source table
			switch {
			case f.Kind == "duplicate_key" && f.Join != "":
				table = datasetJoinTables[f.Join]
			case f.Kind == "lookup_miss" && strings.Contains(f.Message, "a database refuses them as broken foreign keys"):
				via, _, _ := strings.Cut(f.Source[0], ".")
				table = datasetJoinTables[via]
			}
			for _, e := range f.EdgeCases {
				got[table+" "+e.Case] += e.Rows
			}
			switch f.Kind {
			case "duplicate_key", "lookup_miss", "parent_rejected":
			default:
				continue
			}
			for _, ex := range f.Examples {
				if c := classOf[table+" "+strconv.FormatInt(ex.Row, 10)]; c == "" || c != ex.EdgeCase {
					t.Errorf("seed %d: %s (join %s) example row %d of %s: edge case %q, labelled %q", seed, f.Kind, f.Join, ex.Row, table, ex.EdgeCase, c)
				}
			}
		}
		for k, rows := range want {
			if got[k] < int64(len(rows)) {
				t.Errorf("seed %d: %s: %d labelled rows, findings count %d", seed, k, len(rows), got[k])
			}
		}
		if t.Failed() {
			t.Logf("seed %d: labelled %v; counted %v", seed, want, got)
		}
	}
}

// TestDatasetPrecision: on the realistic profile (every key intact, rare
// but valid values at the default edge rate) the check reports no
// referential finding, no rejected row and no error (a smallint's least
// value, -32768, was an overflow).
func TestDatasetPrecision(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	for _, seed := range []int{3, 5} {
		dir := synthNorthwind(t, "realistic", seed)
		rep, _ := seamJSON(t, "check", "-m", datasetMapping, "--dataset", dir, "--format", "json", "-q")
		if rep.Rows["read"] == 0 || rep.Rows["rejected"] != 0 {
			t.Errorf("seed %d: rows %v", seed, rep.Rows)
		}
		for _, f := range rep.Findings {
			switch f.Kind {
			case "duplicate_key", "lookup_miss", "parent_rejected", "contract_violation", "null_into_required":
				t.Errorf("seed %d: %s (join %s): %s", seed, f.Kind, f.Join, f.Message)
			case "dropped_source": // a joined table's unread columns are no dropped source data
				t.Errorf("seed %d: %s: %s", seed, f.Kind, f.Message)
			}
			if f.Severity == "error" {
				t.Errorf("seed %d: %s (join %s): %s", seed, f.Kind, f.Join, f.Message)
			}
		}
	}
}

// TestDatasetWorkbook: --dataset FILE.xlsx reads a workbook with a sheet
// per table (seam synth -o FILE.xlsx) and FILE.labels.csv, with the same
// findings as the folder of CSV files of the same seed.
func TestDatasetWorkbook(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	dir := synthNorthwind(t, "edge", 5)
	book := synthNorthwindTo(t, filepath.Join(t.TempDir(), "nw.xlsx"), "edge", 5)
	summary := func(rep *datasetReport) string {
		var b strings.Builder
		for _, f := range rep.Findings {
			b.WriteString(f.Kind + " " + f.Join + " " + strconv.FormatInt(f.Count, 10))
			for _, e := range f.EdgeCases {
				b.WriteString(" " + e.Case + "=" + strconv.FormatInt(e.Rows, 10))
			}
			b.WriteString("\n")
		}
		return b.String()
	}
	csvRep, _ := seamJSON(t, "check", "-m", datasetMapping, "--dataset", dir, "--format", "json", "-q")
	bookRep, _ := seamJSON(t, "check", "-m", datasetMapping, "--dataset", book, "--format", "json", "-q")
	if c, b := summary(csvRep), summary(bookRep); c != b || !strings.Contains(b, "rel.orphan_child") {
		t.Errorf("folder:\n%s\nworkbook:\n%s", c, b)
	}
}
