package check

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// BenchmarkCheckWorkload checks the peer workload's mapping on its
// 10,000-row CSV slice, as `seam check -i` does (static and data
// detectors, the engine on every core): against BenchmarkRunCSV in
// mapping/engine, the cost of the detectors.
func BenchmarkCheckWorkload(b *testing.B) {
	const dir = "../../testdata/bench/"
	m, err := mapping.Load(dir + "orders.seam.yaml")
	if err != nil {
		b.Fatal(err)
	}
	src, dst, err := m.LoadSchemas(schema.Options{})
	if err != nil {
		b.Fatal(err)
	}
	p, ds := engine.Compile(m, src, dst)
	if p == nil {
		b.Fatal(ds)
	}
	f, err := os.Open(dir + "orders10k.csv.gz")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	in, err := io.ReadAll(zr)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for range b.N {
		r, err := value.NewReader(bytes.NewReader(in), "in.csv", "csv")
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := Run(context.Background(), p, r, RunOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
