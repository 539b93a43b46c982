package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/seamhq/seam/mapping"
	"io"
	"math/rand"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// sliceReader serves records from memory; err, when set, is returned
// after the records instead of io.EOF.
type sliceReader struct {
	recs []*value.Record
	i    int
	err  error
}

func (s *sliceReader) Read() (*value.Record, error) {
	if s.i >= len(s.recs) {
		if s.err != nil {
			return nil, s.err
		}
		return nil, io.EOF
	}
	s.i++
	return s.recs[s.i-1], nil
}

func (s *sliceReader) Row() int64 { return int64(s.i) }

// endless produces records forever.
type endless struct{ n int64 }

func (e *endless) Read() (*value.Record, error) {
	e.n++
	return rec("id", fmt.Sprint(e.n), "name", "x"), nil
}
func (e *endless) Row() int64 { return e.n }

var cellPool = []any{"", "12", "-3", "x", " a ", "2024-01-02", "01/02/2024", "P", "S", "0.10", "99a6", "Ünïcode ✓", nil, "absent"}

var exprTemplates = []string{
	"trim(%s)", "lower(%s)", "upper(trim(%s))", "to_decimal(%s) / 100", `lookup("L", %s)`,
	`%s | default("0") | to_decimal()`, `%s + "x"`, `%s ?? "none"`, `len(%s) > 2 ? "long" : "short"`,
	`null_if_empty(%s)`,
}

var onErrors = []string{"", "reject", "null", "keep", "default(0)"}

// randomCase builds a random mapping, schemas and input rows.
func randomCase(rng *rand.Rand) (*Program, []*value.Record) {
	nsrc := 2 + rng.Intn(5)
	src := &schema.Schema{Name: "src"}
	keys := make([]string, nsrc)
	for i := range keys {
		keys[i] = fmt.Sprintf("f%d", i)
		src.Fields = append(src.Fields, &schema.Field{Path: keys[i], Name: keys[i], Type: schema.String})
	}
	types := []schema.Type{schema.String, schema.Integer, schema.Decimal, schema.Date, schema.Boolean}
	dst := &schema.Schema{Name: "dst"}
	m := &mapping.Mapping{Lookups: []*mapping.Lookup{{Name: "L", Entries: []mapping.LookupEntry{{Key: "P", Value: "pending"}, {Key: "S", Value: "shipped"}}}}}
	ntgt := 1 + rng.Intn(6)
	for i := 0; i < ntgt; i++ {
		name := fmt.Sprintf("t%d", i)
		if rng.Intn(4) == 0 {
			name = "nested.t" + fmt.Sprint(i)
		}
		typ := types[rng.Intn(len(types))]
		dst.Fields = append(dst.Fields, &schema.Field{Path: name, Name: name, Type: typ, Required: rng.Intn(2) == 0, Nullable: rng.Intn(2) == 0})
		from := keys[rng.Intn(nsrc)]
		r := &mapping.Rule{Target: name, From: []string{from}, OnError: onErrors[rng.Intn(len(onErrors))]}
		if typ == schema.Integer || typ == schema.Decimal {
			if r.OnError == "default(0)" {
				r.OnError = "default(7)"
			}
		} else if strings.HasPrefix(r.OnError, "default") {
			r.OnError = "null"
		}
		if rng.Intn(3) > 0 {
			r.Expr = fmt.Sprintf(exprTemplates[rng.Intn(len(exprTemplates))], from)
		}
		m.Rules = append(m.Rules, r)
	}
	// Nested target paths need their parent object in the schema.
	var nested []*schema.Field
	var flat []*schema.Field
	for _, f := range dst.Fields {
		if strings.HasPrefix(f.Path, "nested.") {
			f.Name = strings.TrimPrefix(f.Path, "nested.")
			nested = append(nested, f)
		} else {
			flat = append(flat, f)
		}
	}
	if len(nested) > 0 {
		flat = append(flat, &schema.Field{Path: "nested", Name: "nested", Type: schema.Object, Children: nested})
	}
	dst.Fields = flat
	src.Reindex()
	dst.Reindex()
	p, _ := Compile(m, src, dst)
	if p == nil {
		return randomCase(rng) // a statically wrong mapping: draw again
	}
	n := rng.Intn(3000)
	recs := make([]*value.Record, n)
	for i := range recs {
		r := &value.Record{}
		for _, k := range keys {
			c := cellPool[rng.Intn(len(cellPool))]
			if c == "absent" {
				continue
			}
			r.Keys = append(r.Keys, k)
			if c == nil {
				r.Vals = append(r.Vals, value.NullV())
			} else {
				r.Vals = append(r.Vals, value.Str(c.(string)))
			}
		}
		recs[i] = r
	}
	return p, recs
}

