package engine

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/seamhq/seam/mapping/value"
)

// The stage benchmarks time one row per op on the workload's 10,000-row
// slice (read again from the start when it ends): reading alone (record
// by record, or cut into chunks and decoded as the workers do), the rules
// alone, writing alone. allocs/op is allocations per row.

func BenchmarkStageReadCSV(b *testing.B)          { benchRead(b, "csv", false) }
func BenchmarkStageReadJSONL(b *testing.B)        { benchRead(b, "jsonl", false) }
func BenchmarkStageReadChunkedCSV(b *testing.B)   { benchRead(b, "csv", true) }
func BenchmarkStageReadChunkedJSONL(b *testing.B) { benchRead(b, "jsonl", true) }

// recordStream reads the slice's records into one reused record, again
// and again.
type recordStream struct {
	in      []byte
	format  string
	chunked bool
	r       value.ReaderInto
	sp      value.Splitter
	dec     value.ChunkDecoder
}

func (s *recordStream) open(tb testing.TB) {
	r, err := value.NewReader(bytes.NewReader(s.in), "in."+s.format, s.format)
	if err != nil {
		tb.Fatal(err)
	}
	s.r = r.(value.ReaderInto)
	if s.chunked {
		s.sp = r.(value.Splitter)
		if s.dec == nil {
			s.dec = s.sp.NewDecoder()
		}
		s.r = s.dec
		s.nextChunk(tb)
	}
}

func (s *recordStream) nextChunk(tb testing.TB) bool {
	ch, err := s.sp.NextChunk()
	if errors.Is(err, io.EOF) {
		return false
	}
	if err != nil {
		tb.Fatal(err)
	}
	s.dec.Reset(ch)
	return true
}

func (s *recordStream) next(tb testing.TB, rec *value.Record) {
	for {
		err := s.r.ReadInto(rec)
		if err == nil {
			return
		}
		if !errors.Is(err, io.EOF) {
			tb.Fatal(err)
		}
		if s.chunked && s.nextChunk(tb) {
			continue
		}
		s.open(tb)
	}
}

func benchRead(b *testing.B, format string, chunked bool) {
	s := &recordStream{in: gunzip(b, benchDir+"orders10k."+format+".gz"), format: format, chunked: chunked}
	s.open(b)
	rec := &value.Record{}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		s.next(b, rec)
	}
}

// BenchmarkStageRules applies the workload's rules to one record per op,
// into a reused output record.
func BenchmarkStageRules(b *testing.B) {
	p := benchProgram(b)
	in := gunzip(b, benchDir+"orders10k.csv.gz")
	r, _ := value.NewReader(bytes.NewReader(in), "in.csv", "csv")
	var recs []*value.Record
	for rec, err := range value.Records(r) {
		if err != nil {
			b.Fatal(err)
		}
		recs = append(recs, rec)
	}
	x := p.NewExec()
	out := x.newOut(p.out)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		resetOut(out, p.out)
		x.applyTo(recs[i%len(recs)], out)
	}
}

func BenchmarkStageWriteCSV(b *testing.B)   { benchWrite(b, "csv") }
func BenchmarkStageWriteJSONL(b *testing.B) { benchWrite(b, "jsonl") }

// benchWrite encodes one mapped row per op into a reused buffer.
func benchWrite(b *testing.B, format string) {
	p := benchProgram(b)
	in := gunzip(b, benchDir+"orders10k.csv.gz")
	r, _ := value.NewReader(bytes.NewReader(in), "in.csv", "csv")
	x := p.NewExec()
	var outs []*value.Record
	for rec, err := range value.Records(r) {
		if err != nil {
			b.Fatal(err)
		}
		if res := x.Apply(rec); !res.Rejected {
			outs = append(outs, res.Out)
		}
	}
	w, err := value.NewWriter(io.Discard, format, p.TargetKeys())
	if err != nil {
		b.Fatal(err)
	}
	enc := w.(value.Encoder)
	var buf []byte
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if len(buf) > 1<<20 {
			buf = buf[:0]
		}
		buf = enc.AppendRecord(buf, outs[i%len(outs)])
	}
}
