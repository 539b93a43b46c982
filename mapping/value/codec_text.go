package value

import (
	"strconv"

	"github.com/shopspring/decimal"
)

// appendFast appends v's Text form, with fast paths for dates and
// decimals that fit in 18 digits (the common case when writing records).
func appendFast(b []byte, v Value) []byte {
	switch v.K {
	case Date:
		y, m, d := v.T.Date()
		if y >= 0 && y <= 9999 {
			return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
				byte('0'+int(m)/10), byte('0'+int(m)%10), '-', byte('0'+d/10), byte('0'+d%10))
		}
	case Decimal:
		return appendDecimal(b, v.D)
	default:
	}
	return v.AppendText(b)
}

var pow10 = [...]int64{1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
	10000000000, 100000000000, 1000000000000, 10000000000000, 100000000000000, 1000000000000000,
	10000000000000000, 100000000000000000, 1000000000000000000}

// appendDecimal writes d like d.String(): shortest exact form, no
// exponent, trailing fractional zeros dropped.
func appendDecimal(b []byte, d decimal.Decimal) []byte {
	if d.NumDigits() > 18 {
		return append(b, d.String()...)
	}
	c, exp := d.CoefficientInt64(), d.Exponent()
	if exp >= 0 {
		if exp > 18 || c > 0 && c > (1<<63-1)/pow10[exp] || c < 0 && c < -(1<<63-1)/pow10[exp] {
			return append(b, d.String()...)
		}
		return strconv.AppendInt(b, c*pow10[exp], 10)
	}
	for exp < 0 && c%10 == 0 && c != 0 {
		c /= 10
		exp++
	}
	if c == 0 {
		return append(b, '0')
	}
	if exp == 0 {
		return strconv.AppendInt(b, c, 10)
	}
	if -exp > 18 {
		return append(b, d.String()...)
	}
	if c < 0 {
		b = append(b, '-')
		c = -c
	}
	p := pow10[-exp]
	b = strconv.AppendInt(b, c/p, 10)
	b = append(b, '.')
	frac := c % p
	// zero-pad the fraction to -exp digits
	var tmp [20]byte
	t := strconv.AppendInt(tmp[:0], frac, 10)
	for i := len(t); i < int(-exp); i++ {
		b = append(b, '0')
	}
	return append(b, t...)
}
