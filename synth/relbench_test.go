package synth

import (
	"context"
	"io"
	"testing"

	"github.com/seamhq/seam/mapping/schema"
)

const benchDDL = `CREATE TABLE customers (
  customer_id INTEGER PRIMARY KEY,
  name VARCHAR(60) NOT NULL,
  email VARCHAR(120),
  created_at TIMESTAMP NOT NULL
);
CREATE TABLE orders (
  order_id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(customer_id),
  ordered_at DATE NOT NULL,
  shipped_at DATE,
  total DECIMAL(10,2) NOT NULL,
  currency CHAR(3) NOT NULL
);
CREATE TABLE order_lines (
  order_id INTEGER NOT NULL REFERENCES orders(order_id),
  line_no INTEGER NOT NULL,
  sku VARCHAR(20) NOT NULL,
  quantity INTEGER NOT NULL,
  unit_price DECIMAL(10,2) NOT NULL,
  PRIMARY KEY (order_id, line_no)
);`

func benchSchemas(b *testing.B) []*schema.Schema {
	var ss []*schema.Schema
	for _, n := range []string{"customers", "orders", "order_lines"} {
		s, err := schema.Parse("shop.sql#"+n, []byte(benchDDL), schema.Options{})
		if err != nil {
			b.Fatal(err)
		}
		ss = append(ss, s)
	}
	return ss
}

// BenchmarkDatasetLines: order lines with their orders and customers,
// per line: 1..20 lines per order (10.5 on average, as in the Northwind
// plan), one customer per 10 orders.
func BenchmarkDatasetLines(b *testing.B) { benchLines(b, 1, 20) }

// BenchmarkDatasetLinesFew: 1..3 lines per order: a parent row for every
// two lines.
func BenchmarkDatasetLinesFew(b *testing.B) { benchLines(b, 1, 3) }

func benchLines(b *testing.B, lo, hi int) {
	ss := benchSchemas(b)
	avg := float64(lo+hi) / 2
	orders := int64(float64(b.N)/avg) + 1
	d, err := NewDataset(ss, orders)
	if err != nil {
		b.Fatal(err)
	}
	d.Table("customers").Rows = orders/10 + 1
	d.Table("order_lines").Card = Card{Min: lo, Max: hi}
	b.ResetTimer()
	err = WriteDataset(context.Background(), d, DatasetPlan{Plan: Plan{EdgeRate: 0.05}}, 1, "csv",
		DatasetSink{Open: func(string) (io.Writer, error) { return io.Discard, nil }})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkOneTableLines: the same order_lines table alone, per row.
func BenchmarkOneTableLines(b *testing.B) {
	ss := benchSchemas(b)
	b.ResetTimer()
	if err := Write(context.Background(), ss[2], Plan{Rows: int64(b.N), EdgeRate: 0.05}, 1, io.Discard, "csv", nil, nil); err != nil {
		b.Fatal(err)
	}
}
