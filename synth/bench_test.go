package synth

import (
	"context"
	"io"
	"strconv"
	"testing"
	"time"

	"github.com/brianvoe/gofakeit/v6"
)

// BenchmarkGenerateOrders measures generation only (Next) for the bench
// "orders" schema of WORKLOAD.md, realistic profile, 5% edge rate.
func BenchmarkGenerateOrders(b *testing.B) {
	g, err := NewGenerator(ordersSchema(), Plan{Rows: int64(b.N), EdgeRate: 0.05, Profile: Realistic}, 20240601)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for {
		r, ok := g.Next()
		if !ok {
			break
		}
		n += len(r.Rec.Vals)
	}
	if n != 15*b.N {
		b.Fatalf("%d values", n)
	}
}

// BenchmarkFillOrders is BenchmarkGenerateOrders through Fill, the
// allocation-free path that Write uses.
func BenchmarkFillOrders(b *testing.B) {
	g, err := NewGenerator(ordersSchema(), Plan{Rows: int64(b.N), EdgeRate: 0.05, Profile: Realistic}, 20240601)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	var r Row
	n := 0
	for g.Fill(&r) {
		n += len(r.Rec.Vals)
	}
	if n != 15*b.N {
		b.Fatalf("%d values", n)
	}
}

// BenchmarkGofakeitOrders is the baseline: the plain gofakeit calls of
// /work/shared/bench/gen for the same 15 fields (its Next, without the
// deliberately bad values), in the same process.
func BenchmarkGofakeitOrders(b *testing.B) {
	f := gofakeit.NewUnlocked(20240601)
	lo := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	hi := time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
	currencies := []string{"usd", "eur", "gbp", "jpy", "cad", "Usd", "eur "}
	statuses := []string{"P", "P", "S", "S", "S", "S", "C"}
	discounts := []string{"0.05", "0.10", "0.15", "0.25", "0.5", "0"}
	b.ReportAllocs()
	b.ResetTimer()
	sink := 0
	for i := 1; i <= b.N; i++ {
		rec := []string{
			strconv.Itoa(i), strconv.Itoa(f.IntRange(1, 500000)), f.FirstName(), f.LastName(), f.Email(),
			f.PhoneFormatted(), f.DateRange(lo, hi).Format("01/02/2006"), strconv.Itoa(f.IntRange(1, 9999999)),
			f.RandomString(currencies), f.RandomString(statuses), f.Country(), f.Sentence(f.IntRange(3, 10)),
			f.DateRange(lo, hi).Format("01/02/2006"), strconv.Itoa(f.IntRange(1, 20)), f.RandomString(discounts),
		}
		sink += len(rec[11])
	}
	if sink < 0 {
		b.Fatal(sink)
	}
}

// BenchmarkWriteOrdersCSV measures generation plus CSV encoding.
func BenchmarkWriteOrdersCSV(b *testing.B) {
	b.ReportAllocs()
	err := Write(context.Background(), ordersSchema(), Plan{Rows: int64(b.N), EdgeRate: 0.05}, 20240601, io.Discard, "csv", nil, nil)
	if err != nil {
		b.Fatal(err)
	}
}
