package check

import "strings"

// Hand-written fast paths of the per-row detectors (checked against the
// general code in fastpath_test.go).

// smallDecimal reads plain decimal text ([+-]digits[.digits], at most 18
// digits, no exponent) as coefficient * 10^exp with trailing zeros of the
// fraction dropped; ok is false for anything else (the caller falls back
// to a full decimal parse).
func smallDecimal(s string) (c int64, exp int32, ok bool) {
	if s == "" {
		return 0, 0, false
	}
	neg := false
	switch s[0] {
	case '-':
		neg, s = true, s[1:]
	case '+':
		s = s[1:]
	}
	digits, dot, frac := 0, false, int32(0)
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; {
		case ch >= '0' && ch <= '9':
			digits++
			if digits > 18 {
				return 0, 0, false
			}
			c = c*10 + int64(ch-'0')
			if dot {
				frac++
			}
		case ch == '.' && !dot:
			dot = true
		default:
			return 0, 0, false
		}
	}
	if digits == 0 {
		return 0, 0, false
	}
	for frac > 0 && c%10 == 0 {
		c /= 10
		frac--
	}
	if c == 0 {
		frac = 0
	}
	if neg {
		c = -c
	}
	return c, -frac, true
}

// validEmail is reEmail (^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$) without the
// regexp machinery: a non-empty local part, one '@', then at least two
// non-empty dot-separated labels; no whitespace (RE2's \s: \t \n \f \r
// and space) anywhere.
func validEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	if at <= 0 {
		return false
	}
	for i := 0; i < at; i++ {
		if isRESpace(s[i]) {
			return false
		}
	}
	labels, n := 0, 0
	for i := at + 1; i <= len(s); i++ {
		if i == len(s) || s[i] == '.' {
			if n == 0 {
				return false
			}
			labels++
			n = 0
			continue
		}
		if s[i] == '@' || isRESpace(s[i]) {
			return false
		}
		n++
	}
	return labels >= 2
}

func isRESpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}
