package spill

import (
	"errors"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/value"
	"github.com/shopspring/decimal"
)

func sample() *value.Record {
	big1, _ := new(big.Int).SetString("-123456789012345678901234567890", 10)
	ny := time.FixedZone("EST", -5*3600)
	inner := &value.Record{Keys: []string{"city", "zip"}, Vals: []value.Value{value.Str("Köln"), value.NullV()}}
	return &value.Record{
		Keys: []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p"},
		Vals: []value.Value{
			{}, value.NullV(), value.Str(""), value.Str("x\x00y"), value.IntV(-42), value.BoolV(true),
			value.FloatV(3.25), value.Dec(decimal.RequireFromString("1.50")), value.Dec(decimal.NewFromBigInt(big1, -7)),
			{K: value.Date, T: time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)},
			{K: value.Time, T: time.Date(0, 1, 1, 13, 5, 6, 789, time.UTC)},
			{K: value.TimestampTZ, T: time.Date(2023, 11, 5, 1, 30, 0, 5, ny)},
			{K: value.Bytes, S: "\xff\x00"},
			{K: value.Object, Obj: inner},
			{K: value.Array, Arr: []value.Value{value.IntV(1), {K: value.Array, Arr: []value.Value{}}, {K: value.Array}}},
			{K: value.Object},
		},
	}
}

func TestRoundTrip(t *testing.T) {
	var ks Keys
	in := sample()
	b := AppendRecord(nil, &ks, in)
	b = AppendRecord(b, &ks, nil)
	d := Decoder{B: b}
	out := d.Record(&ks)
	if d.Err != nil {
		t.Fatal(d.Err)
	}
	if nilRec := d.Record(&ks); nilRec != nil || len(d.B) != 0 {
		t.Fatalf("nil record: %v, %d bytes left", nilRec, len(d.B))
	}
	if !reflect.DeepEqual(out.Keys, in.Keys) || len(out.Vals) != len(in.Vals) {
		t.Fatalf("keys %v", out.Keys)
	}
	for i := range in.Vals {
		a, b := in.Vals[i], out.Vals[i]
		if a.K != b.K || check.Render(a) != check.Render(b) {
			t.Errorf("%s: %v (%s) -> %v (%s)", in.Keys[i], a.K, check.Render(a), b.K, check.Render(b))
		}
	}
	if !out.Vals[7].D.Equal(in.Vals[7].D) || out.Vals[7].D.Exponent() != -2 {
		t.Errorf("decimal 1.50 came back as %s (exp %d)", out.Vals[7].D, out.Vals[7].D.Exponent())
	}
	if !out.Vals[8].D.Equal(in.Vals[8].D) {
		t.Errorf("big decimal %s came back as %s", in.Vals[8].D, out.Vals[8].D)
	}
	if !out.Vals[11].T.Equal(in.Vals[11].T) {
		t.Errorf("timestamptz %v came back as %v", in.Vals[11].T, out.Vals[11].T)
	}
	if out.Vals[14].Arr[2].Arr != nil || out.Vals[14].Arr[1].Arr == nil {
		t.Errorf("nil and empty arrays differ: %#v", out.Vals[14].Arr)
	}
	// Truncated input is an error, never a panic.
	for n := range len(b) - 1 {
		d := Decoder{B: b[:n]}
		d.Record(&ks)
		if n > 0 && d.Err == nil {
			t.Fatalf("%d of %d bytes decoded without error", n, len(b))
		}
	}
}

func TestKeysShared(t *testing.T) {
	var ks Keys
	a := []string{"x", "y"}
	b := []string{"x", "y"}
	if ks.ID(a) != 0 || ks.ID(b) != 0 || ks.ID([]string{"y"}) != 1 || ks.ID(a) != 0 {
		t.Fatal("same keys must share one id")
	}
}

func TestFile(t *testing.T) {
	dir := t.TempDir()
	f, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("the open file is still listed: %v", left)
	}
	want := [][]byte{[]byte("one"), {}, make([]byte, 70000), []byte("four")}
	for _, w := range want {
		if err := f.Append(w); err != nil {
			t.Fatal(err)
		}
	}
	// Reads before Finish see what was appended.
	if got, err := f.Get(0, nil); err != nil || string(got) != "one" {
		t.Fatalf("Get(0) before Finish = %q, %v", got, err)
	}
	if _, err := f.Scan(); err == nil {
		t.Error("Scan before Finish must fail")
	}
	if err := f.Finish(); err != nil {
		t.Fatal(err)
	}
	if f.Append(nil) == nil {
		t.Error("Append after Finish must fail")
	}
	for i := len(want) - 1; i >= 0; i-- {
		got, err := f.Get(i, nil)
		if err != nil || !reflect.DeepEqual(got, want[i]) && len(got)+len(want[i]) > 0 {
			t.Fatalf("Get(%d) = %d bytes, %v", i, len(got), err)
		}
	}
	if _, err := f.Get(4, nil); err == nil {
		t.Error("Get past the end must fail")
	}
	sc, err := f.Scan()
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		got, err := sc.Next()
		if err != nil || len(got) != len(want[i]) {
			t.Fatalf("Scan %d: %d bytes, %v", i, len(got), err)
		}
	}
	if _, err := sc.Next(); !errors.Is(err, io.EOF) {
		t.Errorf("after the last entry: %v", err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Get(0, nil); !errors.Is(err, ErrClosed) {
		t.Errorf("Get after Close: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}
