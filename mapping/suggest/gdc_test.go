package suggest

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// gdcStudies are the GDC benchmark studies in ../shared/realworld/gdc.
var gdcStudies = []string{"cao", "clark", "dou", "gilette", "huang"}

// readRecords reads up to n records of a data file.
func readRecords(t testing.TB, path string, n int) []*value.Record {
	t.Helper()
	f, err := value.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rd, err := value.NewReader(bufio.NewReader(f), path, value.FormatFromPath(path))
	if err != nil {
		t.Fatal(err)
	}
	var out []*value.Record
	for len(out) < n {
		r, err := rd.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, r)
	}
	return out
}

// gdcTruth reads a study's source,target pairs: targets trimmed, repeated
// pairs counted once.
func gdcTruth(t testing.TB, path string) map[[2]string]bool {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	out := map[[2]string]bool{}
	for i, rec := range recs {
		if i == 0 || len(rec) < 2 {
			continue
		}
		out[[2]string{strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1])}] = true
	}
	return out
}

// RecallAtGT is the share of the true pairs among the first len(truth)
// matches of a ranking (the GDC benchmark's metric).
func recallAtGT(ranked []Match, truth map[[2]string]bool) float64 {
	if len(truth) == 0 {
		return 0
	}
	hit := 0
	for i, m := range ranked {
		if i >= len(truth) {
			break
		}
		if truth[[2]string{m.Source, m.Target}] {
			hit++
		}
	}
	return float64(hit) / float64(len(truth))
}

// TestGDCRecallAtGT computes the mean Recall@GT of Rank over the five GDC
// studies of ../shared/realworld/gdc (each study's source table and the
// 736-column GDC target, both with their own rows as samples) and logs it
// beside the published figures. It skips when ../shared is absent.
func TestGDCRecallAtGT(t *testing.T) {
	dir := filepath.Join(sharedDir(t), "gdc")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("GDC benchmark not found: %v", err)
	}
	tpath := filepath.Join(dir, "gdc-target.csv")
	dst, err := schema.Load(tpath, schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dstRows := readRecords(t, tpath, 10000)
	var sum float64
	for _, st := range gdcStudies {
		spath := filepath.Join(dir, st, "source.csv")
		src, err := schema.Load(spath, schema.Options{})
		if err != nil {
			t.Fatal(err)
		}
		truth := gdcTruth(t, filepath.Join(dir, st, "groundtruth.csv"))
		ranked := Rank(src, dst, Options{SourceSample: readRecords(t, spath, 10000), TargetSample: dstRows, MinConfidence: 0.01})
		r := recallAtGT(ranked, truth)
		sum += r
		t.Logf("%-8s Recall@GT %.3f (%d true pairs, %d ranked)", st, r, len(truth), len(ranked))
		if testing.Verbose() {
			n := min(len(truth), len(ranked))
			for _, m := range ranked[:n] {
				mark := " "
				if truth[[2]string{m.Source, m.Target}] {
					mark = "+"
				}
				t.Logf("   %s %.2f %s -> %s", mark, m.Score, m.Source, m.Target)
			}
			for p := range truth {
				found := false
				for _, m := range ranked[:n] {
					if m.Source == p[0] && m.Target == p[1] {
						found = true
					}
				}
				if !found {
					t.Logf("   - missed %s -> %s", p[0], p[1])
				}
			}
		}
	}
	mean := sum / float64(len(gdcStudies))
	t.Logf("GDC mean Recall@GT over %d studies: %.3f (published, all ten studies: MagnetoFTGPT 0.496, Magneto 0.360, COMA 0.300)", len(gdcStudies), mean)
	if mean < gdcFloor {
		t.Errorf("GDC mean Recall@GT %.3f, want >= %.2f", mean, gdcFloor)
	}
}

// gdcFloor is the mean Recall@GT the test holds the matcher to.
const gdcFloor = 0.46
