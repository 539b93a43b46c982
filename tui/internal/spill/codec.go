package spill

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/big"
	"slices"
	"time"
	"unsafe"

	"github.com/seamhq/seam/mapping/value"
	"github.com/shopspring/decimal"
)

// A value is encoded as its kind (one byte) and then:
//
//	String, Bytes    uvarint length, bytes
//	Int, Bool        varint
//	Float            8 bytes, IEEE 754 bits, little endian
//	Decimal          varint exponent; a small coefficient as 0, varint;
//	                 a big one as 1 (2 when negative), uvarint length, bytes
//	Date … Time TZ   varint Unix seconds, uvarint nanoseconds; TimestampTZ
//	                 then varint zone offset in seconds, zone name as a string
//	Object           a record: uvarint keys+1 (0: nil), each key and value
//	Array            uvarint length+1 (0: nil), each value
//
// A top-level record names its keys by a number in a Keys table instead
// (the keys of a dataset are the same slice in every row).

// ErrCorrupt is returned when an entry cannot be decoded.
var ErrCorrupt = errors.New("spill: corrupt entry")

// Keys interns the key lists of top-level records: each distinct list
// once, named by its index.
type Keys struct {
	lists [][]string
	byPtr map[*string]int
}

// ID returns the number of keys, adding it when new.
func (k *Keys) ID(keys []string) int {
	if k.byPtr == nil {
		k.byPtr = map[*string]int{}
	}
	p := unsafe.SliceData(keys)
	if id, ok := k.byPtr[p]; ok && len(k.lists[id]) == len(keys) {
		return id
	}
	for id, l := range k.lists {
		if slices.Equal(l, keys) {
			if p != nil {
				k.byPtr[p] = id
			}
			return id
		}
	}
	k.lists = append(k.lists, keys)
	id := len(k.lists) - 1
	if p != nil {
		k.byPtr[p] = id
	}
	return id
}

// List returns the keys numbered id, nil when unknown.
func (k *Keys) List(id int) []string {
	if id < 0 || id >= len(k.lists) {
		return nil
	}
	return k.lists[id]
}

// AppendUint appends a uvarint.
func AppendUint(b []byte, n uint64) []byte { return binary.AppendUvarint(b, n) }

// AppendInt appends a varint.
func AppendInt(b []byte, n int64) []byte { return binary.AppendVarint(b, n) }

// AppendString appends a length and the bytes of s.
func AppendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// AppendRecord appends a top-level record (nil allowed) with its keys
// numbered in ks.
func AppendRecord(b []byte, ks *Keys, r *value.Record) []byte {
	if r == nil {
		return binary.AppendUvarint(b, 0)
	}
	b = binary.AppendUvarint(b, uint64(ks.ID(r.Keys))+1)
	b = binary.AppendUvarint(b, uint64(len(r.Vals)))
	for i := range r.Vals {
		b = AppendValue(b, &r.Vals[i])
	}
	return b
}

// AppendValue appends one value.
func AppendValue(b []byte, v *value.Value) []byte {
	b = append(b, byte(v.K))
	switch v.K {
	case value.Absent, value.Null:
	case value.String, value.Bytes:
		b = AppendString(b, v.S)
	case value.Int, value.Bool:
		b = binary.AppendVarint(b, v.I)
	case value.Float:
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v.F))
	case value.Decimal:
		b = binary.AppendVarint(b, int64(v.D.Exponent()))
		c := v.D.Coefficient()
		if c.IsInt64() {
			b = append(b, 0)
			b = binary.AppendVarint(b, c.Int64())
		} else {
			tag := byte(1)
			if c.Sign() < 0 {
				tag = 2
			}
			b = append(b, tag)
			bs := c.Bytes()
			b = binary.AppendUvarint(b, uint64(len(bs)))
			b = append(b, bs...)
		}
	case value.Date, value.Time, value.Timestamp, value.TimestampTZ:
		b = binary.AppendVarint(b, v.T.Unix())
		b = binary.AppendUvarint(b, uint64(v.T.Nanosecond()))
		if v.K == value.TimestampTZ {
			name, off := v.T.Zone()
			b = binary.AppendVarint(b, int64(off))
			if v.T.Location() == time.UTC {
				name = ""
			}
			b = AppendString(b, name)
		}
	case value.Object:
		if v.Obj == nil {
			return binary.AppendUvarint(b, 0)
		}
		b = binary.AppendUvarint(b, uint64(len(v.Obj.Keys))+1)
		for i, k := range v.Obj.Keys {
			b = AppendString(b, k)
			var x value.Value
			if i < len(v.Obj.Vals) {
				x = v.Obj.Vals[i]
			}
			b = AppendValue(b, &x)
		}
	case value.Array:
		if v.Arr == nil {
			return binary.AppendUvarint(b, 0)
		}
		b = binary.AppendUvarint(b, uint64(len(v.Arr))+1)
		for i := range v.Arr {
			b = AppendValue(b, &v.Arr[i])
		}
	}
	return b
}

