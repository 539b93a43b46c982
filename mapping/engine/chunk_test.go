package engine

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/value"
)

// serialReader hides a reader's value.Splitter: Run reads it record by
// record, the general path.
type serialReader struct{ r value.RecordReader }

func (s serialReader) Read() (*value.Record, error)     { return s.r.Read() }
func (s serialReader) Row() int64                       { return s.r.Row() }
func (s serialReader) Line() int64                      { return s.r.(value.LineReader).Line() }
func (s serialReader) ReadInto(rec *value.Record) error { return s.r.(value.ReaderInto).ReadInto(rec) }

// runBoth runs p over in (format csv or jsonl) on one goroutine reading
// records one by one (the general path), and on one and on three workers
// where the input is cut into chunks of size bytes that are decoded on
// their own; output, rejects, counts and error must be the same.
func runBoth(t *testing.T, p *Program, format string, in []byte, size int) {
	t.Helper()
	defer func(n int) { value.ChunkBytes = n }(value.ChunkBytes)
	value.ChunkBytes = size
	run := func(workers int, serial bool) string {
		r, err := value.NewReader(bytes.NewReader(in), "in."+format, format)
		if err != nil {
			return "open: " + err.Error()
		}
		if serial {
			r = serialReader{r}
		}
		var out, rej bytes.Buffer
		w, err := value.NewWriter(&out, format, p.TargetKeys())
		if err != nil {
			t.Fatal(err)
		}
		st, err := Run(context.Background(), p, r, w, &rej, RunOptions{Workers: workers})
		return fmt.Sprintf("stats %+v\nerror %v\nout:\n%s\nrejects:\n%s", st, err, out.String(), rej.String())
	}
	serial := run(1, true)
	for _, workers := range []int{1, 3} {
		compare(t, format, size, serial, run(workers, false))
	}
}

func compare(t *testing.T, format string, size int, serial, chunked string) {
	t.Helper()
	if serial != chunked {
		sl, cl := strings.Split(serial, "\n"), strings.Split(chunked, "\n")
		for i := range min(len(sl), len(cl)) {
			if sl[i] != cl[i] {
				t.Fatalf("%s, chunks of %d bytes: line %d differs\nserial:  %s\nchunked: %s", format, size, i+1, sl[i], cl[i])
			}
		}
		t.Fatalf("%s, chunks of %d bytes: %d lines serial, %d chunked", format, size, len(sl), len(cl))
	}
}

// TestRunChunkedSameAsSerial runs the peer workload's 10,000-row slice
// both ways with chunks small and large.
func TestRunChunkedSameAsSerial(t *testing.T) {
	p := benchProgram(t)
	for _, format := range []string{"csv", "jsonl"} {
		in := gunzip(t, benchDir+"orders10k."+format+".gz")
		for _, size := range []int{1, 777, 1 << 16} {
			runBoth(t, p, format, in, size)
		}
	}
}

const benchHeader = "order_id,customer_id,first_name,last_name,email,phone,order_date,amount_cents,currency,status,country,notes,ship_date,qty,discount\n"

// FuzzRunChunked runs random rows of the workload's source through its
// mapping both ways (see runBoth): as CSV after the workload's header, or
// as JSON Lines.
func FuzzRunChunked(f *testing.F) {
	csv10 := gunzip(f, benchDir+"orders10k.csv.gz")
	jsonl10 := gunzip(f, benchDir+"orders10k.jsonl.gz")
	firstLines := func(b []byte, n int) []byte {
		end := 0
		for i := 0; i < n && end < len(b); i++ {
			if j := bytes.IndexByte(b[end:], '\n'); j >= 0 {
				end += j + 1
			} else {
				end = len(b)
			}
		}
		return b[:end]
	}
	f.Add(false, uint16(100), bytes.TrimPrefix(firstLines(csv10, 40), []byte(benchHeader)))
	f.Add(true, uint16(300), firstLines(jsonl10, 30))
	f.Add(false, uint16(7), []byte("1,2,a,b,X@Y.Z,1,01/02/2020,100,usd,P,fr,\"n\nn\",,1,\n2,3,\"\"\"q\",b,e,p,13/13/2020,x,eur,S,de,,01/01/2020,2,0.5\n\n3,x\n"))
	f.Add(true, uint16(5), []byte("{\"order_id\":\"1\",\"qty\":\"2\",\"discount\":null}\n\n{\"order_id\":2,\"amount_cents\":\"12\"}\n{\"order_id\":\n"))
	p := benchProgram(f)
	f.Fuzz(func(t *testing.T, jsonl bool, size uint16, in []byte) {
		format := "jsonl"
		if !jsonl {
			format = "csv"
			in = append([]byte(benchHeader), in...)
		}
		runBoth(t, p, format, in, int(size%2048)+1)
	})
}

// mutate returns b with n random edits drawn from the characters that
// matter to record ends and values: quotes, delimiters, line ends, white
// space, braces, and bytes deleted or repeated.
func mutate(rng *rand.Rand, b []byte, n int) []byte {
	b = bytes.Clone(b)
	pieces := []string{`"`, `""`, ",", "\n", "\r\n", "\r", " ", "\n\n", "{", "}", `\`, ":", "null", "é", "\x00"}
	for range n {
		if len(b) == 0 {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
			continue
		}
		i := rng.IntN(len(b))
		switch rng.IntN(3) {
		case 0:
			b = append(b[:i], append([]byte(pieces[rng.IntN(len(pieces))]), b[i:]...)...)
		case 1:
			j := min(len(b), i+1+rng.IntN(8))
			b = append(b[:i], b[j:]...)
		default:
			j := min(len(b), i+1+rng.IntN(40))
			b = append(b[:j], append(bytes.Clone(b[i:j]), b[j:]...)...)
		}
	}
	return b
}

// TestRunChunkedRandom is FuzzRunChunked's property on inputs drawn from
// a seeded generator: slices of the workload mutated at random, chunked
// at random sizes.
func TestRunChunkedRandom(t *testing.T) {
	p := benchProgram(t)
	rng := rand.New(rand.NewPCG(18, 2))
	data := map[string][]byte{
		"csv":   gunzip(t, benchDir+"orders10k.csv.gz"),
		"jsonl": gunzip(t, benchDir+"orders10k.jsonl.gz"),
	}
	n := 300
	if testing.Short() {
		n = 60
	}
	for i := range n {
		format := []string{"csv", "jsonl"}[i%2]
		all := data[format]
		start := rng.IntN(len(all) - 8000)
		if format == "csv" {
			start += bytes.IndexByte(all[start:], '\n') + 1
		}
		in := mutate(rng, all[start:start+rng.IntN(6000)], rng.IntN(12))
		if format == "csv" {
			in = append([]byte(benchHeader), in...)
		}
		runBoth(t, p, format, in, 1+rng.IntN(700))
	}
}
