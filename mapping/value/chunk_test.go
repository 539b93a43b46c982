package value

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

// readSerial reads every record of in with Read, as text: one line per
// record (row, line, keys and values, or the malformed row's reason), and
// the error that ended the input.
func readSerial(t *testing.T, format, in string) []string {
	t.Helper()
	r, err := NewReader(strings.NewReader(in), "in."+format, format)
	if err != nil {
		return []string{"open: " + err.Error()}
	}
	return drain(r, nil)
}

// drain appends r's records to out as readSerial renders them.
func drain(r RecordReader, out []string) []string {
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out
		}
		var be *BadRowError
		if errors.As(err, &be) {
			out = append(out, render(r, be.Rec, be.Reason))
			continue
		}
		if err != nil {
			return append(out, "error: "+err.Error())
		}
		out = append(out, render(r, rec, ""))
	}
}

func render(r RecordReader, rec *Record, bad string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "row %d", r.Row())
	if lr, ok := r.(LineReader); ok {
		fmt.Fprintf(&b, " line %d", lr.Line())
	}
	if bad != "" {
		fmt.Fprintf(&b, " bad %q", bad)
	}
	for i, k := range rec.Keys {
		fmt.Fprintf(&b, " %q=%s:%q", k, rec.Vals[i].K, rec.Vals[i].Text())
	}
	return b.String()
}

// readChunked reads in as the engine's chunk mode does: chunks cut by the
// reader, each decoded by a decoder (records reused through ReadInto),
// then the rest, if the splitter handed it over, record by record.
func readChunked(t *testing.T, format, in string, size int) []string {
	t.Helper()
	defer func(n int) { ChunkBytes = n }(ChunkBytes)
	ChunkBytes = size
	r, err := NewReader(strings.NewReader(in), "in."+format, format)
	if err != nil {
		return []string{"open: " + err.Error()}
	}
	sp, ok := r.(Splitter)
	if !ok {
		t.Fatalf("%s reader is no Splitter", format)
	}
	dec := sp.NewDecoder()
	var out []string
	rec := &Record{}
	for {
		ch, err := sp.NextChunk()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			return append(out, "error: "+err.Error())
		}
		dec.Reset(ch)
		for {
			err := dec.ReadInto(rec)
			if errors.Is(err, io.EOF) {
				break
			}
			var be *BadRowError
			if errors.As(err, &be) {
				out = append(out, render(dec, be.Rec, be.Reason))
				continue
			}
			if err != nil {
				return append(out, "error: "+err.Error())
			}
			out = append(out, render(dec, rec, ""))
		}
		if ch.Rest != nil {
			return drain(ch.Rest, out)
		}
	}
}

// checkSame fails when reading in by chunks of size bytes differs from
// reading it record by record.
func checkSame(t *testing.T, format, in string, size int) {
	t.Helper()
	want := readSerial(t, format, in)
	got := readChunked(t, format, in, size)
	for i := range max(len(want), len(got)) {
		var w, g string
		if i < len(want) {
			w = want[i]
		}
		if i < len(got) {
			g = got[i]
		}
		if w != g {
			t.Fatalf("%s input %q, chunks of %d bytes: record %d differs\nserial:  %s\nchunked: %s", format, in, size, i+1, w, g)
		}
	}
}

// chunkCases are inputs whose record ends a chunk cut could get wrong.
var chunkCases = []struct{ format, in string }{
	{"csv", "a,b\n1,2\n3,4\n"},
	{"csv", "a,b\r\n1,2\r\n\r\n3,4"},
	{"csv", "a,b\n\"x\ny\",2\n\n\n\"\"\"\n\",\"\"\n5,6\n"},
	{"csv", "a,b\n1,\"unclosed\n2,3\n"},
	{"csv", "a,b\n1,\"x\"junk\n2,3\n"},
	{"csv", "a,b\n1,\"x\"\r\n2,3\n\"q\"\r"},
	{"csv", "a,b\n1\n1,2,3\nx\"y,\"z\"\n"},
	{"csv", "a;b\n\"1;2\";3\n4;\"5\n6\"\n"},
	{"tsv", "a\tb\n\"1\t2\"\t3\n"},
	{"jsonl", "{\"a\":1}\n\n  \n{\"a\":\"x\\ny\"}\n{\"a\":[1,{\"b\":null}]}"},
	{"jsonl", "\ufeff{\"a\":1}\r\n{\"a\":2}\r\n"},
	{"jsonl", "{\"a\":1}\n{\"a\":\n{\"a\":3}\n"},
	{"jsonl", "{\"a\":1,\"b\":2}\n{\"b\":1,\"a\":2}\n{\"a\":1,\"a\":2}\n"},
}

func TestChunkedReadSameAsSerial(t *testing.T) {
	for _, c := range chunkCases {
		for _, size := range []int{1, 2, 3, 5, 8, 13, 64, 1 << 16} {
			checkSame(t, c.format, c.in, size)
		}
	}
}

// TestChunkFallback: a record over ChunkFallbackBytes hands the rest of
// the input to the general reader, which reads it and what follows.
func TestChunkFallback(t *testing.T) {
	defer func(n int) { ChunkFallbackBytes = n }(ChunkFallbackBytes)
	ChunkFallbackBytes = 16
	long := strings.Repeat("x", 40)
	for _, c := range []struct{ format, in string }{
		{"csv", "a,b\n1,2\n\"" + long + "\n" + long + "\",3\n4,5\n"},
		{"jsonl", "{\"a\":1}\n{\"a\":\"" + long + "\"}\n{\"a\":2}\n"},
	} {
		for _, size := range []int{4, 8, 64} {
			checkSame(t, c.format, c.in, size)
		}
	}
}

// FuzzChunkedRead reads random input both ways: record by record and cut
// into chunks of a random size decoded on their own. The records, their
// row and line numbers, malformed rows and the error ending the input
// must be the same.
func FuzzChunkedRead(f *testing.F) {
	for i, c := range chunkCases {
		f.Add(c.format == "jsonl", c.format == "tsv", uint8(i+1), []byte(c.in))
	}
	f.Fuzz(func(t *testing.T, jsonl, tsv bool, size uint8, in []byte) {
		format := "csv"
		switch {
		case jsonl:
			format = "jsonl"
		case tsv:
			format = "tsv"
		}
		checkSame(t, format, string(in), int(size%64)+1)
	})
}

// TestChunkedReadRandom is FuzzChunkedRead's property on seeded random
// inputs built from the characters that decide where records end.
func TestChunkedReadRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 1))
	pieces := []string{`"`, `""`, ",", ";", "\t", "\n", "\r\n", "\r", " ", "x", "yz", "1", "{", "}", "[", "]", ":", `"k"`, "null", "\ufeff", "é"}
	for i := range 600 {
		var b strings.Builder
		switch i % 3 {
		case 0:
			b.WriteString("a,b,c\n")
		case 1:
			b.WriteString("a\tb\n")
		}
		for range rng.IntN(60) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		format := []string{"csv", "tsv", "jsonl"}[i%3]
		checkSame(t, format, b.String(), 1+rng.IntN(40))
	}
}
