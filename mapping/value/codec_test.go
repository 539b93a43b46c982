package value

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func readAll(t *testing.T, format, in string) ([]*Record, error) {
	t.Helper()
	r, err := NewReader(strings.NewReader(in), "in."+format, format)
	if err != nil {
		return nil, err
	}
	var out []*Record
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		if r.Row() != int64(len(out)+1) {
			t.Fatalf("Row() = %d, want %d", r.Row(), len(out)+1)
		}
		out = append(out, rec)
	}
}

func TestCSVRead(t *testing.T) {
	tests := []struct {
		name, in string
		want     [][]string
		err      string
	}{
		{"plain", "a,b\n1,2\n3,4\n", [][]string{{"1", "2"}, {"3", "4"}}, ""},
		{"crlf no final newline", "a,b\r\n1,2\r\n3,4", [][]string{{"1", "2"}, {"3", "4"}}, ""},
		{"quoted", "a,b\n\"x, \"\"y\"\"\",\"\"\n", [][]string{{`x, "y"`, ""}}, ""},
		{"multiline", "a,b\n\"l1\nl2\",z\n", [][]string{{"l1\nl2", "z"}}, ""},
		{"empty cells", "a,b,c\n,,\n", [][]string{{"", "", ""}}, ""},
		{"blank line skipped", "a\n1\n\n2\n", [][]string{{"1"}, {"2"}}, ""},
		{"bom", "\ufeffa,b\n1,2\n", [][]string{{"1", "2"}}, ""},
		{"bare quote kept", "a\nx\"y\n", [][]string{{`x"y`}}, ""},
		{"utf8", "a\nnaïve façade 日本\n", [][]string{{"naïve façade 日本"}}, ""},
		{"too few", "a,b\n1\n", nil, "in.csv:2: row 1: 1 fields where the header has 2"},
		{"junk after quote", "a,b\n\"x\"y,2\n", nil, "in.csv:2:4: unexpected \"y\""},
		{"unclosed", "a\n\"abc\n", nil, "in.csv:2:1: quoted field never closed"},
		{"dup header", "a,a\n", nil, "header names column \"a\" twice"},
		{"empty file", "", nil, "in.csv: empty file"},
		{"binary", "ab\x00\x00\x01\x02\xff\xfe\x00zz\n", nil, "in.csv:1:3: binary data: expected CSV text"},
		{"binary after the header", "a,b\n1,\x00\x00\n", nil, "in.csv:2:3: binary data"},
		{"NUL in a row is data", "a,b\n1,x\x00\n2,y\n", [][]string{{"1", "x\x00"}, {"2", "y"}}, ""},
		{"zip", "PK\x03\x04\x14\x00", nil, "in.csv:1:1: a ZIP archive"},
		// The data reader reads what the schema loader reads (#19 leftovers, item 4):
		// UTF-16 with a byte-order mark is decoded, ; | and tab are sniffed.
		{"utf-16 le", "\xff\xfea\x00,\x00b\x00\n\x001\x00,\x00\xe4\x00\n\x00", [][]string{{"1", "ä"}}, ""},
		{"utf-16 be", "\xfe\xff\x00a\x00;\x00b\x00\n\x001\x00;\x002\x00\n", [][]string{{"1", "2"}}, ""},
		{"utf-16 without a bom", "a\x00,\x00b\x00\n\x001\x00,\x002\x00\n\x00", nil, "in.csv:1:1: UTF-16 text without a byte-order mark"},
		{"semicolon", "kunde;umsatz\nA;\"1.234,50\"\nB;99,00\n", [][]string{{"A", "1.234,50"}, {"B", "99,00"}}, ""},
		{"semicolon ragged", "a;b\n1;2;3\n", nil, "in.csv:2: row 1: 3 fields where the header has 2"},
		{"pipe", "a|b\n1|x,y\n", [][]string{{"1", "x,y"}}, ""},
		{"comma wins a tie", "a;b,c\n1;2,3\n", [][]string{{"1;2", "3"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := readAll(t, "csv", tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != len(tt.want) {
				t.Fatalf("got %d records, want %d", len(recs), len(tt.want))
			}
			for i, rec := range recs {
				for j, w := range tt.want[i] {
					if v := rec.Vals[j]; v.K != String || v.S != w {
						t.Errorf("rec %d cell %d = %#v, want %q", i, j, v, w)
					}
				}
			}
		})
	}
}

func TestCSVWriteMatchesEncodingCSV(t *testing.T) {
	cells := []string{"plain", "", "a,b", `say "hi"`, " lead", "trail ", "l1\nl2", `\.`, "naïve", "=1+2", "x\ry"}
	keys := make([]string, len(cells))
	rec := &Record{}
	for i, c := range cells {
		keys[i] = "k" + string(rune('a'+i))
		rec.Vals = append(rec.Vals, Str(c))
	}
	rec.Keys = keys
	var got, want bytes.Buffer
	// Raw: this compares the quoting alone (formulas: codec_formula_test.go).
	w, err := NewWriterWith(&got, "csv", keys, WriterOptions{RawCSV: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	w.Close()
	cw := csv.NewWriter(&want)
	cw.Write(keys)
	cw.Write(cells)
	cw.Flush()
	if got.String() != want.String() {
		t.Fatalf("got\n%s\nwant\n%s", got.String(), want.String())
	}
	// And it reads back.
	recs, err := readAll(t, "csv", got.String())
	if err != nil || len(recs) != 1 || !recs[0].Equal(rec) {
		t.Fatalf("read back %v %v", recs, err)
	}
}

func TestCSVWriteTyped(t *testing.T) {
	keys := []string{"i", "d", "n", "a", "o.x", "arr"}
	inner := &Record{Keys: []string{"x"}, Vals: []Value{IntV(7)}}
	rec := &Record{Keys: []string{"i", "d", "n", "a", "o", "arr"}, Vals: []Value{
		IntV(-3), Dec(decimal.RequireFromString("99325.10")), NullV(), {}, {K: Object, Obj: inner},
		{K: Array, Arr: []Value{Str("a,b"), IntV(1)}},
	}}
	var b bytes.Buffer
	w, _ := NewWriter(&b, "csv", keys)
	w.Write(rec)
	want := "i,d,n,a,o.x,arr\n-3,99325.1,,,7,\"[\"\"a,b\"\",1]\"\n"
	if b.String() != want {
		t.Fatalf("got %q want %q", b.String(), want)
	}
}

func TestJSONLRead(t *testing.T) {
	in := `{"a":"x","b":null,"c":""}
{"b":1,"a":"\u00e9\n\ud83d\ude00","d":12.50,"e":[1,{"f":true}],"g":-7,"h":123456789012345678901234}

{"a":"y","b":2,"c":"z"}
{"a":"w","b":3,"c":"v"}
`
	recs, err := readAll(t, "jsonl", in)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 {
		t.Fatalf("%d records", len(recs))
	}
	r0 := recs[0]
	if !r0.Get("a").Equal(Str("x")) || !r0.Get("b").IsNull() || !r0.Get("c").IsEmpty() || !r0.Get("zz").IsAbsent() {
		t.Errorf("rec 0 = %+v", r0)
	}
	r1 := recs[1]
	if r1.Get("c").K != Absent || r1.Get("b").K != Int || r1.Get("a").S != "é\n😀" {
		t.Errorf("rec 1 = %+v", r1)
	}
	if d := r1.Get("d"); d.K != Decimal || d.D.String() != "12.5" {
		t.Errorf("d = %+v", d)
	}
	if e := r1.Get("e"); e.K != Array || len(e.Arr) != 2 || e.Arr[1].Obj.Get("f").K != Bool {
		t.Errorf("e = %+v", e)
	}
	if h := r1.Get("h"); h.K != Decimal || h.D.String() != "123456789012345678901234" {
		t.Errorf("h = %+v", h)
	}
	if g := r1.Get("g"); g.K != Int || g.I != -7 {
		t.Errorf("g = %+v", g)
	}
	// Same key order: records share Keys.
	if &recs[3].Keys[0] != &recs[2].Keys[0] {
		t.Errorf("records with the same keys do not share Keys")
	}
}

func TestJSONErrors(t *testing.T) {
	tests := []struct{ format, in, err string }{
		{"jsonl", "{\"a\":1}\n{\"a\":}\n", "in.jsonl:2:6: want a JSON value"},
		{"jsonl", "{\"a\":1} x\n", "in.jsonl:1:9: want the end of the line"},
		{"jsonl", "[1]\n", "in.jsonl:1:1: want '{'"},
		{"jsonl", "{\"a\":\"abc\n", "in.jsonl:1"},
		{"jsonl", "{\"a\":01}\n", "malformed number"},
		{"jsonl", strings.Repeat("[", 600), "want '{'"},
		{"jsonl", "{\"a\":" + strings.Repeat("[", 600) + "\n", "nesting deeper"},
		// A line cut short reports where it ended, with or without its newline.
		{"jsonl", "{\"id\":\"1\"}\n{\"id\":\"2\"\n", "in.jsonl:2:10: want ',' or '}' in an object, found end of input"},
		{"jsonl", "{\"id\":\"1\"}\n{\"id\":\"2\"", "in.jsonl:2:10: want ',' or '}' in an object, found end of input"},
		{"jsonl", "{\"id\":\"1\"}\r\n{\"id\":\"2\"\r\n", "in.jsonl:2:10: want ',' or '}' in an object, found end of input"},
		{"jsonl", "{\"id\":\"2\",\n", "in.jsonl:1:11: want a quoted key, found end of input"},
		{"jsonl", "{\"id\":\n{}\n", "in.jsonl:1:7: want a value, found end of input"},
		// Duplicate keys are an error at the second occurrence.
		{"jsonl", "{\"id\":\"2\",\"id\":\"9\"}\n", "in.jsonl:1:11: duplicate key \"id\""},
		{"jsonl", "{\"id\":\"1\",\"n\":1}\n{\"id\":\"2\",\"id\":\"9\"}\n", "in.jsonl:2:11: duplicate key \"id\""},
		{"jsonl", "{\"id\":\"1\",\"n\":1}\n{\"id\":\"2\",\"n\":2,\"id\":\"9\"}\n", "in.jsonl:2:17: duplicate key \"id\""},
		{"jsonl", "{\"id\":1,\"\\u0069d\":2}\n", "in.jsonl:1:9: duplicate key \"id\""},
		{"jsonl", "{\"o\":{\"a\":1,\"a\":2}}\n", "in.jsonl:1:13: duplicate key \"a\""},
		{"jsonl", manyKeys(40, "k7") + "\n", "duplicate key \"k7\""},
		{"json", "[{\"a\":1},\n {\"b\":1,\"b\":2}]", "in.json:2:9: duplicate key \"b\""},
		{"json", "{}", "in.json:1:1: want '['"},
		{"json", "[{\"a\":1},\n {\"a\":2} {}]", "in.json:2:10: want ',' or ']'"},
	}
	for _, tt := range tests {
		_, err := readAll(t, tt.format, tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%q: err = %v, want %q", tt.in, err, tt.err)
		}
	}
}

// manyKeys is a JSON object with keys k0..k(n-1), then one more key dup.
func manyKeys(n int, dup string) string {
	var b strings.Builder
	b.WriteByte('{')
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "\"k%d\":%d,", i, i)
	}
	fmt.Fprintf(&b, "%q:0}", dup)
	return b.String()
}

func TestJSONLDistinctKeysRead(t *testing.T) {
	// Many distinct keys (past the linear scan) and repeated key order.
	in := manyKeys(40, "last") + "\n" + manyKeys(40, "last") + "\n" + manyKeys(40, "other") + "\n"
	recs, err := readAll(t, "jsonl", in)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || len(recs[2].Keys) != 41 || recs[2].Keys[40] != "other" {
		t.Fatalf("records %v", recs)
	}
}

func TestJSONArrayRead(t *testing.T) {
	recs, err := readAll(t, "json", `[{"a":"1"}, {"a":null}, {}]`)
	if err != nil || len(recs) != 3 || !recs[1].Get("a").IsNull() || !recs[2].Get("a").IsAbsent() {
		t.Fatalf("%v %v", recs, err)
	}
	recs, err = readAll(t, "json", ` [ ] `)
	if err != nil || len(recs) != 0 {
		t.Fatalf("%v %v", recs, err)
	}
}

func TestJSONLWrite(t *testing.T) {
	inner := &Record{Keys: []string{"x"}, Vals: []Value{Str("<&>")}}
	rec := &Record{Keys: []string{"s", "n", "a", "i", "d", "f", "o", "e", "u"}, Vals: []Value{
		Str("q\"\\\n\t\x01\u2028é"), NullV(), {}, IntV(12), Dec(decimal.New(53263970, -3)), FloatV(0.1),
		{K: Object, Obj: inner}, Str(""), Str("bad\xffutf"),
	}}
	var b bytes.Buffer
	w, _ := NewWriter(&b, "jsonl", nil)
	w.Write(rec)
	want := `{"s":"q\"\\\n\t\u0001\u2028é","n":null,"i":12,"d":53263.97,"f":0.1,"o":{"x":"<&>"},"e":"","u":"bad�utf"}` + "\n"
	if b.String() != want {
		t.Fatalf("got  %s\nwant %s", b.String(), want)
	}
	back, err := readAll(t, "jsonl", b.String())
	if err != nil || !back[0].Get("n").IsNull() || !back[0].Get("a").IsAbsent() || !back[0].Get("e").IsEmpty() {
		t.Fatalf("%v %v", back, err)
	}
}

func TestXLSXRoundTrip(t *testing.T) {
	keys := []string{"name", "n", "empty", "formula"}
	var b bytes.Buffer
	w, err := NewWriter(&b, "xlsx", keys)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(&Record{Keys: keys, Vals: []Value{Str("Zoë"), IntV(42), NullV(), Str("=1+2")}})
	w.Write(&Record{Keys: keys, Vals: []Value{Str("b"), IntV(-1), Str(""), Str("x")}})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	recs, err := readAll(t, "xlsx", b.String())
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].Get("name").S != "Zoë" || recs[0].Get("n").S != "42" || !recs[0].Get("empty").IsEmpty() || recs[0].Get("formula").S != "=1+2" {
		t.Fatalf("%+v", recs)
	}
}

func TestFormatFromPath(t *testing.T) {
	for in, want := range map[string]string{"a.csv": "csv", "B.TSV": "tsv", "x.jsonl": "jsonl", "x.ndjson": "jsonl", "x.json": "json", "b.xlsx#S": "xlsx", "x.txt": ""} {
		if got := FormatFromPath(in); got != want {
			t.Errorf("%s: %q want %q", in, got, want)
		}
	}
}

func FuzzCSVReader(f *testing.F) {
	f.Add("a,b\n1,2\n\"x\ny\",\"\"\"\"\n")
	f.Add("a\n\"")
	f.Fuzz(func(t *testing.T, in string) {
		r, err := NewReader(strings.NewReader(in), "f.csv", "csv")
		if err != nil {
			return
		}
		for i := 0; i < 1000; i++ {
			if _, err := r.Read(); err != nil {
				return
			}
		}
	})
}

func FuzzJSONLReader(f *testing.F) {
	f.Add("{\"a\":1,\"b\":[null,true,\"\\u00e9\"]}\n{}\n")
	f.Add("{\"a\":1e400}")
	f.Fuzz(func(t *testing.T, in string) {
		r, _ := NewReader(strings.NewReader(in), "f.jsonl", "jsonl")
		for i := 0; i < 1000; i++ {
			rec, err := r.Read()
			if err != nil {
				return
			}
			// What was read writes and reads back the same.
			var b bytes.Buffer
			w, _ := NewWriter(&b, "jsonl", nil)
			w.Write(rec)
			text := b.String()
			back, err := NewReader(&b, "back.jsonl", "jsonl")
			if err != nil {
				t.Fatal(err)
			}
			got, err := back.Read()
			if err != nil {
				t.Fatalf("re-read %q: %v", text, err)
			}
			if again, _ := got.MarshalJSON(); string(again)+"\n" != text {
				t.Fatalf("round trip changed %q to %q", text, again)
			}
		}
	})
}

func TestAppendDecimalMatchesString(t *testing.T) {
	for _, s := range []string{"0", "-0", "1", "99325.10", "0.10", "0.5", "-0.05", "123.00", "1e3", "-1.5e2", "123456789012345678", "1234567890123456789.5",
		"0.000000000000000001", "0.0000000000000000001", "9223372036854775807", "-9223372036854775808", "1e18", "12e17", "3.14159265358979323846"} {
		d := decimal.RequireFromString(s)
		if got := string(appendDecimal(nil, d)); got != d.String() {
			t.Errorf("%s: %q, want %q", s, got, d.String())
		}
	}
	for _, d := range []decimal.Decimal{decimal.New(9932510, -2), decimal.New(5, 3), decimal.New(-120, -1), decimal.New(0, -5)} {
		if got := string(appendDecimal(nil, d)); got != d.String() {
			t.Errorf("%v: %q, want %q", d, got, d.String())
		}
	}
}

func TestJSONArrayWrite(t *testing.T) {
	var b bytes.Buffer
	w, _ := NewWriter(&b, "json", nil)
	w.Close()
	if b.String() != "[]\n" {
		t.Fatalf("%q", b.String())
	}
	b.Reset()
	w, _ = NewWriter(&b, "json", nil)
	w.Write(&Record{Keys: []string{"a"}, Vals: []Value{IntV(1)}})
	w.Write(&Record{Keys: []string{"a"}, Vals: []Value{NullV()}})
	w.Close()
	if b.String() != "[\n{\"a\":1},\n{\"a\":null}\n]\n" {
		t.Fatalf("%q", b.String())
	}
	recs, err := readAll(t, "json", b.String())
	if err != nil || len(recs) != 2 || !recs[1].Get("a").IsNull() {
		t.Fatalf("%v %v", recs, err)
	}
}

// TestJSONLLinesAndUTF16: JSON Lines readers say where each record
// starts (blank lines are not records), and UTF-16 with a byte-order
// mark is decoded as for CSV (#19 leftovers, item 4).
func TestJSONLLinesAndUTF16(t *testing.T) {
	in := "{\"a\": 1}\n\n\n{\"a\": \"ä\"}\n"
	u16 := []byte{0xFF, 0xFE}
	for _, r := range in {
		u16 = append(u16, byte(r), byte(r>>8))
	}
	// ... and so do JSON arrays, one object per line or not.
	arr := "[{\"a\": 1},\n\n\n  {\"a\": \"ä\"}]\n"
	for i, data := range []string{in, string(u16), arr} {
		format := FormatJSONL
		if i == 2 {
			format = FormatJSON
		}
		r, err := NewReader(strings.NewReader(data), "in."+format, format)
		if err != nil {
			t.Fatal(err)
		}
		lr, ok := r.(LineReader)
		if !ok {
			t.Fatal("the JSONL reader does not tell lines")
		}
		var lines []int64
		var last string
		for {
			rec, err := r.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			lines = append(lines, lr.Line())
			last = rec.Get("a").S
		}
		if len(lines) != 2 || lines[0] != 1 || lines[1] != 4 || last != "ä" {
			t.Errorf("lines %v, last %q; want [1 4], ä", lines, last)
		}
	}
}

// TestPathDottedKey: a key that holds a dot is read whole where the path's
// first segment is no object, or where the nested path finds nothing.
func TestPathDottedKey(t *testing.T) {
	r := NewRecord([]string{"Weight.kg", "meta", "meta.key"})
	inner := NewRecord([]string{"n"})
	inner.Vals[0] = IntV(7)
	r.Vals[0], r.Vals[1], r.Vals[2] = Str("70.5"), Value{K: Object, Obj: inner}, Str("k1")
	for path, want := range map[string]string{"Weight.kg": "70.5", "meta.n": "7", "meta.key": "k1", "Nope.x": "(absent)"} {
		got := r.Path(path)
		txt := got.Text()
		if got.IsMissing() {
			txt = "(absent)"
		}
		if txt != want {
			t.Errorf("Path(%q) = %s, want %s", path, txt, want)
		}
	}
}