// TestRunLosesNothing is a property test: for random mappings and inputs,
// read = written + rejected, every rejected row appears once in rejects,
// and the output equals applying the rules row by row, in order.
func TestRunLosesNothing(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for iter := 0; iter < 40; iter++ {
		p, recs := randomCase(rng)
		var out, rej bytes.Buffer
		w, _ := value.NewWriter(&out, "jsonl", nil)
		var hookRows []int64
		opt := RunOptions{Workers: 1 + rng.Intn(4), BatchSize: 1 + rng.Intn(300)}
		if iter%2 == 0 {
			opt.OnRow = func(row int64, in *value.Record, res Result) { hookRows = append(hookRows, row) }
		}
		st, err := Run(context.Background(), p, &sliceReader{recs: recs}, w, &rej, opt)
		if err != nil {
			t.Fatal(err)
		}
		if st.Read != int64(len(recs)) || st.Read != st.Written+st.Rejected {
			t.Fatalf("iter %d: stats %+v for %d rows", iter, st, len(recs))
		}
		// Reference: sequential Apply.
		var want bytes.Buffer
		ww, _ := value.NewWriter(&want, "jsonl", nil)
		x := p.NewExec()
		var wantRej []int64
		for i, r := range recs {
			res := x.Apply(r)
			if res.Rejected {
				wantRej = append(wantRej, int64(i+1))
				continue
			}
			ww.Write(res.Out)
		}
		if out.String() != want.String() {
			t.Fatalf("iter %d: output differs from row-by-row Apply", iter)
		}
		lines := checkRejects(t, rej.Bytes(), int(st.Rejected))
		seen := map[int64]bool{}
		for i, l := range lines {
			if seen[l.Row] || l.Row != wantRej[i] {
				t.Fatalf("iter %d: rejects row %d (dup or out of order, want %d)", iter, l.Row, wantRej[i])
			}
			seen[l.Row] = true
		}
		if opt.OnRow != nil {
			if len(hookRows) != len(recs) {
				t.Fatalf("OnRow called %d times for %d rows", len(hookRows), len(recs))
			}
			for i, r := range hookRows {
				if r != int64(i+1) {
					t.Fatalf("OnRow out of order at %d: row %d", i, r)
				}
			}
		}
	}
}

// TestRunCSVRecycled runs through the CSV codec (records recycled
// between batches) and compares with the hook path (no recycling).
func TestRunCSVRecycled(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for iter := 0; iter < 10; iter++ {
		p, recs := randomCase(rng)
		var csvIn bytes.Buffer
		keys := []string{}
		for _, s := range p.src.Fields {
			keys = append(keys, s.Name)
		}
		cw, _ := value.NewWriter(&csvIn, "csv", keys)
		for _, r := range recs {
			cw.Write(r)
		}
		run := func(hook bool) (string, Stats) {
			r, err := value.NewReader(bytes.NewReader(csvIn.Bytes()), "in.csv", "csv")
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			w, _ := value.NewWriter(&out, "csv", p.TargetKeys())
			opt := RunOptions{Workers: 3, BatchSize: 7}
			if hook {
				opt.OnRow = func(int64, *value.Record, Result) {}
			}
			st, err := Run(context.Background(), p, r, w, nil, opt)
			if err != nil {
				t.Fatal(err)
			}
			return out.String(), st
		}
		a, sa := run(false)
		b, sb := run(true)
		if a != b || sa != sb || sa.Read != int64(len(recs)) {
			t.Fatalf("iter %d: recycled run differs: %+v vs %+v", iter, sa, sb)
		}
	}
}

