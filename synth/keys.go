package synth

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
	"github.com/shopspring/decimal"
)

// keyCodec turns a 1-based row index into the value of a key column and
// back, so that a parent's keys need no memory: a child computes the key
// of parent row p from p. Integer keys are the index; text keys are
// letters (a bijective scramble of the index, as wide as the column allows
// up to 8); UUIDs are derived from the table, column, seed and index.
type keyCodec struct {
	f     *schema.Field
	kind  keyKind
	width int    // text keys: number of letters
	mod   uint64 // 26^width
	mult  uint64 // odd, coprime with 26: the scramble
	ns    uuid.UUID
	max   int64 // largest index the column can hold
}

type keyKind uint8

const (
	keyInt keyKind = iota
	keyDecimal
	keyText
	keyUUID
)

// keyScramble is prime and coprime with 26, so i*keyScramble mod 26^w is
// a bijection on 0..26^w-1.
const keyScramble = 1000003

// newKeyCodec prepares the codec of key column f of a table of up to n
// rows; it fails when the column cannot hold n distinct keys.
func newKeyCodec(table string, f *schema.Field, n int64, seed int64) (*keyCodec, error) {
	k := &keyCodec{f: f}
	switch {
	case f.Type == schema.Integer:
		k.kind = keyInt
		k.max = math.MaxInt64
		switch f.Bits {
		case 16:
			k.max = math.MaxInt16
		case 32:
			k.max = math.MaxInt32
		}
		if f.Max != nil && *f.Max < float64(k.max) {
			k.max = int64(*f.Max)
		}
	case f.Type == schema.Decimal || f.Type == schema.Float:
		k.kind = keyDecimal
		k.max = 1 << 53
		if f.Precision != nil {
			sc := 0
			if f.Scale != nil {
				sc = *f.Scale
			}
			if d := *f.Precision - sc; d < 18 {
				k.max = int64(math.Pow10(d)) - 1
			}
		}
	case f.Type == schema.UUID || strings.EqualFold(f.Format, "uuid"):
		k.kind = keyUUID
		k.max = math.MaxInt64
		h := fnv.New128a()
		fmt.Fprintf(h, "%s.%s/%d", table, f.Name, seed)
		copy(k.ns[:], h.Sum(nil))
	case f.Type == schema.String:
		k.kind = keyText
		k.width = 8
		if f.MaxLength != nil && *f.MaxLength < k.width {
			k.width = *f.MaxLength
		}
		if f.MinLength != nil && *f.MinLength > k.width {
			return nil, fmt.Errorf("%w: key %s.%s needs at least %d characters; seam writes keys of up to 8 letters", ErrDataset, table, f.Name, *f.MinLength)
		}
		k.mod = 1
		for range k.width {
			k.mod *= 26
		}
		k.mult = keyScramble % k.mod
		for k.mult%2 == 0 || k.mult%13 == 0 {
			k.mult++
		}
		k.max = int64(k.mod)
	default:
		return nil, fmt.Errorf("%w: key %s.%s is %s; seam generates integer, decimal, text and UUID keys", ErrDataset, table, f.Name, f.Type)
	}
	if n > k.max {
		return nil, fmt.Errorf("%w: key %s.%s (%s) holds at most %d distinct values; %d rows were asked for", ErrDataset, table, f.Name, typeName(f), k.max, n)
	}
	return k, nil
}

func typeName(f *schema.Field) string {
	if f.MaxLength != nil {
		return string(f.Type) + "(" + strconv.Itoa(*f.MaxLength) + ")"
	}
	if f.Bits != 0 {
		return string(f.Type) + "(" + strconv.Itoa(f.Bits) + ")"
	}
	return string(f.Type)
}

// key returns the key of row i (1-based).
func (k *keyCodec) key(i int64) value.Value {
	switch k.kind {
	case keyInt:
		return value.IntV(i)
	case keyDecimal:
		return value.Dec(decimal.NewFromInt(i))
	case keyUUID:
		var b [8]byte
		binary.BigEndian.PutUint64(b[:], uint64(i))
		return value.Str(uuid.NewSHA1(k.ns, b[:]).String())
	default:
		x := (uint64(i-1) * k.mult) % k.mod
		b := make([]byte, k.width)
		for j := k.width - 1; j >= 0; j-- {
			b[j] = byte('A' + x%26)
			x /= 26
		}
		return value.Str(string(b))
	}
}

// missing returns the j-th key no row has (j >= 0): a negative integer,
// a text key of digits (generated keys are letters), the nil-prefixed
// UUID. rows is the number of rows of the table.
func (k *keyCodec) missing(j int64, rows int64) value.Value {
	switch k.kind {
	case keyInt, keyDecimal:
		n := rows + 1 + j%1000
		if n > k.max {
			n = -(1 + j%1000)
		}
		if k.kind == keyDecimal {
			return value.Dec(decimal.NewFromInt(n))
		}
		return value.IntV(n)
	case keyUUID:
		return value.Str(fmt.Sprintf("00000000-0000-4000-8000-%012d", j%1000000000000))
	default:
		s := strconv.FormatInt(j%int64(math.Pow10(min(k.width, 18))), 10)
		if len(s) < k.width {
			s = strings.Repeat("0", k.width-len(s)) + s
		}
		return value.Str(s)
	}
}

// variant returns key v spelt differently in case only (text keys of
// letters); ok is false when the key has no such variant (integers,
// UUIDs, whose comparison ignores case in databases).
func (k *keyCodec) variant(v value.Value) (value.Value, bool) {
	if k.kind != keyText || v.K != value.String {
		return v, false
	}
	low := strings.ToLower(v.S)
	if low == v.S {
		return v, false
	}
	return value.Str(low), true
}
