package check

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// idiomFile is one mapping of testdata/mappings/idioms with what its
// comments say: WANT kind@target (a true finding: in a planted copy a
// planted mistake, in a correct mapping a loss the target forces), MISS
// kind@target (a planted mistake the checks do not find yet), ALSO
// kind@target (a true finding that follows from a planted mistake: the
// field a misspelt rule no longer reads is dropped) and DATA file
// (realistic rows beside the mapping).
type idiomFile struct {
	path             string
	want, miss, also map[string]bool
	// synth: SYNTH kind@target why: a finding on synthetic rows that no
	// edge class explains, a known limit of synthetic data (logged).
	synth map[string]string
	data  string
}

func readIdiom(t *testing.T, path string) idiomFile {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	in := idiomFile{path: path, want: map[string]bool{}, miss: map[string]bool{}, also: map[string]bool{}, synth: map[string]string{}}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) < 3 || fs[0] != "#" {
			continue
		}
		switch fs[1] {
		case "WANT":
			in.want[fs[2]] = true
		case "MISS":
			in.miss[fs[2]] = true
		case "ALSO":
			in.also[fs[2]] = true
		case "SYNTH":
			in.synth[fs[2]] = strings.Join(fs[3:], " ")
		case "DATA":
			in.data = filepath.Join(filepath.Dir(path), fs[2])
		}
	}
	return in
}

// checkIdiom runs what `seam check -i DATA` runs: every rule compiled on
// its own (compile_error findings), the static checks, and the data checks
// over the realistic rows when the file names them.
func checkIdiom(t *testing.T, in idiomFile) []Finding {
	t.Helper()
	m, src, dst := loadPair(t, filepath.Join("idioms", filepath.Base(in.path)))
	prog, compileFs, _ := CompileEach(m, src, dst)
	if prog == nil {
		t.Fatalf("%s: no program", in.path)
	}
	var rd value.RecordReader
	if in.data != "" {
		f, err := os.Open(in.data)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if rd, err = value.NewReader(bufio.NewReader(f), in.data, "jsonl"); err != nil {
			t.Fatal(err)
		}
	}
	rep, _, err := Run(context.Background(), prog, rd, RunOptions{Mapping: m, Findings: compileFs, Workers: 1, Shards: 1})
	if err != nil {
		t.Fatalf("%s: %v", in.path, err)
	}
	return rep.Findings
}

// TestIdiomsPrecisionRecall reads the mappings of three real pairs in
// testdata/mappings/idioms (HubSpot contact -> Salesforce Contact, Stripe
// invoice -> Chinook invoice, Northwind customers -> Salesforce Account):
// for each a correct mapping written with seam's idioms, whose realistic
// data must raise no finding at warn or above but its WANT lines, and a
// copy with planted mistakes, each of which must be found with its kind
// on its target. The test logs the counts the README's table reports.
func TestIdiomsPrecisionRecall(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(repoRoot(t), "testdata", "mappings", "idioms", "*.seam.yaml"))
	if err != nil || len(files) < 6 {
		t.Fatalf("idiom mappings: %v (%d files)", err, len(files))
	}
	sort.Strings(files)
	var raised, alarms, planted, found int
	var table []string
	for _, path := range files {
		in := readIdiom(t, path)
		name := filepath.Base(path)
		got := map[string]bool{}
		r, a := 0, 0
		for _, f := range checkIdiom(t, in) {
			if f.Severity > diag.Warn {
				continue
			}
			key := string(f.Kind) + "@" + f.Target
			if got[key] {
				continue
			}
			got[key] = true
			r++
			if in.also[key] {
				continue
			}
			if !in.want[key] {
				a++
				t.Errorf("%s: false alarm %s %s: %s", name, f.Severity, key, f.Message)
			}
		}
		p, fd := 0, 0
		if strings.Contains(name, "planted") {
			for k := range in.want {
				p++
				if got[k] {
					fd++
				} else {
					t.Errorf("%s: planted mistake %s not found", name, k)
				}
			}
			p += len(in.miss)
		} else {
			for k := range in.want {
				if !got[k] {
					t.Errorf("%s: true finding %s not raised", name, k)
				}
			}
		}
		raised, alarms, planted, found = raised+r, alarms+a, planted+p, found+fd
		table = append(table, fmt.Sprintf("%-22s raised %2d  false %2d  planted %2d  found %2d", name, r, a, p, fd))
	}
	for _, l := range table {
		t.Log(l)
	}
	t.Logf("findings at warn or above: %d, false alarms %d; planted mistakes %d, found with the right kind %d", raised, alarms, planted, found)
	if planted < 30 {
		t.Errorf("%d planted mistakes, want at least 30", planted)
	}
	if found*10 < planted*9 {
		t.Errorf("found %d of %d planted mistakes, want at least 90%%", found, planted)
	}
}

// loadIdiom loads one mapping of testdata/mappings/idioms with its schemas.
func loadIdiom(t *testing.T, name string) (*mapping.Mapping, *schema.Schema, *schema.Schema) {
	t.Helper()
	return loadPair(t, filepath.Join("idioms", name))
}
