// Package value holds seam's runtime values. Absent (the key is missing),
// Null (present with no value) and Empty (the empty string) are three
// different values everywhere: in records, in transforms and in reports.
package value

import (
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Kind is the dynamic type of a Value.
type Kind uint8

// Kinds. The zero Kind is Absent, so a zero Value is absent.
const (
	Absent Kind = iota
	Null
	String
	Int
	Decimal
	Float
	Bool
	Date        // calendar date, T at 00:00 UTC
	Time        // time of day, T on 0000-01-01 UTC
	Timestamp   // no zone: T's wall clock, location UTC
	TimestampTZ // zoned instant
	Bytes
	Object
	Array
)

var kindNames = [...]string{"absent", "null", "string", "integer", "decimal", "float", "boolean", "date", "time", "timestamp", "timestamptz", "binary", "object", "array"}

// String names the kind with the schema type names of SPEC.md.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Value is one scalar or composite value. Only the member that Kind names
// is meaningful.
type Value struct {
	K   Kind
	S   string          // String, Bytes (raw bytes)
	I   int64           // Int; Bool as 0/1
	F   float64         // Float
	D   decimal.Decimal // Decimal
	T   time.Time       // Date, Time, Timestamp, TimestampTZ
	Obj *Record         // Object
	Arr []Value         // Array
}

// Constructors.

// Str returns a string value ("" is Empty, not Null).
func Str(s string) Value { return Value{K: String, S: s} }

// IntV returns an integer value.
func IntV(i int64) Value { return Value{K: Int, I: i} }

// Dec returns a decimal value.
func Dec(d decimal.Decimal) Value { return Value{K: Decimal, D: d} }

// FloatV returns a float value.
func FloatV(f float64) Value { return Value{K: Float, F: f} }

// BoolV returns a boolean value.
func BoolV(b bool) Value {
	if b {
		return Value{K: Bool, I: 1}
	}
	return Value{K: Bool}
}

// NullV returns the null value.
func NullV() Value { return Value{K: Null} }

// TimeV returns a temporal value of kind k (Date, Time, Timestamp or TimestampTZ).
func TimeV(k Kind, t time.Time) Value { return Value{K: k, T: t} }

// IsAbsent reports a missing key.
func (v Value) IsAbsent() bool { return v.K == Absent }

// IsNull reports an explicit null.
func (v Value) IsNull() bool { return v.K == Null }

// IsMissing reports absent or null.
func (v Value) IsMissing() bool { return v.K == Absent || v.K == Null }

// IsEmpty reports the empty string.
func (v Value) IsEmpty() bool { return v.K == String && v.S == "" }

// Bool returns the boolean member.
func (v Value) Bool() bool { return v.I != 0 }

// Text renders the value as text for CSV cells and reports: absent and null
// are "", strings are themselves, numbers are shortest exact form, dates
// are ISO 8601.
func (v Value) Text() string {
	switch v.K {
	case Absent, Null:
		return ""
	case String, Bytes:
		return v.S // strings are immutable: no copy
	case Int:
		return strconv.FormatInt(v.I, 10)
	case Decimal:
		return v.D.String()
	case Bool:
		return strconv.FormatBool(v.I != 0)
	default:
	}
	return string(v.AppendText(nil))
}

// AppendText appends the Text form to b.
func (v Value) AppendText(b []byte) []byte {
	switch v.K {
	case String, Bytes:
		return append(b, v.S...)
	case Int:
		return strconv.AppendInt(b, v.I, 10)
	case Decimal:
		return append(b, v.D.String()...)
	case Float:
		return strconv.AppendFloat(b, v.F, 'f', -1, 64)
	case Bool:
		return strconv.AppendBool(b, v.I != 0)
	case Date:
		return v.T.AppendFormat(b, "2006-01-02")
	case Time:
		return v.T.AppendFormat(b, "15:04:05.999999999")
	case Timestamp:
		return v.T.AppendFormat(b, "2006-01-02T15:04:05.999999999")
	case TimestampTZ:
		return v.T.AppendFormat(b, time.RFC3339Nano)
	case Object:
		return append(b, "{object}"...)
	case Array:
		return append(b, "[array]"...)
	default:
	}
	return b
}

// Equal reports whether two values are the same kind and value.
func (v Value) Equal(w Value) bool {
	if v.K != w.K {
		return false
	}
	switch v.K {
	case Absent, Null:
		return true
	case String, Bytes:
		return v.S == w.S
	case Int, Bool:
		return v.I == w.I
	case Decimal:
		return v.D.Equal(w.D)
	case Float:
		return v.F == w.F
	case Date, Time, Timestamp, TimestampTZ:
		return v.T.Equal(w.T)
	case Object:
		if v.Obj == nil || w.Obj == nil {
			return v.Obj == w.Obj
		}
		return v.Obj.Equal(w.Obj)
	case Array:
		if len(v.Arr) != len(w.Arr) {
			return false
		}
		for i := range v.Arr {
			if !v.Arr[i].Equal(w.Arr[i]) {
				return false
			}
		}
		return true
	}
	return false
}

// Record is an ordered set of named values. Keys holds the names, Vals the
// values at the same index; a name not in Keys is Absent. Records read from
// one file share their Keys slice, so do not modify it in place.
type Record struct {
	Keys []string
	Vals []Value
}

// NewRecord returns a record with the given keys, every value Absent.
func NewRecord(keys []string) *Record {
	return &Record{Keys: keys, Vals: make([]Value, len(keys))}
}

// Index returns the position of key, or -1.
func (r *Record) Index(key string) int {
	for i, k := range r.Keys {
		if k == key {
			return i
		}
	}
	return -1
}

// Get returns the value under key, Absent when there is none.
func (r *Record) Get(key string) Value {
	if i := r.Index(key); i >= 0 {
		return r.Vals[i]
	}
	return Value{}
}

// Set stores v under key, appending the key when it is new.
func (r *Record) Set(key string, v Value) {
	if i := r.Index(key); i >= 0 {
		r.Vals[i] = v
		return
	}
	r.Keys = append(r.Keys[:len(r.Keys):len(r.Keys)], key)
	r.Vals = append(r.Vals, v)
}

// Len returns the number of keys.
func (r *Record) Len() int { return len(r.Keys) }

// Equal compares keys and values in order.
func (r *Record) Equal(o *Record) bool {
	if len(r.Keys) != len(o.Keys) {
		return false
	}
	for i := range r.Keys {
		if r.Keys[i] != o.Keys[i] || !r.Vals[i].Equal(o.Vals[i]) {
			return false
		}
	}
	return true
}

// Path returns the value at a dotted path ("customer.address.city") through
// nested objects; "items[]" segments are not resolved here (Absent). Where
// a segment is no object, the rest of the path is tried as one key, so a
// key holding a dot ("Weight.kg", a CSV header) is read whole.
func (r *Record) Path(path string) Value {
	v := r.path(path)
	if v.K == Absent && strings.IndexByte(path, '.') > 0 {
		// {"meta": {...}, "meta.key": "k1"}: the whole key, as the engine
		// reads a source field so named
		if j := r.Index(path); j >= 0 {
			return r.Vals[j]
		}
	}
	return v
}

func (r *Record) path(path string) Value {
	cur := r
	start := 0
	for i := 0; i <= len(path); i++ {
		if i == len(path) || path[i] == '.' {
			v := cur.Get(path[start:i])
			if i == len(path) {
				return v
			}
			if v.K != Object || v.Obj == nil {
				// a key that holds a dot ("Weight.kg", a CSV header) is
				// read whole
				if j := cur.Index(path[start:]); j >= 0 {
					return cur.Vals[j]
				}
				return Value{}
			}
			cur = v.Obj
			start = i + 1
		}
	}
	return Value{}
}
