package check

import (
	"bufio"
	"context"
	"io"
	"os"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

type cpDiscard struct{}

func (cpDiscard) Write(*value.Record) error { return nil }
func (cpDiscard) Close() error              { return nil }

func TestCPProf(t *testing.T) {
	path := os.Getenv("CP_DATA")
	if path == "" {
		t.Skip()
	}
	m, err := mapping.Load("../../testdata/bench/orders.seam.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src, dst, err := m.LoadSchemas(schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, ds := mapping.Compile(m, src, dst)
	if err := ds.Err(); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(path)
	defer f.Close()
	rd, _ := value.NewReader(bufio.NewReaderSize(f, 1<<20), path, "csv")
	var ins []*value.Record
	var rs []mapping.Result
	_, err = mapping.Run(context.Background(), p, rd, cpDiscard{}, io.Discard, mapping.RunOptions{Workers: 2,
		OnRow: func(row int64, in *value.Record, res mapping.Result) { ins = append(ins, in); rs = append(rs, res) }})
	if err != nil {
		t.Fatal(err)
	}
	d := NewData(p, DataOptions{Source: src, Target: dst})
	pf, _ := os.Create("/tmp/cp-prof/cpu.out")
	startProf(pf)
	for i := range ins {
		d.Observe(int64(i+1), ins[i], rs[i], nil)
	}
	stopProf()
	for _, f := range d.Findings() {
		t.Logf("%s %s %d", f.Kind, f.Target, f.Count)
	}
}