func TestRunCancel(t *testing.T) {
	src, dst := testSchemas()
	m := mustParse(t, head+"  - {target: id, from: [id]}\n  - {target: name, expr: upper(name)}\n")
	p, _ := Compile(m, src, dst)
	ctx, cancel := context.WithCancel(context.Background())
	var out bytes.Buffer
	w, _ := value.NewWriter(&out, "csv", p.TargetKeys())
	st, err := Run(ctx, p, &endless{}, w, nil, RunOptions{Workers: 2, BatchSize: 64, Progress: func(s Stats) {
		if s.Read > 5000 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	lines := strings.Count(out.String(), "\n") - 1
	if st.Read < 5000 || st.Read != st.Written+st.Rejected || int64(lines) != st.Written {
		t.Fatalf("stats %+v, %d lines written", st, lines)
	}
}

func TestRunReadError(t *testing.T) {
	src, dst := testSchemas()
	m := mustParse(t, head+"  - {target: id, from: [id]}\n")
	p, _ := Compile(m, src, dst)
	recs := make([]*value.Record, 1500)
	for i := range recs {
		recs[i] = rec("id", fmt.Sprint(i))
	}
	boom := errors.New("in.csv:1502:3: broken")
	var out bytes.Buffer
	w, _ := value.NewWriter(&out, "jsonl", nil)
	st, err := Run(context.Background(), p, &sliceReader{recs: recs, err: boom}, w, nil, RunOptions{BatchSize: 100})
	if !errors.Is(err, boom) || st.Read != 1500 || st.Written != 1500 || strings.Count(out.String(), "\n") != 1500 {
		t.Fatalf("err=%v stats=%+v", err, st)
	}
}

type failWriter struct{ n int }

func (f *failWriter) Write(b []byte) (int, error) {
	f.n++
	if f.n > 2 {
		return 0, errors.New("disk full")
	}
	return len(b), nil
}

func TestRunWriteError(t *testing.T) {
	src, dst := testSchemas()
	m := mustParse(t, head+"  - {target: id, from: [id]}\n")
	p, _ := Compile(m, src, dst)
	w, _ := value.NewWriter(&failWriter{}, "csv", p.TargetKeys())
	_, err := Run(context.Background(), p, &endless{}, w, nil, RunOptions{BatchSize: 10})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("err = %v", err)
	}
}

// TestRunXLSX goes through a writer without an Encoder (records path).
func TestRunXLSX(t *testing.T) {
	src, dst := testSchemas()
	m := mustParse(t, head+"  - {target: id, from: [id]}\n  - {target: total, expr: to_decimal(cents) / 100}\n")
	p, _ := Compile(m, src, dst)
	recs := []*value.Record{rec("id", "1", "cents", "250"), rec("id", "x", "cents", "1"), rec("id", "3", "cents", "7")}
	var out, rej bytes.Buffer
	w, _ := value.NewWriter(&out, "xlsx", p.TargetKeys())
	st, err := Run(context.Background(), p, &sliceReader{recs: recs}, w, &rej, RunOptions{})
	if err != nil || w.Close() != nil {
		t.Fatal(err)
	}
	if st != (Stats{Read: 3, Written: 2, Rejected: 1}) {
		t.Fatalf("%+v", st)
	}
	back, err := value.NewReader(&out, "out.xlsx", "xlsx")
	if err != nil {
		t.Fatal(err)
	}
	r1, _ := back.Read()
	r2, _ := back.Read()
	if r1.Get("total").S != "2.5" || r2.Get("id").S != "3" {
		t.Fatalf("%+v %+v", r1, r2)
	}
	if !strings.Contains(rej.String(), `{"row":2,"errors":[{"rule":"id","target":"id","kind":"coercion_failure","reason":"\"x\" is not an integer"}],"source":{"id":"x","cents":"1"}}`) {
		t.Fatalf("rejects: %s", rej.String())
	}
}

// recFailWriter is a RecordWriter (no Encoder) failing after n records.
type recFailWriter struct{ n int }

func (f *recFailWriter) Write(*value.Record) error {
	if f.n == 0 {
		return errors.New("disk full")
	}
	f.n--
	return nil
}
func (f *recFailWriter) Close() error { return nil }

// TestRunCountsAddUp: whatever stops a run (a write error on the output or
// the rejects, a read error, a cancel), Read = Written + Rejected +
// NotProcessed (#20.13).
func TestRunCountsAddUp(t *testing.T) {
	src, dst := testSchemas()
	m := mustParse(t, head+"  - {target: id, from: [id]}\n")
	p, _ := Compile(m, src, dst)
	recs := make([]*value.Record, 5000)
	for i := range recs {
		id := fmt.Sprint(i)
		if i%7 == 0 {
			id = "bad" // rejected
		}
		recs[i] = rec("id", id)
	}
	for _, workers := range []int{1, 3} {
		cases := []struct {
			name    string
			w       func() value.RecordWriter
			rejects io.Writer
			wantErr string
		}{
			{"encoded output fails", func() value.RecordWriter { w, _ := value.NewWriter(&failWriter{}, "csv", p.TargetKeys()); return w }, &bytes.Buffer{}, "disk full"},
			{"record output fails", func() value.RecordWriter { return &recFailWriter{n: 1234} }, &bytes.Buffer{}, "disk full"},
			{"rejects fail", func() value.RecordWriter { return discardWriter{} }, &failWriter{}, "rejects: disk full"},
		}
		for _, c := range cases {
			st, err := Run(context.Background(), p, &sliceReader{recs: recs}, c.w(), c.rejects, RunOptions{Workers: workers, BatchSize: 100})
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("workers=%d %s: err = %v", workers, c.name, err)
			}
			if st.Read != st.Written+st.Rejected+st.NotProcessed || st.NotProcessed == 0 || st.Read == 0 {
				t.Errorf("workers=%d %s: counts do not add up: %+v", workers, c.name, st)
			}
		}
		// a read error and a clean end: nothing is left unprocessed
		boom := errors.New("in.csv:1502:3: broken")
		st, err := Run(context.Background(), p, &sliceReader{recs: recs[:1500], err: boom}, discardWriter{}, nil, RunOptions{Workers: workers, BatchSize: 100})
		if !errors.Is(err, boom) || st.Read != 1500 || st.Read != st.Written+st.Rejected || st.NotProcessed != 0 {
			t.Errorf("workers=%d read error: %v %+v", workers, err, st)
		}
	}
}

// TestRunMalformedCSVRows: a ragged row rejects its row (kind
// malformed_row) and the run goes on; a NUL byte is data, early or past
// the first 8 KiB; rejects carry the record number and the file line,
// which drift apart over blank lines (#20.16).
func TestRunMalformedCSVRows(t *testing.T) {
	src, dst := testSchemas()
	m := mustParse(t, head+"  - {target: id, from: [id]}\n  - {target: name, from: [name]}\n")
	p, _ := Compile(m, src, dst)
	var in strings.Builder
	in.WriteString("id,name\n1,a\n\n2,b\x00c\n3,c,extra\n")
	for i := 4; i < 1000; i++ {
		fmt.Fprintf(&in, "%d,n%d\n", i, i)
	}
	in.WriteString("\n\n1000,late\x00\n1001\n1002,z\n")
	for _, workers := range []int{1, 2} {
		for _, hook := range []bool{false, true} {
			r, err := value.NewReader(strings.NewReader(in.String()), "in.csv", "csv")
			if err != nil {
				t.Fatal(err)
			}
			var out, rej bytes.Buffer
			w, _ := value.NewWriter(&out, "csv", p.TargetKeys())
			opt := RunOptions{Workers: workers, BatchSize: 64}
			if hook {
				opt.OnRow = func(int64, *value.Record, Result) {}
			}
			st, err := Run(context.Background(), p, r, w, &rej, opt)
			w.Close()
			if err != nil {
				t.Fatalf("workers=%d: %v", workers, err)
			}
			if st.Read != 1002 || st.Rejected != 2 || st.Written != 1000 {
				t.Errorf("workers=%d: stats %+v", workers, st)
			}
			lines := checkRejects(t, rej.Bytes(), 2)
			want := []struct {
				row, line int64
				reason    string
			}{{3, 5, "3 fields where the header has 2"}, {1001, 1005, "1 fields where the header has 2"}}
			for i, wl := range want {
				got := lines[i]
				if got.Row != wl.row || got.Line != wl.line || kind.Kind(got.Errors[0].Kind) != kind.MalformedRow || !strings.Contains(got.Errors[0].Reason, wl.reason) {
					t.Errorf("workers=%d reject %d = %+v, want row %d line %d %q", workers, i, got, wl.row, wl.line, wl.reason)
				}
			}
			if !strings.Contains(out.String(), "\n1002,z,") || !strings.Contains(out.String(), "\n1000,late\x00,") || !strings.Contains(out.String(), "\n2,b\x00c,") {
				t.Errorf("workers=%d: output ends %q", workers, out.String()[max(0, out.Len()-30):])
			}
		}
	}
}
