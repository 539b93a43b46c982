package schema

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
)

// checkPattern decides what to do with a declared pattern. Schemas write
// ECMA-262 regular expressions (JSON Schema, OpenAPI) and seam runs
// Go's RE2. A pattern RE2 compiles is kept. One that uses what RE2 does
// not have although ECMA-262 does (lookahead, lookbehind,
// backreferences) is kept as documentation with a note ("not checked"),
// because the schema is valid: no check tests values against it (they
// skip patterns RE2 cannot compile). A syntactically broken pattern
// ("[unclosed") is an error, returned as the reason and what was
// expected.
func checkPattern(p string) (note string, err error) {
	if _, err := regexp.Compile(jsToRE2(p)); err == nil {
		return "", nil
	} else if ecmaOnly(p, err) {
		return "pattern not checked: it uses lookaround or backreferences, which Go's RE2 cannot run", nil
	} else {
		msg := err.Error()
		var se *syntax.Error
		if errors.As(err, &se) {
			msg = fmt.Sprintf("%s in %q", se.Code, se.Expr)
		}
		return "", fmt.Errorf("invalid pattern %q: %s; expected a regular expression", p, msg)
	}
}

// jsToRE2 rewrites the ECMA-262 escapes RE2 spells differently:
// \uXXXX and \u{X...} become \x{...}.
func jsToRE2(p string) string {
	if !strings.Contains(p, `\u`) {
		return p
	}
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if p[i] == '\\' && i+1 < len(p) {
			if p[i+1] == 'u' {
				if i+6 <= len(p) && isHex(p[i+2:i+6]) {
					b.WriteString(`\x{` + p[i+2:i+6] + `}`)
					i += 5
					continue
				}
				if i+2 < len(p) && p[i+2] == '{' {
					if end := strings.IndexByte(p[i+3:], '}'); end > 0 && isHex(p[i+3:i+3+end]) {
						b.WriteString(`\x{` + p[i+3:i+3+end] + `}`)
						i += 3 + end
						continue
					}
				}
			}
			b.WriteString(p[i : i+2])
			i++
			continue
		}
		b.WriteByte(p[i])
	}
	return b.String()
}

func isHex(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// ecmaOnly reports a compile error caused by ECMA-262 syntax RE2 lacks:
// (?= (?! (?<= (?<! and \1..\9 backreferences. The rest of the
// pattern must compile once those are taken out.
func ecmaOnly(p string, err error) bool {
	var se *syntax.Error
	if !errors.As(err, &se) {
		return false
	}
	if se.Code != syntax.ErrInvalidPerlOp && se.Code != syntax.ErrInvalidEscape && se.Code != syntax.ErrMissingParen && se.Code != syntax.ErrUnexpectedParen {
		return false
	}
	q := jsToRE2(p)
	for _, op := range []string{"(?<=", "(?<!", "(?=", "(?!"} {
		q = strings.ReplaceAll(q, op, "(?:")
	}
	q = backref.ReplaceAllString(q, "$1")
	if q == jsToRE2(p) {
		return false
	}
	_, err2 := regexp.Compile(q)
	return err2 == nil
}

// backref matches \1..\9 not preceded by another backslash.
var backref = regexp.MustCompile(`((?:^|[^\\])(?:\\\\)*)\\[1-9]`)

// wholeNumber reads a length, precision or scale: a whole number from 0
// to 2^31-1 as written in a document ("1e400" and "-1" are errors).
func wholeNumber(n *node) (int, error) {
	if n.kind != nNum {
		return 0, fmt.Errorf("found %s; expected a whole number", n.kind)
	}
	f, err := strconv.ParseFloat(n.s, 64)
	if err != nil || math.IsInf(f, 0) || f != math.Trunc(f) || f < 0 || f > math.MaxInt32 {
		return 0, fmt.Errorf("%s is not a whole number from 0 to %d", n.s, math.MaxInt32)
	}
	return int(f), nil
}

// finiteNumber reads a bound (minimum, maximum): a number within the
// float64 range.
func finiteNumber(n *node) (float64, error) {
	if n.kind != nNum {
		return 0, fmt.Errorf("found %s; expected a number", n.kind)
	}
	f, err := strconv.ParseFloat(n.s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, fmt.Errorf("%s is out of range; expected a finite number", n.s)
	}
	return f, nil
}
