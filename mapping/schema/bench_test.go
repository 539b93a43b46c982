package schema

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func benchParse(b *testing.B, name string, data []byte, opts Options) {
	b.Helper()
	if opts.ReadFile == nil {
		opts.ReadFile = noDisk
	}
	if _, err := Parse(name, data, opts); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Parse(name, data, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func benchFixture(b *testing.B, rel string) []byte {
	data, err := os.ReadFile(filepath.Join(fixtures(b), filepath.FromSlash(rel)))
	if err != nil {
		b.Fatal(err)
	}
	return data
}

func BenchmarkLoadJSONSchema10kFields(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`{"type":"object","required":["f0"],"properties":{`)
	for i := 0; i < 10000; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, "\n\"f%d\":{\"type\":[\"null\",\"string\"],\"maxLength\":%d,\"description\":\"field %d\"}", i, i+1, i)
	}
	sb.WriteString("}}")
	benchParse(b, "big.json", []byte(sb.String()), Options{})
}

func BenchmarkLoadJSONSchemaOrders(b *testing.B) {
	files := map[string]string{"common/address.schema.json": string(benchFixture(b, "common/address.schema.json"))}
	benchParse(b, "orders.schema.json", benchFixture(b, "orders.schema.json"), Options{ReadFile: memFS(files)})
}

func BenchmarkLoadOpenAPIStripeInvoice(b *testing.B) {
	benchParse(b, "stripe.json#invoice", benchFixture(b, "realworld/stripe/stripe-openapi-2022-04-12-customer-invoice.json"), Options{Format: "openapi"})
}

func csvRows(n int) []byte {
	var sb strings.Builder
	sb.WriteString("id,email,zip,amount,created_at,active,note\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&sb, "%d,user%d@example.com,%05d,%d.%02d,2024-01-%02d 10:%02d:00,%v,\"note, %d\"\n", i, i, i%100000, i, i%100, i%28+1, i%60, i%2 == 0, i)
	}
	return []byte(sb.String())
}

// BenchmarkLoadCSV10kRows infers from a full default sample (10,000 rows).
func BenchmarkLoadCSV10kRows(b *testing.B) {
	benchParse(b, "big.csv", csvRows(10000), Options{})
}

// BenchmarkLoadCSV100kRowsBounded shows the cost is bounded by the sample:
// 100,000 rows take as long as 10,000 (SetBytes counts the whole input).
func BenchmarkLoadCSV100kRowsBounded(b *testing.B) {
	benchParse(b, "big.csv", csvRows(100000), Options{})
}

func BenchmarkLoadDDLChinook(b *testing.B) {
	benchParse(b, "chinook.sql#invoice", benchFixture(b, "realworld/chinook/Chinook_PostgreSql.sql"), Options{})
}

func BenchmarkLoadDDLSakila(b *testing.B) {
	benchParse(b, "sakila.sql#film", benchFixture(b, "realworld/sakila/postgres-sakila-schema.sql"), Options{})
}

func BenchmarkLoadAvroShoeCustomers(b *testing.B) {
	benchParse(b, "shoe_customers.avro", benchFixture(b, "realworld/kafka-datagen-avro/shoe_customers.avro"), Options{})
}

func BenchmarkLoadJSONL10kDocs(b *testing.B) {
	var sb strings.Builder
	for i := 0; i < 10000; i++ {
		fmt.Fprintf(&sb, `{"id":%d,"user":{"email":"u%d@x.io","tags":["a","b"]},"amount":%d.5,"at":"2024-05-01T10:00:00Z"}`+"\n", i, i, i)
	}
	benchParse(b, "e.jsonl", []byte(sb.String()), Options{})
}

func BenchmarkLoadYAMLSeam(b *testing.B) {
	benchParse(b, "customer.schema.yaml", benchFixture(b, "customer.schema.yaml"), Options{})
}

func BenchmarkLoadXLSXDataSheet(b *testing.B) {
	rows := [][]any{{"id", "name", "zip", "amount", "day"}}
	for i := 0; i < 2000; i++ {
		rows = append(rows, []any{i, fmt.Sprintf("name %d", i), fmt.Sprintf("%05d", i), float64(i) + 0.25, "2024-03-01"})
	}
	benchParse(b, "data.xlsx", xlsxBytes(b, map[string][][]any{"Data": rows}), Options{})
}
