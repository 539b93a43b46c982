package transform

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Render prints an expression result unambiguously, the way docs, examples
// and previews show it:
//
//	nil            null
//	string         "quoted" (Go/JSON escapes), so "" and null differ
//	int            42
//	decimal        shortest exact form: 99325.1, 0.3 (never an exponent)
//	float          shortest round-trip form: 0.30000000000000004
//	bool           true / false
//	time.Time      2024-02-29 when it is 00:00:00 UTC (a date), otherwise
//	               RFC 3339 with the offset: 2024-03-31T03:30:00+02:00
//	map[string]any {"first": "Ada", "last": "Lovelace"} with sorted keys
//	[]any          ["a", "b"]
func Render(v any) string {
	var b strings.Builder
	render(&b, v)
	return b.String()
}

// renderSeq writes n items between the brackets of pair ("[]" or "{}"),
// separated by ", ".
func renderSeq(b *strings.Builder, pair string, n int, item func(i int)) {
	b.WriteByte(pair[0])
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		item(i)
	}
	b.WriteByte(pair[1])
}

func render(b *strings.Builder, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case string:
		b.WriteString(strconv.Quote(x))
	case int:
		b.WriteString(strconv.Itoa(x))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case int32, int16, int8, uint8, uint16, uint32:
		n, _ := asInt(x)
		b.WriteString(strconv.Itoa(n))
	case uint64:
		b.WriteString(strconv.FormatUint(x, 10))
	case uint:
		b.WriteString(strconv.FormatUint(uint64(x), 10))
	case decimal.Decimal:
		b.WriteString(decString(x))
	case float64:
		b.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
	case float32:
		b.WriteString(strconv.FormatFloat(float64(x), 'g', -1, 32))
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case time.Time:
		b.WriteString(renderTime(x))
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		renderSeq(b, "{}", len(keys), func(i int) {
			b.WriteString(strconv.Quote(keys[i]))
			b.WriteString(": ")
			render(b, x[keys[i]])
		})
	case []any:
		renderSeq(b, "[]", len(x), func(i int) { render(b, x[i]) })
	case []string:
		renderSeq(b, "[]", len(x), func(i int) { b.WriteString(strconv.Quote(x[i])) })
	default:
		b.WriteString(typeName(v))
	}
}

// decString is the shortest exact plain form of d: trailing fractional
// zeros dropped, no exponent.
func decString(d decimal.Decimal) string {
	s := d.String()
	if strings.IndexByte(s, '.') >= 0 {
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ".")
	}
	return s
}

func renderTime(t time.Time) string {
	if t.Location() == time.UTC && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format(time.RFC3339Nano)
}
