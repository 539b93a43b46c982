package transform

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func TestRender(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in   any
		want string
	}{
		{nil, `null`},
		{"", `""`},
		{"a\"b\n", `"a\"b\n"`},
		{42, `42`},
		{int64(-7), `-7`},
		{decimal.RequireFromString("99325.10"), `99325.1`},
		{decimal.RequireFromString("1E+3"), `1000`},
		{decimal.RequireFromString("-0.000"), `0`},
		{decimal.New(5, -20), `0.00000000000000000005`},
		{tenth() + 2*tenth(), `0.30000000000000004`},
		{true, `true`},
		{time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), `2024-02-29`},
		{time.Date(2024, 2, 29, 0, 0, 0, 1, time.UTC), `2024-02-29T00:00:00.000000001Z`},
		{time.Date(2024, 3, 31, 3, 30, 0, 0, berlin), `2024-03-31T03:30:00+02:00`},
		{map[string]any{"b": 1, "a": []any{"x", nil}}, `{"a": ["x", null], "b": 1}`},
		{struct{}{}, `struct {}`},
	}
	for _, tt := range tests {
		if got := Render(tt.in); got != tt.want {
			t.Errorf("Render(%#v) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func tenth() float64 { return 0.1 }
