package schema

import (
	"bufio"
	"testing"
)

func TestCSVInference(t *testing.T) {
	cases := []struct {
		name, data string
		opts       Options
		wants      []want
	}{
		{"types", "i,d,f,b,dt,ts,tz,u,e,s,t\n" +
			"1,1.50,1e3,true,2024-01-31,2024-01-31 10:00:00,2024-01-31T10:00:00Z,6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f,a@b.io,hello,10:30\n" +
			"-20,12.5,2.5,FALSE,2024-02-29,2024-02-01 11:00:00,2024-02-01T11:00:00+02:00,0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d,c@d.org,wörld!,23:59:59\n",
			Options{}, []want{
				{path: "i", typ: Integer, req: yes, nul: no},
				{path: "d", typ: Decimal, prec: 4, scale: 2},
				{path: "f", typ: Float},
				{path: "b", typ: Boolean},
				{path: "dt", typ: Date, format: "date:2006-01-02"},
				{path: "ts", typ: Timestamp, format: "datetime:2006-01-02 15:04:05"},
				{path: "tz", typ: TimestampTZ},
				{path: "u", typ: UUID},
				{path: "e", typ: String, format: "email"},
				{path: "s", typ: String, maxLen: -1, observed: 6},
				{path: "t", typ: Time},
			}},
		{"date layouts", "us,eu,dot\n01/31/2024,31/01/2024,31.01.2024\n12/01/2023,13/12/2023,01.02.2023\n", Options{}, []want{
			{path: "us", typ: Date, format: "date:01/02/2006"},
			{path: "eu", typ: Date, format: "date:02/01/2006"},
			{path: "dot", typ: Date, format: "date:02.01.2006"},
		}},
		{"codes keep leading zeros", "zip,acct,n,phone\n02119,000123,5,4155550100\n10001,123456,6,4155550101\n", Options{}, []want{
			{path: "zip", typ: String, maxLen: -1, observed: 5, format: "code"},
			{path: "acct", typ: String, format: "code"},
			{path: "n", typ: Integer},
			{path: "phone", typ: String, format: "phone"},
		}},
		{"nullability and absent cells", "a,b,c\n1,,x\n2,NULL\n3,4,z\n", Options{}, []want{
			{path: "a", typ: Integer, req: yes, nul: no},
			{path: "b", typ: Integer, req: yes, nul: yes},
			{path: "c", typ: String, req: no, nul: no},
		}},
		{"semicolon and BOM", "\xEF\xBB\xBFname;amount\n\"x;y\";\"1,5\"\nz;2\n", Options{}, []want{
			{path: "name", typ: String, maxLen: -1, observed: 3, line: 1},
			{path: "amount", typ: Decimal, prec: 2, scale: 1, format: "number:,"},
		}},
		{"quoted newlines keep line numbers", "a,b\n\"line1\nline2\",1\nc,2\n", Options{}, []want{
			{path: "a", typ: String, maxLen: -1, observed: 11},
			{path: "b", typ: Integer},
		}},
		{"pipe", "a|b\n1|x\n", Options{}, []want{{path: "a", typ: Integer}, {path: "b", typ: String}}},
		{"bounded sample", "a\n1\n2\nnot-a-number\n", Options{SampleRows: 2}, []want{{path: "a", typ: Integer}}},
		{"all empty column", "a,b\n1,\n2,\n", Options{}, []want{{path: "b", typ: String, nul: yes}}},
		{"header only", "a,b\n", Options{}, []want{{path: "a", typ: String, nul: no}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := mustParse(t, "t.csv", c.data, c.opts)
			for _, w := range c.wants {
				checkField(t, s, w)
			}
		})
	}
	s := mustParse(t, "t.tsv", "a\tb c\n1\tx \"quoted\" here\n", Options{})
	checkField(t, s, want{path: "b c", typ: String})
}

func TestCSVErrors(t *testing.T) {
	cases := []struct {
		name, data string
		parts      []string
	}{
		{"empty", "", []string{"e.csv:1:1", "empty file"}},
		{"blank", "\n\n  \n", []string{"e.csv:1:1", "empty file"}},
		{"binary", "PK\x03\x04\x00\x00garbage", []string{"e.csv", "binary"}},
		{"row too long", "a,b\n1,2\n1,2,3\n", []string{"e.csv:3:", "3 fields, the header has 2"}},
		{"bare quote", "a,b\n1,x\"y\n", []string{"e.csv:2:", "invalid CSV", "quote"}},
		{"unterminated quote", "a,b\n1,\"open\n", []string{"e.csv:2:", "invalid CSV"}},
		{"duplicate header", "a,b,a\n1,2,3\n", []string{"e.csv:1:5", "duplicate column name \"a\""}},
		{"utf16 without a BOM", "a\x00,\x00b\x00\n\x001\x00,\x002\x00\n\x00", []string{"e.csv", "UTF-16 text without a byte-order mark"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("e.csv", []byte(c.data), Options{Format: "csv"})
			wantErr(t, err, c.parts...)
		})
	}
}

// endless yields CSV rows forever: a loader that read the whole input
// would never return.
type endless struct {
	started bool
	pending []byte
}

func (e *endless) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(e.pending) == 0 {
			e.pending = []byte("12345,hello world,2024-01-02,3.14\n")
			if !e.started {
				e.pending, e.started = []byte("id,text,day,x\n"), true
			}
		}
		c := copy(p[n:], e.pending)
		e.pending = e.pending[c:]
		n += c
	}
	return n, nil
}

func TestCSVBoundedOnEndlessInput(t *testing.T) {
	src := &source{name: "endless.csv", format: "csv", opts: Options{SampleRows: 5000}}
	s, err := loadCSV(src, bufio.NewReaderSize(&endless{}, 4096), -1)
	if err != nil {
		t.Fatal(err)
	}
	checkField(t, s, want{path: "day", typ: Date})
	checkField(t, s, want{path: "x", typ: Decimal, scale: 2})
}