// Decoder reads what the Append functions wrote.
type Decoder struct {
	B   []byte
	Err error
}

func (d *Decoder) fail(what string) {
	if d.Err == nil {
		d.Err = fmt.Errorf("%w: %s", ErrCorrupt, what)
	}
	d.B = nil
}

// Uint reads a uvarint.
func (d *Decoder) Uint() uint64 {
	n, k := binary.Uvarint(d.B)
	if k <= 0 {
		d.fail("uvarint")
		return 0
	}
	d.B = d.B[k:]
	return n
}

// Int reads a varint.
func (d *Decoder) Int() int64 {
	n, k := binary.Varint(d.B)
	if k <= 0 {
		d.fail("varint")
		return 0
	}
	d.B = d.B[k:]
	return n
}

// Byte reads one byte.
func (d *Decoder) Byte() byte {
	if len(d.B) < 1 {
		d.fail("byte")
		return 0
	}
	c := d.B[0]
	d.B = d.B[1:]
	return c
}

// String reads a string.
func (d *Decoder) String() string {
	n := d.Uint()
	if uint64(len(d.B)) < n {
		d.fail("string")
		return ""
	}
	s := string(d.B[:n])
	d.B = d.B[n:]
	return s
}

// Record reads a top-level record with its keys from ks (nil for nil).
func (d *Decoder) Record(ks *Keys) *value.Record {
	id := d.Uint()
	if id == 0 || d.Err != nil {
		return nil
	}
	n := d.Uint()
	if n > uint64(len(d.B)) {
		d.fail("record length")
		return nil
	}
	r := &value.Record{Keys: ks.List(int(id - 1)), Vals: make([]value.Value, n)}
	for i := range r.Vals {
		d.Value(&r.Vals[i])
	}
	return r
}

// Value reads one value into v.
func (d *Decoder) Value(v *value.Value) {
	if d.Err != nil {
		return
	}
	v.K = value.Kind(d.Byte())
	switch v.K {
	case value.Absent, value.Null:
	case value.String, value.Bytes:
		v.S = d.String()
	case value.Int, value.Bool:
		v.I = d.Int()
	case value.Float:
		if len(d.B) < 8 {
			d.fail("float")
			return
		}
		v.F = math.Float64frombits(binary.LittleEndian.Uint64(d.B))
		d.B = d.B[8:]
	case value.Decimal:
		exp := int32(d.Int())
		switch d.Byte() {
		case 0:
			v.D = decimal.New(d.Int(), exp)
		case 1:
			v.D = decimal.NewFromBigInt(d.bigInt(), exp)
		case 2:
			c := d.bigInt()
			v.D = decimal.NewFromBigInt(c.Neg(c), exp)
		default:
			d.fail("decimal")
		}
	case value.Date, value.Time, value.Timestamp, value.TimestampTZ:
		sec, ns := d.Int(), d.Uint()
		t := time.Unix(sec, int64(ns)).UTC()
		if v.K == value.TimestampTZ {
			off, name := int(d.Int()), d.String()
			if name != "" || off != 0 {
				t = t.In(time.FixedZone(name, off))
			}
		}
		v.T = t
	case value.Object:
		n := d.Uint()
		if n == 0 {
			return
		}
		n--
		if n > uint64(len(d.B)) {
			d.fail("object length")
			return
		}
		r := &value.Record{Keys: make([]string, n), Vals: make([]value.Value, n)}
		for i := range r.Keys {
			r.Keys[i] = d.String()
			d.Value(&r.Vals[i])
		}
		v.Obj = r
	case value.Array:
		n := d.Uint()
		if n == 0 {
			return
		}
		n--
		if n > uint64(len(d.B)) {
			d.fail("array length")
			return
		}
		v.Arr = make([]value.Value, n)
		for i := range v.Arr {
			d.Value(&v.Arr[i])
		}
	default:
		d.fail("kind")
	}
}

func (d *Decoder) bigInt() *big.Int {
	n := d.Uint()
	if uint64(len(d.B)) < n {
		d.fail("decimal")
		return new(big.Int)
	}
	c := new(big.Int).SetBytes(d.B[:n])
	d.B = d.B[n:]
	return c
}
