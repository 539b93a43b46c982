// Command synthbench measures synth's generation rate for the bench
// "orders" schema of /work/shared/bench/WORKLOAD.md (15 string fields),
// generation only, the same job as `gen -n N -discard` of
// /work/shared/bench/gen, and reports on stderr in the same shape:
//
//	go run ./synth/internal/synthbench -n 1000000
//	go run ./synth/internal/synthbench -n 1000000 -format csv   # plus encoding to /dev/null
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/synth"
)

func orders() *schema.Schema {
	names := []string{"order_id", "customer_id", "first_name", "last_name", "email", "phone",
		"order_date", "amount_cents", "currency", "status", "country", "notes", "ship_date", "qty", "discount"}
	s := &schema.Schema{Name: "orders", File: "orders.csv", Format: "csv"}
	for _, n := range names {
		f := &schema.Field{Path: n, Name: n, Type: schema.String, Required: true}
		if n == "ship_date" || n == "discount" {
			f.Nullable = true
		}
		s.Fields = append(s.Fields, f)
	}
	return s
}

func main() {
	n := flag.Int64("n", 1000000, "rows")
	seed := flag.Int64("seed", 20240601, "seed")
	rate := flag.Float64("edge-rate", 0.05, "edge rate")
	profile := flag.String("profile", "realistic", "realistic|edge|hostile")
	format := flag.String("format", "", "also encode as csv|jsonl|xlsx to io.Discard")
	flag.Parse()
	plan := synth.Plan{Rows: *n, EdgeRate: *rate, Profile: synth.Profile(*profile)}
	start := time.Now()
	if *format != "" {
		if err := synth.Write(context.Background(), orders(), plan, *seed, io.Discard, *format, nil, nil); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	} else {
		g, err := synth.NewGenerator(orders(), plan, *seed)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		var r synth.Row
		sink := 0
		for g.Fill(&r) {
			sink += len(r.Rec.Vals[11].S)
		}
		if sink < 0 {
			fmt.Println(sink)
		}
	}
	el := time.Since(start).Seconds()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	fmt.Fprintf(os.Stderr, "synth: %d rows in %.3fs = %.0f rows/s (format=%q profile=%s edge-rate=%v) max-heap-sys=%dMiB\n",
		*n, el, float64(*n)/el, *format, *profile, *rate, m.HeapSys>>20)
}
