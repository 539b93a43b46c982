package check

import (
	"bufio"
	"context"
	"io"
	"os"
	"testing"
	"time"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

func TestCPPipe(t *testing.T) {
	path := os.Getenv("CP_DATA")
	if path == "" {
		t.Skip()
	}
	m, _ := mapping.Load("../../testdata/bench/orders.seam.yaml")
	src, dst, _ := m.LoadSchemas(schema.Options{})
	p, _ := mapping.Compile(m, src, dst)
	for _, mode := range []string{"none", "noop", "observe"} {
		f, _ := os.Open(path)
		rd, _ := value.NewReader(bufio.NewReaderSize(f, 1<<20), path, "csv")
		d := NewData(p, DataOptions{Source: src, Target: dst})
		opt := mapping.RunOptions{Workers: 2}
		switch mode {
		case "noop":
			opt.OnRow = func(row int64, in *value.Record, res mapping.Result) {}
		case "observe":
			opt.OnRow = func(row int64, in *value.Record, res mapping.Result) { d.Observe(row, in, res, nil) }
		}
		var pf *os.File
		if mode == "observe" {
			pf, _ = os.Create("/tmp/cp-prof/pipe.out")
			startProf(pf)
		}
		t0 := time.Now()
		_, err := mapping.Run(context.Background(), p, rd, cpDiscard{}, io.Discard, opt)
		if mode == "observe" {
			stopProf()
		}
		t.Logf("%s: %v err=%v", mode, time.Since(t0), err)
		f.Close()
	}
}
